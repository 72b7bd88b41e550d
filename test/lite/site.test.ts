/**
 * FleetLab's static JupyterLite site (lite/build.js builds its app, `npm run build` first; the
 * export writes the mission notebooks into out/lite/ beside it, as `npm run build:lite` does)
 * served by `fleetlab serve`'s static server and driven in Debian's Chromium, no Jupyter server anywhere.
 *
 * The shell: the lab comes up with the four mission notebooks in its drive and FleetLab as the
 * default kernel. Mission 01 end to end: it runs all cells in the FleetLab kernel (a web
 * worker), draws FleetLab's widgets with part 1's results withheld until a prediction is
 * committed, takes the commit and a slider move (its instruments redraw), is saved into the
 * browser's storage with its lock record, and after a page reload runs again in a new kernel
 * with part 1 still committed (the worker's lock journal lives in IndexedDB). Every mission
 * notebook runs to the end and draws its parts' prediction locks. Kernel >
 * Interrupt reaches the worker: a cell awaiting forever ends, and the kernel goes on.
 *
 * Shell-up and kernel-ready times are printed, not asserted: they depend on the machine.
 * No page error or console error is allowed.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { answerKey } from "../../src/mission/grading/answer-key";
import { missionById } from "../../src/mission/find-mission";
import { WITHHELD_NOTE } from "../../src/mission/session/session";
import { LITE_KERNEL_DISPLAY_NAME, LITE_KERNEL_NAME } from "../../src/lite/protocol";
import { LOCK_RECORD_MIME } from "../../src/widget-contract/traits";
import { verifyLockRecord, type LockRecordJson } from "../../src/kernel-widgets/lock-record";
import { chromiumMissing } from "../helpers/chromium";
import { commitPrediction, waitFor, type NotebookJson } from "../helpers/jupyterlab";
import { NOTEBOOKS, REPO, SITE, startLiteSite, type LitePage, type LiteSite } from "../helpers/lite-site";
import { whenAvailable } from "../helpers/requires";
import { startSiteServer } from "../../src/cli/site-server";
import { exportSite } from "../../src/lite/site";
import { filesToExport } from "../../src/cli/commands/export";

const MISSION_01 = "01_ml_intro.ipynb";
const WIDGET_VIEW = "application/vnd.jupyter.widget-view+json";

const describeBrowser = whenAvailable(chromiumMissing(), "JupyterLite site tests").describe;

/* The page objects the evaluated functions touch (this file compiles without the DOM lib). */
interface PageKernel {
  requestExecute(content: { code: string }): { done: Promise<{ content: { status: string } }> };
  interrupt(): Promise<void>;
}
interface PageApp {
  serviceManager: {
    kernelspecs: { ready: Promise<void>; specs: { default: string; kernelspecs: Record<string, { display_name: string }> } | null };
    contents: { get(path: string, options?: object): Promise<{ content: unknown }> };
  };
}
/** The page's JupyterLab and a notebook's panel, inside evaluated functions (test/helpers/lite-site.ts defines them). */
declare function app(): PageApp;
declare function panelOf(path: string): { sessionContext: { session: { kernel: unknown } | null } };

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

