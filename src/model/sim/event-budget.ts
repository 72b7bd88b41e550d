/**
 * Event budgets of the model's simulators. A simulation whose length depends on its
 * dynamics (jobs that keep being preempted, a run that keeps failing) is given a most
 * number of events; at that count it stops and says so in its result instead of running
 * on, so no input can make it run without bound. Counting events, not seconds, keeps a
 * stopped run deterministic: the same input stops at the same event on every machine.
 */
import { requireInteger } from "../errors";

/** Budget of a simulation when the caller gives none: generous, about ten seconds of simulateCluster. */
export const DEFAULT_MAX_EVENTS = 10_000_000;

/** How a simulation used its event budget. */
export interface EventBudget {
  /** The most events the run was allowed. */
  maxEvents: number;
  /** Events it processed. */
  events: number;
  /** True when it stopped at maxEvents before finishing: its figures cover only the part it simulated. */
  exhausted: boolean;
}

/** A result was asked for as finished, but its simulation stopped at its event budget. */
export class SimulationBudgetError extends Error {
  constructor(readonly fn: string, readonly budget: EventBudget, readonly detail: string) {
    super(`simulation stopped at its budget of ${budget.maxEvents.toLocaleString("en-US")} events: ${detail}`);
    this.name = "SimulationBudgetError";
  }
}

/** The budget option of `fn`: an integer >= 1, or DEFAULT_MAX_EVENTS when absent. */
export function readMaxEvents(fn: string, maxEvents: number | undefined, parameter = "maxEvents"): number {
  const value = maxEvents ?? DEFAULT_MAX_EVENTS;
  requireInteger(fn, { [parameter]: value }, 1);
  return value;
}
