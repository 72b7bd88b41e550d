/**
 * A seeded Monte Carlo of a checkpointed training run (mission 07): failures
 * arrive as a Poisson process, each one throws away the compute since the last
 * checkpoint and costs a restart. The closed forms it is checked against live in
 * ../checkpoint-interval.ts (`expectedWallTime`, `dalyInterval`).
 *
 * Event loop, per failure-free stretch X ~ Exp(M) (memoryless, so a fresh draw
 * after every failure or completed restart is exact):
 *   compute → checkpoint → compute → … until X runs out (failure) or the work is done;
 *   failure → lose the partial segment → restart R (a failure during R restarts it).
 * The final segment needs no checkpoint. Cost: O(failures), not O(segments); each failure is
 * one event of the run's budget (see ./event-budget), so an MTBF far below the restart time
 * stops at the budget instead of running on.
 */
import { requireInteger, requireNonNegative, requirePositive, ModelInputError } from "../errors";
import type { CheckpointedRun } from "../checkpoint-interval";
import { readMaxEvents, type EventBudget } from "./event-budget";
import { createRng, type Rng } from "./rng";
import { tallyWork } from "./work-tally";

/** Outcome of one simulated run; the four parts sum to `wallSeconds`. */
export interface TrainingRunResult {
  wallSeconds: number;
  usefulSeconds: number;
  checkpointSeconds: number;
  reworkSeconds: number;
  restartSeconds: number;
  failures: number;
  checkpoints: number;
  /** One event per failure; when `exhausted` the run stopped there and usefulSeconds < the work. */
  budget: EventBudget;
}

function simulate(run: CheckpointedRun, rng: Rng, maxEvents: number): TrainingRunResult {
  const { workSeconds, intervalSeconds: tau, checkpointSeconds: delta, restartSeconds: r, mtbfSeconds: m } = run;
  const res = { usefulSeconds: 0, checkpointSeconds: 0, reworkSeconds: 0, restartSeconds: 0, failures: 0, checkpoints: 0 };
  let remaining = workSeconds;
  // Work stays > 0 until the last piece completes (a step takes at most ⌈remaining/τ⌉ − 1 whole segments), then the loop breaks.
  while (res.failures < maxEvents) {
    let up = rng.exponential(m);
    // full segments (compute + checkpoint) that fit, leaving the last piece of work
    const fullSegmentsLeft = Math.ceil(remaining / tau) - 1;
    const fit = Math.min(fullSegmentsLeft, Math.floor(up / (tau + delta)));
    res.usefulSeconds += fit * tau;
    res.checkpointSeconds += fit * delta;
    res.checkpoints += fit;
    remaining -= fit * tau;
    up -= fit * (tau + delta);
    if (fit === fullSegmentsLeft && up >= remaining) {
      res.usefulSeconds += remaining; // last piece, no checkpoint needed
      remaining = 0;
      break;
    }
    // failure strikes during the current segment: its compute (and any partial checkpoint) is lost
    res.reworkSeconds += up;
    res.failures++;
    while (res.failures < maxEvents) {
      const untilFailure = rng.exponential(m);
      if (untilFailure >= r) { res.restartSeconds += r; break; }
      res.restartSeconds += untilFailure;
      res.failures++;
    }
  }
  tallyWork(res.failures);
  return {
    ...res,
    wallSeconds: res.usefulSeconds + res.checkpointSeconds + res.reworkSeconds + res.restartSeconds,
    budget: { maxEvents, events: res.failures, exhausted: remaining > 0 },
  };
}

function readRun(fn: string, run: CheckpointedRun): void {
  const { workSeconds, intervalSeconds, checkpointSeconds, restartSeconds, mtbfSeconds } = run;
  requirePositive(fn, { workSeconds, intervalSeconds, mtbfSeconds });
  requireNonNegative(fn, { checkpointSeconds, restartSeconds });
}

