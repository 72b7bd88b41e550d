/**
 * Canary and shadow-mode validation: how many live requests a new model must
 * serve before "no failures seen" means "failure rate below p", how long that
 * takes at a given traffic share, and Wald's sequential test that usually
 * stops much sooner.
 *
 * Units: rates in requests per second, durations in seconds, probabilities in [0, 1].
 */
import {
  ModelInputError,
  requireInteger,
  requirePositive,
  requireProbability,
} from "./errors";
import type { Rng } from "./sim/rng";
import { tallyWork } from "./sim/work-tally";

/** One week in seconds: the release cycle the mission 12 Safety Lead must fit. */
export const ONE_WEEK_SECONDS = 7 * 24 * 3600;

/**
 * Requests to observe with zero failures to be `confidence` sure the failure
 * rate is below `failureRate`.
 *
 * Equation: P(0 failures in n | p) = (1 − p)^n ≤ 1 − C  ⇒  n = ⌈ln(1 − C) / ln(1 − p)⌉
 * Source:   binomial zero-numerator bound; figures.md §6 (derived).
 * Holds:    independent requests, constant failure probability p.
 *
 * Worked example (mission 12, part 2 lock): C = 0.95, p = 0.001
 *   n = ⌈ln 0.05 / ln 0.999⌉ = ⌈2,994.23⌉ = 2,995 (rule of three: 3,000)
 *
 * @param confidence  C in (0, 1)
 * @param failureRate p in (0, 1)
 * @returns n, a whole number of requests
 * @throws ModelInputError if an argument is outside (0, 1)
 */
export function canarySampleSize(confidence: number, failureRate: number): number {
  requireProbability("canarySampleSize", { confidence, failureRate }, "open");
  // log1p keeps precision for the small failure rates that matter here.
  return Math.ceil(Math.log1p(-confidence) / Math.log1p(-failureRate));
}

/**
 * Approximate upper confidence bound on a failure rate after `trials` clean trials.
 *
 * Equation: p_upper ≈ −ln(1 − C) / n   (3/n at 95%, since −ln 0.05 = 2.996; 4.61/n at 99%)
 * Source:   Hanley & Lippman-Hand, "If nothing goes wrong, is everything all right?",
 *           JAMA 249(13):1743–1745, 1983 (figures.md §6).
 * Holds:    n > 30; the exact bound is 1 − (1 − C)^(1/n) (`zeroFailureUpperBound`).
 *
 * Worked example: 3,000 clean requests at 95% → p_upper ≈ 2.996 / 3,000 ≈ 0.000999
 *
 * @param trials     n, integer ≥ 1
 * @param confidence C in (0, 1), default 0.95
 * @returns the rate bound, a probability
 */
export function ruleOfThree(trials: number, confidence = 0.95): number {
  requireInteger("ruleOfThree", { trials });
  requireProbability("ruleOfThree", { confidence }, "open");
  return -Math.log1p(-confidence) / trials;
}

/**
 * Exact binomial upper bound on p after n clean trials: 1 − (1 − C)^(1/n).
 *
 * Worked example: n = 2,995, C = 0.95 → 0.000999 (just under the 0.001 target).
 *
 * @param trials     n, integer ≥ 1
 * @param confidence C in (0, 1)
 */
export function zeroFailureUpperBound(trials: number, confidence: number): number {
  requireInteger("zeroFailureUpperBound", { trials });
  requireProbability("zeroFailureUpperBound", { confidence }, "open");
  return -Math.expm1(Math.log1p(-confidence) / trials);
}

/**
 * Wall-clock time for a canary or shadow deployment to collect n requests.
 *
 * Equation: t = n / (r · f)   r = fleet request rate, f = share routed to the canary
 * Source:   arithmetic (figures.md §6, "Canary duration").
 *
 * Worked example (mission 12, Cloud Titan): n = 2,995, r = 2,000 req/s, f = 0.01
 *   t = 2,995 / 20 = 149.75 s
 *
 * @param sampleSize        n requests, > 0
 * @param requestsPerSecond r, > 0
 * @param canaryFraction    f in (0, 1]
 * @returns t in seconds
 */
