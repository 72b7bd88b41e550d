/** @jest-environment jsdom */
import { BOX } from "../../src/widget-contract/contracts";
import { render } from "./box";
import { createFakeModel, mount } from "./testing/fake-model";
import { rulesOf, type WidgetHost } from "./widget-base";

const flush = () => new Promise((r) => setTimeout(r, 0));
function host(): WidgetHost & { removed: string[] } {
  const removed: string[] = [];
  return {
    removed,
    getModel: jest.fn(),
    displayChild: jest.fn(async (ref: string, into: HTMLElement) => {
      into.textContent = ref;
      return () => removed.push(ref);
    }),
  };
}

describe("Box view", () => {
  it("places each child in order", async () => {
    const model = createFakeModel({ ...BOX.defaults, arrangement: "hbox" as const, children: ["IPY_MODEL_a", "IPY_MODEL_b"] }, rulesOf(BOX));
    const el = mount();
    render({ model: model as never, el, host: host() });
    await flush();
    expect([...el.querySelectorAll(".fleetlab-box-child")].map((c) => c.textContent)).toEqual(["IPY_MODEL_a", "IPY_MODEL_b"]);
    expect(el.querySelector(".arrangement-hbox")).not.toBeNull();
  });
  it("shows one tab at a time and sends the selected index", async () => {
    const model = createFakeModel({ ...BOX.defaults, arrangement: "tab" as const, children: ["IPY_MODEL_a", "IPY_MODEL_b"], titles: ["Predict", "Explore"], selected_index: 0 }, rulesOf(BOX));
    const el = mount();
    const h = host();
    const cleanup = render({ model: model as never, el, host: h });
    await flush();
    const slots = [...el.querySelectorAll<HTMLElement>(".fleetlab-box-child")];
    expect(slots.map((s) => s.hidden)).toEqual([false, true]);
    (el.querySelectorAll("button")[1] as HTMLButtonElement).click();
    expect(model.saved).toEqual([{ selected_index: 1 }]);
    expect(slots.map((s) => s.hidden)).toEqual([true, false]);
    model.fromKernel({ selected_index: 7 });
    expect(el.querySelector(".fleetlab-notice")!.textContent).toMatch(/selected_index that is not null or an integer in \[0, 1\]/);
    cleanup();
    expect(h.removed).toEqual(["IPY_MODEL_a", "IPY_MODEL_b"]);
  });
});