/**
 * Simulates one checkpointed training run with exponential failures.
 *
 * Equation: none (Monte Carlo); its mean converges to `expectedWallTime` (Daly 2006).
 * Source:   discrete-event model of figures.md §2's Young/Daly setting.
 * Holds:    exponential failures at rate 1/M in every phase; instant detection.
 *
 * Worked example: T_s = 30,000 min, τ = 116.7, δ = 5, R = 10, M = 1,440 min: the mean
 *   over seeds approaches 32,873 min (closed form), ≈ 23 failures per run.
 *
 * @param run     `{ workSeconds, intervalSeconds, checkpointSeconds, restartSeconds, mtbfSeconds }`
 * @param seed    integer seed for `createRng`
 * @param options `{ maxEvents }`: most failures to simulate (default DEFAULT_MAX_EVENTS); the run
 *                stops there with `budget.exhausted` and its times cover only what it simulated
 * @returns the run's time budget
 * @throws ModelInputError on bad input
 */
export function simulateTrainingRun(run: CheckpointedRun, seed: number, options: { maxEvents?: number } = {}): TrainingRunResult {
  readRun("simulateTrainingRun", run);
  requireInteger("simulateTrainingRun", { seed }, 0, 2 ** 32 - 1);
  return simulate(run, createRng(seed), readMaxEvents("simulateTrainingRun", options.maxEvents));
}

/** Rows either side of the best one used by the least-squares parabola. */
const FIT_HALF_WIDTH = 3;

/**
 * Least-squares parabola y = a·u² + b·u + c through the best row and up to
 * FIT_HALF_WIDTH neighbours each side, u = ln τ; returns e^{vertex} if the fit is
 * convex and its vertex lies inside the fitted window, else undefined.
 *
 * In u centred on its mean, Σu = 0 and the normal equations decouple:
 *   S4·a + S3·b + S2·c = Y2,   S3·a + S2·b = Y1,   S2·a + n·c = Y0   (S_p = Σu^p, Y_p = Σy·u^p)
 *   ⇒ a = (Y2 − S3·Y1/S2 − S2·Y0/n) / (S4 − S3²/S2 − S2²/n),   b = (Y1 − S3·a) / S2.
 * The window always holds at least 3 distinct u (the scan takes ≥ 3 increasing intervals), so S2 > 0
 * and the denominator, n·S2 times the variance of u² around its regression on u, is positive.
 */
function parabolaVertex(rows: readonly IntervalScanRow[], best: number): number | undefined {
  const window = rows.slice(Math.max(0, best - FIT_HALF_WIDTH), best + FIT_HALF_WIDTH + 1);
  const n = window.length;
  const uMean = window.reduce((sum, r) => sum + Math.log(r.intervalSeconds), 0) / n;
  let s2 = 0, s3 = 0, s4 = 0, y0 = 0, y1 = 0, y2 = 0;
  for (const r of window) {
    const u = Math.log(r.intervalSeconds) - uMean, y = r.meanWallSeconds;
    s2 += u * u; s3 += u * u * u; s4 += u * u * u * u;
    y0 += y; y1 += y * u; y2 += y * u * u;
  }
  const a = (y2 - (s3 * y1) / s2 - (s2 * y0) / n) / (s4 - (s3 * s3) / s2 - (s2 * s2) / n);
  if (!(a > 0)) return undefined;
  const vertex = -(y1 - s3 * a) / s2 / (2 * a);
  const first = Math.log(window[0].intervalSeconds) - uMean, last = Math.log(window[n - 1].intervalSeconds) - uMean;
  return vertex >= first && vertex <= last ? Math.exp(vertex + uMean) : undefined;
}

/** Mean wall time at one interval, over replicate runs. */
export interface IntervalScanRow {
  intervalSeconds: number;
  meanWallSeconds: number;
  meanFailures: number;
}

