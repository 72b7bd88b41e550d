/**
 * NumberInput: a typed number with optional bounds and a unit label.
 * Traits (NumberInputTraits): description, value, min, max, step, unit, disabled.
 * A typed value that is not a finite number in [min, max] is shown as a
 * `[fleetlab]` message and not sent; the box goes back to the last good value on blur.
 */
import type { NumberInputTraits } from "../../src/widgets/traits";
import { invalidInput } from "./messages";
import {
  createNotice, defineWidget, finiteNumber, finiteOrNull, h, isBoolean, isString, listen, showRefusals,
  type OwnTraits, type RenderContext, type TraitCheck,
} from "./widget-base";

/** Default trait values, in trait order. */
export const NUMBER_INPUT_DEFAULTS: OwnTraits<NumberInputTraits> = {
  description: "", value: 0, min: null, max: null, step: null, unit: "", disabled: false,
};

/** Returns the requirement `value` fails against the bounds, or null. */
export function boundsProblem(value: unknown, min: number | null, max: number | null): string | null {
  if (typeof value !== "number" || !Number.isFinite(value)) return "a finite number";
  if (min !== null && value < min) return `>= ${min}`;
  if (max !== null && value > max) return `<= ${max}`;
  return null;
}

/** Checks applied to kernel state before it reaches the view. */
export const NUMBER_INPUT_CHECKS: Record<string, TraitCheck> = {
  description: isString,
  value: (v, s) => boundsProblem(v, s.min as number | null, s.max as number | null),
  min: finiteOrNull,
  max: finiteOrNull,
  step: (v, s) => (v === null ? null : finiteNumber(v, s) ?? ((v as number) > 0 ? null : "> 0")),
  unit: isString,
  disabled: isBoolean,
};

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
  const parse = (raw: string): number => (raw.trim() === "" ? Number.NaN : Number(raw.trim()));
  const commit = () => {
    const value = parse(input.value);
    const problem = boundsProblem(value, model.get("min"), model.get("max"));
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
      // 12 significant digits hide float drift (0.1 + 0.2) without rounding real values.
      const next = Number((model.get("value") + (event.key === "ArrowUp" ? step : -step)).toPrecision(12));
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
export const { Model: NumberInputModel, View: NumberInputView } = defineWidget<NumberInputTraits>({
  kind: "numberInput", defaults: NUMBER_INPUT_DEFAULTS, checks: NUMBER_INPUT_CHECKS, render,
});
