/**
 * `fleetlab run` end to end: every mission notebook on every track executed in one
 * process (no Jupyter), widgets driven with --set over their comms, then the executed
 * notebooks read back: each part's lock / workbench / reflect widgets, the answer key
 * each part reveals against answerKey(), the lock record against verifyLockRecord, the --set
 * values in the ledger and the widget state. Bad --set values, broken notebooks and a
 * runaway cell end with a clear message and exit code. The same notebooks through
 * `jupyter nbconvert --execute` give the same outputs. Needs dist/ built.
 */
import { spawnSync } from "child_process";
import { whenAvailable } from "../helpers/requires";
import fs from "fs";
import os from "os";
import path from "path";
import { answerKey, lockMatches, withinTolerance } from "../../src/mission/grading/answer-key";
import { designView } from "../../src/mission/grading/design-record";
import { MISSIONS } from "../../src/mission/missions/index";
import { missionById } from "../../src/mission/find-mission";
import { answerText } from "../../src/mission/session/session";
import { TRACK_IDS, type DesignEntry } from "../../src/mission/authoring/types";
import { verifyLockRecord, type LockRecordJson } from "../../src/kernel-widgets/lock-record";
import { LOCK_RECORD_MIME } from "../../src/widget-contract/traits";

const REPO = path.resolve(__dirname, "..", "..");
const BIN = path.join(REPO, "bin", "fleetlab.js");
const NOTEBOOKS = MISSIONS.map((m) => path.join(REPO, "notebooks", `${m.id}.ipynb`));
const STATE_MIME = "application/vnd.jupyter.widget-state+json";
const VIEW_MIME = "application/vnd.jupyter.widget-view+json";

type Output = { output_type: string; data?: Record<string, unknown>; execution_count?: number; ename?: string; evalue?: string; name?: string; text?: string | string[] };
type Cell = { id: string; cell_type: string; execution_count?: number | null; outputs?: Output[]; source: string | string[] };
type Saved = { model_name: string; state: Record<string, unknown> };
type Nb = { cells: Cell[]; metadata: { widgets: { [STATE_MIME]: { state: Record<string, Saved> } }; fleetlab: { mission: string; track: string; ledger: LockRecordJson; design: DesignEntry[] } } };

function fleetlab(args: string[], cwd = os.tmpdir()) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", timeout: 300_000 });
}
const read = (file: string): Nb => JSON.parse(fs.readFileSync(file, "utf8"));
const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/** The models inside the box a part cell displayed, by model name. */
function partWidgets(nb: Nb, partIndex: number): { box: Saved; children: [string, Saved][] } {
  const cell = nb.cells.find((c) => c.id === `part${partIndex + 1}-run`)!;
  const view = cell.outputs!.find((o) => o.output_type === "display_data" && o.data?.[VIEW_MIME]);
  expect(view).toBeDefined();
  const state = nb.metadata.widgets[STATE_MIME].state;
  const box = state[(view!.data![VIEW_MIME] as { model_id: string }).model_id];
  expect(box.model_name).toBe("BoxModel");
  const children = (box.state.children as string[]).map((ref) => {
    const id = ref.replace(/^IPY_MODEL_/, "");
    expect(state[id]).toBeDefined();
    return [id, state[id]] as [string, Saved];
  });
  return { box, children };
}

const REFLECTION = "Fleet availability falls as the node count grows because every node must be up at once";
const SETS = [
  "01_ml_intro:1.nodes=2000", "01_ml_intro:1.lock=0.37", "01_ml_intro:1.target=500", "01_ml_intro:1.target=692",
  `01_ml_intro:1.reflect=${REFLECTION}`, "08_fleet_orch:1.placement=Random",
];

