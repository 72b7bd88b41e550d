/**
 * verifyLockRecord against hostile records: it must return a failure naming the problem,
 * never throw and never accept. Records here are "forged": every hash recomputed, so
 * only the checks under test can catch them.
 */
import fc from "fast-check";
import { GENESIS_HASH, LockRecord, eventHash, verifyLockRecord, type LockEvent, type LockRecordJson } from "./lock-record";

type Body = Omit<LockEvent, "seq" | "prev_hash" | "hash"> & { [k: string]: unknown };

/** Re-chains `bodies` as a forger would: seq, prev_hash and hash recomputed. */
function forge(bodies: Body[]): LockRecordJson {
  let prev = GENESIS_HASH;
  const events = bodies.map((b, seq) => {
    const partial = { seq, ...b, prev_hash: prev } as unknown as Omit<LockEvent, "hash">;
    const e = { ...partial, hash: eventHash(partial) } as LockEvent;
    prev = e.hash;
    return e;
  });
  return { version: 1, algorithm: "sha256", events };
}

const at = (s: number) => new Date(Date.parse("2026-11-22T19:00:00.000Z") + s * 1000).toISOString();
const body = (kind: LockEvent["kind"], part: string, s: number, value: unknown = null): Body =>
  ({ time: at(s), kind, widget_id: "w1", part, trait: "value", value } as Body);

function honest(): LockRecord {
  let s = 0;
  const ledger = new LockRecord({ clock: () => new Date(Date.parse(at(++s))) });
  ledger.append({ kind: "commit", widget_id: "w1", part: "07.1", trait: "value", value: 64 });
  ledger.append({ kind: "interaction", widget_id: "w2", part: "07.1", trait: "value", value: 2048 });
  ledger.append({ kind: "revealed", widget_id: "w3", part: "07.1", trait: "", value: null });
  return ledger;
}

const failsWith = (record: unknown, pattern: RegExp) => {
  const verdict = verifyLockRecord(record);
  expect(verdict.ok).toBe(false);
  expect(verdict.ok ? [] : verdict.problems).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
};

