import { setKernelRuntime } from "../../../kernel/runtime";
import { Slider } from "../../../kernel-widgets/index";
import { createHeadlessRuntime } from "./runtime";

describe("headless runtime", () => {
  afterAll(() => setKernelRuntime(undefined));

  it("holds each widget's state as a front end would: the open state with every update since applied", async () => {
    const rt = createHeadlessRuntime();
    setKernelRuntime(rt);
    const slider = new Slider({ description: "N", value: 8, min: 1, max: 100, step: 1 });
    expect(rt.widgetState(slider.id)).toMatchObject({ description: "N", value: 8 });
    slider.set("value", 42);
    rt.frontendSend(slider.id, { method: "update", state: { value: 7 } });
    await new Promise((r) => setTimeout(r, 0));
    expect(rt.widgetState(slider.id)).toMatchObject({ description: "N", value: 7 });
    expect(rt.widgetState("no-such-comm")).toBeUndefined();
  });

  it("renders display messages into the cell's outputs as a notebook does: updates by display id, clear_output(wait) at the next output", () => {
    const rt = createHeadlessRuntime();
    const first = rt.beginCell();
    rt.display({ "text/plain": "a" }, { displayId: "d" });
    const second = rt.beginCell();
    rt.display({ "text/plain": "b" }, { metadata: { m: 1 } });
    rt.updateDisplay({ "text/plain": "a2" }, { displayId: "d" });
    expect(first).toEqual([{ output_type: "display_data", data: { "text/plain": "a2" }, metadata: {} }]);
    rt.clearOutput(true);
    expect(second).toHaveLength(1);
    rt.display({ "text/plain": "c" });
    expect(second).toEqual([{ output_type: "display_data", data: { "text/plain": "c" }, metadata: {} }]);
    rt.clearOutput();
    expect(second).toEqual([]);
  });

  it("refuses a front-end message to a closed comm, naming it", () => {
    const rt = createHeadlessRuntime();
    setKernelRuntime(rt);
    const slider = new Slider({ value: 8, min: 1, max: 100 });
    slider.close();
    expect(() => rt.frontendSend(slider.id, { method: "update", state: { value: 7 } })).toThrow(`comm ${slider.id} is closed`);
  });
});
