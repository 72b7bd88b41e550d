/**
 * Runs one submission's own code cells in a fresh sandboxed process (execute-worker.ts),
 * never reused: code a student wrote ran there. The parent holds the limits, killing the
 * process when one is passed:
 *
 *   start-up   until the first cell starts (the compiler and the package load)
 *   per cell   from each cell's start to its end (the sandbox's per-part limit)
 *   total      all the cells (the sandbox's per-submission limit)
 *
 * and always comes back with a report: each cell ok, with its error, or not run, and when the
 * run stopped early, the cell running then and why (it ended the process, overran a limit,
 * ran out of memory, or the process died). What the process writes outside the protocol is
 * counted and dropped, and only the last few KB of its stderr are kept (to recognise a heap
 * out of memory), so no amount of output is buffered.
 */
import { spawn } from "child_process";
import crypto from "crypto";
import fs from "fs";
import os from "os";
import path from "path";
import type { Notebook } from "../../authoring/nbformat";
import type { CellRun, CellRunReport, CellRunStop } from "../../grading/cell-runs";
import type { ExecuteJob } from "./execute-job";
import { permissionArgs } from "./permission-args";
import type { SandboxLimits } from "./sandbox";

const START_UP_MS = 60_000;
const STDERR_TAIL = 4096;
/** Longest protocol line kept while it arrives (a cell's report is well under this). */
const MAX_LINE = 16 * 1024;

/**
 * Runs the code cells of `file` (an nbformat notebook the grader has already read), copying
 * it into a scratch folder the cells may write to; `missionFiles` (name relative to the
 * notebook → the grader's pristine copy) are copied beside it. Never rejects.
 */
