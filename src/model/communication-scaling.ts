/**
 * Data-parallel scaling (mission 01, Parts 2–3): strong scaling of a fixed
 * global batch over N GPUs, where compute shrinks as 1/N and the gradient
 * all-reduce does not. Finds the critical node count where adding GPUs stops
 * paying, and compares synchronous with asynchronous SGD.
 */
import { allReduceTime, ALL_REDUCE_ALGORITHMS, type AllReduceAlgorithm } from "./communication";
import { expectedSlowestStepTime } from "./communication-stragglers";
import { requireInRange, requireInteger, requireNonNegative, requireOneOf, requirePositive } from "./errors";

/** A data-parallel job, independent of its GPU count. */
export interface DataParallelJob {
  /** C, seconds one GPU needs to compute the gradient of the global batch (> 0). */
  computeSeconds: number;
  /** S, gradient bytes all-reduced per synchronisation (>= 0). */
  gradientBytes: number;
  /** B, link bytes per second per GPU (> 0). */
  linkBytesPerSecond: number;
  /** α, seconds per message step (>= 0); default 0. */
  latencySeconds?: number;
  /** All-reduce algorithm; default "ring". */
  algorithm?: AllReduceAlgorithm;
  /** k, synchronise every k steps (local SGD); integer >= 1, default 1. */
  syncEverySteps?: number;
  /** φ, fraction of the per-GPU compute that can hide communication, in [0, 1]; default 0. */
  overlapFraction?: number;
}

/** Time budget of one data-parallel step. */
export interface DataParallelStep {
  /** Wall seconds per step. */
  stepSeconds: number;
  /** C / N: useful compute seconds per step. */
  computeSeconds: number;
  /** A(N): one all-reduce, seconds. */
  allReduceSeconds: number;
  /** Communication not hidden behind compute, seconds per step. */
  exposedCommunicationSeconds: number;
  /** (C / N) / step: the goodput fraction. */
  goodputFraction: number;
  /** C / step: throughput relative to one GPU. */
  speedup: number;
}

interface Job { c: number; s: number; b: number; a: number; alg: AllReduceAlgorithm; k: number; phi: number }

function readJob(fn: string, job: DataParallelJob): Job {
  const latencySeconds = job.latencySeconds ?? 0;
  const syncEverySteps = job.syncEverySteps ?? 1;
  const overlapFraction = job.overlapFraction ?? 0;
  requirePositive(fn, { computeSeconds: job.computeSeconds, linkBytesPerSecond: job.linkBytesPerSecond });
  requireNonNegative(fn, { gradientBytes: job.gradientBytes, latencySeconds });
  requireInteger(fn, { syncEverySteps }, 1);
  requireInRange(fn, { overlapFraction }, 0, 1);
  const alg = requireOneOf(fn, "algorithm", job.algorithm ?? "ring", ALL_REDUCE_ALGORITHMS);
  return { c: job.computeSeconds, s: job.gradientBytes, b: job.linkBytesPerSecond, a: latencySeconds, alg, k: syncEverySteps, phi: overlapFraction };
}

function step(j: Job, n: number): DataParallelStep {
  const compute = j.c / n;
  const allReduce = allReduceTime(j.alg, { messageBytes: j.s, gpus: n, linkBytesPerSecond: j.b, latencySeconds: j.a });
  const exposed = Math.max(0, allReduce / j.k - j.phi * compute);
  const stepSeconds = compute + exposed;
  return { stepSeconds, computeSeconds: compute, allReduceSeconds: allReduce, exposedCommunicationSeconds: exposed, goodputFraction: compute / stepSeconds, speedup: j.c / stepSeconds };
}

/**
 * Step time of data-parallel training on N GPUs.
 *
 * Equation: t(N) = C/N + max(0, A(N)/k − φ · C/N)
 *           A(N) = all-reduce time of S bytes (ring, tree or recursive doubling), one per k steps;
 *           φ = share of the compute that overlaps communication (backward-pass bucketing).
 * Source:   α–β all-reduce costs, figures.md §3; overlap as in PyTorch DDP (Li et al.,
 *           "PyTorch Distributed", VLDB 2020); periodic sync as local SGD (Stich, ICLR 2019).
 * Holds:    strong scaling (fixed global batch), homogeneous GPUs, no stragglers
 *           (see `expectedSlowestStepTime`); k > 1 changes convergence, not modelled here.
 *
 * Worked example (175B, mission 01): C = 1,000 s, S = 350 GB, B = 50 GB/s, α = 0, ring,
 *   N = 1,024: 0.977 s compute + 13.99 s all-reduce = 14.96 s per step; goodput 6.5%.
 *
 * @param job  `{ computeSeconds, gradientBytes, linkBytesPerSecond, latencySeconds?, algorithm?, syncEverySteps?, overlapFraction? }`
 * @param gpus N, integer >= 1
 * @returns the step's time budget
 * @throws ModelInputError on a bad job field or N
 */
