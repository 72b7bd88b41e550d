/**
 * Math Peek formulas and their scopes: which symbols an expression reads, and the numbers a
 * formula's scope binds to them (or why it cannot). The session shows a peek's value from
 * these numbers; `defineMission` checks every scope binds every symbol at the part's defaults.
 */
import type { MathNode } from "mathjs";
import { mathjs } from "../../model/mathjs";
import type { ControlValues, FormulaSpec, TrackContext } from "./types";

/**
 * The free symbols of a mathjs expression, each once, in order of appearance: every symbol
 * except function names (sqrt, max, log2, ...) and an assignment's left-hand name. Names mathjs
 * knows as constants (e, pi, tau, phi) count: in a formula they are the formula's own symbols.
 * @throws Error when mathjs cannot parse the expression
 */
export function freeSymbols(expression: string): string[] {
  const names: string[] = [];
  mathjs().parse(expression).traverse((node: MathNode, path: string, parent: MathNode | null) => {
    if (!(node as { isSymbolNode?: boolean }).isSymbolNode) return;
    if (parent && (parent as { isFunctionNode?: boolean }).isFunctionNode && path === "fn") return;
    if (parent && (parent as { isAssignmentNode?: boolean }).isAssignmentNode && path === "object") return;
    const name = (node as unknown as { name: string }).name;
    if (!names.includes(name)) names.push(name);
  });
  return names;
}

/** A scope where every free symbol of `expression` is NaN: the peek shows no value. */
export function noValueScope(expression: string): Record<string, number> {
  return Object.fromEntries(freeSymbols(expression).map((s) => [s, NaN]));
}

/**
 * The numbers `formula`'s scope binds at `values`, or the problem that keeps it from a value:
 * the scope threw, left a free symbol unbound, or bound a non-finite number.
 * @throws Error when the formula has no scope
 */
export function formulaNumbers<P>(formula: FormulaSpec<P>, values: ControlValues, ctx: TrackContext<P>):
  { ok: true; numbers: Record<string, number> } | { ok: false; problem: string } {
  if (!formula.scope) throw new Error(`formula "${formula.label}" has no scope`);
  let numbers: Record<string, number>;
  try {
    numbers = formula.scope(values, ctx);
  } catch (e) {
    return { ok: false, problem: (e as Error)?.message ?? String(e) };
  }
  if (!numbers || typeof numbers !== "object") return { ok: false, problem: `the scope returned ${String(numbers)}, not an object of numbers` };
  const unbound = freeSymbols(formula.expression).filter((s) => !Object.prototype.hasOwnProperty.call(numbers, s));
  if (unbound.length > 0) return { ok: false, problem: `the scope does not bind ${unbound.join(", ")}` };
  const bad = Object.entries(numbers).filter(([, v]) => typeof v !== "number" || !Number.isFinite(v));
  if (bad.length > 0) return { ok: false, problem: `the scope binds ${bad.map(([k, v]) => `${k} = ${String(v)}`).join(", ")}` };
  return { ok: true, numbers };
}
