/**
 * What running a student's own code cells showed (`fleetlab grade --execute`), and how that
 * enters a grade: one criterion, "code cells run without error", worth the rubric's
 * `execution.points`, plus findings naming what the code tried (ending the process, running
 * forever, exhausting memory, reaching outside the sandbox, patching the model, flooding
 * the output). The cells run in a process of their own; nothing they compute feeds any
 * other criterion, which all come from the replay into the pristine mission.
 */
import type { GradeReport } from "./grade-report";
import type { Finding } from "./lock-evidence";
import type { Rubric } from "./rubric";

/** One code cell of the submission, as it ran (or did not). */
export interface CellRun {
  /** Index of the cell in the notebook (all cells counted). */
  index: number;
  id: string;
  status: "ok" | "error" | "not-run";
  ename?: string;
  evalue?: string;
  /** Bytes the cell printed (stdout and stderr), counted, never kept. */
  outputBytes: number;
  /** Model or built-in functions found changed after this cell (e.g. "Math.exp", "fleetlab.mission"). */
  patched?: string[];
}

/** How the run of the cells ended when it did not reach its end: the cell at fault and why. */
export interface CellRunStop {
  code: "code-exit" | "code-timeout" | "code-out-of-memory" | "code-crashed";
  /** Index of the cell running when it stopped, or null before the first cell. */
  cell: number | null;
  message: string;
}

export interface CellRunReport {
  cells: CellRun[];
  /** Null when every cell ran (ok or with its error) and the process answered. */
  stopped: CellRunStop | null;
  /** Bytes written straight to the process's output, around the captured streams. */
  strayOutputBytes: number;
  seconds: number;
}

/** Most output one notebook may print before it is flagged as a flood (counted, never kept). */
export const OUTPUT_FLOOD_BYTES = 1024 * 1024;

/** Errors the permission model raises when code reaches outside the sandbox. */
export function isSandboxRefusal(ename: string | undefined, evalue: string | undefined): boolean {
  return /ERR_ACCESS_DENIED|Access to this API has been restricted/.test(`${ename ?? ""} ${evalue ?? ""}`);
}

/** The findings a run of the cells gives, in plain words for the student. */
export function cellRunFindings(run: CellRunReport): Finding[] {
  const findings: Finding[] = [];
  const label = (c: CellRun) => `cell ${c.index + 1} (id "${c.id}")`;
  if (run.stopped) findings.push({ code: run.stopped.code, message: run.stopped.message });
  for (const c of run.cells) {
    if (c.status !== "error") continue;
    if (isSandboxRefusal(c.ename, c.evalue)) {
      findings.push({ code: "code-refused", message: `Your ${label(c)} tried something the grading sandbox does not allow (child processes, threads, files outside its folder): ${c.evalue}` });
    }
  }
  const patched = run.cells.filter((c) => c.patched?.length);
  if (patched.length) {
    const what = patched.map((c) => `${label(c)} changed ${c.patched!.join(", ")}`).join("; ");
    findings.push({ code: "model-patched", message: `Your code replaced functions of the model or of JavaScript (${what}). This does not change the grade: it comes from replaying your recorded work in the original mission, in another process.` });
  }
  const printed = run.cells.reduce((s, c) => s + c.outputBytes, 0) + run.strayOutputBytes;
  if (printed > OUTPUT_FLOOD_BYTES) {
    findings.push({ code: "output-flood", message: `Your code printed ${megabytes(printed)}; the grader counts output past ${megabytes(OUTPUT_FLOOD_BYTES)} without keeping it.` });
  }
  return findings;
}

/** The "code cells run" test and the run's findings, added to `report` (its score and maximum grow). */
export function addCellRuns(report: GradeReport, run: CellRunReport | { notRun: string }, rubric: Rubric): void {
  const points = rubric.execution.points;
  if ("notRun" in run) {
    if (points > 0) pushTest(report, 0, points, `Not run: ${run.notRun}`);
    return;
  }
  report.cellRuns = run;
  const failed = run.cells.filter((c) => c.status === "error");
  const passed = !run.stopped && failed.length === 0;
  const lines = [
    run.stopped ? run.stopped.message : "",
    ...failed.map((c) => `Cell ${c.index + 1} (id "${c.id}"): ${c.ename}: ${c.evalue}`),
  ].filter(Boolean);
  const ran = run.cells.filter((c) => c.status !== "not-run").length;
  if (points > 0) pushTest(report, passed ? points : 0, points, passed ? `All ${ran} code cell(s) ran without error.` : lines.join(" "));
  report.findings.push(...cellRunFindings(run));
  report.executionTime += run.seconds;
}

function pushTest(report: GradeReport, score: number, max: number, output: string): void {
  report.tests.push({ name: "Code cells run without error", score, max_score: max, status: score === max ? "passed" : "failed", output, visibility: "visible" });
  report.score += score;
  report.maxScore += max;
}

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
