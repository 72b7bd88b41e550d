/** @jest-environment jsdom */
import { PREDICTION_LOCK } from "../../src/widget-contract/contracts";
import type { PredictionLockTraits } from "../../src/widget-contract/traits";
import { render } from "./prediction-lock";
import { createFakeModel, mount } from "./testing/fake-model";
import { rulesOf, type OwnTraits } from "./widget-base";

function setup(over: Partial<OwnTraits<PredictionLockTraits>> = {}) {
  const model = createFakeModel<OwnTraits<PredictionLockTraits>>(
    { ...PREDICTION_LOCK.defaults, part: "07.1", prompt: "Fleet MTBF in hours?", unit: "h", min: 0.01, max: 10000, ...over },
    rulesOf(PREDICTION_LOCK),
  );
  const el = mount();
  render({ model: model as never, el });
  const input = () => el.querySelector("input[type=text], textarea") as HTMLInputElement;
  const button = el.querySelector(".fleetlab-commit") as HTMLButtonElement;
  const notice = el.querySelector(".fleetlab-notice") as HTMLElement;
  return { model, el, input, button, notice };
}
const typeInto = (input: HTMLInputElement, text: string) => {
  input.value = text;
  input.dispatchEvent(new Event("input"));
};

describe("PredictionLock view", () => {
  it("commits the draft with a lock_request and writes no trait itself", () => {
    const { model, input, button } = setup();
    typeInto(input(), "4");
    button.click();
    expect(model.sent).toEqual([{ type: "lock_request", value: 4 }]);
    expect(model.saved).toEqual([]);
    expect(model.get("locked")).toBe(false);
    expect(button.disabled).toBe(true);
  });

  it("refuses a draft out of range before sending anything", () => {
    const { model, input, button, notice } = setup();
    typeInto(input(), "-3");
    button.click();
    expect(model.sent).toEqual([]);
    expect(notice.textContent).toBe('[fleetlab] prediction must be in [0.01, 10000] (got "-3")');
  });

  it("is read-only once the kernel locks it, and shows the kernel's refusal of an edit", () => {
    const { model, input, button, notice, el } = setup();
    typeInto(input(), "4");
    button.click();
    model.fromKernel({ value: 4, locked: true, locked_at: "2026-11-22T19:30:00.000Z" });
    expect(input().readOnly).toBe(true);
    expect(input().value).toBe("4");
    expect(button.hidden).toBe(true);
    expect(el.textContent).toContain("Locked: 4 h at 2026-11-22T19:30:00.000Z");

    const keydown = new KeyboardEvent("keydown", { key: "9", cancelable: true });
    input().dispatchEvent(keydown);
    expect(keydown.defaultPrevented).toBe(true);
    expect(model.sent).toEqual([{ type: "lock_request", value: 4 }, { type: "lock_request", value: 4 }]);
    model.customFromKernel({ type: "rejected", trait: "value", message: "prediction for part 07.1 is locked; it cannot change (locked 4)" });
    expect(notice.textContent).toBe("[fleetlab] value: prediction for part 07.1 is locked; it cannot change (locked 4)");
    expect(model.get("value")).toBe(4);
  });

  it("offers choices as radios for kind choice", () => {
    const { model, el, button } = setup({ kind: "choice", choices: ["checkpoint more", "checkpoint less"] });
    const radios = el.querySelectorAll<HTMLInputElement>("input[type=radio]");
    radios[1].click();
    button.click();
    expect(model.sent).toEqual([{ type: "lock_request", value: "checkpoint less" }]);
    model.fromKernel({ value: "checkpoint less", locked: true });
    expect([...el.querySelectorAll<HTMLInputElement>("input[type=radio]")].every((r) => r.disabled)).toBe(true);
  });
});
