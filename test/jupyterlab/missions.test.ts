/**
 * The four mission notebooks in a real JupyterLab 4.6.3 (test/helpers/jupyterlab.ts): each
 * runs to the end, draws FleetLab's widgets with part 1's results withheld, takes a committed
 * prediction and a slider move over the widget comms into the kernel's design ledger, is saved
 * by JupyterLab with its lock record in an output, and after Kernel > Restart and Run All shows
 * part 1 still committed. No page error or console error is allowed except the debugger's
 * "No active debugger session".
 */
import fs from "node:fs";
import { whenAvailable } from "../helpers/requires";
import path from "node:path";
import { answerKey } from "../../src/mission/answer-key";
import { LEDGER_FILE, ledgerView, readLedgerEntries } from "../../src/mission/ledger";
import { missionById } from "../../src/mission/missions/index";
import { WITHHELD_NOTE } from "../../src/mission/session";
import type { TrackId } from "../../src/mission/types";
import { verifyLedger, type LedgerRecord } from "../../src/widgets/lock-ledger";
import { LOCK_RECORD_MIME } from "../../src/widgets/traits";
import { jupyterLabMissing, startJupyterLab, waitFor, type JupyterLab, type NotebookJson } from "../helpers/jupyterlab";

const REPO = path.resolve(__dirname, "..", "..");
const NOTEBOOKS = fs.readdirSync(path.join(REPO, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort();
const WIDGET_VIEW = "application/vnd.jupyter.widget-view+json";

const describeLab = whenAvailable(jupyterLabMissing(), "JupyterLab tests").describe;

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
    ledgerView(readLedgerEntries(path.join(lab.root, LEDGER_FILE))).entry(mission, part);

  it.each(NOTEBOOKS)("%s runs all, draws its widgets, takes a prediction and a slider, and saves", async (file) => {
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
    const lock = first.locator(".fleetlab-lock");
    const { answer } = answerKey(mission, part.id, track).lock;
    if (part.lock.kind === "choice") await lock.locator(`input[type=radio][value="${answer}"]`).check();
    else await lock.locator("input, textarea").first().fill(String(answer));
    await lock.locator(".fleetlab-commit").click();
    await lock.locator(".fleetlab-lock-status", { hasText: "Locked" }).waitFor();
    const locked = await waitFor("the ledger to record the lock", () => {
      const entry = ledgerEntry(id, part.id);
      return entry?.lock !== null && entry?.lock !== undefined ? entry : undefined;
    });
    expect(locked.lock).toEqual(answer);

    // The part's first slider, open now, moved to an end with the keyboard reaches the kernel.
    const control = part.workbench.controls.find((c) => c.kind === "slider")!;
    const slider = first.locator(".fleetlab-slider input[type=range]").first();
    await waitFor("the slider to be enabled", async () => ((await slider.isEnabled()) ? true : undefined));
    const atMax = await slider.evaluate((e: { value: string; max: string }) => e.value === e.max);
    await slider.focus();
    await lab.page.keyboard.press(atMax ? "Home" : "End");
    await waitFor(`the ledger to record ${control.id}`, () =>
      ledgerEntry(id, part.id)!.controls[control.id] !== locked.controls[control.id] ? true : undefined);

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
    const record = records[0].data![LOCK_RECORD_MIME] as LedgerRecord;
    expect(verifyLedger(record)).toEqual({ ok: true });
    expect(record.events.filter((e) => e.kind === "commit").map((e) => [e.part, e.value])).toEqual([[`${id}.${part.id}`, answer]]);

    // Kernel > Restart, Run All: part 1 comes back committed with the same prediction.
    await nb.restartKernel();
    expect(await nb.runAll()).toBe(true);
    const again = parts.first().locator(".fleetlab-lock");
    await again.locator(".fleetlab-lock-status", { hasText: "Locked" }).waitFor();
    expect((await parts.first().textContent()) ?? "").not.toContain(WITHHELD_NOTE);
    expect(lab.problems).toEqual([]);
  }, 5 * 60_000);
});
