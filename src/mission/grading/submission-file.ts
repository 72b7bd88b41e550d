/**
 * A student's submitted notebook as the grader reads it: size checked before a byte is
 * parsed, then JSON, then nbformat 4, then what it says about itself (its mission, its
 * lock record, the design entries it claims). Nothing read here is trusted: the lock record
 * is verified and replayed, and the claims are compared with the replay.
 *
 * Where the lock record travels:
 *   JupyterLab save   an output of the `mission.open` cell, mime application/vnd.fleetlab.lock-record+json
 *   fleetlab run      that output and metadata.fleetlab.ledger
 */
import fs from "fs";
import { nbformatProblems, type Notebook } from "../authoring/nbformat";
import type { DesignEntry } from "../authoring/types";
import { FLEETLAB_METADATA_KEY, LOCK_RECORD_MIME } from "../../widget-contract/traits";

/** Largest notebook graded by default (a mission notebook with its outputs is well under 1 MB). */
export const DEFAULT_MAX_SUBMISSION_BYTES = 20 * 1024 * 1024;

/** Why a file is not a gradable notebook: `reason` is short (for the CSV), `message` says it in full. */
export class SubmissionError extends Error {
  constructor(readonly reason: "unreadable" | "oversized" | "not-json" | "not-nbformat" | "not-a-mission", message: string) {
    super(message);
    this.name = "SubmissionError";
  }
}

/** One copy of a lock record found in the notebook, and where. */
export interface FoundRecord {
  where: string;
  record: unknown;
}

export interface SubmissionFile {
  notebook: Notebook;
  missionId: string;
  /** The mission file the notebook names (a course mission); never loaded from beside the submission. */
  missionFile: string | null;
  /** Every lock record the notebook carries, outputs first. */
  records: FoundRecord[];
  /** The design entries the notebook claims (metadata.fleetlab.design), if any. */
  claims: DesignEntry[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads and checks a submitted notebook.
 * @throws SubmissionError with the reason, before parsing when the file is too large
 */
export function readSubmission(file: string, maxBytes = DEFAULT_MAX_SUBMISSION_BYTES): SubmissionFile {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (e) {
    throw new SubmissionError("unreadable", `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (size > maxBytes) throw new SubmissionError("oversized", `the file is ${megabytes(size)}, over the limit of ${megabytes(maxBytes)}; it was not opened`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new SubmissionError("not-json", `not a notebook: the file is not valid JSON (${(e as Error).message.slice(0, 200)})`);
  }
  const problems = nbformatProblems(parsed);
  if (problems.length) throw new SubmissionError("not-nbformat", `not an nbformat 4 notebook: ${problems.slice(0, 3).join("; ")}`);
  const notebook = parsed as Notebook;
  const fl = notebook.metadata[FLEETLAB_METADATA_KEY];
  if (!isObject(fl) || typeof fl.mission !== "string" || fl.mission === "") {
    throw new SubmissionError("not-a-mission", "not a FleetLab mission notebook: metadata.fleetlab.mission is missing");
  }
  const records: FoundRecord[] = [];
  notebook.cells.forEach((cell, i) => {
    for (const o of cell.outputs ?? []) {
      const data = (o as { data?: unknown }).data;
      if (isObject(data) && LOCK_RECORD_MIME in data) records.push({ where: `output of cell ${i} (id "${cell.id}")`, record: data[LOCK_RECORD_MIME] });
    }
  });
  if ("ledger" in fl) records.push({ where: "metadata.fleetlab.ledger", record: fl.ledger });
  return {
    notebook,
    missionId: fl.mission,
    missionFile: typeof fl.missionFile === "string" ? fl.missionFile : null,
    records,
    claims: Array.isArray(fl.design) ? (fl.design.filter(isObject) as unknown as DesignEntry[]) : [],
  };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
