/**
 * The four persona tracks and, for each mission (01, 07, 08, 12), the parameters its
 * crisis implies. Every number is `Sourced`: figures from ../reference/figures.md carry
 * their source; teaching figures are `illustrative` and cite the mission plan that
 * motivates them. The mission definitions read their per-track parameters from here (`.value`).
 */
import { sourced, type Provenance, type Sourced } from "../provenance";
import { INFINIBAND_NDR } from "./fabrics";
import { H100_SXM } from "./gpus";
import { LLAMA3_70B_SIZES } from "./models";

/** Track identifiers, in the order the missions list them. */
export const TRACK_IDS = ["cloud_titan", "edge_guardian", "mobile_nomad", "tiny_pioneer"] as const;
export type TrackId = (typeof TRACK_IDS)[number];

const VERIFIED = "2026-11-22";

/** A teaching figure motivated by a mission plan's crisis. */
function plan(value: number, unit: string | null, mission: string, notes: string): Sourced {
  return sourced(value, unit, { kind: "illustrative", ref: `Mission ${mission} plan`, notes, status: "unconfirmed", verified: VERIFIED });
}

/** A figure taken from the fact sheet (figures.md) with its own provenance. */
function fact(value: number, unit: string | null, p: Omit<Provenance, "verified">): Sourced {
  return sourced(value, unit, { ...p, verified: VERIFIED });
}

/** Mission 01 (reliability gap, communication wall). */
export interface MlIntroTrack {
  crisis: string;
  nodes: Sourced;
  nodeAvailability: Sourced;
  nodeMtbfHours: Sourced;
  /** C: one worker's compute time for the global batch, s. */
  computeSeconds: Sourced;
  gradientBytes: Sourced;
  linkBytesPerSecond: Sourced;
  latencySeconds: Sourced;
  /** Peak FLOP/s of one worker (rawput per worker). */
  workerFlopsPerSecond: Sourced;
  /** Workers in the Part 3 synchronous job. */
  workers: Sourced;
  /** Part 3 step time of a worker without its tail, s, and the mean of its exponential tail, s. */
  baseSeconds: Sourced;
  tailMeanSeconds: Sourced;
  /** Extra steps to converge per step of gradient staleness (asynchronous SGD). */
  stalenessPenalty: Sourced;
}

/** Mission 07 (checkpointing, staging, SDC, resume). */
export interface FaultToleranceTrack {
  crisis: string;
  nodes: Sourced;
  nodeMtbfHours: Sourced;
  checkpointBytes: Sourced;
  remoteWriteBytesPerSecond: Sourced;
  localWriteBytesPerSecond: Sourced;
  dramStageBytesPerSecond: Sourced;
  restartSeconds: Sourced;
  sdcPerDeviceHour: Sourced;
  /** How fast the track must be back at work after an interruption, s. */
  resumeTargetSeconds: Sourced;
  /** Warning time before the state is lost (preemption notice, brown-out hold-up), s. */
  holdUpSeconds: Sourced;
  /** Length of the training run the checkpoints protect, h. */
  workHours: Sourced;
  /** The dense block the SDC detectors guard: input width, hidden width, hidden layers, output width. */
  sdcInputWidth: Sourced;
  sdcHiddenWidth: Sourced;
  sdcHiddenLayers: Sourced;
  sdcOutputWidth: Sourced;
}

/** Mission 08 (scheduling). */
export interface FleetOrchTrack {
  crisis: string;
  racks: Sourced;
  nodesPerRack: Sourced;
  gpusPerNode: Sourced;
  load: Sourced;
  jobGpus: Sourced;
  jobHours: Sourced;
  serviceCv: Sourced;
  /** All-reduce latency per extra network hop, s (the topology penalty). */
  hopPenaltySeconds: Sourced;
  /** Part 2's shared cluster: offered load, GPUs of one training gang and mean job length, h. */
  policyLoad: Sourced;
  policyGangGpus: Sourced;
  policyJobHours: Sourced;
  spotFraction: Sourced;
  spotMtbfHours: Sourced;
  /** Mean hours until the provider gives a reclaimed spot node back. */
  spotRestoreHours: Sourced;
  deviceGenerations: Sourced;
  /** Seconds a static ring loses to a restart after a reclaim; seconds an elastic ring loses to re-forming. */
  restartSeconds: Sourced;
  rescaleSeconds: Sourced;
  /** Length of the training run, h, and the time to write one checkpoint, s. */
  workHours: Sourced;
  checkpointSeconds: Sourced;
}

