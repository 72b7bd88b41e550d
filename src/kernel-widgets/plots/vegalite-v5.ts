/**
 * A Vega-Lite 5 copy of a FleetLab plot, with its data inlined, for front ends
 * without the FleetLab extension (stock JupyterLab renders
 * application/vnd.vegalite.v5+json; static viewers too).
 *
 *   v6 spec ──uses only v5 vocabulary?──▶ yes: $schema v5 + datasets inlined
 *                                         no:  no v5 bundle
 *
 * "v5 vocabulary" is an allowlist: keys and mark types Vega-Lite 5 documents.
 * Anything else (a newer property) makes the copy unsafe, so none is offered.
 */
import type { PlotRow } from "../../widget-contract/traits";

/** Schema URL of Vega-Lite 5. */
export const VEGALITE_V5_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

const V5_MARKS = new Set([
  "arc", "area", "bar", "image", "line", "point", "rect", "rule", "text", "tick", "trail", "circle", "square",
  "geoshape", "boxplot", "errorband", "errorbar",
]);
const V5_VIEW_KEYS = new Set([
  "$schema", "title", "description", "name", "width", "height", "datasets", "data", "params", "layer", "mark",
  "encoding", "transform", "config", "background", "padding", "autosize", "usermeta", "resolve", "projection",
  "view", "hconcat", "vconcat", "concat", "columns", "facet", "spec", "repeat", "align", "bounds", "center", "spacing",
]);

/** True when the spec uses only keys and marks Vega-Lite 5 knows, at the view level. */
export function usesOnlyV5(spec: unknown): boolean {
  if (spec === null || typeof spec !== "object" || Array.isArray(spec)) return false;
  const s = spec as { [key: string]: unknown };
  for (const key of Object.keys(s)) if (!V5_VIEW_KEYS.has(key)) return false;
  if (s.mark !== undefined) {
    const type = typeof s.mark === "string" ? s.mark : (s.mark as { type?: unknown })?.type;
    if (typeof type !== "string" || !V5_MARKS.has(type)) return false;
  }
  for (const key of ["layer", "hconcat", "vconcat", "concat"]) {
    const list = s[key];
    if (list !== undefined && (!Array.isArray(list) || !list.every(usesOnlyV5))) return false;
  }
  if (s.spec !== undefined && !usesOnlyV5(s.spec)) return false;
  return true;
}

/**
 * The v5 copy of `spec` with `datasets` replaced by the current rows, or null when
 * the spec uses anything outside the v5 allowlist.
 */
export function toVegaLiteV5(spec: { [key: string]: unknown }, datasets: { [name: string]: PlotRow[] }): { [key: string]: unknown } | null {
  if (!usesOnlyV5(spec)) return null;
  const copy = structuredClone(spec);
  copy.$schema = VEGALITE_V5_SCHEMA;
  copy.datasets = { ...((copy.datasets as object | undefined) ?? {}), ...structuredClone(datasets) };
  return copy;
}
