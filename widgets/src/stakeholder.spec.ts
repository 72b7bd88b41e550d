/** @jest-environment jsdom */
import { STAKEHOLDER } from "../../src/widget-contract/contracts";
import { rulesOf } from "./widget-base";
import { render } from "./stakeholder";
import { createFakeModel, mount } from "./testing/fake-model";

describe("Stakeholder view", () => {
  it("shows persona, role and message, and acknowledges once", () => {
    const model = createFakeModel({ ...STAKEHOLDER.defaults, persona: "Safety Director", role: "Edge", message: "Why did the fleet stall?", severity: "critical" as const }, rulesOf(STAKEHOLDER));
    const el = mount();
    render({ model: model as never, el });
    expect(el.textContent).toContain("Safety Director (Edge)");
    expect(el.querySelector(".severity-critical")).not.toBeNull();
    const ack = el.querySelector("button") as HTMLButtonElement;
    ack.click();
    ack.click();
    expect(model.saved).toEqual([{ acknowledged: true }]);
    expect(ack.disabled).toBe(true);
  });
  it("refuses an unknown severity", () => {
    const model = createFakeModel({ ...STAKEHOLDER.defaults }, rulesOf(STAKEHOLDER));
    const el = mount();
    render({ model: model as never, el });
    model.fromKernel({ severity: "panic" as never });
    expect(el.querySelector(".severity-info")).not.toBeNull();
    expect(el.querySelector(".fleetlab-notice")!.textContent).toMatch(/severity that is not one of/);
  });
});
