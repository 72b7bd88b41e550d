import { createHash } from "crypto";
import { installFakeRuntime, settle, type FakeRuntime } from "../../test/helpers/fake-runtime";
import { setKernelRuntime } from "../kernel/runtime";
import { LockRecord, verifyLockRecord } from "./lock-record";
import { PredictionLock, REFUSED_VALUE_MAX_CHARS } from "./prediction-lock";
import { Slider } from "./slider";
import { Toggle } from "./toggle";

let rt: FakeRuntime;
let ledger: LockRecord;
const clock = () => new Date("2026-11-22T19:30:00.000Z");
beforeEach(() => {
  rt = installFakeRuntime();
  ledger = new LockRecord({ clock });
});
afterAll(() => setKernelRuntime(undefined));

const numberLock = () =>
  new PredictionLock({ part: "07.1", prompt: "Optimal interval at N = 2048?", kind: "number", unit: "min", min: 0, max: 1000 },
    { ledger, clock });

describe("PredictionLock", () => {
  it("commits a lock_request once: value, locked, locked_at set; locked message; ledger commit", async () => {
    const lock = numberLock();
    rt.custom(lock.id, { type: "lock_request", value: 35 });
    expect(lock.getState()).toMatchObject({ value: 35, locked: true, locked_at: "2026-11-22T19:30:00.000Z" });
    const sent = rt.messagesOf(lock.id).slice(1).map((m) => m.data);
    expect(sent).toEqual([
      { method: "update", state: { value: 35, locked: true, locked_at: "2026-11-22T19:30:00.000Z" }, buffer_paths: [] },
      { method: "custom", content: { type: "locked", value: 35, locked_at: "2026-11-22T19:30:00.000Z" } },
    ]);
    expect(ledger.events.map((e) => [e.kind, e.widget_id, e.part, e.value])).toEqual([["commit", lock.id, "07.1", 35]]);
  });

  it("keeps the committed value immutable: later requests and kernel writes are refused and recorded", () => {
    const lock = numberLock();
    rt.custom(lock.id, { type: "lock_request", value: 35 });
    rt.custom(lock.id, { type: "lock_request", value: 50 });
    expect(lock.value).toBe(35);
    expect(rt.last(lock.id).data.content).toEqual({
      type: "rejected", trait: "value", message: "prediction for part 07.1 is locked; it cannot change (locked 35)",
    });
    expect(() => lock.set("value", 50)).toThrow("PredictionLock.prediction for part 07.1 is locked; it cannot change (locked 35)");
    expect(() => lock.commit(60)).toThrow(/locked/);
    rt.update(lock.id, { value: 70 });
    expect(lock.value).toBe(35);
    expect(ledger.events.map((e) => [e.kind, e.value])).toEqual([["commit", 35], ["refused", 50], ["refused", 50], ["refused", 60]]);
    expect(verifyLockRecord(ledger.toJSON())).toEqual({ ok: true });
  });

  it("records an oversized refused value by size and SHA-256, not verbatim", () => {
    const lock = new PredictionLock({ part: "12.3", prompt: "Why?", kind: "text", max_length: 200 }, { ledger, clock });
    rt.custom(lock.id, { type: "lock_request", value: "short answer" });
    const huge = "x".repeat(1_000_000);
    rt.custom(lock.id, { type: "lock_request", value: huge });
    rt.custom(lock.id, { type: "lock_request", value: "small" });
    const [, big, small] = ledger.events;
    expect(big.value).toEqual({
      omitted: "too long", chars: huge.length + 2,
      sha256: createHash("sha256").update(JSON.stringify(huge)).digest("hex"),
    });
    expect(small.value).toBe("small");
    expect(JSON.stringify(ledger.toJSON()).length).toBeLessThan(REFUSED_VALUE_MAX_CHARS * 4);
    expect(verifyLockRecord(ledger.toJSON())).toEqual({ ok: true });
  });

  it.each([
    ["NaN", null, "value must be a finite number in [0, 1000] (got null)"],
    ["out of range", 5000, "value must be in [0, 1000] (got 5000)"],
    ["wrong type", "35", 'value must be a finite number in [0, 1000] (got "35")'],
  ])("refuses a %s answer without locking", (_n, value, text) => {
    const lock = numberLock();
    rt.custom(lock.id, { type: "lock_request", value });
    expect(lock.isLocked).toBe(false);
    expect(rt.last(lock.id).data.content).toEqual({ type: "rejected", trait: "value", message: text });
    expect(ledger.events).toHaveLength(0);
  });

  it("validates choice and text answers", () => {
    const choice = new PredictionLock({ part: "07.1", prompt: "N doubles: τ_opt?", kind: "choice", choices: ["rise", "fall", "stay"] }, { ledger, clock });
    expect(() => choice.commit("up")).toThrow('PredictionLock.value must be one of "rise", "fall", "stay" (got "up")');
    choice.commit("fall");
    const textLock = new PredictionLock({ part: "07.3", prompt: "Will loss alert you?", kind: "text", max_length: 10 }, { ledger, clock });
    expect(() => textLock.commit("   ")).toThrow(/non-empty string/);
    expect(() => textLock.commit("a much longer answer")).toThrow(/at most 10 characters/);
    expect(() => new PredictionLock({ part: "x", prompt: "?", kind: "choice" })).toThrow(/choices must be a non-empty list/);
  });

  it("gates workbench widgets: disabled until commit, then interactions are recorded", async () => {
    const lock = numberLock();
    const nodes = new Slider({ value: 1024, min: 8, max: 65536 });
    const dmr = new Toggle({ description: "DMR" });
    lock.gates(nodes, dmr);
    expect(nodes.get("disabled")).toBe(true);
    expect(dmr.get("disabled")).toBe(true);
    rt.update(nodes.id, { value: 2048 });
    expect(nodes.value).toBe(1024);
    expect(rt.last(nodes.id).data.content).toMatchObject({ type: "rejected", message: "value cannot change: commit the prediction for part 07.1 first" });
    expect(ledger.events).toHaveLength(0);

    lock.commit(35);
    expect(nodes.get("disabled")).toBe(false);
    await settle();
    expect(rt.messagesOf(dmr.id, "update").pop()?.data.state).toEqual({ disabled: false });
    rt.update(nodes.id, { value: 2048 });
    rt.update(dmr.id, { value: true });
    expect(ledger.events.map((e) => [e.kind, e.widget_id, e.trait, e.value])).toEqual([
      ["commit", lock.id, "value", 35], ["interaction", nodes.id, "value", 2048], ["interaction", dmr.id, "value", true],
    ]);
  });

  it("does not disable widgets gated after the commit", () => {
    const lock = numberLock();
    lock.commit(1);
    const slider = new Slider({ value: 1, min: 0, max: 2 });
    expect(lock.gates(slider)).toBe(lock);
    expect(slider.get("disabled")).toBe(false);
    rt.update(slider.id, { value: 2 });
    expect(slider.value).toBe(2);
  });
});
