/**
 * NumberInput: a typed number with optional bounds and a unit label.
 * Kernel side of widgets/src/number-input.ts; traits, defaults and rules in the contract (`NUMBER_INPUT`).
 */
import { NUMBER_INPUT } from "../widget-contract/contracts";
import { withUnit } from "../widget-contract/format";
import type { NumberInputTraits, OwnTraits } from "../widget-contract/traits";
import { Widget, type WidgetOptions } from "./widget";

/** The kernel side of a number box; `value` is the only trait the front end may write. */
export class NumberInput extends Widget<NumberInputTraits> {
  /**
   * @example new NumberInput({ description: "Checkpoint write", value: 300, min: 1, unit: "s" })
   * @throws WidgetTraitError naming the trait when an option breaks its rule
   */
  constructor(options: Partial<OwnTraits<NumberInputTraits>> & { value: number }, widgetOptions?: WidgetOptions) {
    super(NUMBER_INPUT, options, widgetOptions);
  }

  /** The current value. */
  get value(): number {
    return this.get("value");
  }

  /** Sets the value; throws a WidgetTraitError naming `value` when not finite or out of bounds. */
  set value(v: number) {
    this.set("value", v);
  }

  // Every digit, as the box shows it: a typed value is not a rounded readout.
  protected override describe(): string {
    return `${JSON.stringify(this.get("description"))}, value=${withUnit(String(this.value), this.get("unit"))}`;
  }
}
