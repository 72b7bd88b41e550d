/**
 * Closed-form queueing results used to check the cluster simulator and to
 * explain why a busy scheduler's queue explodes: mean waits grow like
 * ρ/(1−ρ) and with the variability of job lengths.
 */
import { ModelInputError, requireFinite, requireInteger, requireNonNegative, requirePositive } from "../errors";

/** Inputs of the M/G/1 mean-wait formula. */
export interface PollaczekKhinchineInput {
  /** Utilisation ρ = λ·E[S], in [0, 1). */
  utilization: number;
  /** Mean service time E[S] (any time unit; the result is in the same unit). */
  meanServiceTime: number;
  /** Coefficient of variation of service time C_s = σ_S / E[S] (1 = exponential, 0 = deterministic). */
  serviceCv: number;
}

/**
 * Mean time a job waits in queue (before service) in an M/G/1 queue.
 *
 * Equation: W_q = λ·E[S²] / (2(1−ρ)) = [ρ/(1−ρ)] · [(1 + C_s²)/2] · E[S],  ρ = λ·E[S]
 * Source:   Pollaczek–Khinchine mean-value formula; R. B. Cooper, *Introduction to
 *           Queueing Theory*, 2nd ed., 1981, p. 189 (figures.md §5).
 * Holds:    Poisson arrivals, one server, FCFS (any work-conserving non-preemptive order
 *           for the mean), independent service times, ρ < 1 (steady state).
 *
 * Worked example (figures.md §5 ★): ρ = 0.8, E[S] = 1 h
 *   C_s = 1: 0.8/0.2 · (1 + 1)/2  · 1 h = 4 h
 *   C_s = 3: 4 · (1 + 9)/2        · 1 h = 20 h
 *   C_s = 5: 4 · (1 + 25)/2       · 1 h = 52 h
 *   ρ = 0.9, C_s = 3: 9 · 5 = 45 h;  ρ = 0.5, C_s = 1: 1 h
 *
 * @returns W_q in the unit of meanServiceTime
 * @throws ModelInputError if utilization ∉ [0, 1), meanServiceTime ≤ 0 or serviceCv < 0
 */
export function pollaczekKhinchineWait(input: PollaczekKhinchineInput): number {
  const fn = "pollaczekKhinchineWait";
  const { utilization, meanServiceTime, serviceCv } = input;
  requireFinite(fn, { utilization });
  if (utilization < 0 || utilization >= 1) throw new ModelInputError(fn, "utilization", "in [0, 1) (a queue with ρ ≥ 1 never empties)", utilization);
  requirePositive(fn, { meanServiceTime });
  requireNonNegative(fn, { serviceCv });
  const rho = utilization;
  return (rho / (1 - rho)) * ((1 + serviceCv * serviceCv) / 2) * meanServiceTime;
}

/**
 * Mean number in a system from its arrival rate and mean time in system.
 *
 * Equation: L = λ · W
 * Source:   J. D. C. Little, "A proof for the queuing formula L = λW", Operations
 *           Research 9(3), 1961.
 * Holds:    any stable system in steady state (no distributional assumption).
 *
 * Worked example: 2 jobs/h arriving, 5 h mean time in system → L = 2 · 5 = 10 jobs.
 *
 * @param arrivalRate λ in jobs per unit time, ≥ 0
 * @param meanTimeInSystem W in the same time unit, ≥ 0
 * @returns L, the mean number of jobs present
 */
export function littlesLaw(arrivalRate: number, meanTimeInSystem: number): number {
  requireNonNegative("littlesLaw", { arrivalRate, meanTimeInSystem });
  return arrivalRate * meanTimeInSystem;
}

/** Inputs of the Erlang-C (M/M/c) formulas. */
export interface ErlangCInput {
  /** Number of identical servers c (GPUs for 1-GPU jobs). */
  servers: number;
  /** Arrival rate λ (jobs per unit time). */
  arrivalRate: number;
  /** Mean service time E[S] in the same time unit. */
  meanServiceTime: number;
}

/**
 * Probability that an arriving job must wait in an M/M/c queue (Erlang C).
 *
 * Equation: a = λE[S], ρ = a/c;  C(c, a) = [aᶜ/c! · 1/(1−ρ)] / [Σ_{k<c} aᵏ/k! + aᶜ/c! · 1/(1−ρ)]
 * Source:   A. K. Erlang (1917); L. Kleinrock, *Queueing Systems* Vol. 1, 1975, §3.5.
 * Holds:    Poisson arrivals, c servers, exponential service, FCFS, ρ < 1.
 *           Computed with the stable Erlang-B recursion B_k = a·B_{k−1}/(k + a·B_{k−1}).
 *
 * Worked example: c = 2, λ = 1/h, E[S] = 1 h → a = 1, ρ = 0.5,
 *   C = (1/2 · 2) / (1 + 1 + 1) = 1/3.
 *
 * @throws ModelInputError if servers is not a positive integer or ρ ≥ 1
 */
export function erlangC(input: ErlangCInput): number {
  const fn = "erlangC";
  const { servers, arrivalRate, meanServiceTime } = input;
  requireInteger(fn, { servers });
  requireNonNegative(fn, { arrivalRate });
  requirePositive(fn, { meanServiceTime });
  const a = arrivalRate * meanServiceTime;
  const rho = a / servers;
  if (rho >= 1) throw new ModelInputError(fn, "arrivalRate", `< servers / meanServiceTime = ${servers / meanServiceTime} (ρ < 1)`, arrivalRate);
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (a * b) / (k + a * b);
  return b / (1 - rho * (1 - b));
}

/**
 * Mean wait in queue of an M/M/c system.
 *
 * Equation: W_q = C(c, a) · E[S] / (c − a)
 * Source:   Kleinrock 1975, §3.5 (as erlangC).
 * Holds:    as erlangC. With c = 1 it equals pollaczekKhinchineWait with C_s = 1.
 *
 * Worked example: c = 2, λ = 1/h, E[S] = 1 h → W_q = (1/3) · 1 / (2 − 1) = 1/3 h = 20 min.
 */
export function erlangCWait(input: ErlangCInput): number {
  const c = erlangC(input);
  const a = input.arrivalRate * input.meanServiceTime;
  return (c * input.meanServiceTime) / (input.servers - a);
}
