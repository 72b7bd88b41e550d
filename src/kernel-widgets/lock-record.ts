/**
 * LockRecord: the append-only, hash-chained record of prediction commits, refused
 * changes, workbench interactions and reveals, saved in the notebook's metadata
 * (`metadata.fleetlab.ledger`) so the grader can check that each prediction was
 * committed once, before any result of its part was shown.
 *
 * Chain:  hash_n = sha256(prev_hash_n + canonicalJson(event_n without hash))
 *         prev_hash_0 = "0" × 64,  prev_hash_n = hash_(n-1),  seq_n = n
 * Editing a field breaks hash_n; deleting or reordering breaks seq or prev_hash;
 * dropping the newest events is caught only against a head hash kept elsewhere
 * (`verifyLockRecord(record, { head })`).
 *
 * Targets: an "attempt" event records one try at a part's 10-iteration target (value: the
 * number tried); tries come after that part's commit on the same track.
 *
 * Tracks: a "track" event (value `{ from, to }`) puts track `to` in force for the events
 * after it. Each track has its own lock per part, so commits and reveals are counted per
 * (track, part): a part is committed at most once per track, and never after that track's
 * results of the part were revealed.
 */
import type { JsonValue } from "../kernel/runtime";
import { sha256Hex } from "../platform/sha256";

/** What happened ("track": the mission's track changed, value `{ from, to }`; "attempt": a try at the part's target). */
export type LockEventKind = "commit" | "refused" | "interaction" | "revealed" | "track" | "attempt";

/** One entry of the ledger, snake_case as saved. */
export interface LockEvent {
  seq: number;
  time: string;
  kind: LockEventKind;
  widget_id: string;
  part: string;
  trait: string;
  value: JsonValue;
  prev_hash: string;
  hash: string;
}

/** The saved ledger. */
export interface LockRecordJson {
  version: 1;
  algorithm: "sha256";
  events: LockEvent[];
}

/** The fields a caller gives; seq, time and hashes are the ledger's. */
export type LockEventInput = Pick<LockEvent, "kind" | "widget_id" | "part" | "trait" | "value">;

/** prev_hash of the first event. */
export const GENESIS_HASH = "0".repeat(64);
const KINDS: readonly LockEventKind[] = ["commit", "refused", "interaction", "revealed", "track", "attempt"];

/** JSON with object keys sorted at every level, so equal values hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value).sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`canonicalJson: non-finite number ${value}`);
  return JSON.stringify(value);
}

/** sha256 hex of prev_hash + canonical JSON of the event without its `hash`. */
export function eventHash(event: Omit<LockEvent, "hash">): string {
  const { seq, time, kind, widget_id, part, trait, value, prev_hash } = event;
  const body = canonicalJson({ seq, time, kind, widget_id, part, trait, value, prev_hash });
  return sha256Hex(prev_hash + body);
}

/** Options of a ledger. */
export interface LockRecordOptions {
  /** Kernel clock; injectable so tests and the grader are deterministic. */
  clock?: () => Date;
}

/** An append-only hash-chained event record. */
export class LockRecord {
  private readonly list: LockEvent[] = [];
  private readonly clock: () => Date;
  private readonly listeners: ((event: LockEvent) => void)[] = [];

  constructor(options: LockRecordOptions = {}) {
    this.clock = options.clock ?? (() => new Date());
  }

  /**
   * Continues a saved record (a reopened notebook, a restarted kernel): new events chain on
   * from its newest one.
   * @throws Error listing verifyLockRecord's problems when the record does not verify
   */
  static resume(record: unknown, options: LockRecordOptions = {}): LockRecord {
    const verdict = verifyLockRecord(record);
    if (!verdict.ok) throw new Error(`lock record does not verify: ${verdict.problems.join("; ")}`);
    const ledger = new LockRecord(options);
    for (const e of (record as LockRecordJson).events) ledger.list.push(Object.freeze({ ...e, value: structuredClone(e.value) }));
    return ledger;
  }

