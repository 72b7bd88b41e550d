import { installFakeRuntime, settle, type FakeRuntime } from "../../test/helpers/fake-runtime";
import { setKernelRuntime } from "../kernel/runtime";
let rt: FakeRuntime;
beforeEach(() => { rt = installFakeRuntime(); });
afterAll(() => setKernelRuntime(undefined));
void settle;

import { Reflection } from "./reflection";
describe("Reflection", () => {
  it("derives word_count and complete from front-end text and sends them", async () => {
    const r = new Reflection({ part: "07.R", prompt: "Why?", min_words: 3, max_chars: 40 });
    rt.update(r.id, { value: "more nodes fail more" });
    expect(r.getState()).toMatchObject({ word_count: 4, complete: true });
    await settle();
    expect(rt.last(r.id).data.state).toEqual({ word_count: 4, complete: true });
    rt.update(r.id, { value: "x".repeat(41) });
    expect(r.get("value")).toBe("more nodes fail more");
    rt.update(r.id, { complete: true });
    expect(rt.last(r.id).data.content).toMatchObject({ message: "complete is set by the kernel only" });
  });
});
