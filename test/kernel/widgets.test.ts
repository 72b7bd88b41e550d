/**
 * FleetLab widgets through a real kernel process: a widget as a cell result, a front-end
 * `update` round trip, the `jupyter.widget.control` restore path, and a refused front-end
 * comm_open. Needs dist/ built (npm test builds it).
 */
import type { Message } from "../../src/kernel/messages";
import { KernelClient, startKernel } from "../helpers/kernel-client";

const VIEW_MIME = "application/vnd.jupyter.widget-view+json";

function ofType(ms: Message[], t: string): Message[] {
  return ms.filter((m) => m.header.msg_type === t);
}

describe("fleetlab kernel: widgets over the wire", () => {
  let k: KernelClient;
  let sliderId: string;
  beforeAll(async () => {
    k = await startKernel();
  });
  afterAll(async () => k.close());

  it("a control comm opened before any widget exists is closed (no target yet)", async () => {
    const msgs = await k.send("comm_open", { comm_id: "early-control", target_name: "jupyter.widget.control", data: {} }, [], { version: "1.0.0" });
    expect(ofType(msgs, "comm_close").map((m) => m.content.comm_id)).toEqual(["early-control"]);
  });

  it("shows a slider that ends a cell as execute_result with the widget-view bundle", async () => {
    const { reply, iopub } = await k.execute(`import { Slider } from "fleetlab/dist/src/kernel-widgets";
const slider = new Slider({ description: "Nodes", value: 4, min: 1, max: 10, unit: "h" });
slider`);
    expect(reply.content.status).toBe("ok");
    const open = ofType(iopub, "comm_open")[0];
    expect(open.content).toMatchObject({ target_name: "jupyter.widget", data: { state: { _model_name: "SliderModel", value: 4 }, buffer_paths: [] } });
    expect(open.metadata).toEqual({ version: "2.1.0" });
    sliderId = open.content.comm_id as string;
    const result = ofType(iopub, "execute_result")[0].content;
    expect(result.data).toEqual({
      [VIEW_MIME]: { model_id: sliderId, version_major: 2, version_minor: 1 },
      "text/plain": 'Slider("Nodes", value=4 h)',
    });
    // The comm is opened before the result that refers to it.
    expect(iopub.indexOf(open)).toBeLessThan(iopub.indexOf(ofType(iopub, "execute_result")[0]));
  });

  it("applies a front-end update and echoes it; refuses an out-of-range one", async () => {
    const msgs = await k.send("comm_msg", { comm_id: sliderId, data: { method: "update", state: { value: 6.5 }, buffer_paths: [] } });
    expect(ofType(msgs, "comm_msg").map((m) => m.content.data)).toEqual([{ method: "echo_update", state: { value: 6.5 }, buffer_paths: [] }]);
    const check = await k.execute("slider.value");
    expect(ofType(check.iopub, "execute_result")[0].content.data).toEqual({ "text/plain": "6.5" });

    const bad = await k.send("comm_msg", { comm_id: sliderId, data: { method: "update", state: { value: 99 }, buffer_paths: [] } });
    expect(ofType(bad, "comm_msg").map((m) => m.content.data)).toEqual([
      { method: "update", state: { value: 6.5 }, buffer_paths: [] },
      { method: "custom", content: { type: "rejected", trait: "value", message: "value must be in [1, 10] (got 99)" } },
    ]);
  });

  it("answers request_states on jupyter.widget.control with the slider's current state", async () => {
    await k.execute("slider.value = 3;");
    const opened = await k.send("comm_open", { comm_id: "control-1", target_name: "jupyter.widget.control", data: {} }, [], { version: "1.0.0" });
    expect(ofType(opened, "comm_close")).toEqual([]);
    const msgs = await k.send("comm_msg", { comm_id: "control-1", data: { method: "request_states" } });
    const [answer] = ofType(msgs, "comm_msg");
    expect(answer.content.comm_id).toBe("control-1");
    const data = answer.content.data as { method: string; states: Record<string, { model_name: string; state: Record<string, unknown> }>; buffer_paths: unknown[] };
    expect(data.method).toBe("update_states");
    expect(data.buffer_paths).toEqual([]);
    expect(data.states[sliderId]).toMatchObject({
      model_name: "SliderModel", model_module: "@fleetlab/widgets", model_module_version: "0.1.0",
      state: { _view_name: "SliderView", description: "Nodes", value: 3, min: 1, max: 10, unit: "h" },
    });
    await k.send("comm_close", { comm_id: "control-1", data: {} });
  });

  it("an interrupt stops a widget update whose observer never returns; the kernel keeps its state and serves the next message", async () => {
    const setup = await k.execute(`const spinner = new Slider({ description: "Spin", value: 1, min: 1, max: 10 });
let spins = 0;
spinner.observe("value", () => { spins++; while (spinner.value > 5) {} });
spinner`);
    const spinnerId = ofType(setup.iopub, "comm_open")[0].content.comm_id as string;
    const stuck = k.send("comm_msg", { comm_id: spinnerId, data: { method: "update", state: { value: 7 }, buffer_paths: [] } });
    await new Promise((r) => setTimeout(r, 500));
    const intr = await k.request("control", "interrupt_request", {});
    expect(intr.reply.header.msg_type).toBe("interrupt_reply");
    // The interrupted update still ends with its idle status.
    await stuck;
    expect(k.stderr).not.toMatch(/Assertion|Aborted|corrupted/);
    const after = await k.execute("[spins, spinner.value, slider.value]");
    expect(ofType(after.iopub, "execute_result")[0].content.data).toEqual({ "text/plain": "[ 1, 7, 3 ]" });
    const next = await k.send("comm_msg", { comm_id: spinnerId, data: { method: "update", state: { value: 2 }, buffer_paths: [] } });
    expect(ofType(next, "comm_msg").map((m) => m.content.data)).toEqual([{ method: "echo_update", state: { value: 2 }, buffer_paths: [] }]);
  });

  it("closes a front-end comm_open on jupyter.widget and says why", async () => {
    const msgs = await k.send("comm_open", { comm_id: "fe-widget-1", target_name: "jupyter.widget", data: { state: { _model_name: "SliderModel" }, buffer_paths: [] } }, [], { version: "2.1.0" });
    const close = ofType(msgs, "comm_close")[0];
    expect(close.content.comm_id).toBe("fe-widget-1");
    expect((close.content.data as { reason: string }).reason).toMatch(/created by the kernel/);
    expect(ofType(msgs, "stream").map((m) => m.content.text).join("")).toContain("fe-widget-1");
    const info = await k.request("shell", "comm_info_request", { target_name: "jupyter.widget" });
    expect(Object.keys(info.reply.content.comms as object)).toContain(sliderId);
  });
});
