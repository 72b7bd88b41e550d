/**
 * Everything the grader establishes about one submission from its file, before any score:
 * the notebook read and checked, the pristine mission it names, its lock record verified,
 * the record replayed into a fresh pristine session, the claims it makes, and its cells
 * compared with the handed-out notebook. This runs in the sandboxed worker (it parses and
 * handles the student's bytes); scoring runs in the grader's own process (grade-report.ts)
 * with its own answer keys. The result is plain JSON, bounded in size.
 */
import type { DesignEntry, Mission, TrackId } from "../authoring/types";
import type { LockEvent } from "../../kernel-widgets/lock-record";
import type { AnswerKey } from "./answer-key";
import { missionNotebook } from "../authoring/notebook";
import type { Notebook } from "../authoring/nbformat";
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
  /** What the grader judges by, from the grading process; computed here from the model when absent. */
  reference?: (request: ReferenceRequest) => Promise<GraderReference>;
  onPart?: (part: string) => void;
}

/** A request for what the grader judges a record by: the mission and the tracks the record visits. */
export interface ReferenceRequest {
  mission: string;
  missionFile: string | null;
  tracks: string[];
}

/** The grader's answer keys of the tracks asked for, and the mission's handed-out notebook. */
export interface GraderReference {
  keys: AnswerKey[];
  handedOut: Notebook;
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
  const tracks = lock.events && lock.openedTrack ? visitedTracks(mission, lock.events, lock.openedTrack) : [];
  const reference = options.reference ? await options.reference({ mission: mission.id, missionFile: submission.missionFile, tracks }) : null;
  const replay = lock.events && lock.openedTrack
    ? await replayRecord(mission, lock.events, lock.openedTrack, {
      designRecordFile: options.designRecordFile, onPart: options.onPart, keys: reference ? keyOf(reference.keys) : undefined,
    })
    : { parts: [], findings: [] };
  const distributed = reference?.handedOut ?? missionNotebook(mission, submission.missionFile ? { missionFile: submission.missionFile } : {});
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

/** The tracks a record opens or switches to that the mission has, the opened one first. */
function visitedTracks(mission: Mission<unknown>, events: readonly LockEvent[], opened: TrackId): TrackId[] {
  const to = events.filter((e) => e.kind === "track").map((e) => (e.value as { to?: unknown } | null)?.to);
  return [...new Set([opened, ...to])].filter((t): t is TrackId => typeof t === "string" && Object.hasOwn(mission.tracks, t));
}

/** Looks up a part's key on a track among `keys`. @throws when the grader sent none for it */
function keyOf(keys: readonly AnswerKey[]): (partId: string, track: TrackId) => AnswerKey {
  return (partId, track) => {
    const k = keys.find((x) => x.part === partId && x.track === track);
    if (!k) throw new Error(`the grader sent no answer key for part ${partId} on track ${track}`);
    return k;
  };
}

export function isUnreadable(e: Evidence | Unreadable): e is Unreadable {
  return "reason" in e;
}
