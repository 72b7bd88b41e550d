/**
 * Hostile front-end input: arbitrary comm data thrown at live widgets through the fake
 * front end. Whatever arrives, no exception escapes the comm handler, state changes only
 * for a valid patch (all or nothing), Object.prototype is not polluted, the lock record
 * still verifies, and a refused well-formed update or lock_request is answered with
 * `rejected` (PROTOCOL.md, "Rejection").
 */
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { installFakeRuntime, type FakeRuntime } from "../../test/helpers/fake-runtime";
import { setKernelRuntime, type JsonObject } from "../kernel/runtime";
import { putBuffers } from "./buffers";
import { LockRecord, verifyLockRecord } from "./lock-record";
import { PredictionLock } from "./prediction-lock";
import { Reflection } from "./reflection";
import { Slider } from "./slider";
import { VegaPlot } from "./vega-plot";

const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();
const ARRAY_PROTO_KEYS = Object.getOwnPropertyNames(Array.prototype).sort();
const polluted = () => ({} as { polluted?: unknown }).polluted !== undefined ||
  !isDeepStrictEqual(Object.getOwnPropertyNames(Object.prototype).sort(), PROTO_KEYS) ||
  !isDeepStrictEqual(Object.getOwnPropertyNames(Array.prototype).sort(), ARRAY_PROTO_KEYS);
function unpollute(): void {
  for (const k of Object.getOwnPropertyNames(Object.prototype)) if (!PROTO_KEYS.includes(k)) delete (Object.prototype as Record<string, unknown>)[k];
  for (const k of Object.getOwnPropertyNames(Array.prototype)) if (!ARRAY_PROTO_KEYS.includes(k)) delete (Array.prototype as unknown as Record<string, unknown>)[k];
}

let errorSpy: jest.SpyInstance;
beforeEach(() => { errorSpy = jest.spyOn(console, "error").mockImplementation(() => {}); });
afterEach(() => { errorSpy.mockRestore(); unpollute(); });
afterAll(() => setKernelRuntime(undefined));

// ----- the widgets under attack ------------------------------------------------------

interface Rig {
  rt: FakeRuntime;
  ledger: LockRecord;
  slider: Slider;
  lock: PredictionLock;
  plot: VegaPlot;
  reflect: Reflection;
}

function rig(): Rig {
  const rt = installFakeRuntime();
  let t = Date.parse("2026-11-22T19:00:00.000Z");
  const ledger = new LockRecord({ clock: () => new Date((t += 1000)) });
  const slider = new Slider({ description: "Nodes", value: 5, min: 0, max: 10, unit: "h" });
  const lock = new PredictionLock({ part: "07.1", prompt: "How many hours?", kind: "number", min: 0, max: 100 }, { ledger });
  const plot = new VegaPlot({ spec: { mark: "point" }, rows: () => [{ x: 1, y: 2 }], follow: { s: slider } });
  const reflect = new Reflection({ part: "07.R", prompt: "Why?", min_words: 2, max_chars: 50 });
  lock.gates(slider, plot);
  plot.display();
  return { rt, ledger, slider, lock, plot, reflect };
}

/** Is `value` an acceptable front-end write of `trait` on `widget` right now? (independent of the rules code) */
function acceptable(r: Rig, widget: "slider" | "lock" | "plot" | "reflect", trait: string, value: unknown): boolean {
  if (widget === "slider") {
    return trait === "value" && r.slider.disabledBecause === null &&
      typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 10;
  }
  if (widget === "reflect") return trait === "value" && typeof value === "string" && value.length <= 50;
  return false; // PredictionLock and VegaPlot: the front end writes no trait
}

const validAnswer = (v: unknown) => typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 100;

// ----- arbitraries ------------------------------------------------------------------------

const HUGE = "x".repeat(100_000);
function nested(depth: number): unknown {
  let v: unknown = { value: 1 };
  for (let i = 0; i < depth; i++) v = { value: v, list: [i] };
  return v;
}
const DEEP = nested(150); // fast-check prints counterexamples recursively; deeper input has its own case below

