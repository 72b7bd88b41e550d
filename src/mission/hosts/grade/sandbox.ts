/**
 * A grading worker process and the limits the parent holds it to. It always comes back
 * with an answer per submission: the evidence, or why there is none (the worker crashed,
 * ran out of memory, overran a time limit, or answered nothing). Limits are enforced by
 * killing the process:
 *
 *   total     one submission, from hand-over to answer
 *   per part  from each `part <id>` line the worker prints to the next one (or the answer)
 *
 * The process runs under Node's permission model: file reads only in the package, the
 * submissions' folders and the course's mission files; writes only in its scratch folder;
 * no child processes, worker threads, native addons or inspector; the V8 heap capped.
 *
 * Each submission gets a process of its own (`recycleAfter` 1), so nothing one submission
 * does to a process can reach the next. That is affordable because a worker starts light: it
 * loads only the mission a submission names, draws nothing (no simulation, no mathjs) and
 * takes its answer keys and the handed-out notebook from this process, which computes each
 * once per run (worker-job.ts).
 * `recycleAfter` > 1 lets a worker grade more, one at a time, replaced after any failure:
 * for course missions, which a fresh process compiles again. Student code (--execute) runs
 * elsewhere, always in a fresh process (execute-sandbox.ts).
 */
import { spawn, type ChildProcess } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import type { Evidence, Unreadable } from "../../grading/evidence";
import { permissionArgs } from "./permission-args";
import { EVIDENCE_FILE, type GraderReference, type ReferenceRequest, type WorkerJob, type WorkerSettings } from "./worker-job";

export interface SandboxLimits {
  totalMs: number;
  perPartMs: number;
  heapMb: number;
  maxBytes: number;
  /** Submissions one worker process grades before it is replaced (1, the default: a process per submission). */
  recycleAfter: number;
}

export const DEFAULT_LIMITS: SandboxLimits = { totalMs: 60_000, perPartMs: 20_000, heapMb: 512, maxBytes: 20 * 1024 * 1024, recycleAfter: 1 };

/** Why the worker gave no evidence: `code` for grades.csv, `message` for the student and teacher. */
export interface SandboxFailure {
  code: "timeout" | "out-of-memory" | "crashed";
  message: string;
}

export type SandboxOutcome = { evidence: Evidence | Unreadable } | { failure: SandboxFailure };

/** Most stderr kept from a worker for a message (a flood is cut, never buffered whole). */
const STDERR_KEEP = 4096;
/** Time a fresh worker has to load the missions, beyond a submission's own limit. */
const START_UP_MS = 60_000;

interface Live {
  child: ChildProcess;
  scratch: string;
  graded: number;
  stderr: string;
  ready: boolean;
  /** Settles the job in hand; set while one is. */
  settle: ((o: SandboxOutcome) => void) | null;
}

/** One worker slot: grades one submission at a time in a sandboxed process it starts as needed. */
export class SandboxWorker {
  private live: Live | null = null;

  /**
   * @param referenceFor the grading process's reference for a worker's request (the worker is
   *   untrusted: it has read a student's bytes); throws on a request it will not answer
   */
  constructor(private readonly readable: string[], private readonly courseMissions: Record<string, string>, private readonly limits: SandboxLimits,
    private readonly referenceFor: (request: ReferenceRequest) => GraderReference) {}

