/** @jest-environment jsdom */
import { NUMBER_INPUT } from "../../src/widget-contract/contracts";
import { rulesOf } from "./widget-base";
import { render } from "./number-input";
import { createFakeModel, mount } from "./testing/fake-model";

function setup() {
  const model = createFakeModel({ ...NUMBER_INPUT.defaults, description: "GPUs", value: 8, min: 1, max: 1024, step: 1 }, rulesOf(NUMBER_INPUT));
  const el = mount();
  render({ model: model as never, el });
  const input = el.querySelector("input") as HTMLInputElement;
  return { model, input, notice: el.querySelector(".fleetlab-notice") as HTMLElement };
}
const type = (input: HTMLInputElement, text: string) => {
  input.value = text;
  input.dispatchEvent(new Event("change"));
};

describe("NumberInput view", () => {
  it("sends a typed value within bounds", () => {
    const { model, input } = setup();
    type(input, "64");
    expect(model.saved).toEqual([{ value: 64 }]);
  });
  it("refuses text and out-of-range values with a message naming the trait, sending nothing", () => {
    const { model, input, notice } = setup();
    type(input, "lots");
    expect(notice.textContent).toBe('[fleetlab] value must be a finite number in [1, 1024] (got "lots")');
    type(input, "2048");
    expect(notice.textContent).toBe('[fleetlab] value must be in [1, 1024] (got "2048")');
    expect(model.saved).toEqual([]);
    input.dispatchEvent(new Event("blur"));
    expect(input.value).toBe("8");
  });
  it("steps with the arrow keys", () => {
    const { model, input } = setup();
    input.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowUp" }));
    expect(model.get("value")).toBe(9);
  });
});
