/**
 * Numbers as a student types them and as stepping produces them, read the same way by
 * every control that takes one (number box, prediction lock, slider track).
 */

/** The number a student typed: surrounding blanks ignored; blank or not a number is NaN (a rule then names it). */
export function parseNumber(raw: string): number {
  const text = raw.trim();
  return text === "" ? Number.NaN : Number(text);
}

/**
 * `x` without the float noise stepping adds (0.1 + 0.2 = 0.30000000000000004): 12
 * significant digits hide it without moving a real value.
 */
export function tidy(x: number): number {
  return Number(x.toPrecision(12));
}
