/**
 * Stragglers (mission 01, Part 3): a synchronous step waits for the slowest of
 * N workers, so the tail of one GPU's step time becomes the fleet's step time.
 * Step times are modelled as shifted exponentials: base + Exp(mean = tail).
 */
import { requireInteger, requireNonNegative } from "./errors";

const EULER_GAMMA = 0.5772156649015329;

/**
 * The n-th harmonic number H_n = Σ_{i=1..n} 1/i.
 *
 * Equation: exact sum for n <= 1,000; above, H_n = ln n + γ + 1/(2n) − 1/(12n²) + 1/(120n⁴)
 *           (error < 1/(252 n⁶), below double precision for n > 1,000).
 * Source:   Euler–Maclaurin expansion (Knuth, The Art of Computer Programming, Vol. 1, §1.2.7).
 * Holds:    any integer n >= 0 (H_0 = 0). Cost O(1) above 1,000.
 *
 * Worked example: H_4 = 1 + 1/2 + 1/3 + 1/4 = 2.0833; H_1024 ≈ 7.5092.
 *
 * @param n integer >= 0
 * @returns H_n
 * @throws ModelInputError if n is not an integer >= 0
 */
export function harmonicNumber(n: number): number {
  requireInteger("harmonicNumber", { n }, 0);
  if (n <= 1000) {
    let sum = 0;
    for (let i = n; i >= 1; i--) sum += 1 / i; // smallest terms first
    return sum;
  }
  const n2 = n * n;
  return Math.log(n) + EULER_GAMMA + 1 / (2 * n) - 1 / (12 * n2) + 1 / (120 * n2 * n2);
}

/** Inputs of the shifted-exponential step-time model. */
export interface StragglerOptions {
  /** N, workers the step waits for; integer >= 1. */
  workers: number;
  /** Deterministic part of one worker's step, seconds (>= 0). */
  baseSeconds: number;
  /** Mean of the exponential tail, seconds (>= 0). */
  tailMeanSeconds: number;
}

/**
 * Expected time of a synchronous step that waits for the slowest of N workers.
 *
 * Equation: E[max_i T_i] = base + tail · H_N, T_i = base + Exp(tail) i.i.d.
 * Source:   maximum of i.i.d. exponentials (Rényi representation; David & Nagaraja,
 *           Order Statistics, 3rd ed., 2003, §2.5); applied to synchronous SGD by Dutta
 *           et al., "Slow and Stale Gradients Can Win the Race", AISTATS 2018.
 * Holds:    independent workers with memoryless delays; the tail grows as ln N.
 *
 * Worked example: base = 1 s, tail = 0.1 s, N = 1,024 → 1 + 0.1 · 7.5092 ≈ 1.751 s
 *   (the mean worker takes 1.1 s: the barrier costs 59%).
 *
 * @param options `{ workers, baseSeconds, tailMeanSeconds }`
 * @returns seconds
 * @throws ModelInputError if N is not an integer >= 1 or a time is negative
 */
export function expectedSlowestStepTime(options: StragglerOptions): number {
  return orderStatisticStepTime("expectedSlowestStepTime", { ...options, backupWorkers: 0 });
}

/**
 * Expected step time with k backup workers: launch N + k, proceed when the
 * fastest N finish, drop the rest.
 *
 * Equation: E[T_(N : N+k)] = base + tail · (H_{N+k} − H_k)
 * Source:   order statistics of exponentials (Rényi representation, David & Nagaraja
 *           2003); backup workers: Chen, Pan, Monga, Bengio & Jozefowicz, "Revisiting
 *           Distributed Synchronous SGD", arXiv:1604.00981, 2016.
 * Holds:    as `expectedSlowestStepTime`; the k extra workers cost k/N more hardware.
 *
 * Worked example: base = 1 s, tail = 0.1 s, N = 1,024, k = 32
 *   H_1056 − H_32 ≈ 7.5399 − 4.0585 = 3.4814 → 1.348 s (vs 1.751 s with k = 0).
 *
 * @param options `{ workers, backupWorkers, baseSeconds, tailMeanSeconds }`; k integer >= 0
 * @returns seconds
 * @throws ModelInputError if N is not an integer >= 1, k not an integer >= 0, or a time is negative
 */
export function backupWorkersStepTime(options: StragglerOptions & { backupWorkers: number }): number {
  return orderStatisticStepTime("backupWorkersStepTime", options);
}

function orderStatisticStepTime(fn: string, options: StragglerOptions & { backupWorkers: number }): number {
  const { workers, backupWorkers, baseSeconds, tailMeanSeconds } = options;
  requireInteger(fn, { workers }, 1);
  requireInteger(fn, { backupWorkers }, 0);
  requireNonNegative(fn, { baseSeconds, tailMeanSeconds });
  // k = 0 needs no case of its own: H_0 = 0, so the spread is H_N.
  const spread = harmonicNumber(workers + backupWorkers) - harmonicNumber(backupWorkers);
  return baseSeconds + tailMeanSeconds * spread;
}
