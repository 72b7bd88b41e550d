/**
 * What a submitted lock record proves about each part, before any replay: the record's
 * integrity (verifyLockRecord: chain, order, times, commits, reveals) and, per track and
 * part, when the prediction was committed, whether any result was revealed or any control
 * moved before that, and every target try made.
 *
 * Integrity problems are split in two: tampering (a hash, a seq or a time that does not fit:
 * nothing in the record can be believed) and protocol breaches (a commit after a reveal,
 * a second commit, a try before the commit: the record is sound and says what went wrong,
 * which the grade of that one part reflects).
 */
import type { JsonValue } from "../../kernel/runtime";
import { canonicalJson, verifyLockRecord, type LockEvent, type LockRecordJson } from "../../kernel-widgets/lock-record";
import { TRACK_IDS, type Mission, type TrackId } from "../authoring/types";
import type { FoundRecord } from "./submission-file";

/** One thing the grader found; `code` is short and stable (grades.csv), `message` plain words. */
export interface Finding {
  code: string;
  message: string;
  /** The part it concerns (part id), or absent for the whole submission. */
  part?: string;
  /** The track it concerns, with `part`. */
  track?: TrackId;
}

/** What the record says about one part on one track. */
export interface RecordedPart {
  part: string;
  track: TrackId;
  commit: { value: JsonValue; seq: number; time: string } | null;
  /** A result of the part was revealed before its commit (seq of the reveal). */
  revealedBeforeCommit: number | null;
  /** Control or reflection changes recorded before the commit. */
  changesBeforeCommit: number;
  /** Every target try, in order. */
  tries: number[];
}

export interface LockEvidence {
  /** The record graded, or null when there is none to believe. */
  events: LockEvent[] | null;
  /** Where the graded record was found. */
  source: string | null;
  /** Hash of its newest event: equal heads in two submissions mean one record was copied. */
  head: string | null;
  /** The track the mission was opened with (the first "track" event). */
  openedTrack: TrackId | null;
  parts: RecordedPart[];
  findings: Finding[];
}

/** verifyLockRecord problems that a sound record can have (each part's own breach). */
const PROTOCOL = /committed twice|after its results were revealed|tried before its prediction/;

/**
 * Picks the record to grade among the copies a notebook carries and reads what it proves.
 * Copies that differ are a finding; the first copy that verifies is graded.
 */
export function lockEvidence(found: FoundRecord[], mission: Mission<unknown>): LockEvidence {
  const findings: Finding[] = [];
  const none = (f: Finding): LockEvidence => ({ events: null, source: null, head: null, openedTrack: null, parts: [], findings: [...findings, f] });
  if (found.length === 0) {
    return none({ code: "no-lock-record", message: "The notebook carries no lock record, so no prediction can be shown to come before its results. Save the notebook after running it in FleetLab." });
  }
  const texts = found.map((f) => safeCanonical(f.record));
  if (new Set(texts).size > 1) {
    findings.push({ code: "records-differ", message: `The notebook carries ${found.length} copies of its lock record that differ (${found.map((f) => f.where).join("; ")}): one was edited.` });
  }
  const verdicts = found.map((f) => verifyLockRecord(f.record));
  const tampering = verdicts.map((v) => (v.ok ? [] : v.problems.filter((p) => !PROTOCOL.test(p))));
  const chosen = tampering.findIndex((t) => t.length === 0);
  if (chosen < 0) {
    const shown = tampering[0].slice(0, 3).join("; ");
    return none({ code: "record-broken", message: `The lock record does not verify (${shown}${tampering[0].length > 3 ? "; …" : ""}): it was edited, reordered or cut, so nothing in it can be credited.` });
  }
  const events = (found[chosen].record as LockRecordJson).events;
  const prefix = `${mission.id}.`;
  const foreign = events.find((e) => e.kind === "track" ? e.part !== mission.id : !e.part.startsWith(prefix) || !mission.parts.some((p) => prefix + p.id === e.part));
  if (foreign) {
    return none({ code: "record-foreign", message: `The lock record belongs to another notebook: event ${foreign.seq} names "${foreign.part}", which is not a part of mission ${mission.id}.` });
  }
  const opened = events.find((e) => e.kind === "track");
  const openedTrack = trackOf(opened?.value ?? null);
  if (!openedTrack || !mission.tracks[openedTrack]) {
    return none({ code: "record-broken", message: `The lock record does not start with the mission's opening on one of its tracks.` });
  }
  const parts = recordedParts(events, mission);
  for (const p of parts) {
    const on = `on track ${p.track}`;
    if (p.revealedBeforeCommit !== null) {
      findings.push({ code: "commit-after-reveal", part: p.part, track: p.track, message: `Part ${p.part} ${on}: the prediction was committed after the part's results were shown (event ${p.revealedBeforeCommit}).` });
    }
    if (p.changesBeforeCommit > 0) {
      findings.push({ code: "moved-before-commit", part: p.part, track: p.track, message: `Part ${p.part} ${on}: ${p.changesBeforeCommit} workbench change(s) recorded before the prediction was committed.` });
    }
  }
  const verdict = verdicts[chosen];
  if (!verdict.ok) {
    for (const problem of verdict.problems.filter((p) => /committed twice/.test(p))) findings.push({ code: "committed-twice", message: `The lock record: ${problem}.` });
    for (const problem of verdict.problems.filter((p) => /tried before its prediction/.test(p))) findings.push({ code: "tried-before-commit", message: `The lock record: ${problem}.` });
  }
  return { events, source: found[chosen].where, head: events.length ? events[events.length - 1].hash : null, openedTrack, parts, findings };
}

/** Per track and part, in the order parts first appear. */
function recordedParts(events: readonly LockEvent[], mission: Mission<unknown>): RecordedPart[] {
  const byKey = new Map<string, RecordedPart & { revealed: number | null }>();
  let track: TrackId | null = null;
  for (const e of events) {
    if (e.kind === "track") {
      track = trackOf(e.value) ?? track;
      continue;
    }
    if (!track) continue;
    const partId = e.part.slice(mission.id.length + 1);
    const key = `${track}/${partId}`;
    let p = byKey.get(key);
    if (!p) byKey.set(key, (p = { part: partId, track, commit: null, revealedBeforeCommit: null, changesBeforeCommit: 0, tries: [], revealed: null }));
    if (e.kind === "commit" && !p.commit) {
      p.commit = { value: e.value, seq: e.seq, time: e.time };
      p.revealedBeforeCommit = p.revealed;
    } else if (e.kind === "revealed" && p.revealed === null) p.revealed = e.seq;
    else if (e.kind === "interaction" && !p.commit) p.changesBeforeCommit++;
    else if (e.kind === "attempt" && typeof e.value === "number") p.tries.push(e.value);
  }
  return [...byKey.values()].map(({ revealed: _revealed, ...p }) => p);
}

/** The track a "track" event puts in force, or null. */
function trackOf(value: JsonValue): TrackId | null {
  const to = value !== null && typeof value === "object" && !Array.isArray(value) ? value.to : null;
  return typeof to === "string" && (TRACK_IDS as readonly string[]).includes(to) ? (to as TrackId) : null;
}

function safeCanonical(v: unknown): string {
  try {
    return canonicalJson(v);
  } catch {
    return "(not JSON)"; // JSON.parse never gives a value canonicalJson refuses; kept total all the same
  }
}
