/**
 * Mission 08: Fleet Orchestration, the Cluster Scheduler (plan: missions/08_fleet_orch.md).
 * Fragmentation, scheduling policy (locality, quota, priority) and spot preemption, all
 * run on the model's seeded cluster simulator (scheduling/); checkpoints at dalyInterval.
 */
import {
  type ClusterReport, type ClusterShape, dalyInterval, DEFAULT_CPUS_PER_GPU, defaultNetwork, type DeviceGeneration, ETHERNET_100G, fragmentation,
  hopAllReduceSeconds, type NetworkModel, requireFinished, simulateCluster, type Sourced,
} from "fleetlab";
import { defineMission, memoizeRuns, missionSeed, niceCeil, niceFloor, planFigures, type Row, type TrackId } from "fleetlab/mission";

const plan = planFigures({ ref: "Mission 08 plan", verified: "2026-11-22" });

/** Mission 08's figures for one track (scheduling), each Sourced. */
export interface FleetOrchFigures {
  racks: Sourced;
  nodesPerRack: Sourced;
  gpusPerNode: Sourced;
  load: Sourced;
  /** Load of part 1's target: below what the contiguous gang can sustain, so its mean wait has a steady state. */
  waitLoad: Sourced;
  jobGpus: Sourced;
  jobHours: Sourced;
  serviceCv: Sourced;
  /** All-reduce latency per extra network hop, s (the topology penalty). */
  /** Part 2's shared cluster: offered load, GPUs of one training gang and mean job length, h. */
  policyLoad: Sourced;
  policyGangGpus: Sourced;
  policyJobHours: Sourced;
  spotMtbfHours: Sourced;
  /** Load of part 3's training cluster: below what a static ring on all-spot nodes sustains, so times to converge have a steady state. */
  spotLoad: Sourced;
  /** Mean hours until the provider gives a reclaimed spot node back. */
  spotRestoreHours: Sourced;
  /** Seconds a static ring loses to a restart after a reclaim; seconds an elastic ring loses to re-forming. */
  restartSeconds: Sourced;
  rescaleSeconds: Sourced;
  /** Length of the training run, h, and the time to write one checkpoint, s. */
  workHours: Sourced;
  checkpointSeconds: Sourced;
  /** Spot capacity's price discount against on-demand (the CFO's saving). */
  spotDiscount: Sourced;
  /** The Topology Lottery (Edge Guardian): the bytes the gang's ring all-reduces each step and the
   *  per-GPU bandwidth across racks, where they differ from the model's fabric (DEFAULT_NETWORK),
   *  and the loop the AllReduce must fit in, ms. */
  ringGradientBytes?: Sourced;
  crossRackBytesPerSecond?: Sourced;
  safetyLoopMs?: Sourced;
  /** The Heterogeneous Mess (Tiny Pioneer): shares of the fleet's V1, V2, V3 hearables, each
   *  generation's model memory, KB, and the models dispatched to them (the heavy one's share of
   *  dispatches and each model's memory, KB). */
  v1Share?: Sourced; v2Share?: Sourced; v3Share?: Sourced;
  v1MemoryKb?: Sourced; v2MemoryKb?: Sourced; v3MemoryKb?: Sourced;
  heavyModelShare?: Sourced; heavyModelKb?: Sourced; lightModelKb?: Sourced;
  /** Hearables that take the dispatches. */
  fleetDevices?: Sourced;
}

