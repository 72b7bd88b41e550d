/**
 * Gauge: a metric read-out with a unit, a dial range, threshold levels and an optional
 * marker (a committed prediction drawn beside the reading).
 * Kernel half of widgets/src/gauge.ts; traits in `GaugeTraits`. All traits are
 * kernel-owned; `level` is derived from `value` and `thresholds`.
 */
import { finiteNumber, json, nullable, text } from "./rules";
import { GAUGE_WRITABLE, gaugeMarkerProblem, valueComputeProblem, type GaugeMarker, type GaugeThreshold, type GaugeTraits } from "./traits";
import { Widget, type OwnTraits, type WidgetOptions, type WidgetSpec } from "./widget";

const LEVELS = ["ok", "warn", "bad"];

function thresholdsProblem(v: unknown): string | null {
  if (!Array.isArray(v)) return "a list of { at, level, label }";
  let last = -Infinity;
  for (const t of v as GaugeThreshold[]) {
    if (t === null || typeof t !== "object" || typeof t.at !== "number" || !Number.isFinite(t.at) ||
        !LEVELS.includes(t.level) || typeof t.label !== "string") return "a list of { at, level: ok|warn|bad, label }";
    if (t.at < last) return "sorted by ascending `at`";
    last = t.at;
  }
  return null;
}

/** The level of `value`: that of the last threshold with at <= value, or null. */
export function gaugeLevel(value: number | null, thresholds: GaugeThreshold[]): GaugeTraits["level"] {
  if (value === null) return null;
  let level: GaugeTraits["level"] = null;
  for (const t of thresholds) if (t.at <= value) level = t.level;
  return level;
}

const SPEC: WidgetSpec<GaugeTraits> = {
  kind: "gauge",
  label: "Gauge",
  rules: {
    description: text(),
    value: nullable(finiteNumber()),
    unit: text(),
    min: finiteNumber((s) => ({ max: s.max })),
    max: finiteNumber((s) => ({ min: s.min })),
    thresholds: (v) => thresholdsProblem(v) ?? json<GaugeTraits>("array")(v, undefined as never),
    level: nullable((v) => (typeof v === "string" && LEVELS.includes(v) ? null : "ok, warn or bad")),
    marker: nullable(gaugeMarkerProblem),
    compute: nullable(valueComputeProblem),
  },
  writable: GAUGE_WRITABLE,
};

/** The kernel half of a gauge. */
export class Gauge extends Widget<GaugeTraits> {
  /**
   * @example new Gauge({ description: "SSD write load", unit: "%", min: 0, max: 100,
   *   thresholds: [{ at: 0, level: "ok", label: "" }, { at: 80, level: "warn", label: "hot" }] })
   */
  constructor(options: Partial<Omit<OwnTraits<GaugeTraits>, "level">> & { min: number; max: number }, widgetOptions?: WidgetOptions) {
    const value = options.value ?? null;
    const thresholds = options.thresholds ?? [];
    super(SPEC, {
      description: "", unit: "", ...options, value, thresholds, level: gaugeLevel(value, thresholds), marker: options.marker ?? null, compute: options.compute ?? null,
    }, widgetOptions);
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
    return `${JSON.stringify(this.get("description"))}, value=${this.value}${this.get("unit") ? ` ${this.get("unit")}` : ""}`;
  }
}
