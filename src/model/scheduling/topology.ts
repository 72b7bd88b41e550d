/**
 * Cluster topology for the scheduler: racks × nodes × GPUs behind a two-level
 * fat tree, the switch hops between two GPUs, and what those hops cost a
 * job's all-reduce. GPU ids are rack-major: gpu = (rack · nodesPerRack + node) · gpusPerNode + slot.
 */
import { requireInteger, requireNonNegative, requirePositive } from "../errors";
import { INFINIBAND_NDR, NVLINK4 } from "../catalog/fabrics";
import { sourced, type Sourced } from "../provenance";

/** Shape of the cluster. */
export interface ClusterShape {
  racks: number;
  nodesPerRack: number;
  gpusPerNode: number;
}

/** Switch hops between GPUs on the same node (NVLink/NVSwitch inside the node). */
export const HOPS_SAME_NODE = 0;
/** Switch hops between nodes in one rack: GPU → top-of-rack (leaf) switch → GPU. */
export const HOPS_SAME_RACK = 1;
/** Switch hops between racks: leaf → spine → leaf. */
export const HOPS_CROSS_RACK = 3;

/**
 * Switch hops between two GPUs: 0 on one node, 1 within a rack (ToR), 3 across racks (spine).
 *
 * Source: two-tier leaf–spine (folded Clos) fabric; a packet between leaves crosses
 *         leaf, spine, leaf. Rail-optimised fabrics keep same-rank GPUs on one leaf.
 * Worked example: 4 nodes/rack, 8 GPUs/node: GPU 0 vs 7 → 0; 0 vs 8 → 1; 0 vs 32 → 3.
 */
export function switchHops(shape: ClusterShape, gpuA: number, gpuB: number): number {
  const nodeA = Math.floor(gpuA / shape.gpusPerNode);
  const nodeB = Math.floor(gpuB / shape.gpusPerNode);
  if (nodeA === nodeB) return HOPS_SAME_NODE;
  if (Math.floor(nodeA / shape.nodesPerRack) === Math.floor(nodeB / shape.nodesPerRack)) return HOPS_SAME_RACK;
  return HOPS_CROSS_RACK;
}

/** Hop profile of one job's ring over its GPUs. */
export interface RingHops {
  /** Sum of switch hops around the ring (GPUs in id order, closing back to the first). */
  totalHops: number;
  /** Largest hop count on any ring link: the slowest tier the ring crosses. */
  maxHops: number;
  /** Ring links that cross racks (through the spine). */
  crossRackLinks: number;
}

/**
 * Hop profile of a ring all-reduce laid over the given GPUs in ascending id order
 * (the order NCCL-style topology detection would pick for a rack-major numbering).
 *
 * Worked example: 4 nodes/rack, 8 GPUs/node, GPUs {0, 1, 8, 40}: links 0→1 (0), 1→8 (1),
 *   8→40 (3), 40→0 (3) → totalHops 7, maxHops 3, crossRackLinks 2.
 *
 * @param gpus GPU ids; sorted in place (pass a scratch copy if order matters)
 */
export function ringHops(shape: ClusterShape, gpus: Int32Array | number[], count = gpus.length): RingHops {
  sortPrefix(gpus, count);
  let totalHops = 0, maxHops = 0, crossRackLinks = 0;
  for (let i = 0; i < count; i++) {
    const h = switchHops(shape, gpus[i], gpus[(i + 1) % count]);
    totalHops += h;
    if (h > maxHops) maxHops = h;
    if (h === HOPS_CROSS_RACK) crossRackLinks++;
  }
  return { totalHops, maxHops, crossRackLinks };
}

function sortPrefix(a: Int32Array | number[], n: number): void {
  const head = a.slice(0, n).sort((x, y) => x - y);
  for (let i = 0; i < n; i++) a[i] = head[i];
}

/** α–β parameters of the fabric as seen by one data-parallel training step. */
export interface NetworkModel {
  /** Fixed per-message software latency α₀ in seconds. */
  baseLatencySeconds: number;
  /** Extra latency per switch hop in seconds. */
  perHopLatencySeconds: number;
  /** Per-GPU bandwidth inside a node (NVLink), bytes/s. */
  nodeBytesPerSecond: number;
  /** Per-GPU bandwidth through the rack's leaf switch, bytes/s. */
  rackBytesPerSecond: number;
  /** Per-GPU bandwidth across the spine (after oversubscription), bytes/s. */
  spineBytesPerSecond: number;
  /** Gradient bytes all-reduced per training step. */
  gradientBytes: number;
  /** Compute time of one step, seconds (communication is not overlapped). */
  stepComputeSeconds: number;
}

const TEACHING = "2026-11-22";

/**
 * Teaching defaults for NetworkModel, each with its source. Tiers: NVLink 4 one way,
 * InfiniBand NDR through the leaf, NDR behind a 4:1 oversubscribed spine.
 */
