/**
 * How to write a checkpoint (mission 07, Part 2): how big it is, how long the
 * math stops, how long the background drain takes, and what happens when
 * thousands of writers hit shared storage at once. Bytes, bytes per second, seconds.
 */
import { requireInteger, requireNonNegative, requireOneOf, requirePositive } from "./errors";

/**
 * Checkpoint size from the parameter count and bytes stored per parameter.
 *
 * Equation: bytes = P · b
 *           b = 2 (bf16 weights), 14 (Adam state without gradients: 2 + 4 + 4 + 4),
 *           16 (mixed-precision Adam with fp16 gradients, ZeRO's K = 12 plus 2 + 2)
 * Source:   Rajbhandari et al., "ZeRO", SC 2020 (16 B/param); figures.md §2 (14 B/param derived).
 * Holds:    dense models; excludes data-loader and RNG state (kilobytes to megabytes).
 *
 * Worked example ★ (Llama-3-70B, P = 70,553,706,496):
 *   bf16 141.1 GB;  14 B/param 987.8 GB;  16 B/param 1,128.9 GB
 *
 * @param options `{ parameters, bytesPerParameter }`: P finite >= 0, b finite > 0
 * @returns bytes
 * @throws ModelInputError if P is negative or b is not positive
 */
export function checkpointBytes(options: { parameters: number; bytesPerParameter: number }): number {
  const { parameters, bytesPerParameter } = options;
  requireNonNegative("checkpointBytes", { parameters });
  requirePositive("checkpointBytes", { bytesPerParameter });
  return parameters * bytesPerParameter;
}

/** Many writers checkpointing into one shared storage system. */
export interface CheckpointStormOptions {
  /** N, writers (GPUs or hosts) that checkpoint; integer >= 1. */
  writers: number;
  /** Bytes each writer saves (>= 0). */
  bytesPerWriter: number;
  /** Link bandwidth of one writer, bytes per second (> 0). */
  writerBytesPerSecond: number;
  /** Aggregate bandwidth of the storage system, bytes per second (> 0). */
  storageBytesPerSecond: number;
  /** G, groups that take turns (staggered checkpoints); integer in [1, N], default 1. */
  groups?: number;
}

/** Demand and timing of a (possibly staggered) checkpoint burst. */
export interface CheckpointStorm {
  /** ⌈N / G⌉ writers active at once. */
  concurrentWriters: number;
  /** Concurrent writers × writer link, bytes per second. */
  peakDemandBytesPerSecond: number;
  /** Peak demand / storage bandwidth; > 1 means the storage is saturated. */
  saturation: number;
  /** min(writer link, storage / concurrent writers), bytes per second. */
  effectiveWriterBytesPerSecond: number;
  /** Time for one group to write, seconds: each writer's math stop if blocking. */
  groupWriteSeconds: number;
  /** Time until every group has written, seconds: G × group write. */
  windowSeconds: number;
}

/**
 * A checkpoint storm: aggregate demand against storage bandwidth, and what
 * staggering writers into G groups buys.
 *
 * Equation: c = ⌈N/G⌉;  demand = c · b_w;  saturation = demand / B_s
 *           b_eff = min(b_w, B_s / c);  t_group = bytes / b_eff;  window = G · t_group
 * Source:   fair sharing of a saturated storage system; the Llama 3 paper (§3.3.1) reports
 *           checkpoint bursts saturating Tectonic (2 TB/s sustained, figures.md §2).
 * Holds:    storage bandwidth shared fairly; metadata and small-file limits ignored.
 *           Once storage-bound, staggering does not shorten the window: it cuts the peak
 *           by G and the stall of each group, while the other groups keep computing.
 *
 * Worked example (Llama 3 scale): N = 16,384 GPUs × 4 GB, 50 GB/s each, B_s = 2 TB/s
 *   G = 1: demand 819.2 TB/s (409.6× saturated), 122 MB/s each → 32.8 s stall for all;
 *   G = 8: 2,048 at once, 102.4 TB/s, 977 MB/s each → 4.1 s per group, window 32.8 s.
 *
 * @param options `{ writers, bytesPerWriter, writerBytesPerSecond, storageBytesPerSecond, groups? }`
 * @returns the storm's demand and timing
 * @throws ModelInputError on bad input or G outside [1, N]
 */
