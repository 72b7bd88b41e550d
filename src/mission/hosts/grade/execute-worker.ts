/**
 * Runs one submission's own code cells (`fleetlab grade --execute`), started by
 * execute-sandbox.ts in a fresh process under Node's permission model: reads only in the
 * package and its scratch folder (which holds a copy of the notebook), writes only there, no
 * child processes, worker threads or addons, the heap capped. The cells run as the kernel
 * runs them (the desktop cell executor, widgets on a headless runtime), every one in order, an error
 * reported and the next cell run. Time limits are the parent's (it kills this process); a
 * cell awaiting what never comes runs into them rather than ending the process early.
 *
 * What the cells print is counted, never kept. After each cell the model's exports and the
 * JavaScript built-ins it computes with are compared with a snapshot, to name a cell that
 * patched them. Nothing here feeds a grade but "code cells run": the grade comes from the
 * replay of the lock record in another process.
 *
 *   node execute-worker.js          (the job on stdin: execute-job.ts)
 */
import fs from "fs";
import path from "path";
import readline from "readline";
import { createExecutor, displayBundle } from "../../../kernel/executor";
import { packageRoot } from "../../../kernel/package-info";
import { setKernelRuntime } from "../../../kernel/runtime";
import { cellSource, type Notebook } from "../../authoring/nbformat";
import type { CellRun } from "../../grading/cell-runs";
import { DESIGN_RECORD_ENV } from "../../grading/design-record";
import { createHeadlessRuntime } from "../headless/runtime";
import type { ExecuteJob } from "./execute-job";

// Taken before any cell runs: a cell that replaces them cannot silence or forge the reports.
const writeSync = fs.writeSync;
const stringify = JSON.stringify;

/** Longest error message reported per cell. */
const MAX_EVALUE = 400;

async function readJob(): Promise<ExecuteJob> {
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return JSON.parse(line) as ExecuteJob;
  }
  throw new Error("no job on stdin");
}

/** The objects a patch of the model would touch, by the name reported. */
function watched(root: string): Record<string, object> {
  const model = require(path.join(root, "dist", "src", "model", "index.js")) as object;
  const missionApi = require(path.join(root, "dist", "src", "mission", "index.js")) as { mission?: object };
  return { fleetlab: model, "fleetlab/mission": missionApi, ...(missionApi.mission ? { mission: missionApi.mission } : {}), Math, JSON, Number, Array: Array.prototype, Object };
}

function snapshot(targets: Record<string, object>): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const [name, target] of Object.entries(targets)) {
    for (const key of Object.getOwnPropertyNames(target)) {
      try {
        values.set(`${name}.${key}`, (target as Record<string, unknown>)[key]);
      } catch {
        values.set(`${name}.${key}`, undefined);
      }
    }
  }
  return values;
}

function changed(before: Map<string, unknown>, after: Map<string, unknown>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  // Plain data (a counter, a cache) may change as the model runs; functions should not.
  return [...keys].filter((k) => before.get(k) !== after.get(k) && (typeof before.get(k) === "function" || typeof after.get(k) === "function")).slice(0, 8);
}

async function main(): Promise<void> {
  const job = await readJob();
  const say = (message: string) => writeSync(1, `${job.nonce} ${message}\n`);
  let current = -1;
  process.on("exit", (code) => say(`exit ${code} ${current}`));

  const notebook = JSON.parse(fs.readFileSync(job.notebook, "utf8")) as Notebook;
  process.env[DESIGN_RECORD_ENV] = path.join(job.scratch, "fleetlab-design-record.json");
  const rt = createHeadlessRuntime();
  setKernelRuntime(rt);
  const root = packageRoot();
  const executor = createExecutor(job.scratch, root);
  const targets = watched(root);
  let before = snapshot(targets);

  let printed = 0;
  const count = (chunk: unknown, encoding?: unknown, cb?: unknown): boolean => {
    printed += typeof chunk === "string" ? Buffer.byteLength(chunk) : (chunk as Uint8Array)?.byteLength ?? 0;
    const done = typeof encoding === "function" ? encoding : cb;
    if (typeof done === "function") process.nextTick(done as () => void);
    return true;
  };
  (process.stdout as { write: unknown }).write = count;
  (process.stderr as { write: unknown }).write = count;

  for (let i = 0; i < notebook.cells.length; i++) {
    const cell = notebook.cells[i];
    if (cell.cell_type !== "code") continue;
    current = i;
    printed = 0;
    say(`cell ${i}`);
    // A cell awaiting what never comes leaves nothing pending, and the process would end
    // as though the notebook had: kept alive, the cell runs into the parent's time limit.
    const keepAlive = setInterval(() => undefined, 1 << 30);
    const outcome = await executor.execute(cellSource(cell)).finally(() => clearInterval(keepAlive));
    const run: CellRun = { index: i, id: String(cell.id ?? i), status: outcome.status, outputBytes: 0 };
    if (outcome.status === "error") {
      run.ename = outcome.ename.slice(0, 80);
      run.evalue = outcome.evalue.slice(0, MAX_EVALUE);
    } else if (outcome.hasValue) {
      try {
        displayBundle(outcome.value);
      } catch (e) {
        run.status = "error";
        run.ename = String((e as Error)?.name ?? "Error").slice(0, 80);
        run.evalue = String((e as Error)?.message ?? e).slice(0, MAX_EVALUE);
      }
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
    run.outputBytes = printed;
    const after = snapshot(targets);
    const patched = changed(before, after);
    if (patched.length) run.patched = patched;
    before = after;
    say(`ran ${stringify(run)}`);
  }
  current = -1;
  say("done");
}

main().then(
  () => process.exit(0),
  (e) => {
    writeSync(2, `execute worker: ${String((e as Error)?.stack ?? e).slice(0, 2000)}\n`);
    process.exit(70);
  },
);
