import { installFakeRuntime, settle, type FakeRuntime } from "../../test/helpers/fake-runtime";
import { setKernelRuntime } from "../kernel/runtime";
let rt: FakeRuntime;
beforeEach(() => { rt = installFakeRuntime(); });
afterAll(() => setKernelRuntime(undefined));
void settle;

import { Toggle } from "./toggle";
describe("Toggle", () => {
  it("syncs a boolean and refuses anything else", () => {
    const t = new Toggle({ description: "DMR" });
    rt.update(t.id, { value: true });
    expect(t.value).toBe(true);
    rt.update(t.id, { value: "yes" });
    expect(t.value).toBe(true);
    expect(rt.last(t.id).data.content).toEqual({ type: "rejected", trait: "value", message: 'value must be true or false (got "yes")' });
    expect(() => (t.value = 1 as unknown as boolean)).toThrow("Toggle.value must be true or false (got 1)");
  });
});
