/**
 * Toggle: a boolean switch (a checkbox with role=switch). Traits (ToggleTraits):
 * description, value, on_label, off_label, disabled; defaults and rules in the contract
 * (`TOGGLE`). The front end writes `value` only.
 */
import { TOGGLE } from "../../src/widget-contract/contracts";
import type { ToggleTraits } from "../../src/widget-contract/traits";
import { createNotice, defineWidget, h, listen, showRefusals, type RenderContext } from "./widget-base";

/** Draws the toggle into `el`; returns its cleanup. */
export function render({ model, el }: RenderContext<ToggleTraits>): () => void {
  const doc = el.ownerDocument;
  const row = h(doc, "label", "fleetlab-row");
  const box = h(doc, "input", "");
  box.type = "checkbox";
  box.setAttribute("role", "switch");
  const text = h(doc, "span", "fleetlab-label");
  row.append(box, text);
  el.appendChild(row);
  const notice = createNotice(el);

  const sync = () => {
    const on = model.get("value");
    box.checked = on;
    box.setAttribute("aria-checked", String(on));
    box.disabled = model.get("disabled");
    const state = on ? model.get("on_label") : model.get("off_label");
    text.textContent = state ? `${model.get("description")}: ${state}`.replace(/^: /, "") : model.get("description");
  };
  const onChange = () => {
    notice.clear();
    model.set("value", box.checked);
    model.save_changes();
  };
  box.addEventListener("change", onChange);
  const off = listen(model, ["change:value", "change:disabled", "change:description", "change:on_label", "change:off_label"], sync);
  const offRefusals = showRefusals(model, notice);
  sync();
  return () => {
    off();
    offRefusals();
    box.removeEventListener("change", onChange);
    el.replaceChildren();
  };
}

/** The Toggle model and view classes. */
export const { Model: ToggleModel, View: ToggleView } = defineWidget<ToggleTraits>({ contract: TOGGLE, render });
