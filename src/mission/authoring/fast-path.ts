/**
 * Instruments the browser can redraw itself. A cheap, pure instrument written as one call
 * (`modelValue`) or one sweep (`modelSweep`) of a registered model function gets its
 * `compute` from the same descriptor the front end runs, so both sides draw the same numbers
 * from one rule: the browser on every slider input (within a frame), the kernel on every
 * value it receives, whose result stays the authority and is what the records keep.
 *
 *   { kind: "gauge", id: "fleet_mtbf", ..., ...modelValue({ fn: "fleetMtbf", args: { nodeMtbf: (c) => c.params.nodeMtbfHours, nodes: { control: "nodes" } } }) }
 */
import { computeRows, computeValue } from "../../widget-contract/compute";
import type { ComputeArg, PlotCompute, ValueCompute } from "../../widget-contract/traits";
import { resolve } from "./resolve";
import type { ControlValues, FastArg, FastSweep, FastValue, Row, TrackContext } from "./types";

/**
 * The widget-level descriptor for track `ctx`: per-track numbers resolved, control ids mapped
 * through `controlKey` (to widget ids in a session; identity where values are keyed by control id).
 */
export function resolveFast<P>(fast: FastSweep<P>, ctx: TrackContext<P>, controlKey?: (id: string) => string): PlotCompute;
export function resolveFast<P>(fast: FastValue<P>, ctx: TrackContext<P>, controlKey?: (id: string) => string): ValueCompute;
export function resolveFast<P>(fast: FastValue<P> | FastSweep<P>, ctx: TrackContext<P>, controlKey: (id: string) => string = (id) => id): PlotCompute | ValueCompute {
  const arg = (a: FastArg<P>): ComputeArg => (typeof a === "object" && a !== null && "control" in a ? { control: controlKey(a.control) } : resolve(a as number | ((c: TrackContext<P>) => number), ctx));
  const args = Object.fromEntries(Object.entries(fast.args).map(([k, a]) => [k, arg(a)]));
  if (!("sweep" in fast)) return { fn: fast.fn, args };
  const { param, from, to, points, scale } = fast.sweep;
  return { fn: fast.fn, args, as: fast.as, sweep: { param, from: resolve(from, ctx), to: resolve(to, ctx), points, scale } };
}

/** A gauge's `compute` and `fast` from one model call. */
export function modelValue<P>(fast: FastValue<P>): { fast: FastValue<P>; compute: (values: ControlValues, ctx: TrackContext<P>) => number } {
  return { fast, compute: (values, ctx) => computeValue(resolveFast(fast, ctx), values) };
}

/** A plot's `compute` and `fast` from one model sweep; the plot's x field is `sweep.param`, its y field `as`. */
export function modelSweep<P>(fast: FastSweep<P>): { fast: FastSweep<P>; compute: (values: ControlValues, ctx: TrackContext<P>) => Row[] } {
  return { fast, compute: (values, ctx) => computeRows(resolveFast(fast, ctx), values) as Row[] };
}
