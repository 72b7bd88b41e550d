import { installFakeRuntime, settle, type FakeRuntime } from "../../test/helpers/fake-runtime";
import { setKernelRuntime } from "../kernel/runtime";
import { any, finiteNumber, text } from "../widget-contract/rules";
import { Slider } from "./slider";
import type { BaseTraits } from "../widget-contract/traits";
import { Widget, WidgetTraitError, type WidgetContract } from "./widget";
import { liveWidgets, widgetById } from "./widget-state";

/** A widget with binary traits, to exercise buffer_paths. */
interface SamplesTraits extends BaseTraits {
  label: string;
  samples: unknown;
  series: unknown;
  scale: number;
}
const SAMPLES_SPEC: WidgetContract<SamplesTraits> = {
  kind: "gauge",
  label: "Samples",
  defaults: { label: "", samples: null, series: null, scale: 0 },
  rules: {
    label: text(),
    samples: (v) => (v instanceof Uint8Array || ArrayBuffer.isView(v) ? null : "binary"),
    series: any(),
    scale: finiteNumber(() => ({ min: 0, max: 10 })),
  },
  writable: ["samples", "series", "label"],
};

let rt: FakeRuntime;
beforeEach(() => {
  rt = installFakeRuntime();
});
afterAll(() => setKernelRuntime(undefined));

const nodes = () => new Slider({ description: "Nodes", value: 1024, min: 8, max: 65536, scale: "log", unit: "nodes" });

describe("Widget: opening", () => {
  it("opens a jupyter.widget comm with the full state, empty buffer_paths and protocol 2.1 metadata", () => {
    const s = nodes();
    const open = rt.messagesOf(s.id)[0];
    expect(open.kind).toBe("open");
    expect(open.targetName).toBe("jupyter.widget");
    expect(open.metadata).toEqual({ version: "2.1.0" });
    expect(open.data.buffer_paths).toEqual([]);
    expect(open.data.state).toMatchObject({
      _model_module: "@fleetlab/widgets", _model_module_version: "0.1.0", _model_name: "SliderModel",
      _view_module: "@fleetlab/widgets", _view_module_version: "0.1.0", _view_name: "SliderView",
      value: 1024, min: 8, max: 65536, step: 0.01, scale: "log", unit: "nodes", disabled: false,
    });
  });

  it("refuses a bad initial value, naming the trait, and opens no comm", () => {
    expect(() => new Slider({ value: 5, min: 8, max: 10 })).toThrow(/Slider\.value must be in \[8, 10\] \(got 5\)/);
    expect(() => new Slider({ value: 1, min: 0, max: 10, scale: "log" })).toThrow(/min must be > 0 on a log scale/);
    expect(rt.sent).toHaveLength(0);
  });

  it("pulls binary values out of the open state into buffers with their paths", () => {
    const samples = Float64Array.of(1.5, 2.5);
    const w = new Widget(SAMPLES_SPEC, { label: "x", samples, series: [Uint8Array.of(7), 3, { y: Uint8Array.of(9) }], scale: 1 });
    const open = rt.messagesOf(w.id)[0];
    expect(open.data.buffer_paths).toEqual([["samples"], ["series", 0], ["series", 2, "y"]]);
    expect(open.data.state).toMatchObject({ label: "x", series: [null, 3, {}] });
    expect("samples" in (open.data.state as object)).toBe(false);
    expect(new Float64Array(open.buffers[0].slice().buffer)).toEqual(samples);
    expect([...open.buffers[1]]).toEqual([7]);
    expect([...open.buffers[2]]).toEqual([9]);
  });
});

