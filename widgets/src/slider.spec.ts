/** @jest-environment jsdom */
import { SLIDER } from "../../src/widget-contract/contracts";
import type { SliderTraits } from "../../src/widget-contract/traits";
import { render } from "./slider";
import { LIVE_EVENT, rulesOf, type OwnTraits } from "./widget-base";
import { createFakeModel, mount } from "./testing/fake-model";

function setup(over: Partial<OwnTraits<SliderTraits>> = {}) {
  const model = createFakeModel<OwnTraits<SliderTraits>>({ ...SLIDER.defaults, description: "MTBF", ...over }, rulesOf(SLIDER));
  const el = mount();
  const cleanup = render({ model: model as never, el });
  const input = el.querySelector("input[type=range]") as HTMLInputElement;
  const readout = el.querySelector(".fleetlab-readout") as HTMLElement;
  const notice = el.querySelector(".fleetlab-notice") as HTMLElement;
  const key = (k: string) => input.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true }));
  return { model, el, input, readout, notice, key, cleanup };
}

describe("Slider view", () => {
  it("draws the label, the track position and the readout with its unit", () => {
    const { el, input, readout } = setup({ value: 40, unit: "h" });
    expect(el.querySelector("label")!.textContent).toBe("MTBF");
    expect(input.value).toBe("40");
    expect(readout.textContent).toBe("40 h");
  });

  it("maps a log track: the middle of 0.1..1000 is 10", () => {
    const { input, model } = setup({ scale: "log", min: 0.1, max: 1000, step: 0.01, value: 1 });
    expect(input.max).toBe("400");
    expect(input.value).toBe("100");
    input.value = "200";
    input.dispatchEvent(new Event("input"));
    expect(model.get("value")).toBeCloseTo(10, 9);
  });

  it("moves by one stop, ten stops and to the ends from the keyboard, sending each value", () => {
    const { key, model } = setup({ value: 50 });
    key("ArrowRight");
    expect(model.get("value")).toBe(51);
    key("ArrowDown");
    key("ArrowDown");
    expect(model.get("value")).toBe(49);
    key("PageUp");
    expect(model.get("value")).toBe(59);
    key("End");
    expect(model.get("value")).toBe(100);
    key("Home");
    expect(model.get("value")).toBe(0);
    expect(model.saved.map((p) => p.value)).toEqual([51, 50, 49, 59, 100, 0]);
  });

  it("sends only on release when continuous_update is false, but reports every input live", () => {
    const { input, model } = setup({ continuous_update: false });
    const live: unknown[] = [];
    model.on(LIVE_EVENT, (v) => live.push(v));
    for (const p of ["10", "20", "30"]) {
      input.value = p;
      input.dispatchEvent(new Event("input"));
    }
    expect(model.saved).toEqual([]);
    expect(live).toEqual([10, 20, 30]);
    input.dispatchEvent(new Event("change"));
    expect(model.saved).toEqual([{ value: 30 }]);
  });

  it("shows a kernel value outside [min, max] as a [fleetlab] message and keeps the last good value", () => {
    const { model, input, notice } = setup({ value: 5 });
    model.fromKernel({ value: 500 });
    expect(model.get("value")).toBe(5);
    expect(input.value).toBe("5");
    expect(notice.hidden).toBe(false);
    expect(notice.textContent).toMatch(/^\[fleetlab\] kernel sent value .*in \[0, 100\].*got 500/);
  });

  it("shows a kernel rejected message beside the control", () => {
    const { model, notice } = setup();
    model.customFromKernel({ type: "rejected", trait: "value", message: "value must be <= 80 (got 90)" });
    expect(notice.textContent).toBe("[fleetlab] value: value must be <= 80 (got 90)");
  });

  it("ignores keys while disabled and follows the kernel's disabled trait", () => {
    const { model, input, key } = setup({ value: 3, disabled: true });
    expect(input.disabled).toBe(true);
    key("ArrowUp");
    expect(model.get("value")).toBe(3);
    model.fromKernel({ disabled: false });
    expect(input.disabled).toBe(false);
  });

  it("removes its DOM on cleanup", () => {
    const { el, cleanup } = setup();
    cleanup();
    expect(el.childElementCount).toBe(0);
  });
});
