/**
 * Choice: one of a fixed list of options, as radio buttons or a select.
 * Kernel half of widgets/src/choice.ts; traits in `ChoiceTraits`.
 */
import { boolean, nullable, oneOf, stringList, text } from "./rules";
import { CHOICE_WRITABLE, type ChoiceTraits } from "./traits";
import { Widget, type OwnTraits, type WidgetOptions, type WidgetSpec } from "./widget";

const SPEC: WidgetSpec<ChoiceTraits> = {
  kind: "choice",
  label: "Choice",
  rules: {
    description: text(),
    options: stringList({ distinct: true, nonEmpty: true }),
    labels: (v, s) => stringList()(v, s) ?? ((v as string[]).length === 0 || (v as string[]).length === s.options.length ? null : `a list of ${s.options.length} labels, one per option, or []`),
    value: nullable(oneOf((s: ChoiceTraits) => s.options)),
    variant: oneOf(["radio", "select"]),
    disabled: boolean(),
  },
  writable: CHOICE_WRITABLE,
};

/** A choice that must always hold one of its options (a mission control): null is refused too. */
const REQUIRED_SPEC: WidgetSpec<ChoiceTraits> = { ...SPEC, rules: { ...SPEC.rules, value: oneOf((s: ChoiceTraits) => s.options) } };

/** Options of `new Choice`. */
export interface ChoiceOptions extends Partial<OwnTraits<ChoiceTraits>> {
  options: string[];
  /** True: value is always one of the options, and a null from the front end is refused like any other non-option. */
  required?: boolean;
}

/** The kernel half of a choice; `value` is the only trait the front end may write. */
export class Choice extends Widget<ChoiceTraits> {
  /**
   * @example new Choice({ description: "Checkpoint to", options: ["Blocking S3", "Local SSD", "Async DRAM"] })
   * @example new Choice({ description: "Track", options: ["cloud_titan", "tiny_pioneer"], labels: ["Cloud Titan", "Tiny Pioneer"] })
   * @throws WidgetTraitError naming the trait when options repeat or value is not an option
   */
  constructor(options: ChoiceOptions, widgetOptions?: WidgetOptions) {
    const { required, ...traits } = options;
    super(required ? REQUIRED_SPEC : SPEC, { description: "", labels: [], value: null, variant: "radio", disabled: false, ...traits }, widgetOptions);
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