export async function runCodeCells(file: string, limits: SandboxLimits, missionFiles: Record<string, string> = {}): Promise<CellRunReport> {
  const started = Date.now();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-execute-"));
  try {
    const notebookCopy = path.join(scratch, "submission.ipynb");
    fs.copyFileSync(file, notebookCopy);
    for (const [name, source] of Object.entries(missionFiles)) {
      const to = path.resolve(scratch, name);
      if (to.startsWith(scratch + path.sep)) {
        fs.mkdirSync(path.dirname(to), { recursive: true });
        fs.copyFileSync(source, to);
      }
    }
    const notebook = JSON.parse(fs.readFileSync(notebookCopy, "utf8")) as Notebook;
    const cells: CellRun[] = notebook.cells.flatMap((c, index) => (c.cell_type === "code" ? [{ index, id: String(c.id ?? index), status: "not-run" as const, outputBytes: 0 }] : []));
    const { stopped, stray } = await superviseWorker({ notebook: notebookCopy, scratch, nonce: crypto.randomBytes(16).toString("hex") }, limits, cells);
    return { cells, stopped, strayOutputBytes: stray, seconds: (Date.now() - started) / 1000 };
  } catch (e) {
    return { cells: [], stopped: { code: "code-crashed", cell: null, message: `Your code cells could not be run (${(e as Error).message}).` }, strayOutputBytes: 0, seconds: (Date.now() - started) / 1000 };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function superviseWorker(job: ExecuteJob, limits: SandboxLimits, cells: CellRun[]): Promise<{ stopped: CellRunStop | null; stray: number }> {
  const args = [...permissionArgs([], job.scratch, limits.heapMb), path.join(__dirname, "execute-worker.js")];
  const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "pipe"], cwd: job.scratch, env: { PATH: process.env.PATH ?? "" } });
  const byIndex = new Map(cells.map((c) => [c.index, c]));
  const name = (i: number | null) => (i === null || i < 0 ? "start-up (before any cell ran)" : `cell ${i + 1} (id "${byIndex.get(i)?.id ?? i}")`);
  let current: number | null = null;
  let done = false;
  let exitCode: { code: number; cell: number } | null = null;
  let limitHit: CellRunStop | null = null;
  let stray = 0;
  let stderrTail = "";
  let partial = "";
  let cellTimer: NodeJS.Timeout | null = null;
  let totalTimer: NodeJS.Timeout | null = null;

  const kill = (stop: CellRunStop) => {
    limitHit ??= stop;
    child.kill("SIGKILL");
  };
  const startUp = setTimeout(() => kill({ code: "code-timeout", cell: null, message: `Your code cells did not start within ${START_UP_MS / 1000} s.` }), START_UP_MS);
  const onLine = (line: string) => {
    const at = line.indexOf(job.nonce);
    if (at < 0) {
      stray += Buffer.byteLength(line) + 1;
      return;
    }
    stray += at;
    const [kind, ...rest] = line.slice(at + job.nonce.length + 1).split(" ");
    if (kind === "cell") {
      clearTimeout(startUp);
      current = Number(rest[0]);
      totalTimer ??= setTimeout(() => kill({ code: "code-timeout", cell: current, message: `Your code cells were stopped after ${limits.totalMs / 1000} s in all (the time limit), in ${name(current)}; the cells after it were not run.` }), limits.totalMs);
      if (cellTimer) clearTimeout(cellTimer);
      const cell = current;
      cellTimer = setTimeout(() => kill({ code: "code-timeout", cell, message: `Your ${name(cell)} was stopped after ${limits.perPartMs / 1000} s (the time limit for one cell); the cells after it were not run.` }), limits.perPartMs);
    } else if (kind === "ran") {
      if (cellTimer) clearTimeout(cellTimer);
      try {
        const run = JSON.parse(rest.join(" ")) as CellRun;
        const cell = byIndex.get(run.index);
        if (cell) Object.assign(cell, pick(run));
      } catch {
        // A malformed report leaves the cell "not run"; the run's end says why.
      }
    } else if (kind === "exit") {
      exitCode = { code: Number(rest[0]), cell: Number(rest[1]) };
    } else if (kind === "done") {
      done = true;
    }
  };
  child.stdout!.on("data", (chunk: Buffer) => {
    const lines = (partial + chunk.toString("utf8")).split("\n");
    partial = lines.pop()!;
    if (partial.length > MAX_LINE) {
      stray += Buffer.byteLength(partial);
      partial = "";
    }
    for (const line of lines) onLine(line);
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    stray += chunk.byteLength;
    stderrTail = (stderrTail + chunk.toString("utf8")).slice(-STDERR_TAIL);
  });
  child.stdin!.on("error", () => undefined); // a worker that died at once; its exit says why
  child.stdin!.end(JSON.stringify(job) + "\n");

  return new Promise((resolve) => {
    const finish = (stopped: CellRunStop | null) => {
      clearTimeout(startUp);
      if (cellTimer) clearTimeout(cellTimer);
      if (totalTimer) clearTimeout(totalTimer);
      resolve({ stopped, stray });
    };
    child.on("error", (e) => finish({ code: "code-crashed", cell: null, message: `Your code cells could not be run (${e.message}).` }));
    child.on("close", (code, signal) => {
      if (partial) onLine(partial);
      if (done && code === 0) return finish(null);
      if (limitHit) return finish(limitHit);
      if (/heap out of memory|Allocation failed|Reached heap limit/i.test(stderrTail) || signal === "SIGABRT" || code === 134) {
        return finish({ code: "code-out-of-memory", cell: current, message: `Your ${name(current)} ran out of memory (the grader's limit is ${limits.heapMb} MB); the cells after it were not run.` });
      }
      const ended = exitCode as { code: number; cell: number } | null;
      if (ended && ended.cell >= 0) {
        return finish({ code: "code-exit", cell: ended.cell, message: `Your ${name(ended.cell)} ended the process (process.exit(${ended.code})); the cells after it were not run, and a notebook that ends its own run cannot pass.` });
      }
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      const last = stderrTail.trim().split("\n").filter(Boolean).slice(-2).join(" | ").slice(0, 300);
      return finish({ code: current !== null ? "code-exit" : "code-crashed", cell: current, message: `The process running your code ended (${how}) in ${name(current)} without finishing${last ? `: ${last}` : ""}; the cells after it were not run.` });
    });
  });
}

/** The fields of a worker's cell report kept (it came out of the student's process). */
function pick(run: CellRun): Partial<CellRun> {
  const text = (v: unknown, n: number) => (typeof v === "string" ? v.slice(0, n) : undefined);
  const out: Partial<CellRun> = {
    status: run.status === "ok" || run.status === "error" ? run.status : "not-run",
    outputBytes: Number.isFinite(run.outputBytes) && run.outputBytes >= 0 ? run.outputBytes : 0,
  };
  if (run.status === "error") Object.assign(out, { ename: text(run.ename, 80) ?? "Error", evalue: text(run.evalue, 400) ?? "" });
  if (Array.isArray(run.patched)) out.patched = run.patched.filter((p) => typeof p === "string").slice(0, 8).map((p) => p.slice(0, 80));
  return out;
}