/** Each track's figures, the plan's teaching cluster and crisis; Cloud Titan's gang is the plan's 64 GPUs. */
export const FLEET_ORCH_FIGURES: Readonly<Record<TrackId, FleetOrchFigures>> = Object.freeze({
  cloud_titan: {
    racks: plan(8, null, "Teaching cluster"), nodesPerRack: plan(8, null, "Teaching cluster"), gpusPerNode: plan(8, null, "HGX-style 8-GPU nodes"),
    load: plan(0.9, null, "The part 1 lock's 90% full cluster"),
    waitLoad: plan(0.3, null, "With everything else placed at random a 64-GPU block is a whole free rack; from 40% load up the contiguous gang's wait keeps growing with the trace (no steady state), at 30% it is ~10 h against ~0.1 h on any free GPUs (simulated, mission 08 part 1)"),
    jobGpus: plan(64, null, "The 64-GPU gang job"),
    jobHours: plan(6, "h", "Mean job length"), serviceCv: plan(3, null, "Heavy-tailed job lengths"),
    policyLoad: plan(0.7, null, "A shared cluster 70% loaded: the highest load, in steps of 10%, at which the best policies' MFU is the same for other seeds and a trace twice as long; at 80-95% the gang-plus-priority cluster cannot keep up (MFU stays below the offered load and the low-priority waits grow with the trace), so no steady state exists there (simulated, mission 08 part 2)"), policyGangGpus: plan(64, null, "The 64-GPU gang job"),
    policyJobHours: plan(6, "h", "Mean job length"),
    spotMtbfHours: plan(20, "h", "Mean time between reclaims of one spot node. At 100% spot a 64-GPU gang spans 8 spot nodes, so it is hit every 2.5 h on average; with the 30-minute static restart plus rollback to the last checkpoint a static ring converges ~1.5x slower than an elastic one at 20% load, and cannot keep up from ~30% load on (mission 08 part 3, the CFO challenge). Spot capacity is discounted because it can be preempted (figures.md §4, reserved / spot discounts)"),
    spotLoad: plan(0.2, null, "A static ring on all-spot nodes keeps up with 20% load (its time to converge is the same for a trace twice as long); at 30% it varies by ±15% between seeds, from 50% it grows with the trace (simulated, mission 08 part 3)"),
    spotRestoreHours: plan(1, "h", "Reclaimed GPU capacity returns within about an hour"),
    restartSeconds: plan(1800, "s", "Static ring: reload and re-initialise 64 GPUs"), rescaleSeconds: plan(60, "s", "Elastic ring re-forms"),
    workHours: plan(336, "h", "A two-week training run"), checkpointSeconds: plan(300, "s", "Checkpoint write"),
    spotDiscount: plan(0.6, null, "Spot H100 capacity at 60% off on-demand: the CFO's $5M saving (figures.md §4, Cloud $/GPU-hour: spot 33–65% off on-demand, with preemption (gridstackhub.ai, digiterialabs.com, 2026; indicative))"),
  },
  edge_guardian: {
    racks: plan(4, null, "Teaching cluster"), nodesPerRack: plan(8, null, "Teaching cluster"), gpusPerNode: plan(8, null, "8-GPU nodes"),
    load: plan(0.8, null, "Cluster load"),
    waitLoad: plan(0.5, null, "The highest load, in steps of 10%, at which the contiguous 16-GPU gang's mean wait under random placement does not grow with the trace (simulated, mission 08 part 1)"),
    jobGpus: plan(16, null, "Perception training gang"),
    jobHours: plan(2, "h", "Mean job length"), serviceCv: plan(2, null, "Job-length variability"),
    policyLoad: plan(0.7, null, "The shared perception cluster during the nightly retraining, 70% loaded; at 80-95% the gang-plus-priority cluster cannot keep up (MFU stays below the offered load and the low-priority waits grow with the trace), so no steady state exists there (simulated, mission 08 part 2)"),
    policyGangGpus: plan(16, null, "The perception job of the Topology Lottery: 2 nodes of 8 GPUs"),
    policyJobHours: plan(6, "h", "A perception retraining job runs ~6 h. With the 2 h jobs of parts 1 and 3 every policy keeps the low-priority wait far under the 24 h starvation limit and the 16 policies' MFUs lie within 6 points, so the policy choice would not matter; at 6 h and 90% load the research-first policies with a 25% training quota starve the training gangs (simulated, mission 08 part 2)"),
    spotMtbfHours: plan(30, "h", "Spot reclaim MTBF"),
    spotLoad: plan(0.5, null, "A load at which a static ring on all-spot nodes keeps up (its ratio is the same for a trace twice as long): at 70% its time to converge grows with the trace (simulated, mission 08 part 3)"),
    spotRestoreHours: plan(1, "h", "Reclaimed capacity returns within about an hour"),
    restartSeconds: plan(600, "s", "Static restart"), rescaleSeconds: plan(30, "s", "Elastic re-form"),
    workHours: plan(48, "h", "Training run"), checkpointSeconds: plan(60, "s", "Checkpoint write"),
    spotDiscount: plan(0.5, null, "Spot capacity at half the on-demand price (figures.md §4, Cloud $/GPU-hour: spot 33–65% off on-demand, with preemption (gridstackhub.ai, digiterialabs.com, 2026; indicative))"),
    ringGradientBytes: plan(11.7e6 * 2, "B", "The perception model's gradient, all-reduced every step: a ResNet-18-class backbone, 11.7 M parameters (He et al., CVPR 2016), in fp16. " +
      "On the depot fabric below a 16-GPU ring over two nodes of one leaf takes ~1.0 ms, over two racks ~14 ms: the plan's jump from 1 ms to 15 ms"),
    crossRackBytesPerSecond: plan(ETHERNET_100G.bytesPerSecond.value / 4, "B/s", "The depot's spine: 100 GbE uplinks (12.5 GB/s, figures.md §3) shared 4:1, the oversubscription of the model's default spine"),
    safetyLoopMs: plan(10, "ms", "The deterministic 10 ms safety loop (figures.md §7, AV '< 10 ms deterministic safety loop', cs249r persona, unconfirmed)"),
  },
  mobile_nomad: {
    racks: plan(6, null, "Teaching cluster"), nodesPerRack: plan(8, null, "Teaching cluster"), gpusPerNode: plan(4, null, "4-GPU render nodes"),
    load: plan(0.85, null, "Cluster load"),
    waitLoad: plan(0.6, null, "The highest load, in steps of 10%, at which the contiguous 8-GPU gang's mean wait under random placement does not grow with the trace (simulated, mission 08 part 1)"),
    jobGpus: plan(8, null, "Render job"),
    jobHours: plan(1, "h", "Mean job length"), serviceCv: plan(1.5, null, "Job-length variability"),
    policyLoad: plan(0.7, null, "The render farm 70% loaded; at 80-95% the gang-plus-priority cluster cannot keep up (MFU stays below the offered load and the low-priority waits grow with the trace), so no steady state exists there (simulated, mission 08 part 2)"),
    policyGangGpus: plan(16, null, "A cloud rendering job over 4 render nodes (16 GPUs)"),
    policyJobHours: plan(4, "h", "A render batch of ~4 h. With 8-GPU, 1 h jobs every policy stays under the 24 h starvation limit and MFUs lie within 3 points; with 16-GPU, 4 h batches at 95% load the strict research-first policies (and the loose one at a 25% quota) starve the render gangs and MFU spreads over ~11 points (simulated, mission 08 part 2)"),
    spotMtbfHours: plan(6, "h", "Spot reclaim MTBF"),
    spotLoad: plan(0.4, null, "A load at which a static ring on all-spot nodes keeps up and the 8-seed ratio moves by less than 10%: at 50% it moves by ±12%, at 70% it grows with the trace (simulated, mission 08 part 3)"),
    spotRestoreHours: plan(0.5, "h", "Render capacity returns within half an hour"),
    restartSeconds: plan(900, "s", "Static restart of the render job"), rescaleSeconds: plan(20, "s", "Dynamic re-scaling"),
    workHours: plan(72, "h", "Rendering/training run"), checkpointSeconds: plan(120, "s", "Checkpoint write"),
    spotDiscount: plan(0.8, null, "The plan's 'Spot Instances to save 80% on cloud rendering' (deeper than the 33–65% of figures.md §4, Cloud $/GPU-hour: spot 33–65% off on-demand, with preemption (gridstackhub.ai, digiterialabs.com, 2026; indicative))"),
  },
  tiny_pioneer: {
    racks: plan(3, null, "Teaching cluster"), nodesPerRack: plan(8, null, "Teaching cluster"), gpusPerNode: plan(4, null, "4 accelerators per node"),
    load: plan(0.7, null, "Cluster load"),
    waitLoad: plan(0.6, null, "A load at which the contiguous 8-GPU gang's mean wait under random placement does not grow with the trace and its 10-seed estimate is within ~3% (simulated, mission 08 part 1)"),
    jobGpus: plan(8, null, "The heavy V3 model sharded over two 4-accelerator nodes. A one-node (4) job cannot shrink, so an elastic ring could not differ from a static one; over two nodes an elastic ring drops a reclaimed node and keeps training on the other (mission 08 part 3)"),
    jobHours: plan(0.5, "h", "Mean job length"), serviceCv: plan(1, null, "Exponential job lengths"),
    policyLoad: plan(0.7, null, "The hearable fleet's training nodes during a firmware-wide retraining, 70% loaded; at 80-95% the gang-plus-priority cluster cannot keep up (MFU stays below the offered load and the low-priority waits grow with the trace), so no steady state exists there (simulated, mission 08 part 2)"),
    policyGangGpus: plan(8, null, "The heavy V3 model sharded over two 4-accelerator nodes (8)"),
    policyJobHours: plan(2, "h", "A 2 h retraining job. With one-node, 0.5 h jobs every policy stays under the 24 h starvation limit and MFUs lie within 1 point; with two-node, 2 h jobs at 90% load every research-first policy starves the training gangs and MFU spreads over ~10 points (simulated, mission 08 part 2)"),
    spotMtbfHours: plan(12, "h", "Spot reclaim MTBF"),
    spotLoad: plan(0.5, null, "A load at which a static ring on all-spot nodes keeps up (its ratio is the same for a trace twice as long): at 70% its time to converge grows with the trace (simulated, mission 08 part 3)"),
    spotRestoreHours: plan(0.5, "h", "Capacity returns within half an hour"),
    restartSeconds: plan(300, "s", "Static restart"), rescaleSeconds: plan(10, "s", "Elastic re-form"),
    workHours: plan(24, "h", "Training run"), checkpointSeconds: plan(30, "s", "Checkpoint write"),
    spotDiscount: plan(0.5, null, "Spot capacity at half the on-demand price (figures.md §4, Cloud $/GPU-hour: spot 33–65% off on-demand, with preemption (gridstackhub.ai, digiterialabs.com, 2026; indicative))"),
    fleetDevices: plan(100, null, "A teaching fleet of 100 hearables taking model dispatches"),
    v1Share: plan(0.7, null, "The plan's V1 hearables: most of an ageing fleet"), v2Share: plan(0.25, null, "V2 hearables"),
    v3Share: plan(0.05, null, "V3 hearables: the newest, a small share"),
    v1MemoryKb: plan(256, "KB", "V1: a low-power MCU's model memory"), v2MemoryKb: plan(1024, "KB", "V2 model memory"), v3MemoryKb: plan(4096, "KB", "V3 model memory"),
    heavyModelShare: plan(0.8, null, "Most dispatches are the heavy model (the plan's 'heavy models'); the rest a light one. Sent to any hearable, 0.8 × 0.95 + 0.2 × 0.7 = 90% land where they cannot run"),
    heavyModelKb: plan(2048, "KB", "The heavy neural-isolation model: fits a V3 only"), lightModelKb: plan(512, "KB", "The light model: fits a V2 or V3"),
  },
});

export interface FleetOrchParams {
  shape: ClusterShape;
  /** Cluster load (utilisation) of the story. */
  load: number;
  /** Load of part 1's target (steady state). */
  waitLoad: number;
  /** Gang size of the stuck job. */
  jobGpus: number;
  /** Mean job length, hours, and its coefficient of variation. */
  jobHours: number;
  serviceCv: number;
  /** Part 2's shared cluster: offered load, GPUs of one training gang and mean job length, hours. */
  policy: { load: number; gangGpus: number; jobHours: number };
  /** Load of part 3's training cluster. */
  spotLoad: number;
  /** Mean hours between preemptions of one spot node, and hours until the provider gives it back. */
  spotMtbfHours: number;
  spotRestoreHours: number;
  /** Seconds a static ring loses to a restart; seconds an elastic ring loses to re-scaling. */
  restartSeconds: number;
  rescaleSeconds: number;
  workHours: number;
  checkpointSeconds: number;
  /** Spot's price discount against on-demand, 0..1. */
  spotDiscount: number;
  /** The fabric part 2's gang all-reduces over (the Topology Lottery plot), and the loop it must fit in, ms (null: none). */
  ring: NetworkModel;
  loopBudgetMs: number | null;
  /** The heterogeneous fleet models are dispatched to (null: a homogeneous cluster). */
  fleet: HearableFleet | null;
}

/**
 * A fleet of device generations V1, V2, V3 (a device's capability is its generation) and the
 * heavy and light models dispatched to it, one device per model; memories in KB, as sourced.
 */
export interface HearableFleet {
  devices: number;
  generationShares: number[];
  generationMemoryKb: number[];
  heavyModelShare: number;
  heavyModelKb: number;
  lightModelKb: number;
}

const KB = 1e-6; // GB per KB, the simulator's memory unit

/** The fleet's generations as the cluster simulator takes them. */
function generationsOf(f: HearableFleet): DeviceGeneration[] {
  return f.generationShares.map((fraction, i) => ({ name: `V${i + 1}`, fraction, capability: i + 1, memoryGb: f.generationMemoryKb[i] * KB }));
}

/** The models dispatched to the fleet, as the simulator's job classes (one device each). */
function modelClassesOf(f: HearableFleet, meanServiceHours: number) {
  return [
    { name: "heavy", gpus: 1, weight: f.heavyModelShare, meanServiceHours, memoryGb: f.heavyModelKb * KB },
    { name: "light", gpus: 1, weight: 1 - f.heavyModelShare, meanServiceHours, memoryGb: f.lightModelKb * KB },
  ];
}

