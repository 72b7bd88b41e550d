/**
 * Summary statistics for simulator outputs: wait-time distributions and the
 * fragmentation of free capacity.
 */
import { ModelInputError, requireInteger } from "../errors";
import type { LocalityConstraint, PlacementPolicy } from "./placement";
import type { ClusterShape } from "./topology";

/** Distribution summary of a set of times, in hours. */
export interface WaitStats {
  count: number;
  meanHours: number;
  p50Hours: number;
  p95Hours: number;
  p99Hours: number;
  maxHours: number;
}

/**
 * Percentile of a sorted sample by linear interpolation between order statistics
 * (Hyndman & Fan type 7, the default of R and NumPy).
 *
 * Equation: h = (n−1)·q;  x_q = x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋)
 * Source:   R. J. Hyndman, Y. Fan, "Sample quantiles in statistical packages",
 *           The American Statistician 50(4), 1996.
 * Worked example: [1, 2, 3, 4], q = 0.5 → h = 1.5 → 2.5.  Cost O(1) on sorted input.
 */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new ModelInputError("percentileSorted", "sorted", "non-empty", 0);
  if (!(q >= 0 && q <= 1)) throw new ModelInputError("percentileSorted", "q", "in [0, 1]", q);
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Mean, p50, p95, p99 and max of the given hours (zeros when the sample is empty). Sorts a copy. */
export function waitStats(hours: ArrayLike<number>): WaitStats {
  const sorted = Float64Array.from(hours).sort();
  const n = sorted.length;
  if (n === 0) return { count: 0, meanHours: 0, p50Hours: 0, p95Hours: 0, p99Hours: 0, maxHours: 0 };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  return {
    count: n,
    meanHours: sum / n,
    p50Hours: percentileSorted(sorted, 0.5),
    p95Hours: percentileSorted(sorted, 0.95),
    p99Hours: percentileSorted(sorted, 0.99),
    maxHours: sorted[n - 1],
  };
}

/** Free capacity that a job of a given size can and cannot use. */
export interface FragmentationResult {
  jobGpus: number;
  freeGpus: number;
  /** Free GPUs that could form part of a placement of a jobGpus-GPU job under the policy. */
  usableGpus: number;
  unusableGpus: number;
  /** unusableGpus / freeGpus (0 when nothing is free). */
  unusableFraction: number;
}

/**
 * Fragmentation from per-node free counts (node ids rack-major): free GPUs that a
 * k-GPU gang job cannot use under the policy.
 *   random, best-fit, or topology-aware "loose": any k free GPUs will do, so all free GPUs are
 *     usable when at least k are free and none otherwise;
 *   topology-aware "strict", k ≤ g: only nodes with ≥ k free GPUs count;
 *   topology-aware "strict", k > g: only wholly free nodes in runs of ≥ ⌈k/g⌉ adjacent nodes
 *     inside one rack (adjacent racks when ⌈k/g⌉ exceeds a rack) count.
 *
 * Worked example: 1 rack of 4 nodes × 8 GPUs with free counts [2, 8, 3, 8], k = 8, strict:
 *   free 21, usable 16 (the two free nodes), unusable 5 → fraction 5/21 ≈ 0.238;
 *   with random placement all 21 are usable.
 */
export function fragmentationFromNodes(
  nodeFree: ArrayLike<number>, shape: ClusterShape, jobGpus: number,
  policy: PlacementPolicy, locality: LocalityConstraint = "strict",
): FragmentationResult {
  requireInteger("fragmentation", { jobGpus });
  const g = shape.gpusPerNode;
  const nodes = shape.racks * shape.nodesPerRack;
  let free = 0;
  for (let n = 0; n < nodes; n++) free += nodeFree[n];
  let usable = 0;
  if (policy !== "topology-aware" || locality !== "strict") {
    usable = free >= jobGpus ? free : 0;
  } else if (jobGpus <= g) {
    for (let n = 0; n < nodes; n++) if (nodeFree[n] >= jobGpus) usable += nodeFree[n];
  } else {
    const need = Math.ceil(jobGpus / g);
    const span = need <= shape.nodesPerRack ? shape.nodesPerRack : nodes;
    for (let first = 0; first < nodes; first += span) {
      let run = 0;
      for (let n = first; n <= first + span; n++) {
        if (n < first + span && nodeFree[n] === g) { run++; continue; }
        if (run >= need) usable += run * g;
        run = 0;
      }
    }
  }
  return { jobGpus, freeGpus: free, usableGpus: usable, unusableGpus: free - usable, unusableFraction: free > 0 ? (free - usable) / free : 0 };
}

/**
 * Fragmentation of an occupancy grid (rack × slot, slot = node·g + GPU; value −1 = free,
 * anything else busy or down), as returned in ClusterReport.snapshot.grid.
 * See fragmentationFromNodes for the rules and a worked example.
 */
export function fragmentation(
  grid: readonly (readonly number[])[], shape: ClusterShape, jobGpus: number,
  policy: PlacementPolicy, locality: LocalityConstraint = "strict",
): FragmentationResult {
  const fn = "fragmentation";
  requireInteger(fn, { racks: shape.racks, nodesPerRack: shape.nodesPerRack, gpusPerNode: shape.gpusPerNode });
  if (!Array.isArray(grid) || grid.length !== shape.racks) throw new ModelInputError(fn, "grid", `an array of ${shape.racks} racks`, grid);
  const slots = shape.nodesPerRack * shape.gpusPerNode;
  const nodeFree = new Int32Array(shape.racks * shape.nodesPerRack);
  grid.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== slots) throw new ModelInputError(fn, `grid[${r}]`, `an array of ${slots} slots`, row);
    row.forEach((v, s) => { if (v === -1) nodeFree[r * shape.nodesPerRack + Math.floor(s / shape.gpusPerNode)]++; });
  });
  return fragmentationFromNodes(nodeFree, shape, jobGpus, policy, locality);
}
