/**
 * Searches over model functions, so a target ("the largest fleet that still...")
 * is found by asking the model, never by re-deriving its formula.
 */

/**
 * The largest integer n in [lo, hi] with `holds(n)`, for a predicate that is true up to
 * some n and false after (monotone). Bisection: O(log(hi − lo)) calls.
 * @throws RangeError if holds(lo) is false (no such n)
 */
export function largestIntegerWhere(holds: (n: number) => boolean, lo: number, hi: number): number {
  if (!holds(lo)) throw new RangeError(`largestIntegerWhere: the condition fails already at lo = ${lo}`);
  if (holds(hi)) return hi;
  let a = lo, b = hi; // holds(a), !holds(b)
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (holds(mid)) a = mid;
    else b = mid;
  }
  return a;
}

/** The smallest integer n in [lo, hi] with `holds(n)` (false up to some n, true after). */
export function smallestIntegerWhere(holds: (n: number) => boolean, lo: number, hi: number): number {
  if (!holds(hi)) throw new RangeError(`smallestIntegerWhere: the condition fails even at hi = ${hi}`);
  if (holds(lo)) return lo;
  let a = lo, b = hi; // !holds(a), holds(b)
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (holds(mid)) b = mid;
    else a = mid;
  }
  return b;
}

/** `count` points from `from` to `to`, evenly spaced (log-spaced when `log`), ends included. */
export function sweep(from: number, to: number, count: number, log = false): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const f = count === 1 ? 0 : i / (count - 1);
    out.push(log ? Math.exp(Math.log(from) + f * (Math.log(to) - Math.log(from))) : from + f * (to - from));
  }
  return out;
}