/** The track's fleet of generations, when its figures give one. */
function fleetOf(t: FleetOrchFigures): HearableFleet | null {
  if (!(t.fleetDevices && t.v1Share && t.v2Share && t.v3Share && t.v1MemoryKb && t.v2MemoryKb && t.v3MemoryKb && t.heavyModelShare && t.heavyModelKb && t.lightModelKb)) return null;
  return {
    devices: t.fleetDevices.value,
    generationShares: [t.v1Share.value, t.v2Share.value, t.v3Share.value],
    generationMemoryKb: [t.v1MemoryKb.value, t.v2MemoryKb.value, t.v3MemoryKb.value],
    heavyModelShare: t.heavyModelShare.value, heavyModelKb: t.heavyModelKb.value, lightModelKb: t.lightModelKb.value,
  };
}

/** The mission's parameters for a track: the `.value` of each of its figures. */
export function trackParams(id: TrackId): FleetOrchParams {
  const t = FLEET_ORCH_FIGURES[id];
  return {
    shape: { racks: t.racks.value, nodesPerRack: t.nodesPerRack.value, gpusPerNode: t.gpusPerNode.value },
    load: t.load.value, waitLoad: t.waitLoad.value, jobGpus: t.jobGpus.value, jobHours: t.jobHours.value, serviceCv: t.serviceCv.value,
    policy: { load: t.policyLoad.value, gangGpus: t.policyGangGpus.value, jobHours: t.policyJobHours.value },
    spotLoad: t.spotLoad.value, spotMtbfHours: t.spotMtbfHours.value, spotRestoreHours: t.spotRestoreHours.value, restartSeconds: t.restartSeconds.value, rescaleSeconds: t.rescaleSeconds.value,
    workHours: t.workHours.value, checkpointSeconds: t.checkpointSeconds.value, spotDiscount: t.spotDiscount.value,
    ring: {
      ...defaultNetwork(),
      ...(t.ringGradientBytes ? { gradientBytes: t.ringGradientBytes.value } : {}),
      ...(t.crossRackBytesPerSecond ? { spineBytesPerSecond: t.crossRackBytesPerSecond.value } : {}),
    },
    loopBudgetMs: t.safetyLoopMs ? t.safetyLoopMs.value : null,
    fleet: fleetOf(t),
  };
}

const nodesOf = (s: ClusterShape) => s.racks * s.nodesPerRack;

/**
 * Host CPU cores per GPU the training jobs of parts 2 and 3 ask for: none, so GPUs are their
 * dominant resource. The simulator's DRF counts GPUs and host cores (cpusPerNode, default
 * DEFAULT_CPUS_PER_GPU per GPU).
 */
const JOB_CPUS_PER_GPU = 0;

/**
 * The Dominant Resource Fairness symbols of a run's first tenant (the training tenant): the
 * GPUs and host cores it held on average over the run (GPU-hours / makespan) against the
 * cluster's, the two resources the simulator's DRF counts.
 */
function drfScope(r: ClusterReport): Record<string, number> {
  const u_gpu = r.tenants[0].gpuHours / r.makespanHours;
  return { u_gpu, R_gpu: r.totalGpus, u_cpu: u_gpu * JOB_CPUS_PER_GPU, R_cpu: r.totalGpus * DEFAULT_CPUS_PER_GPU };
}
/** DRF in the simulator's two resources: GPUs and host CPU cores. */
const DRF_EXPRESSION = "s_i = max(u_gpu / R_gpu, u_cpu / R_cpu)";

/**
 * Event budget of every simulation here. The runs take from ~2,000 events (part 1) to ~52,000
 * (part 3, Cloud Titan, all spot, static, 5 h between reclaims: the slider's worst corner);
 * a run that would need more stops and its instruments say so instead of blocking the kernel.
 */
const RUN_EVENT_BUDGET = 100_000;

/**
 * Share of each run's jobs, in arrival order, left out of its figures: the run starts from an
 * empty cluster, so its first jobs wait less than in steady state.
 */
const WARMUP_FRACTION = 0.2;

/** How a part's estimates are made: jobs per run and independent seeds averaged. */
interface EstimatePlan { jobs: number; seeds: number }

/** How much longer than the plans' traces are in force (1: the published estimates). */
let traceScale = 1;
/**
 * Runs `fn` with every estimate of this mission made from traces `scale` times as long (how the
 * stability test shows an estimate is of a steady state). Other seeds: `withRunSeed`.
 */
export function withTraceScale<T>(scale: number, fn: () => T): T {
  const saved = traceScale;
  traceScale = scale;
  try { return fn(); } finally { traceScale = saved; }
}
/** A plan's seeds: the published 1..n, each re-derived under `fleetlab missions --seed`. */
const seedsOf = (plan: EstimatePlan) => Array.from({ length: plan.seeds }, (_, i) => missionSeed(1 + i));
const jobsOf = (plan: EstimatePlan) => Math.round(plan.jobs * traceScale);

/** A mean over independent seeded runs and its standard error. */
export interface Estimate { mean: number; se: number; seeds: number }
export function estimateOf(xs: readonly number[]): Estimate {
  const n = xs.length, mean = xs.reduce((a, x) => a + x, 0) / n;
  const variance = n > 1 ? xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, se: Math.sqrt(variance / n), seeds: n };
}

/**
 * Part 1's estimates: 10 seeds of 8,000 jobs. The gang wait's relative standard error is
 * then ≤ 8 % on every track (Cloud Titan's cv-3 job lengths: a few very long jobs set it);
 * one update (contiguous and anywhere waits) is ~320,000 simulated events.
 */
const PART1_PLAN: EstimatePlan = { jobs: 8000, seeds: 10 };
/** Relative tolerance of part 1's target (see the target). */
export const PART1_TOLERANCE = 0.3;

/**
 * Part 1's experiment, run by the cluster simulator: a mix of 1-GPU, 2-GPU and gang jobs
 * (arrival weights 6 : 3 : 1, the track's job length and variability) at `load`; every job
 * but the gang is placed by `background`; the gang takes a contiguous block
 * (topology-aware, strict) or any free GPUs. One run per seed of PART1_PLAN, memoised.
 * @throws SimulationBudgetError if a run stops at RUN_EVENT_BUDGET
 */
function part1Runs(p: FleetOrchParams, load: number, background: "best-fit" | "random", gangGpus: number, contiguous: boolean): ClusterReport[] {
  return seedsOf(PART1_PLAN).map((seed) => requireFinished(part1Run(p, load, background, gangGpus, contiguous, seed, jobsOf(PART1_PLAN))));
}
const part1Run = memoizeRuns(
  (p: FleetOrchParams, load: number, background: "best-fit" | "random", gangGpus: number, contiguous: boolean, seed: number, jobs: number) =>
    JSON.stringify([p.shape, p.jobHours, p.serviceCv, load, background, gangGpus, contiguous, seed, jobs]),
  (p, load, background, gangGpus, contiguous, seed, jobs) => {
    const job = { meanServiceHours: p.jobHours, serviceCv: p.serviceCv };
    return simulateCluster({
      ...p.shape, jobs, load, placement: background, locality: "strict", queueOrder: "fifo", backfill: "easy", fragmentationJobGpus: gangGpus,
      maxEvents: RUN_EVENT_BUDGET, warmupFraction: WARMUP_FRACTION,
      jobClasses: [{ name: "1-GPU", gpus: 1, weight: 6, ...job }, { name: "2-GPU", gpus: 2, weight: 3, ...job },
        { name: "gang", gpus: gangGpus, weight: 1, ...job, placement: contiguous ? "topology-aware" : background }],
    }, seed);
  });
/** The run whose mid-run snapshot the heat map and the unusable-GPU gauge show: the first seed's contiguous run. */
const part1Snapshot = (p: FleetOrchParams, load: number, background: "best-fit" | "random") => part1Runs(p, load, background, p.jobGpus, true)[0].snapshot;
/** Mean gang wait (h) over part 1's seeds, after the warm-up. */
export const part1GangWait = (p: FleetOrchParams, load: number, background: "best-fit" | "random", gangGpus: number, contiguous: boolean): Estimate =>
  estimateOf(part1Runs(p, load, background, gangGpus, contiguous).map(gangWait));

/** Mean wait (h) of the gang class in a part 1 run. */
const gangWait = (r: ClusterReport) => r.waitByClass.find((c) => c.name === "gang")!.meanHours;
/** Part 1's placement of everything but the gang, as the simulator names it. */
const background = (v: { readonly placement: "Best-Fit" | "Random" }) => (v.placement === "Random" ? "random" : "best-fit");

/** Top of part 1's Cluster Load slider, %. */
const MAX_LOAD_PERCENT = 99;

/**
 * The longest mean gang wait (h) part 1 shows on a track: at the top load, with either
 * background placement, the gang contiguous or anywhere (waits grow with the load). Both
 * wait gauges share this range, so the two waits can be compared by eye.
 */
const part1WaitCeiling = (p: FleetOrchParams) => Math.max(...(["best-fit", "random"] as const).flatMap((bg) =>
  [true, false].map((contiguous) => part1GangWait(p, MAX_LOAD_PERCENT / 100, bg, p.jobGpus, contiguous).mean)));

