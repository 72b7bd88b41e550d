/**
 * A student's hand-in from FleetLab's JupyterLite site (test/helpers/lite-site.ts: the built
 * site served by `fleetlab serve`'s server, in Debian's Chromium), and the site's host under
 * bad input.
 *
 * Hand-in: mission 01 runs; before part 1 is committed its lock answer shows nowhere a student
 * can read, neither in the page nor in the notebook saved to the browser's storage (the
 * matching of the headless withholding test, test/helpers/withheld.ts); after the commit it
 * does. The notebook downloaded with File > Download (the browser's download) carries the
 * lock record as desktop JupyterLab saves it, and `fleetlab grade` accepts it: the record
 * verifies, part 1 was committed before its results, and the committed part scores.
 *
 * Bad input: a lock journal in IndexedDB that is not JSON is reported in the cell that opens
 * the mission, kept aside under another key as it was stored, and a fresh commit works. A
 * worker script that throws as it starts leaves a kernel that says so in the cell instead of
 * hanging, and Kernel > Restart Kernel brings a working one.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Locator } from "playwright-core";
import { verifyLockRecord, type LockRecordJson } from "../../src/kernel-widgets/lock-record";
import { missionById } from "../../src/mission/find-mission";
import { answerKey } from "../../src/mission/grading/answer-key";
import { WITHHELD_NOTE } from "../../src/mission/session/session";
import { LOCK_RECORD_MIME } from "../../src/widget-contract/traits";
import { chromiumMissing } from "../helpers/chromium";
import { commitPrediction, waitFor, type NotebookJson } from "../helpers/jupyterlab";
import { REPO, startLiteSite, type LitePage, type LiteSite } from "../helpers/lite-site";
import { whenAvailable } from "../helpers/requires";
import { sightings } from "../helpers/withheld";

const MISSION_01 = "01_ml_intro.ipynb";
const JOURNAL_01 = "fleetlab//journal/locks-01_ml_intro"; // stored-records.ts: a notebook at the drive's root
/** Widget models a student sets: their values are input, not results (as the headless test leaves out). */
const INPUT_MODELS = new Set(["SliderModel", "ToggleModel", "ChoiceModel", "NumberInputModel", "PredictionLockModel", "ReflectModel"]);

const describeBrowser = whenAvailable(chromiumMissing(), "JupyterLite hand-in tests").describe;

/** What a student can read of the notebook's outputs on screen: no authored markdown, no cell source, no input widget. */
async function screenText(panel: Locator): Promise<string> {
  return panel.evaluate((root) => {
    type El = { cloneNode(deep: boolean): El; querySelectorAll(s: string): ArrayLike<El & { remove(): void; querySelector(s: string): unknown }>; textContent: string | null };
    const copy = (root as unknown as El).cloneNode(true);
    for (const e of Array.from(copy.querySelectorAll(".jp-InputArea, .jp-MarkdownCell, .jp-RenderedMarkdown"))) e.remove();
    for (const e of Array.from(copy.querySelectorAll(".fleetlab-widget:not(.fleetlab-box)"))) if (e.querySelector("input, textarea, select")) e.remove();
    return copy.textContent ?? "";
  });
}

/** What a student can read in the saved notebook: outputs (less the briefing's markdown) and widget states (less inputs). */
function savedReadable(nb: NotebookJson): unknown[] {
  const outputs = nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => !(o.output_type === "display_data" && o.data && "text/markdown" in o.data));
  const widgets = (nb.metadata.widgets as { [mime: string]: { state?: Record<string, { state?: { _model_name?: string } }> } } | undefined) ?? {};
  const states = Object.values(widgets).flatMap((w) => Object.values(w.state ?? {})).filter((m) => !INPUT_MODELS.has(m.state?._model_name ?? ""));
  return [outputs, states];
}

/** `fleetlab grade` (the CLI) on one notebook file: its grades.csv row and results.json. */
function grade(file: string): { row: { score: number; max: number; flags: string[] }; results: { tests: { name: string; status: string; score?: number }[] }; stderr: string } {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-lite-grade-"));
  const r = spawnSync(process.execPath, [path.join(REPO, "bin", "fleetlab.js"), "grade", file, "--out", out], { encoding: "utf8", timeout: 300_000 });
  if (r.status !== 0) throw new Error(`fleetlab grade failed (${r.status ?? r.signal}):\n${r.stderr}`);
  const [, line] = fs.readFileSync(path.join(out, "grades.csv"), "utf8").trim().split("\n");
  const [, , , score, max, flags] = line.split(",");
  const name = path.basename(file, ".ipynb");
  return {
    row: { score: Number(score), max: Number(max), flags: flags ? flags.split(" ") : [] },
    results: JSON.parse(fs.readFileSync(path.join(out, name, "results.json"), "utf8")),
    stderr: r.stderr,
  };
}

