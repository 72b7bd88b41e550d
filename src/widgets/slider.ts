/**
 * Slider: a number in [min, max], linear or log-spaced, with a unit label.
 * Kernel half of widgets/src/slider.ts; traits in traits.ts `SliderTraits`.
 */
import { boolean, finiteNumber, oneOf, positiveNumber, text } from "./rules";
import { SLIDER_WRITABLE, type SliderTraits } from "./traits";
import { Widget, type OwnTraits, type WidgetOptions, type WidgetSpec } from "./widget";

const SPEC: WidgetSpec<SliderTraits> = {
  kind: "slider",
  label: "Slider",
  rules: {
    description: text(),
    value: finiteNumber((s) => ({ min: s.min, max: s.max })),
    min: (v, s) => {
      if (typeof v !== "number" || !Number.isFinite(v)) return "a finite number";
      if (s.scale === "log" && v <= 0) return "> 0 on a log scale";
      return v < s.max ? null : `< max (${s.max})`;
    },
    max: finiteNumber((s) => ({ min: s.min })),
    step: positiveNumber(),
    scale: oneOf(["linear", "log"]),
    unit: text(),
    continuous_update: boolean(),
    readout: boolean(),
    disabled: boolean(),
  },
  writable: SLIDER_WRITABLE,
};

/** Options of `new Slider`; unset traits take the defaults shown. */
export interface SliderOptions extends Partial<OwnTraits<SliderTraits>> {
  value: number;
  min: number;
  max: number;
}

/** The kernel half of a slider; `value` is the only trait the front end may write. */
export class Slider extends Widget<SliderTraits> {
  /**
   * @example new Slider({ description: "Nodes", value: 1024, min: 8, max: 65536, scale: "log", unit: "nodes" })
   * @throws WidgetTraitError naming the trait when an option breaks its rule
   */
  constructor(options: SliderOptions, widgetOptions?: WidgetOptions) {
    const scale = options.scale ?? "linear";
    super(SPEC, {
      description: "",
      step: scale === "log" ? 0.01 : (options.max - options.min) / 100,
      scale,
      unit: "",
      continuous_update: true,
      readout: true,
      disabled: false,
      ...options,
    }, widgetOptions);
  }

  /** The current value. */
  get value(): number {
    return this.get("value");
  }

  /** Sets the value; throws a WidgetTraitError naming `value` when out of range or not finite. */
  set value(v: number) {
    this.set("value", v);
  }

  protected override describe(): string {
    const unit = this.get("unit");
    return `${JSON.stringify(this.get("description"))}, value=${this.value}${unit ? ` ${unit}` : ""}`;
  }
}
