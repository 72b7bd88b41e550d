/**
 * Grades many submissions, `workers` at a time, each in its own sandboxed worker, and
 * scores each in this process with its own pristine missions and answer keys. Nothing a
 * submission does stops the run: whatever could not be graded is a report scoring 0 with
 * the reason. Submissions that carry the very same lock record (equal head hashes: one
 * student's record copied into another's notebook) are flagged together.
 *
 * With `execute`, a submission's own code cells then run in a fresh sandboxed process of
 * their own (execute-sandbox.ts): one criterion more, and findings; the replay's grade is
 * already settled by then and nothing the cells do reaches it.
 */
import fs from "fs";
import path from "path";
import { addCellRuns } from "../../grading/cell-runs";
import { gradeEvidence, ungradable, type GradeReport } from "../../grading/grade-report";
import { isUnreadable } from "../../grading/evidence";
import { pristineMissions } from "../../grading/pristine-missions";
import type { Rubric } from "../../grading/rubric";
import type { Mission } from "../../authoring/types";
import { runCodeCells } from "./execute-sandbox";
import { SandboxWorker, type SandboxLimits } from "./sandbox";
import { graderReference } from "./grader-reference";

export interface SubmissionRef {
  /** Unique within a run: the file's name, or the student's folder under a roster folder. */
  name: string;
  file: string;
}

export interface GradeRunOptions {
  workers: number;
  rubric: Rubric;
  limits: SandboxLimits;
  /** Course missions: id → the grader's pristine mission file. */
  courseMissions: Record<string, string>;
  /** The mission every submission must be of (an assignment), or null for any. */
  expectMission: string | null;
  /** Also run each submission's own code cells (in a process of their own). */
  execute?: boolean;
  /** Called as each submission is graded (progress). */
  onGraded?: (report: GradeReport, done: number, total: number) => void;
}

/** Grades `submissions`; the reports come back in the order given. */
export async function gradeSubmissions(submissions: SubmissionRef[], options: GradeRunOptions): Promise<GradeReport[]> {
  const missions = pristineMissions(options.courseMissions);
  const expected = options.expectMission ? missions.missionFor(options.expectMission, null) : null;
  const reports: GradeReport[] = new Array(submissions.length);
  let next = 0, done = 0;
  const readable = foldersOf(submissions.map((s) => s.file));
  const reference = graderReference(missions.missionFor);
  const one = async (s: SubmissionRef, worker: SandboxWorker): Promise<GradeReport> => {
    const started = Date.now();
    const seconds = () => (Date.now() - started) / 1000;
    const size = fileSize(s.file);
    if (size === null) return ungradable(s.name, "unreadable", "The file could not be read.", expected, options.rubric, seconds());
    if (size > options.limits.maxBytes) {
      return ungradable(s.name, "oversized", `The file is ${(size / 1048576).toFixed(1)} MB, over the limit of ${(options.limits.maxBytes / 1048576).toFixed(1)} MB; it was not opened.`, expected, options.rubric, seconds());
    }
    const outcome = await worker.grade(s.file);
    if ("failure" in outcome) return ungradable(s.name, outcome.failure.code, outcome.failure.message, expected, options.rubric, seconds());
    const evidence = outcome.evidence;
    if (isUnreadable(evidence)) return ungradable(s.name, evidence.reason, evidence.message, expected, options.rubric, seconds());
    let mission: Mission<unknown>;
    try {
      mission = missions.missionFor(evidence.mission, evidence.missionFile);
    } catch (e) {
      return ungradable(s.name, "unknown-mission", (e as Error).message, expected, options.rubric, seconds());
    }
    if (expected && mission.id !== expected.id) {
      return ungradable(s.name, "wrong-mission", `This notebook is mission ${mission.id}; the assignment is mission ${expected.id}.`, expected, options.rubric, seconds());
    }
    const report = gradeEvidence(s.name, evidence, mission, options.rubric, seconds(), (track) => reference.keys(mission, track));
    if (options.execute) {
      const course = options.courseMissions[mission.id];
      const run = await runCodeCells(s.file, options.limits, evidence.missionFile && course ? { [evidence.missionFile]: course } : {});
      addCellRuns(report, run, options.rubric);
    }
    return report;
  };
  const lane = async () => {
    const worker = new SandboxWorker(readable, options.courseMissions, options.limits, reference.forWorker);
    while (next < submissions.length) {
      const i = next++;
      let report: GradeReport;
      try {
        report = await one(submissions[i], worker);
      } catch (e) {
        // A grader fault on one submission is that submission's 0 with the reason, never the run's end.
        report = ungradable(submissions[i].name, "grader-error", `The grader failed on this submission: ${(e as Error).message}`, expected, options.rubric, 0);
      }
      if (options.execute && !report.cellRuns) addCellRuns(report, { notRun: "the notebook could not be graded (see above)." }, options.rubric);
      reports[i] = report;
      options.onGraded?.(report, ++done, submissions.length);
    }
    worker.close();
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.workers, submissions.length)) }, lane));
  flagCopiedRecords(reports);
  return reports;
}

/** Adds a "record-copied" finding to every report whose lock record another report also carries. */
export function flagCopiedRecords(reports: GradeReport[]): void {
  const byHead = new Map<string, GradeReport[]>();
  for (const r of reports) if (r.recordHead) byHead.set(r.recordHead, [...(byHead.get(r.recordHead) ?? []), r]);
  for (const group of byHead.values()) {
    if (group.length < 2) continue;
    for (const r of group) {
      const others = group.filter((o) => o !== r).map((o) => o.name).join(", ");
      r.findings.push({ code: "record-copied", message: `This notebook's lock record is the very same record as in ${others}: one was copied from the other. A teacher will review it.` });
    }
  }
}

/** The folders holding `files`, none inside another (what a worker may read of the submissions). */
function foldersOf(files: string[]): string[] {
  const dirs = [...new Set(files.map((f) => path.dirname(path.resolve(f))))].sort();
  return dirs.filter((d, i) => !dirs.slice(0, i).some((up) => d.startsWith(up + path.sep)));
}

function fileSize(file: string): number | null {
  try {
    return fs.statSync(file).size;
  } catch {
    return null;
  }
}