/** Mission 12 (operations, canary, monitoring). */
export interface OpsScaleTrack {
  crisis: string;
  models: Sourced;
  heterogeneity: Sourced;
  capexDollars: Sourced;
  fleetDevices: Sourced;
  requestsPerSecond: Sourced;
  canaryFraction: Sourced;
  failureRate: Sourced;
  confidence: Sourced;
  regions: Sourced;
  /** Labelled frames the downstream classifier of the ensemble was trained on (part 3). */
  skewTrainFrames: Sourced;
}

export interface Track {
  id: TrackId;
  name: string;
  persona: string;
  northStar: string;
  missions: { "01": MlIntroTrack; "07": FaultToleranceTrack; "08": FleetOrchTrack; "12": OpsScaleTrack };
}

// Catalog figures used by the tracks: one definition each, in gpus.ts / fabrics.ts / models.ts.
/** Llama-3-70B gradients, bf16 (2 B/param) — the data-parallel all-reduce payload. */
const LLAMA3_GRADS = LLAMA3_70B_SIZES.bf16WeightsBytes;
const NDR_400G = INFINIBAND_NDR.bytesPerSecond;
const THREE_NINES = plan(0.999, null, "01", "The part 1 lock's 'Three Nines' per node");
const CAPEX = plan(500_000, "USD", "12", "The part 1 lock's $500k platform investment");
const ONE_IN_1000 = plan(0.001, null, "12", "The part 2 lock's '1-in-1,000' edge case");
const C95 = plan(0.95, null, "12", "The part 2 lock's 95% confidence");
const REGIONS = plan(10, null, "12", "Mobile Nomad's 10 regions; used for every track's slice view");
const SDC_LLAMA = fact(6 / 21_233_664, "1/h", {
  kind: "derived", ref: "figures.md §1.3, Llama 3 SDC", status: "derived",
  notes: "6 SDC interruptions / (16,384 GPUs × 1,296 h) ≈ 2.8e-7 per device-hour",
});

