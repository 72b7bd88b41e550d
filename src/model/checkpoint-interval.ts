/**
 * When to checkpoint (mission 07, Part 1): checkpointing too often wastes write
 * time; too rarely wastes rework after each failure. All times are seconds;
 * every formula is homogeneous in time, so minutes in, minutes out also works.
 */
import { requireNonNegative, requirePositive } from "./errors";

/**
 * Checkpoint interval that minimises expected lost time, to first order.
 *
 * Equation: τ_opt = √(2 · δ · M)   δ = time to write one checkpoint, M = fleet MTBF
 * Source:   J. W. Young, "A first order approximation to the optimum checkpoint
 *           interval", CACM 17(9):530–531, 1974 (figures.md §2). Daly (2006) adds
 *           higher-order terms: `dalyInterval`.
 * Holds:    δ ≪ M; failures independent and exponential; restart time ignored.
 *
 * Worked example ★ (figures.md §2): δ = 2 min = 120 s, M = 180 min = 10,800 s
 *   τ_opt = √(2 · 120 · 10,800) = √2,592,000 ≈ 1,610 s = 26.83 min
 *
 * @param checkpointSeconds δ in seconds, finite and > 0
 * @param mtbfSeconds       M in seconds, finite and > 0
 * @returns τ_opt in seconds
 * @throws ModelInputError if an argument is not finite and positive
 */
export function youngDalyInterval(checkpointSeconds: number, mtbfSeconds: number): number {
  requirePositive("youngDalyInterval", { checkpointSeconds, mtbfSeconds });
  return Math.sqrt(2 * checkpointSeconds * mtbfSeconds);
}

/**
 * First-order overhead of checkpointing every τ: write time per interval plus
 * the expected half-interval of rework per failure.
 *
 * Equation: overhead(τ) = δ/τ + τ/(2M); at τ_opt = √(2δM) it equals √(2δ/M)
 * Source:   Young's cost function (Young 1974), figures.md §2 "Young minimum overhead".
 * Holds:    δ ≪ τ ≪ M; exponential failures; restart time ignored.
 *
 * Worked example ★: δ = 120 s, M = 10,800 s, τ = 1,610 s → 0.0745 + 0.0745 = 14.9%
 *
 * @param intervalSeconds   τ in seconds, finite and > 0
 * @param checkpointSeconds δ in seconds, finite and >= 0
 * @param mtbfSeconds       M in seconds, finite and > 0
 * @returns overhead as a fraction of useful time
 * @throws ModelInputError if τ or M is not positive or δ is negative
 */
export function youngOverhead(intervalSeconds: number, checkpointSeconds: number, mtbfSeconds: number): number {
  requirePositive("youngOverhead", { intervalSeconds, mtbfSeconds });
  requireNonNegative("youngOverhead", { checkpointSeconds });
  return checkpointSeconds / intervalSeconds + intervalSeconds / (2 * mtbfSeconds);
}

/**
 * Daly's higher-order optimum checkpoint interval.
 *
 * Equation: if δ < 2M: τ_opt = √(2δM) · [1 + (1/3)√(δ/(2M)) + (1/9)(δ/(2M))] − δ
 *           else:      τ_opt = M
 * Source:   J. T. Daly, "A higher order estimate of the optimum checkpoint interval for
 *           restart dumps", FGCS 22(3):303–312, 2006, eq. 37 (figures.md §2; as in
 *           LLNL/scr scripts/common/scr_ckpt_interval.py).
 * Holds:    exponential failures that may also strike during checkpoints and restarts;
 *           within 0.3% of the exact optimum of `expectedWallTime` for δ ≤ M/3.
 *
 * Worked example ★ (Daly 2006 Figs. 3–5): δ = 5 min = 300 s
 *   M = 24 h → 7,001 s = 116.7 min;  M = 6 h → 56.7 min;  M = 15 min → 9.14 min
 *   (Young: 120, 60 and 12.25 min)
 *
 * @param checkpointSeconds δ in seconds, finite and > 0
 * @param mtbfSeconds       M in seconds, finite and > 0
 * @returns τ_opt in seconds
 * @throws ModelInputError if an argument is not finite and positive
 */
export function dalyInterval(checkpointSeconds: number, mtbfSeconds: number): number {
  requirePositive("dalyInterval", { checkpointSeconds, mtbfSeconds });
  if (checkpointSeconds >= 2 * mtbfSeconds) return mtbfSeconds;
  const r = checkpointSeconds / (2 * mtbfSeconds);
  return Math.sqrt(2 * checkpointSeconds * mtbfSeconds) * (1 + Math.sqrt(r) / 3 + r / 9) - checkpointSeconds;
}

