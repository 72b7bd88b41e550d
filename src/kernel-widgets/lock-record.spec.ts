import { GENESIS_HASH, LockRecord, canonicalJson, eventHash, targetAttempts, verifyLockRecord, type LockRecordJson } from "./lock-record";
import { createHash } from "node:crypto";

function tick(start = "2026-11-22T19:00:00.000Z") {
  let t = Date.parse(start);
  return () => new Date((t += 1000));
}

function sample(): LockRecord {
  const ledger = new LockRecord({ clock: tick() });
  ledger.append({ kind: "commit", widget_id: "w1", part: "07.1", trait: "value", value: "fall" });
  ledger.append({ kind: "interaction", widget_id: "w2", part: "07.1", trait: "value", value: 2048 });
  ledger.append({ kind: "revealed", widget_id: "w3", part: "07.1", trait: "", value: null });
  ledger.append({ kind: "refused", widget_id: "w1", part: "07.1", trait: "value", value: "rise" });
  return ledger;
}

describe("canonicalJson", () => {
  it("sorts keys at every level and keeps list order", () =>
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":0,"z":1}]},"b":1}'));
  it("refuses non-finite numbers", () => expect(() => canonicalJson({ x: NaN })).toThrow(/non-finite/));
});

describe("LockRecord", () => {
  it("chains events: seq, clock time, prev_hash and sha256(prev_hash + canonical JSON)", () => {
    const [e0, e1] = sample().toJSON().events;
    expect(e0).toMatchObject({ seq: 0, time: "2026-11-22T19:00:01.000Z", kind: "commit", prev_hash: GENESIS_HASH });
    const body = canonicalJson({ ...e0, hash: undefined });
    expect(e0.hash).toBe(createHash("sha256").update(GENESIS_HASH + body).digest("hex"));
    expect(e1.prev_hash).toBe(e0.hash);
    expect(e1.hash).toBe(eventHash(e1));
  });

  it("rejects an unknown kind", () =>
    expect(() => new LockRecord().append({ kind: "peeked" as never, widget_id: "w", part: "1", trait: "", value: null })).toThrow(/kind/));

  it("hands out copies: editing the saved record does not edit the ledger", () => {
    const ledger = sample();
    const saved = ledger.toJSON();
    saved.events[0].value = "rise";
    expect(ledger.events[0].value).toBe("fall");
  });
});

describe("verifyLockRecord", () => {
  const tamper = (f: (r: LockRecordJson) => void) => {
    const r = JSON.parse(JSON.stringify(sample().toJSON())) as LockRecordJson;
    f(r);
    return verifyLockRecord(r);
  };

  it("accepts an untouched record, also after a JSON round trip", () =>
    expect(verifyLockRecord(JSON.parse(JSON.stringify(sample())))).toEqual({ ok: true }));

  it("catches an edited value", () => {
    const v = tamper((r) => (r.events[0].value = "rise"));
    expect(v).toEqual({ ok: false, problems: ["event 0: hash does not match its contents (edited)"] });
  });

  it("catches an edited value whose own hash was recomputed (the chain breaks at the next event)", () => {
    const v = tamper((r) => {
      r.events[0].value = "rise";
      r.events[0].hash = eventHash(r.events[0]);
    });
    expect(v.ok).toBe(false);
    expect(!v.ok && v.problems).toContain("event 1: prev_hash does not match the previous event (chain broken)");
  });

  it("catches reordering and deletion", () => {
    const swapped = tamper((r) => ([r.events[1], r.events[2]] = [r.events[2], r.events[1]]));
    expect(!swapped.ok && swapped.problems.join("\n")).toMatch(/seq is 2/);
    const deleted = tamper((r) => r.events.splice(1, 1));
    expect(!deleted.ok && deleted.problems.join("\n")).toMatch(/event 1: seq is 2.*\n.*chain broken/);
  });

  it("catches dropped newest events against the head hash", () => {
    const ledger = sample();
    const r = ledger.toJSON();
    r.events.pop();
    expect(verifyLockRecord(r).ok).toBe(true);
    expect(verifyLockRecord(r, { head: ledger.head })).toEqual({ ok: false, problems: ["newest hash differs from the expected head (events dropped)"] });
  });

  it("catches a prediction recorded after its results were revealed, and a second commit", () => {
    const ledger = new LockRecord({ clock: tick() });
    ledger.append({ kind: "revealed", widget_id: "p", part: "07.2", trait: "", value: null });
    ledger.append({ kind: "commit", widget_id: "l", part: "07.2", trait: "value", value: 3 });
    ledger.append({ kind: "commit", widget_id: "l", part: "07.2", trait: "value", value: 4 });
    const v = verifyLockRecord(ledger.toJSON());
    expect(v).toEqual({
      ok: false,
      problems: [
        "event 1: prediction for part 07.2 recorded after its results were revealed (event 0)",
        "event 2: part 07.2 committed twice (first at event 1)",
        "event 2: prediction for part 07.2 recorded after its results were revealed (event 0)",
      ],
    });
  });

  it("rejects malformed records", () => {
    expect(verifyLockRecord(null).ok).toBe(false);
    expect(verifyLockRecord({ version: 1, algorithm: "sha256", events: [{ seq: 0 }] })).toEqual({ ok: false, problems: ["event 0: malformed (time must be an ISO 8601 UTC time)"] });
  });
});

describe("verifyLockRecord with track events", () => {
  const track = (l: LockRecord, from: string | null, to: string) =>
    l.append({ kind: "track", widget_id: "sw", part: "01", trait: "track", value: { from, to } });
  const commit = (l: LockRecord, value: number) => l.append({ kind: "commit", widget_id: "lock", part: "01.gap", trait: "value", value });
  const reveal = (l: LockRecord) => l.append({ kind: "revealed", widget_id: "plot", part: "01.gap", trait: "", value: null });

  it("accepts one commit of a part per track, reveals included", () => {
    const l = new LockRecord({ clock: tick() });
    track(l, null, "cloud_titan");
    commit(l, 0.4);
    reveal(l);
    track(l, "cloud_titan", "mobile_nomad");
    commit(l, 0.1);
    expect(verifyLockRecord(l.toJSON())).toEqual({ ok: true });
  });

  it("flags a second commit on the same track, even after switching away and back", () => {
    const l = new LockRecord({ clock: tick() });
    track(l, null, "cloud_titan");
    commit(l, 0.4);
    reveal(l);
    track(l, "cloud_titan", "mobile_nomad");
    track(l, "mobile_nomad", "cloud_titan");
    commit(l, 0.37);
    const v = verifyLockRecord(l.toJSON());
    expect(v.ok).toBe(false);
    expect(!v.ok && v.problems).toEqual([
      "event 5: part 01.gap committed twice on track cloud_titan (first at event 1)",
      "event 5: prediction for part 01.gap recorded after its results were revealed on track cloud_titan (event 2)",
    ]);
  });

  it("still flags a second commit with no track events at all", () => {
    const l = new LockRecord({ clock: tick() });
    commit(l, 0.4);
    commit(l, 0.5);
    expect(verifyLockRecord(l.toJSON())).toEqual({ ok: false, problems: ["event 1: part 01.gap committed twice (first at event 0)"] });
  });

  it("flags a track event without a track to switch to", () => {
    const l = new LockRecord({ clock: tick() });
    l.append({ kind: "track", widget_id: "sw", part: "01", trait: "track", value: "mobile_nomad" });
    expect(verifyLockRecord(l.toJSON())).toEqual({ ok: false, problems: ["event 0: track event value must be { from, to } with to a track name"] });
  });
});

describe("target tries (attempt events)", () => {
  const track = (l: LockRecord, from: string | null, to: string) =>
    l.append({ kind: "track", widget_id: "sw", part: "01", trait: "track", value: { from, to } });
  const commit = (l: LockRecord) => l.append({ kind: "commit", widget_id: "lock", part: "01.gap", trait: "value", value: 0.4 });
  const attempt = (l: LockRecord, value: number | string) => l.append({ kind: "attempt", widget_id: "target", part: "01.gap", trait: "value", value });

  it("are read back per track and part, oldest first", () => {
    const l = new LockRecord({ clock: tick() });
    track(l, null, "cloud_titan");
    commit(l);
    attempt(l, 500);
    track(l, "cloud_titan", "mobile_nomad");
    commit(l);
    attempt(l, 7);
    track(l, "mobile_nomad", "cloud_titan");
    attempt(l, 690);
    expect(targetAttempts(l.events, "cloud_titan", "01.gap")).toEqual([500, 690]);
    expect(targetAttempts(l.events, "mobile_nomad", "01.gap")).toEqual([7]);
    expect(targetAttempts(l.events, "cloud_titan", "01.other")).toEqual([]);
    expect(verifyLockRecord(l.toJSON())).toEqual({ ok: true });
  });

  it("are flagged before the part's commit on that track, or when not a number", () => {
    const l = new LockRecord({ clock: tick() });
    track(l, null, "cloud_titan");
    attempt(l, 500);
    commit(l);
    attempt(l, "692");
    track(l, "cloud_titan", "mobile_nomad");
    attempt(l, 7);
    expect(verifyLockRecord(l.toJSON())).toEqual({ ok: false, problems: [
      "event 1: target of part 01.gap tried before its prediction was committed on track cloud_titan",
      "event 3: a target try must be a finite number",
      "event 5: target of part 01.gap tried before its prediction was committed on track mobile_nomad",
    ] });
  });
});
