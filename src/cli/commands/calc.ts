/**
 * `fleetlab calc "<expr>"`: evaluates a mathjs expression in which every registry
 * function (src/model/registry.ts) is callable with units.
 *
 *   fleetlab calc "youngDalyInterval(2 min, 3 h)"          → 26.8 min
 *   fleetlab calc "to(fleetMtbf(50000 h, 10000), h)"       → 5 h
 *   fleetlab calc "canarySampleSize(0.95, 0.001)" --json   → {"value":2995,"unit":null}
 *   fleetlab calc "B200.hbmBytes / H100_SXM.hbmBytes"      → 2.25
 *   fleetlab calc --list                                   → the function table (Markdown)
 *
 * Every catalog figure is there by its `fleetlab catalog` name, as a quantity in its unit.
 *
 * Arguments that carry a unit are converted to the parameter's unit (a wrong dimension is an
 * error); plain numbers are taken as already in that unit. Results carry the function's
 * result unit. A time result is shown in the largest input time unit in which it reads
 * 1 ≤ |value| < 1,000 (else the largest of day, h, min, s, ms, µs, ns in which it is ≥ 1),
 * unless the expression ends in an explicit `to(…)`, whose unit is kept.
 * Exit codes: 0 ok, 2 for any error (unknown function, wrong dimension, out-of-domain argument).
 */
import { all, create, isUnit, type MathJsInstance, type Unit } from "mathjs";
import { catalogFigures } from "../../model/catalog/figures";
import { ModelInputError } from "../../model/errors";
import { MODEL_FUNCTIONS, type ModelFunctionSpec } from "../../model/registry";
import { toPlainNumber } from "../../model/units";


/** A calc error: one line for stderr. */
export class CalcError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CalcError";
  }
}

/** The value of an expression, in the unit it is displayed in. */
export interface CalcResult {
  value: number;
  unit: string | null;
  /** The line printed: value to 3 significant digits (whole numbers ≥ 1,000 kept whole) and unit. */
  text: string;
}

/** Time units for best fit, largest first (mathjs names). */
const TIME_UNITS = ["day", "h", "minute", "s", "ms", "us", "ns"];
/** Display names where mathjs's own differs ("min" also names the minimum function). */
const DISPLAY_UNIT: Record<string, string> = { minute: "min", minutes: "min" };

/** `min` means minutes unless it is called: `2 min`, `to(x, min)` but not `min(1, 2)`. */
function protectMinutes(expr: string): string {
  return expr.replace(/\bmin\b(?!\s*\()/g, "minute");
}

/** Formats a number with 3 significant digits; whole numbers from 1,000 up to 1e15 stay whole. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs === 0) return "0";
  if (abs >= 1e15 || abs < 1e-4) return value.toExponential(2).replace(/\.?0+e/, "e").replace("e+", "e");
  if (abs >= 1000) return String(Math.round(value));
  return String(Number(value.toPrecision(3)));
}

function convertArg(spec: ModelFunctionSpec, index: number, arg: unknown, seenTimeUnits: string[]): number {
  const param = spec.params[index];
  if (isUnit(arg)) {
    if (param.unit === null) {
      throw new ModelInputError(spec.name, param.name, "a plain number (it has no unit)", arg.toString());
    }
    const u = arg as Unit;
    // A derived time (bytes over bandwidth) has no unit name worth reusing for display.
    if (u.value !== null && u.equalBase(unitOne("s")) && /^[A-Za-z]+$/.test(u.formatUnits())) seenTimeUnits.push(u.formatUnits());
    return toPlainNumber(spec.name, param.name, u, param.unit);
  }
  if (typeof arg === "number") return toPlainNumber(spec.name, param.name, arg, param.unit ?? "");
  throw new ModelInputError(spec.name, param.name, param.unit ? `a number or quantity in ${param.unit}` : "a number", typeof arg === "object" ? String(arg) : arg);
}

let mathInstance: MathJsInstance | undefined;
function unitOne(u: string): Unit {
  return mathjs().unit(1, u);
}
function mathjs(): MathJsInstance {
  if (!mathInstance) mathInstance = create(all);
  return mathInstance;
}

/** The catalog's unit in mathjs terms: a FLOP is a count, so FLOP/s reads 1/s. */
function mathjsUnit(unit: string): string {
  return unit.replace(/^FLOP\//, "1/");
}

/** Every catalog figure as a nested object of quantities: `B200.hbmBytes` is `180 GB`. Built per evaluation, as an expression may assign into it. */
function catalogScope(): Map<string, unknown> {
  const math = mathjs();
  const roots = new Map<string, unknown>();
  for (const f of catalogFigures()) {
    const [root, ...path] = f.name.split(".");
    const quantity = f.unit === null ? f.value : math.unit(f.value, mathjsUnit(f.unit));
    if (path.length === 0) {
      roots.set(root, quantity);
      continue;
    }
    let node = (roots.get(root) ?? roots.set(root, {}).get(root)) as Record<string, unknown>;
    for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1]] = quantity;
  }
  return roots;
}

