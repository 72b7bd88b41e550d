import { installFakeRuntime, settle, type FakeRuntime } from "../../test/helpers/fake-runtime";
import { setKernelRuntime } from "../kernel/runtime";
let rt: FakeRuntime;
beforeEach(() => { rt = installFakeRuntime(); });
afterAll(() => setKernelRuntime(undefined));
void settle;

import { Choice } from "./choice";
describe("Choice", () => {
  const make = () => new Choice({ description: "Checkpoint to", options: ["Blocking S3", "Local SSD", "Async DRAM"], variant: "select" });
  it("accepts one of the options and refuses others", () => {
    const c = make();
    rt.update(c.id, { value: "Local SSD" });
    expect(c.value).toBe("Local SSD");
    rt.update(c.id, { value: "Tape" });
    expect(c.value).toBe("Local SSD");
    expect(rt.last(c.id).data.content).toEqual({
      type: "rejected", trait: "value", message: 'value must be null or one of "Blocking S3", "Local SSD", "Async DRAM" (got "Tape")',
    });
  });
  it("a required choice refuses null (no selection) as well, keeping its value", () => {
    const c = new Choice({ description: "Tier", options: ["Blocking S3", "Local SSD"], value: "Local SSD", required: true });
    rt.update(c.id, { value: null });
    expect(c.value).toBe("Local SSD");
    expect(rt.last(c.id).data.content).toEqual({ type: "rejected", trait: "value", message: 'value must be one of "Blocking S3", "Local SSD" (got null)' });
    expect(() => new Choice({ options: ["a", "b"], required: true })).toThrow('Choice.value must be one of "a", "b" (got null)');
    expect(c.getState()).not.toHaveProperty("required");
  });
  it("takes one label per option (or none) and refuses any other count", () => {
    const c = new Choice({ options: ["cloud_titan", "tiny_pioneer"], labels: ["Cloud Titan", "Tiny Pioneer"], value: "cloud_titan" });
    expect(c.get("labels")).toEqual(["Cloud Titan", "Tiny Pioneer"]);
    expect(new Choice({ options: ["a", "b"] }).get("labels")).toEqual([]);
    expect(() => new Choice({ options: ["a", "b"], labels: ["A"] })).toThrow(/labels must be a list of 2 labels, one per option, or \[\]/);
  });

  it("refuses repeated options and an options change that orphans the value", () => {
    expect(() => new Choice({ options: ["a", "a"] })).toThrow("Choice.options must be a list of distinct strings");
    const c = make();
    c.value = "Async DRAM";
    expect(() => c.set("options", ["Blocking S3"])).toThrow(/Choice.value must be null or one of "Blocking S3"/);
  });
});