export function dataParallelStepTime(job: DataParallelJob, gpus: number): DataParallelStep {
  const j = readJob("dataParallelStepTime", job);
  requireInteger("dataParallelStepTime", { gpus }, 1);
  return step(j, gpus);
}

/**
 * Goodput versus rawput: the FLOP/s the fleet is paid for against the FLOP/s that
 * advance training.
 *
 * Equation: rawput = N · peak;  goodput = rawput · (C/N) / t(N)
 * Source:   goodput as useful work per unit time (Qiao et al., "Pollux", OSDI 2021, uses
 *           the same split of system throughput and statistical efficiency).
 * Holds:    as `dataParallelStepTime`; peak is the achieved per-GPU compute rate.
 *
 * Worked example: the 175B job above with peak = 989.4 TFLOP/s (H100 BF16):
 *   rawput = 1,013 PFLOP/s, goodput ≈ 66 PFLOP/s (6.5%).
 *
 * @param job  as `dataParallelStepTime`
 * @param options `{ gpus, gpuFlopsPerSecond }`: N integer >= 1, peak FLOP/s > 0
 * @returns `{ rawputFlopsPerSecond, goodputFlopsPerSecond, goodputFraction }`
 * @throws ModelInputError on bad input
 */
export function dataParallelGoodput(job: DataParallelJob, options: { gpus: number; gpuFlopsPerSecond: number }): {
  rawputFlopsPerSecond: number; goodputFlopsPerSecond: number; goodputFraction: number;
} {
  const j = readJob("dataParallelGoodput", job);
  requireInteger("dataParallelGoodput", { gpus: options.gpus }, 1);
  requirePositive("dataParallelGoodput", { gpuFlopsPerSecond: options.gpuFlopsPerSecond });
  const { goodputFraction } = step(j, options.gpus);
  const rawput = options.gpus * options.gpuFlopsPerSecond;
  return { rawputFlopsPerSecond: rawput, goodputFlopsPerSecond: rawput * goodputFraction, goodputFraction };
}

/** The GPU count that maximises data-parallel throughput. */
export interface CriticalNodeCount {
  /** N*, integer >= 1, or Infinity when throughput rises without bound. */
  gpus: number;
  /** t(N*), seconds; when N* is Infinity, the limit as N grows (α = 0) or t at the optimum found beyond the range. */
  stepSeconds: number;
  /** C / t(N*). */
  speedup: number;
  /** "closed-form" (ring) or "piecewise-exact" (tree, recursive doubling). */
  method: "closed-form" | "piecewise-exact";
}

/** Largest power-of-two block searched for the log₂-based algorithms: N up to 2^52, within safe integers. */
const MAX_BLOCK = 52;

/**
 * Critical node count: the N beyond which adding GPUs lowers throughput (the
 * scaling inversion).
 *
 * Equation: minimise t(N) = C/N + max(0, A(N)/k − φC/N) over integers N >= 1.
 *   Ring, in x = 1/N: t = Cx + max(0, g(x)), g(x) = [2α(1/x − 1) + 2s(1 − x)]/k − φCx,
 *   s = S/B. g is convex, so t is convex in x and the minimum is at x = 1, at a root of
 *   g (quadratic (2s + φCk)x² − 2(s − α)x − 2α = 0), or where t' = 0 on g > 0:
 *   x* = √(2α / (k(C(1 − φ) − 2s/k))). No overlap, k = 1: N* = √((C − 2s)/(2α)).
 *   With α = 0, x = 0 (N unbounded) is a candidate too. The integer optimum is ⌊1/x⌋ or ⌈1/x⌉
 *   for the best candidate x.
 *   Tree and recursive doubling: ⌈log₂ N⌉ is constant on each block (2^{j−1}, 2^j], where
 *   t is piecewise linear in x, so each block's optimum is an end or the kink; blocks are
 *   scanned until their latency bound A/k exceeds the best step found.
 * Source:   derived here from the α–β costs of figures.md §3 (no grid search).
 * Holds:    as `dataParallelStepTime`. With α = 0 throughput may rise without bound → Infinity
 *           (also returned if the optimum lies beyond 2^52 GPUs for tree and recursive doubling,
 *           beyond 2^53 − 1, the largest safe integer, for the ring).
 *
 * Worked example (mission 01): C = 1,000 s, S = 350 GB, B = 50 GB/s, α = 1 ms, ring, k = 1:
 *   √((1000 − 14)/0.002) = √493,000 ≈ 702.1 → N* = 702, t ≈ 16.81 s, speedup ≈ 59.5.
 *   C = 1 s, S = 0, α = 1e-33 s: √(C/2α) ≈ 2.2e16 > 2^53 → Infinity, t = 2√(2Cα) ≈ 8.9e-17 s.
 *
 * @param job as `dataParallelStepTime`
 * @returns `{ gpus, stepSeconds, speedup, method }`
 * @throws ModelInputError on a bad job field
 */
