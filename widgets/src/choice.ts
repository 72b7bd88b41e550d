/**
 * Choice: one of a fixed list, as radio buttons or a drop-down select.
 * Traits (ChoiceTraits): description, options, labels (what each option shows), value, variant,
 * disabled; defaults and rules in the contract (`CHOICE`). The front end writes `value` only;
 * a value not in `options` is refused on either side, by the same rule.
 */
import { CHOICE } from "../../src/widget-contract/contracts";
import type { ChoiceTraits } from "../../src/widget-contract/traits";
import { invalidInput } from "./messages";
import { createNotice, defineWidget, entryProblem, h, listen, showRefusals, type RenderContext } from "./widget-base";

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
    const problem = entryProblem(CHOICE, model, "value", value);
    if (problem !== null) {
      notice.show(invalidInput("value", problem, value));
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
export const { Model: ChoiceModel, View: ChoiceView } = defineWidget<ChoiceTraits>({ contract: CHOICE, render });
