/** @jest-environment jsdom */
import { CHOICE } from "../../src/widget-contract/contracts";
import { rulesOf } from "./widget-base";
import { render } from "./choice";
import { createFakeModel, mount } from "./testing/fake-model";

function setup(variant: "radio" | "select") {
  const model = createFakeModel({ ...CHOICE.defaults, description: "Policy", options: ["spot", "reserved"], variant }, rulesOf(CHOICE));
  const el = mount();
  render({ model: model as never, el });
  return { model, el, notice: el.querySelector(".fleetlab-notice") as HTMLElement };
}

describe("Choice view", () => {
  it("draws radios and sends the picked option", () => {
    const { model, el } = setup("radio");
    const radios = el.querySelectorAll<HTMLInputElement>("input[type=radio]");
    expect(radios).toHaveLength(2);
    radios[1].click();
    expect(model.saved).toEqual([{ value: "reserved" }]);
  });
  it("draws a select and sends the picked option", () => {
    const { model, el } = setup("select");
    const select = el.querySelector("select") as HTMLSelectElement;
    select.value = "spot";
    select.dispatchEvent(new Event("change"));
    expect(model.get("value")).toBe("spot");
  });
  it("shows each option's label and still sends the option's value", () => {
    const model = createFakeModel({ ...CHOICE.defaults, description: "Track", options: ["cloud_titan", "tiny_pioneer"], labels: ["Cloud Titan", "Tiny Pioneer"], variant: "select" }, rulesOf(CHOICE));
    const el = mount();
    render({ model: model as never, el });
    const select = el.querySelector("select") as HTMLSelectElement;
    expect([...select.options].slice(1).map((o) => [o.value, o.textContent])).toEqual([["cloud_titan", "Cloud Titan"], ["tiny_pioneer", "Tiny Pioneer"]]);
    select.value = "tiny_pioneer";
    select.dispatchEvent(new Event("change"));
    expect(model.saved).toEqual([{ value: "tiny_pioneer" }]);
  });
  it("refuses a kernel value outside the options and keeps the last one", () => {
    const { model, notice } = setup("radio");
    model.fromKernel({ value: "preemptible" });
    expect(model.get("value")).toBeNull();
    expect(notice.textContent).toMatch(/^\[fleetlab\] kernel sent value that is not null or one of "spot", "reserved"/);
  });
});
