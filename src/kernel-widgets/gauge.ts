/**
 * Gauge: a metric read-out with a unit, a dial range, threshold levels and an optional
 * marker (a committed prediction drawn beside the reading).
 * Kernel side of widgets/src/gauge.ts; traits, defaults and rules in the contract (`GAUGE`).
 * All traits are kernel-owned; `level` is derived from `value` and `thresholds` (gaugeLevel).
 */
import { GAUGE } from "../widget-contract/contracts";
import { formatReading } from "../widget-contract/format";
import { gaugeLevel } from "../widget-contract/gauge-level";
import type { GaugeMarker, GaugeTraits, OwnTraits } from "../widget-contract/traits";
import { Widget, type WidgetOptions } from "./widget";

/** The kernel side of a gauge. */
export class Gauge extends Widget<GaugeTraits> {
  /**
   * @example new Gauge({ description: "SSD write load", unit: "%", min: 0, max: 100,
   *   thresholds: [{ at: 0, level: "ok", label: "" }, { at: 80, level: "warn", label: "hot" }] })
   */
  constructor(options: Partial<Omit<OwnTraits<GaugeTraits>, "level">> & { min: number; max: number }, widgetOptions?: WidgetOptions) {
    super(GAUGE, { ...options, level: gaugeLevel(options.value ?? GAUGE.defaults.value, options.thresholds ?? GAUGE.defaults.thresholds) }, widgetOptions);
  }

  /** Marks `marker` on the bar (null removes it); throws a WidgetTraitError naming `marker` when malformed. */
  mark(marker: GaugeMarker | null): void {
    this.set("marker", marker);
  }

  /** The reading, or null. */
  get value(): number | null {
    return this.get("value");
  }

  /** Sets the reading; throws a WidgetTraitError naming `value` when not finite. */
  set value(v: number | null) {
    this.set("value", v);
  }

  protected override derive(next: GaugeTraits): Partial<GaugeTraits> {
    const level = gaugeLevel(next.value, next.thresholds);
    return level === next.level ? {} : { level };
  }

  protected override describe(): string {
    return `${JSON.stringify(this.get("description"))}, value=${formatReading(this.value, this.get("unit"))}`;
  }
}