describe("Widget: kernel -> front end", () => {
  it("sends one merged update for several kernel sets in a turn (one update in flight)", async () => {
    const s = new Slider({ value: 5, min: 0, max: 100 });
    s.value = 6;
    s.value = 7;
    s.set("unit", "GB");
    expect(rt.messagesOf(s.id, "update")).toHaveLength(0);
    await settle();
    const updates = rt.messagesOf(s.id, "update");
    expect(updates).toHaveLength(1);
    expect(updates[0].data).toEqual({ method: "update", state: { value: 7, unit: "GB" }, buffer_paths: [] });
  });

  it("flushes with a queueMicrotask that, as a browser's does, refuses any receiver but the global object", async () => {
    const nodeQueue = globalThis.queueMicrotask;
    let calls = 0;
    globalThis.queueMicrotask = function (this: unknown, task: () => void) {
      if (this !== undefined && this !== globalThis) throw new TypeError("Illegal invocation");
      calls++;
      nodeQueue(task);
    };
    try {
      const s = new Slider({ value: 5, min: 0, max: 100 });
      s.value = 6;
      await settle();
      expect(calls).toBe(1);
      expect(rt.messagesOf(s.id, "update").map((m) => m.data.state)).toEqual([{ value: 6 }]);
    } finally {
      globalThis.queueMicrotask = nodeQueue;
    }
  });

  it("throws a WidgetTraitError naming the trait for NaN, out of range or wrong type; state unchanged", async () => {
    const s = new Slider({ value: 5, min: 0, max: 100 });
    expect(() => (s.value = NaN)).toThrow(WidgetTraitError);
    expect(() => (s.value = NaN)).toThrow("Slider.value must be a finite number in [0, 100] (got NaN)");
    expect(() => (s.value = 101)).toThrow("Slider.value must be in [0, 100] (got 101)");
    expect(() => s.set("value", "7" as unknown as number)).toThrow(/value must be a finite number in \[0, 100\] \(got "7"\)/);
    expect(() => s.setMany({ _model_name: "X" } as never)).toThrow(/_model_name is fixed/);
    expect(s.value).toBe(5);
    await settle();
    expect(rt.messagesOf(s.id, "update")).toHaveLength(0);
  });

  it("checks a multi-trait patch against the combined next state", () => {
    const s = new Slider({ value: 5, min: 0, max: 10 });
    s.setMany({ min: 20, max: 40, value: 30 });
    expect(s.getState()).toMatchObject({ min: 20, max: 40, value: 30 });
    expect(() => s.setMany({ max: 25 })).toThrow("Slider.value must be in [20, 25] (got 30)");
    expect(s.get("max")).toBe(40);
  });

  it("sends binary kernel patches with buffer_paths", async () => {
    const w = new Widget(SAMPLES_SPEC, { label: "x", samples: Uint8Array.of(1), series: [], scale: 1 });
    w.setMany({ samples: Int16Array.of(-2, 3) });
    await settle();
    const [u] = rt.messagesOf(w.id, "update");
    expect(u.data.buffer_paths).toEqual([["samples"]]);
    expect(new Int16Array(u.buffers[0].slice().buffer)).toEqual(Int16Array.of(-2, 3));
  });
});

