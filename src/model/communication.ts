/**
 * The communication wall (mission 01): how long collectives take in the α–β
 * model, where α is the per-message latency and β = 1/B the time per byte on
 * one link. Sizes are bytes, rates bytes per second, times seconds.
 */
import { requireInteger, requireNonNegative, requireOneOf, requirePositive } from "./errors";

/** Inputs of every all-reduce cost model. */
export interface AllReduceOptions {
  /** S, bytes reduced per participant (e.g. the gradient). Finite, >= 0. */
  messageBytes: number;
  /** n, participants; integer >= 1. */
  gpus: number;
  /** B, bytes per second on each participant's link. Finite, > 0. */
  linkBytesPerSecond: number;
  /** α, seconds per message step. Finite, >= 0; default 0. */
  latencySeconds?: number;
}

/** All-reduce algorithms with a cost model here. */
export const ALL_REDUCE_ALGORITHMS = ["ring", "tree", "recursive-doubling"] as const;
export type AllReduceAlgorithm = (typeof ALL_REDUCE_ALGORITHMS)[number];

function readAllReduce(fn: string, o: AllReduceOptions): { s: number; n: number; b: number; a: number } {
  const latencySeconds = o.latencySeconds ?? 0;
  requireNonNegative(fn, { messageBytes: o.messageBytes, latencySeconds });
  requireInteger(fn, { gpus: o.gpus }, 1);
  requirePositive(fn, { linkBytesPerSecond: o.linkBytesPerSecond });
  return { s: o.messageBytes, n: o.gpus, b: o.linkBytesPerSecond, a: latencySeconds };
}

/**
 * Time of a ring all-reduce (reduce-scatter then all-gather around a ring).
 *
 * Equation: T = 2(n−1)·α + 2(n−1)/n · S/B
 * Source:   figures.md §3 "Ring all-reduce (α–β)": bandwidth term confirmed by NVIDIA
 *           nccl-tests doc/PERFORMANCE.md (it is also the lower bound for any
 *           point-to-point algorithm); α term: Patarasuk & Yuan, JPDC 2009; Thakur,
 *           Rabenseifner & Gropp, IJHPCA 19(1), 2005 (wording unconfirmed).
 * Holds:    homogeneous links, no congestion, message large enough to pipeline.
 *
 * Worked example ★ (175B fp16 gradients): S = 350 GB, n = 1,024, α = 0
 *   B = 12.5 GB/s → 2·1023/1024 · 350e9 / 12.5e9 ≈ 55.95 s
 *   B = 50 GB/s → 13.99 s;  B = 450 GB/s → 1.554 s
 *
 * @param options `{ messageBytes, gpus, linkBytesPerSecond, latencySeconds? }`
 * @returns seconds; 0 for a single GPU
 * @throws ModelInputError if S or α is negative, n is not an integer >= 1, or B <= 0
 */
export function ringAllReduceTime(options: AllReduceOptions): number {
  const { s, n, b, a } = readAllReduce("ringAllReduceTime", options);
  return 2 * (n - 1) * a + ((2 * (n - 1)) / n) * (s / b);
}

/**
 * Time of a tree all-reduce (NCCL double binary tree): reduce up and broadcast
 * down a tree of depth ⌈log₂ n⌉, pipelined in chunks so the bandwidth term meets
 * the all-reduce bound.
 *
 * Equation: T = 2⌈log₂ n⌉·α + 2(n−1)/n · S/B
 * Source:   figures.md §3 "Tree (NCCL double binary tree)": latency ∝ log₂ n, bandwidth
 *           term as the bound (NVIDIA NCCL 2.4 blog, 2019; unconfirmed). The same cost
 *           is quoted for Rabenseifner's algorithm (Thakur et al. 2005).
 * Holds:    large messages, fully pipelined; small messages pay more per byte.
 *
 * Worked example: S = 350 GB, n = 1,024, B = 50 GB/s, α = 5 µs
 *   2·10·5e-6 + 13.99 s ≈ 13.99 s (ring: 2·1023·5e-6 + 13.99 ≈ 14.00 s); the tree
 *   wins only where latency matters: S = 1 MB → tree 1.4e-4 s, ring 1.03e-2 s.
 *
 * @param options `{ messageBytes, gpus, linkBytesPerSecond, latencySeconds? }`
 * @returns seconds; 0 for a single GPU
 * @throws ModelInputError if S or α is negative, n is not an integer >= 1, or B <= 0
 */
export function treeAllReduceTime(options: AllReduceOptions): number {
  const { s, n, b, a } = readAllReduce("treeAllReduceTime", options);
  return 2 * Math.ceil(Math.log2(n)) * a + ((2 * (n - 1)) / n) * (s / b);
}

