/**
 * Whether a withheld number shows anywhere in what a student can read: the matching the
 * withholding tests share (headless in test/missions/withholding.test.ts, in the browser in
 * test/lite/hand-in.test.ts). A number "appears" when any number in the value, also one
 * written inside a string, is within 0.1 % of it in its own unit or another unit of the same
 * quantity, which catches every rounding a widget or label could show.
 */

/** Every number in a JSON value, including numbers written inside strings. */
export function numbersIn(value: unknown, out: number[] = []): number[] {
  if (typeof value === "number") out.push(value);
  // Timestamps, hashes, widget or display ids and a container's child count ("Box(vbox, 13 children)")
  // are not results: their digits would match by chance.
  else if (typeof value === "string") for (const m of value.replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z|\b[0-9a-f]{64}\b|fleetlab-[\w-]+|\d+ children\)/g, "").replace(/(\d),(\d{3})/g, "$1$2").matchAll(/-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi)) out.push(Number(m[0]));
  else if (Array.isArray(value)) for (const v of value) numbersIn(v, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) numbersIn(v, out);
  return out;
}

/** A target in the unit named, written in the other units of its quantity (a fraction as a percentage too). */
export const UNIT_FACTORS: Record<string, number[]> = {
  s: [1, 1 / 60, 1 / 3600, 1 / 86_400], min: [1, 60, 1 / 60, 1 / 1440], h: [1, 3600, 60, 1 / 24], days: [1, 86_400, 1440, 24],
  "%": [1, 1 / 100], "": [1, 100],
};

export const near = (x: number, v: number) => Math.abs(x - v) <= Math.max(1e-9, Math.abs(v) * 1e-3);

/** The numbers in `readable` that show `value` (in `unit` or another unit of its quantity); [] when it is withheld. */
export function sightings(readable: unknown, value: number, unit: string | null): number[] {
  const factors = UNIT_FACTORS[unit ?? ""] ?? [1];
  return numbersIn(readable).filter((x) => factors.some((f) => near(x, value * f)));
}