describe("fleetlab run: 4 missions x 4 tracks in one process", () => {
  const out = tmp("fleetlab-run-all-");
  let run: ReturnType<typeof fleetlab>;
  beforeAll(() => {
    run = fleetlab(["run", ...NOTEBOOKS, "--track", "all", "--answer-key", "--summary", "--out", out, ...SETS.flatMap((s) => ["--set", s])]);
  });

  it("exits 0 and writes 16 executed notebooks plus a design record per track", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    for (const t of TRACK_IDS) {
      expect(fs.existsSync(path.join(out, t, "fleetlab-design-record.json"))).toBe(true);
      for (const m of MISSIONS) expect(fs.existsSync(path.join(out, t, `${m.id}.ipynb`))).toBe(true);
    }
    expect(run.stdout.match(/^ok /gm)).toHaveLength(16);
  });

  for (const t of TRACK_IDS) {
    for (const m of MISSIONS) {
      it(`${m.id} on ${t}: counts, widgets, revealed keys, ledger`, () => {
        const nb = read(path.join(out, t, `${m.id}.ipynb`));
        const code = nb.cells.filter((c) => c.cell_type === "code");
        expect(code.map((c) => c.execution_count)).toEqual(code.map((_, i) => i + 1));
        for (const c of code) {
          for (const o of c.outputs!) {
            expect(o.output_type).not.toBe("error");
            if (o.output_type === "execute_result") expect(o.execution_count).toBe(c.execution_count);
          }
        }
        expect(nb.metadata.fleetlab.track).toBe(t);
        const fileLedger = JSON.parse(fs.readFileSync(path.join(out, t, "fleetlab-design-record.json"), "utf8")).entries as DesignEntry[];
        // Earlier missions' choices feed later ones (07 starts from 01's fleet size); later ones never feed earlier.
        const view = designView(fileLedger.filter((e) => e.mission !== m.id));
        expect(verifyLockRecord(nb.metadata.fleetlab.ledger)).toEqual({ ok: true });
        const events = nb.metadata.fleetlab.ledger.events;
        missionById(m.id).parts.forEach((p, i) => {
          const { children } = partWidgets(nb, i);
          const names = children.map(([, s]) => s.model_name);
          expect(names).toContain("PredictionLockModel");
          expect(names).toContain("ReflectModel");
          expect(names.some((n) => ["SliderModel", "ToggleModel", "ChoiceModel"].includes(n))).toBe(true);
          const key = answerKey(missionById(m.id), p.id, t, view);
          const lock = children.find(([, s]) => s.model_name === "PredictionLockModel")![1].state;
          expect(lock.locked).toBe(true);
          const shown = children.find(([, s]) => s.model_name === "StakeholderModel" && s.state.persona === "The model")![1].state.message;
          expect(shown).toBe(answerText(key.lock, lock.value as number | string, lockMatches(key.lock, lock.value as number | string)));
          const entry = nb.metadata.fleetlab.design.find((e) => e.part === p.id)!;
          expect(entry.answer).toEqual(key.lock.answer);
          // The target's value is in the record only once found (or every try used).
          if (key.target) {
            const t = entry.target!;
            expect(t.value).toBe(t.found || t.attempts >= key.target.maxAttempts ? key.target.value : null);
          }
          expect(events.filter((e) => e.kind === "commit" && e.part === `${m.id}.${p.id}`)).toHaveLength(1);
        });
      });
    }
  }

  it("--set values reach the ledger, the widget state and the design record, as a front end's would", () => {
    for (const t of TRACK_IDS) {
      const nb = read(path.join(out, t, "01_ml_intro.ipynb"));
      const { children } = partWidgets(nb, 0);
      const byName = (n: string) => children.filter(([, s]) => s.model_name === n);
      const [lockId, lock] = byName("PredictionLockModel")[0];
      expect(lock.state.value).toBe(0.37);
      const nodes = byName("SliderModel").find(([, s]) => s.state.value === 2000);
      expect(nodes).toBeDefined();
      expect(byName("ReflectModel")[0][1].state.value).toBe(REFLECTION);
      const events = nb.metadata.fleetlab.ledger.events;
      expect(events.find((e) => e.kind === "commit" && e.widget_id === lockId)?.value).toBe(0.37);
      expect(events.find((e) => e.kind === "interaction" && e.widget_id === nodes![0])?.value).toBe(2000);
      const entry = nb.metadata.fleetlab.design.find((e) => e.part === "reliability_gap")!;
      const key = answerKey(missionById("01_ml_intro"), "reliability_gap", t).target!;
      const found = [500, 692].some((v) => withinTolerance(v, key.value, key.tolerance));
      expect(entry).toMatchObject({ lock: 0.37, controls: { nodes: 2000 }, target: { tries: [500, 692], found, attempts: 2 } });
      expect(entry.reflectionWords).toBe(REFLECTION.split(" ").length);
      const orch = read(path.join(out, t, "08_fleet_orch.ipynb")).metadata.fleetlab.design.find((e) => e.part === "fragmentation_audit")!;
      expect(orch.controls.placement).toBe("Random");
    }
  });

  it("prints the summary from the executed notebooks: each part's revealed key and target", () => {
    const k = answerKey(missionById("01_ml_intro"), "reliability_gap", "cloud_titan");
    expect(run.stdout).toContain(`Part 1 reliability_gap: lock answer key = 0.3677; 10-iteration target = ${k.target!.value} nodes (2/10 tries used, found)`);
    expect(run.stdout.match(/lock answer key = not revealed/g)).toBeNull();
  });
});