export function shadowDuration(sampleSize: number, requestsPerSecond: number, canaryFraction: number): number {
  requirePositive("shadowDuration", { sampleSize, requestsPerSecond });
  requireProbability("shadowDuration", { canaryFraction }, "openLow");
  return sampleSize / (requestsPerSecond * canaryFraction);
}

/** Verdict on whether a validation window fits inside a release cycle. */
export interface ReleaseCycleCheck {
  durationSeconds: number;
  cycleSeconds: number;
  /** cycle − duration; negative when validation overruns the cycle. */
  slackSeconds: number;
  fits: boolean;
}

/**
 * Whether collecting the canary sample fits inside the release cycle (default one week).
 *
 * Equation: t = ⌈ln(1−C)/ln(1−p)⌉ / (r·f) ≤ T_cycle
 *
 * Worked example (mission 12, Edge Guardian, 1-in-100,000 edge case at 95%):
 *   n = 299,572, r = 50 req/s, f = 0.05 → t = 119,829 s ≈ 1.39 days ≤ 7 days: fits.
 */
export function releaseCycleCheck(opts: {
  confidence: number;
  failureRate: number;
  requestsPerSecond: number;
  canaryFraction: number;
  cycleSeconds?: number;
}): ReleaseCycleCheck {
  const cycleSeconds = opts.cycleSeconds ?? ONE_WEEK_SECONDS;
  requirePositive("releaseCycleCheck", { cycleSeconds });
  const n = canarySampleSize(opts.confidence, opts.failureRate);
  const durationSeconds = shadowDuration(n, opts.requestsPerSecond, opts.canaryFraction);
  return { durationSeconds, cycleSeconds, slackSeconds: cycleSeconds - durationSeconds, fits: durationSeconds <= cycleSeconds };
}

/** Wald's SPRT stopping thresholds on the likelihood ratio Λ. */
export interface SprtBoundaries {
  /** Accept H₁ (regression) once Λ ≥ A. */
  upper: number;
  /** Accept H₀ (no regression) once Λ ≤ B. */
  lower: number;
  lnUpper: number;
  lnLower: number;
}

/**
 * Wald's approximate SPRT boundaries for type I error α and type II error β.
 *
 * Equation: A ≈ (1 − β)/α,  B ≈ β/(1 − α)
 * Source:   A. Wald, "Sequential Tests of Statistical Hypotheses",
 *           Ann. Math. Statist. 16(2):117–186, 1945 (figures.md §6).
 *
 * Worked example: α = 0.05, β = 0.20 → A = 16, B = 0.2105, ln A = 2.7726, ln B = −1.5581
 */
export function sprtBoundaries(alpha: number, beta: number): SprtBoundaries {
  requireProbability("sprtBoundaries", { alpha, beta }, "open");
  if (alpha + beta >= 1) throw new ModelInputError("sprtBoundaries", "alpha + beta", "< 1", alpha + beta);
  const upper = (1 - beta) / alpha;
  const lower = beta / (1 - alpha);
  return { upper, lower, lnUpper: Math.log(upper), lnLower: Math.log(lower) };
}

/** Options for a Bernoulli SPRT: failure rate p0 (H₀, acceptable) vs p1 (H₁, regressed). */
export interface BernoulliSprt {
  p0: number;
  p1: number;
  alpha: number;
  beta: number;
}

function checkSprt(fn: string, o: BernoulliSprt): SprtBoundaries {
  requireProbability(fn, { p0: o.p0, p1: o.p1 }, "open");
  if (!(o.p1 > o.p0)) throw new ModelInputError(fn, "p1", `> p0 (${o.p0})`, o.p1);
  return sprtBoundaries(o.alpha, o.beta);
}

/**
 * Log-likelihood-ratio increment for one Bernoulli observation (x = 1 is a failure).
 *
 * Equation: z = x·ln(p1/p0) + (1 − x)·ln((1 − p1)/(1 − p0))
 */
export function sprtIncrement(failed: boolean, p0: number, p1: number): number {
  return failed ? Math.log(p1 / p0) : Math.log1p(-p1) - Math.log1p(-p0);
}

/** Expected number of observations before the SPRT stops, under each hypothesis. */
export interface SprtExpectedSamples {
  underH0: number;
  underH1: number;
}