/** Builds the registry functions as mathjs functions, recording the time units of their inputs, beside the catalog's figures. */
function registryScope(seenTimeUnits: string[]): Map<string, unknown> {
  const math = mathjs();
  const scope = new Map<string, unknown>(catalogScope());
  for (const spec of Object.values(MODEL_FUNCTIONS)) {
    scope.set(spec.name, (...args: unknown[]) => {
      const required = spec.params.filter((q) => q.default === undefined).length;
      if (args.length < required || args.length > spec.params.length) {
        const sig = spec.params.map((q) => (q.default === undefined ? q.name : `${q.name}?`)).join(", ");
        throw new CalcError(`${spec.name} takes ${required === spec.params.length ? required : `${required} to ${spec.params.length}`} arguments (${sig}), got ${args.length}`);
      }
      const numbers = spec.params.map((q, i) => (i < args.length ? convertArg(spec, i, args[i], seenTimeUnits) : (q.default as number)));
      const result = spec.evaluate(...numbers);
      return spec.returns === null ? result : math.unit(result, spec.returns);
    });
  }
  return scope;
}

function endsInTo(expr: string): boolean {
  const node = mathjs().parse(expr);
  const n = node as unknown as { type: string; fn?: { name?: string } | string; op?: string };
  return (n.type === "FunctionNode" && typeof n.fn === "object" && n.fn?.name === "to") || (n.type === "OperatorNode" && n.op === "to");
}

function displayUnit(u: Unit, seenTimeUnits: string[], keep: boolean): { value: number; unit: string } {
  if (keep) {
    const units = u.formatUnits();
    return { value: u.toNumber(units), unit: DISPLAY_UNIT[units] ?? units };
  }
  if (u.equalBase(unitOne("s"))) {
    const seconds = u.toNumber("s");
    const sizeOf = (name: string): number => unitOne(name).toNumber("s");
    const candidates = [...new Set(seenTimeUnits)].sort((a, b) => sizeOf(b) - sizeOf(a));
    const fits = (name: string): boolean => Math.abs(seconds / sizeOf(name)) >= 1;
    // An input unit is kept only while it reads naturally (1 ≤ |value| < 1,000).
    const fromInputs = candidates.find(fits);
    const chosen = fromInputs !== undefined && Math.abs(seconds / sizeOf(fromInputs)) < 1000 ? fromInputs : TIME_UNITS.find(fits) ?? "s";
    return { value: seconds / sizeOf(chosen), unit: DISPLAY_UNIT[chosen] ?? chosen };
  }
  // Other dimensions: mathjs's own choice of prefix.
  const text = u.format({ precision: 15 });
  const space = text.indexOf(" ");
  return { value: Number(text.slice(0, space)), unit: text.slice(space + 1) };
}

/**
 * Evaluates a calc expression.
 *
 * @throws CalcError for an unknown function, a wrong argument count or a non-numeric result;
 *         ModelInputError for a wrong dimension or an out-of-domain argument
 */
export function evaluateCalc(expression: string): CalcResult {
  if (typeof expression !== "string" || expression.trim() === "") throw new CalcError("expression is empty");
  const expr = protectMinutes(expression);
  const seen: string[] = [];
  let raw: unknown;
  try {
    raw = mathjs().evaluate(expr, registryScope(seen));
  } catch (err) {
    if (err instanceof ModelInputError || err instanceof CalcError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    const undefinedName = /Undefined (?:function|symbol) (\w+)/.exec(message);
    if (undefinedName) {
      throw new CalcError(`unknown function or symbol "${undefinedName[1]}"; model functions: ${Object.keys(MODEL_FUNCTIONS).sort().join(", ")}`);
    }
    throw new CalcError(message.split("\n")[0]);
  }
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) throw new CalcError(`result is not finite (${raw})`);
    return { value: raw, unit: null, text: formatNumber(raw) };
  }
  if (isUnit(raw)) {
    const u = raw as Unit;
    if (u.value === null) throw new CalcError(`result is a bare unit (${u.toString()}), not a quantity`);
    const shown = displayUnit(u, seen, endsInTo(expr));
    return { ...shown, text: `${formatNumber(shown.value)} ${shown.unit}` };
  }
  throw new CalcError(`result is not a number or quantity (${typeof raw})`);
}

/** The registry as a Markdown table, one row per function: the README's calc reference. */
export function registryTable(): string {
  const rows = Object.values(MODEL_FUNCTIONS).map((f) => {
    const params = f.params
      .map((q) => `${q.name}${q.unit ? ` [${q.unit}]` : ""}${q.default !== undefined ? ` = ${q.default}` : ""}`)
      .join(", ");
    return `| \`${f.name}\` | ${params} | ${f.returns ?? "—"} | ${f.summary} |`;
  });
  return ["| Function | Arguments [unit] | Result unit | What it computes |", "|---|---|---|---|", ...rows].join("\n");
}

export async function run(argv: string[]): Promise<number> {
  const json = argv.includes("--json");
  if (argv.includes("--list")) {
    process.stdout.write(registryTable() + "\n");
    return 0;
  }
  const rest = argv.filter((a) => a !== "--json");
  if (rest.length !== 1) {
    process.stderr.write('usage: fleetlab calc "<expression>" [--json] | fleetlab calc --list\n');
    return 2;
  }
  try {
    const r = evaluateCalc(rest[0]);
    process.stdout.write((json ? JSON.stringify({ value: r.value, unit: r.unit }) : r.text) + "\n");
    return 0;
  } catch (err) {
    process.stderr.write(`fleetlab calc: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
}
