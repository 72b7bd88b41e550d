/**
 * The four mission notebooks in a real JupyterLab 4.6.3 (test/helpers/jupyterlab.ts): each
 * runs to the end, draws FleetLab's widgets with part 1's results withheld, takes a committed
 * prediction and a slider move over the widget comms into the kernel's design record (and its
 * instruments redraw), switches track (that track's lock open) and back (committed), is saved
 * by JupyterLab with its lock record in an output, and after Kernel > Restart and Run All shows
 * part 1 still committed. In JupyterLab Dark the cards and charts are readable, and after a
 * page reload the widgets come back live. No page error or console error is allowed except the debugger's
 * "No active debugger session".
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { whenAvailable } from "../helpers/requires";
import path from "node:path";
import { answerKey } from "../../src/mission/grading/answer-key";
import { DESIGN_RECORD_FILE, designView, readDesignEntries } from "../../src/mission/grading/design-record";
import { missionById } from "../../src/mission/find-mission";
import { WITHHELD_NOTE } from "../../src/mission/session/session";
import type { TrackId } from "../../src/mission/authoring/types";
import { verifyLockRecord, type LockRecordJson } from "../../src/kernel-widgets/lock-record";
import { LOCK_RECORD_MIME } from "../../src/widget-contract/traits";
import { commitPrediction, jupyterLabMissing, startJupyterLab, waitFor, type JupyterLab, type NotebookJson } from "../helpers/jupyterlab";

const REPO = path.resolve(__dirname, "..", "..");
const NOTEBOOKS = fs.readdirSync(path.join(REPO, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort();
const WIDGET_VIEW = "application/vnd.jupyter.widget-view+json";

const describeLab = whenAvailable(jupyterLabMissing(), "JupyterLab tests").describe;

/** `fleetlab grade` (the built CLI) on a notebook as JupyterLab saved it: its grades.csv row and results.json. */
function gradeSaved(nb: NotebookJson, id: string): { row: { score: number; max: number; flags: string[] }; results: { tests: { name: string; status: string }[] } } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-lab-grade-"));
  fs.writeFileSync(path.join(dir, `${id}.ipynb`), JSON.stringify(nb));
  const r = spawnSync(process.execPath, [path.join(REPO, "bin/fleetlab.js"), "grade", path.join(dir, `${id}.ipynb`), "--out", path.join(dir, "out")], { encoding: "utf8", timeout: 300_000 });
  if (r.status !== 0) throw new Error(`fleetlab grade failed:\n${r.stderr}`);
  const [, line] = fs.readFileSync(path.join(dir, "out", "grades.csv"), "utf8").trim().split("\n");
  const [, , , score, max, flags] = line.split(",");
  return {
    row: { score: Number(score), max: Number(max), flags: flags ? flags.split(" ") : [] },
    results: JSON.parse(fs.readFileSync(path.join(dir, "out", id, "results.json"), "utf8")),
  };
}

/** The mission id and track the notebook's metadata and `parameters` cell name. */
function missionOf(nb: NotebookJson): { id: string; track: TrackId } {
  const id = (nb.metadata.fleetlab as { mission: string }).mission;
  const parameters = nb.cells.find((c) => (c.metadata.tags as string[] | undefined)?.includes("parameters"));
  const track = /const track = "(\w+)"/.exec([parameters?.source ?? ""].flat().join(""))?.[1] as TrackId;
  return { id, track };
}

