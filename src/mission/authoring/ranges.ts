/**
 * Round gauge ends: a gauge's range is derived from the largest (or smallest) value the
 * track's model can show, then rounded outward to a number a reader takes in at a glance
 * (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k). Rounding never shrinks the range and widens
 * it by less than 4/3 (the widest steps: 1.5 → 2, 3 → 4, 6 → 8), so a gauge whose end is
 * the largest value it shows still fills more than 75 % of its bar there.
 */

const STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** 10^k <= x < 10^(k+1), for x > 0 (log10 can round up just below a power of ten). */
function decade(x: number): number {
  const scale = 10 ** Math.floor(Math.log10(x));
  return scale > x ? scale / 10 : scale;
}

/** The smallest round number >= x (x itself when x <= 0 is 0; negative x rounds towards 0). */
export function niceCeil(x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`niceCeil: x must be finite (got ${x})`);
  if (x === 0) return 0;
  if (x < 0) return -niceFloor(-x);
  const scale = decade(x);
  // Rounded so 0.3 / 0.1 = 2.9999999999999996 does not step past 3.
  const step = STEPS.find((s) => Number((s * scale).toPrecision(12)) >= x)!;
  return Number((step * scale).toPrecision(12));
}

/** The largest round number <= x (negative x rounds away from 0). */
export function niceFloor(x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`niceFloor: x must be finite (got ${x})`);
  if (x === 0) return 0;
  if (x < 0) return -niceCeil(-x);
  const scale = decade(x);
  const step = [...STEPS].reverse().find((s) => Number((s * scale).toPrecision(12)) <= x)!;
  return Number((step * scale).toPrecision(12));
}