describe("fleetlab run: refusals and broken notebooks", () => {
  const nb01 = NOTEBOOKS[0];
  it.each([
    [["--set", "1.nodes=1e12", "--set", "1.lock=0.3"], /--set "1\.nodes=1e12": part 1 nodes must be within \[\d+, \d+\] \(got 1000000000000\)/],
    [["--set", "1.bogus=3"], /part 1 \(reliability_gap\) has no control "bogus"; controls: nodes, p_node, lock, target, reflect/],
    [["--set", "9.lock=1"], /has no part "9"; parts: 1 \(reliability_gap\)/],
    [["--set", "2.lock=Maybe"], /part 2 lock must be one of/],
    [["--set", "nodes=3"], /expected \[MISSION:\]PART\.CONTROL=VALUE/],
    [["--track", "mars"], /--track must be one of cloud_titan, .* or all \(got "mars"\)/],
    // Valid in range, but the workbench is locked: the widget refuses it, as it would a browser.
    [["--set", "1.nodes=2000"], /--set "1\.nodes=2000": refused by the widget: .*; nothing written/],
  ])("%j: exit 2, a message naming the setting, nothing written", (extra, pattern) => {
    const out = path.join(tmp("fleetlab-run-bad-"), "out");
    const r = fleetlab(["run", nb01, "--out", out, ...(extra as string[])]);
    expect(r.stderr).toMatch(pattern as RegExp);
    expect(r.status).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  });

  function notebook(cells: string[]): string {
    return JSON.stringify({
      nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: "fleetlab", display_name: "FleetLab (TypeScript)" }, language_info: { name: "typescript" } },
      cells: cells.map((source, i) => ({ id: `c${i}`, cell_type: "code", metadata: {}, source, outputs: [], execution_count: null })),
    });
  }

  it("invalid JSON: exit 1 naming the file, nothing run", () => {
    const dir = tmp("fleetlab-run-broken-");
    fs.writeFileSync(path.join(dir, "bad.ipynb"), "{ not json");
    const r = fleetlab(["run", path.join(dir, "bad.ipynb"), "--out", path.join(dir, "out")]);
    expect(r.stderr).toMatch(/^fleetlab run: .*bad\.ipynb: not valid JSON \(/);
    expect(r.status).toBe(1);
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
  });

  it("a throwing cell and a runaway cell: one line each naming notebook, cell and error; exit 1; later notebooks still run", () => {
    const dir = tmp("fleetlab-run-broken-");
    fs.writeFileSync(path.join(dir, "throws.ipynb"), notebook(["console.log('before'); 6 * 7", "throw new RangeError('fleet too small')", "1"]));
    fs.writeFileSync(path.join(dir, "loops.ipynb"), notebook(["let n = 0", "while (true) { n++; }", "n"]));
    fs.writeFileSync(path.join(dir, "hangs.ipynb"), notebook(["await new Promise(() => {})"]));
    fs.writeFileSync(path.join(dir, "spins.ipynb"), notebook(["let m = 1", "await Promise.resolve(); while (true) { m++; }", "m"]));
    fs.writeFileSync(path.join(dir, "fine.ipynb"), notebook(["[1, 2, 3].length"]));
    const out = path.join(dir, "out");
    const started = Date.now();
    // 6 s: an honest first cell (type-checked on a busy two-core grader) stays well inside it.
    const r = fleetlab(["run", ...["throws", "loops", "hangs", "spins", "fine"].map((n) => path.join(dir, `${n}.ipynb`)), "--out", out, "--cell-timeout", "6"]);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect({ status: r.status, stderr: r.stderr }).toMatchObject({ status: 1 });
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(/spins\.ipynb: cell 1 \(id "c1"\) failed: Timeout: cell timed out after 6 s/);
    expect(lines[0]).toMatch(/throws\.ipynb: cell 1 \(id "c1"\) failed: RangeError: fleet too small/);
    expect(lines[1]).toMatch(/loops\.ipynb: cell 1 \(id "c1"\) failed: Timeout: cell timed out after 6 s \(--cell-timeout\)/);
    expect(lines[2]).toMatch(/hangs\.ipynb: cell 0 \(id "c0"\) failed: Timeout: cell timed out after 6 s/);
    expect(r.stdout).toMatch(/^ok .*fine\.ipynb: 1 cells/m);
    const throws = read(path.join(out, "throws.ipynb")).cells;
    expect(throws[0].outputs).toEqual([
      { output_type: "stream", name: "stdout", text: ["before\n"] },
      { output_type: "execute_result", execution_count: 1, data: { "text/plain": "42" }, metadata: {} },
    ]);
    expect(throws[1].outputs![0]).toMatchObject({ output_type: "error", ename: "RangeError", evalue: "fleet too small" });
    expect(throws[2]).toMatchObject({ execution_count: null, outputs: [] });
    expect(read(path.join(out, "loops.ipynb")).cells[1].outputs![0]).toMatchObject({ output_type: "error", ename: "Timeout" });
    expect(read(path.join(out, "fine.ipynb")).cells[0].outputs![0]).toMatchObject({ data: { "text/plain": "3" } });
  });

  it("--timeout bounds the whole notebook", () => {
    const dir = tmp("fleetlab-run-broken-");
    // The first cell ends at once; the second never does, and only the notebook's budget stops it.
    fs.writeFileSync(path.join(dir, "slow.ipynb"), notebook(["1 + 1", "await new Promise(() => {})"]));
    const r = fleetlab(["run", path.join(dir, "slow.ipynb"), "--out", path.join(dir, "out"), "--timeout", "8", "--cell-timeout", "60"]);
    expect(r.stderr).toMatch(/slow\.ipynb: cell 1 \(id "c1"\) failed: Timeout: notebook timed out after 8 s \(--timeout\)/);
    expect(r.status).toBe(1);
  });
});