/** A training run under periodic checkpointing. */
export interface CheckpointedRun {
  /** T_s, failure-free compute the run needs, seconds (> 0). */
  workSeconds: number;
  /** τ, compute between checkpoints, seconds (> 0). */
  intervalSeconds: number;
  /** δ, time to write one checkpoint, seconds (>= 0). */
  checkpointSeconds: number;
  /** R, time to restart after a failure (reload, re-queue), seconds (>= 0). */
  restartSeconds: number;
  /** M, fleet MTBF, seconds (> 0). */
  mtbfSeconds: number;
}

function readRun(fn: string, run: CheckpointedRun): CheckpointedRun {
  const { workSeconds, intervalSeconds, checkpointSeconds, restartSeconds, mtbfSeconds } = run;
  requirePositive(fn, { workSeconds, intervalSeconds, mtbfSeconds });
  requireNonNegative(fn, { checkpointSeconds, restartSeconds });
  return run;
}

/**
 * x / (e^x − 1) for x >= 0 (1 at x = 0): the share of a segment's expected time (x = (τ+δ)/M
 * in MTBFs) that is the segment itself. Written so it neither overflows for large x (e^x
 * would pass the largest double at x ≈ 709; this underflows smoothly to 0) nor loses digits
 * for small x.
 */
function segmentShare(x: number): number {
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  return x < 1 ? x / Math.expm1(x) : (x * Math.exp(-x)) / -Math.expm1(-x);
}

/**
 * ln(x / (e^x − 1)), finite wherever segmentShare would underflow to 0 (x up to ~1e308).
 * ln(e^x − 1) = x + ln(1 − e^−x), and from x = 50 on the second term (< 2e-22) is below half
 * an ulp of x, so there it is x exactly.
 */
function logSegmentShare(x: number): number {
  if (x === 0) return 0;
  if (x === Infinity) return -Infinity;
  return Math.log(x) - (x < 50 ? Math.log(Math.expm1(x)) : x);
}

/** 1 − x / (e^x − 1), by its series x/2 − x²/12 + x⁴/720 where the difference would cancel. */
function segmentLoss(x: number): number {
  return x < 1e-4 ? x / 2 - (x * x) / 12 + (x * x * x * x) / 720 : 1 - segmentShare(x);
}

/**
 * Expected wall-clock time of a checkpointed run.
 *
 * Equation: T_w = M · e^{R/M} · (e^{(τ+δ)/M} − 1) · T_s / τ
 *               = T_s · ((τ+δ)/τ) · e^{R/M} / s(x),  s(x) = x / (e^x − 1), x = (τ+δ)/M
 * Source:   Daly 2006, §3: the exponential-failure model whose minimiser eq. 37
 *           approximates (equation number not re-read: wording unconfirmed). Derivation:
 *           each segment of τ + δ is retried until it runs failure-free, and each
 *           failure costs a restart R that can itself fail.
 * Holds:    exponential failures at rate 1/M during compute, checkpoint and restart;
 *           T_s/τ treated as continuous (every segment ends in a checkpoint). Evaluated in
 *           logarithms, so it is exact to ~1e-14 wherever T_w is a double; beyond ~1.8e308 s
 *           (e.g. R/M or (τ+δ)/M above ~700) it is +Infinity, never NaN.
 *
 * Worked example: T_s = 30,000 min, τ = 116.69 min, δ = 5 min, R = 10 min, M = 1,440 min
 *   → T_w ≈ 32,873 min (useful fraction 91.3%, ≈ 22.8 failures).
 *
 * @param run `{ workSeconds, intervalSeconds, checkpointSeconds, restartSeconds, mtbfSeconds }`
 * @returns T_w in seconds
 * @throws ModelInputError if T_s, τ or M is not positive, or δ or R is negative
 */
export function expectedWallTime(run: CheckpointedRun): number {
  const { workSeconds, intervalSeconds, checkpointSeconds, restartSeconds, mtbfSeconds } = readRun("expectedWallTime", run);
  const x = (intervalSeconds + checkpointSeconds) / mtbfSeconds;
  return Math.exp(Math.log(workSeconds) + Math.log1p(checkpointSeconds / intervalSeconds) + restartSeconds / mtbfSeconds - logSegmentShare(x));
}

