/** @jest-environment jsdom */
import { REFLECTION } from "../../src/widget-contract/contracts";
import { rulesOf } from "./widget-base";
import { render } from "./reflection";
import { createFakeModel, mount } from "./testing/fake-model";

describe("Reflection view", () => {
  it("counts live against the minimum and sends the text", () => {
    const model = createFakeModel({ ...REFLECTION.defaults, prompt: "Why?", min_words: 3 }, rulesOf(REFLECTION));
    const el = mount();
    render({ model: model as never, el });
    const area = el.querySelector("textarea") as HTMLTextAreaElement;
    expect(el.querySelector(".fleetlab-count")!.textContent).toBe("0 / 3 words");
    area.value = "failures compound with scale";
    area.dispatchEvent(new Event("input"));
    expect(el.querySelector(".fleetlab-count")!.textContent).toBe("4 / 3 words ✓");
    expect(model.saved).toEqual([{ value: "failures compound with scale" }]);
    // The same rule as the kernel's and the ledger's: a formula's operators are not words.
    area.value = "Because P = p^N";
    area.dispatchEvent(new Event("input"));
    expect(el.querySelector(".fleetlab-count")!.textContent).toBe("3 / 3 words ✓");
  });
  it("refuses text over max_chars without sending it", () => {
    const model = createFakeModel({ ...REFLECTION.defaults, max_chars: 5 }, rulesOf(REFLECTION));
    const el = mount();
    render({ model: model as never, el });
    const area = el.querySelector("textarea") as HTMLTextAreaElement;
    area.value = "far too long";
    area.dispatchEvent(new Event("input"));
    expect(model.saved).toEqual([]);
    expect(el.querySelector(".fleetlab-notice")!.textContent).toBe('[fleetlab] value must be a string of at most 5 characters (got "far too long")');
  });
});