export function checkpointStorm(options: CheckpointStormOptions): CheckpointStorm {
  const fn = "checkpointStorm";
  const { writers, bytesPerWriter, writerBytesPerSecond, storageBytesPerSecond } = options;
  const groups = options.groups ?? 1;
  requireInteger(fn, { writers }, 1);
  requireNonNegative(fn, { bytesPerWriter });
  requirePositive(fn, { writerBytesPerSecond, storageBytesPerSecond });
  requireInteger(fn, { groups }, 1, writers);
  const concurrent = Math.ceil(writers / groups);
  const demand = concurrent * writerBytesPerSecond;
  const effective = Math.min(writerBytesPerSecond, storageBytesPerSecond / concurrent);
  const groupWrite = bytesPerWriter / effective;
  return {
    concurrentWriters: concurrent,
    peakDemandBytesPerSecond: demand,
    saturation: demand / storageBytesPerSecond,
    effectiveWriterBytesPerSecond: effective,
    groupWriteSeconds: groupWrite,
    windowSeconds: groups * groupWrite,
  };
}

/** Where the checkpoint goes first. */
export const STAGING_MODES = ["blocking-object-store", "local-nvme", "async-dram"] as const;
export type StagingMode = (typeof STAGING_MODES)[number];

/** Inputs of a staging plan, per writer. */
export interface StagingOptions {
  mode: StagingMode;
  /** Bytes this writer checkpoints (>= 0). */
  stateBytes: number;
  /** Time between checkpoints, seconds (> 0). */
  intervalSeconds: number;
  /** Effective bandwidth to the durable object store or PFS, bytes per second (> 0); see `checkpointStorm`. */
  objectStoreBytesPerSecond: number;
  /** Local NVMe write bandwidth, bytes per second (> 0). */
  nvmeBytesPerSecond: number;
  /** Device-to-host copy bandwidth into pinned DRAM (PCIe), bytes per second (> 0). */
  dramBytesPerSecond: number;
}

/** Cost of one staged checkpoint. */
export interface StagingPlan {
  /** Seconds training is stopped while the state is copied out. */
  mathStopSeconds: number;
  /** Seconds of background copy to durable storage after training resumes (0 if blocking). */
  drainSeconds: number;
  /** Local buffer (NVMe or DRAM) that must hold the staged copy, bytes. */
  stagingBufferBytes: number;
  /** Drain time / interval: the share of each interval the drain keeps the storage link busy. */
  drainUtilization: number;
  /** True when each drain ends before the next checkpoint starts (no backlog, no storm). */
  isSustainable: boolean;
  /** Drain rate that spreads the drain over the whole interval, bytes per second. */
  minDrainBytesPerSecond: number;
}

/**
 * Math-stop time, drain time and staging buffer for blocking, NVMe-staged and
 * DRAM-staged (asynchronous) checkpoints.
 *
 * Equation: blocking:   stop = S / B_obj;  drain = 0;         buffer = 0
 *           local NVMe: stop = S / B_nvme; drain = S / B_obj; buffer = S
 *           async DRAM: stop = S / B_dram; drain = S / B_obj; buffer = S
 *           utilisation = drain / τ (sustainable iff <= 1); min drain rate = S / τ
 * Source:   two-level staging as in CheckFreq (Mohan et al., FAST 2021) and Gemini
 *           (Wang et al., SOSP 2023); bandwidths from figures.md §2 (NVMe, DDR5, PCIe Gen5).
 * Holds:    the drain does not slow training; one checkpoint in flight at a time.
 *
 * Worked example: 70B at 14 B/param over 64 GPUs → S = 15.43 GB per GPU, τ = 30 min,
 *   B_obj = 0.5 GB/s, NVMe gen4 6.9 GB/s, PCIe Gen5 64 GB/s:
 *   blocking stop 30.9 s; NVMe stop 2.24 s; DRAM stop 0.241 s; drain 30.9 s (1.7% of τ).
 *
 * @param options `{ mode, stateBytes, intervalSeconds, objectStoreBytesPerSecond, nvmeBytesPerSecond, dramBytesPerSecond }`
 * @returns the plan
 * @throws ModelInputError on an unknown mode or a bad size, interval or bandwidth
 */
export function stagingPlan(options: StagingOptions): StagingPlan {
  const fn = "stagingPlan";
  const mode = requireOneOf(fn, "mode", options.mode, STAGING_MODES);
  const { stateBytes, intervalSeconds, objectStoreBytesPerSecond, nvmeBytesPerSecond, dramBytesPerSecond } = options;
  requireNonNegative(fn, { stateBytes });
  requirePositive(fn, { intervalSeconds, objectStoreBytesPerSecond, nvmeBytesPerSecond, dramBytesPerSecond });
  const toStore = stateBytes / objectStoreBytesPerSecond;
  // Per mode: [math stop, drain behind the math, staging buffer].
  const [stop, drain, buffer] = {
    "blocking-object-store": [toStore, 0, 0],
    "local-nvme": [stateBytes / nvmeBytesPerSecond, toStore, stateBytes],
    "async-dram": [stateBytes / dramBytesPerSecond, toStore, stateBytes],
  }[mode];
  return {
    mathStopSeconds: stop,
    drainSeconds: drain,
    stagingBufferBytes: buffer,
    drainUtilization: drain / intervalSeconds,
    isSustainable: drain <= intervalSeconds,
    minDrainBytesPerSecond: stateBytes / intervalSeconds,
  };
}

