/**
 * The reliability gap (mission 01, mission 07): how a fleet of individually
 * reliable nodes becomes unreliable. Failures are independent; where a rate is
 * used they are exponential (constant hazard), so MTBFs add as rates.
 * Times are in hours unless the parameter name says otherwise; any consistent
 * unit works because every formula is a ratio of times.
 */
import { ModelInputError, requireInteger, requireNonNegative, requirePositive, requireProbability } from "./errors";

/**
 * Probability that all N nodes are up at once.
 *
 * Equation: P_fleet = P_node^N, computed as exp(N · log1p(P_node − 1)) so that
 *           N up to 10⁷ and P_node within 10⁻¹² of 1 keep full precision.
 * Source:   figures.md §1.3 "Fleet reliability law" (standard; independent nodes).
 * Holds:    node states independent and identically available.
 *
 * Worked example (mission 01, "Three Nines"): P_node = 0.999
 *   N = 1,000  → 0.999^1000  = exp(1000 · ln 0.999)  ≈ 0.3677
 *   N = 10,000 → 0.999^10000 ≈ 4.52 × 10⁻⁵
 *
 * @param nodeAvailability P_node, probability in [0, 1]
 * @param nodes            N, finite and >= 0 (real values allowed for smooth plots)
 * @returns P_fleet in [0, 1]
 * @throws ModelInputError if P_node is outside [0, 1] or N is negative or not finite
 */
export function fleetAvailability(nodeAvailability: number, nodes: number): number {
  requireProbability("fleetAvailability", { nodeAvailability });
  requireNonNegative("fleetAvailability", { nodes });
  if (nodes === 0) return 1; // P^0 = 1, where 0 · ln 0 would be NaN
  // P_node = 0 needs no case of its own: ln 0 = −∞ and e^−∞ = 0.
  return Math.exp(nodes * Math.log1p(nodeAvailability - 1));
}

/**
 * Fleet MTBF: the mean time between failures anywhere in the fleet.
 *
 * Equation: MTBF_fleet = MTBF_node / N
 * Source:   figures.md §1.3 "Fleet MTBF" (standard; exponential, independent).
 * Holds:    exponential failures (rates add); independent nodes.
 *
 * Worked example (Llama 3, figures.md §1.1): 50,677 GPU-h per interruption on
 *   16,384 GPUs → 50,677 / 16,384 ≈ 3.09 h.
 *
 * @param nodeMtbfHours MTBF of one node in hours, finite and > 0
 * @param nodes         N, finite and > 0
 * @returns fleet MTBF in hours
 * @throws ModelInputError if an argument is not finite and positive
 */
export function fleetMtbf(nodeMtbfHours: number, nodes: number): number {
  requirePositive("fleetMtbf", { nodeMtbfHours, nodes });
  return nodeMtbfHours / nodes;
}

/** Inputs shared by the horizon formulas. */
export interface FleetHorizon {
  /** N, number of nodes (finite, >= 0). */
  nodes: number;
  /** MTBF of one node in hours (finite, > 0). */
  nodeMtbfHours: number;
  /** Length of the window in hours (finite, >= 0). */
  horizonHours: number;
}

function checkHorizon(fn: string, h: FleetHorizon): void {
  requireNonNegative(fn, { nodes: h.nodes, horizonHours: h.horizonHours });
  requirePositive(fn, { nodeMtbfHours: h.nodeMtbfHours });
}

/**
 * Expected number of failures in the fleet over a horizon.
 *
 * Equation: E[failures] = N · T / MTBF_node
 * Source:   Poisson process with rate N / MTBF_node (figures.md §1.3, standard).
 * Holds:    exponential failures, failed nodes replaced at once.
 *
 * Worked example (Llama 3): N = 16,384, MTBF_node = 50,677 h, T = 1,296 h
 *   → 16,384 · 1,296 / 50,677 ≈ 419 interruptions.
 *
 * @param horizon `{ nodes, nodeMtbfHours, horizonHours }`
 * @returns expected failures (dimensionless)
 * @throws ModelInputError if an argument is negative, not finite, or the MTBF is 0
 */
export function expectedFailures(horizon: FleetHorizon): number {
  checkHorizon("expectedFailures", horizon);
  return (horizon.nodes * horizon.horizonHours) / horizon.nodeMtbfHours;
}

/**
 * Probability that no node fails within the horizon.
 *
 * Equation: P(no failure in T) = exp(−N · T / MTBF_node)
 * Source:   zero events of a Poisson process (figures.md §1.3, standard).
 * Holds:    exponential, independent failures.
 *
 * Worked example (mission 01, Cloud Titan): N = 25,000, MTBF_node = 50,000 h,
 *   T = 24 h → exp(−12) ≈ 6.1 × 10⁻⁶: a failure-free day is effectively impossible.
 *
 * @param horizon `{ nodes, nodeMtbfHours, horizonHours }`
 * @returns probability in [0, 1]
 * @throws ModelInputError if an argument is negative, not finite, or the MTBF is 0
 */