/** Part 2's scheduling policy: the three workbench controls. */
export interface SchedulingPolicy {
  /** Locality of the gang (topology-aware placement): one rack ("Strict") or anywhere ("Loose"). */
  locality: "Strict" | "Loose";
  /** Most of the cluster the training tenant may hold, %. */
  quotaPercent: number;
  /** Which tenant's jobs go first in the queue; the other is the low-priority one. */
  priority: "Training first" | "Research first";
}
export const LOCALITIES = ["Strict", "Loose"] as const;
export const QUOTA_PERCENTS = [25, 50, 75, 100] as const;
export const PRIORITIES = ["Training first", "Research first"] as const;
/** Every policy the workbench can set (2 × 4 × 2 = 16). */
export const POLICIES: SchedulingPolicy[] = LOCALITIES.flatMap((locality) => QUOTA_PERCENTS.flatMap((quotaPercent) =>
  PRIORITIES.map((priority) => ({ locality, quotaPercent, priority }))));
/** Starvation bound of the plan: low-priority jobs may not wait more than 24 h. */
export const STARVATION_HOURS = 24;

/**
 * Part 2's estimates: 10 seeds of 8,000 jobs each, per policy; one update needs one policy
 * (~180,000 simulated events), the target all 16.
 */
const PART2_PLAN: EstimatePlan = { jobs: 8000, seeds: 10 };

/**
 * Part 2's experiment, run by the cluster simulator: two tenants share the cluster at the
 * track's part 2 load (`p.policy`): "training" submits gang jobs of `p.policy.gangGpus`
 * (topology-aware, the policy's locality, capped at the policy's quota), "research" submits
 * 1- and 2-GPU jobs (arrival weights 1 : 6 : 3), all of mean length `p.policy.jobHours`;
 * the policy's priority decides which tenant's queue goes first (EASY backfill behind it).
 * The part 2 load and job lengths are heavy enough on every track that some policy starves
 * the low-priority tenant past 24 h, so the starvation bound shapes the answer. `gang: false` lets the training jobs start on whatever is free and
 * grow (the lock's non-gang comparison). One run per seed of PART2_PLAN, memoised.
 * @throws SimulationBudgetError if a run stops at RUN_EVENT_BUDGET
 */
export function part2Runs(p: FleetOrchParams, policy: SchedulingPolicy, gang = true): ClusterReport[] {
  return seedsOf(PART2_PLAN).map((seed) => requireFinished(part2Run(p, policy, gang, seed, jobsOf(PART2_PLAN))));
}
/** Part 2's training gang job class, as the simulator's report names it. */
const GANG_CLASS = "training gang";
const part2Run = memoizeRuns(
  (p: FleetOrchParams, policy: SchedulingPolicy, gang: boolean, seed: number, jobs: number) => JSON.stringify([p.shape, p.policy, p.serviceCv, policy, gang, seed, jobs]),
  (p, policy, gang, seed, jobs) => {
    const total = nodesOf(p.shape) * p.shape.gpusPerNode, gangGpus = p.policy.gangGpus;
    const job = { meanServiceHours: p.policy.jobHours, serviceCv: p.serviceCv };
    const trainingFirst = policy.priority === "Training first";
    return simulateCluster({
      ...p.shape, jobs, load: p.policy.load, placement: "best-fit", queueOrder: "priority", backfill: "easy", warmupFraction: WARMUP_FRACTION,
      starvationThresholdHours: STARVATION_HOURS, fragmentationJobGpus: gangGpus, maxEvents: RUN_EVENT_BUDGET,
      tenants: [{ name: "training", quotaGpus: Math.max(gangGpus, Math.round((policy.quotaPercent / 100) * total)) }, { name: "research" }],
      jobClasses: [
        { name: GANG_CLASS, gpus: gangGpus, weight: 1, ...job, tenant: 0, priority: trainingFirst ? 1 : 0, cpusPerGpu: JOB_CPUS_PER_GPU,
          placement: "topology-aware", locality: policy.locality === "Strict" ? "strict" : "loose", gang },
        { name: "research 1-GPU", gpus: 1, weight: 6, ...job, tenant: 1, priority: trainingFirst ? 0 : 1 },
        { name: "research 2-GPU", gpus: 2, weight: 3, ...job, tenant: 1, priority: trainingFirst ? 0 : 1 },
      ],
    }, seed);
  });

/** What part 2 shows of a policy: its runs' figures averaged over the seeds (after the warm-up). */
export interface PolicyEstimate {
  /** Cluster MFU while jobs arrive, %. */
  mfu: Estimate;
  /** Mean wait of all users, h; completed jobs per hour; arrival rate per hour. */
  wait: Estimate; throughput: number; arrivalRate: number;
  /** 99th percentile of the low-priority tenant's waits, h (the starvation test). */
  lowP99: Estimate;
  /** Mean hops around a job's ring. */
  hops: number;
  /** The DRF symbols of the training tenant (see drfScope). */
  drf: Record<string, number>;
}
const mean = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
export function part2Estimate(p: FleetOrchParams, policy: SchedulingPolicy, gang = true): PolicyEstimate {
  const runs = part2Runs(p, policy, gang);
  const scopes = runs.map(drfScope);
  return {
    mfu: estimateOf(runs.map((r) => 100 * r.mfuWhileArriving)),
    wait: estimateOf(runs.map((r) => r.wait.meanHours)),
    throughput: mean(runs.map((r) => r.throughputJobsPerHour)), arrivalRate: mean(runs.map((r) => r.arrivalRatePerHour)),
    lowP99: estimateOf(runs.map((r) => r.waitByPriority[r.waitByPriority.length - 1].p99Hours)),
    hops: mean(runs.map((r) => r.hops.meanRingHopsPerJob)),
    drf: Object.fromEntries(Object.keys(scopes[0]).map((k) => [k, mean(scopes.map((sc) => sc[k]))])),
  };
}
/**
 * A policy starves the low-priority tenant when its 99th-percentile wait exceeds 24 h. Not
 * the longest wait: the maximum of a run grows with the run's length, a percentile of the
 * steady state does not.
 */
export const starves = (e: PolicyEstimate) => e.lowP99.mean > STARVATION_HOURS;

/** Part 2's three choices: locality, quota (a percentage, "25%") and priority. */
type PolicyValues = { readonly locality: SchedulingPolicy["locality"]; readonly quota: string; readonly priority: SchedulingPolicy["priority"] };
const policyOf = (v: PolicyValues): SchedulingPolicy => ({ locality: v.locality, quotaPercent: Number(v.quota.replace("%", "")), priority: v.priority });
const policyLabel = (q: SchedulingPolicy) => `${q.locality}, ${q.quotaPercent}%, ${q.priority}`;
/** The distinct policies among the settings tried, oldest first (the current one last). */
const triedPolicies = (explored: readonly PolicyValues[]): SchedulingPolicy[] =>
  [...new Map(explored.map((v) => [policyLabel(policyOf(v)), policyOf(v)])).values()];

/**
 * The 10-iteration target: among the 16 policies, the one with the highest cluster MFU whose
 * low-priority jobs do not starve (99th-percentile wait ≤ 24 h), averaged over the seeds.
 * @throws Error naming the track's parameters if every policy starves the low-priority tenant
 */
export function bestPolicy(p: FleetOrchParams): { policy: SchedulingPolicy; estimate: PolicyEstimate } {
  let best: { policy: SchedulingPolicy; estimate: PolicyEstimate } | null = null;
  for (const policy of POLICIES) {
    const estimate = part2Estimate(p, policy);
    if (starves(estimate)) continue;
    if (!best || estimate.mfu.mean > best.estimate.mfu.mean) best = { policy, estimate };
  }
  if (!best) throw new Error(`mission 08 part 2: every policy's low-priority 99th-percentile wait exceeds ${STARVATION_HOURS} h at load ${p.policy.load} (policyGangGpus ${p.policy.gangGpus}, policyJobHours ${p.policy.jobHours})`);
  return best;
}

/** Switch hops a ring's slowest link can cross (switchHops): one node, one leaf switch, leaf–spine–leaf. */
export const HOP_TIERS = [0, 1, 3] as const;

/** Where part 2 placed the training gang's rings and what their all-reduce costs there. */
export interface GangRing {
  /** Share of the gang's rings whose slowest link crossed h switches, by h (0..3), over the seeds. */
  hopShares: number[];
  /** Mean switch hops of the slowest link, and the mean AllReduce per step on the track's ring fabric, ms. */
  meanMaxHops: number;
  allReduceMs: number;
}

/**
 * The Topology Lottery: the training gang's placements in part 2's runs under `policy` (the
 * simulator's hop profile of the gang class, averaged over the seeds), costed on the track's
 * ring fabric: AllReduce = Σ_h share_h · hopAllReduceSeconds(gang, h, p.ring). The MFU gauge
 * counts the model's default fabric; Edge Guardian's ring is its perception model's.
 */
