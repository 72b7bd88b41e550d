import { installFakeRuntime, settle, type FakeRuntime } from "../../test/helpers/fake-runtime";
import { setKernelRuntime } from "../kernel/runtime";
let rt: FakeRuntime;
beforeEach(() => { rt = installFakeRuntime(); });
afterAll(() => setKernelRuntime(undefined));
void settle;

import { Stakeholder } from "./stakeholder";
describe("Stakeholder", () => {
  it("shows a persona message; the front end acknowledges, a new message resets it", () => {
    const s = new Stakeholder({ persona: "Safety Director", role: "Edge", message: "I need 100% SDC detection.", severity: "critical" });
    rt.update(s.id, { acknowledged: true });
    expect(s.get("acknowledged")).toBe(true);
    rt.update(s.id, { message: "never mind" });
    expect(s.get("message")).toBe("I need 100% SDC detection.");
    s.say("Prove hashing is 10x cheaper than DMR.");
    expect(s.get("acknowledged")).toBe(false);
    expect(() => s.set("severity", "panic" as never)).toThrow(/severity must be one of/);
  });
});