export function probabilityNoFailure(horizon: FleetHorizon): number {
  checkHorizon("probabilityNoFailure", horizon);
  return Math.exp(-(horizon.nodes * horizon.horizonHours) / horizon.nodeMtbfHours);
}

/**
 * Expected failures per day across the fleet.
 *
 * Equation: failures/day = 24 · N / MTBF_node(h)
 * Source:   figures.md §1.3 (standard).
 * Holds:    exponential, independent failures.
 *
 * Worked example (Llama 3): 24 · 16,384 / 50,677 ≈ 7.76 per day (419 in 54 days).
 *
 * @param nodeMtbfHours MTBF of one node in hours, finite and > 0
 * @param nodes         N, finite and >= 0
 * @returns failures per day
 * @throws ModelInputError if the MTBF is not positive or N is negative
 */
export function failuresPerDay(nodeMtbfHours: number, nodes: number): number {
  requirePositive("failuresPerDay", { nodeMtbfHours });
  requireNonNegative("failuresPerDay", { nodes });
  return (24 * nodes) / nodeMtbfHours;
}

/**
 * Fleet MTBF observed in a run: the window divided by the interruption count.
 *
 * Equation: MTBF = window / interruptions
 * Source:   figures.md §1.1 (derived); Llama 3 paper §3.3.4.
 * Holds:    a stationary failure process over the window.
 *
 * Worked example (Llama 3): 1,296 h / 419 ≈ 3.09 h.
 *
 * @param windowHours   observation window in hours, finite and > 0
 * @param interruptions count of interruptions, integer >= 1
 * @returns MTBF in hours
 * @throws ModelInputError if the window is not positive or the count is not an integer >= 1
 */
export function observedMtbf(windowHours: number, interruptions: number): number {
  requirePositive("observedMtbf", { windowHours });
  requireInteger("observedMtbf", { interruptions }, 1);
  return windowHours / interruptions;
}

/**
 * Device-hours per interruption: the per-device MTBF implied by a fleet log.
 *
 * Equation: MTBF_device = devices · window / interruptions
 * Source:   figures.md §1.1 (derived from the Llama 3 paper).
 * Holds:    independent devices, each contributing equally to the failure rate.
 *
 * Worked example (Llama 3): 16,384 · 1,296 / 419 ≈ 50,677 GPU-h.
 *
 * @param options `{ devices, windowHours, interruptions }`; devices > 0, windowHours > 0, interruptions integer >= 1
 * @returns device-hours per interruption
 * @throws ModelInputError on a non-positive input or a non-integer count
 */
export function deviceHoursPerInterruption(options: { devices: number; windowHours: number; interruptions: number }): number {
  const { devices, windowHours, interruptions } = options;
  requirePositive("deviceHoursPerInterruption", { devices, windowHours });
  requireInteger("deviceHoursPerInterruption", { interruptions }, 1);
  return (devices * windowHours) / interruptions;
}

/**
 * Availability of k independent replicas, at least one of which must be up.
 *
 * Equation: A_k = 1 − (1 − A)^k, computed as −expm1(k · ln(1 − A)) for precision
 * Source:   figures.md §6 "Availability of k replicas" (derived).
 * Holds:    independent replica failures, instant failover.
 *
 * Worked example: A = 0.99, k = 3 → 1 − 0.01³ = 0.999999 ("six nines").
 *
 * @param availability A of one replica, probability in [0, 1]
 * @param replicas     k, integer >= 1
 * @returns A_k in [0, 1]
 * @throws ModelInputError if A is outside [0, 1] or k is not an integer >= 1
 */
export function replicatedAvailability(availability: number, replicas: number): number {
  requireProbability("replicatedAvailability", { availability });
  requireInteger("replicatedAvailability", { replicas }, 1);
  // A = 1 needs no case of its own: ln 0 = −∞ and −(e^−∞ − 1) = 1.
  return -Math.expm1(replicas * Math.log1p(-availability));
}

/**
 * Probability that a request through a chain of services violates its SLO when
 * any one service does.
 *
 * Equation: P(violation) = 1 − Π (1 − P_i)
 * Source:   figures.md §6 "SLO composition" (derived).
 * Holds:    independent violations; one violation anywhere violates the request.
 *
 * Worked example: 5 services each violating 1% → 1 − 0.99⁵ ≈ 4.90%.
 *
 * @param violationProbabilities P_i of each service, each in [0, 1]; at least one
 * @returns end-to-end violation probability in [0, 1]
 * @throws ModelInputError if the list is empty or a P_i is outside [0, 1]
 */
export function sloViolationProbability(violationProbabilities: readonly number[]): number {
  if (!Array.isArray(violationProbabilities) || violationProbabilities.length === 0) {
    throw new ModelInputError("sloViolationProbability", "violationProbabilities", "a non-empty array of probabilities", violationProbabilities);
  }
  let logAllMet = 0;
  violationProbabilities.forEach((p, i) => {
    requireProbability("sloViolationProbability", { [`violationProbabilities[${i}]`]: p });
    logAllMet += Math.log1p(-p);
  });
  return -Math.expm1(logAllMet);
}
