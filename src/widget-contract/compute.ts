/**
 * Plot fast path: rows of a sweep of one model function, recomputed from control
 * values. The kernel and the browser bundle both run this same function, so a drag
 * in the browser draws exactly what the kernel would send. It imports only
 * src/model code (no node builtins, no DOM).
 *
 *   compute + control values ──resolve args──▶ positional numbers ──sweep──▶ rows
 *
 * Sweep points: linear  x_i = from + i·(to − from)/(points − 1)
 *               log     x_i = 10^(log10 from + i·(log10 to − log10 from)/(points − 1))
 * Cost: `points` model evaluations.
 */
import { modelFunction, type ModelFunctionSpec } from "../model/registry";
import type { ComputeArg, PlotCompute, PlotRow, ValueCompute } from "./traits";

/** Largest sweep the browser is asked to evaluate per drag event. */
export const MAX_SWEEP_POINTS = 2000;

/** The sweep's x values. @throws Error naming the bad `compute.sweep` field */
export function sweepValues(sweep: PlotCompute["sweep"]): number[] {
  const { from, to, points, scale } = sweep;
  if (!Number.isFinite(from) || !Number.isFinite(to) || from === to) {
    throw new Error(`compute.sweep.from and .to must be finite and differ (got ${from}, ${to})`);
  }
  if (!Number.isInteger(points) || points < 2 || points > MAX_SWEEP_POINTS) {
    throw new Error(`compute.sweep.points must be an integer in [2, ${MAX_SWEEP_POINTS}] (got ${points})`);
  }
  if (scale !== "linear" && scale !== "log") throw new Error(`compute.sweep.scale must be "linear" or "log" (got ${String(scale)})`);
  if (scale === "log" && (from <= 0 || to <= 0)) {
    throw new Error(`compute.sweep.from and .to must be > 0 on a log scale (got ${from}, ${to})`);
  }
  return Array.from({ length: points }, (_, i) => {
    const f = i / (points - 1);
    // In log10 space, so decade points come out exact (10^1 = 10, not 9.999…).
    return scale === "log" ? Math.pow(10, Math.log10(from) + f * (Math.log10(to) - Math.log10(from))) : from + f * (to - from);
  });
}

/**
 * The control model ids a compute reads, in argument order.
 * @example controlIds({ ..., args: { nodes: { control: "c1" }, a: 0.999 } }) → ["c1"]
 */
export function controlIds(compute: PlotCompute | ValueCompute): string[] {
  return Object.values(compute.args).flatMap((a) => (typeof a === "object" && a !== null ? [a.control] : []));
}

/**
 * Rows `{ [sweep.param]: x, [as ?? "value"]: fn(...) }` for every sweep point.
 *
 * Example: fn fleetAvailability(nodeAvailability, nodes), sweep nodes 1 → 1000 (log, 4 points),
 * args { nodeAvailability: { control: "c1" } }, controlValues { c1: 0.999 }
 *   → nodes 1, 10, 100, 1000 with value 0.999, 0.990, 0.905, 0.368
 *
 * @param controlValues current `value` of each control named in `compute.args`, by model id
 * @throws Error naming the argument when a parameter is missing, unknown or its control has no finite value;
 *         ModelInputError from the model when a value is outside its domain
 */
export function computeRows(compute: PlotCompute, controlValues: { [modelId: string]: unknown }): PlotRow[] {
  const fn = modelFunction(compute.fn);
  const names = fn.params.map((p) => p.name);
  if (!names.includes(compute.sweep.param)) {
    throw new Error(`compute.sweep.param must be a parameter of ${fn.name} (${names.join(", ")}); got "${compute.sweep.param}"`);
  }
  if (compute.sweep.param in compute.args) throw new Error(`compute.args.${compute.sweep.param} is the swept parameter; remove it from args`);
  const sweepIndex = names.indexOf(compute.sweep.param);
  const fixed = positionalArgs(fn, compute.args, controlValues, compute.sweep.param);
  const out = compute.as ?? "value";
  return sweepValues(compute.sweep).map((x) => {
    const args = fixed.slice();
    args[sweepIndex] = x;
    return { [compute.sweep.param]: x, [out]: fn.evaluate(...args) };
  });
}

/**
 * The reading `fn(...args)`, e.g. fleetMtbf(nodeMtbf 50,000 h, nodes { control: "c2" }) with
 * c2 = 1,000 → 50 h.
 * @throws as computeRows
 */
export function computeValue(compute: ValueCompute, controlValues: { [modelId: string]: unknown }): number {
  const fn = modelFunction(compute.fn);
  return fn.evaluate(...positionalArgs(fn, compute.args, controlValues));
}

/** `fn`'s arguments in order, from constants and control values (NaN in the swept slot). */
function positionalArgs(fn: ModelFunctionSpec, args: { [param: string]: ComputeArg }, controlValues: { [modelId: string]: unknown }, swept?: string): number[] {
  const names = fn.params.map((p) => p.name);
  for (const key of Object.keys(args)) {
    if (!names.includes(key)) throw new Error(`compute.args.${key} is not a parameter of ${fn.name} (${names.join(", ")})`);
  }
  return fn.params.map((p) => {
    if (p.name === swept) return NaN; // replaced per point by the caller
    const arg = args[p.name];
    if (arg === undefined) {
      if (p.default === undefined) throw new Error(`compute.args.${p.name} is required by ${fn.name}`);
      return p.default;
    }
    if (typeof arg === "number") {
      if (!Number.isFinite(arg)) throw new Error(`compute.args.${p.name} must be a finite number (got ${arg})`);
      return arg;
    }
    const value = controlValues[arg.control];
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new Error(`compute.args.${p.name}: control ${arg.control} has no finite value (got ${String(value)})`);
    }
    return value;
  });
}
