/**
 * NumberInput: a typed number with optional bounds and a unit label.
 * Traits (NumberInputTraits): description, value, min, max, step, unit, disabled; defaults
 * and rules in the contract (`NUMBER_INPUT`). A typed value the kernel's rule refuses (not a
 * finite number in [min, max]) is shown as a `[fleetlab]` message and not sent; the box goes
 * back to the last good value on blur.
 */
import { NUMBER_INPUT } from "../../src/widget-contract/contracts";
import { parseNumber, tidy } from "../../src/widget-contract/numbers";
import type { NumberInputTraits } from "../../src/widget-contract/traits";
import { invalidInput } from "./messages";
import { createNotice, defineWidget, entryProblem, h, listen, showRefusals, type RenderContext } from "./widget-base";

/** Draws the number box into `el`; returns its cleanup. */
export function render({ model, el }: RenderContext<NumberInputTraits>): () => void {
  const doc = el.ownerDocument;
  const row = h(doc, "label", "fleetlab-row");
  const text = h(doc, "span", "fleetlab-label");
  const input = h(doc, "input", "");
  input.type = "text";
  input.inputMode = "decimal";
  const unit = h(doc, "span", "fleetlab-unit");
  row.append(text, input, unit);
  el.appendChild(row);
  const notice = createNotice(el);

  const sync = () => {
    text.textContent = model.get("description");
    input.value = String(model.get("value"));
    input.disabled = model.get("disabled");
    unit.textContent = model.get("unit");
  };
  const commit = () => {
    const value = parseNumber(input.value);
    const problem = entryProblem(NUMBER_INPUT, model, "value", value);
    if (problem !== null) {
      notice.show(invalidInput("value", problem, input.value));
      return false;
    }
    notice.clear();
    if (model.get("value") !== value) {
      model.set("value", value);
      model.save_changes();
    }
    return true;
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === "Enter") commit();
    const step = model.get("step");
    if (step !== null && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
      event.preventDefault();
      const next = tidy(model.get("value") + (event.key === "ArrowUp" ? step : -step));
      input.value = String(next);
      commit();
    }
  };
  const onBlur = () => {
    if (!commit()) input.value = String(model.get("value"));
  };
  input.addEventListener("keydown", onKey);
  input.addEventListener("change", commit);
  input.addEventListener("blur", onBlur);
  const off = listen(model, ["change:value", "change:disabled", "change:unit", "change:description"], sync);
  const offRefusals = showRefusals(model, notice);
  sync();
  return () => {
    off();
    offRefusals();
    input.removeEventListener("keydown", onKey);
    input.removeEventListener("change", commit);
    input.removeEventListener("blur", onBlur);
    el.replaceChildren();
  };
}

/** The NumberInput model and view classes. */
export const { Model: NumberInputModel, View: NumberInputView } = defineWidget<NumberInputTraits>({ contract: NUMBER_INPUT, render });
