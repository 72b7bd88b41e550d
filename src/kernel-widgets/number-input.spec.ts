import { installFakeRuntime, settle, type FakeRuntime } from "../../test/helpers/fake-runtime";
import { setKernelRuntime } from "../kernel/runtime";
let rt: FakeRuntime;
beforeEach(() => { rt = installFakeRuntime(); });
afterAll(() => setKernelRuntime(undefined));
void settle;

import { NumberInput } from "./number-input";
describe("NumberInput", () => {
  it("keeps values inside optional bounds", () => {
    const n = new NumberInput({ description: "Checkpoint write", value: 300, min: 1, unit: "s" });
    rt.update(n.id, { value: 1e9 });
    expect(n.value).toBe(1e9);
    rt.update(n.id, { value: 0 });
    expect(n.value).toBe(1e9);
    expect(rt.last(n.id).data.content).toEqual({ type: "rejected", trait: "value", message: "value must be >= 1 (got 0)" });
    expect(() => (n.value = Infinity)).toThrow("NumberInput.value must be a finite number >= 1 (got Infinity)");
  });
});
