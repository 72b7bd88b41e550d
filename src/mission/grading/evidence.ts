/**
 * Everything the grader establishes about one submission from its file, before any score:
 * the notebook read and checked, the pristine mission it names, its lock record verified,
 * the record replayed into a fresh pristine session, the claims it makes, and its cells
 * compared with the handed-out notebook. This runs in the sandboxed worker (it parses and
 * handles the student's bytes); scoring runs in the grader's own process (grade-report.ts)
 * with its own answer keys. The result is plain JSON, bounded in size.
 */
import type { DesignEntry, Mission, TrackId } from "../authoring/types";
import { missionNotebook } from "../authoring/notebook";
import { cellDiff, type CellDiff } from "./cell-diff";
import { lockEvidence, type Finding, type RecordedPart } from "./lock-evidence";
import { replayRecord, type ReplayedPart } from "./replay";
import { readSubmission, SubmissionError } from "./submission-file";

export interface Evidence {
  mission: string;
  /** The mission file the notebook names (course missions), as written in it. */
  missionFile: string | null;
  /** The track the mission was opened with, which is graded. */
  track: TrackId | null;
  record: { source: string; head: string | null; events: number } | null;
  recorded: RecordedPart[];
  replayed: ReplayedPart[];
  claims: DesignEntry[];
  cells: CellDiff;
  findings: Finding[];
}

/** A submission that could not be read as a mission notebook. */
export interface Unreadable {
  reason: string;
  message: string;
}

export interface EvidenceOptions {
  maxBytes: number;
  designRecordFile: string;
  /** The pristine mission for a notebook's mission id and mission file. @throws naming why there is none */
  missionFor(id: string, missionFile: string | null): Mission<unknown>;
  onPart?: (part: string) => void;
}

/** Most design claims kept (a mission has a few parts on four tracks). */
const MAX_CLAIMS = 64;

/** Reads, verifies and replays one submission. Never throws for anything in the file. */
export async function gatherEvidence(file: string, options: EvidenceOptions): Promise<Evidence | Unreadable> {
  let submission;
  try {
    submission = readSubmission(file, options.maxBytes);
  } catch (e) {
    if (e instanceof SubmissionError) return { reason: e.reason, message: e.message };
    throw e;
  }
  let mission: Mission<unknown>;
  try {
    mission = options.missionFor(submission.missionId, submission.missionFile);
  } catch (e) {
    return { reason: "unknown-mission", message: (e as Error).message };
  }
  const lock = lockEvidence(submission.records, mission);
  const replay = lock.events && lock.openedTrack
    ? await replayRecord(mission, lock.events, lock.openedTrack, { designRecordFile: options.designRecordFile, onPart: options.onPart })
    : { parts: [], findings: [] };
  const distributed = missionNotebook(mission, submission.missionFile ? { missionFile: submission.missionFile } : {});
  return {
    mission: mission.id,
    missionFile: submission.missionFile,
    track: lock.openedTrack,
    record: lock.events ? { source: lock.source!, head: lock.head, events: lock.events.length } : null,
    recorded: lock.parts,
    replayed: replay.parts,
    claims: submission.claims.filter((c) => c.mission === mission.id).slice(0, MAX_CLAIMS),
    cells: cellDiff(submission.notebook, distributed),
    findings: [...lock.findings, ...replay.findings.slice(0, 50)],
  };
}

export function isUnreadable(e: Evidence | Unreadable): e is Unreadable {
  return "reason" in e;
}
