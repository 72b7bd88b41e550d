import { installFakeRuntime, settle, type FakeRuntime } from "../../test/helpers/fake-runtime";
import { setKernelRuntime } from "../kernel/runtime";
let rt: FakeRuntime;
beforeEach(() => { rt = installFakeRuntime(); });
afterAll(() => setKernelRuntime(undefined));
void settle;

import { gaugeLevel } from "../widget-contract/gauge-level";
import { Gauge } from "./gauge";
const bands = [{ at: 0, level: "ok" as const, label: "" }, { at: 80, level: "warn" as const, label: "hot" }, { at: 95, level: "bad" as const, label: "saturated" }];
describe("Gauge", () => {
  it("derives the level from the thresholds and sends it with the value", async () => {
    const g = new Gauge({ description: "SSD write load", unit: "%", min: 0, max: 100, thresholds: bands, value: 10 });
    expect(g.get("level")).toBe("ok");
    g.value = 97;
    await settle();
    expect(rt.last(g.id).data.state).toEqual({ value: 97, level: "bad" });
    expect(gaugeLevel(-5, bands)).toBeNull();
  });
  it("marks a prediction beside the reading, and refuses a malformed marker", async () => {
    const g = new Gauge({ min: 0, max: 100, value: 40 });
    g.mark({ value: 55, label: "your prediction" });
    await settle();
    expect(rt.last(g.id).data.state).toEqual({ marker: { value: 55, label: "your prediction" } });
    expect(() => g.mark({ value: NaN, label: "x" })).toThrow(/marker must be/);
    expect(() => g.mark({ value: 1, label: "x", extra: 1 } as never)).toThrow(/marker must be/);
    expect(g.get("marker")).toEqual({ value: 55, label: "your prediction" });
  });
  it("is read-only from the front end and refuses unsorted thresholds", () => {
    const g = new Gauge({ min: 0, max: 100, thresholds: bands });
    rt.update(g.id, { value: 50 });
    expect(g.value).toBeNull();
    expect(() => g.set("thresholds", [bands[1], bands[0]])).toThrow(/thresholds must be sorted/);
  });
});