/** The four tracks; the mission definitions read their parameters from this table. */
export const TRACKS: Readonly<Record<TrackId, Track>> = Object.freeze({
  cloud_titan: {
    id: "cloud_titan", name: "Cloud Titan", persona: "LLM Architect", northStar: "Maximize Llama-3-70B serving.",
    missions: {
      "01": {
        crisis: "The 25k GPU Wall",
        nodes: plan(25_000, null, "01", "A pod of 25,000 GPUs"),
        nodeAvailability: THREE_NINES,
        nodeMtbfHours: fact(50_677, "h", { kind: "derived", ref: "figures.md §1.1, GPU-hours per unexpected interruption (Llama 3)", status: "derived", notes: "16,384 × 1,296 / 419" }),
        computeSeconds: plan(20_000, "s", "01", "One H100's compute for the global batch; sets where the wall falls"),
        gradientBytes: LLAMA3_GRADS,
        linkBytesPerSecond: NDR_400G,
        latencySeconds: plan(1e-3, "s", "01", "Per-step all-reduce latency incl. software overhead"),
        workerFlopsPerSecond: H100_SXM.denseBf16FlopsPerSecond,
        workers: plan(1024, null, "01", "Synchronous data-parallel job of Part 3"), baseSeconds: plan(1, "s", "01", "Step time without the tail"),
        tailMeanSeconds: plan(0.1, "s", "01", "Mean straggler tail per worker"), stalenessPenalty: plan(0.01, null, "01", "Convergence cost of staleness"),
      },
      "07": {
        crisis: "The Checkpoint Storm",
        nodes: plan(16_384, null, "07", "The 16,384-GPU cluster (Llama 3 scale, figures.md §1.1)"),
        nodeMtbfHours: plan(65_536, "h", "07", "Chosen so the fleet MTBF is the plan's 4 h: 4 × 16,384"),
        checkpointBytes: fact(987.8e9, "B", { kind: "derived", ref: "figures.md §2, Llama-3-70B at 14 B/param", status: "derived", notes: "70.55e9 × 14 B" }),
        remoteWriteBytesPerSecond: plan(25e9, "B/s", "07", "Blocking writes to an object store, aggregate"),
        localWriteBytesPerSecond: plan(2048 * 6.9e9, "B/s", "07", "2,048 nodes × 6.9 GB/s PCIe 4.0 NVMe write (figures.md §2)"),
        dramStageBytesPerSecond: plan(16_384 * 64e9, "B/s", "07", "16,384 GPUs × 64 GB/s PCIe Gen5 to host DRAM (figures.md §3)"),
        restartSeconds: plan(600, "s", "07", "Job restart after a failure"),
        sdcPerDeviceHour: SDC_LLAMA,
        resumeTargetSeconds: plan(600, "s", "07", "Restart budget of a training job"),
        holdUpSeconds: plan(30, "s", "07", "Grace period between a preemption notice and the kill"),
        workHours: plan(720, "h", "07", "A 30-day pre-training run"),
        sdcInputWidth: fact(8192, null, { kind: "derived", ref: "figures.md §2 ★, Llama-3-70B config (d = 8192, FFN 28,672)", status: "derived", notes: "One FFN block: d_model in" }),
        sdcHiddenWidth: fact(28_672, null, { kind: "derived", ref: "figures.md §2 ★, Llama-3-70B config (d = 8192, FFN 28,672)", status: "derived", notes: "FFN hidden width" }),
        sdcHiddenLayers: plan(1, null, "07", "One FFN block (up-projection, ReLU stand-in for SwiGLU, down-projection)"),
        sdcOutputWidth: fact(8192, null, { kind: "derived", ref: "figures.md §2 ★, Llama-3-70B config (d = 8192, FFN 28,672)", status: "derived", notes: "One FFN block: d_model out" }),
      },
      "08": {
        crisis: "The Fragmentation Trap",
        racks: plan(8, null, "08", "Teaching cluster"), nodesPerRack: plan(8, null, "08", "Teaching cluster"), gpusPerNode: plan(8, null, "08", "HGX-style 8-GPU nodes"),
        load: plan(0.9, null, "08", "The part 1 lock's 90% full cluster"),
        jobGpus: plan(64, null, "08", "The 64-GPU gang job"),
        jobHours: plan(6, "h", "08", "Mean job length"), serviceCv: plan(3, null, "08", "Heavy-tailed job lengths"),
        hopPenaltySeconds: plan(1e-3, "s", "08", "Added all-reduce latency per cross-rack hop"),
        policyLoad: plan(0.9, null, "08", "The part 1 lock's 90% full cluster"), policyGangGpus: plan(64, null, "08", "The 64-GPU gang job"),
        policyJobHours: plan(6, "h", "08", "Mean job length"),
        spotFraction: plan(0.2, null, "08", "The part 3 lock's 20% spot nodes"), spotMtbfHours: plan(20, "h", "08", "Mean time between reclaims of one spot node. At 100% spot a 64-GPU gang spans 8 spot nodes, so it is hit every 2.5 h on average; with the 30-minute static restart plus rollback to the last checkpoint the simulated time to converge more than doubles against an elastic ring (mission 08 part 3, the CFO challenge). Spot capacity is discounted because it can be preempted (figures.md §4, reserved / spot discounts)"),
        spotRestoreHours: plan(1, "h", "08", "Reclaimed GPU capacity returns within about an hour"),
        deviceGenerations: plan(1, null, "08", "Homogeneous H100 fleet"),
        restartSeconds: plan(1800, "s", "08", "Static ring: reload and re-initialise 64 GPUs"), rescaleSeconds: plan(60, "s", "08", "Elastic ring re-forms"),
        workHours: plan(336, "h", "08", "A two-week training run"), checkpointSeconds: plan(300, "s", "08", "Checkpoint write"),
      },
      "12": {
        crisis: "The N-Models Explosion",
        models: plan(50, null, "12", "50 LLM versions"), heterogeneity: plan(0.3, null, "12", "Share of entangled model pairs"),
        capexDollars: CAPEX, fleetDevices: plan(25_000, null, "12", "Serving GPUs"),
        requestsPerSecond: plan(2000, "Hz", "12", "An LLM API's request rate"), canaryFraction: plan(0.01, null, "12", "1% canary"),
        failureRate: ONE_IN_1000, confidence: C95, regions: REGIONS,
        skewTrainFrames: plan(20_000, null, "12", "Labelled examples behind a served model's downstream head"),
      },
    },
  },
  edge_guardian: {
    id: "edge_guardian", name: "Edge Guardian", persona: "AV Systems Lead", northStar: "Deterministic 10ms safety loop.",
    missions: {
      "01": {
        crisis: "The Global Fleet Sync",
        nodes: plan(500_000, null, "01", "500,000 autonomous taxis"),
        nodeAvailability: plan(0.9999, null, "01", "Automotive-grade compute"),
        nodeMtbfHours: plan(10_000, "h", "01", "Per-vehicle compute MTBF"),
        computeSeconds: plan(600, "s", "01", "Perception-model training compute per global batch"),
        gradientBytes: plan(0.2e9, "B", "01", "100 M-parameter perception model, fp16"),
        linkBytesPerSecond: plan(12.5e9, "B/s", "01", "100 GbE (figures.md §3)"),
        latencySeconds: plan(50e-6, "s", "01", "Kernel TCP/IP latency (figures.md §3, unconfirmed)"),
        workerFlopsPerSecond: plan(254e12, "FLOP/s", "01", "Automotive SoC peak"),
        workers: plan(256, null, "01", "Synchronous job of Part 3"), baseSeconds: plan(0.01, "s", "01", "Step time without the tail"),
        tailMeanSeconds: plan(0.002, "s", "01", "Mean straggler tail"), stalenessPenalty: plan(0.02, null, "01", "Convergence cost of staleness"),
      },
      "07": {
        crisis: "The Silent Corruption (SDC)",
        nodes: plan(64, null, "07", "Training nodes for the perception model"),
        nodeMtbfHours: plan(20_000, "h", "07", "Per-node MTBF"),
        checkpointBytes: plan(2e9, "B", "07", "Perception model + optimizer state"),
        remoteWriteBytesPerSecond: plan(0.1e9, "B/s", "07", "Remote store"), localWriteBytesPerSecond: plan(3.5e9, "B/s", "07", "PCIe 3.0 NVMe (figures.md §2)"),
        dramStageBytesPerSecond: plan(38.4e9, "B/s", "07", "One DDR5-4800 channel (figures.md §2)"),
        restartSeconds: plan(5, "s", "07", "Restart"),
        sdcPerDeviceHour: fact(1e-3 / 8766, "1/h", { kind: "estimate", ref: "figures.md §1.3, Meta SDC prevalence ≈ 1 in 1,000 devices", status: "derived", notes: "1 in 1,000 devices per year of service, as a rate" }),
        resumeTargetSeconds: plan(0.01, "s", "07", "The 10 ms safety loop (persona, figures.md §7 unconfirmed)"),
        holdUpSeconds: plan(0.05, "s", "07", "Supply hold-up of the vehicle computer after a power fault"),
        workHours: plan(24, "h", "07", "A day of perception training"),
        sdcInputWidth: plan(8, null, "07", "The traffic-light perception model's 8 features (perception-model.ts)"),
        sdcHiddenWidth: plan(32, null, "07", "Its hidden width"), sdcHiddenLayers: plan(2, null, "07", "Its two hidden layers"),
        sdcOutputWidth: plan(3, null, "07", "Red, yellow, green"),
      },
      "08": {
        crisis: "The Topology Lottery",
        racks: plan(4, null, "08", "Teaching cluster"), nodesPerRack: plan(8, null, "08", "Teaching cluster"), gpusPerNode: plan(8, null, "08", "8-GPU nodes"),
        load: plan(0.8, null, "08", "Cluster load"), jobGpus: plan(16, null, "08", "Perception training gang"),
        jobHours: plan(2, "h", "08", "Mean job length"), serviceCv: plan(2, null, "08", "Job-length variability"),
        hopPenaltySeconds: plan(14e-3 / 3, "s", "08", "1 ms → 15 ms over 3 hops: 4.67 ms per hop"),
        policyLoad: plan(0.9, null, "08", "The shared perception cluster during the nightly retraining burst, 90% full"),
        policyGangGpus: plan(16, null, "08", "The perception job of the Topology Lottery: 2 nodes of 8 GPUs"),
        policyJobHours: plan(6, "h", "08", "A perception retraining job runs ~6 h. With the 2 h jobs of parts 1 and 3 every policy keeps the low-priority wait far under the 24 h starvation limit and the 16 policies' MFUs lie within 6 points, so the policy choice would not matter; at 6 h and 90% load the research-first policies with a 25% training quota starve the training gangs (simulated, mission 08 part 2)"),
        spotFraction: plan(0, null, "08", "Safety workloads stay on reserved capacity"), spotMtbfHours: plan(30, "h", "08", "Spot reclaim MTBF"),
        spotRestoreHours: plan(1, "h", "08", "Reclaimed capacity returns within about an hour"),
        deviceGenerations: plan(2, null, "08", "Older and newer vehicle computers"),
        restartSeconds: plan(600, "s", "08", "Static restart"), rescaleSeconds: plan(30, "s", "08", "Elastic re-form"),
        workHours: plan(48, "h", "08", "Training run"), checkpointSeconds: plan(60, "s", "08", "Checkpoint write"),
      },
      "12": {
        crisis: "The Rollout Jitter",
        models: plan(12, null, "12", "Perception, planning and prediction models"), heterogeneity: plan(0.5, null, "12", "Share of entangled pairs"),
        capexDollars: CAPEX, fleetDevices: plan(500_000, null, "12", "500,000 AVs"),
        requestsPerSecond: plan(50, "Hz", "12", "Perception frames sampled for shadow comparison"), canaryFraction: plan(0.05, null, "12", "5% of the fleet in shadow mode"),
        failureRate: ONE_IN_1000, confidence: C95, regions: REGIONS,
        skewTrainFrames: plan(5_000, null, "12", "Labelled perception frames behind the downstream planner's classifier"),
      },
    },
  },
  mobile_nomad: {
    id: "mobile_nomad", name: "Mobile Nomad", persona: "AR Glasses Dev", northStar: "60FPS AR translation.",
    missions: {
      "01": {
        crisis: "The 1 Billion Device Update",
        nodes: plan(1e9, null, "01", "1 billion glasses"),
        nodeAvailability: plan(0.99, null, "01", "Consumer device reachable"),
        nodeMtbfHours: plan(2_000, "h", "01", "Consumer device MTBF"),
        computeSeconds: plan(3_600, "s", "01", "On-device model training compute"),
        gradientBytes: plan(20e6, "B", "01", "10 M-parameter model, fp16"),
        linkBytesPerSecond: plan(2.5e6, "B/s", "01", "20 Mb/s uplink"),
        latencySeconds: plan(50e-3, "s", "01", "Mobile network round trip"),
        workerFlopsPerSecond: plan(35e12, "FLOP/s", "01", "Phone NPU peak"),
        workers: plan(100, null, "01", "Devices in one federated round"), baseSeconds: plan(0.5, "s", "01", "Step time without the tail"),
        tailMeanSeconds: plan(5, "s", "01", "Mean straggler tail of a federated round: phones are backgrounded, hand over networks and drop in and out, so a device's step time has a tail of seconds (a multiple of its 0.5 s compute step). Such stragglers are why production federated learning aggregates asynchronously (Nguyen et al., \"Federated Learning with Buffered Asynchronous Aggregation\", AISTATS 2022, arXiv:2106.06639)"), stalenessPenalty: plan(0.001, null, "01", "Convergence cost of staleness"),
      },
      "07": {
        crisis: "The Preemption Wall",
        nodes: plan(1, null, "07", "One device"), nodeMtbfHours: plan(0.05, "h", "07", "The OS kills the process every ~3 min"),
        checkpointBytes: plan(200e6, "B", "07", "AR translation model (100 M parameters, fp16) and session state to save incrementally"),
        remoteWriteBytesPerSecond: plan(5e6, "B/s", "07", "Cloud upload"), localWriteBytesPerSecond: plan(1e9, "B/s", "07", "UFS flash"),
        dramStageBytesPerSecond: plan(20e9, "B/s", "07", "LPDDR5 copy"),
        restartSeconds: plan(0.05, "s", "07", "Process relaunch"), sdcPerDeviceHour: SDC_LLAMA,
        resumeTargetSeconds: plan(0.1, "s", "07", "Resume in < 100 ms"),
        holdUpSeconds: plan(0.5, "s", "07", "Time the OS grants a backgrounded process before killing it"),
        workHours: plan(1, "h", "07", "An hour-long AR session"),
        sdcInputWidth: plan(768, null, "07", "FFN block of a ~100 M-parameter translation transformer (BERT-base shape: d = 768)"),
        sdcHiddenWidth: plan(3072, null, "07", "Its FFN width 4d"), sdcHiddenLayers: plan(1, null, "07", "One FFN block"),
        sdcOutputWidth: plan(768, null, "07", "d out"),
      },
      "08": {
        crisis: "The Elastic Preemption",
        racks: plan(6, null, "08", "Teaching cluster"), nodesPerRack: plan(8, null, "08", "Teaching cluster"), gpusPerNode: plan(4, null, "08", "4-GPU render nodes"),
        load: plan(0.85, null, "08", "Cluster load"), jobGpus: plan(8, null, "08", "Render job"),
        jobHours: plan(1, "h", "08", "Mean job length"), serviceCv: plan(1.5, null, "08", "Job-length variability"),
        hopPenaltySeconds: plan(1e-3, "s", "08", "Per-hop penalty"),
        policyLoad: plan(0.95, null, "08", "The spot render farm runs near saturation (95%): cheap capacity is bought to be kept busy"),
        policyGangGpus: plan(16, null, "08", "A cloud rendering job over 4 render nodes (16 GPUs)"),
        policyJobHours: plan(4, "h", "08", "A render batch of ~4 h. With 8-GPU, 1 h jobs every policy stays under the 24 h starvation limit and MFUs lie within 3 points; with 16-GPU, 4 h batches at 95% load the strict research-first policies (and the loose one at a 25% quota) starve the render gangs and MFU spreads over ~11 points (simulated, mission 08 part 2)"),
        spotFraction: plan(0.8, null, "08", "Spot instances 'to save 80%'"), spotMtbfHours: plan(6, "h", "08", "Spot reclaim MTBF"),
        spotRestoreHours: plan(0.5, "h", "08", "Render capacity returns within half an hour"),
        deviceGenerations: plan(2, null, "08", "Two GPU generations"),
        restartSeconds: plan(900, "s", "08", "Static restart of the render job"), rescaleSeconds: plan(20, "s", "08", "Dynamic re-scaling"),
        workHours: plan(72, "h", "08", "Rendering/training run"), checkpointSeconds: plan(120, "s", "08", "Checkpoint write"),
      },
      "12": {
        crisis: "The App-OS Skew",
        models: plan(30, null, "12", "AR filters and translation models"), heterogeneity: plan(0.2, null, "12", "Share of entangled pairs"),
        capexDollars: CAPEX, fleetDevices: plan(1e9, null, "12", "1 billion glasses"),
        requestsPerSecond: plan(500, "Hz", "12", "AR sessions"), canaryFraction: plan(0.02, null, "12", "2% canary"),
        failureRate: ONE_IN_1000, confidence: C95, regions: REGIONS,
        skewTrainFrames: plan(1_000, null, "12", "Labelled on-device samples behind an AR filter's classifier"),
      },
    },
  },
  tiny_pioneer: {
    id: "tiny_pioneer", name: "Tiny Pioneer", persona: "Hearable Lead", northStar: "Neural isolation in <10ms under 1mW.",
    missions: {
      "01": {
        crisis: "The Mesh Congestion",
        nodes: plan(10_000, null, "01", "10,000 smart rings in a stadium"),
        nodeAvailability: THREE_NINES,
        nodeMtbfHours: plan(5_000, "h", "01", "Wearable MTBF"),
        computeSeconds: plan(60, "s", "01", "Tiny model compute"),
        gradientBytes: plan(0.5e6, "B", "01", "250 k-parameter model, fp16"),
        linkBytesPerSecond: plan(0.25e6, "B/s", "01", "BLE LE 2M PHY, 2 Mb/s (figures.md §7)"),
        latencySeconds: plan(7.5e-3, "s", "01", "Two 3.75 ms BLE connection events (figures.md §7)"),
        workerFlopsPerSecond: plan(0.5e9, "FLOP/s", "01", "Microcontroller DSP peak"),
        workers: plan(50, null, "01", "Rings in one round"), baseSeconds: plan(0.05, "s", "01", "Step time without the tail"),
        tailMeanSeconds: plan(1.875, "s", "01", "Mean straggler tail on the congested stadium gateway: 500 BLE connection events of 3.75 ms (figures.md §7), i.e. a ring's update queues behind 5% of the 10,000 rings' telemetry heartbeats (the Mesh Congestion crisis). With the 0.05 s tail of an idle gateway async/sync was 0.99, a coin flip; a heartbeat storm makes the barrier wait for the slowest of 50 rings (tail × H_50 ≈ 4.5 tails), so asynchronous updates win by ~1.9x"),
        stalenessPenalty: plan(0.001, null, "01", "Convergence cost of staleness"),
      },
      "07": {
        crisis: "The Brown-out Survival",
        nodes: plan(1, null, "07", "One hearable"), nodeMtbfHours: plan(0.01, "h", "07", "A brown-out every ~36 s under battery spikes"),
        checkpointBytes: plan(8e3, "B", "07", "Model state in FeRAM"),
        remoteWriteBytesPerSecond: plan(1.2e3, "B/s", "07", "Over BLE to the phone"),
        localWriteBytesPerSecond: fact(12e3, "B/s", { kind: "datasheet", ref: "figures.md §7, MSP430 flash ~12 kB/s measured", url: "https://www.ti.com/lit/ug/slau343b/slau343b.pdf", status: "confirmed" }),
        dramStageBytesPerSecond: fact(1.4e6, "B/s", { kind: "datasheet", ref: "figures.md §7, FRAM > 1,400 kB/s at 8 MHz", url: "https://www.ti.com/lit/ug/slau343b/slau343b.pdf", status: "confirmed" }),
        restartSeconds: plan(0.01, "s", "07", "MCU reboot"), sdcPerDeviceHour: SDC_LLAMA,
        resumeTargetSeconds: plan(0.01, "s", "07", "Neural isolation < 10 ms (persona)"),
        holdUpSeconds: plan(0.01, "s", "07", "Brown-out hold-up of the supply capacitor before power cuts out"),
        workHours: plan(0.5, "h", "07", "A half-hour listening session"),
        sdcInputWidth: plan(250, null, "07", "Keyword-spotting DNN-S on an MCU: 10 MFCC x 25 frames in (Zhang et al., 'Hello Edge: Keyword Spotting on Microcontrollers', arXiv:1711.07128)"),
        sdcHiddenWidth: plan(144, null, "07", "DNN-S hidden width (Hello Edge)"), sdcHiddenLayers: plan(3, null, "07", "DNN-S hidden layers (Hello Edge)"),
        sdcOutputWidth: plan(12, null, "07", "12 keyword classes (Hello Edge)"),
      },
      "08": {
        crisis: "The Heterogeneous Mess",
        racks: plan(3, null, "08", "Teaching cluster"), nodesPerRack: plan(8, null, "08", "Teaching cluster"), gpusPerNode: plan(4, null, "08", "4 accelerators per node"),
        load: plan(0.7, null, "08", "Cluster load"),
        jobGpus: plan(8, null, "08", "The heavy V3 model sharded over two 4-accelerator nodes. A one-node (4) job cannot shrink, so an elastic ring could not differ from a static one; over two nodes an elastic ring drops a reclaimed node and keeps training on the other (mission 08 part 3)"),
        jobHours: plan(0.5, "h", "08", "Mean job length"), serviceCv: plan(1, null, "08", "Exponential job lengths"),
        hopPenaltySeconds: plan(7.5e-3, "s", "08", "A BLE relay hop"),
        policyLoad: plan(0.9, null, "08", "The hearable fleet's training nodes during a firmware-wide retraining, 90% busy"),
        policyGangGpus: plan(8, null, "08", "The heavy V3 model sharded over two 4-accelerator nodes (8)"),
        policyJobHours: plan(2, "h", "08", "A 2 h retraining job. With one-node, 0.5 h jobs every policy stays under the 24 h starvation limit and MFUs lie within 1 point; with two-node, 2 h jobs at 90% load every research-first policy starves the training gangs and MFU spreads over ~10 points (simulated, mission 08 part 2)"),
        spotFraction: plan(0, null, "08", "No spot capacity"), spotMtbfHours: plan(12, "h", "08", "Spot reclaim MTBF"),
        spotRestoreHours: plan(0.5, "h", "08", "Capacity returns within half an hour"),
        deviceGenerations: plan(3, null, "08", "V1, V2 and V3 hearables"),
        restartSeconds: plan(300, "s", "08", "Static restart"), rescaleSeconds: plan(10, "s", "08", "Elastic re-form"),
        workHours: plan(24, "h", "08", "Training run"), checkpointSeconds: plan(30, "s", "08", "Checkpoint write"),
      },
      "12": {
        crisis: "The Dependency Domino",
        models: plan(8, null, "12", "Noise isolation, wake word and helpers"), heterogeneity: plan(0.8, null, "12", "Tightly entangled pipeline"),
        capexDollars: CAPEX, fleetDevices: plan(10_000, null, "12", "Rings and hearables"),
        requestsPerSecond: plan(5, "Hz", "12", "Wake-word events"), canaryFraction: plan(0.1, null, "12", "10% canary"),
        failureRate: ONE_IN_1000, confidence: C95, regions: REGIONS,
        skewTrainFrames: plan(200, null, "12", "A hearable's small labelled wake-word set"),
      },
    },
  },
});