describeLab("mission notebooks in JupyterLab 4", () => {
  let lab: JupyterLab;

  beforeAll(async () => {
    lab = await startJupyterLab({ notebooks: NOTEBOOKS.map((f) => `notebooks/${f}`) });
  }, 15 * 60_000); // a cold build installs and bundles JupyterLab first

  afterAll(() => lab?.close());

  const ledgerEntry = (mission: string, part: string) =>
    designView(readDesignEntries(path.join(lab.root, DESIGN_RECORD_FILE))).entry(mission, part);

  it.each(NOTEBOOKS)("%s runs all, withholds, takes a prediction, redraws on a slider, switches track, saves and survives a restart", async (file) => {
    const nb = await lab.open(file);
    const { id, track } = missionOf(nb.saved());
    const mission = missionById(id);
    expect(await nb.runAll()).toBe(true);

    // One prediction lock per part, each in the part's output.
    const parts = nb.locator.locator(".jp-OutputArea-output").filter({ has: lab.page.locator(".fleetlab-lock") });
    await waitFor("every part's widgets", async () => ((await parts.count()) === mission.parts.length ? true : undefined));

    // Before the commit the workbench shows nothing computed (the lock withholds).
    const part = mission.parts[0];
    const first = parts.first();
    const before = (await first.textContent()) ?? "";
    expect(before).toContain(WITHHELD_NOTE);
    expect(before).not.toContain("Evidence from the model");
    expect(before).not.toContain("The model says");

    // Part 1: commit the model's own answer as the prediction; the kernel records the lock.
    const { answer } = answerKey(mission, part.id, track).lock;
    await commitPrediction(first, part.lock.kind, answer);
    const locked = await waitFor("the ledger to record the lock", () => {
      const entry = ledgerEntry(id, part.id);
      return entry?.lock !== null && entry?.lock !== undefined ? entry : undefined;
    });
    expect(locked.lock).toEqual(answer);
    // The instrument that answers a number lock draws the prediction beside the model's value.
    if (part.lock.kind === "number" && part.lock.shownOn) {
      const label = part.lock.shownOn.label ?? "your prediction";
      await waitFor("the prediction drawn on its instrument", async () => (((await first.textContent()) ?? "").includes(label) ? true : undefined));
    }

    // The part's first slider, open now, moved to an end with the keyboard reaches the kernel.
    const control = part.workbench.controls.find((c) => c.kind === "slider")!;
    const slider = first.locator(".fleetlab-slider input[type=range]").first();
    await waitFor("the slider to be enabled", async () => ((await slider.isEnabled()) ? true : undefined));
    const atMax = await slider.evaluate((e: { value: string; max: string }) => e.value === e.max);
    /** What the part's charts and gauges draw (SVG marks and readings). */
    const drawn = () => first.locator(".fleetlab-chart svg, .fleetlab-gauge").evaluateAll((els) => els.map((e) => (e as { innerHTML: string }).innerHTML).join("|"));
    const drawnBefore = await drawn();
    await slider.focus();
    await lab.page.keyboard.press(atMax ? "Home" : "End");
    await waitFor(`the ledger to record ${control.id}`, () =>
      ledgerEntry(id, part.id)!.controls[control.id] !== locked.controls[control.id] ? true : undefined);
    // ... and the instruments redraw.
    await waitFor("a chart or gauge of the part to change", async () => ((await drawn()) !== drawnBefore ? true : undefined));

    // Switch track: part 1 shows that track's own lock, still open; back again, it is committed.
    const other = Object.keys(mission.tracks).find((t) => t !== track)!;
    const trackSelect = nb.locator.locator(`select:has(option[value="${other}"])`).first();
    await trackSelect.selectOption(other);
    await waitFor(`part 1 on ${other} with its lock open`, async () =>
      (await parts.first().locator(".fleetlab-lock-status").textContent()) === "" && (await parts.first().textContent())?.includes(WITHHELD_NOTE) ? true : undefined);
    await trackSelect.selectOption(track);
    await parts.first().locator(".fleetlab-lock-status", { hasText: "Locked" }).waitFor();

    // JupyterLab writes the notebook with every cell executed and the widgets' views in the outputs.
    await nb.save();
    const saved = nb.saved();
    const code = saved.cells.filter((c) => c.cell_type === "code");
    expect(code.filter((c) => typeof c.execution_count !== "number")).toEqual([]);
    const views = code.flatMap((c) => c.outputs ?? []).filter((o) => o.data?.[WIDGET_VIEW]);
    expect(views.length).toBeGreaterThanOrEqual(mission.parts.length);
    expect(saved.metadata.fleetlab).toEqual({ mission: id });
    // The lock record travels in the saved notebook: one output, verifying, with the commit.
    const records = code.flatMap((c) => c.outputs ?? []).filter((o) => o.data?.[LOCK_RECORD_MIME]);
    expect(records).toHaveLength(1);
    const record = records[0].data![LOCK_RECORD_MIME] as LockRecordJson;
    expect(verifyLockRecord(record)).toEqual({ ok: true });
    expect(record.events.filter((e) => e.kind === "commit").map((e) => [e.part, e.value])).toEqual([[`${id}.${part.id}`, answer]]);
    // The grader takes the notebook JupyterLab saved: the record verifies and replays, no integrity flag,
    // and part 1's prediction counts as committed before its results.
    const graded = gradeSaved(saved, id);
    expect(graded.row.flags).toEqual([]);
    expect(graded.results.tests.find((t) => t.name.startsWith("Part 1") && /commit/i.test(t.name))).toMatchObject({ status: "passed" });

    // Kernel > Restart, Run All: part 1 comes back committed with the same prediction.
    await nb.restartKernel();
    expect(await nb.runAll()).toBe(true);
    const again = parts.first().locator(".fleetlab-lock");
    await again.locator(".fleetlab-lock-status", { hasText: "Locked" }).waitFor();
    expect((await parts.first().textContent()) ?? "").not.toContain(WITHHELD_NOTE);
    expect(lab.problems).toEqual([]);
  }, 5 * 60_000);
});

