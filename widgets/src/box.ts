/**
 * Box: lays out child widgets in a row, a column or tabs.
 * Traits (BoxTraits): arrangement, children ("IPY_MODEL_<id>" references), titles, selected_index;
 * defaults and rules in the contract (`BOX`). The front end writes `selected_index` only (the open tab).
 */
import { BOX } from "../../src/widget-contract/contracts";
import type { BoxTraits } from "../../src/widget-contract/traits";
import { renderFailed } from "./messages";
import { createNotice, defineWidget, h, listen, showRefusals, type RenderContext } from "./widget-base";

/** Draws the box and its children into `el`; returns its cleanup. */
export function render({ model, el, host }: RenderContext<BoxTraits>): () => void {
  const doc = el.ownerDocument;
  const tabs = h(doc, "div", "fleetlab-tabs");
  tabs.setAttribute("role", "tablist");
  const body = h(doc, "div", "fleetlab-box");
  el.append(tabs, body);
  const notice = createNotice(el);
  let removeChildren: (() => void)[] = [];
  let generation = 0;

  const showTab = () => {
    const tab = model.get("arrangement") === "tab";
    const index = model.get("selected_index") ?? 0;
    [...body.children].forEach((child, i) => ((child as HTMLElement).hidden = tab && i !== index));
    [...tabs.children].forEach((b, i) => b.setAttribute("aria-selected", String(i === index)));
  };
  const draw = () => {
    const mine = ++generation;
    removeChildren.forEach((r) => r());
    removeChildren = [];
    body.replaceChildren();
    tabs.replaceChildren();
    const arrangement = model.get("arrangement");
    body.className = `fleetlab-box arrangement-${arrangement}`;
    tabs.hidden = arrangement !== "tab";
    model.get("children").forEach((ref, i) => {
      const slot = h(doc, "div", "fleetlab-box-child");
      body.appendChild(slot);
      if (arrangement === "tab") {
        const b = h(doc, "button", "", model.get("titles")[i] ?? `Tab ${i + 1}`);
        b.type = "button";
        b.setAttribute("role", "tab");
        b.addEventListener("click", () => {
          model.set("selected_index", i);
          model.save_changes();
          showTab();
        });
        tabs.appendChild(b);
      }
      host?.displayChild(ref, slot).then(
        (remove) => (mine === generation ? removeChildren.push(remove) : remove()),
        (error: unknown) => notice.show(renderFailed(`child ${ref}`, error)),
      );
    });
    showTab();
  };
  const off = listen(model, ["change:children", "change:arrangement", "change:titles"], draw);
  const offTab = listen(model, ["change:selected_index"], showTab);
  const offRefusals = showRefusals(model, notice);
  draw();
  return () => {
    generation++;
    off();
    offTab();
    offRefusals();
    removeChildren.forEach((r) => r());
    el.replaceChildren();
  };
}

/** The Box model and view classes. */
export const { Model: BoxModel, View: BoxView } = defineWidget<BoxTraits>({ contract: BOX, render });
