import { installFakeRuntime, settle, type FakeRuntime } from "../../test/helpers/fake-runtime";
import { setKernelRuntime } from "../kernel/runtime";
let rt: FakeRuntime;
beforeEach(() => { rt = installFakeRuntime(); });
afterAll(() => setKernelRuntime(undefined));
void settle;

import { LockRecord } from "./lock-record";
import { notebookMetadata } from "./notebook-metadata";
import { Slider } from "./slider";
import { Widget } from "./widget";
import { any } from "../widget-contract/rules";
import { bytesToBase64, liveWidgets, widgetState } from "./widget-state";

/** Checks the shape of state.schema.json (ipywidgets, widget state version 2.0). */
function assertSchemaShape(doc: unknown): void {
  const d = doc as { version_major: unknown; version_minor: unknown; state: Record<string, Record<string, unknown>> };
  expect(d.version_major).toBe(2);
  expect(d.version_minor).toBe(0);
  for (const m of Object.values(d.state)) {
    expect(Object.keys(m).every((k) => ["model_name", "model_module", "model_module_version", "state", "buffers"].includes(k))).toBe(true);
    expect(typeof m.model_name).toBe("string");
    expect(typeof m.model_module).toBe("string");
    expect(typeof m.model_module_version).toBe("string");
    expect(typeof m.state).toBe("object");
    for (const b of (m.buffers as { path: unknown[]; data: string; encoding: string }[] | undefined) ?? []) {
      expect(Array.isArray(b.path)).toBe(true);
      expect(["base64", "hex"]).toContain(b.encoding);
      expect(typeof b.data).toBe("string");
    }
  }
}

describe("widget state", () => {
  it("encodes base64 like node's Buffer", () => {
    for (const bytes of [[], [0], [1, 2], [255, 254, 253], [104, 105, 33, 0, 7]]) {
      expect(bytesToBase64(Uint8Array.from(bytes))).toBe(Buffer.from(bytes).toString("base64"));
    }
  });

  it("saves every live widget per state.schema.json, binary values as base64 with paths", () => {
    for (const w of liveWidgets()) (w as unknown as { close(): void }).close();
    const s = new Slider({ description: "Nodes", value: 64, min: 8, max: 1024 });
    const bin = new Widget({ kind: "gauge", label: "Bin", defaults: { samples: null }, rules: { samples: any() }, writable: [] } as never,
      { samples: Float64Array.of(1) } as never);
    const doc = widgetState();
    assertSchemaShape(doc);
    expect(doc.state[s.id]).toMatchObject({ model_name: "SliderModel", model_module: "@fleetlab/widgets", model_module_version: "0.1.0" });
    expect(doc.state[s.id].state).toMatchObject({ value: 64, _view_name: "SliderView" });
    expect(doc.state[bin.id].buffers).toEqual([{ path: ["samples"], encoding: "base64", data: Buffer.from(Float64Array.of(1).buffer).toString("base64") }]);
    expect("samples" in doc.state[bin.id].state).toBe(false);
    bin.close();
    expect(Object.keys(widgetState().state)).toEqual([s.id]);
  });

  it("puts widget state and the ledger into notebook metadata", () => {
    const ledger = new LockRecord({ clock: () => new Date(0) });
    ledger.append({ kind: "commit", widget_id: "w", part: "1", trait: "value", value: 1 });
    const md = notebookMetadata(ledger);
    assertSchemaShape(md.widgets["application/vnd.jupyter.widget-state+json"]);
    expect(md.fleetlab.ledger.events).toHaveLength(1);
    expect(JSON.parse(JSON.stringify(md))).toEqual(md);
  });
});
