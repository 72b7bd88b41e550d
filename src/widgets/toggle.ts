/**
 * Toggle: an on/off switch. Kernel half of widgets/src/toggle.ts; traits in `ToggleTraits`.
 */
import { boolean, text } from "./rules";
import { TOGGLE_WRITABLE, type ToggleTraits } from "./traits";
import { Widget, type OwnTraits, type WidgetOptions, type WidgetSpec } from "./widget";

const SPEC: WidgetSpec<ToggleTraits> = {
  kind: "toggle",
  label: "Toggle",
  rules: { description: text(), value: boolean(), on_label: text(), off_label: text(), disabled: boolean() },
  writable: TOGGLE_WRITABLE,
};

/** The kernel half of a toggle; `value` is the only trait the front end may write. */
export class Toggle extends Widget<ToggleTraits> {
  /** @example new Toggle({ description: "Enable checksums", value: false }) */
  constructor(options: Partial<OwnTraits<ToggleTraits>> = {}, widgetOptions?: WidgetOptions) {
    super(SPEC, { description: "", value: false, on_label: "", off_label: "", disabled: false, ...options }, widgetOptions);
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