  /** Calls `listener` with every event appended from now on (a journal writes them out). */
  onAppend(listener: (event: LockEvent) => void): void {
    this.listeners.push(listener);
  }

  /** Appends one event and returns it (frozen). */
  append(entry: LockEventInput): LockEvent {
    if (!KINDS.includes(entry.kind)) throw new Error(`LockRecord.append: kind must be one of ${KINDS.join(", ")} (got ${String(entry.kind)})`);
    const prev = this.list[this.list.length - 1];
    // Times never go backwards along the chain (verifyLockRecord checks it), even if the wall clock does.
    const now = this.clock();
    const time = prev && Date.parse(prev.time) > now.getTime() ? prev.time : now.toISOString();
    const partial = {
      seq: this.list.length, time, kind: entry.kind, widget_id: entry.widget_id,
      part: entry.part, trait: entry.trait, value: structuredClone(entry.value),
      prev_hash: prev ? prev.hash : GENESIS_HASH,
    };
    const event = Object.freeze({ ...partial, hash: eventHash(partial) });
    this.list.push(event);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  /** The events so far, oldest first. */
  get events(): readonly LockEvent[] {
    return [...this.list];
  }

  /** Hash of the newest event (GENESIS_HASH when empty); keep it to detect truncation. */
  get head(): string {
    return this.list.length ? this.list[this.list.length - 1].hash : GENESIS_HASH;
  }

  /** The record to save under notebook metadata `fleetlab.ledger`. */
  toJSON(): LockRecordJson {
    return { version: 1, algorithm: "sha256", events: this.list.map((e) => ({ ...e, value: structuredClone(e.value) })) };
  }
}

/**
 * The prediction committed for `part` while `track` was in force, with its time, or null.
 * Events before any "track" event belong to no named track (track null).
 */
export function committedPrediction(events: readonly LockEvent[], track: string | null, part: string): { value: JsonValue; time: string } | null {
  let inForce: string | null = null;
  for (const e of events) {
    if (e.kind === "track") inForce = trackTo(e.value) ?? inForce;
    else if (e.kind === "commit" && e.part === part && inForce === track) return { value: e.value, time: e.time };
  }
  return null;
}

/** The tries at `part`'s target recorded while `track` was in force, oldest first. */
export function targetAttempts(events: readonly LockEvent[], track: string | null, part: string): number[] {
  let inForce: string | null = null;
  const tries: number[] = [];
  for (const e of events) {
    if (e.kind === "track") inForce = trackTo(e.value) ?? inForce;
    else if (e.kind === "attempt" && e.part === part && inForce === track && typeof e.value === "number") tries.push(e.value);
  }
  return tries;
}

/** Result of verifyLockRecord: ok, or every problem found. */
export type LockRecordVerdict = { ok: true } | { ok: false; problems: string[] };

const HEX64 = /^[0-9a-f]{64}$/;
/** `Date.toISOString()` form, as the ledger writes it. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** The track a "track" event puts in force, or null when its value is not `{ from, to: string }`. */
function trackTo(value: unknown): string | null {
  const v = value as { from?: unknown; to?: unknown } | null;
  if (v === null || typeof v !== "object" || typeof v.to !== "string" || v.to.length === 0) return null;
  return v.from === null || typeof v.from === "string" ? v.to : null;
}

/** Why `e` is not a well-formed ledger event, or null when every field has its type. */
function malformed(e: unknown): string | null {
  if (e === null || typeof e !== "object" || Array.isArray(e)) return "not an object";
  const v = e as { [k: string]: unknown };
  if (typeof v.seq !== "number" || !Number.isSafeInteger(v.seq) || v.seq < 0) return "seq must be an integer >= 0";
  if (typeof v.time !== "string" || !ISO_TIME.test(v.time) || Number.isNaN(Date.parse(v.time))) {
    return "time must be an ISO 8601 UTC time";
  }
  if (!KINDS.includes(v.kind as LockEventKind)) return `kind must be one of ${KINDS.join(", ")}`;
  for (const f of ["widget_id", "part", "trait"] as const) if (typeof v[f] !== "string") return `${f} must be a string`;
  if (!("value" in v) || v.value === undefined) return "value is missing";
  if (typeof v.prev_hash !== "string" || !HEX64.test(v.prev_hash)) return "prev_hash must be 64 hex digits";
  if (typeof v.hash !== "string" || !HEX64.test(v.hash)) return "hash must be 64 hex digits";
  return null;
}

/**
 * Checks a saved ledger: shape (every field of every event), seq order, hash chain,
 * times that never go backwards, each part committed at most once per track, no commit
 * of a part after that part's results were revealed on the same track, and no target try
 * (a finite number) before that part's commit on the same track. Events
 * before any "track" event belong to no named track. Never throws: anything that is not
 * a well-formed ledger is a failure with the reason in `problems`.
 *
 * What it cannot prove: the chain is keyed by nothing secret, so a record edited and then
 * re-hashed from the edit onwards verifies again. Only `options.head`, a hash of the newest
 * event kept outside the record, catches that (and dropped newest events).
 */
export function verifyLockRecord(record: unknown, options: { head?: string } = {}): LockRecordVerdict {
  const problems: string[] = [];
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    return { ok: false, problems: ["ledger must be an object"] };
  }
  const r = record as Partial<LockRecordJson>;
  if (r.version !== 1 || r.algorithm !== "sha256") problems.push("ledger must have version 1 and algorithm sha256");
  if (!Array.isArray(r.events)) return { ok: false, problems: [...problems, "ledger.events must be a list"] };
  let prev = GENESIS_HASH;
  let prevTime = -Infinity;
  const committed = new Map<string, number>();
  const revealed = new Map<string, number>();
  let track: string | null = null;
  // A plain loop, not forEach: a sparse list's holes are events too (malformed ones).
  for (let i = 0; i < r.events.length; i++) {
    const e = r.events[i] as LockEvent;
    const at = `event ${i}`;
    const shape = malformed(e);
    if (shape !== null) {
      problems.push(`${at}: malformed (${shape})`);
      prev = typeof (e as { hash?: unknown } | null)?.hash === "string" ? (e as LockEvent).hash : "";
      continue;
    }
    if (e.seq !== i) problems.push(`${at}: seq is ${e.seq} (events deleted or reordered)`);
    if (e.prev_hash !== prev) problems.push(`${at}: prev_hash does not match the previous event (chain broken)`);
    let recomputed: string | null = null;
    try {
      recomputed = eventHash(e);
    } catch {
      // non-JSON value: reported below as a hash mismatch
    }
    if (recomputed !== e.hash) problems.push(`${at}: hash does not match its contents (edited)`);
    prev = e.hash;
    const time = Date.parse(e.time);
    if (time < prevTime) problems.push(`${at}: time ${e.time} is before the previous event's (reordered or edited)`);
    prevTime = Math.max(prevTime, time);
    if (e.kind === "track") {
      const to = trackTo(e.value);
      if (to === null) problems.push(`${at}: track event value must be { from, to } with to a track name`);
      else track = to;
    }
    const key = JSON.stringify([track, e.part]);
    const onTrack = track === null ? "" : ` on track ${track}`;
    if (e.kind === "commit") {
      if (committed.has(key)) problems.push(`${at}: part ${e.part} committed twice${onTrack} (first at event ${committed.get(key)})`);
      else committed.set(key, i);
      if (revealed.has(key)) {
        problems.push(`${at}: prediction for part ${e.part} recorded after its results were revealed${onTrack} (event ${revealed.get(key)})`);
      }
    }
    if (e.kind === "revealed" && !revealed.has(key)) revealed.set(key, i);
    if (e.kind === "attempt") {
      if (typeof e.value !== "number" || !Number.isFinite(e.value)) problems.push(`${at}: a target try must be a finite number`);
      if (!committed.has(key)) problems.push(`${at}: target of part ${e.part} tried before its prediction was committed${onTrack}`);
    }
  }
  if (options.head !== undefined && options.head !== prev) problems.push("newest hash differs from the expected head (events dropped)");
  return problems.length ? { ok: false, problems } : { ok: true };
}