const key = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("value", "__proto__", "constructor", "prototype", "polluted", "toString",
    "hasOwnProperty", "min", "max", "disabled", "_model_name", "locked", "data", "spec", "word_count", "complete") },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const leaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: fc.double() },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 120 }) },
  { weight: 1, arbitrary: fc.constantFrom(HUGE, DEEP, "", "two words", NaN, Infinity, -Infinity, 1e308, -0) },
  { weight: 1, arbitrary: fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }) },
);
const state = fc.oneof(
  { weight: 5, arbitrary: fc.dictionary(key, leaf, { maxKeys: 3 }) },
  { weight: 1, arbitrary: leaf },
  { weight: 1, arbitrary: fc.array(leaf, { maxLength: 3 }) },
);
const step = fc.oneof(key, fc.nat(4), fc.constantFrom(-1, 0.5, 1e9, null, {}, [], true));
const bufferPaths = fc.oneof(
  { weight: 3, arbitrary: fc.constant([] as unknown[]) },
  { weight: 4, arbitrary: fc.array(fc.array(step, { maxLength: 4 }), { maxLength: 3 }) },
  { weight: 1, arbitrary: leaf },
);
const lockValue = fc.oneof(fc.double(), fc.integer({ min: -10, max: 200 }), fc.constantFrom(HUGE, NaN, Infinity, -Infinity, {}, [], null, "12"), leaf);
const custom = fc.oneof(
  fc.record({ type: fc.constant("lock_request"), value: lockValue }, { requiredKeys: ["type"] }),
  fc.record({ type: fc.oneof(fc.constantFrom("render_error", "lock_request", "locked", "rejected"), key, leaf), message: leaf, value: lockValue }),
  leaf,
);
const data: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ method: fc.constant("update"), state, buffer_paths: bufferPaths }, { requiredKeys: ["method"] }) },
  { weight: 3, arbitrary: fc.record({ method: fc.constant("custom"), content: custom }, { requiredKeys: ["method"] }) },
  { weight: 1, arbitrary: fc.constant({ method: "request_state" }) },
  { weight: 1, arbitrary: fc.record({ method: fc.oneof(leaf, key), state, content: custom }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.oneof(leaf, fc.array(leaf, { maxLength: 3 })) },
);
const message = fc.record({
  widget: fc.constantFrom("slider" as const, "lock" as const, "plot" as const, "reflect" as const),
  data,
  buffers: fc.array(fc.uint8Array({ maxLength: 4 }), { maxLength: 3 }),
});

// ----- the property ---------------------------------------------------------------------------

