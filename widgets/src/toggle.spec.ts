/** @jest-environment jsdom */
import { TOGGLE } from "../../src/widget-contract/contracts";
import { rulesOf } from "./widget-base";
import { render } from "./toggle";
import { createFakeModel, mount } from "./testing/fake-model";

function setup() {
  const model = createFakeModel({ ...TOGGLE.defaults, description: "Checksums", on_label: "on", off_label: "off" }, rulesOf(TOGGLE));
  const el = mount();
  render({ model: model as never, el });
  return { model, el, box: el.querySelector("input") as HTMLInputElement, notice: el.querySelector(".fleetlab-notice") as HTMLElement };
}

describe("Toggle view", () => {
  it("shows the state label and sends the new value on change", () => {
    const { model, el, box } = setup();
    expect(el.textContent).toContain("Checksums: off");
    box.click();
    expect(model.saved).toEqual([{ value: true }]);
    expect(el.textContent).toContain("Checksums: on");
    expect(box.getAttribute("aria-checked")).toBe("true");
  });
  it("refuses a non-boolean from the kernel with a [fleetlab] message", () => {
    const { model, box, notice } = setup();
    model.fromKernel({ value: "yes" as never });
    expect(box.checked).toBe(false);
    expect(notice.textContent).toMatch(/^\[fleetlab\] kernel sent value that is not true or false/);
  });
});