/** Where the wall-clock time of a checkpointed run goes; the fractions sum to 1 and are always finite. */
export interface OverheadSplit {
  /** T_w; +Infinity when it passes the largest double (the fractions stay exact). */
  wallSeconds: number;
  /** T_s / T_w. */
  usefulFraction: number;
  /** Completed checkpoint writes, (T_s/τ) · δ / T_w. */
  checkpointFraction: number;
  /** Lost compute and interrupted checkpoints, redone after failures. */
  reworkFraction: number;
  /** Time spent restarting, including restarts cut short by another failure. */
  restartFraction: number;
  /** Expected failures, T_w / M; +Infinity with wallSeconds. */
  expectedFailures: number;
}

/**
 * Splits a run's expected wall time into useful work, checkpoint writes, rework
 * and restarts, for any interval (the "Total Time Waterfall" of mission 07).
 *
 * Equation: T_w as in `expectedWallTime`; failures = T_w / M (Wald's identity);
 *           restart = T_w · (1 − e^{−R/M}) (each failure costs E[min(R, Exp(M))]);
 *           checkpoint = (T_s/τ) · δ;  rework = T_w · e^{−R/M} − T_s − checkpoint.
 *           As fractions of T_w, with x = (τ+δ)/M and s(x) = x / (e^x − 1):
 *             useful = τ/(τ+δ) · e^{−R/M} · s(x)    checkpoint = δ/(τ+δ) · e^{−R/M} · s(x)
 *             rework = e^{−R/M} · (1 − s(x))        restart = 1 − e^{−R/M}
 * Source:   derived from Daly's (2006) model; see `expectedWallTime`.
 * Holds:    as `expectedWallTime`. The fractions are computed in the second form, never
 *           through T_w, so they stay finite and sum to 1 for every valid input, including
 *           fleets whose MTBF is far below the restart or the interval (mission 07 at 100,000
 *           nodes: R/M ≈ 28, useful ≈ 1e-15, restart ≈ 1 − 9e-13), where T_w itself may be
 *           +Infinity.
 *
 * Worked example: the run in `expectedWallTime` → useful 91.26%, checkpoint 3.91%,
 *   rework 4.14%, restart 0.69%.
 *
 * @param run `{ workSeconds, intervalSeconds, checkpointSeconds, restartSeconds, mtbfSeconds }`
 * @returns the split, fractions of T_w
 * @throws ModelInputError as `expectedWallTime`
 */
export function overheadSplit(run: CheckpointedRun): OverheadSplit {
  const { intervalSeconds: tau, checkpointSeconds: delta, restartSeconds, mtbfSeconds } = readRun("overheadSplit", run);
  const wall = expectedWallTime(run);
  const x = (tau + delta) / mtbfSeconds;
  const survive = Math.exp(-restartSeconds / mtbfSeconds);
  const segments = survive * segmentShare(x); // useful + checkpoint
  return {
    wallSeconds: wall,
    usefulFraction: (tau / (tau + delta)) * segments,
    checkpointFraction: (delta / (tau + delta)) * segments,
    reworkFraction: survive * segmentLoss(x),
    restartFraction: -Math.expm1(-restartSeconds / mtbfSeconds),
    expectedFailures: wall / mtbfSeconds,
  };
}

/**
 * Share of a fleet's wall-clock time lost to checkpoint writes, rework and restarts when it
 * checkpoints every τ: 1 − the useful fraction of `overheadSplit`, for a fleet of N nodes whose
 * MTBF is M = MTBF_node / N. What mission 07 has a student minimise by choosing τ.
 *
 * Equation: lost = 1 − τ/(τ+δ) · e^{−R/M} · s(x),  x = (τ+δ)/M,  s(x) = x / (e^x − 1),
 *           M = MTBF_node / N  (independent of the amount of work T_s)
 * Source:   `overheadSplit` (Daly 2006 model); fleet MTBF as `fleetMtbf` (figures.md §1.3).
 * Holds:    as `overheadSplit`; N may be fractional (a continuous node-count axis).
 * Worked example: MTBF_node = 24 h, N = 1, τ = 116.69 min, δ = 300 s, R = 600 s
 *   → useful 91.26% (the `expectedWallTime` run) → lost 8.74%.
 *
 * @throws ModelInputError if MTBF_node, N or τ is not positive, or δ or R is negative
 */
export function fleetLostTimeFraction(nodeMtbfHours: number, nodes: number, intervalMinutes: number, checkpointSeconds: number, restartSeconds: number): number {
  requirePositive("fleetLostTimeFraction", { nodeMtbfHours, nodes, intervalMinutes });
  const split = overheadSplit({
    workSeconds: 1, intervalSeconds: 60 * intervalMinutes, checkpointSeconds, restartSeconds, mtbfSeconds: (3600 * nodeMtbfHours) / nodes,
  });
  return 1 - split.usefulFraction;
}