export const DEFAULT_NETWORK: { readonly [K in keyof NetworkModel]: Sourced<number> } = {
  baseLatencySeconds: sourced(5e-6, "s", {
    kind: "illustrative", ref: "mlsysim teaching default for NDR (figures.md §3)", status: "unconfirmed", verified: TEACHING,
    notes: "RDMA end-to-end latency is quoted < 1 µs port-to-port; 5 µs includes the collective library's software path",
  }),
  perHopLatencySeconds: sourced(0.6e-6, "s", {
    kind: "illustrative", ref: "mlsysim teaching default, 0.6 µs per hop (figures.md §3)", status: "unconfirmed", verified: TEACHING,
    notes: "Cut-through IB switches quote 100s of ns; rounded up to include cables and queueing",
  }),
  // One definition per constant: the link speeds are the catalog's fabrics.
  nodeBytesPerSecond: NVLINK4.bytesPerSecond,
  rackBytesPerSecond: INFINIBAND_NDR.bytesPerSecond,
  spineBytesPerSecond: sourced(INFINIBAND_NDR.bytesPerSecond.value / 4, "B/s", {
    kind: "illustrative", ref: "NDR 50 GB/s behind a 4:1 oversubscribed spine", status: "derived", verified: TEACHING,
    notes: "Oversubscription of 4:1 is a common cost-saving spine design; slider-worthy, not a measured figure",
  }),
  gradientBytes: sourced(1e9, "B", {
    kind: "illustrative", ref: "0.5 B-parameter model, fp16 gradients", status: "derived", verified: TEACHING,
    notes: "5e8 params × 2 B; large enough that the bandwidth term dominates, as in real data-parallel steps",
  }),
  stepComputeSeconds: sourced(0.3, "s", {
    kind: "illustrative", ref: "forward + backward time of one step", status: "derived", verified: TEACHING,
    notes: "Chosen so an 8-GPU job on one node loses ~1% to communication and a cross-rack job ~1/3",
  }),
};

/** The plain-number network defaults (values of DEFAULT_NETWORK). */
export function defaultNetwork(): NetworkModel {
  const out = {} as NetworkModel;
  for (const key of Object.keys(DEFAULT_NETWORK) as (keyof NetworkModel)[]) out[key] = DEFAULT_NETWORK[key].value;
  return out;
}

/**
 * Ring all-reduce time of one step when the ring's slowest link crosses maxHops switches.
 *
 * Equation: T = 2(n−1)·(α₀ + h·α_hop) + 2(n−1)/n · S / B(h),
 *           B(0) = NVLink, B(1) = leaf, B(3) = spine
 * Source:   α–β ring model (Patarasuk & Yuan, JPDC 2009; Thakur, Rabenseifner & Gropp,
 *           IJHPCA 2005); bandwidth term confirmed by NCCL nccl-tests PERFORMANCE.md (figures.md §3).
 * Holds:    bandwidth-optimal ring, the ring runs at its slowest link, no overlap with compute.
 *
 * Worked example (defaults, S = 1 GB, n = 16):
 *   one rack (h = 1):  2·15·5.6 µs + 2·15/16 · 1e9/50e9   ≈ 0.17 ms + 37.5 ms ≈ 37.7 ms
 *   across racks (h = 3): 2·15·6.8 µs + 2·15/16 · 1e9/12.5e9 ≈ 0.20 ms + 150 ms ≈ 150.2 ms
 */
export function hopAllReduceSeconds(gpus: number, maxHops: number, net: NetworkModel): number {
  requireInteger("hopAllReduceSeconds", { gpus });
  requireNonNegative("hopAllReduceSeconds", { maxHops });
  return allReduceSecondsUnchecked(gpus, maxHops, net);
}

/** hopAllReduceSeconds without argument checks, for the simulator's inner loop. */
export function allReduceSecondsUnchecked(gpus: number, maxHops: number, net: NetworkModel): number {
  if (gpus <= 1) return 0;
  const bandwidth = maxHops === 0 ? net.nodeBytesPerSecond : maxHops <= HOPS_SAME_RACK ? net.rackBytesPerSecond : net.spineBytesPerSecond;
  const steps = 2 * (gpus - 1);
  return steps * (net.baseLatencySeconds + maxHops * net.perHopLatencySeconds) + (steps / gpus) * (net.gradientBytes / bandwidth);
}

/**
 * Useful-compute fraction of a data-parallel step after its all-reduce: the part of
 * model FLOPs utilisation (MFU) that placement controls.
 *
 * Equation: η = t_compute / (t_compute + T_allreduce)
 * Holds:    communication not overlapped with compute (a pessimistic teaching bound).
 * Worked example (defaults): n = 16 in one rack: 0.3/(0.3 + 0.0377) ≈ 0.888;
 *   across racks: 0.3/(0.3 + 0.1502) ≈ 0.666.
 */
export function communicationEfficiency(gpus: number, maxHops: number, net: NetworkModel): number {
  requirePositive("communicationEfficiency", { stepComputeSeconds: net.stepComputeSeconds });
  return net.stepComputeSeconds / (net.stepComputeSeconds + hopAllReduceSeconds(gpus, maxHops, net));
}
