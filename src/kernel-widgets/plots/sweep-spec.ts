/**
 * Static Vega-Lite 6 spec for a swept curve with an optional prediction overlay.
 * The spec names its data ("table", "prediction") and never embeds rows, so the
 * browser swaps data without re-embedding the chart.
 *
 *   layer 0: line + points from dataset "table"         (x = sweep, y = result)
 *   layer 1: rule from dataset "prediction"              (the locked answer)
 *   layer 2: text label on that rule
 * withPredictionOverlay adds layers 1-2 to any single-view chart (a mission's instrument).
 */
import type { SignalValue } from "../../widget-contract/traits";

/** Axis of a sweep chart. */
export interface SweepAxis {
  field: string;
  title: string;
  scale?: "linear" | "log";
  format?: string;
}

/** Options of sweepSpec. */
export interface SweepSpecOptions {
  title?: string;
  x: SweepAxis;
  y: SweepAxis;
  /** Which axis the prediction value lies on: "y" draws a horizontal rule, "x" a vertical one. */
  predictionAxis?: "x" | "y";
  /** Top-level params (signals) with their initial values. */
  params?: { [name: string]: SignalValue };
  width?: number;
  height?: number;
}

/** Name of the main dataset. */
export const TABLE = "table";
/** Name of the prediction overlay dataset; its rows carry the axis field and `label`. */
export const PREDICTION = "prediction";

/** The Vega-Lite 6 spec of a sweep chart (rows go in datasets "table" and "prediction"). */
export function sweepSpec(o: SweepSpecOptions): { [key: string]: unknown } {
  const axis = (a: SweepAxis) => ({
    field: a.field, type: "quantitative", title: a.title,
    ...(a.scale === "log" ? { scale: { type: "log" } } : {}),
    ...(a.format ? { axis: { format: a.format } } : {}),
  });
  const predAxis = o.predictionAxis ?? "y";
  const predField = predAxis === "y" ? o.y : o.x;
  const predEnc = { [predAxis]: axis(predField) };
  const spec: { [key: string]: unknown } = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    ...(o.title ? { title: o.title } : {}),
    width: o.width ?? 420,
    height: o.height ?? 260,
    datasets: { [TABLE]: [], [PREDICTION]: [] },
    ...(o.params && Object.keys(o.params).length
      ? { params: Object.entries(o.params).map(([name, value]) => ({ name, value })) } : {}),
    layer: [
      {
        data: { name: TABLE },
        mark: { type: "line", point: true, tooltip: true },
        encoding: { x: axis(o.x), y: axis(o.y) },
      },
      ...predictionLayers(predEnc),
    ],
  };
  return spec;
}

/** The overlay of a committed prediction: a dashed rule across the chart at `encoding`'s axis, and its label. */
export function predictionLayers(encoding: { [axis: string]: unknown }): { [key: string]: unknown }[] {
  return [
    { data: { name: PREDICTION }, mark: { type: "rule", strokeDash: [6, 4], color: "#d62728", size: 2 }, encoding },
    {
      data: { name: PREDICTION },
      mark: { type: "text", align: "left", baseline: "bottom", dx: 4, dy: -4, color: "#d62728" },
      encoding: { ...encoding, text: { field: "label", type: "nominal" } },
    },
  ];
}

/**
 * A single-view spec (top-level `mark` and `encoding` over dataset "table") with the
 * prediction overlay across its `axis`: the same chart as a layer, then predictionLayers.
 * Rows of "prediction" carry the axis's field and `label`.
 */
export function withPredictionOverlay(spec: { [key: string]: unknown }, axis: "x" | "y"): { [key: string]: unknown } {
  const { mark, encoding, ...rest } = spec as { mark: unknown; encoding: { [axis: string]: { field: string; type?: string; scale?: unknown } } };
  const on = encoding[axis];
  if (!on || (on.type ?? "quantitative") !== "quantitative") throw new Error(`withPredictionOverlay: the ${axis} axis must be quantitative`);
  return { ...rest, layer: [{ mark, encoding }, ...predictionLayers({ [axis]: { field: on.field, type: "quantitative", ...(on.scale ? { scale: on.scale } : {}) } })] };
}