const JUPYTER = "/usr/bin/jupyter";
const noJupyter = fs.existsSync(JUPYTER) ? undefined : `${JUPYTER} not found (install jupyter-nbconvert)`;

describe("the same notebooks through jupyter nbconvert --execute", () => {
  whenAvailable(noJupyter, "nbconvert mission runs").it("every mission on cloud_titan: no errors, widget views, and the same outputs as fleetlab run", () => {
    const prefix = tmp("fleetlab-kernelspec-");
    expect(fleetlab(["install-kernel", "--prefix", prefix]).status).toBe(0);
    const dir = tmp("fleetlab-nbconvert-");
    const env = {
      ...process.env, JUPYTER_PATH: path.join(prefix, "share", "jupyter"), JUPYTER_PLATFORM_DIRS: "1", PYTHONDONTWRITEBYTECODE: "1",
      FLEETLAB_DESIGN_RECORD: path.join(dir, "fleetlab-design-record.json"),
    };
    // Copies in a scratch folder: the kernel runs beside the notebook and keeps its lock journal there.
    const copies = path.join(dir, "in");
    fs.mkdirSync(copies);
    const inputs = NOTEBOOKS.map((f) => path.join(copies, path.basename(f)));
    NOTEBOOKS.forEach((f, i) => fs.copyFileSync(f, inputs[i]));
    const r = spawnSync(JUPYTER, ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=fleetlab",
      "--ExecutePreprocessor.timeout=300", "--output-dir", dir, ...inputs], { env, encoding: "utf8", timeout: 600_000 });
    if (r.status !== 0) throw new Error(`nbconvert failed:\n${r.stdout}\n${r.stderr}`);
    const ours = path.join(dir, "ours");
    expect(fleetlab(["run", ...NOTEBOOKS, "--out", ours]).status).toBe(0);
    const shape = (nb: Nb) => nb.cells.filter((c) => c.cell_type === "code").map((c) => [c.execution_count, c.outputs!.map((o) => [o.output_type, Object.keys(o.data ?? {}).sort(), o.name ?? null])]);
    for (const m of MISSIONS) {
      const theirs = read(path.join(dir, `${m.id}.ipynb`));
      const all = theirs.cells.flatMap((c) => c.outputs ?? []);
      expect(all.filter((o) => o.output_type === "error")).toEqual([]);
      expect(all.filter((o) => o.data?.[VIEW_MIME]).length).toBeGreaterThanOrEqual(4);
      // The lock record travels in the saved notebook, as an output the kernel kept current.
      const records = all.filter((o) => o.data?.[LOCK_RECORD_MIME]);
      expect(records).toHaveLength(1);
      expect(verifyLockRecord(records[0].data![LOCK_RECORD_MIME])).toEqual({ ok: true });
      const mine = read(path.join(ours, `${m.id}.ipynb`));
      expect(shape(theirs)).toEqual(shape(mine));
      const models = (nb: Nb) => Object.values(nb.metadata.widgets[STATE_MIME].state).map((s) => s.model_name).sort();
      expect(models(theirs)).toEqual(models(mine));
    }
  });
});
