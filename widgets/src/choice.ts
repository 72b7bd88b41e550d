/**
 * Choice: one of a fixed list, as radio buttons or a drop-down select.
 * Traits (ChoiceTraits): description, options, labels (what each option shows), value, variant, disabled.
 * The front end writes `value` only; a value not in `options` is refused on either side.
 */
import type { ChoiceTraits } from "../../src/widgets/traits";
import { invalidInput } from "./messages";
import {
  createNotice, defineWidget, h, isBoolean, isString, listen, oneOf, showRefusals, stringArray,
  type OwnTraits, type RenderContext, type TraitCheck,
} from "./widget-base";

/** Default trait values, in trait order. */
export const CHOICE_DEFAULTS: OwnTraits<ChoiceTraits> = { description: "", options: [], labels: [], value: null, variant: "radio", disabled: false };

/** Checks applied to kernel state before it reaches the view. */
export const CHOICE_CHECKS: Record<string, TraitCheck> = {
  description: isString,
  options: (v, s) => stringArray(v, s) ?? (new Set(v as string[]).size === (v as string[]).length ? null : "an array of distinct strings"),
  labels: (v, s) => stringArray(v, s) ?? ((v as string[]).length === 0 || (v as string[]).length === (s.options as string[]).length ? null : "one label per option, or []"),
  value: (v, s) => (v === null ? null : oneOf(s.options as string[])(v, s)),
  variant: oneOf(["radio", "select"]),
  disabled: isBoolean,
};

let groupCounter = 0;

/** Draws the choice into `el`; returns its cleanup. */
export function render({ model, el }: RenderContext<ChoiceTraits>): () => void {
  const doc = el.ownerDocument;
  const group = `fleetlab-choice-${++groupCounter}`;
  const fieldset = h(doc, "fieldset", "fleetlab-row");
  const legend = h(doc, "legend", "fleetlab-label");
  const body = h(doc, "div", "fleetlab-row");
  fieldset.append(legend, body);
  el.appendChild(fieldset);
  const notice = createNotice(el);

  const pick = (value: string) => {
    if (!model.get("options").includes(value)) {
      notice.show(invalidInput("value", "one of the options", value));
      return;
    }
    notice.clear();
    model.set("value", value);
    model.save_changes();
  };

  const draw = () => {
    legend.textContent = model.get("description");
    body.replaceChildren();
    const options = model.get("options");
    const labels = model.get("labels");
    const labelOf = (o: string) => labels[options.indexOf(o)] ?? o;
    const value = model.get("value");
    const disabled = model.get("disabled");
    if (model.get("variant") === "select") {
      const select = h(doc, "select", "");
      select.setAttribute("aria-label", model.get("description"));
      const placeholder = h(doc, "option", "", "—");
      placeholder.value = "";
      placeholder.disabled = true;
      select.appendChild(placeholder);
      for (const o of options) {
        const opt = h(doc, "option", "", labelOf(o));
        opt.value = o;
        select.appendChild(opt);
      }
      select.value = value ?? "";
      select.disabled = disabled;
      select.addEventListener("change", () => pick(select.value));
      body.appendChild(select);
    } else {
      for (const o of options) {
        const label = h(doc, "label", "");
        const radio = h(doc, "input", "");
        radio.type = "radio";
        radio.name = group;
        radio.value = o;
        radio.checked = o === value;
        radio.disabled = disabled;
        radio.addEventListener("change", () => radio.checked && pick(o));
        label.append(radio, doc.createTextNode(` ${labelOf(o)}`));
        body.appendChild(label);
      }
    }
  };
  const off = listen(model, ["change:options", "change:labels", "change:value", "change:variant", "change:disabled", "change:description"], draw);
  const offRefusals = showRefusals(model, notice);
  draw();
  return () => {
    off();
    offRefusals();
    el.replaceChildren();
  };
}

/** The Choice model and view classes. */
export const { Model: ChoiceModel, View: ChoiceView } = defineWidget<ChoiceTraits>({
  kind: "choice", defaults: CHOICE_DEFAULTS, checks: CHOICE_CHECKS, render,
});
