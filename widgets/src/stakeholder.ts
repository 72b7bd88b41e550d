/**
 * Stakeholder: a message from a persona in the mission, with an acknowledge button.
 * Traits (StakeholderTraits): persona, role, message, severity, acknowledged; defaults and
 * rules in the contract (`STAKEHOLDER`). The front end writes `acknowledged`, and only to true.
 */
import { STAKEHOLDER } from "../../src/widget-contract/contracts";
import type { StakeholderTraits } from "../../src/widget-contract/traits";
import { createNotice, defineWidget, h, listen, showRefusals, type RenderContext } from "./widget-base";

/** Draws the message box into `el`; returns its cleanup. */
export function render({ model, el }: RenderContext<StakeholderTraits>): () => void {
  const doc = el.ownerDocument;
  const box = h(doc, "div", "fleetlab-stakeholder");
  box.setAttribute("role", "note");
  const who = h(doc, "div", "fleetlab-persona");
  const text = h(doc, "div", "fleetlab-message");
  const ack = h(doc, "button", "fleetlab-ack");
  ack.type = "button";
  box.append(who, text, ack);
  el.appendChild(box);
  const notice = createNotice(el);

  const sync = () => {
    who.textContent = model.get("role") ? `${model.get("persona")} (${model.get("role")})` : model.get("persona");
    text.textContent = model.get("message");
    box.className = `fleetlab-stakeholder severity-${model.get("severity")}`;
    ack.textContent = model.get("acknowledged") ? "Acknowledged" : "Acknowledge";
    ack.disabled = model.get("acknowledged");
  };
  const onAck = () => {
    if (model.get("acknowledged")) return;
    model.set("acknowledged", true);
    model.save_changes();
  };
  ack.addEventListener("click", onAck);
  const off = listen(model, ["change:persona", "change:role", "change:message", "change:severity", "change:acknowledged"], sync);
  const offRefusals = showRefusals(model, notice);
  sync();
  return () => {
    off();
    offRefusals();
    ack.removeEventListener("click", onAck);
    el.replaceChildren();
  };
}

/** The Stakeholder model and view classes. */
export const { Model: StakeholderModel, View: StakeholderView } = defineWidget<StakeholderTraits>({ contract: STAKEHOLDER, render });
