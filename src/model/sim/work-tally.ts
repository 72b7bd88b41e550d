/**
 * A running count of the steps the model's iterative routines take in this process:
 * simulated events (simulateCluster, simulateTrainingRun), Monte Carlo samples
 * (runSprt), fault-injection trials (injectFaults) and DRF's progressive-filling steps
 * (dominantResourceFairness).
 *
 * Why a process-wide count: a caller that does not know which routines some code calls
 * can still measure that code's work by reading the count before and after, by count
 * rather than by clock, so a work budget is checked deterministically. It is only ever
 * added to, and no model result reads it. It lives on globalThis so that a second copy of
 * this module (code bundled with its own copy of the model) adds to the same count.
 */
const KEY = Symbol.for("fleetlab.workTally");
type Holder = { [KEY]?: { steps: number } };
const tally = ((globalThis as Holder)[KEY] ??= { steps: 0 });

/** Adds `n` steps (called by the iterative routines above as they finish a run). */
export function tallyWork(n: number): void {
  tally.steps += n;
}

/** Steps taken so far in this process. */
export function workTally(): number {
  return tally.steps;
}
