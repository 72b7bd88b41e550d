/**
 * Toggle: an on/off switch. Kernel side of widgets/src/toggle.ts; traits, defaults and rules
 * in the contract (`TOGGLE`).
 */
import { TOGGLE } from "../widget-contract/contracts";
import type { OwnTraits, ToggleTraits } from "../widget-contract/traits";
import { Widget, type WidgetOptions } from "./widget";

/** The kernel side of a toggle; `value` is the only trait the front end may write. */
export class Toggle extends Widget<ToggleTraits> {
  /** @example new Toggle({ description: "Enable checksums", value: false }) */
  constructor(options: Partial<OwnTraits<ToggleTraits>> = {}, widgetOptions?: WidgetOptions) {
    super(TOGGLE, options, widgetOptions);
  }

  /** The current value. */
  get value(): boolean {
    return this.get("value");
  }

  /** Sets the value; throws a WidgetTraitError naming `value` when not a boolean. */
  set value(v: boolean) {
    this.set("value", v);
  }

  protected override describe(): string {
    return `${JSON.stringify(this.get("description"))}, value=${this.value}`;
  }
}
