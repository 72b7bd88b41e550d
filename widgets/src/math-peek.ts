/**
 * MathPeek: a formula as typeset TeX (KaTeX) with its value, behind a peek toggle.
 * Traits (MathPeekTraits): description, expression, tex, value, unit, expanded.
 * The front end writes `expanded` only. TeX KaTeX cannot parse is shown as text.
 */
import katex from "katex";
import type { MathPeekTraits } from "../../src/widgets/traits";
import { formatValue } from "./scale";
import {
  createNotice, defineWidget, finiteOrNull, h, isBoolean, isString, listen, showRefusals,
  type OwnTraits, type RenderContext, type TraitCheck,
} from "./widget-base";

/** Default trait values, in trait order. */
export const MATH_PEEK_DEFAULTS: OwnTraits<MathPeekTraits> = {
  description: "", expression: "", tex: "", value: null, unit: "", expanded: false,
};

/** Checks applied to kernel state before it reaches the view. */
export const MATH_PEEK_CHECKS: Record<string, TraitCheck> = {
  description: isString, expression: isString, tex: isString, value: finiteOrNull, unit: isString, expanded: isBoolean,
};

/** Typesets `tex` into `el` with KaTeX; falls back to the TeX source as text. */
export function typeset(el: HTMLElement, tex: string): void {
  try {
    katex.render(tex, el, { throwOnError: true, displayMode: false, output: "mathml" });
  } catch {
    el.textContent = tex;
    el.classList.add("fleetlab-tex-source");
  }
}

/** Draws the peek into `el`; returns its cleanup. */
export function render({ model, el }: RenderContext<MathPeekTraits>): () => void {
  const doc = el.ownerDocument;
  const toggle = h(doc, "button", "fleetlab-peek-toggle");
  toggle.type = "button";
  const panel = h(doc, "div", "fleetlab-row fleetlab-peek");
  const formula = h(doc, "span", "fleetlab-tex");
  const value = h(doc, "span", "fleetlab-readout");
  panel.append(formula, doc.createTextNode(" = "), value);
  el.append(toggle, panel);
  const notice = createNotice(el);

  const sync = () => {
    const open = model.get("expanded");
    toggle.textContent = `${open ? "▾" : "▸"} ${model.get("description") || "Show the formula"}`;
    toggle.setAttribute("aria-expanded", String(open));
    panel.hidden = !open;
    formula.className = "fleetlab-tex";
    typeset(formula, model.get("tex") || model.get("expression"));
    const v = model.get("value");
    value.textContent = v === null ? "—" : `${formatValue(v)}${model.get("unit") ? ` ${model.get("unit")}` : ""}`;
  };
  const onClick = () => {
    model.set("expanded", !model.get("expanded"));
    model.save_changes();
  };
  toggle.addEventListener("click", onClick);
  const off = listen(model, ["change:expanded", "change:tex", "change:expression", "change:value", "change:unit", "change:description"], sync);
  const offRefusals = showRefusals(model, notice);
  sync();
  return () => {
    off();
    offRefusals();
    toggle.removeEventListener("click", onClick);
    el.replaceChildren();
  };
}

/** The MathPeek model and view classes. */
export const { Model: MathPeekModel, View: MathPeekView } = defineWidget<MathPeekTraits>({
  kind: "mathPeek", defaults: MATH_PEEK_DEFAULTS, checks: MATH_PEEK_CHECKS, render,
});
