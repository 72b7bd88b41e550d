/**
 * A running count of the steps the model's iterative routines take in this process:
 * simulated events (simulateCluster, simulateTrainingRun), Monte Carlo samples
 * (runSprt) and fault-injection trials (injectFaults).
 *
 * Why a process-wide count: a caller that does not know which routines a piece of code
 * calls (a mission instrument, say) can still measure that code's work by reading the
 * count before and after, by count rather than by clock, so a work budget is checked
 * deterministically. It is only ever added to, and no model result reads it.
 */
let steps = 0;

/** Adds `n` steps (called by the iterative routines above as they finish a run). */
export function tallyWork(n: number): void {
  steps += n;
}

/** Steps taken so far in this process. */
export function workTally(): number {
  return steps;
}