/**
 * Wald's approximation to the SPRT's average sample number for a Bernoulli stream.
 *
 * Equation: E₀[N] ≈ [(1−α)·ln B + α·ln A] / E₀[z],  E₁[N] ≈ [β·ln B + (1−β)·ln A] / E₁[z]
 *           E_i[z] = p_i·ln(p1/p0) + (1 − p_i)·ln((1−p1)/(1−p0))
 * Source:   Wald 1945 (figures.md §6); ignores overshoot, so a simulation runs slightly longer.
 *
 * Worked example: p0 = 0.01, p1 = 0.02, α = 0.05, β = 0.20
 *   E₀[z] = −0.003119, E₁[z] = 0.003914 → E₀[N] ≈ 430, E₁[N] ≈ 487
 *   (the fixed-n zero-failure test at the same p = 0.01 needs 299 clean requests: fewer, but it
 *   only bounds p, while the SPRT also tells p0 from p1 = 2·p0 at the stated α and β)
 */
export function sprtExpectedSampleSize(opts: BernoulliSprt): SprtExpectedSamples {
  const { lnUpper, lnLower } = checkSprt("sprtExpectedSampleSize", opts);
  const { p0, p1, alpha, beta } = opts;
  const meanZ = (p: number): number => p * sprtIncrement(true, p0, p1) + (1 - p) * sprtIncrement(false, p0, p1);
  return {
    underH0: ((1 - alpha) * lnLower + alpha * lnUpper) / meanZ(p0),
    underH1: (beta * lnLower + (1 - beta) * lnUpper) / meanZ(p1),
  };
}

/** One SPRT run's outcome. */
export interface SprtRun {
  decision: "accept-h0" | "accept-h1" | "undecided";
  samples: number;
}

/**
 * Runs one Bernoulli SPRT on a seeded stream whose true failure rate is `trueRate`.
 * Stops at the first boundary crossing or after `maxSamples` (then "undecided").
 */
export function runSprt(opts: BernoulliSprt & { trueRate: number; rng: Rng; maxSamples?: number }): SprtRun {
  const { lnUpper, lnLower } = checkSprt("runSprt", opts);
  requireProbability("runSprt", { trueRate: opts.trueRate });
  const maxSamples = opts.maxSamples ?? 1_000_000;
  requireInteger("runSprt", { maxSamples });
  const up = sprtIncrement(true, opts.p0, opts.p1);
  const down = sprtIncrement(false, opts.p0, opts.p1);
  let llr = 0;
  for (let n = 1; n <= maxSamples; n++) {
    llr += opts.rng.next() < opts.trueRate ? up : down;
    if (llr >= lnUpper) { tallyWork(n); return { decision: "accept-h1", samples: n }; }
    if (llr <= lnLower) { tallyWork(n); return { decision: "accept-h0", samples: n }; }
  }
  tallyWork(maxSamples);
  return { decision: "undecided", samples: maxSamples };
}

/** Summary of many seeded SPRT runs. */
export interface SprtSimulation {
  runs: number;
  meanSamples: number;
  /** Share of runs that accepted H₁ (a regression alarm). */
  acceptH1Rate: number;
  undecidedRate: number;
}

/**
 * Monte Carlo check of the SPRT: mean stopping time and error rates over `runs` seeded runs.
 *
 * Property: under p = p0 the mean stopping time is near E₀[N] and acceptH1Rate ≲ α;
 * under p = p1 it is near E₁[N] and 1 − acceptH1Rate ≲ β (Wald's bounds are conservative).
 */
export function simulateSprt(opts: BernoulliSprt & { trueRate: number; runs: number; rng: Rng; maxSamples?: number }): SprtSimulation {
  requireInteger("simulateSprt", { runs: opts.runs });
  let total = 0;
  let h1 = 0;
  let undecided = 0;
  for (let i = 0; i < opts.runs; i++) {
    const r = runSprt(opts);
    total += r.samples;
    if (r.decision === "accept-h1") h1++;
    if (r.decision === "undecided") undecided++;
  }
  return { runs: opts.runs, meanSamples: total / opts.runs, acceptH1Rate: h1 / opts.runs, undecidedRate: undecided / opts.runs };
}