describe("verifyLockRecord, hostile records", () => {
  it("never throws and never accepts a value that is not a ledger", () => {
    fc.assert(fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: true, withSparseArray: true }), (v) => {
      const verdict = verifyLockRecord(v);
      expect(verdict.ok).toBe(false);
    }), { numRuns: 300 });
    for (const v of [null, undefined, [], [1, 2], "ledger", 42, { events: "x" }, { version: 1, algorithm: "sha256", events: {} }]) {
      expect(verifyLockRecord(v).ok).toBe(false);
    }
  });

  it("never throws on arbitrary events inside a well-formed envelope", () => {
    fc.assert(fc.property(fc.array(fc.jsonValue(), { maxLength: 6 }), (events) => {
      const verdict = verifyLockRecord({ version: 1, algorithm: "sha256", events });
      expect(verdict.ok).toBe(events.length === 0);
    }), { numRuns: 300 });
  });

  it("refuses a list with holes: a missing event is not a valid one", () => {
    // eslint-disable-next-line no-sparse-arrays
    failsWith({ version: 1, algorithm: "sha256", events: new Array(3) }, /event 0: malformed \(not an object\)/);
    const events = [...honest().toJSON().events];
    const holed: unknown[] = [events[0]];
    holed[2] = events[2];
    failsWith({ version: 1, algorithm: "sha256", events: holed }, /event 1: malformed/);
  });

  it.each([
    ["widget_id a number", { widget_id: 42 }, /widget_id must be a string/],
    ["trait an object", { trait: { a: 1 } }, /trait must be a string/],
    ["part null", { part: null }, /part must be a string/],
    ["time not a time", { time: "yesterday" }, /time must be an ISO 8601 UTC time/],
    ["time a number", { time: 1_700_000_000_000 }, /time must be an ISO 8601 UTC time/],
    ["time an impossible date", { time: "2026-13-45T99:00:00.000Z" }, /time must be an ISO 8601 UTC time/],
    ["value missing", { value: undefined }, /value is missing/],
    ["kind unknown", { kind: "constructor" }, /kind must be one of/],
  ])("refuses a re-hashed event whose %s", (_what, patch, pattern) => {
    const record = forge([{ ...body("commit", "07.1", 1, 64), ...patch } as Body]);
    failsWith(record, pattern);
  });

  it.each([
    ["a string", "0"],
    ["huge", 1e300],
    ["not an integer", 0.5],
    ["negative", -1],
  ])("refuses seq %s", (_what, seq) => {
    const [e] = honest().toJSON().events;
    const partial = { ...e, seq } as unknown as Omit<LockEvent, "hash">;
    failsWith({ version: 1, algorithm: "sha256", events: [{ ...partial, hash: eventHash(partial) }] }, /event 0: malformed \(seq/);
  });

  it("refuses a duplicated event (same hash twice)", () => {
    const events = honest().toJSON().events;
    failsWith({ version: 1, algorithm: "sha256", events: [events[0], events[0], ...events.slice(1)] }, /event 1: seq is 0/);
  });

  it("refuses a commit whose time precedes an earlier reveal, however it is ordered", () => {
    // Appended after the reveal but back-dated: caught by order and by time.
    failsWith(forge([body("commit", "A", 1, 1), body("revealed", "B", 5), body("commit", "B", 3, 2)]),
      /event 2: time .* is before the previous event's/);
    // Moved ahead of the reveal but keeping its true, later time: caught by time alone.
    failsWith(forge([body("commit", "B", 9, 2), body("revealed", "B", 5)]), /event 1: time .* is before the previous event's/);
  });

  it("writes times that never go backwards, even when the clock does", () => {
    const times = [5, 3, 4, 8].map(at);
    const ledger = new LockRecord({ clock: () => new Date(times.shift()!) });
    for (let i = 0; i < 4; i++) ledger.append({ kind: "interaction", widget_id: "w", part: "A", trait: "value", value: i });
    expect(ledger.events.map((e) => e.time)).toEqual([at(5), at(5), at(5), at(8)]);
    expect(verifyLockRecord(ledger.toJSON())).toEqual({ ok: true });
  });

  it("keeps tracks and parts apart even when names contain separators", () => {
    const track = (to: string, s: number): Body => ({ ...body("track", "m", s), value: { from: null, to } } as Body);
    // Track "x" part "y\u0000z" and track "x\u0000y" part "z" are different locks.
    const record = forge([track("x", 1), body("revealed", "y\u0000z", 2), track("x\u0000y", 3), body("commit", "z", 4, 1)]);
    expect(verifyLockRecord(record)).toEqual({ ok: true });
  });

  it("survives a deeply nested value without throwing", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const e = { ...honest().toJSON().events[0], value: deep };
    expect(() => verifyLockRecord({ version: 1, algorithm: "sha256", events: [e] })).not.toThrow();
    expect(verifyLockRecord({ version: 1, algorithm: "sha256", events: [e] }).ok).toBe(false);
  });

  describe("what the chain can and cannot prove", () => {
    it("catches an edit that is not re-hashed, and one re-hashed only at the edited event", () => {
      const record = honest().toJSON();
      record.events[0].value = 7;
      failsWith(record, /event 0: hash does not match/);
      record.events[0].hash = eventHash(record.events[0]);
      failsWith(record, /event 1: prev_hash does not match/);
    });

    it("cannot catch a full re-hash (edit or reorder) without a head kept elsewhere; the head catches it", () => {
      const ledger = honest();
      const head = ledger.head;
      const events = ledger.toJSON().events;
      const strip = ({ seq: _s, prev_hash: _p, hash: _h, ...rest }: LockEvent) => rest as Body;
      const edited = forge(events.map(strip).map((b, i) => (i === 0 ? { ...b, value: 7 } : b)));
      expect(verifyLockRecord(edited)).toEqual({ ok: true });
      expect(verifyLockRecord(edited, { head })).toEqual({ ok: false, problems: ["newest hash differs from the expected head (events dropped)"] });
      // Swapping two events of equal standing, times kept in order, is just as undetectable.
      const [c, i, r] = events.map(strip);
      const swapped = forge([{ ...i, time: c.time }, { ...c, time: i.time }, r]);
      expect(verifyLockRecord(swapped)).toEqual({ ok: true });
      expect(verifyLockRecord(swapped, { head }).ok).toBe(false);
    });
  });
});
