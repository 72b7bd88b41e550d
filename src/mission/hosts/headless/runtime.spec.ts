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
});
