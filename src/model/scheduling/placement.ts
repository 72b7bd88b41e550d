/**
 * Placement policies: which free GPUs a gang job gets. All k GPUs are chosen and
 * taken together or none are (gang semantics), and no policy scans every GPU:
 * they read FreeGpuIndex's buckets and per-rack counts.
 *
 *   random          k free GPUs uniformly at random (the scheduler ignores topology)
 *   best-fit        fewest leftover holes: the fullest node that fits, else whole
 *                   nodes first, then the tightest node for the rest (ignores racks)
 *   topology-aware  contiguous rail blocks: one node if k ≤ GPUs/node; else the
 *                   shortest run of ⌈k/g⌉ adjacent wholly free nodes inside one rack
 *                   (adjacent racks if the job is bigger than a rack). "strict" waits
 *                   for such a block; "loose" falls back to best-fit.
 */
import { FreeGpuIndex } from "./free-gpu-index";

export type PlacementPolicy = "random" | "best-fit" | "topology-aware";
export type LocalityConstraint = "strict" | "loose";
export const PLACEMENT_POLICIES: readonly PlacementPolicy[] = ["random", "best-fit", "topology-aware"];

/**
 * Places a gang of `count` GPUs for job `job` from the pools in `mask` and writes the
 * GPU ids to out[0..count). Returns true and takes the GPUs, or false and changes nothing.
 */
export function placeGang(
  index: FreeGpuIndex, policy: PlacementPolicy, locality: LocalityConstraint,
  job: number, count: number, mask: number, out: Int32Array, next: () => number,
): boolean {
  if (index.freeIn(mask) < count) return false;
  if (policy === "random") {
    index.pickRandom(mask, count, out, next);
    for (let i = 0; i < count; i++) index.take(out[i], job);
    return true;
  }
  if (policy === "topology-aware") {
    if (placeContiguous(index, job, count, mask, out)) return true;
    if (locality === "strict") return false;
  }
  placeBestFit(index, job, count, mask, out, 0);
  return true;
}

/**
 * Best-fit greedy: while the rest does not fit one node, take the node with the most free
 * GPUs whole; then the node with the fewest free GPUs that still fits the rest.
 * Needs freeIn(mask) ≥ count − filled. Returns the number written (count − filled).
 */
export function placeBestFit(index: FreeGpuIndex, job: number, count: number, mask: number, out: Int32Array, filled: number): number {
  const g = index.shape.gpusPerNode;
  let at = filled;
  while (at < count) {
    const need = count - at;
    let node = -1;
    for (let b = Math.min(need, g); b <= g && node < 0; b++) node = firstNode(index, mask, b);
    for (let b = g; b >= 1 && node < 0; b--) node = firstNode(index, mask, b);
    if (node < 0) break; // only if the caller broke the precondition
    at = takeFromNode(index, node, job, Math.min(need, index.nodeFree[node]), out, at);
  }
  return at - filled;
}

function firstNode(index: FreeGpuIndex, mask: number, b: number): number {
  for (let p = 0; p < index.pools; p++) {
    if (mask & (1 << p) && index.bucketSize(p, b) > 0) return index.bucketFirst(p, b);
  }
  return -1;
}

function takeFromNode(index: FreeGpuIndex, node: number, job: number, want: number, out: Int32Array, at: number): number {
  const g = index.shape.gpusPerNode;
  if (want === g && index.nodeFree[node] === g) return index.takeNode(node, job, out, at);
  for (let s = 0; s < g && want > 0; s++) {
    const gpu = node * g + s;
    if (index.owner[gpu] === -1) { index.take(gpu, job); out[at++] = gpu; want--; }
  }
  return at;
}

function isWhollyFree(index: FreeGpuIndex, node: number, mask: number): boolean {
  return index.nodeFree[node] === index.shape.gpusPerNode && (mask & (1 << index.nodePool[node])) !== 0;
}

/** Topology-aware block placement; false (nothing taken) when no block exists. */
function placeContiguous(index: FreeGpuIndex, job: number, count: number, mask: number, out: Int32Array): boolean {
  const { gpusPerNode: g, nodesPerRack, racks } = index.shape;
  if (count <= g) {
    let node = -1;
    for (let b = count; b <= g && node < 0; b++) node = firstNode(index, mask, b);
    if (node < 0) return false;
    takeFromNode(index, node, job, count, out, 0);
    return true;
  }
  const need = Math.ceil(count / g);
  let bestStart = -1, bestLen = Number.MAX_SAFE_INTEGER;
  if (need <= nodesPerRack) {
    for (let r = 0; r < racks; r++) {
      if (index.rackFullFree[r] < need) continue;
      const first = r * nodesPerRack;
      let runStart = -1;
      for (let n = first; n <= first + nodesPerRack; n++) {
        const free = n < first + nodesPerRack && isWhollyFree(index, n, mask);
        if (free && runStart < 0) runStart = n;
        if (!free && runStart >= 0) {
          const len = n - runStart;
          if (len >= need && len < bestLen) { bestLen = len; bestStart = runStart; }
          runStart = -1;
        }
      }
      if (bestLen === need) break; // an exact fit cannot be beaten
    }
  } else {
    let runStart = -1;
    for (let n = 0; n <= index.nodes; n++) {
      const free = n < index.nodes && isWhollyFree(index, n, mask);
      if (free && runStart < 0) runStart = n;
      if (!free && runStart >= 0) {
        const len = n - runStart;
        if (len >= need && len < bestLen) { bestLen = len; bestStart = runStart; }
        runStart = -1;
      }
    }
  }
  if (bestStart < 0) return false;
  let at = 0;
  for (let n = bestStart; at < count; n++) at = takeFromNode(index, n, job, Math.min(g, count - at), out, at);
  return true;
}