/** A synchronous job whose workers write a checkpoint at a step boundary, in G staggered groups. */
export interface StaggeredCheckpointOptions extends CheckpointStormOptions {
  /** The job's synchronous step time without a checkpoint, seconds (>= 0). */
  stepSeconds: number;
}

/** What a (possibly staggered) checkpoint costs a synchronous job. */
export interface StaggeredCheckpoint {
  /** Stall of each step that carries a group's write: that group's write time, seconds. */
  stallSeconds: number;
  /** Time of such a step: the barrier waits for the group writing in it, seconds. */
  checkpointStepSeconds: number;
  /** Steps that carry a write: G. */
  stalledSteps: number;
  /** G × stall: the wall-clock time the checkpoint adds to the run, seconds. */
  totalStallSeconds: number;
  /** Peak demand on the shared storage, bytes per second (checkpointStorm). */
  peakDemandBytesPerSecond: number;
}

/**
 * Staggered checkpoints in a synchronous job: instead of all N workers writing their shards
 * after the same step, G groups write after G successive steps. The barrier of each such step
 * waits for its group's write, so the slowest step (the tail every worker sees) is the group's
 * write time rather than the whole fleet's contended write.
 *
 * Equation: t_group = bytes / min(b_w, B_s / ⌈N/G⌉)   (checkpointStorm)
 *           t_ckpt_step = t_step + t_group;  total stall = G · t_group
 * Source:   bulk-synchronous barrier (Valiant, "A bridging model for parallel computation",
 *           CACM 33(8), 1990) over checkpointStorm's fair share of the store; checkpoint bursts
 *           that saturate the shared store are reported for Llama 3 (§3.3.1, figures.md §2).
 * Holds:    blocking writes at a step boundary; the store shared fairly; G in [1, N].
 *           While storage-bound (⌈N/G⌉ b_w > B_s) staggering cuts the worst step by G at the
 *           same total; once each group is link-bound, more groups only add stalled steps, so
 *           G* = ⌈N b_w / B_s⌉ gives the shortest worst step at the least total.
 *
 * Worked example (Llama-3-70B at 14 B/param over 1,024 GPUs: 964.6 MB each, 50 GB/s links,
 *   Tectonic 2 TB/s, 1.75 s step): G = 1 → 51.2 TB/s demanded, 1.953 GB/s each,
 *   stall 0.4939 s, step 2.244 s; G = 26 → 40 at once, 2 TB/s, link-bound: stall 19.3 ms
 *   per step, total 0.502 s over 26 steps.
 *
 * @param options `{ writers, bytesPerWriter, writerBytesPerSecond, storageBytesPerSecond, groups?, stepSeconds }`
 * @returns the stall per checkpointing step, that step's time and the total stall
 * @throws ModelInputError on bad input (as checkpointStorm) or a negative step time
 */
export function staggeredCheckpoint(options: StaggeredCheckpointOptions): StaggeredCheckpoint {
  const { stepSeconds } = options;
  requireNonNegative("staggeredCheckpoint", { stepSeconds });
  const storm = checkpointStorm(options);
  const groups = options.groups ?? 1;
  return {
    stallSeconds: storm.groupWriteSeconds,
    checkpointStepSeconds: stepSeconds + storm.groupWriteSeconds,
    stalledSteps: groups,
    totalStallSeconds: storm.windowSeconds,
    peakDemandBytesPerSecond: storm.peakDemandBytesPerSecond,
  };
}

/** A checkpoint burst through each writer's local staging buffer (DRAM -> SSD -> shared store). */
export interface StagingBufferOptions extends CheckpointStormOptions {
  /** S, staging buffer of each writer on its local SSD, bytes (>= 0). */
  bufferBytes: number;
  /** b_ssd, each writer's share of its local SSD's write bandwidth, bytes per second (> 0). */
  ssdBytesPerSecond: number;
  /** T, time between checkpoints, seconds (> 0). */
  intervalSeconds: number;
}