describe("Widget: front end -> kernel", () => {
  it("accepts a valid update, echoes it (echo_update), and notifies observers with source frontend", () => {
    const s = nodes();
    const seen: unknown[] = [];
    s.observe("value", (c) => seen.push([c.old, c.new, c.source]));
    rt.update(s.id, { value: 2048 });
    expect(s.value).toBe(2048);
    expect(seen).toEqual([[1024, 2048, "frontend"]]);
    expect(rt.last(s.id).data).toEqual({ method: "echo_update", state: { value: 2048 }, buffer_paths: [] });
  });

  it("puts incoming buffers back at their paths", () => {
    const w = new Widget(SAMPLES_SPEC, { label: "x", samples: Uint8Array.of(1), series: [0, 0], scale: 1 });
    const bytes = new Uint8Array(Float32Array.of(0.5).buffer);
    rt.update(w.id, { series: [1, null] }, [["samples"], ["series", 1]], [bytes, Uint8Array.of(4)]);
    expect(w.get("samples")).toEqual(bytes);
    expect(w.get("series")).toEqual([1, Uint8Array.of(4)]);
    const echo = rt.last(w.id);
    expect(echo.data.method).toBe("echo_update");
    // The echo lists keys in the order of the received state object.
    expect(echo.data.buffer_paths).toEqual([["series", 1], ["samples"]]);
    expect(echo.buffers).toEqual([Uint8Array.of(4), bytes]);
  });

  it.each([
    ["NaN (arrives as null over JSON)", { value: null }, "value must be a finite number in [8, 65536] (got null)"],
    ["out of range", { value: 1e6 }, "value must be in [8, 65536] (got 1000000)"],
    ["wrong type", { value: "big" }, 'value must be a finite number in [8, 65536] (got "big")'],
    ["kernel-owned trait", { disabled: true }, "disabled is set by the kernel only"],
    ["identity trait", { _view_name: "Other" }, "_view_name is fixed when the widget opens"],
    ["unknown trait", { colour: "red" }, "colour is not a trait of Slider"],
  ])("rejects %s: state unchanged, last good value resent, rejected message", (_name, patch, text) => {
    const s = nodes();
    const before = s.getState();
    rt.reset();
    rt.update(s.id, patch);
    expect(s.getState()).toEqual(before);
    const sent = rt.messagesOf(s.id);
    const trait = Object.keys(patch)[0];
    const custom = sent.find((m) => m.data.method === "custom");
    expect(custom?.data.content).toEqual({ type: "rejected", trait, message: text });
    expect(sent.some((m) => m.data.method === "echo_update")).toBe(false);
    if (trait in before) {
      expect(sent[0].data).toEqual({ method: "update", state: { [trait]: (before as never)[trait] }, buffer_paths: [] });
    }
  });

  it("applies nothing when one trait of a patch fails (all or nothing)", () => {
    const w = new Widget(SAMPLES_SPEC, { label: "a", samples: Uint8Array.of(1), series: [], scale: 1 });
    rt.update(w.id, { label: "b", scale: 3 });
    expect(w.get("label")).toBe("a");
    const custom = rt.messagesOf(w.id, "custom").map((m) => m.data.content);
    expect(custom).toEqual([{ type: "rejected", trait: "scale", message: "scale is set by the kernel only" }]);
    expect(rt.messagesOf(w.id, "update").pop()?.data.state).toEqual({ label: "a", scale: 1 });
  });

  it("answers request_state with every trait, binary ones as buffers", () => {
    const w = new Widget(SAMPLES_SPEC, { label: "a", samples: Uint8Array.of(5, 6), series: [], scale: 1 });
    rt.requestState(w.id);
    const reply = rt.last(w.id);
    expect(reply.data.method).toBe("update");
    expect(reply.data.buffer_paths).toEqual([["samples"]]);
    expect(reply.data.state).toMatchObject({ label: "a", series: [], scale: 1, _model_name: "GaugeModel" });
    expect([...reply.buffers[0]]).toEqual([5, 6]);
  });

  it("refuses front-end writes while disabled, naming the reason", () => {
    const s = nodes();
    s.setDisabled("commit the prediction for part 07.1 first");
    expect(s.get("disabled")).toBe(true);
    rt.update(s.id, { value: 2048 });
    expect(s.value).toBe(1024);
    expect(rt.last(s.id).data.content).toEqual({
      type: "rejected", trait: "value", message: "value cannot change: commit the prediction for part 07.1 first",
    });
    s.setDisabled(null);
    rt.update(s.id, { value: 2048 });
    expect(s.value).toBe(2048);
  });
});

describe("Widget: display and close", () => {
  it("displays the widget-view bundle (version 2.1) with a text/plain fallback", () => {
    const s = nodes();
    s.display();
    expect(rt.displays[0].bundle).toEqual({
      "application/vnd.jupyter.widget-view+json": { model_id: s.id, version_major: 2, version_minor: 1 },
      "text/plain": 'Slider("Nodes", value=1024 nodes)',
    });
  });

  it("keeps a registry of live widgets; closing from either side removes it", () => {
    const a = nodes();
    const b = nodes();
    expect(widgetById(a.id)).toBe(a);
    a.close();
    expect(rt.last(a.id).kind).toBe("close");
    expect(widgetById(a.id)).toBeUndefined();
    rt.closeFromFrontEnd(b.id);
    expect(b.isClosed).toBe(true);
    expect(liveWidgets()).not.toContain(b);
    expect(() => (b.value = 9)).toThrow(/closed/);
  });
});
