/**
 * Stakeholder: a message from a mission persona. Kernel half of
 * widgets/src/stakeholder.ts; traits in `StakeholderTraits`. The front end may only
 * acknowledge (set `acknowledged` to true).
 */
import { boolean, oneOf, text } from "./rules";
import { STAKEHOLDER_WRITABLE, type StakeholderTraits } from "./traits";
import { Widget, type OwnTraits, type WidgetOptions, type WidgetSpec } from "./widget";

const SPEC: WidgetSpec<StakeholderTraits> = {
  kind: "stakeholder",
  label: "Stakeholder",
  rules: {
    persona: (v) => (typeof v === "string" && v.length > 0 ? null : "a non-empty string"),
    role: text(),
    message: text(),
    severity: oneOf(["info", "warning", "critical"]),
    acknowledged: boolean(),
  },
  writable: STAKEHOLDER_WRITABLE,
};

/** The kernel half of a stakeholder message box. */
export class Stakeholder extends Widget<StakeholderTraits> {
  /** @example new Stakeholder({ persona: "Safety Director", role: "Edge", message: "I need 100% SDC detection.", severity: "critical" }) */
  constructor(options: Partial<OwnTraits<StakeholderTraits>> & { persona: string; message: string }, widgetOptions?: WidgetOptions) {
    super(SPEC, { role: "", severity: "info", acknowledged: false, ...options }, widgetOptions);
  }

  /** Replaces the message (and resets the acknowledgement). */
  say(text: string, severity: StakeholderTraits["severity"] = this.get("severity")): void {
    this.setMany({ message: text, severity, acknowledged: false });
  }

  protected override describe(): string {
    return `${this.get("persona")}: ${JSON.stringify(this.get("message"))}`;
  }
}