/** Result of scanning checkpoint intervals by simulation. */
export interface IntervalScan {
  rows: IntervalScanRow[];
  /** Per simulated run; `events` sums every run's, `exhausted` if any run stopped at maxEvents (its row's mean is then low). */
  budget: EventBudget;
  /** The scanned interval with the lowest mean wall time. */
  bestScannedSeconds: number;
  /** Vertex of a least-squares parabola (in ln τ) through the best row and 3 neighbours each side. */
  bestIntervalSeconds: number;
}

/**
 * Finds the best checkpoint interval empirically: simulate each interval with
 * the same random streams (common random numbers), pick the lowest mean wall
 * time, then refine with a least-squares parabola in ln τ through it and up to
 * three neighbours each side (near its minimum T_w is ≈ T_s(1 + δ/τ + τ/2M), a
 * cosh in ln τ, so a parabola fits and its vertex averages out replicate noise).
 *
 * Equation: τ̂ = vertex of the parabola fitted to (ln τ_i, mean T_w(τ_i)) around the scan's minimum.
 * Source:   common random numbers and quadratic refinement: Law, Simulation Modeling and
 *           Analysis, 5th ed., 2015, §11.2. Checked against `dalyInterval` (Daly 2006).
 * Holds:    as `simulateTrainingRun`; the scan should bracket the optimum.
 *
 * Worked example: δ = 5 min, R = 10 min, M = 6 h, T_s = 5,000 h, 20 replicates,
 *   τ from 25 to 130 min → τ̂ within 5% of Daly's 56.7 min (checked in the spec).
 *
 * @param run     the run without its interval: `{ workSeconds, checkpointSeconds, restartSeconds, mtbfSeconds }`
 * @param options `{ intervalsSeconds, replicates, seed, maxEvents }`: at least 3 increasing intervals > 0,
 *                replicates integer >= 1, maxEvents the budget of each simulated run
 * @returns rows, best scanned and refined interval, and how the runs used their budget
 * @throws ModelInputError on bad input
 */
export function scanCheckpointIntervals(
  run: Omit<CheckpointedRun, "intervalSeconds">,
  options: { intervalsSeconds: readonly number[]; replicates: number; seed: number; maxEvents?: number },
): IntervalScan {
  const fn = "scanCheckpointIntervals";
  const { intervalsSeconds, replicates, seed } = options;
  if (!Array.isArray(intervalsSeconds) || intervalsSeconds.length < 3) {
    throw new ModelInputError(fn, "intervalsSeconds", "an array of at least 3 intervals", intervalsSeconds);
  }
  intervalsSeconds.forEach((t, i) => {
    requirePositive(fn, { [`intervalsSeconds[${i}]`]: t });
    if (i > 0 && t <= intervalsSeconds[i - 1]) throw new ModelInputError(fn, `intervalsSeconds[${i}]`, "greater than the previous interval", t);
  });
  requireInteger(fn, { replicates }, 1);
  requireInteger(fn, { seed }, 0, 2 ** 32 - 1);
  const maxEvents = readMaxEvents(fn, options.maxEvents);
  for (const tau of intervalsSeconds) readRun(fn, { ...run, intervalSeconds: tau });
  const budget: EventBudget = { maxEvents, events: 0, exhausted: false };
  const rows = intervalsSeconds.map((tau) => {
    let wall = 0, failures = 0;
    for (let i = 0; i < replicates; i++) {
      const r = simulate({ ...run, intervalSeconds: tau }, createRng(seed + i), maxEvents); // same streams for every τ
      wall += r.wallSeconds;
      failures += r.failures;
      budget.events += r.budget.events;
      budget.exhausted ||= r.budget.exhausted;
    }
    return { intervalSeconds: tau, meanWallSeconds: wall / replicates, meanFailures: failures / replicates };
  });
  let b = 0;
  rows.forEach((row, i) => { if (row.meanWallSeconds < rows[b].meanWallSeconds) b = i; });
  const refined = parabolaVertex(rows, b) ?? rows[b].intervalSeconds;
  return { rows, bestScannedSeconds: rows[b].intervalSeconds, bestIntervalSeconds: refined, budget };
}