/** One notebook in a lab of its own: a page reload restores what that notebook's kernel holds. */
describeLab("a mission notebook in JupyterLab 4: themes and a page reload", () => {
  const file = NOTEBOOKS[0];
  let lab: JupyterLab;
  beforeAll(async () => {
    lab = await startJupyterLab({ notebooks: [`notebooks/${file}`] });
  }, 15 * 60_000);
  afterAll(() => lab?.close());
  const ledgerEntry = (mission: string, part: string) =>
    designView(readDesignEntries(path.join(lab.root, DESIGN_RECORD_FILE))).entry(mission, part);

  it("follows JupyterLab Dark and Dark High Contrast (cards and charts readable) and brings the live widgets back after a page reload", async () => {
    let nb = await lab.open(file);
    const { id, track } = missionOf(nb.saved());
    const mission = missionById(id);
    expect(await nb.runAll()).toBe(true);
    const parts = () => nb.locator.locator(".jp-OutputArea-output").filter({ has: lab.page.locator(".fleetlab-lock") });
    await waitFor("every part's widgets", async () => ((await parts().count()) === mission.parts.length ? true : undefined));
    // Part 1 committed (so the reload below must bring back a committed lock and open results).
    await commitPrediction(parts().first(), mission.parts[0].lock.kind, answerKey(mission, mission.parts[0].id, track).lock.answer);

    const theme = async (name: string, light: boolean) => {
      await lab.page.evaluate((t) => (globalThis as unknown as { jupyterapp: { commands: { execute(id: string, a: object): Promise<unknown> } } }).jupyterapp.commands.execute("apputils:change-theme", { theme: t }), name);
      await lab.page.waitForFunction((l) => (globalThis as unknown as PageDom).document.body.dataset.jpThemeLight === String(l), light);
      // JupyterLab shows its splash screen while it changes theme; a second change before the splash
      // is gone makes JupyterLab remove that element twice (its own page error), so wait as a person would.
      await lab.page.waitForFunction(() => !(globalThis as unknown as PageDom).document.getElementById("jupyterlab-splash"));
    };
    for (const dark of ["JupyterLab Dark", "JupyterLab Dark High Contrast"]) {
      await theme(dark, false);
      // Every card's text against its own background: WCAG AA for normal text (4.5:1).
      const cards = await waitFor(`the cards in ${dark}'s colours`, async () => {
        const pairs = await parts().first().locator(".fleetlab-stakeholder, .fleetlab-lock").evaluateAll((els) =>
          els.map((e) => {
            const dom = globalThis as unknown as PageDom;
            const s = dom.getComputedStyle(e);
            return [s.color, s.backgroundColor, dom.getComputedStyle(dom.document.body).backgroundColor];
          }));
        return pairs.length && pairs.every(([, bg, page]) => luminance(bg === "rgba(0, 0, 0, 0)" ? page : bg) < 0.2) ? pairs : undefined;
      });
      for (const [fg, bg, page] of cards) expect(contrast(fg, bg === "rgba(0, 0, 0, 0)" ? page : bg)).toBeGreaterThanOrEqual(4.5);
      // Charts are drawn again in the theme's colours: light axis labels on a transparent background.
      const labels = await waitFor(`the charts redrawn in ${dark}'s colours`, async () => {
        const fills = await nb.locator.locator(".fleetlab-chart svg .role-axis-label text").evaluateAll((els) => els.map((e) => e.getAttribute("fill") ?? ""));
        return fills.length && fills.every((f) => luminance(f) > 0.4) ? fills : undefined;
      });
      expect(labels.length).toBeGreaterThan(0);
    }
    await theme("JupyterLab Light", true);

    // Save, then reload the page: JupyterLab reopens the notebook and its widgets come back live from the kernel.
    const status = async () => (await parts().first().locator(".fleetlab-lock").textContent()) ?? "";
    const lockedBefore = await status();
    await nb.save();
    await lab.reload();
    nb = await lab.open(file);
    await waitFor("the widgets back after the reload", async () => ((await parts().count()) === mission.parts.length ? true : undefined), 60_000);
    expect(await waitFor("part 1's lock drawn as before", async () => ((await status()) === lockedBefore ? true : undefined))).toBe(true);
    const part = mission.parts[0];
    expect(lockedBefore).toContain("Locked");
    const before = ledgerEntry(id, part.id)!.controls;
    const slider = parts().first().locator(".fleetlab-slider input[type=range]").first();
    const atMin = await slider.evaluate((e: { value: string; min: string }) => e.value === e.min);
    await slider.focus();
    await lab.page.keyboard.press(atMin ? "End" : "Home");
    await waitFor("a slider moved after the reload to reach the kernel", () =>
      JSON.stringify(ledgerEntry(id, part.id)!.controls) !== JSON.stringify(before) ? true : undefined);
    expect(lab.problems).toEqual([]);
  }, 5 * 60_000);
});

/** The page's DOM as far as the theme checks read it (the test itself compiles without DOM types). */
interface PageDom {
  document: { body: { dataset: Record<string, string | undefined> }; getElementById(id: string): unknown };
  getComputedStyle(el: unknown): { color: string; backgroundColor: string };
}

/** Relative luminance (WCAG 2) of a CSS colour given as rgb()/rgba(), #rrggbb or #rgb. */
function luminance(css: string): number {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(css);
  const hex = short ? [css, ...short.slice(1).map((d) => d + d)] : /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css);
  const rgb = hex ? hex.slice(1).map((h) => parseInt(h, 16)) : (/rgba?\(([^)]+)\)/.exec(css)?.[1].split(",").slice(0, 3).map(Number) ?? [NaN, NaN, NaN]);
  const [r, g, b] = rgb.map((c) => { const x = c / 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
