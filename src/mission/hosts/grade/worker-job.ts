/**
 * The grading worker's protocol (sandbox.ts ⇄ worker.ts), one line per message:
 *
 *   parent → stdin    {"file": "...", "maxBytes": N}           one submission to grade
 *   worker → stdout   part <id>                                  now replaying that part
 *                     done                                       evidence is in <scratch>/evidence.json
 *
 * The worker's settings (its scratch folder, the course's missions) come once, as argv[2].
 */
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