/** Delivers one hostile message and checks every promise the kernel makes about it. */
function attack(r: Rig, m: { widget: "slider" | "lock" | "plot" | "reflect"; data: unknown; buffers: Uint8Array[] }): void {
  const w = r[m.widget];
  const before = w.getState();
  const sentBefore = r.rt.sent.length;
  const wasLocked = r.lock.isLocked;
  const wire = JSON.parse(JSON.stringify(m.data)) as unknown; // what the kernel receives
  const d = wire !== null && typeof wire === "object" && !Array.isArray(wire) ? wire as Record<string, unknown> : null;
  // The comm layer drops data that is not an object before any widget sees it.
  const deliver = () => r.rt.deliver(w.id, m.data as JsonObject, m.buffers);
  if (d) expect(deliver).not.toThrow();
  else expect(deliver).toThrow("content.data must be an object");
  const after = w.getState();
  const sent = r.rt.sent.slice(sentBefore).filter((s) => s.commId === w.id);
  const rejected = sent.filter((s) => (s.data.content as { type?: unknown } | undefined)?.type === "rejected");

  expect(polluted()).toBe(false);
  expect(verifyLockRecord(r.ledger.toJSON())).toEqual({ ok: true });

  const patch = d?.method === "update" && d.state !== null && typeof d.state === "object" && !Array.isArray(d.state)
    ? d.state as Record<string, unknown> : null;
  const plainUpdate = patch !== null && m.buffers.length === 0 &&
    (d!.buffer_paths === undefined || (Array.isArray(d!.buffer_paths) && d!.buffer_paths.length === 0));
  const lockRequest = m.widget === "lock" && d?.method === "custom" && d.content !== null && typeof d.content === "object" &&
    (d.content as { type?: unknown }).type === "lock_request";

  if (plainUpdate && Object.keys(patch).length > 0) {
    const ok = Object.entries(patch).every(([trait, value]) => acceptable(r, m.widget, trait, value));
    if (ok) {
      for (const [trait, value] of Object.entries(patch)) expect((after as unknown as Record<string, unknown>)[trait]).toEqual(value);
      expect(sent.some((s) => s.data.method === "echo_update")).toBe(true);
    } else {
      expect(after).toEqual(before);
      expect(rejected.length).toBeGreaterThan(0);
      for (const s of rejected) expect(Object.keys(patch)).toContain((s.data.content as { trait: string }).trait);
    }
  } else if (lockRequest) {
    const value = (d!.content as { value?: unknown }).value;
    if (!wasLocked && validAnswer(value)) {
      expect(r.lock.value).toBe(value);
      expect(r.lock.isLocked).toBe(true);
    } else {
      expect(after).toEqual(before);
      expect(rejected).toHaveLength(1);
      expect(rejected[0].data.content).toMatchObject({ trait: "value" });
    }
  } else {
    // Anything else (malformed update, buffers, request_state, other custom, wrong method,
    // data that is not an object) changes nothing.
    expect(after).toEqual(before);
  }
}

describe("hostile comm data", () => {
  it("never escapes the handler, changes state only for a valid patch, never pollutes, keeps the ledger valid", () => {
    fc.assert(fc.property(fc.array(message, { minLength: 1, maxLength: 8 }), (messages) => {
      const r = rig();
      for (const m of messages) attack(r, m);
    }), { numRuns: 400 });
  });

  it.each([
    ["__proto__ then a key", { state: {}, buffer_paths: [["__proto__", "polluted"]] }],
    ["__proto__ under an own object", { state: { value: {} }, buffer_paths: [["value", "__proto__", "polluted"]] }],
    ["constructor.prototype", { state: {}, buffer_paths: [["constructor", "prototype", "polluted"]] }],
    ["list method through __proto__", { state: { value: [] }, buffer_paths: [["value", "__proto__", "polluted"]] }],
  ])("refuses a buffer path that climbs into a prototype: %s", (_what, msg) => {
    const r = rig();
    attack(r, { widget: "reflect", data: { method: "update", ...msg }, buffers: [Uint8Array.of(1)] });
    expect(r.reflect.get("value")).toBe("");
  });

  it("answers a write of an inherited name (constructor, toString, __proto__) as an unknown trait", () => {
    const r = rig();
    for (const trait of ["constructor", "toString", "__proto__"]) {
      r.rt.reset();
      r.rt.deliver(r.reflect.id, JSON.parse(`{"method":"update","state":{"${trait}":1}}`));
      const rejected = r.rt.messagesOf(r.reflect.id, "custom").map((s) => s.data.content);
      expect(rejected).toEqual([{ type: "rejected", trait, message: `${trait} is not a trait of Reflection` }]);
      // The restoring update names no trait the widget does not have.
      expect(r.rt.messagesOf(r.reflect.id, "update")).toEqual([]);
    }
  });

  it("drops comm data that is not an object (null, a list, a string) before any widget sees it", () => {
    const r = rig();
    for (const d of [null, [1, 2], "update", 7]) {
      expect(() => r.rt.deliver(r.slider.id, d as unknown as JsonObject)).toThrow("content.data must be an object");
    }
    expect(r.slider.value).toBe(5);
  });

  it("survives deep nesting in state, paths and custom content", () => {
    const r = rig();
    const deepState = nested(3_000) as Record<string, unknown>;
    for (const widget of ["slider", "lock", "plot", "reflect"] as const) {
      attack(r, { widget, data: { method: "update", state: deepState }, buffers: [] });
      attack(r, { widget, data: { method: "update", state: { value: deepState }, buffer_paths: [["value", "value", "value"]] }, buffers: [Uint8Array.of(1)] });
      attack(r, { widget, data: { method: "custom", content: { type: "lock_request", value: deepState } }, buffers: [] });
    }
  });

  it("does not grow a list when a buffer path indexes past its end", () => {
    const r = rig();
    attack(r, { widget: "reflect", data: { method: "update", state: { value: [] }, buffer_paths: [["value", 1e9]] }, buffers: [Uint8Array.of(1)] });
    expect(errorSpy).toHaveBeenCalledWith(expect.stringContaining("buffer_paths[0] step 1 must be an index of a list of length 0 (got 1000000000)"));
  });
});

