/**
 * The Vega-Lite 6 spec of a plot instrument: named data ("table"), so the front end swaps rows
 * without re-embedding. Axes are set up to read at a glance:
 *
 *   nominal / ordinal   the rows' order (sort: null: the order `compute` returns them, so
 *                       "N = 1", "N = 10", "N = 1,000" and not alphabetical), whole labels
 *                       (no length limit), x labels slanted so long ones fit side by side;
 *                       a heat map's dense columns drop overlapping labels rather than cut them
 *   quantitative        Vega's plain number format (1,000; 0.25), untouched
 *   log                 at most ~8 ticks (LOG_TICK_COUNT), labelled with plain numbers
 *                       (LOG_LABEL_EXPR: 0.001 .. 100,000 as written, SI above, 1e-6 below)
 */
import type { InstrumentSpec } from "../authoring/types";

/** A plot instrument of a mission. */
export type PlotInstrument = Extract<InstrumentSpec, { kind: "plot" }>;
type AxisSpec = PlotInstrument["x"];

/** Name of the dataset the rows go into. */
export const PLOT_DATASET = "table";

/**
 * Ticks asked of a log axis. d3's log ticks then give powers of ten only for a domain of 5
 * decades or more (1e-6 .. 1: 7 labels; FLOP/s over 1e14 .. 1e20: 7), and for a shorter
 * one Vega adds 2 .. 9 subdivision ticks but labels only the powers (8 .. 65,536, niced to
 * 1 .. 100,000: 6 labels).
 */
export const LOG_TICK_COUNT = 5;

/**
 * A log axis's tick label: plain numbers, with thousands separators, from 0.001 to 999,999
 * (",~r": 0.01, 1,000, 100,000); SI prefixes from a million up ("~s": 1M, 10G, 1P for FLOP/s,
 * not 1,000,000,000,000,000); an exponent below 0.001 ("~e": 1e-6, not 0.000001 nor 1µ).
 * Labels Vega leaves empty between powers of ten stay empty.
 */
export const LOG_LABEL_EXPR =
  "datum.label === '' ? '' : abs(datum.value) >= 1e6 ? format(datum.value, '~s') : abs(datum.value) >= 1e-3 ? format(datum.value, ',~r') : format(datum.value, '~e')";

/** Slant of nominal / ordinal x labels: long labels ("Checkpoint Overhead") fit under narrow bars. */
export const DISCRETE_X_LABEL_ANGLE = -45;

function encode(a: AxisSpec, channel: "x" | "y", mark: PlotInstrument["mark"]): Record<string, unknown> {
  const type = a.type ?? "quantitative";
  const base = { field: a.field, title: a.title, type };
  if (type !== "quantitative") {
    // Every label of a few categories (bars, points) is shown; a heat map's dozens of columns
    // (rect: 64 GPU slots) keep the labels that do not overlap the one before.
    const overlap = channel === "y" || mark === "rect" ? "greedy" : false;
    const slant = channel === "x" ? { labelAngle: DISCRETE_X_LABEL_ANGLE, labelAlign: "right", labelBaseline: "top" } : {};
    return { ...base, sort: null, axis: { labelLimit: 0, labelOverlap: overlap, ...slant } };
  }
  // Few enough labels that none needs dropping (Vega-Lite's default for log axes would drop
  // labels it guesses overlap: in a headless render, "100,000" next to "10,000").
  if (a.scale === "log") return { ...base, scale: { type: "log" }, axis: { tickCount: LOG_TICK_COUNT, labelExpr: LOG_LABEL_EXPR, labelOverlap: false } };
  return base;
}

/** Spoke rings a radar draws as a frame (scores 0.5 and 1); its labels sit just past the outer one. */
const RADAR_RINGS = [0.5, 1];
const RADAR_LABEL_RADIUS = 1.18;

/**
 * A radar: Vega-Lite has no polar line mark, so the spec places each row on a spoke itself.
 * Row i of n gets the angle θᵢ = 2π·i/n (clockwise from 12 o'clock) and is drawn at
 * (r·sin θᵢ, r·cos θᵢ) with r its score; each vertex is joined to the next (the last to the
 * first) by a rule, on a frame of spokes and rings drawn the same way. The x and y scales are
 * fixed and equal, so a score's distance from the centre is its value on every spoke.
 */
