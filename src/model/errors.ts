/**
 * Input validation for the model package. Every exported formula checks its
 * arguments with these helpers, so a bad value fails loudly with the function,
 * the parameter, the allowed range and the value received — never NaN.
 */

/** A model argument outside its domain. A RangeError, so callers can catch either. */
export class ModelInputError extends RangeError {
  constructor(
    readonly fn: string,
    readonly parameter: string,
    readonly requirement: string,
    readonly received: unknown,
  ) {
    super(`${fn}: ${parameter} must be ${requirement} (got ${formatReceived(received)})`);
    this.name = "ModelInputError";
  }
}

function formatReceived(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null"; // typeof would say "object"; undefined falls through to "undefined"
  if (Array.isArray(value)) return `array of length ${value.length}`;
  return typeof value;
}

type NumberArgs = Record<string, unknown>;

function check(fn: string, args: NumberArgs, requirement: string, ok: (v: number) => boolean): void {
  for (const [name, value] of Object.entries(args)) {
    if (!Number.isFinite(value) || !ok(value as number)) { // Number.isFinite is false for a non-number
      throw new ModelInputError(fn, name, requirement, value);
    }
  }
}

/** Each argument is a finite number. */
export function requireFinite(fn: string, args: NumberArgs): void {
  check(fn, args, "a finite number", () => true);
}

/** Each argument is finite and > 0. */
export function requirePositive(fn: string, args: NumberArgs): void {
  check(fn, args, "finite and > 0", (v) => v > 0);
}

/** Each argument is finite and >= 0. */
export function requireNonNegative(fn: string, args: NumberArgs): void {
  check(fn, args, "finite and >= 0", (v) => v >= 0);
}

/** Each argument is a probability in [0, 1] (or the open/half-open variant given). */
export function requireProbability(
  fn: string,
  args: NumberArgs,
  bounds: "closed" | "open" | "openLow" | "openHigh" = "closed",
): void {
  const label = { closed: "in [0, 1]", open: "in (0, 1)", openLow: "in (0, 1]", openHigh: "in [0, 1)" }[bounds];
  check(fn, args, label, (v) =>
    (bounds === "open" || bounds === "openLow" ? v > 0 : v >= 0) &&
    (bounds === "open" || bounds === "openHigh" ? v < 1 : v <= 1));
}

/** Each argument is an integer >= min (default 1). */
export function requireInteger(fn: string, args: NumberArgs, min = 1, max = Number.MAX_SAFE_INTEGER): void {
  check(fn, args, `an integer in [${min}, ${max}]`, (v) => Number.isInteger(v) && v >= min && v <= max);
}

/** Each argument lies in [min, max]. */
export function requireInRange(fn: string, args: NumberArgs, min: number, max: number): void {
  check(fn, args, `in [${min}, ${max}]`, (v) => v >= min && v <= max);
}

/** One of a fixed set of string options. */
export function requireOneOf<T extends string>(fn: string, parameter: string, value: unknown, options: readonly T[]): T {
  if (!(options as readonly unknown[]).includes(value)) {
    throw new ModelInputError(fn, parameter, `one of ${options.map((o) => JSON.stringify(o)).join(", ")}`, value);
  }
  return value as T;
}