/**
 * Time of a recursive-doubling all-reduce: ⌈log₂ n⌉ rounds, each exchanging the
 * whole message with a partner.
 *
 * Equation: T = ⌈log₂ n⌉ · (α + S/B)
 * Source:   figures.md §3 "Recursive doubling all-reduce" (Thakur, Rabenseifner & Gropp,
 *           IJHPCA 2005; wording unconfirmed).
 * Holds:    latency-bound (small) messages; it sends log₂ n full copies, so it loses
 *           to ring and tree for large S.
 *
 * Worked example: S = 1 MB, n = 1,024, B = 50 GB/s, α = 5 µs
 *   10 · (5e-6 + 2e-5) = 2.5e-4 s;  with S = 350 GB: 10 · (5e-6 + 7) ≈ 70.00005 s.
 *
 * @param options `{ messageBytes, gpus, linkBytesPerSecond, latencySeconds? }`
 * @returns seconds; 0 for a single GPU
 * @throws ModelInputError if S or α is negative, n is not an integer >= 1, or B <= 0
 */
export function recursiveDoublingAllReduceTime(options: AllReduceOptions): number {
  const { s, n, b, a } = readAllReduce("recursiveDoublingAllReduceTime", options);
  return Math.ceil(Math.log2(n)) * (a + s / b);
}

/**
 * Time of an all-reduce by algorithm name: the ring/tree toggle in mission 01.
 *
 * Equation: see `ringAllReduceTime`, `treeAllReduceTime`, `recursiveDoublingAllReduceTime`.
 * Source:   figures.md §3.
 * Holds:    as for the chosen algorithm.
 *
 * Worked example: allReduceTime("ring", { messageBytes: 350e9, gpus: 1024, linkBytesPerSecond: 50e9 }) ≈ 13.99 s
 *
 * @param algorithm "ring" | "tree" | "recursive-doubling"
 * @param options   `{ messageBytes, gpus, linkBytesPerSecond, latencySeconds? }`
 * @returns seconds
 * @throws ModelInputError on an unknown algorithm or bad options
 */
export function allReduceTime(algorithm: AllReduceAlgorithm, options: AllReduceOptions): number {
  switch (requireOneOf("allReduceTime", "algorithm", algorithm, ALL_REDUCE_ALGORITHMS)) {
    case "ring": return ringAllReduceTime(options);
    case "tree": return treeAllReduceTime(options);
    case "recursive-doubling": return recursiveDoublingAllReduceTime(options);
  }
}

/**
 * Communication intensity: bytes moved per floating-point operation.
 *
 * Equation: CI = bytes / FLOP
 * Source:   the network analogue of arithmetic intensity (roofline: Williams, Waterman
 *           & Patterson, CACM 52(4), 2009). Compare with the machine's network balance
 *           link B / peak FLOP/s: above it, the step is communication-bound.
 * Holds:    any workload; it is a ratio.
 *
 * Worked example: 699.3 GB moved for 1.025 PFLOP → 6.8 × 10⁻⁴ B/FLOP, vs an H100 on
 *   400 Gb/s: 50e9 / 989.4e12 = 5.1 × 10⁻⁵ B/FLOP → communication-bound.
 *
 * @param bytesMoved bytes sent per participant, finite and >= 0
 * @param flops      FLOPs computed per participant, finite and > 0
 * @returns bytes per FLOP
 * @throws ModelInputError if bytes are negative or FLOPs are not positive
 */
export function communicationIntensity(bytesMoved: number, flops: number): number {
  requireNonNegative("communicationIntensity", { bytesMoved });
  requirePositive("communicationIntensity", { flops });
  return bytesMoved / flops;
}

/**
 * Communication intensity of data-parallel training with a ring all-reduce per
 * step: each GPU sends 2(n−1)/n · S bytes while computing F/n FLOPs, so the ratio
 * grows almost linearly with n (mission 01's "CI ratio as you scale").
 *
 * Equation: CI(n) = [2(n−1)/n · S] / (F / n) = 2(n−1) · S / F
 * Source:   ring all-reduce traffic from nccl-tests doc/PERFORMANCE.md (figures.md §3).
 * Holds:    strong scaling (fixed global batch), one all-reduce of S bytes per step.
 *
 * Worked example: 175B model, S = 350 GB, F = 6 · 175e9 · 1e6 tokens = 1.05e18 FLOP,
 *   n = 1,024 → 2 · 1023 · 350e9 / 1.05e18 ≈ 6.82 × 10⁻⁴ B/FLOP.
 *
 * @param options `{ gradientBytes, gpus, flopsPerStep }`: S >= 0 bytes, n integer >= 1, F > 0 FLOPs for the global step
 * @returns bytes per FLOP per GPU
 * @throws ModelInputError on a negative size, a non-integer n or non-positive FLOPs
 */
export function dataParallelCommunicationIntensity(options: { gradientBytes: number; gpus: number; flopsPerStep: number }): number {
  const { gradientBytes, gpus, flopsPerStep } = options;
  requireNonNegative("dataParallelCommunicationIntensity", { gradientBytes });
  requireInteger("dataParallelCommunicationIntensity", { gpus }, 1);
  requirePositive("dataParallelCommunicationIntensity", { flopsPerStep });
  return communicationIntensity(((2 * (gpus - 1)) / gpus) * gradientBytes, flopsPerStep / gpus);
}