export function gangRing(p: FleetOrchParams, policy: SchedulingPolicy): GangRing {
  const profiles = part2Runs(p, policy).map((r) => r.hopsByClass.find((c) => c.name === GANG_CLASS)!.maxHopsShare);
  const hopShares = profiles[0].map((_, h) => mean(profiles.map((sh) => sh[h])));
  const weighted = (f: (h: number) => number) => hopShares.reduce((a, share, h) => a + share * f(h), 0);
  return { hopShares, meanMaxHops: weighted((h) => h), allReduceMs: weighted((h) => 1e3 * hopAllReduceSeconds(p.policy.gangGpus, h, p.ring)) };
}

/**
 * The Topology Lottery plot's rows: the α–β ring at each hop tier, the track's loop (if any),
 * and the gang's placements: each tier its rings landed on, with its share, and their mean.
 */
function topologyLotteryRows(p: FleetOrchParams, policy: SchedulingPolicy): Row[] {
  const ring = gangRing(p, policy);
  return [
    ...HOP_TIERS.map((h) => ({ hops: h, allreduce_ms: 1e3 * hopAllReduceSeconds(p.policy.gangGpus, h, p.ring), series: `${p.policy.gangGpus}-GPU ring at h hops (α–β)` })),
    ...(p.loopBudgetMs === null ? [] : HOP_TIERS.map((h) => ({ hops: h, allreduce_ms: p.loopBudgetMs!, series: `${p.loopBudgetMs} ms safety loop` }))),
    // The lottery: a point per tier the scheduler put the gang's rings on, named by its share of them.
    ...HOP_TIERS.filter((h) => ring.hopShares[h] > 0).map((h) => ({
      hops: h, allreduce_ms: 1e3 * hopAllReduceSeconds(p.policy.gangGpus, h, p.ring), series: `your gang: ${Math.round(100 * ring.hopShares[h])}% of rings`,
    })),
    { hops: ring.meanMaxHops, allreduce_ms: ring.allReduceMs, series: "your gang: mean over its rings" },
  ];
}

/**
 * The Heterogeneous Mess's dispatch estimate: 4 seeds of 2,000 models. At 90 % dropout the
 * rate's standard error is then ~0.3 %; one setting is ~16,000 simulated events.
 */
const DISPATCH_PLAN: EstimatePlan = { jobs: 2000, seeds: 4 };
/**
 * Offered load of the dispatches (device-hours per device-hour of the fleet): light, so a
 * model sent anywhere lands on a device close to uniformly at random (a busy device is rarely
 * skipped) and the capability-aware scheduler keeps the 5 % of V3s about half busy.
 */
const DISPATCH_LOAD = 0.03;

/**
 * The Heterogeneous Mess, run by the cluster simulator: models arrive at the fleet (one device
 * each, in the fleet's mix) and a scheduler places each on a free device at random, either on
 * any device (capability-blind: a model that does not fit its device drops out) or only on
 * devices whose memory holds it (capability-aware). One run per seed of DISPATCH_PLAN, memoised.
 */
const dispatchRun = memoizeRuns(
  (f: HearableFleet, jobHours: number, aware: boolean, seed: number, jobs: number) => JSON.stringify([f, jobHours, aware, seed, jobs]),
  (f, jobHours, aware, seed, jobs) => simulateCluster({
    racks: 1, nodesPerRack: f.devices, gpusPerNode: 1, jobs, load: DISPATCH_LOAD, placement: "random", queueOrder: "fifo",
    generations: generationsOf(f), capabilityAware: aware, maxEvents: RUN_EVENT_BUDGET,
    jobClasses: modelClassesOf(f, jobHours),
  }, seed));

/**
 * Job dropout, % of dispatched models: on a heterogeneous fleet the simulator's dropoutRate
 * over the dispatch runs; a track without one (a single generation) drops nothing, as part 2's
 * runs of its cluster report.
 */
export function jobDropoutPercent(p: FleetOrchParams, capabilityAware: boolean, policy: SchedulingPolicy): number {
  const runs = p.fleet
    ? seedsOf(DISPATCH_PLAN).map((seed) => requireFinished(dispatchRun(p.fleet!, p.jobHours, capabilityAware, seed, jobsOf(DISPATCH_PLAN))))
    : part2Runs(p, policy);
  return 100 * mean(runs.map((r) => r.dropoutRate));
}
const schedulerLabel = (aware: boolean) => (aware ? "Capability-aware" : "Capability-blind");

/** The track's default policy (the workbench's starting point and the lock's setting). */
export const DEFAULT_POLICY: SchedulingPolicy = { locality: "Strict", quotaPercent: 100, priority: "Training first" };
/**
 * Where part 2's workbench starts: a conservative tight quota, which is the best policy on no
 * track, so the MFU gauge does not open on the target's value.
 */
export const START_POLICY: SchedulingPolicy = { locality: "Strict", quotaPercent: 25, priority: "Training first" };

/** Part 3's estimates: 8 seeds of 400 jobs per setting; the same seed gives both rings the same jobs and reclaims. */
const PART3_PLAN: EstimatePlan = { jobs: 400, seeds: 8 };
/**
 * The part 3 lock's plan: at 20 % spot the two rings differ by only 1-2 % on Edge Guardian,
 * within 8 seeds' spread, so the lock (computed once, not per update) averages 32.
 */
const PART3_LOCK_PLAN: EstimatePlan = { jobs: 400, seeds: 32 };

/**
 * Part 3's experiment, run by the cluster simulator: the track's gang training jobs at its
 * load, a share `spotShare` of the nodes spot (each reclaimed every `spotMtbfHours` on average,
 * back after `spotRestoreHours`). Static: a reclaim stops the job, rolls it back to its last
 * checkpoint and re-queues it; when it starts again it first restarts for restartSeconds (a
 * reclaim meanwhile loses the restart); elastic: it keeps its surviving GPUs and re-forms the
 * ring (rescaleSeconds). Checkpoints every Daly optimum for the job's spot MTBF (spotMtbfHours
 * over the spot nodes it spans). One run per seed of PART3_PLAN (the same seed gives static
 * and elastic the same jobs and reclaims), memoised.
 * @throws SimulationBudgetError if a run stops at RUN_EVENT_BUDGET
 */
export function part3Runs(p: FleetOrchParams, spotShare: number, mode: "static" | "elastic", spotMtbfHours = p.spotMtbfHours, plan = PART3_PLAN): ClusterReport[] {
  // Without spot nodes the ring never re-forms: one run serves both modes.
  const m = spotShare > 0 ? mode : "static";
  return seedsOf(plan).map((seed) => requireFinished(part3Run(p, spotShare, m, spotMtbfHours, seed, jobsOf(plan))));
}
const part3Run = memoizeRuns(
  (p: FleetOrchParams, spotShare: number, mode: "static" | "elastic", spotMtbfHours: number, seed: number, jobs: number) => JSON.stringify([p, spotShare, mode, spotMtbfHours, seed, jobs]),
  (p, spotShare, mode, spotMtbfHours, seed, jobs) => {
    const spotNodesPerJob = Math.max(1, spotShare * Math.ceil(p.jobGpus / p.shape.gpusPerNode));
    const intervalHours = dalyInterval(p.checkpointSeconds, (spotMtbfHours * 3600) / spotNodesPerJob) / 3600;
    return simulateCluster({
      ...p.shape, jobs, load: p.spotLoad, placement: "best-fit", queueOrder: "fifo", backfill: "easy", maxEvents: RUN_EVENT_BUDGET, warmupFraction: WARMUP_FRACTION,
      jobClasses: [{ name: "training", gpus: p.jobGpus, meanServiceHours: p.jobHours, serviceCv: p.serviceCv, cpusPerGpu: JOB_CPUS_PER_GPU }],
      spot: { spotFraction: spotShare, meanHoursBetweenPreemptions: spotMtbfHours, meanHoursToRestore: p.spotRestoreHours, mode,
        checkpointIntervalHours: intervalHours, restartOverheadHours: p.restartSeconds / 3600, rescaleOverheadHours: p.rescaleSeconds / 3600 },
    }, seed);
  });

/** Mean time to converge (arrival to completion, h) of the training jobs after the warm-up, averaged over the seeds. */
export const convergeHours = (p: FleetOrchParams, spotShare: number, mode: "static" | "elastic", spotMtbfHours = p.spotMtbfHours): number =>
  convergeEstimate(p, spotShare, mode, spotMtbfHours).mean;
const convergeEstimate = (p: FleetOrchParams, spotShare: number, mode: "static" | "elastic", spotMtbfHours = p.spotMtbfHours): Estimate =>
  estimateOf(part3Runs(p, spotShare, mode, spotMtbfHours).map((r) => r.completion.meanHours));
