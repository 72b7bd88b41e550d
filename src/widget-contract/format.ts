/**
 * How a value is written for people: the front end's readouts and the kernel's text/plain
 * description of a widget show the same digits.
 */

/**
 * A number as shown: as many decimals as a linear `step` resolves (step 0.00001 shows
 * 0.99999, not 1), else up to 4 significant digits, exponent form outside [1e-3, 1e6).
 */
export function formatValue(value: number, step?: number): string {
  if (value === 0) return "0";
  if (step !== undefined && step > 0 && step < 1 && Math.abs(value) < 1e6) {
    const decimals = Math.min(12, Math.ceil(-Math.log10(step) - 1e-9));
    return String(Number(value.toFixed(decimals)));
  }
  const abs = Math.abs(value);
  if (abs >= 1e6 || abs < 1e-3) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

/** A reading with its unit label ("4 h", "0.995"); no reading yet (null) is "—"; `step` as for formatValue. */
export function formatReading(value: number | null, unit: string, step?: number): string {
  return value === null ? "—" : withUnit(formatValue(value, step), unit);
}

/** `text` followed by its unit label, if any ("300 s"; "0.5" without one). */
export function withUnit(text: string, unit: string): string {
  return unit ? `${text} ${unit}` : text;
}