export function criticalNodeCount(job: DataParallelJob): CriticalNodeCount {
  const j = readJob("criticalNodeCount", job);
  // With α = 0 the tree's cost equals the ring's (as does any algorithm's when S = 0 too),
  // so the ring's closed form applies, including its unbounded case.
  const ringEquivalent = j.alg === "ring" || (j.a === 0 && (j.alg === "tree" || j.s === 0));
  if (!ringEquivalent) return blockOptimum(j);
  const r = ringOptimum(j);
  return j.alg === "ring" ? r : { ...r, method: "piecewise-exact" };
}

function ringOptimum(j: Job): CriticalNodeCount {
  const s = j.s / j.b;
  const g = (x: number): number => (2 * j.a * (1 / x - 1) + 2 * s * (1 - x)) / j.k - j.phi * j.c * x;
  const t = (x: number): number => (x === 0 ? Math.max(0, (2 * s) / j.k) : j.c * x + Math.max(0, g(x)));
  // Candidates x = 1/N. None needs a cut at 1: past it t >= Cx >= C = t(1), and x = 1 comes first
  // (a NaN candidate never wins either).
  const xs: number[] = [1];
  // The root of g. The roots' product is qc/qa = −2α/qa <= 0, so only the larger can be positive,
  // and disc = qb² + 8α·qa >= 0 as qa = 2s + φCk >= 0. With qa = 0 (S = 0, φ = 0) g's only root is
  // x = 1 and the quotient is NaN or ±∞.
  const qa = 2 * s + j.phi * j.c * j.k, qb = -2 * (s - j.a), qc = -2 * j.a;
  const r = (-qb + Math.sqrt(qb * qb - 4 * qa * qc)) / (2 * qa);
  if (r > 0) xs.push(r);
  // With α = 0, x = 0: throughput may rise without bound.
  if (j.a === 0) xs.push(0);
  // x*, where t' = 0 on g > 0; it exists only if t rises with x there (slope > 0). With α = 0 it
  // repeats the 0 above, so it needs no `> 0` test.
  const slope = j.c * (1 - j.phi) - (2 * s) / j.k;
  if (slope > 0) xs.push(Math.sqrt((2 * j.a) / (j.k * slope)));
  let best = xs[0];
  for (const x of xs) if (t(x) < t(best) * (1 - 1e-12)) best = x;
  // best is in [0, 1], so N >= 1; beyond the safe integers (x = 0 included) N* is Infinity
  const nReal = 1 / best;
  const lo = Math.floor(nReal), hi = Math.ceil(nReal);
  if (hi > Number.MAX_SAFE_INTEGER) return { gpus: Infinity, stepSeconds: t(best), speedup: j.c / t(best), method: "closed-form" };
  const sLo = step(j, lo), sHi = step(j, hi);
  const pick = sHi.stepSeconds < sLo.stepSeconds ? { n: hi, st: sHi } : { n: lo, st: sLo };
  return { gpus: pick.n, stepSeconds: pick.st.stepSeconds, speedup: pick.st.speedup, method: "closed-form" };
}

function blockOptimum(j: Job): CriticalNodeCount {
  let bestN = 1;
  let bestT = step(j, 1).stepSeconds;
  const consider = (n: number): void => {
    const tn = step(j, n).stepSeconds;
    if (tn < bestT * (1 - 1e-12)) { bestN = n; bestT = tn; }
  };
  const s = j.s / j.b;
  for (let block = 1; block <= MAX_BLOCK; block++) {
    const lo = 2 ** (block - 1) + 1, hi = 2 ** block;
    // A is non-decreasing in N, so on this block t >= A(lo)/k + (1 − φ)C/hi, and the
    // bound only grows with later blocks: once it passes the best step, stop.
    const bound = step(j, lo).allReduceSeconds / j.k + ((1 - j.phi) * j.c) / hi;
    if (bound >= bestT) break;
    // the kink where A/k = φC/N, with A(N) = a0 − a1/N on this block
    const a0 = j.alg === "tree" ? 2 * block * j.a + 2 * s : block * (j.a + s);
    const a1 = j.alg === "tree" ? 2 * s : 0;
    const denom = a1 / j.k + j.phi * j.c;
    const candidates = [lo, hi];
    // N where g changes sign; with denom = 0 or a0 = 0 it is 0, NaN or ∞, which the range test drops
    const kink = denom / (a0 / j.k);
    for (const n of [Math.floor(kink), Math.ceil(kink)]) if (n >= lo && n <= hi) candidates.push(n);
    for (const n of candidates.sort((x, y) => x - y)) consider(n);
  }
  if (bestN === 2 ** MAX_BLOCK) return { gpus: Infinity, stepSeconds: bestT, speedup: j.c / bestT, method: "piecewise-exact" };
  return { gpus: bestN, stepSeconds: bestT, speedup: j.c / bestT, method: "piecewise-exact" };
}

