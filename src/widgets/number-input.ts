/**
 * NumberInput: a typed number with optional bounds and a unit label.
 * Kernel half of widgets/src/number-input.ts; traits in `NumberInputTraits`.
 */
import { boolean, finiteNumber, nullable, positiveNumber, text } from "./rules";
import { NUMBER_INPUT_WRITABLE, type NumberInputTraits } from "./traits";
import { Widget, type OwnTraits, type WidgetOptions, type WidgetSpec } from "./widget";

const SPEC: WidgetSpec<NumberInputTraits> = {
  kind: "numberInput",
  label: "NumberInput",
  rules: {
    description: text(),
    value: finiteNumber((s) => ({ min: s.min, max: s.max })),
    min: nullable(finiteNumber((s) => ({ max: s.max }))),
    max: nullable(finiteNumber((s) => ({ min: s.min }))),
    step: nullable(positiveNumber()),
    unit: text(),
    disabled: boolean(),
  },
  writable: NUMBER_INPUT_WRITABLE,
};

/** The kernel half of a number box; `value` is the only trait the front end may write. */
export class NumberInput extends Widget<NumberInputTraits> {
  /**
   * @example new NumberInput({ description: "Checkpoint write", value: 300, min: 1, unit: "s" })
   * @throws WidgetTraitError naming the trait when an option breaks its rule
   */
  constructor(options: Partial<OwnTraits<NumberInputTraits>> & { value: number }, widgetOptions?: WidgetOptions) {
    super(SPEC, { description: "", min: null, max: null, step: null, unit: "", disabled: false, ...options }, widgetOptions);
  }

  /** The current value. */
  get value(): number {
    return this.get("value");
  }

  /** Sets the value; throws a WidgetTraitError naming `value` when not finite or out of bounds. */
  set value(v: number) {
    this.set("value", v);
  }

  protected override describe(): string {
    const unit = this.get("unit");
    return `${JSON.stringify(this.get("description"))}, value=${this.value}${unit ? ` ${unit}` : ""}`;
  }
}
