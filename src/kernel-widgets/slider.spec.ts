import { installFakeRuntime, settle, type FakeRuntime } from "../../test/helpers/fake-runtime";
import { setKernelRuntime } from "../kernel/runtime";
let rt: FakeRuntime;
beforeEach(() => { rt = installFakeRuntime(); });
afterAll(() => setKernelRuntime(undefined));
void settle;

import { Slider } from "./slider";
describe("Slider", () => {
  it("defaults step to 1/100 of the range (linear) or 0.01 decades (log)", () => {
    expect(new Slider({ value: 5, min: 0, max: 10 }).get("step")).toBe(0.1);
    expect(new Slider({ value: 5, min: 1, max: 10, scale: "log" }).get("step")).toBe(0.01);
  });
  it("accepts a front-end value at the bounds and refuses one just outside", () => {
    const s = new Slider({ value: 5, min: 0, max: 10, unit: "h" });
    rt.update(s.id, { value: 10 });
    expect(s.value).toBe(10);
    rt.update(s.id, { value: 10.001 });
    expect(s.value).toBe(10);
    expect(rt.last(s.id).data.content).toMatchObject({ type: "rejected", trait: "value" });
  });
  it("refuses a scale change to log while min <= 0", () => {
    const s = new Slider({ value: 5, min: 0, max: 10 });
    expect(() => s.set("scale", "log")).toThrow(`Slider.scale must be "linear" while min (0) <= 0 (got "log")`);
    expect(s.get("scale")).toBe("linear");
  });
});
