import { installFakeRuntime, settle, type FakeRuntime } from "../../test/helpers/fake-runtime";
import { MIME_BUNDLE, setKernelRuntime } from "../kernel/runtime";
import { FRONTEND_OPEN_REFUSED, WIDGET_CONTROL_TARGET, updateStates } from "./control";
import { Slider } from "./slider";
import { any, text } from "../widget-contract/rules";
import type { BaseTraits } from "../widget-contract/traits";
import { Widget, type WidgetContract } from "./widget";
import { liveWidgets } from "./widget-state";

interface BlobTraits extends BaseTraits {
  label: string;
  blob: unknown;
}
const BLOB_SPEC: WidgetContract<BlobTraits> = { kind: "gauge", label: "Blob", defaults: { label: "", blob: null }, rules: { label: text(), blob: any() }, writable: [] };

let rt: FakeRuntime;
beforeEach(() => {
  for (const w of liveWidgets()) w instanceof Widget && w.close();
  rt = installFakeRuntime();
});
afterAll(() => setKernelRuntime(undefined));

/** Opens a control comm from the front end; returns its id. */
function openControl(version = "1.0.0"): string {
  return rt.openFromFrontEnd(WIDGET_CONTROL_TARGET, {}, { version });
}

describe("jupyter.widget.control", () => {
  it("is registered on the runtime when the first widget is created", () => {
    expect(() => openControl()).toThrow(`no target registered as "${WIDGET_CONTROL_TARGET}"`);
    new Slider({ value: 4, min: 1, max: 10 });
    expect(() => openControl()).not.toThrow();
  });

  it("answers request_states with every live widget's model names and current state", async () => {
    const s = new Slider({ description: "Nodes", value: 4, min: 1, max: 10, unit: "h" });
    s.value = 7;
    await settle();
    const control = openControl();
    rt.deliver(control, { method: "request_states" });
    expect(rt.messagesOf(control)).toHaveLength(1);
    const { data, buffers } = rt.last(control);
    expect(data.method).toBe("update_states");
    expect(data.buffer_paths).toEqual([]);
    expect(buffers).toEqual([]);
    expect(data.states).toEqual({
      [s.id]: {
        model_name: "SliderModel", model_module: "@fleetlab/widgets", model_module_version: "0.1.0",
        state: JSON.parse(JSON.stringify(s.getState())),
      },
    });
    expect((data.states as { [id: string]: { state: { value: number } } })[s.id].state.value).toBe(7);
  });

  it("sends binary traits as buffers with paths rooted at the model id", () => {
    const w = new Widget(BLOB_SPEC, { label: "b", blob: Uint8Array.of(1, 2, 3) });
    const { data, buffers } = updateStates([w]);
    expect(data.buffer_paths).toEqual([[w.id, "state", "blob"]]);
    expect(buffers.map((b) => Array.from(b))).toEqual([[1, 2, 3]]);
    expect((data.states as { [id: string]: { state: object } })[w.id].state).not.toHaveProperty("blob");
  });

  it("leaves closed widgets out", () => {
    const a = new Slider({ value: 1, min: 0, max: 2 });
    const b = new Slider({ value: 1, min: 0, max: 2 });
    a.close();
    expect(Object.keys(updateStates().data.states as object)).toEqual([b.id]);
  });

  it("closes a control comm of another major version and ignores unknown methods", () => {
    new Slider({ value: 1, min: 0, max: 2 });
    const errors = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const v2 = openControl("2.0.0");
      expect(rt.frontEnd.comm(v2)!.isClosed).toBe(true);
      const ok = openControl();
      rt.deliver(ok, { method: "bogus" });
      expect(rt.messagesOf(ok)).toEqual([]);
      expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([
        expect.stringContaining("control protocol 2.0.0"),
        expect.stringContaining('method "bogus"'),
      ]);
    } finally {
      errors.mockRestore();
    }
  });
});

describe("front-end comm_open on jupyter.widget", () => {
  it("is closed at once with the reason", () => {
    new Slider({ value: 1, min: 0, max: 2 });
    const errors = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const id = rt.openFromFrontEnd("jupyter.widget", { state: {} });
      expect(rt.last(id)).toMatchObject({ kind: "close", data: { reason: FRONTEND_OPEN_REFUSED } });
      expect(String(errors.mock.calls[0][0])).toContain(id);
    } finally {
      errors.mockRestore();
    }
  });
});

describe("Widget as a cell result (MIME_BUNDLE)", () => {
  it("returns the widget-view bundle with text/plain and sends pending state first", () => {
    const s = new Slider({ description: "Nodes", value: 4, min: 1, max: 10 });
    s.value = 5; // queued, not yet sent
    const bundle = s[MIME_BUNDLE]();
    expect(bundle).toEqual({
      "application/vnd.jupyter.widget-view+json": { model_id: s.id, version_major: 2, version_minor: 1 },
      "text/plain": 'Slider("Nodes", value=5)',
    });
    expect(rt.messagesOf(s.id, "update").map((m) => m.data.state)).toEqual([{ value: 5 }]);
  });
});