/** Static over elastic time to converge at `spotShare` (the CFO's ratio): the mean of the seeds' ratios (same jobs, same reclaims). */
export const staticOverElastic = (p: FleetOrchParams, spotShare: number, spotMtbfHours = p.spotMtbfHours, plan = PART3_PLAN): Estimate => {
  const st = part3Runs(p, spotShare, "static", spotMtbfHours, plan), el = part3Runs(p, spotShare, "elastic", spotMtbfHours, plan);
  return estimateOf(st.map((r, i) => r.completion.meanHours / el[i].completion.meanHours));
};
/**
 * GPU-hours a training job holds, on average over the seeds: what its nodes are paid for (compute,
 * restarts and the rework after a rollback; not its time in the queue). Busy GPU-hours of the run
 * (utilisation × GPUs × makespan) over the jobs it completed: every job completes (requireFinished).
 */
const paidGpuHoursPerJob = (p: FleetOrchParams, spotShare: number, mode: "static" | "elastic", spotMtbfHours: number): number =>
  mean(part3Runs(p, spotShare, mode, spotMtbfHours).map((r) => (r.utilization * r.totalGpus * r.makespanHours) / r.jobsCompleted));
/**
 * Training cost at spot share s against all on-demand (the CFO's bet), as a fraction:
 *   cost = (1 − s·d) · H(s, ring, M) / H(0)
 * with d the spot discount, H the GPU-hours a job holds (paidGpuHoursPerJob) and H(0) a static
 * ring on no spot nodes. Spot and on-demand GPUs are held in proportion to s. Below 1 the spot
 * move saves money. A static ring's restarts and rework eat into the discount, past 1 at frequent
 * reclaims (Cloud Titan, all spot, a reclaim per node every 5 h: 1.25); an elastic ring holds
 * fewer GPUs while nodes are away and can come in under 1 − s·d.
 * Worked example: d = 0.6, s = 1, a job holding 1.5× the GPU-hours → 0.4 × 1.5 = 0.6 of on-demand.
 */
export const costVsOnDemand = (p: FleetOrchParams, spotShare: number, mode: "static" | "elastic", spotMtbfHours = p.spotMtbfHours): number =>
  ((1 - spotShare * p.spotDiscount) * paidGpuHoursPerJob(p, spotShare, mode, spotMtbfHours)) / paidGpuHoursPerJob(p, 0, "static", p.spotMtbfHours);
/** The cost at part 3's corners, both rings, and without spot. */
const part3CostCorners = (p: FleetOrchParams) => [costVsOnDemand(p, 0, "static"),
  ...part3Corners(p).flatMap(({ spot, mtbf }) => (["static", "elastic"] as const).map((mode) => costVsOnDemand(p, spot, mode, mtbf)))];

/**
 * The settings part 3's dials are sized from: the default and top spot shares (20 %, 100 %) with
 * reclaims at the scrubber's default and ends (¼×, 16×), all but all-spot at the shortest
 * interval: there a static ring cannot keep up with the load on any track, its time to converge
 * grows with the trace and its figures are a transient (a dial widens to show them).
 */
const part3Corners = (p: FleetOrchParams) =>
  [0.2, 1].flatMap((spot) => [p.spotMtbfHours / 4, p.spotMtbfHours, p.spotMtbfHours * 16].filter((mtbf) => spot < 1 || mtbf > p.spotMtbfHours / 4)
    .map((mtbf) => ({ spot, mtbf })));
/** Static / elastic at part 3's corners. */
const part3RatioCorners = (p: FleetOrchParams) => part3Corners(p).map(({ spot, mtbf }) => staticOverElastic(p, spot, mtbf).mean);

