/** @jest-environment jsdom */
import { GAUGE } from "../../src/widget-contract/contracts";
import { fillFraction, render } from "./gauge";
import { LIVE_EVENT, rulesOf, type WidgetHost } from "./widget-base";
import { createFakeModel, mount } from "./testing/fake-model";

describe("Gauge view", () => {
  const thresholds = [{ at: 0, level: "bad" as const, label: "below target" }, { at: 0.99, level: "ok" as const, label: "meets SLO" }];
  function setup() {
    const model = createFakeModel({ ...GAUGE.defaults, description: "Availability", thresholds }, rulesOf(GAUGE));
    const el = mount();
    render({ model: model as never, el });
    return { model, el };
  }
  it("matches the worked example: 0.25 on [0, 1] fills a quarter", () => expect(fillFraction(0.25, 0, 1)).toBe(0.25));
  it("draws value, level and the reached threshold label", () => {
    const { model, el } = setup();
    expect(el.querySelector(".fleetlab-readout")!.textContent).toBe("—");
    model.fromKernel({ value: 0.995, level: "ok" });
    expect(el.querySelector(".fleetlab-readout")!.textContent).toBe("0.995");
    expect((el.querySelector(".fleetlab-gauge-fill") as HTMLElement).style.width).toBe("99.5%");
    expect(el.querySelector(".fleetlab-gauge")!.classList.contains("level-ok")).toBe(true);
    expect(el.textContent).toContain("meets SLO");
  });
  it("draws a marker at its place on the bar with its number, pinned to the end when outside", () => {
    const { model, el } = setup();
    const tick = el.querySelector(".fleetlab-gauge-marker") as HTMLElement;
    expect(tick.hidden).toBe(true);
    model.fromKernel({ value: 0.5, marker: { value: 0.25, label: "your prediction" } });
    expect(tick.hidden).toBe(false);
    expect(tick.style.left).toBe("25%");
    expect(el.querySelector(".fleetlab-gauge-marker-label")!.textContent).toBe("your prediction: 0.25");
    model.fromKernel({ marker: { value: 7, label: "your prediction" } });
    expect(tick.style.left).toBe("100%");
    model.fromKernel({ marker: { value: 1 } as never });
    expect(el.querySelector(".fleetlab-notice")!.textContent).toMatch(/marker/);
  });
  it("refuses a non-finite reading", () => {
    const { model, el } = setup();
    model.fromKernel({ value: Number.POSITIVE_INFINITY });
    expect(model.get("value")).toBeNull();
    expect(el.querySelector(".fleetlab-notice")!.textContent).toMatch(/^\[fleetlab\] kernel sent value/);
  });
  it("recomputes its reading in the browser while a control is dragged, until the kernel's value arrives (fast path)", async () => {
    const flush = () => new Promise((r) => setTimeout(r, 0));
    const nodes = createFakeModel({ value: 1000 });
    const host: WidgetHost = { getModel: jest.fn(async () => nodes as never), displayChild: jest.fn() };
    const model = createFakeModel({ ...GAUGE.defaults, unit: "h", min: 0, max: 100, value: 50 }, rulesOf(GAUGE));
    const el = mount();
    render({ model: model as never, el, host });
    const readout = () => el.querySelector(".fleetlab-readout")!.textContent;
    nodes.trigger(LIVE_EVENT, 500);
    expect(readout()).toBe("50 h"); // no fast path yet: nothing but the kernel's reading
    model.fromKernel({ compute: { fn: "fleetMtbf", args: { nodeMtbf: 50_000, nodes: { control: "nodes-1" } } } });
    await flush();
    expect(host.getModel).toHaveBeenCalledWith("nodes-1");
    nodes.trigger(LIVE_EVENT, 2000);
    expect(readout()).toBe("25 h"); // fleetMtbf(50,000 h, 2,000) from the shared model code
    model.fromKernel({ value: 25.5 });
    expect(readout()).toBe("25.5 h"); // the kernel stays the authority
  });
});