describeBrowser("FleetLab's JupyterLite site", () => {
  let site: LiteSite;
  let lab: LitePage;
  let page: LitePage["page"];
  let problems: string[];

  beforeAll(async () => {
    site = await startLiteSite();
    lab = await site.openPage();
    ({ page, problems } = lab);
  }, 15 * 60_000);

  afterAll(async () => {
    await site?.close();
  });

  const loadLab = (url: string) => lab.load(url);
  const openNotebook = (file: string) => lab.open(file);
  const panelState = (file: string) => lab.state(file);
  const runAll = (file: string) => lab.runAll(file);

  it("comes up with the mission notebooks in its drive and FleetLab as the default kernel", async () => {
    const shellUp = await loadLab("");
    process.stdout.write(`[lite] shell up in ${seconds(shellUp)} (page load to a restored JupyterLab)\n`);
    const specs = await page.evaluate(async () => {
      await app().serviceManager.kernelspecs.ready;
      return app().serviceManager.kernelspecs.specs;
    });
    expect(specs?.default).toBe(LITE_KERNEL_NAME);
    expect(specs?.kernelspecs[LITE_KERNEL_NAME].display_name).toBe(LITE_KERNEL_DISPLAY_NAME);
    const listing = await page.evaluate(async () => (await app().serviceManager.contents.get("", { content: true })).content as { name: string }[]);
    expect(listing.map((f) => f.name).sort()).toEqual(NOTEBOOKS);
    await page.locator(".jp-DirListing-itemName", { hasText: MISSION_01.slice(0, 8) }).first().waitFor();
    expect(problems).toEqual([]);
  }, 5 * 60_000);

  it("runs mission 01 in the FleetLab kernel: withholds until the commit, redraws on a slider, saves, and keeps the commit across a reload", async () => {
    expect(fs.existsSync(path.join(SITE, "fleetlab", "worker.js"))).toBe(true);
    const mission = missionById("01_ml_intro");
    const track = "cloud_titan";
    const part = mission.parts[0];

    const { panel, kernelReadyMs } = await openNotebook(MISSION_01);
    process.stdout.write(`[lite] FleetLab kernel ready in ${seconds(kernelReadyMs)} (notebook opened to kernel idle)\n`);
    const kernel = (await panelState(MISSION_01)).kernel;
    expect(kernel?.name).toBe(LITE_KERNEL_NAME);
    const ran = Date.now();
    expect(await runAll(MISSION_01)).toBe(true);
    process.stdout.write(`[lite] mission 01 ran all cells in ${seconds(Date.now() - ran)}\n`);

    const parts = () => panel.locator(".jp-OutputArea-output").filter({ has: page.locator(".fleetlab-lock") });
    await waitFor("every part's widgets", async () => ((await parts().count()) === mission.parts.length ? true : undefined), 60_000);

    // Before the commit the workbench shows nothing computed.
    const first = parts().first();
    const before = (await first.textContent()) ?? "";
    expect(before).toContain(WITHHELD_NOTE);
    expect(before).not.toContain("Evidence from the model");

    const { answer } = answerKey(mission, part.id, track).lock;
    await commitPrediction(first, part.lock.kind, answer);
    await waitFor("part 1's results after the commit", async () => (((await first.textContent()) ?? "").includes(WITHHELD_NOTE) ? undefined : true));

    // The part's first slider, open now, moved to an end: its instruments redraw.
    const slider = first.locator(".fleetlab-slider input[type=range]").first();
    await waitFor("the slider to be enabled", async () => ((await slider.isEnabled()) ? true : undefined));
    const atMax = await slider.evaluate((e: { value: string; max: string }) => e.value === e.max);
    const drawn = () => first.locator(".fleetlab-chart svg, .fleetlab-gauge").evaluateAll((els) => els.map((e) => (e as { innerHTML: string }).innerHTML).join("|"));
    const drawnBefore = await drawn();
    await slider.focus();
    await page.keyboard.press(atMax ? "Home" : "End");
    await waitFor("a chart or gauge of the part to change", async () => ((await drawn()) !== drawnBefore ? true : undefined));

    // Saved into the browser's storage with the widgets' views and the lock record with the commit.
    await page.keyboard.press("Control+s");
    await waitFor("the notebook to be saved", async () => ((await panelState(MISSION_01)).dirty ? undefined : true));
    const saved = await lab.stored(MISSION_01);
    const outputs = saved.cells.filter((c) => c.cell_type === "code").flatMap((c) => c.outputs ?? []);
    expect(outputs.filter((o) => o.data?.[WIDGET_VIEW]).length).toBeGreaterThanOrEqual(mission.parts.length);
    const records = outputs.filter((o) => o.data?.[LOCK_RECORD_MIME]);
    expect(records).toHaveLength(1);
    const record = records[0].data![LOCK_RECORD_MIME] as LockRecordJson;
    expect(verifyLockRecord(record)).toEqual({ ok: true });
    expect(record.events.filter((e) => e.kind === "commit").map((e) => [e.part, e.value])).toEqual([[`${mission.id}.${part.id}`, answer]]);

    // Reload: a new page, a new kernel in a new worker; part 1 comes back committed.
    const shellUp = await loadLab("lab/index.html");
    process.stdout.write(`[lite] shell up again after the reload in ${seconds(shellUp)}\n`);
    const again = await openNotebook(MISSION_01);
    process.stdout.write(`[lite] FleetLab kernel ready again in ${seconds(again.kernelReadyMs)}\n`);
    expect(await runAll(MISSION_01)).toBe(true);
    const part1 = again.panel.locator(".jp-OutputArea-output").filter({ has: page.locator(".fleetlab-lock") }).first();
    await part1.locator(".fleetlab-lock-status", { hasText: "Locked" }).waitFor({ timeout: 60_000 });
    expect((await part1.textContent()) ?? "").not.toContain(WITHHELD_NOTE);
    expect(problems).toEqual([]);
  }, 10 * 60_000);

  it.each(NOTEBOOKS)("%s runs to the end in the FleetLab kernel and draws a prediction lock per part", async (file) => {
    const { mission: id } = (JSON.parse(fs.readFileSync(path.join(REPO, "notebooks", file), "utf8")) as NotebookJson).metadata.fleetlab as { mission: string };
    await loadLab("lab/index.html");
    const { panel } = await openNotebook(file);
    expect(await runAll(file)).toBe(true);
    const locks = panel.locator(".jp-OutputArea-output .fleetlab-lock");
    await waitFor(`${file}'s prediction locks`, async () => ((await locks.count()) === missionById(id).parts.length ? true : undefined), 60_000);
    expect(problems).toEqual([]);
  }, 5 * 60_000);

  it("interrupts a cell that awaits forever, and the kernel runs the next one", async () => {
    await loadLab("lab/index.html");
    await openNotebook(MISSION_01);
    const replies = await page.evaluate(async (p) => {
      const kernel = panelOf(p).sessionContext.session!.kernel as unknown as PageKernel;
      // Bounded, so that a kernel deaf to interrupts fails the test instead of hanging it.
      const status = (request: { done: Promise<{ content: { status: string } }> }) => Promise.race([
        request.done.then((reply) => reply.content.status),
        new Promise<string>((r) => setTimeout(() => r("no reply within 30 s"), 30_000)),
      ]);
      const stuck = status(kernel.requestExecute({ code: "await new Promise(() => {});" }));
      await new Promise((r) => setTimeout(r, 1000));
      await kernel.interrupt();
      const interrupted = await stuck;
      const next = await status(kernel.requestExecute({ code: "1 + 1" }));
      return { interrupted, next };
    }, MISSION_01);
    expect(replies).toEqual({ interrupted: "error", next: "ok" });
    expect(problems).toEqual([]);
  }, 5 * 60_000);
  it("runs a course's own mission, exported with its mission file by fleetlab export", async () => {
    // A TA's course folder: the example mission and its notebook, as `fleetlab new --example` writes them.
    const course = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-course-"));
    execFileSync(process.execPath, [path.join(REPO, "bin", "fleetlab.js"), "new", "15_demo", "--example"], { cwd: course, stdio: "ignore" });
    const courseSite = path.join(course, "site");
    exportSite(path.join(REPO, "dist", "lite", "app"), courseSite, filesToExport([], course));
    expect(fs.readdirSync(path.join(courseSite, "files")).sort()).toEqual(["15_demo.ipynb", "15_demo.ts"]);
    const courseServer = await startSiteServer(courseSite);
    try {
      await lab.load(`${courseServer.url}lab/index.html`);
      const { panel } = await lab.open("15_demo.ipynb");
      expect(await lab.runAll("15_demo.ipynb")).toBe(true);
      await waitFor("15_demo's prediction locks", async () => ((await lab.parts(panel).count()) === 3 ? true : undefined), 60_000);
      expect(lab.problems).toEqual([]);
    } finally {
      await courseServer.close();
      fs.rmSync(course, { recursive: true, force: true });
    }
  }, 5 * 60_000);
});