/** Network demand and SSD load of a staged checkpoint burst. */
export interface StagingBuffer {
  /** min(S, s): bytes of each writer's shard the buffer takes. */
  stagedBytes: number;
  /** Demand on the store while the writers burst: the unstaged share streamed straight out, bytes/s. */
  burstDemandBytesPerSecond: number;
  /** Largest demand on the store: the burst, or the staged bytes draining at the fair share, bytes/s. */
  peakDemandBytesPerSecond: number;
  /** Burst demand / store bandwidth; > 1 is the checkpoint storm. */
  saturation: number;
  /** True when the burst exceeds the store's bandwidth. */
  isStorm: boolean;
  /** Smallest S without a storm, bytes: s · max(0, 1 − B_s / (⌈N/G⌉ b_w)). */
  minBufferBytes: number;
  /** Seconds the SSD spends writing the staged bytes each interval. */
  ssdWriteSeconds: number;
  /** SSD write duty cycle: write time / interval, at most 1 (saturated). */
  ssdUtilization: number;
}

/**
 * Sizing the staging buffer that stops a checkpoint storm. Each of ⌈N/G⌉ writers pushes its
 * shard s out of DRAM at b_w; its staging buffer takes min(S, s) and drains it later at the
 * fair share, and the rest streams straight to the store during the burst. The buffer needed
 * to shape a burst at rate b_w into a server of rate r is the network-calculus backlog bound
 * s · (1 − r / b_w); below it the burst floods the store. Every staged byte is an SSD write,
 * so the buffer that calms the network loads the disk: its write duty is min(S, s) / (b_ssd T).
 *
 * Equation: c = ⌈N/G⌉;  f = min(S, s) / s;  burst = c · b_w · (1 − f);  storm iff burst > B_s
 *           drain = min(B_s, c · b_w) if f > 0;  peak = max(burst, drain)
 *           S_min = s · max(0, 1 − B_s / (c · b_w))
 *           SSD duty u = min(1, min(S, s) / (b_ssd · T));  saturated iff min(S, s) >= b_ssd · T
 * Source:   backlog bound of a rate-limited server (Le Boudec & Thiran, "Network Calculus",
 *           LNCS 2050, Springer 2001, Thm. 1.4.1); staging through local storage as in CheckFreq
 *           (Mohan et al., FAST 2021) and Gemini (Wang et al., SOSP 2023); the storm as in Llama 3
 *           (§3.3.1, figures.md §2); NVMe write bandwidths from figures.md §2.
 * Holds:    writers burst together at b_w; the store shared fairly; drain reads not counted in
 *           the SSD duty (writes are what wear a drive); one checkpoint staged per interval.
 *
 * Worked example (mission 07, Cloud Titan: 987.8 GB over 16,384 GPUs, s = 60.29 MB, each
 *   GPU's share of 2,048 × 6.9 GB/s NVMe b_w = b_ssd = 862.5 MB/s, store B_s = 25 GB/s, G = 1):
 *   S = 0 → burst 14.13 TB/s (565× the store); S_min = 60.29 MB × (1 − 25 / 14,131) = 60.18 MB;
 *   at S_min and T = 1,041 s the SSD writes 0.0698 s per interval (0.0067 %).
 *
 * @param options `{ writers, bytesPerWriter, writerBytesPerSecond, storageBytesPerSecond, groups?, bufferBytes, ssdBytesPerSecond, intervalSeconds }`
 * @returns the burst's demand, the minimal buffer and the SSD's write duty
 * @throws ModelInputError on bad input (as checkpointStorm), a negative buffer, or a non-positive SSD bandwidth or interval
 */
export function stagingBuffer(options: StagingBufferOptions): StagingBuffer {
  const fn = "stagingBuffer";
  const { bufferBytes, ssdBytesPerSecond, intervalSeconds, bytesPerWriter: shard, writerBytesPerSecond: bw, storageBytesPerSecond: store } = options;
  requireNonNegative(fn, { bufferBytes });
  requirePositive(fn, { ssdBytesPerSecond, intervalSeconds });
  const { concurrentWriters: c, peakDemandBytesPerSecond: unbuffered } = checkpointStorm(options);
  const staged = Math.min(bufferBytes, shard);
  const unstagedShare = shard > 0 ? 1 - staged / shard : 0;
  const burst = unbuffered * unstagedShare;
  const drain = staged > 0 ? Math.min(store, unbuffered) : 0;
  const ssdWrite = staged / ssdBytesPerSecond;
  return {
    stagedBytes: staged,
    burstDemandBytesPerSecond: burst,
    peakDemandBytesPerSecond: Math.max(burst, drain),
    saturation: burst / store,
    isStorm: burst > store,
    minBufferBytes: shard * Math.max(0, 1 - store / (c * bw)),
    ssdWriteSeconds: ssdWrite,
    ssdUtilization: Math.min(1, ssdWrite / intervalSeconds),
  };
}