  /** Grades one submission file. Never rejects. */
  grade(file: string): Promise<SandboxOutcome> {
    const w = this.live ?? (this.live = this.start());
    const job: WorkerJob = { file: path.resolve(file), maxBytes: this.limits.maxBytes };
    w.stderr = "";
    return new Promise<SandboxOutcome>((resolve) => {
      let partTimer: NodeJS.Timeout | null = null;
      // The submission's clock; it stops while this process computes keys the worker asked for.
      let left = this.limits.totalMs + (w.ready ? 0 : START_UP_MS), since = Date.now();
      const timeout = () => fail({ code: "timeout", message: `Grading stopped after ${this.limits.totalMs / 1000} s (the time limit for one submission).` });
      let total = setTimeout(timeout, left);
      const finish = (o: SandboxOutcome, keep: boolean) => {
        clearTimeout(total);
        if (partTimer) clearTimeout(partTimer);
        w.settle = null;
        w.graded++;
        if (!keep || w.graded >= this.limits.recycleAfter) this.stop(w);
        resolve(o);
      };
      const fail = (f: SandboxFailure) => finish({ failure: f }, false);
      w.settle = (o) => finish(o, !("failure" in o));
      (w as Live & { onLine?: (line: string) => void }).onLine = (line) => {
        w.ready = true;
        const m = /^part (\S+)$/.exec(line);
        if (m) {
          if (partTimer) clearTimeout(partTimer);
          partTimer = setTimeout(() => fail({ code: "timeout", message: `Grading part ${m[1]} stopped after ${this.limits.perPartMs / 1000} s (the time limit for one part).` }), this.limits.perPartMs);
        } else if (line.startsWith("reference ")) {
          clearTimeout(total);
          left -= Date.now() - since;
          w.child.stdin!.write(this.referenceReply(line.slice("reference ".length)) + "\n");
          since = Date.now();
          total = setTimeout(timeout, left);
        } else if (line === "done") {
          w.settle?.(readEvidence(w.scratch));
        }
      };
      w.child.stdin!.write(JSON.stringify(job) + "\n");
    });
  }

  /** The answer to a worker's `reference` line: the reference, or why there is none. */
  private referenceReply(request: string): string {
    try {
      return JSON.stringify(this.referenceFor(JSON.parse(request) as ReferenceRequest));
    } catch (e) {
      return JSON.stringify({ error: (e as Error).message });
    }
  }

  /** Ends the worker process, if one is running. */
  close(): void {
    if (this.live) this.stop(this.live);
  }

  private start(): Live {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-grade-"));
    const reads = [...this.readable, ...Object.values(this.courseMissions).map((f) => path.dirname(f))];
    const settings: WorkerSettings = { scratch, courseMissions: this.courseMissions };
    const args = [...permissionArgs(reads, scratch, this.limits.heapMb), path.join(__dirname, "worker.js"), JSON.stringify(settings)];
    const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "pipe"], cwd: scratch, env: { PATH: process.env.PATH ?? "" } });
    const w: Live & { onLine?: (line: string) => void } = { child, scratch, graded: 0, stderr: "", ready: false, settle: null };
    let partial = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      const lines = (partial + chunk.toString("utf8")).split("\n");
      partial = lines.pop()!.slice(-4096);
      for (const line of lines) w.onLine?.(line);
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      if (w.stderr.length < STDERR_KEEP) w.stderr += chunk.toString("utf8").slice(0, STDERR_KEEP - w.stderr.length);
    });
    child.stdin!.on("error", () => undefined); // a dead worker's pipe; its exit reports why
    child.on("error", (e) => w.settle?.({ failure: { code: "crashed", message: `The grading worker could not start (${e.message}).` } }));
    child.on("close", (code, signal) => {
      if (this.live === w) this.live = null;
      fs.rmSync(scratch, { recursive: true, force: true });
      w.settle?.({ failure: exitFailure(code, signal, w.stderr) });
    });
    return w;
  }

  private stop(w: Live): void {
    if (this.live === w) this.live = null;
    w.settle = null;
    w.child.kill("SIGKILL");
  }
}

function readEvidence(scratch: string): SandboxOutcome {
  try {
    return { evidence: JSON.parse(fs.readFileSync(path.join(scratch, EVIDENCE_FILE), "utf8")) as Evidence | Unreadable };
  } catch (e) {
    return { failure: { code: "crashed", message: `The grading worker's answer could not be read (${(e as Error).message}).` } };
  }
}

function exitFailure(code: number | null, signal: NodeJS.Signals | null, stderr: string): SandboxFailure {
  if (/heap out of memory|Allocation failed|Reached heap limit/i.test(stderr) || signal === "SIGABRT" || code === 134) {
    return { code: "out-of-memory", message: "Grading ran out of memory on this submission." };
  }
  const last = stderr.trim().split("\n").filter(Boolean).slice(-3).join(" | ").slice(0, 500);
  return { code: "crashed", message: `The grading worker stopped (${signal ? `signal ${signal}` : `exit code ${code}`})${last ? `: ${last}` : ""}.` };
}
