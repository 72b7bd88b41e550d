/** @jest-environment jsdom */
import { MATH_PEEK } from "../../src/widget-contract/contracts";
import { rulesOf } from "./widget-base";
import { render } from "./math-peek";
import { createFakeModel, mount } from "./testing/fake-model";

describe("MathPeek view", () => {
  function setup(tex: string) {
    const model = createFakeModel({ ...MATH_PEEK.defaults, description: "Young's interval", expression: "sqrt(2 * delta * M)", tex, value: 2939.387, unit: "s" }, rulesOf(MATH_PEEK));
    const el = mount();
    render({ model: model as never, el });
    return { model, el, toggle: el.querySelector("button") as HTMLButtonElement, panel: el.querySelector(".fleetlab-peek") as HTMLElement };
  }
  it("opens on click, sending expanded, and typesets the TeX with its value", () => {
    const { model, toggle, panel, el } = setup("\\sqrt{2\\cdot\\delta\\cdot M}");
    expect(panel.hidden).toBe(true);
    toggle.click();
    expect(model.saved).toEqual([{ expanded: true }]);
    expect(panel.hidden).toBe(false);
    expect(el.querySelector("math")).not.toBeNull();
    expect(el.querySelector(".fleetlab-readout")!.textContent).toBe("2939 s");
  });
  it("falls back to the TeX source when it cannot be typeset", () => {
    const { el } = setup("\\frac{1}{");
    expect(el.querySelector(".fleetlab-tex")!.textContent).toBe("\\frac{1}{");
  });
});
