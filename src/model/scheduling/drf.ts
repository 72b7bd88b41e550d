/**
 * Dominant Resource Fairness: how a multi-tenant scheduler shares several
 * resource types (GPUs, CPUs, memory) when tenants want them in different ratios.
 */
import { ModelInputError, requireInteger, requireNonNegative, requirePositive } from "../errors";
import { readMaxEvents, type EventBudget } from "../sim/event-budget";
import { tallyWork } from "../sim/work-tally";

/** Inputs of dominantResourceFairness. */
export interface DrfInput {
  /** Total amount of each resource, e.g. [9 CPUs, 18 GB]. Each > 0. */
  capacity: readonly number[];
  /** Per-task demand vector of each user, same length as capacity; each ≥ 0, not all zero. */
  demands: readonly (readonly number[])[];
  /** Optional cap on tasks per user (default: unlimited demand). */
  maxTasks?: readonly number[];
  /** Most tasks to grant in all, one filling step each (default DEFAULT_MAX_EVENTS): demands tiny
   *  against the capacity would otherwise take billions of steps. */
  maxEvents?: number;
}

/** Result of dominantResourceFairness. */
export interface DrfAllocation {
  /** Tasks granted to each user. */
  tasks: number[];
  /** Resources held by each user: tasks · demand. */
  allocation: number[][];
  /** Dominant share of each user: max_r allocation[r] / capacity[r]. */
  dominantShares: number[];
  /** Index of each user's dominant resource. */
  dominantResource: number[];
  /** Resources left unallocated. */
  remaining: number[];
  /** One event per task granted; when `exhausted`, filling stopped at maxEvents with tasks still fitting. */
  budget: EventBudget;
}

/**
 * Allocates tasks to users by Dominant Resource Fairness using progressive filling:
 * repeatedly give one task to the user with the lowest dominant share whose next task
 * still fits, until no user's task fits.
 *
 * Equation: s_i = max_r (u_{i,r} / R_r);  DRF = max-min fairness on s_i
 * Source:   A. Ghodsi, M. Zaharia, B. Hindman, A. Konwinski, S. Shenker, I. Stoica,
 *           "Dominant Resource Fairness: Fair Allocation of Multiple Resource Types",
 *           NSDI 2011 (figures.md §5). Properties: sharing incentive, strategy-proofness,
 *           envy-freeness, Pareto efficiency.
 * Holds:    divisible pool, tasks of fixed demand; ties go to the lower user index.
 *           Cost O(T · n) for T tasks granted and n users; T ≤ input.maxEvents.
 *
 * Worked example (figures.md §5 ★): 9 CPUs, 18 GB; A ⟨1 CPU, 4 GB⟩, B ⟨3 CPU, 1 GB⟩
 *   A: 3 tasks ⟨3, 12⟩, share max(3/9, 12/18) = 2/3 (memory dominant)
 *   B: 2 tasks ⟨6, 2⟩,  share max(6/9, 2/18)  = 2/3 (CPU dominant)
 *
 * @throws ModelInputError naming capacity, demands, maxTasks or maxEvents if malformed
 */
export function dominantResourceFairness(input: DrfInput): DrfAllocation {
  const fn = "dominantResourceFairness";
  const { maxTasks } = input;
  if (!Array.isArray(input.capacity) || input.capacity.length === 0) throw new ModelInputError(fn, "capacity", "a non-empty array", input.capacity);
  const capacity: readonly number[] = input.capacity;
  capacity.forEach((c, r) => requirePositive(fn, { [`capacity[${r}]`]: c }));
  if (!Array.isArray(input.demands) || input.demands.length === 0) throw new ModelInputError(fn, "demands", "a non-empty array", input.demands);
  const demands: readonly (readonly number[])[] = input.demands;
  demands.forEach((d: readonly number[], i) => {
    if (!Array.isArray(d) || d.length !== capacity.length) {
      throw new ModelInputError(fn, `demands[${i}]`, `an array of ${capacity.length} numbers`, d);
    }
    d.forEach((x, r) => requireNonNegative(fn, { [`demands[${i}][${r}]`]: x }));
    if (d.every((x) => x === 0)) throw new ModelInputError(fn, `demands[${i}]`, "non-zero in at least one resource", "all zeros");
  });
  if (maxTasks !== undefined) {
    if (!Array.isArray(maxTasks) || maxTasks.length !== demands.length) {
      throw new ModelInputError(fn, "maxTasks", `an array of ${demands.length} integers`, maxTasks);
    }
    maxTasks.forEach((m, i) => requireInteger(fn, { [`maxTasks[${i}]`]: m }, 0));
  }
  const maxEvents = readMaxEvents(fn, input.maxEvents);

  const users = demands.length;
  const resources = capacity.length;
  const used = new Array<number>(resources).fill(0);
  const tasks = new Array<number>(users).fill(0);
  const shares = new Array<number>(users).fill(0);
  const fits = (i: number): boolean =>
    (maxTasks === undefined || tasks[i] < maxTasks[i]) &&
    demands[i].every((d, r) => used[r] + d <= capacity[r] * (1 + 1e-12));

  let granted = 0, exhausted = false;
  for (;;) {
    let pick = -1;
    for (let i = 0; i < users; i++) {
      if (!fits(i)) continue;
      if (pick < 0 || shares[i] < shares[pick] - 1e-15) pick = i;
    }
    if (pick < 0) break;
    if (granted === maxEvents) { exhausted = true; break; }
    granted++;
    tasks[pick]++;
    demands[pick].forEach((d, r) => (used[r] += d));
    shares[pick] = dominantShare(demands[pick].map((d) => d * tasks[pick]), capacity);
  }

  tallyWork(granted);
  const allocation = demands.map((d, i) => d.map((x) => x * tasks[i]));
  return {
    tasks,
    allocation,
    dominantShares: allocation.map((a) => dominantShare(a, capacity)),
    dominantResource: allocation.map((a, i) => argMaxShare(demands[i], capacity)),
    remaining: capacity.map((c, r) => c - used[r]),
    budget: { maxEvents, events: granted, exhausted },
  };
}

/**
 * Dominant share of one user's holdings.
 *
 * Equation: s = max_r (u_r / R_r)
 * Source:   Ghodsi et al., NSDI 2011 (as dominantResourceFairness).
 * Worked example: ⟨3 CPU, 12 GB⟩ of ⟨9, 18⟩ → max(1/3, 2/3) = 2/3.
 */
export function dominantShare(holdings: readonly number[], capacity: readonly number[]): number {
  let s = 0;
  for (let r = 0; r < capacity.length; r++) s = Math.max(s, holdings[r] / capacity[r]);
  return s;
}

function argMaxShare(demand: readonly number[], capacity: readonly number[]): number {
  let best = 0;
  for (let r = 1; r < capacity.length; r++) if (demand[r] / capacity[r] > demand[best] / capacity[best]) best = r;
  return best;
}