describeBrowser("a hand-in from FleetLab's JupyterLite site, and its host under bad input", () => {
  let site: LiteSite;
  let lab: LitePage;

  beforeAll(async () => {
    site = await startLiteSite();
  }, 15 * 60_000);

  afterAll(async () => {
    await site?.close();
  });

  afterEach(async () => {
    await lab?.close();
  });

  it("withholds part 1's answer until the commit, then hands in a download that fleetlab grade accepts and scores", async () => {
    lab = await site.openPage();
    const mission = missionById("01_ml_intro");
    const track = "cloud_titan";
    const part = mission.parts[0];
    const key = answerKey(mission, part.id, track).lock;
    if (typeof key.answer !== "number") throw new Error(`part ${part.id}'s lock is not a number lock`);
    const answer = key.answer;

    await lab.load();
    const { panel } = await lab.open(MISSION_01);
    expect(await lab.runAll(MISSION_01)).toBe(true);
    const parts = lab.parts(panel);
    await waitFor("every part's widgets", async () => ((await parts.count()) === mission.parts.length ? true : undefined), 60_000);
    const first = parts.first();
    expect((await first.textContent()) ?? "").toContain(WITHHELD_NOTE);

    // Before the commit: not on screen, not in the notebook saved to the browser's storage.
    expect({ onScreen: sightings(await screenText(panel), answer, key.unit) }).toEqual({ onScreen: [] });
    await lab.save(MISSION_01);
    expect({ saved: sightings(savedReadable(await lab.stored(MISSION_01)), answer, key.unit) }).toEqual({ saved: [] });

    // The commit opens the part: its results show the answer, on screen and once saved.
    await commitPrediction(first, part.lock.kind, answer);
    await waitFor("part 1's results after the commit", async () => (((await first.textContent()) ?? "").includes(WITHHELD_NOTE) ? undefined : true));
    await waitFor("part 1's answer on screen", async () => (sightings(await screenText(panel), answer, key.unit).length > 0 ? true : undefined));
    await lab.save(MISSION_01);
    expect(sightings(savedReadable(await lab.stored(MISSION_01)), answer, key.unit).length).toBeGreaterThan(0);

    // File > Download: the browser's download of the notebook, as a student hands it in.
    await lab.page.locator(".lm-MenuBar-itemLabel", { hasText: /^File$/ }).click();
    const [download] = await Promise.all([
      lab.page.waitForEvent("download", { timeout: 60_000 }),
      lab.page.locator(".lm-Menu-itemLabel", { hasText: /^Download$/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(MISSION_01);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-lite-hand-in-")), download.suggestedFilename());
    await download.saveAs(file);

    // The lock record travels as desktop JupyterLab saves it: one output of the mission's cell.
    const handedIn = JSON.parse(fs.readFileSync(file, "utf8")) as NotebookJson;
    const records = handedIn.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.data?.[LOCK_RECORD_MIME]);
    expect(records).toHaveLength(1);
    const record = records[0].data![LOCK_RECORD_MIME] as LockRecordJson;
    expect(verifyLockRecord(record)).toEqual({ ok: true });
    const partId = `${mission.id}.${part.id}`;
    const commit = record.events.find((e) => e.kind === "commit" && e.part === partId)!;
    expect(commit.value).toBe(answer);
    const revealed = record.events.find((e) => e.kind === "revealed" && e.part === partId);
    if (revealed) expect(commit.seq).toBeLessThan(revealed.seq);

    const graded = grade(file);
    expect(graded.row.flags).toEqual([]);
    expect(graded.results.tests.find((t) => t.name.startsWith("Part 1") && /commit/i.test(t.name))).toMatchObject({ status: "passed" });
    expect(graded.row.score).toBeGreaterThan(0);
    expect(lab.problems).toEqual([]);
  }, 10 * 60_000);

  it("reports a lock journal in IndexedDB that is not JSON, keeps it aside as stored, and takes a fresh commit", async () => {
    lab = await site.openPage();
    await lab.load();
    const damaged = ['{"seq":0,"time":'];
    // Written into the worker's database before any kernel starts (key-value.ts: database "fleetlab", store "records").
    const idb = (what: "put" | "entries", key: string, value?: unknown) => lab.page.evaluate(async ({ what, key, value }) => {
      type Req<T> = { result: T; error: unknown; onsuccess: (() => void) | null; onerror: (() => void) | null };
      type Store = { put(v: unknown, k: string): Req<unknown>; getAll(r: unknown): Req<unknown[]>; getAllKeys(r: unknown): Req<string[]> };
      type Db = { createObjectStore(n: string): void; transaction(n: string, m: string): { objectStore(n: string): Store; oncomplete: (() => void) | null } };
      const g = globalThis as unknown as { indexedDB: { open(n: string, v: number): Req<Db> & { onupgradeneeded: (() => void) | null } }; IDBKeyRange: { bound(a: string, b: string): unknown } };
      const done = <T>(r: Req<T>) => new Promise<T>((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
      const open = g.indexedDB.open("fleetlab", 1);
      open.onupgradeneeded = () => open.result.createObjectStore("records");
      const db = await done(open);
      if (what === "put") {
        const tx = db.transaction("records", "readwrite");
        const written = new Promise<void>((resolve) => { tx.oncomplete = resolve; });
        tx.objectStore("records").put(value, key);
        await written;
        return [];
      }
      const store = db.transaction("records", "readonly").objectStore("records");
      const range = g.IDBKeyRange.bound(key, `${key}\uffff`);
      const [keys, values] = await Promise.all([done(store.getAllKeys(range)), done(store.getAll(range))]);
      return keys.map((k, i) => [k, values[i]] as [string, unknown]);
    }, { what, key, value });
    await idb("put", JOURNAL_01, damaged);

    const { panel } = await lab.open(MISSION_01);
    expect(await lab.runAll(MISSION_01)).toBe(true);
    const report = panel.locator(".jp-OutputArea-output", { hasText: "could not be read" });
    await report.first().waitFor({ timeout: 60_000 });
    expect(await report.first().textContent()).toMatch(/saved lock record of this mission could not be read .*It was kept as fleetlab\/\/journal\/locks-01_ml_intro\.set-aside-/);

    const stored = await idb("entries", JOURNAL_01);
    const aside = stored.filter(([k]) => k.startsWith(`${JOURNAL_01}.set-aside-`));
    expect(aside.map(([, v]) => v)).toEqual([damaged]);

    const mission = missionById("01_ml_intro");
    const part = mission.parts[0];
    const parts = lab.parts(panel);
    await waitFor("every part's widgets", async () => ((await parts.count()) === mission.parts.length ? true : undefined), 60_000);
    await commitPrediction(parts.first(), part.lock.kind, answerKey(mission, part.id, "cloud_titan").lock.answer);
    await waitFor("the commit in the fresh journal", async () => {
      const fresh = (await idb("entries", JOURNAL_01)).find(([k]) => k === JOURNAL_01)?.[1] as string[] | undefined;
      return fresh?.some((l) => l.includes('"kind":"commit"')) ? true : undefined;
    });
    expect(lab.problems).toEqual([]);
  }, 10 * 60_000);

  it("reports a worker that throws as it starts, and Kernel > Restart Kernel brings a working kernel", async () => {
    lab = await site.openPage();
    let served = 0;
    await lab.page.route(/\/fleetlab\/worker\.js(\?|$)/, async (route) => {
      if (served++ > 0) return route.continue();
      await route.fulfill({ contentType: "text/javascript", body: 'throw new Error("the worker script is broken");' });
    });
    await lab.load();
    const { panel } = await lab.open(MISSION_01);
    expect(await lab.runAll(MISSION_01)).toBe(false);
    const failed = panel.locator(".jp-OutputArea-output", { hasText: "The FleetLab kernel stopped" }).first();
    await failed.waitFor({ timeout: 60_000 });
    expect(await failed.textContent()).toMatch(/the worker script is broken[\s\S]*Restart/);
    expect(served).toBe(1);
    // The failure is also logged (worker-kernel.ts), once; nothing else went wrong.
    expect(lab.problems.filter((p) => !/FleetLab kernel: .*the worker script is broken/.test(p))).toEqual([]);
    lab.problems.length = 0;

    // Not awaited in the page: the command resolves only once its dialog is answered.
    await lab.page.evaluate(() => void (globalThis as unknown as { jupyterapp: { commands: { execute(id: string): Promise<unknown> } } }).jupyterapp.commands.execute("kernelmenu:restart"));
    await lab.page.locator(".jp-Dialog .jp-mod-accept").click({ timeout: 30_000 });
    await lab.idle(MISSION_01);
    expect(await lab.runAll(MISSION_01)).toBe(true);
    expect(served).toBe(2);
    const mission = missionById("01_ml_intro");
    await waitFor("every part's widgets", async () => ((await lab.parts(panel).count()) === mission.parts.length ? true : undefined), 60_000);
    expect(lab.problems).toEqual([]);
  }, 10 * 60_000);
});
