/**
 * Slider: a number in [min, max], linear or log-spaced, with a unit label.
 * Kernel side of widgets/src/slider.ts; traits, defaults and rules in the contract (`SLIDER`).
 */
import { SLIDER, sliderStep } from "../widget-contract/contracts";
import { formatReading } from "../widget-contract/format";
import type { OwnTraits, SliderTraits } from "../widget-contract/traits";
import { Widget, type WidgetOptions } from "./widget";

/** Options of `new Slider`; unset traits take the contract's defaults, `step` one from the range (sliderStep). */
export interface SliderOptions extends Partial<OwnTraits<SliderTraits>> {
  value: number;
  min: number;
  max: number;
}

/** The kernel side of a slider; `value` is the only trait the front end may write. */
export class Slider extends Widget<SliderTraits> {
  /**
   * @example new Slider({ description: "Nodes", value: 1024, min: 8, max: 65536, scale: "log", unit: "nodes" })
   * @throws WidgetTraitError naming the trait when an option breaks its rule
   */
  constructor(options: SliderOptions, widgetOptions?: WidgetOptions) {
    const scale = options.scale ?? SLIDER.defaults.scale;
    super(SLIDER, { ...options, step: options.step ?? sliderStep({ min: options.min, max: options.max, scale }) }, widgetOptions);
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
    const step = this.get("scale") === "linear" ? this.get("step") : undefined;
    return `${JSON.stringify(this.get("description"))}, value=${formatReading(this.value, this.get("unit"), step)}`;
  }
}