export const fleetOrch = defineMission({
  id: "08_fleet_orch",
  title: "Mission 08 · Scheduling is the Compiler of the Cluster",
  chapter: {
    title: "Fleet Orchestration: The Cluster Scheduler",
    invariant: "The Allocation Invariant (Packing Efficiency vs. Interconnect Locality) and the Utilization Paradox.",
    struggle:
      "At scale, \"Scheduling is the Compiler of the Cluster.\" Navigate the trade-off between Bin Packing (maximizing node density) " +
      "and Topology Awareness (minimizing network hops), and see how fragmentation kills large-job throughput.",
    minutes: 45,
  },
  tracks: {
    cloud_titan: { persona: "LLM Architect", northStar: "Maximize Llama-3-70B serving.", crisisTitle: "The Fragmentation Trap.",
      crisis: "You have 100 free GPUs, but they are scattered across 50 racks. Your 64-GPU 'Gang Job' is stuck in the queue because it needs a contiguous 'Rail-Optimized' block." },
    edge_guardian: { persona: "AV Systems Lead", northStar: "Deterministic 10ms safety loop.", crisisTitle: "The Topology Lottery.",
      crisis: "Your AV perception job was scheduled on two nodes separated by 3 network hops. The AllReduce latency just jumped from 1ms to 15ms, breaking the safety loop." },
    mobile_nomad: { persona: "AR Glasses Dev", northStar: "60FPS AR translation.", crisisTitle: "The Elastic Preemption.",
      crisis: "You are using 'Spot Instances' to save 80% on cloud rendering. The provider just reclaimed your nodes mid-frame. You must implement 'Dynamic Re-scaling'." },
    tiny_pioneer: { persona: "Hearable Lead", northStar: "Neural isolation in <10ms under 1mW.", crisisTitle: "The Heterogeneous Mess.",
      crisis: "Your fleet has V1, V2, and V3 hearables. The scheduler is sending heavy models to low-power nodes, causing 100% 'Job Dropout'." },
  },
  defaultTrack: "cloud_titan",
  params: trackParams,
  visuals: {
    primary: "ClusterHeatmap",
    secondary: "WaitTime_vs_MFU_Plot",
    mathPeek: "Toggle for Dominant Resource Fairness (DRF) and Bin Packing complexity.",
  },
  parts: [
    {
      id: "fragmentation_audit",
      title: "The Fragmentation Audit",
      kind: "Exploration",
      minutes: 15,
      objective: "Quantify the Scheduling Delay caused by resource fragmentation.",
      lock: {
        kind: "choice",
        question: "If a cluster is 90% full, will a job requiring 8 contiguous GPUs wait longer or shorter than a job requiring 8 random GPUs?",
        choices: ["Longer", "Shorter", "The same"],
        // In the same scattered cluster (everything else placed at random), same seed: only the 8-GPU job's constraint differs.
        answer: (c) => {
          const contiguous = part1GangWait(c.params, 0.9, "random", 8, true).mean, anywhere = part1GangWait(c.params, 0.9, "random", 8, false).mean;
          return contiguous > anywhere ? "Longer" : contiguous < anywhere ? "Shorter" : "The same";
        },
      },
      workbench: {
        controls: [
          { kind: "choice", id: "placement", label: "Placement (everything but your gang job)", feeds: ["simulateCluster"], choices: ["Best-Fit", "Random"], default: "Best-Fit" },
          { kind: "slider", id: "load", label: "Cluster Load", feeds: ["simulateCluster"], scale: "linear", unit: "%", min: 10, max: MAX_LOAD_PERCENT, step: 1, default: (c) => Math.round(c.params.load * 100) },
        ],
        instruments: [
          { kind: "plot", id: "heatmap", name: "ClusterHeatmap", role: "primary", mark: "rect",
            x: { field: "slot", title: "GPU slot in rack (node.gpu)", type: "ordinal" }, y: { field: "rack", title: "Rack", type: "ordinal" }, color: { field: "state", title: "GPU", type: "nominal" },
            // The simulator's occupancy snapshot (mid-run): grid[rack][node·g + gpu] = job id, −1 free (a hole), −2 reclaimed.
            compute: (v, c) => part1Snapshot(c.params, v.load / 100, background(v)).grid.flatMap((row, r) =>
              row.map((cell, s) => ({ rack: `rack ${r}`, slot: `n${Math.floor(s / c.params.shape.gpusPerNode)}.${s % c.params.shape.gpusPerNode}`, state: cell === -1 ? "free (hole)" : cell === -2 ? "reclaimed" : "busy" }))) },
          { kind: "gauge", id: "unusable", name: "Free GPUs the contiguous gang job cannot use", unit: "%", min: 0, max: 100,
            compute: (v, c) => {
              return 100 * fragmentation(part1Snapshot(c.params, v.load / 100, background(v)).grid, c.params.shape, c.params.jobGpus, "topology-aware", "strict").unusableFraction;
            } },
          { kind: "gauge", id: "wait", name: "Scheduling delay of the contiguous gang (mean wait)", unit: "h", min: 0, max: (c) => niceCeil(part1WaitCeiling(c.params)),
            compute: (v, c) => part1GangWait(c.params, v.load / 100, background(v), c.params.jobGpus, true).mean },
          // The estimate's spread: the seeds' runs differ, so the mean wait is known to about ± 2 standard errors.
          { kind: "gauge", id: "wait_spread", name: `Contiguous gang wait: ± 2 standard errors over ${PART1_PLAN.seeds} seeds`, unit: "h", min: 0,
            max: (c) => niceCeil(Math.max(...(["best-fit", "random"] as const).map((bg) => 2 * part1GangWait(c.params, MAX_LOAD_PERCENT / 100, bg, c.params.jobGpus, true).se))),
            compute: (v, c) => 2 * part1GangWait(c.params, v.load / 100, background(v), c.params.jobGpus, true).se },
          { kind: "gauge", id: "wait_anywhere", name: "Same gang on any free GPUs (mean wait)", unit: "h", min: 0, max: (c) => niceCeil(part1WaitCeiling(c.params)),
            compute: (v, c) => part1GangWait(c.params, v.load / 100, background(v), c.params.jobGpus, false).mean },
        ],
      },
      target: {
        prompt: (c) => `With Random placement at ${Math.round(c.params.waitLoad * 100)}% load, find the mean scheduling delay (hours) of your ${c.params.jobGpus}-GPU gang job when it needs a contiguous block ` +
          `(simulated, steady state: ${PART1_PLAN.seeds} seeds of ${PART1_PLAN.jobs.toLocaleString("en-US")} jobs; the gauge beside it shows the estimate's spread).`,
        // Not 5 %: the 10-seed mean's relative standard error is up to ~8 % (Cloud Titan), so two independent estimates
        // (another 10 seeds, a trace twice as long) differ by up to ~3 standard errors of a difference, ~0.3 of the value.
        unit: "h", tolerance: PART1_TOLERANCE, maxAttempts: 10,
        compute: (c) => part1GangWait(c.params, c.params.waitLoad, "random", c.params.jobGpus, true).mean,
      },
      reflect: { prompt: "Patterson asks: 'Why is fragmentation an economic killer for the Cloud Titan?' (Reference the opportunity cost of idle silicon.)", minWords: 40 },
      mathPeek: [
        // The M/G/1 queue's mean wait at the slider's load, for the track's job lengths (mean, variability).
        { label: "Pollaczek-Khinchine wait", expression: "W_q = rho / (1 - rho) * (1 + C_s ^ 2) / 2 * E_S", unit: "h",
          scope: (v, c) => ({ rho: v.load / 100, C_s: c.params.serviceCv, E_S: c.params.jobHours }) },
        // The "unusable" gauge's snapshot: free GPUs a contiguous gang of the track's size cannot use.
        { label: "Unusable share", expression: "f_unusable = unusable_gpus / free_gpus",
          scope: (v, c) => {
            const f = fragmentation(part1Snapshot(c.params, v.load / 100, background(v)).grid, c.params.shape, c.params.jobGpus, "topology-aware", "strict");
            return { unusable_gpus: f.unusableGpus, free_gpus: f.freeGpus };
          } },
      ],
    },
    {
      id: "topology_penalty",
      title: "The Topology Penalty",
      kind: "Trade-off",
      minutes: 15,
      objective: "Balance Fairness (sharing the cluster) vs. Locality (keeping jobs on one switch).",
      lock: {
        kind: "choice",
        question: "Does 'Gang Scheduling' increase or decrease the average wait-time for all users in the fleet?",
        choices: ["Increase", "Decrease"],
        // The simulator, same seed and jobs: the training gangs wait for all their GPUs at once, or start on what is free and grow.
        answer: (c) => (part2Estimate(c.params, DEFAULT_POLICY, true).wait.mean > part2Estimate(c.params, DEFAULT_POLICY, false).wait.mean ? "Increase" : "Decrease"),
      },
      workbench: {
        controls: [
          { kind: "choice", id: "locality", label: "Locality Constraint (Strict: one rack; Loose: anywhere)", feeds: ["simulateCluster"], choices: [...LOCALITIES], default: START_POLICY.locality },
          { kind: "choice", id: "quota", label: "Quota Limits (most of the cluster the training tenant may hold)", feeds: ["simulateCluster"], choices: QUOTA_PERCENTS.map((q) => `${q}%`), default: `${START_POLICY.quotaPercent}%` },
          { kind: "choice", id: "priority", label: "Priority Level (whose queue goes first)", feeds: ["simulateCluster"], choices: [...PRIORITIES], default: START_POLICY.priority },
          // Off: the scheduler of the Heterogeneous Mess, which sends any model to any device.
          { kind: "toggle", id: "capability_aware", label: "Capability-aware placement (send a model only to devices that can hold it)", feeds: ["simulateCluster"], default: false },
        ],
        instruments: [
          { kind: "plot", id: "seesaw", name: "Throughput-vs-WaitTime Seesaw", mark: "point",
            x: { field: "throughput", title: "Completed jobs per hour" }, y: { field: "wait_h", title: "Mean wait, all users (h)" }, color: { field: "policy", title: "Policy" },
            // One simulated point per policy tried so far; the selected one is labelled "yours".
            compute: (v, c, explored) => triedPolicies(explored).map((q) => {
              const e = part2Estimate(c.params, q);
              return { throughput: e.throughput, wait_h: e.wait.mean, policy: policyLabel(q) === policyLabel(policyOf(v)) ? "yours" : "tried" };
            }) },
          { kind: "plot", id: "wait_mfu", name: "WaitTime_vs_MFU_Plot", role: "secondary", mark: "point",
            x: { field: "mfu", title: "Cluster MFU (%)" }, y: { field: "low_p99_wait_h", title: "Low-priority wait, 99th percentile (h)", scale: "log" }, color: { field: "starves", title: `> ${STARVATION_HOURS} h` },
            // The policies tried so far: the frontier is the student's to map, not handed over.
            compute: (_v, c, explored) => triedPolicies(explored).map((q) => {
              const e = part2Estimate(c.params, q);
              return { mfu: e.mfu.mean, low_p99_wait_h: Math.max(0.01, e.lowP99.mean), starves: starves(e) ? "starves" : "ok", policy: policyLabel(q) };
            }) },
          { kind: "gauge", id: "mfu", name: "Cluster MFU", unit: "%", min: 0, max: 100, compute: (v, c) => part2Estimate(c.params, policyOf(v)).mfu.mean },
          // The estimate's spread over the seeds: two policies closer than this are not told apart.
          { kind: "gauge", id: "mfu_spread", name: `Cluster MFU: ± 2 standard errors over ${PART2_PLAN.seeds} seeds`, unit: "%", min: 0,
            max: (c) => niceCeil(Math.max(...POLICIES.map((q) => 2 * part2Estimate(c.params, q).mfu.se))),
            compute: (v, c) => 2 * part2Estimate(c.params, policyOf(v)).mfu.se },
          { kind: "gauge", id: "low_wait", name: "Low-priority wait, 99th percentile", unit: "h", min: 0, danger: STARVATION_HOURS,
            // The highest of the 16 policies the three choices can set (some policy starves on every track).
            max: (c) => niceCeil(Math.max(1.25 * STARVATION_HOURS, ...POLICIES.map((q) => part2Estimate(c.params, q).lowP99.mean))),
            compute: (v, c) => part2Estimate(c.params, policyOf(v)).lowP99.mean },
          { kind: "gauge", id: "hops", name: "Network Hop Gauge (mean hops around a job's ring)", unit: "hops", min: 0,
            // The most hops of the 16 policies the three choices can set (not gangGpus × the cross-rack hops: no policy comes near that).
            max: (c) => niceCeil(Math.max(...POLICIES.map((q) => part2Estimate(c.params, q).hops))),
            compute: (v, c) => part2Estimate(c.params, policyOf(v)).hops },
          // The Topology Lottery: the gang's ring costed at each hop tier (α–β) beside where the scheduler actually put it.
          { kind: "plot", id: "allreduce_hops", name: "Topology Lottery: AllReduce per step against network hops", mark: "point",
            x: { field: "hops", title: "Switch hops on the ring's slowest link" }, y: { field: "allreduce_ms", title: "AllReduce per step (ms)", scale: "log" },
            color: { field: "series", title: "" },
            compute: (v, c) => topologyLotteryRows(c.params, policyOf(v)) },
          // The Heterogeneous Mess: the settings of the placement toggle tried so far, each its simulated dropout.
          { kind: "plot", id: "dropout", name: "Job Dropout (models sent to a device that cannot hold them)", mark: "bar",
            x: { field: "scheduler", title: "Placement", type: "nominal" }, y: { field: "dropout_pct", title: "Job dropout (% of dispatched models)" }, color: { field: "setting", title: "" },
            compute: (v, c, explored) => [...new Set([...explored.map((e) => e.capability_aware), v.capability_aware])].map((aware) => ({
              scheduler: schedulerLabel(aware), dropout_pct: jobDropoutPercent(c.params, aware, policyOf(v)), setting: aware === v.capability_aware ? "yours" : "tried",
            })) },
        ],
      },
      target: {
        prompt: (c) => `On the shared cluster (${Math.round(c.params.policy.load * 100)}% load, ${c.params.policy.gangGpus}-GPU training gangs, jobs of ~${c.params.policy.jobHours} h), ` +
          `find the Scheduling Policy (locality, quota, priority) that maximises cluster MFU without letting Low-Priority jobs starve for more than ${STARVATION_HOURS} hours (99th-percentile wait); enter its cluster MFU (%).`,
        // Not 1 %: the best policies' MFUs lie within ~3 % of one another and each 10-seed estimate has a standard error
        // of up to ~2.7 % (Cloud Titan's cv-3 job lengths), so another 10 seeds or a trace twice as long can move the
        // answer (or pick a neighbouring policy) by a difference whose standard deviation is ~3.8 %; 0.1 is ~2.6 of those
        // (re-seeded with `fleetlab missions --seed 1..5` it moved by up to 8.7 %, Cloud Titan, seed 4).
        unit: "%", tolerance: 0.1, maxAttempts: 10,
        compute: (c) => bestPolicy(c.params).estimate.mfu.mean,
      },
      reflect: { prompt: "Jeff Dean observes: 'Your scheduler is fair, but our training goodput is down 40% due to cross-rack traffic.' Propose a 'Topology-Aware' placement rule.", minWords: 40 },
      mathPeek: [
        // The training tenant under the chosen policy (its quota caps u_gpu).
        { label: "Dominant Resource Fairness", expression: DRF_EXPRESSION, scope: (v, c) => part2Estimate(c.params, policyOf(v)).drf },
        // Jobs waiting on average: arrival rate × mean wait (arrival to first start), simulated under the chosen policy.
        { label: "Little's law", expression: "L = lambda * W", unit: "jobs",
          scope: (v, c) => {
            const e = part2Estimate(c.params, policyOf(v));
            return { lambda: e.arrivalRate, W: e.wait.mean };
          } },
      ],
    },
    {
      id: "elastic_buffer",
      title: "The Elastic Buffer",
      kind: "Synthesis",
      minutes: 15,
      objective: "Design an Elastic Training strategy that survives node preemption.",
      lock: {
        kind: "choice",
        question: "If 20% of your nodes are 'Spot Instances' that can be killed at any time, should your 'AllReduce' ring be static or elastic?",
        choices: ["Static", "Elastic", "No difference"],
        // The simulator's spot preemption, same seeds (PART3_LOCK_PLAN): static restart from the last checkpoint vs elastic re-forming
        // (equal times, e.g. jobs that fit on one node and cannot shrink, are "No difference", never a silent tie).
        answer: (c) => {
          const ratio = staticOverElastic(c.params, 0.2, c.params.spotMtbfHours, PART3_LOCK_PLAN).mean;
          return ratio > 1 ? "Elastic" : ratio < 1 ? "Static" : "No difference";
        },
      },
      workbench: {
        controls: [
          { kind: "slider", id: "spot", label: "Spot Intensity", feeds: ["simulateCluster"], scale: "linear", unit: "%", min: 0, max: 100, step: 10, default: 20 },
          { kind: "toggle", id: "elastic", label: "Enable Elastic-Horovod", feeds: ["simulateCluster"], default: false },
          { kind: "slider", id: "preempt_mtbf", label: "Preemption Frequency Scrubber (hours between reclaims per spot node)", feeds: ["simulateCluster", "dalyInterval"], scale: "log", unit: "h",
            min: (c) => c.params.spotMtbfHours / 4, max: (c) => c.params.spotMtbfHours * 16, step: 0.01, default: (c) => c.params.spotMtbfHours },
        ],
        instruments: [
          { kind: "gauge", id: "converge", name: "Time-to-Converge (mean, arrival to completion)", unit: "h", min: 0,
            // Slowest in the controls' worst corner: all spot, a static ring, reclaims at the scrubber's shortest interval.
            max: (c) => niceCeil(convergeHours(c.params, 1, "static", c.params.spotMtbfHours / 4)),
            compute: (v, c) => convergeHours(c.params, v.spot / 100, v.elastic ? "elastic" : "static", v.preempt_mtbf) },
          { kind: "gauge", id: "ratio", name: "Static / elastic time-to-converge", unit: "x", danger: 2,
            // From the ratio at the corners of the spot and reclaim-interval sliders (part3RatioCorners); below 1 when static wins within
            // the estimate's spread (rare reclaims); never narrower than 1 .. 1.25 × the danger line.
            min: (c) => Math.min(1, niceFloor(Math.min(...part3RatioCorners(c.params)))),
            max: (c) => niceCeil(Math.max(2.5, ...part3RatioCorners(c.params))),
            compute: (v, c) => (v.spot > 0 ? staticOverElastic(c.params, v.spot / 100, v.preempt_mtbf).mean : 1) },
          { kind: "gauge", id: "cost", name: "Training cost against all on-demand (GPU-hours held × spot or on-demand price)", unit: "%", min: 0, danger: 100,
            max: (c) => niceCeil(100 * Math.max(1.25, ...part3CostCorners(c.params))),
            compute: (v, c) => 100 * costVsOnDemand(c.params, v.spot / 100, v.elastic ? "elastic" : "static", v.preempt_mtbf) },
          // Both rings at the current setting with their spread: the mean and ± 2 standard errors over the seeds.
          { kind: "plot", id: "converge_band", name: `Time-to-converge, static vs elastic ring (mean ± 2 standard errors, ${PART3_PLAN.seeds} seeds)`, mark: "point",
            x: { field: "ring", title: "AllReduce ring", type: "nominal" }, y: { field: "converge_h", title: "Mean time to converge (h)" }, color: { field: "estimate", title: "" },
            compute: (v, c) => (["static", "elastic"] as const).flatMap((mode) => {
              const e = convergeEstimate(c.params, v.spot / 100, mode, v.preempt_mtbf), ring = mode === "elastic" ? "Elastic" : "Static";
              return [{ ring, estimate: "mean", converge_h: e.mean }, { ring, estimate: "− 2 SE", converge_h: e.mean - 2 * e.se }, { ring, estimate: "+ 2 SE", converge_h: e.mean + 2 * e.se }];
            }) },
        ],
      },
      target: {
        prompt: (c) => `Prove it to the CFO: at 100% spot, find how many times longer the static ring takes to converge than the elastic one ` +
          `(simulated at ${Math.round(c.params.spotLoad * 100)}% load, same jobs and reclaims, ${PART3_PLAN.seeds} seeds).`,
        // Not 5 %: the 8-seed ratio's standard error reaches ~6 % (Mobile Nomad), so another 8 seeds or a trace twice
        // as long moves it by up to ~10 %.
        unit: "x", tolerance: 0.1, maxAttempts: 10,
        compute: (c) => staticOverElastic(c.params, 1).mean,
      },
      stakeholder: {
        who: "CFO", role: "Finance",
        message: (c) => {
          const ratio = staticOverElastic(c.params, 1).mean;
          return ratio >= 2
            ? "Move 100% of training to Spot Instances to save $5M. Prove that without Elastic Checkpointing the Time-to-Converge will actually double due to constant restarts."
            // Without the ratio itself: it is the target, withheld until found.
            : "Move 100% of training to Spot Instances to save $5M. On this fleet the simulator says a static ring converges slower than an elastic one, but " +
              "less than double, so show what the restarts do cost and whether elastic training is still worth it.";
        },
        evidence: (c) => {
          const st = convergeHours(c.params, 1, "static"), el = convergeHours(c.params, 1, "elastic"), none = convergeHours(c.params, 0, "static");
          const r = staticOverElastic(c.params, 1);
          const pct = (mode: "static" | "elastic") => Math.round(100 * costVsOnDemand(c.params, 1, mode));
          return `All-spot, static ring: ${st.toFixed(1)} h to converge; elastic: ${el.toFixed(1)} h (${r.mean.toFixed(2)}x ± ${(2 * r.se).toFixed(2)} over ${r.seeds} seeds); no spot: ${none.toFixed(1)} h. ` +
            `Cost against all on-demand at ${Math.round(c.params.spotDiscount * 100)}% off for spot: ${pct("static")}% with a static ring, ${pct("elastic")}% with an elastic one.`;
        },
      },
      reflect: { prompt: "Defend your final 'Orchestration Policy.' Did you prioritize 'Packing Density' or 'Job Locality'? Justify how you bypassed the Utilization Paradox.", minWords: 60 },
      mathPeek: [
        // Packing one training gang onto nodes: OPT is the fewest nodes that hold it, ⌈k / g⌉ (as part3Run counts them).
        { label: "Bin packing (First-Fit Decreasing bound)", expression: "bins_FFD = 11 / 9 * OPT + 6 / 9", unit: "nodes",
          scope: (_v, c) => ({ OPT: Math.ceil(c.params.jobGpus / c.params.shape.gpusPerNode) }) },
        // The training jobs' share while spot nodes come and go (the Time-to-Converge gauge's run).
        { label: "Dominant share", expression: DRF_EXPRESSION,
          scope: (v, c) => {
            const scopes = part3Runs(c.params, v.spot / 100, v.elastic ? "elastic" : "static", v.preempt_mtbf).map(drfScope);
            return Object.fromEntries(Object.keys(scopes[0]).map((k) => [k, mean(scopes.map((sc) => sc[k]))]));
          } },
      ],
    },
  ],
});
