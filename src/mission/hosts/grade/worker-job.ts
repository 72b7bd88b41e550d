/**
 * The grading worker's protocol (sandbox.ts ⇄ worker.ts), one line per message:
 *
 *   parent → stdin    {"file": "...", "maxBytes": N}           one submission to grade
 *   worker → stdout   reference {"mission", "missionFile", "tracks"}   what the grader judges by
 *   parent → stdin    {"keys": [AnswerKey...], "handedOut": Notebook} | {"error": "..."}
 *   worker → stdout   part <id>                                  now replaying that part
 *                     done                                       evidence is in <scratch>/evidence.json
 *
 * The reference (the answer keys of the tracks a record visits, the handed-out notebook the
 * cells are compared with) comes from the grading process, which computes each once for the
 * whole run and scores with the same keys: a worker, new for each submission, would otherwise
 * re-run a simulated mission's estimates (seconds) to judge one notebook.
 *
 * The worker's settings (its scratch folder, the course's missions) come once, as argv[2].
 */
export type { GraderReference, ReferenceRequest } from "../../grading/evidence";

export interface WorkerSettings {
  scratch: string;
  /** Course missions: mission id → the grader's pristine mission file. */
  courseMissions: Record<string, string>;
}

export interface WorkerJob {
  file: string;
  maxBytes: number;
}

/** The worker's answer to the current job, in its scratch folder. */
export const EVIDENCE_FILE = "evidence.json";
