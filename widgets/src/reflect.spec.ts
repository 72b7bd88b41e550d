/** @jest-environment jsdom */
import { REFLECT_CHECKS, REFLECT_DEFAULTS, countWords, render } from "./reflect";
import { createFakeModel, mount } from "./testing/fake-model";

describe("Reflect view", () => {
  it("counts words as runs of non-space characters", () => {
    expect(countWords("Because P = p^N")).toBe(4);
    expect(countWords("  \n ")).toBe(0);
  });
  it("counts live against the minimum and sends the text", () => {
    const model = createFakeModel({ ...REFLECT_DEFAULTS, prompt: "Why?", min_words: 3 }, REFLECT_CHECKS);
    const el = mount();
    render({ model: model as never, el });
    const area = el.querySelector("textarea") as HTMLTextAreaElement;
    expect(el.querySelector(".fleetlab-count")!.textContent).toBe("0 / 3 words");
    area.value = "failures compound with scale";
    area.dispatchEvent(new Event("input"));
    expect(el.querySelector(".fleetlab-count")!.textContent).toBe("4 / 3 words ✓");
    expect(model.saved).toEqual([{ value: "failures compound with scale" }]);
  });
  it("refuses text over max_chars without sending it", () => {
    const model = createFakeModel({ ...REFLECT_DEFAULTS, max_chars: 5 }, REFLECT_CHECKS);
    const el = mount();
    render({ model: model as never, el });
    const area = el.querySelector("textarea") as HTMLTextAreaElement;
    area.value = "far too long";
    area.dispatchEvent(new Event("input"));
    expect(model.saved).toEqual([]);
    expect(el.querySelector(".fleetlab-notice")!.textContent).toBe('[fleetlab] value must be at most 5 characters (got "12 characters")');
  });
});
