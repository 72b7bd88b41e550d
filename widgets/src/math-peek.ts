/**
 * MathPeek: a formula as typeset TeX (KaTeX) with its value, behind a peek toggle.
 * Traits (MathPeekTraits): description, expression, tex, value, unit, expanded; defaults and
 * rules in the contract (`MATH_PEEK`). The front end writes `expanded` only. TeX KaTeX cannot parse is shown as text.
 */
import katex from "katex";
import { MATH_PEEK } from "../../src/widget-contract/contracts";
import { formatReading } from "../../src/widget-contract/format";
import type { MathPeekTraits } from "../../src/widget-contract/traits";
import { createNotice, defineWidget, h, listen, showRefusals, type RenderContext } from "./widget-base";

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
    value.textContent = formatReading(v, model.get("unit"));
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
export const { Model: MathPeekModel, View: MathPeekView } = defineWidget<MathPeekTraits>({ contract: MATH_PEEK, render });
