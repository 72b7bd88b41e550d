/**
 * Stakeholder: a message from a mission persona. Kernel side of widgets/src/stakeholder.ts;
 * traits, defaults and rules in the contract (`STAKEHOLDER`). The front end may only
 * acknowledge (set `acknowledged` to true).
 */
import { STAKEHOLDER } from "../widget-contract/contracts";
import type { OwnTraits, StakeholderTraits } from "../widget-contract/traits";
import { Widget, type WidgetOptions } from "./widget";

/** The kernel side of a stakeholder message box. */
export class Stakeholder extends Widget<StakeholderTraits> {
  /** @example new Stakeholder({ persona: "Safety Director", role: "Edge", message: "I need 100% SDC detection.", severity: "critical" }) */
  constructor(options: Partial<OwnTraits<StakeholderTraits>> & { persona: string; message: string }, widgetOptions?: WidgetOptions) {
    super(STAKEHOLDER, options, widgetOptions);
  }

  /** Replaces the message (and resets the acknowledgement). */
  say(text: string, severity: StakeholderTraits["severity"] = this.get("severity")): void {
    this.setMany({ message: text, severity, acknowledged: false });
  }

  protected override describe(): string {
    return `${this.get("persona")}: ${JSON.stringify(this.get("message"))}`;
  }
}