/** Synchronous versus asynchronous SGD at one worker count. */
export interface SyncAsyncComparison {
  /** Gradients per second with a barrier each step (waits for the slowest worker). */
  syncGradientsPerSecond: number;
  /** Gradients per second with no barrier (each worker at its mean pace). */
  asyncGradientsPerSecond: number;
  /** Mean staleness τ of an asynchronous gradient, in updates: N − 1. */
  meanStaleness: number;
  /** Asynchronous gradients per second discounted by 1 / (1 + λτ). */
  asyncEffectiveGradientsPerSecond: number;
  /** asyncEffective / sync: > 1 means asynchronous training wins. */
  asyncAdvantage: number;
}

/**
 * Synchronous versus asynchronous SGD: throughput against a staleness penalty.
 *
 * Equation: sync  = N / (base + tail · H_N + comm)     (barrier waits for the slowest)
 *           async = N / (base + tail + comm)           (no barrier)
 *           τ = N − 1;  async_eff = async / (1 + λ · τ)
 * Source:   the sync/async error–runtime trade-off and the H_N barrier cost: Dutta, Joshi,
 *           Ghosh, Dube & Nagpurkar, "Slow and Stale Gradients Can Win the Race", AISTATS
 *           2018; staleness τ ≈ N − 1 and learning rates divided by staleness: Zhang, Gupta,
 *           Lian & Liu, "Staleness-aware Async-SGD for Distributed Deep Learning", IJCAI 2016.
 *           The 1/(1 + λτ) statistical-efficiency discount is FleetLab's teaching model
 *           (λ = 0: staleness is free; λ = 1: a gradient τ updates old is worth 1/(1 + τ)).
 * Holds:    round-robin workers of equal mean speed, shifted-exponential step times.
 *
 * Worked example: N = 64, base = 1 s, tail = 0.2 s, comm = 0.1 s, λ = 0.01
 *   sync = 64 / (1.1 + 0.2 · 4.7439) = 31.24 /s; async = 64 / 1.3 = 49.23 /s;
 *   τ = 63 → async_eff = 49.23 / 1.63 = 30.20 /s → advantage 0.967 (sync wins).
 *
 * @param options `{ workers, baseSeconds, tailMeanSeconds, communicationSeconds, stalenessPenalty }`:
 *   N integer >= 1; times in seconds >= 0 with base + tail + comm > 0; λ >= 0 (per update of staleness)
 * @returns the comparison
 * @throws ModelInputError on bad input
 */
export function syncVsAsyncSgd(options: {
  workers: number; baseSeconds: number; tailMeanSeconds: number; communicationSeconds: number; stalenessPenalty: number;
}): SyncAsyncComparison {
  const fn = "syncVsAsyncSgd";
  const { workers, baseSeconds, tailMeanSeconds, communicationSeconds, stalenessPenalty } = options;
  requireInteger(fn, { workers }, 1);
  requireNonNegative(fn, { baseSeconds, tailMeanSeconds, communicationSeconds, stalenessPenalty });
  requirePositive(fn, { "baseSeconds + tailMeanSeconds + communicationSeconds": baseSeconds + tailMeanSeconds + communicationSeconds });
  const syncRound = expectedSlowestStepTime({ workers, baseSeconds, tailMeanSeconds }) + communicationSeconds;
  const sync = workers / syncRound;
  const asyncRate = workers / (baseSeconds + tailMeanSeconds + communicationSeconds);
  const meanStaleness = workers - 1;
  const eff = asyncRate / (1 + stalenessPenalty * meanStaleness);
  return { syncGradientsPerSecond: sync, asyncGradientsPerSecond: asyncRate, meanStaleness, asyncEffectiveGradientsPerSecond: eff, asyncAdvantage: eff / sync };
}
