/**
 * Choice: one of a fixed list of options, as radio buttons or a select.
 * Kernel side of widgets/src/choice.ts; traits, defaults and rules in the contract (`CHOICE`).
 */
import { CHOICE, type WidgetContract } from "../widget-contract/contracts";
import { oneOf } from "../widget-contract/rules";
import type { ChoiceTraits, OwnTraits } from "../widget-contract/traits";
import { Widget, type WidgetOptions } from "./widget";

/** A choice that must always hold one of its options (a mission control): null is refused too. */
const REQUIRED: WidgetContract<ChoiceTraits> = { ...CHOICE, rules: { ...CHOICE.rules, value: oneOf((s: ChoiceTraits) => s.options) } };

/** Options of `new Choice`. */
export interface ChoiceOptions extends Partial<OwnTraits<ChoiceTraits>> {
  options: string[];
  /** True: value is always one of the options, and a null from the front end is refused like any other non-option. */
  required?: boolean;
}

/** The kernel side of a choice; `value` is the only trait the front end may write. */
export class Choice extends Widget<ChoiceTraits> {
  /**
   * @example new Choice({ description: "Checkpoint to", options: ["Blocking S3", "Local SSD", "Async DRAM"] })
   * @example new Choice({ description: "Track", options: ["cloud_titan", "tiny_pioneer"], labels: ["Cloud Titan", "Tiny Pioneer"] })
   * @throws WidgetTraitError naming the trait when options repeat or value is not an option
   */
  constructor(options: ChoiceOptions, widgetOptions?: WidgetOptions) {
    const { required, ...traits } = options;
    super(required ? REQUIRED : CHOICE, traits, widgetOptions);
  }

  /** The picked option, or null. */
  get value(): string | null {
    return this.get("value");
  }

  /** Picks an option; throws a WidgetTraitError naming `value` when it is not one of `options`. */
  set value(v: string | null) {
    this.set("value", v);
  }

  protected override describe(): string {
    return `${JSON.stringify(this.get("description"))}, value=${JSON.stringify(this.value)}`;
  }
}