/** A track by id. @throws Error naming the known ids. */
export function track(id: string): Track {
  if (!(TRACK_IDS as readonly string[]).includes(id)) throw new Error(`track: id must be one of ${TRACK_IDS.join(", ")} (got ${JSON.stringify(id)})`);
  return TRACKS[id as TrackId];
}

/**
 * One catalog value of a mission's track entry, for missions that read their parameters by
 * name (new missions start this way; the four written missions use the typed entries).
 *
 * @param missionKey the mission's two-digit chapter, e.g. "07"
 * @param name       the Sourced field of TRACKS[track].missions[missionKey]
 * @returns its `.value`
 * @throws Error naming the exact entry to add to src/model/catalog/tracks.ts
 */
export function trackValue(missionKey: string, id: TrackId, name: string): number {
  const t = track(id);
  const entry = (t.missions as unknown as Record<string, Record<string, unknown> | undefined>)[missionKey];
  if (!entry) {
    throw new Error(`tracks catalog: no entry TRACKS.${id}.missions["${missionKey}"]; add one (with a Sourced "${name}") in src/model/catalog/tracks.ts`);
  }
  const v = entry[name];
  if (!v || typeof v !== "object" || typeof (v as Sourced).value !== "number") {
    throw new Error(`tracks catalog: TRACKS.${id}.missions["${missionKey}"].${name} is missing; add it as a Sourced value in src/model/catalog/tracks.ts`);
  }
  return (v as Sourced).value;
}