describe("putBuffers", () => {
  it("puts buffers at object keys and list indices, as removeBuffers took them", () => {
    const a = Uint8Array.of(1);
    const b = Uint8Array.of(2);
    const st = { y: { z: [null, 3] }, w: { deep: [1] } };
    const out = putBuffers(st, [["x"], ["y", "z", 0]], [a, b]);
    expect(out).toEqual({ x: a, y: { z: [b, 3] }, w: { deep: [1] } });
    expect(st).toEqual({ y: { z: [null, 3] }, w: { deep: [1] } }); // copied along the paths only
    expect(out.w).toBe(st.w);
  });

  it("refuses a path through a buffer another path placed", () => {
    expect(() => putBuffers({ a: { b: null } }, [["a"], ["a", "b"]], [Uint8Array.of(1), Uint8Array.of(2)]))
      .toThrow("buffer_paths[1] leads through a buffer placed by an earlier path");
  });

  it.each([
    [["__proto__", "polluted"], {}],
    [["a", "__proto__", "polluted"], { a: {} }],
    [["a", "__proto__", "polluted"], { a: [null] }],
    [["constructor", "prototype", "polluted"], {}],
  ])("refuses path %j, which climbs into a prototype, and pollutes nothing", (path, st) => {
    expect(() => putBuffers(st, [path], [Uint8Array.of(1)])).toThrow("buffer_paths[0]");
    expect(polluted()).toBe(false);
  });

  it("stores a final __proto__ key as plain data, leaving the prototype alone", () => {
    const out = putBuffers({}, [["__proto__"]], [Uint8Array.of(1)]);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, "__proto__")).toBe(true);
  });

  it.each([
    [[["a", "b"]], { a: 1 }, "buffer_paths[0] leads through a missing container at \"a\""],
    [[["toString", "x"]], {}, "buffer_paths[0] leads through a missing container at \"toString\""],
    [[["a", "0"]], { a: [null] }, "buffer_paths[0] step 1 must be an index of a list of length 1 (got \"0\")"],
    [[[0]], {}, "buffer_paths[0] step 0 must be a key of an object (got 0)"],
    [[["a", -1]], { a: [null] }, "buffer_paths[0] step 1 must be an index of a list of length 1 (got -1)"],
    [[[]], {}, "buffer_paths[0] must be a non-empty list of keys and indices"],
    ["x", {}, "buffer_paths must be a list of paths"],
  ])("refuses path %j in %j, changing nothing", (paths, st, text) => {
    const copy = structuredClone(st);
    const n = Array.isArray(paths) ? paths.length : 0;
    expect(() => putBuffers(st, paths, Array.from({ length: n }, () => Uint8Array.of(9)))).toThrow(text);
    expect(st).toEqual(copy);
  });

  it("writes nothing when a later path is bad", () => {
    const st: Record<string, unknown> = { a: {} };
    expect(() => putBuffers(st, [["a", "x"], ["b", "y"]], [Uint8Array.of(1), Uint8Array.of(2)])).toThrow("buffer_paths[1]");
    expect(st).toEqual({ a: {} });
  });
});