function radarSpec(ins: PlotInstrument): Record<string, unknown> {
  const score = `datum[${JSON.stringify(ins.y.field)}]`;
  const at = (r: string, axis: "x" | "y") => `${r} * ${axis === "x" ? "sin" : "cos"}(datum.radar_angle)`;
  const next = (axis: "x" | "y") => `datum.radar_next_${axis} === null ? datum.radar_first_${axis} : datum.radar_next_${axis}`;
  const vertices = (r: string, as: string) => [
    { calculate: at(r, "x"), as: `${as}_x` }, { calculate: at(r, "y"), as: `${as}_y` },
  ];
  const polygon = (name: string) => [
    { window: [
      { op: "lead", field: `${name}_x`, as: "radar_next_x" }, { op: "lead", field: `${name}_y`, as: "radar_next_y" },
      { op: "first_value", field: `${name}_x`, as: "radar_first_x" }, { op: "first_value", field: `${name}_y`, as: "radar_first_y" },
    ], frame: [null, null] },
    { calculate: next("x"), as: "radar_to_x" }, { calculate: next("y"), as: "radar_to_y" },
  ];
  const domain = { domain: [-1.4, 1.4], nice: false, zero: false };
  const xy = (x: string, y: string) => ({
    x: { field: x, type: "quantitative", scale: domain, axis: null }, y: { field: y, type: "quantitative", scale: domain, axis: null },
  });
  const edge = (name: string) => ({ ...xy(`${name}_x`, `${name}_y`), x2: { field: "radar_to_x" }, y2: { field: "radar_to_y" } });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: ins.name, width: 260, height: 260,
    autosize: { type: "pad", resize: true },
    data: { name: PLOT_DATASET },
    transform: [
      { window: [{ op: "row_number", as: "radar_index" }, { op: "count", as: "radar_count" }], frame: [null, null] },
      { calculate: "2 * PI * (datum.radar_index - 1) / datum.radar_count", as: "radar_angle" },
      ...vertices(score, "radar"),
      ...RADAR_RINGS.flatMap((r) => vertices(String(r), `radar_ring${r * 100}`)),
      ...vertices(String(RADAR_LABEL_RADIUS), "radar_label"),
    ],
    layer: [
      ...RADAR_RINGS.map((r) => ({
        transform: polygon(`radar_ring${r * 100}`), mark: { type: "rule", color: "#ccc" }, encoding: edge(`radar_ring${r * 100}`),
      })),
      { mark: { type: "rule", color: "#ccc" }, encoding: { ...xy("radar_ring100_x", "radar_ring100_y"), x2: { datum: 0 }, y2: { datum: 0 } } },
      { transform: polygon("radar"), mark: { type: "rule", strokeWidth: 2 }, encoding: edge("radar") },
      { mark: { type: "point", filled: true, size: 60, tooltip: true }, encoding: {
        ...xy("radar_x", "radar_y"),
        tooltip: [{ field: ins.x.field, type: "nominal", title: "axis" }, { field: ins.y.field, type: "quantitative", title: ins.y.title, format: ".3f" }],
      } },
      { mark: { type: "text", fontSize: 11 }, encoding: { ...xy("radar_label_x", "radar_label_y"), text: { field: ins.x.field, type: "nominal" } } },
    ],
  };
}

/** The Vega-Lite 6 spec of `ins`; its rows go in dataset PLOT_DATASET. */
export function plotSpec(ins: PlotInstrument): Record<string, unknown> {
  if (ins.mark === "radar") return radarSpec(ins);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: ins.name, width: 360, height: 220,
    // Rows arrive after the chart is embedded (and change with every control): the padding
    // around the plot is laid out again on each update, so labels that appear then are not cut off.
    autosize: { type: "pad", resize: true },
    data: { name: PLOT_DATASET }, mark: { type: ins.mark, tooltip: true },
    encoding: {
      x: encode(ins.x, "x", ins.mark), y: encode(ins.y, "y", ins.mark),
      ...(ins.color ? { color: { field: ins.color.field, title: ins.color.title, type: ins.color.type ?? (ins.mark === "rect" ? "quantitative" : "nominal") } } : {}),
    },
  };
}
