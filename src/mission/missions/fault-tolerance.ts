/**
 * Mission 07: Fault Tolerance, the Reliability Tax (plan: missions/07_fault_tolerance.md).
 * Young-Daly checkpoint intervals, staged checkpoint writes and silent data corruption,
 * all computed by the model (reliability, checkpoint-interval, sdc, perception-model).
 */
import {
  brownoutSave, checkpointStorm, createPerceptionModel, createRng, dalyInterval, denseLayers, detectorCosts, fleetMtbf, flipPopulation, injectFaults,
  LLAMA3_405B_RUN, LLAMA3_70B, LLAMA3_70B_SIZES, maxDirtyFractionForDeadline, NONVOLATILE_MEMORY, overheadSplit, PCIE_GEN5_X16, type Sourced, sourced, stagingBuffer, type StagingMode, stagingPlan, STORAGE_TIERS,
  trafficLightSamples, WRITE_JOULES_PER_BYTE,
} from "fleetlab";
import { defineMission, type FastValue, largestIntegerWhere, memoizeRuns, missionSeed, modelSweep, modelValue, niceCeil, planFigures, type TrackContext, type TrackId } from "fleetlab/mission";

const VERIFIED = "2026-11-22";
const plan = planFigures({ ref: "Mission 07 plan", verified: VERIFIED });

/** Mission 07's figures for one track (checkpointing, staging, SDC, resume), each Sourced. */
export interface FaultToleranceFigures {
  nodes: Sourced;
  nodeMtbfHours: Sourced;
  checkpointBytes: Sourced;
  remoteWriteBytesPerSecond: Sourced;
  localWriteBytesPerSecond: Sourced;
  dramStageBytesPerSecond: Sourced;
  restartSeconds: Sourced;
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

/**
 * Each track's figures: Cloud Titan is 16,384 GPUs with the plan's 4 h fleet MTBF and a
 * Llama-3-70B checkpoint at 14 B/param (987.8 GB); the tiers are a remote store, local
 * NVMe/flash and DRAM/FRAM staging, from the model catalog where it has them.
 */
export const FAULT_TOLERANCE_FIGURES: Readonly<Record<TrackId, FaultToleranceFigures>> = Object.freeze({
  cloud_titan: {
    nodes: LLAMA3_405B_RUN.gpus,
    nodeMtbfHours: plan(65_536, "h", "Chosen so the fleet MTBF is the plan's 4 h: 4 × 16,384"),
    checkpointBytes: LLAMA3_70B_SIZES.adamNoGradientsBytes,
    remoteWriteBytesPerSecond: plan(25e9, "B/s", "Blocking writes to an object store, aggregate"),
    localWriteBytesPerSecond: plan(2048 * STORAGE_TIERS.nvmeGen4.value, "B/s", "2,048 nodes × 6.9 GB/s PCIe 4.0 NVMe write (figures.md §2)"),
    dramStageBytesPerSecond: plan(LLAMA3_405B_RUN.gpus.value * PCIE_GEN5_X16.bytesPerSecond.value, "B/s", "16,384 GPUs × 64 GB/s PCIe Gen5 to host DRAM (figures.md §3)"),
    restartSeconds: plan(600, "s", "Job restart after a failure"),
    resumeTargetSeconds: plan(600, "s", "Restart budget of a training job"),
    holdUpSeconds: plan(30, "s", "Grace period between a preemption notice and the kill"),
    workHours: plan(720, "h", "A 30-day pre-training run"),
    sdcInputWidth: sourced(LLAMA3_70B.config.value.hiddenSize, null, { kind: "derived", ref: "figures.md §2 ★, Llama-3-70B config (d = 8192, FFN 28,672)", status: "derived", notes: "One FFN block: d_model in", verified: VERIFIED }),
    sdcHiddenWidth: sourced(LLAMA3_70B.config.value.intermediateSize, null, { kind: "derived", ref: "figures.md §2 ★, Llama-3-70B config (d = 8192, FFN 28,672)", status: "derived", notes: "FFN hidden width", verified: VERIFIED }),
    sdcHiddenLayers: plan(1, null, "One FFN block (up-projection, ReLU stand-in for SwiGLU, down-projection)"),
    sdcOutputWidth: sourced(LLAMA3_70B.config.value.hiddenSize, null, { kind: "derived", ref: "figures.md §2 ★, Llama-3-70B config (d = 8192, FFN 28,672)", status: "derived", notes: "One FFN block: d_model out", verified: VERIFIED }),
  },
  edge_guardian: {
    nodes: plan(64, null, "Training nodes for the perception model"),
    nodeMtbfHours: plan(20_000, "h", "Per-node MTBF"),
    checkpointBytes: plan(2e9, "B", "Perception model + optimizer state"),
    remoteWriteBytesPerSecond: plan(0.1e9, "B/s", "Remote store"),
    // A PCIe 3.0 NVMe drive and one DDR5-4800 channel (figures.md §2).
    localWriteBytesPerSecond: STORAGE_TIERS.nvmeGen3, dramStageBytesPerSecond: STORAGE_TIERS.ddr5ChannelDram,
    restartSeconds: plan(5, "s", "Restart"),
    resumeTargetSeconds: plan(0.01, "s", "The 10 ms safety loop (persona, figures.md §7 unconfirmed)"),
    holdUpSeconds: plan(0.05, "s", "Supply hold-up of the vehicle computer after a power fault"),
    workHours: plan(24, "h", "A day of perception training"),
    sdcInputWidth: plan(8, null, "The traffic-light perception model's 8 features (perception-model.ts)"),
    sdcHiddenWidth: plan(32, null, "Its hidden width"), sdcHiddenLayers: plan(2, null, "Its two hidden layers"),
    sdcOutputWidth: plan(3, null, "Red, yellow, green"),
  },
  mobile_nomad: {
    nodes: plan(1, null, "One device"), nodeMtbfHours: plan(0.05, "h", "The OS kills the process every ~3 min"),
    checkpointBytes: plan(200e6, "B", "AR translation model (100 M parameters, fp16) and session state to save incrementally"),
    remoteWriteBytesPerSecond: plan(5e6, "B/s", "Cloud upload"), localWriteBytesPerSecond: plan(1e9, "B/s", "UFS flash"),
    dramStageBytesPerSecond: plan(20e9, "B/s", "LPDDR5 copy"),
    restartSeconds: plan(0.05, "s", "Process relaunch"),
    resumeTargetSeconds: plan(0.1, "s", "Resume in < 100 ms"),
    holdUpSeconds: plan(0.5, "s", "Time the OS grants a backgrounded process before killing it"),
    workHours: plan(1, "h", "An hour-long AR session"),
    sdcInputWidth: plan(768, null, "FFN block of a ~100 M-parameter translation transformer (BERT-base shape: d = 768)"),
    sdcHiddenWidth: plan(3072, null, "Its FFN width 4d"), sdcHiddenLayers: plan(1, null, "One FFN block"),
    sdcOutputWidth: plan(768, null, "d out"),
  },
  tiny_pioneer: {
    nodes: plan(1, null, "One hearable"), nodeMtbfHours: plan(0.01, "h", "A brown-out every ~36 s under battery spikes"),
    checkpointBytes: plan(8e3, "B", "Model state in FeRAM"),
    remoteWriteBytesPerSecond: plan(1.2e3, "B/s", "Over BLE to the phone"),
    // The MSP430's flash and FRAM write rates (TI, figures.md §7).
    localWriteBytesPerSecond: NONVOLATILE_MEMORY.flashWriteBytesPerSecond,
    dramStageBytesPerSecond: NONVOLATILE_MEMORY.framWriteBytesPerSecond,
    restartSeconds: plan(0.01, "s", "MCU reboot"),
    resumeTargetSeconds: plan(0.01, "s", "Neural isolation < 10 ms (persona)"),
    holdUpSeconds: plan(0.01, "s", "Brown-out hold-up of the supply capacitor before power cuts out"),
    workHours: plan(0.5, "h", "A half-hour listening session"),
    sdcInputWidth: plan(250, null, "Keyword-spotting DNN-S on an MCU: 10 MFCC x 25 frames in (Zhang et al., 'Hello Edge: Keyword Spotting on Microcontrollers', arXiv:1711.07128)"),
    sdcHiddenWidth: plan(144, null, "DNN-S hidden width (Hello Edge)"), sdcHiddenLayers: plan(3, null, "DNN-S hidden layers (Hello Edge)"),
    sdcOutputWidth: plan(12, null, "12 keyword classes (Hello Edge)"),
  },
});

export interface FaultToleranceParams {
  nodes: number;
  nodeMtbfHours: number;
  /** Checkpoint size, bytes. */
  checkpointBytes: number;
  /** Aggregate write bandwidth of each tier for the whole job, bytes/s. */
  tierBytesPerSecond: Record<Tier, number>;
  restartSeconds: number;
  workHours: number;
  /** How fast the track must be back at work after an interruption, s. */
  resumeTargetSeconds: number;
  /** Warning before the state is lost (preemption notice, brown-out hold-up), s. */
  holdUpSeconds: number;
  /** Widths of the dense block the SDC detectors guard: input, hidden × layers, output. */
  sdcBlock: { inputWidth: number; hiddenWidth: number; hiddenLayers: number; outputWidth: number };
}

/** The mission's parameters for a track: the `.value` of each of its figures. */
export function trackParams(id: TrackId): FaultToleranceParams {
  const t = FAULT_TOLERANCE_FIGURES[id];
  return {
    nodes: t.nodes.value, nodeMtbfHours: t.nodeMtbfHours.value, checkpointBytes: t.checkpointBytes.value,
    tierBytesPerSecond: { "Blocking S3": t.remoteWriteBytesPerSecond.value, "Local SSD": t.localWriteBytesPerSecond.value, "Async DRAM": t.dramStageBytesPerSecond.value },
    restartSeconds: t.restartSeconds.value, workHours: t.workHours.value,
    resumeTargetSeconds: t.resumeTargetSeconds.value, holdUpSeconds: t.holdUpSeconds.value,
    sdcBlock: { inputWidth: t.sdcInputWidth.value, hiddenWidth: t.sdcHiddenWidth.value, hiddenLayers: t.sdcHiddenLayers.value, outputWidth: t.sdcOutputWidth.value },
  };
}

const mtbfSeconds = (p: FaultToleranceParams, nodes: number) => fleetMtbf(p.nodeMtbfHours, nodes) * 3600;

/** The checkpoint paths of part 2's choice, fastest to write last. */
const TIERS = ["Blocking S3", "Local SSD", "Async DRAM"] as const;
type Tier = (typeof TIERS)[number];
const TIER_MODE: Record<Tier, StagingMode> = { "Blocking S3": "blocking-object-store", "Local SSD": "local-nvme", "Async DRAM": "async-dram" };

/** The model's staging plan for one checkpoint of the whole job through `tier`, checkpointing every `intervalSeconds`. */
function staged(p: FaultToleranceParams, tier: Tier, intervalSeconds: number) {
  const b = p.tierBytesPerSecond;
  return stagingPlan({ mode: TIER_MODE[tier], stateBytes: p.checkpointBytes, intervalSeconds,
    objectStoreBytesPerSecond: b["Blocking S3"], nvmeBytesPerSecond: b["Local SSD"], dramBytesPerSecond: b["Async DRAM"] });
}

/** Math-stop time δ of `tier` (stagingPlan; independent of the interval, so the fleet MTBF stands in for it). */
const mathStop = (p: FaultToleranceParams, tier: Tier) => staged(p, tier, mtbfSeconds(p, p.nodes)).mathStopSeconds;

/**
 * The checkpoint storm when every GPU drains its shard from local staging into the shared
 * store in `groups` staggered waves: each writer drains at its share of the local tier.
 */
function storm(p: FaultToleranceParams, groups: number) {
  return checkpointStorm({ writers: p.nodes, bytesPerWriter: p.checkpointBytes / p.nodes,
    writerBytesPerSecond: writerBandwidth(p), storageBytesPerSecond: p.tierBytesPerSecond["Blocking S3"], groups: wholeGroups(p, groups) });
}
/** Each writer's checkpoint shard, bytes: the job's checkpoint split evenly over its N writers. */
const shardBytes = (p: FaultToleranceParams) => p.checkpointBytes / p.nodes;

/**
 * The staged checkpoint burst (stagingBuffer): every writer pushes its shard out of DRAM at its
 * share of the local SSD, its staging buffer of `bufferMb` MB takes what it can, the rest streams
 * straight to the shared store; `groups` staggered waves; checkpoints every `intervalSeconds`.
 */
function stagedBurst(p: FaultToleranceParams, bufferMb: number, groups: number, intervalSeconds: number) {
  return stagingBuffer({ writers: p.nodes, bytesPerWriter: shardBytes(p), writerBytesPerSecond: writerBandwidth(p),
    storageBytesPerSecond: p.tierBytesPerSecond["Blocking S3"], groups: wholeGroups(p, groups),
    bufferBytes: bufferMb * 1e6, ssdBytesPerSecond: writerBandwidth(p), intervalSeconds });
}

/** The checkpoint interval part 2 runs `tier` at: Daly's optimum for its math-stop, as the overhead gauge. */
const tierInterval = (p: FaultToleranceParams, tier: Tier) => dalyInterval(mathStop(p, tier), mtbfSeconds(p, p.nodes));

/** The smallest staging buffer (MB per writer) that keeps all writers' burst within the store: the storm's end. */
export const stormFreeBufferMb = (p: FaultToleranceParams) => stagedBurst(p, 0, 1, mtbfSeconds(p, p.nodes)).minBufferBytes / 1e6;

/** Each GPU's share of the local tier, bytes/s: the rate it drains its shard at. */
const writerBandwidth = (p: FaultToleranceParams) => p.tierBytesPerSecond["Local SSD"] / p.nodes;
/** The stagger slider as whole groups, 1 to one per GPU. */
const wholeGroups = (p: FaultToleranceParams, groups: number) => Math.min(p.nodes, Math.max(1, Math.round(groups)));

/**
 * Part 2's staging target for each track, from the model's staging and device-state functions.
 * Where many writers share one store (Cloud Titan's 16,384 GPUs, Edge Guardian's 64 training
 * nodes) it is the plan's Staging Buffer Size: the smallest buffer that stops the Checkpoint
 * Storm. Mobile Nomad and Tiny Pioneer checkpoint one device, so no crowd of writers can storm
 * a store; their targets stay with their crises: the preemption (largest dirty fraction that
 * resumes in < 100 ms) and the brown-out (largest state FeRAM saves within the supply's hold-up).
 */
export const STAGING_TARGETS: Record<TrackId, { unit: string; prompt: string; compute: (p: FaultToleranceParams) => number }> = {
  cloud_titan: { unit: "MB",
    prompt: "Find the exact Staging Buffer Size that stops the Checkpoint Storm: the smallest buffer per GPU (MB) that keeps the burst of all 16,384 GPUs checkpointing at once (one group) within the shared store's bandwidth.",
    compute: stormFreeBufferMb },
  edge_guardian: { unit: "MB",
    prompt: "Find the exact Staging Buffer Size that stops the Checkpoint Storm: the smallest buffer per training node (MB) that keeps the burst of all 64 nodes checkpointing at once (one group) within the remote store's bandwidth.",
    compute: stormFreeBufferMb },
  mobile_nomad: { unit: "%",
    prompt: "One pair of glasses checkpoints alone, so there is no crowd of writers to storm a store: your staging budget is the preemption's. Find the incremental checkpoint's budget: the largest share of the state (%) that may be dirty and still resume from flash in under 100 ms.",
    compute: (p) => 100 * maxDirtyFractionForDeadline({ stateBytes: p.checkpointBytes, flashBytesPerSecond: p.tierBytesPerSecond["Local SSD"],
      baseSeconds: p.restartSeconds, deadlineSeconds: p.resumeTargetSeconds }) },
  tiny_pioneer: { unit: "B",
    prompt: "One hearable checkpoints alone, so there is no crowd of writers to storm a store: your staging budget is the brown-out's. Find the largest state (bytes) the hearable can save to FeRAM before the brown-out hold-up runs out.",
    compute: (p) => largestIntegerWhere((bytes) => framSave(p, bytes).completes, 0, Math.ceil(p.checkpointBytes * 100)) },
};

/**
 * A brown-out save to FeRAM (the "Async DRAM" tier of the Tiny track): the supply holds up for
 * holdUpSeconds at the saving power, so the stored energy is t_hold · B_w · e_w.
 */
function framSave(p: FaultToleranceParams, bytes: number) {
  const e = WRITE_JOULES_PER_BYTE.fram.value, b = p.tierBytesPerSecond["Async DRAM"];
  return brownoutSave({ stateBytes: bytes, writeBytesPerSecond: b, writeJoulesPerByte: e, baseWatts: 0, storedJoules: p.holdUpSeconds * b * e });
}

/**
 * The seeded SDC testbed: one perception model and a labelled batch (seed fixed, so keys are
 * reproducible). Built once: training the model takes ~150 ms, too long to redo per update.
 * Readers must not modify it (flipImpact and injectFaults work on copies).
 */
const sdcTestbed = memoizeRuns(() => "testbed", () => {
  const model = createPerceptionModel(missionSeed(7));
  const batch = trafficLightSamples(createRng(missionSeed(11)), 256);
  return { model, batch };
});

/** The workbench's weight-flip campaign on the testbed (40 seeded trials), run once. */
const sdcCampaign = memoizeRuns(() => "campaign", () => {
  const { model, batch } = sdcTestbed();
  return injectFaults({ model, probes: batch.inputs.slice(0, 16), kind: "weight", trials: 40, rng: createRng(missionSeed(3)) });
});

/** The relative loss change a training-loss alarm fires at. */
const LOSS_ALARM = 0.01;
/** All 46,176 single-bit flips of the testbed's weights, swept once (flipPopulation, ~1.9 s on two idle cores). */
const flipSweep = memoizeRuns(() => "flip-population", () => {
  const { model, batch } = sdcTestbed();
  return flipPopulation(model, batch, LOSS_ALARM);
});
const LOSS_LOCK_CHOICES = ["Yes: the loss jumps at once", "No: most such flips move the loss by less than 1 %"] as const;
/**
 * Part 3's lock over the question's population, every 1 -> 0 flip of the testbed's weights:
 * "Yes" if the loss alarm fires on most of them. The perception model (seed 7) on 256 seeded
 * inputs: 2,612 of 24,875 fire it (10.5 %), so "No"; the one 1 -> 0 flip that changes a
 * prediction (a sign bit) moves the loss by 593 %.
 */
export function lossAlarmLock(): (typeof LOSS_LOCK_CHOICES)[number] {
  const s = flipSweep();
  return s.alarmedOneToZero >= s.oneToZero / 2 ? LOSS_LOCK_CHOICES[0] : LOSS_LOCK_CHOICES[1];
}

/**
 * The FailureTopologyMap: the track's N nodes in up to 4 racks x 8 cells (a cell stands for
 * N/cells nodes), over one checkpoint window at Daly's optimum τ for blocking S3. Each cell
 * fails as a Poisson process at (N/cells)/MTBF_node (seeded exponential draws); a failed cell
 * rolls back the work since the window opened, its first failure time. With "Inject Bit-Flip"
 * one seeded cell holds a weight flip: the detectors on catch it at the campaign's measured
 * rate, and a caught flip rolls back like a crash (to the checkpoint) while a missed one rolls
 * back nothing and stays in the weights.
 */
export function topologyMap(p: FaultToleranceParams, v: { readonly inject: boolean; readonly checksums: boolean; readonly dmr: boolean }) {
  const cells = Math.min(32, p.nodes), perRack = Math.min(8, cells);
  const tauSeconds = dalyInterval(mathStop(p, "Blocking S3"), mtbfSeconds(p, p.nodes));
  const cellMtbfSeconds = (p.nodeMtbfHours * 3600) / (p.nodes / cells);
  const rng = createRng(missionSeed(5));
  // Drawn whatever the toggles, so switching a detector changes only the flipped cell.
  const sdcCell = rng.int(cells), detectDraw = rng.next(), caughtAtSeconds = rng.next() * tauSeconds;
  let caught = false;
  if (v.inject) {
    const campaign = sdcCampaign();
    caught = detectDraw < Math.max(v.checksums ? campaign.checksum.rate : 0, v.dmr ? campaign.dmr.rate : 0);
  }
  const rows: { rack: string; node: string; nodes: number; state: string; rollback_min: number }[] = [];
  for (let i = 0; i < cells; i++) {
    const firstFailure = rng.exponential(cellMtbfSeconds);
    const crashed = firstFailure < tauSeconds;
    let state = crashed ? "failed" : "healthy";
    let rollbackSeconds = crashed ? firstFailure : 0;
    if (v.inject && i === sdcCell) {
      state = caught ? "SDC caught" : "SDC silent";
      if (caught) rollbackSeconds = Math.max(rollbackSeconds, caughtAtSeconds);
    }
    rows.push({ rack: `rack ${Math.floor(i / perRack)}`, node: `n${i % perRack}`, nodes: p.nodes / cells, state, rollback_min: rollbackSeconds / 60 });
  }
  return rows;
}

/** Detector costs (DMR vs activation hash) of the track's guarded block, from its layer shapes. */
function blockCosts(p: FaultToleranceParams) {
  const b = p.sdcBlock;
  return detectorCosts({ layers: denseLayers([b.inputWidth, ...Array.from({ length: b.hiddenLayers }, () => b.hiddenWidth), b.outputWidth]) });
}
const blockLabel = (p: FaultToleranceParams) =>
  `${p.sdcBlock.inputWidth} → ${Array.from({ length: p.sdcBlock.hiddenLayers }, () => p.sdcBlock.hiddenWidth).join(" → ")} → ${p.sdcBlock.outputWidth}`;

/** Part 1's lost time (fleetLostTimeFraction) with the track's node MTBF and restart, and the part's N and δ controls. */
const lostTime: FastValue<FaultToleranceParams> = {
  fn: "fleetLostTimeFraction",
  args: { nodeMtbf: (c) => c.params.nodeMtbfHours, nodes: { control: "nodes" }, checkpointTime: { control: "delta_s" }, restartTime: (c) => c.params.restartSeconds },
};

/** Part 1's checkpoint interval range, minutes: 3 s to a week, wide enough for every track's optimum. */
const INTERVAL_MIN_RANGE = [0.05, 10_080] as const;

function split(p: FaultToleranceParams, nodes: number, deltaSeconds: number, intervalSeconds: number) {
  return overheadSplit({ workSeconds: p.workHours * 3600, intervalSeconds, checkpointSeconds: deltaSeconds, restartSeconds: p.restartSeconds, mtbfSeconds: mtbfSeconds(p, nodes) });
}

/**
 * The optimum checkpoint interval (minutes) for `nodes` nodes writing in `delta` s: Daly's
 * higher-order optimum (dalyInterval, valid for δ < 2M). It meets Young's √(2δM) when δ ≪ M
 * (Cloud Titan: δ/M ≈ 0.003, Young 2.5 % long) and stays right where Young's regime ends
 * (Tiny Pioneer's brown-outs: δ = 6.7 s against M = 36 s, δ/M ≈ 0.19, where Young's 21.9 s
 * is 23.9 % longer than Daly's 17.7 s).
 */
const optimumMinutes = (c: TrackContext<FaultToleranceParams>, nodes: number, delta: number) => dalyInterval(delta, mtbfSeconds(c.params, nodes)) / 60;

/** Part 1's δ (the slider, s) and M (fleet MTBF at the slider's whole node count, s), as the instruments take them. */
const youngDalyScope = (v: { readonly delta_s: number; readonly nodes: number }, c: TrackContext<FaultToleranceParams>) => ({ delta: v.delta_s, M: mtbfSeconds(c.params, Math.round(v.nodes)) });

/** Part 2's reliability tax (%) at τ_opt for the track's cluster when checkpoints go through `tier`. */
function reliabilityTaxPercent(p: FaultToleranceParams, tier: Tier): number {
  const d = mathStop(p, tier);
  return 100 * (1 - split(p, p.nodes, d, dalyInterval(d, mtbfSeconds(p, p.nodes))).usefulFraction);
}

export const faultTolerance = defineMission({
  id: "07_fault_tolerance",
  title: "Mission 07 · The Reliability Tax",
  chapter: {
    title: "Fault Tolerance: The Reliability Tax",
    invariant: "The Young-Daly Invariant (τ_opt = √(2δM)) and MTBF (Mean Time Between Failures).",
    struggle:
      "At scale, \"Hardware Failure is a Routine.\" Navigate the trade-off between Checkpoint Overhead (δ) and Wasted Compute " +
      "(work lost between failures), and watch cluster size (N) collapse the fleet's MTBF.",
    minutes: 45,
  },
  tracks: {
    cloud_titan: { persona: "LLM Architect", northStar: "Maximize Llama-3-70B serving.", crisisTitle: "The Checkpoint Storm.",
      crisis: "Your 16,384-GPU cluster has an MTBF of 4 hours. If you checkpoint too often, you flood the storage; too little, and you lose days of work." },
    edge_guardian: { persona: "AV Systems Lead", northStar: "Deterministic 10ms safety loop.", crisisTitle: "The Silent Corruption (SDC).",
      crisis: "A Cosmic Ray flipped a bit in the AV perception's weight buffer. The car is now hallucinating 'Green' lights. You must detect the 'Silent Failure'." },
    mobile_nomad: { persona: "AR Glasses Dev", northStar: "60FPS AR translation.", crisisTitle: "The Preemption Wall.",
      crisis: "The glasses OS keeps killing your model process to save background apps. You must implement 'Incremental Checkpointing' to resume in <100ms." },
    tiny_pioneer: { persona: "Hearable Lead", northStar: "Neural isolation in <10ms under 1mW.", crisisTitle: "The Brown-out Survival.",
      crisis: "The hearable battery is spiking. You must use 'Non-Volatile Memory' (FeRAM) to save state before the power cuts out completely." },
  },
  defaultTrack: "cloud_titan",
  params: trackParams,
  visuals: {
    primary: "YoungDalyCostCurve",
    secondary: "FailureTopologyMap",
    mathPeek: "Toggle for τ_opt = √(2δM) and MTBF_fleet = MTBF_node / N.",
  },
  parts: [
    {
      id: "young_daly_audit",
      title: "The Young-Daly Audit",
      kind: "Exploration",
      minutes: 15,
      objective: "Calculate the Optimal Checkpoint Interval for a given cluster size and failure rate.",
      lock: {
        kind: "choice",
        question: "If you double the number of nodes (N) in your fleet, does the optimal checkpoint frequency increase, decrease, or stay the same?",
        choices: ["Increase", "Decrease", "Stay the same"],
        answer: (c) => {
          const delta = mathStop(c.params, "Blocking S3");
          const now = optimumMinutes(c, c.params.nodes, delta), doubled = optimumMinutes(c, 2 * c.params.nodes, delta);
          return doubled < now ? "Increase" : doubled > now ? "Decrease" : "Stay the same";
        },
      },
      workbench: {
        controls: [
          // Starts from the fleet size chosen in mission 01 when the ledger has it.
          { kind: "slider", id: "nodes", label: "Number of Nodes (N)", feeds: ["fleetMtbf", "dalyInterval"], scale: "log", unit: "nodes",
            min: 1, max: (c) => Math.max(100_000, c.params.nodes * 4), step: 0.01,
            default: (c) => Math.min(Math.max(1, c.designs.control("01_ml_intro", "reliability_gap", "nodes", c.params.nodes)), Math.max(100_000, c.params.nodes * 4)) },
          { kind: "slider", id: "delta_s", label: "Checkpoint Write Time (δ)", feeds: ["dalyInterval", "overheadSplit"], scale: "log", unit: "s",
            min: (c) => mathStop(c.params, "Async DRAM") / 10, max: (c) => mathStop(c.params, "Blocking S3") * 10,
            step: 0.01, default: (c) => mathStop(c.params, "Blocking S3") },
          // The student's own schedule: finding the interval that wastes least is the part's target.
          { kind: "slider", id: "interval_min", label: "Checkpoint Interval (τ)", feeds: ["overheadSplit"], scale: "log", unit: "min",
            min: INTERVAL_MIN_RANGE[0], max: INTERVAL_MIN_RANGE[1], step: 0.01, default: 60 },
        ],
        instruments: [
          { kind: "plot", id: "waterfall", name: "Total Time Waterfall", mark: "bar",
            x: { field: "share", title: "Where the wall-clock time goes", type: "nominal" }, y: { field: "fraction", title: "Fraction of wall time" },
            compute: (v, c) => {
              const n = Math.round(v.nodes), d = v.delta_s;
              const s = split(c.params, n, d, 60 * v.interval_min);
              return [
                { share: "Useful Work", fraction: s.usefulFraction }, { share: "Checkpoint Overhead", fraction: s.checkpointFraction },
                { share: "Wasted Work", fraction: s.reworkFraction }, { share: "Restart", fraction: s.restartFraction },
              ];
            } },
          { kind: "plot", id: "cost_curve", name: "YoungDalyCostCurve", role: "primary", mark: "line",
            x: { field: "interval", title: "Checkpoint interval (min)", scale: "log" }, y: { field: "wasted", title: "Wasted fraction of wall time" },
            // Over the interval slider's whole range (not centred on the optimum, which would give it away):
            // 36 intervals, a factor 1.43 apart, so the curve shows where the minimum lies but not its value.
            // Redrawn in the browser on every drag of N or δ (fast path).
            ...modelSweep<FaultToleranceParams>({ ...lostTime, as: "wasted",
              sweep: { param: "interval", from: INTERVAL_MIN_RANGE[0], to: INTERVAL_MIN_RANGE[1], points: 36, scale: "log" } }) },
          { kind: "gauge", id: "wasted", name: "Share of wall-clock time lost at your interval (checkpoints + rework + restarts)", unit: null, min: 0, max: 1,
            ...modelValue<FaultToleranceParams>({ ...lostTime, args: { ...lostTime.args, interval: { control: "interval_min" } } }) },
        ],
      },
      target: {
        prompt: "Find the optimal checkpoint interval (minutes) for your track's cluster size, writing checkpoints to blocking S3: Daly's higher-order optimum, which is Young's √(2δM) when δ ≪ M and corrects it when δ is a sizeable share of M.",
        unit: "min", tolerance: 0.05, maxAttempts: 10,
        compute: (c) => optimumMinutes(c, c.params.nodes, mathStop(c.params, "Blocking S3")),
      },
      reflect: { prompt: "Patterson asks: 'Why is the Reliability Tax higher for the Cloud Titan than for the Tiny Pioneer?' (Reference the P_fleet = P_node^N formula.)", minWords: 40 },
      mathPeek: [
        // The time lost at the student's interval: its minimum over tau is the part's target.
        { label: "Lost time per unit of work (first order)", expression: "waste = delta / tau + tau / (2 * M)",
          scope: (v, c) => ({ ...youngDalyScope(v, c), tau: 60 * v.interval_min }) },
        { label: "Young's optimum (the minimum of the line above)", expression: "tau_opt = sqrt(2 * delta * M)",
          noValue: "its value is, to first order, the interval this part asks you to find" },
        { label: "Daly's higher-order optimum (delta < 2M)", expression: "tau_opt = sqrt(2 * delta * M) * (1 + 1 / 3 * sqrt(delta / (2 * M)) + 1 / 9 * delta / (2 * M)) - delta",
          noValue: "its value is the interval this part asks you to find" },
        { label: "Fleet MTBF", expression: "MTBF_fleet = MTBF_node / N", unit: "h",
          scope: (v, c) => ({ MTBF_node: c.params.nodeMtbfHours, N: Math.round(v.nodes) }) },
      ],
    },
    {
      id: "async_staging",
      title: "Asynchronous Staging",
      kind: "Trade-off",
      minutes: 15,
      objective: "Optimize checkpoint performance using Asynchronous Staging (DRAM -> SSD -> S3).",
      lock: {
        kind: "number",
        question: "Will staging a checkpoint to local NVMe instead of S3 reduce the 'Math-Stop' time? By what factor?",
        unit: "x", min: 1, max: 1e6, tolerance: 0.25,
        answer: (c) => mathStop(c.params, "Blocking S3") / mathStop(c.params, "Local SSD"),
        // A predicted factor is drawn as the Local SSD Math-Stop it implies, on the timer that shows the real one.
        shownOn: { instrument: "math_stop", at: (factor, c) => mathStop(c.params, "Blocking S3") / factor, label: "your prediction for Local SSD" },
      },
      workbench: {
        controls: [
          { kind: "choice", id: "tier", label: "Checkpoint path", feeds: ["stagingPlan", "overheadSplit"], choices: TIERS, default: "Blocking S3" },
          { kind: "slider", id: "stagger_groups", label: "Staggered checkpoint groups", feeds: ["checkpointStorm", "stagingBuffer"], scale: "log", unit: "groups", min: 1, max: (c) => Math.max(2, Math.min(1024, c.params.nodes)), step: 0.01, default: 1 },
          // Per writer, from none (the whole shard bursts onto the store) to twice the shard.
          { kind: "slider", id: "staging_buffer_mb", label: "Staging Buffer Size (per writer)", feeds: ["stagingBuffer"], scale: "linear", unit: "MB",
            min: 0, max: (c) => 2 * shardBytes(c.params) / 1e6, step: (c) => shardBytes(c.params) / 1e9, default: 0 },
        ],
        instruments: [
          { kind: "gauge", id: "math_stop", name: "Math-Stop Timer", unit: "s", min: 0, max: (c) => mathStop(c.params, "Blocking S3"),
            compute: (v, c) => mathStop(c.params, v.tier) },
          { kind: "gauge", id: "throughput", name: "HBM-to-Disk Throughput Gauge", unit: "GB/s", min: 0, max: (c) => storm(c.params, 1).peakDemandBytesPerSecond / 1e9,
            danger: (c) => c.params.tierBytesPerSecond["Blocking S3"] / 1e9,
            // Peak demand on the shared store while the checkpoint bursts in `stagger_groups` waves through
            // each writer's staging buffer (stagingBuffer): past the danger line is the Checkpoint Storm.
            compute: (v, c) => stagedBurst(c.params, v.staging_buffer_mb, v.stagger_groups, tierInterval(c.params, v.tier)).peakDemandBytesPerSecond / 1e9 },
          // Every staged byte is an SSD write: the buffer that calms the network loads the disk, the more
          // so the faster the tier (a shorter math-stop makes Daly's interval shorter).
          { kind: "gauge", id: "ssd_saturation", name: "SSD saturation (staging writes / checkpoint interval)", unit: "%", min: 0,
            // Up to the whole shard staged at the fastest tier's interval: 100 % only where the SSD can saturate.
            max: (c) => Math.min(100, niceCeil(Math.max(...TIERS.map((t) => 100 * stagedBurst(c.params, shardBytes(c.params) / 1e6, 1, tierInterval(c.params, t)).ssdUtilization)))),
            compute: (v, c) => 100 * stagedBurst(c.params, v.staging_buffer_mb, v.stagger_groups, tierInterval(c.params, v.tier)).ssdUtilization },
          { kind: "gauge", id: "overhead", name: "Reliability tax at τ_opt (checkpoint + rework + restart)", unit: "%", min: 0,
            // Up to the costliest tier's tax (Blocking S3 on every track), as a share of wall time.
            max: (c) => Math.min(100, niceCeil(Math.max(...TIERS.map((t) => reliabilityTaxPercent(c.params, t))))),
            // The same optimum and overhead split as part 1, so the two parts never disagree.
            compute: (v, c) => {
              const d = mathStop(c.params, v.tier);
              return 100 * (1 - split(c.params, c.params.nodes, d, dalyInterval(d, mtbfSeconds(c.params, c.params.nodes))).usefulFraction);
            } },
        ],
      },
      target: {
        prompt: (c) => STAGING_TARGETS[c.track].prompt,
        unit: (c) => STAGING_TARGETS[c.track].unit, tolerance: 0.05, maxAttempts: 10,
        compute: (c) => STAGING_TARGETS[c.track].compute(c.params),
      },
      reflect: { prompt: "Jeff Dean observes: 'Your math-stop time is zero, but your SSD is 100% saturated.' Propose a 'Staggered Checkpoint' strategy to save the disk life.", minWords: 40 },
      mathPeek: [
        // stagingPlan: training stops while the checkpoint is written to the chosen tier.
        { label: "Math-stop time", expression: "t_stop = checkpoint_bytes / write_bandwidth", unit: "s",
          scope: (v, c) => ({ checkpoint_bytes: c.params.checkpointBytes, write_bandwidth: c.params.tierBytesPerSecond[v.tier] }) },
        // stagingBuffer, as the throughput gauge's burst: ⌈N/G⌉ writers at once, each streaming the unstaged share of its shard.
        { label: "Storm demand", expression: "demand = ceil(N / G) * b_writer * (1 - min(S, s) / s)", unit: "B/s",
          scope: (v, c) => ({ N: c.params.nodes, G: wholeGroups(c.params, v.stagger_groups), b_writer: writerBandwidth(c.params), S: v.staging_buffer_mb * 1e6, s: shardBytes(c.params) }) },
        { label: "Storm-free staging buffer (network-calculus backlog bound)", expression: "S_min = s * (1 - B_store / (ceil(N / G) * b_writer))", unit: "B",
          noValue: "with one group, its value is the buffer Cloud Titan and Edge Guardian are asked to find" },
        // As the SSD saturation gauge: the staged bytes written once per checkpoint interval (Daly's, for the tier).
        { label: "SSD saturation", expression: "u = min(1, min(S, s) / (b_ssd * T))",
          scope: (v, c) => ({ S: v.staging_buffer_mb * 1e6, s: shardBytes(c.params), b_ssd: writerBandwidth(c.params), T: tierInterval(c.params, v.tier) }) },
        // At the interval the overhead gauge checkpoints at (Daly's optimum for the tier's math-stop).
        { label: "Young overhead (first order)", expression: "overhead = delta / tau + tau / (2 * M)",
          scope: (v, c) => {
            const delta = mathStop(c.params, v.tier), M = mtbfSeconds(c.params, c.params.nodes);
            return { delta, tau: dalyInterval(delta, M), M };
          } },
      ],
    },
    {
      id: "sdc_detective",
      title: "The SDC Detective",
      kind: "Synthesis",
      minutes: 15,
      objective: "Implement Checksumming and Dual-Modular Redundancy to detect Silent Data Corruption.",
      lock: {
        kind: "choice",
        question: "If a weight bit flips from 1 to 0, will the model's 'Loss' function immediately alert you to the error?",
        choices: [...LOSS_LOCK_CHOICES],
        answer: () => lossAlarmLock(),
      },
      workbench: {
        controls: [
          { kind: "toggle", id: "inject", label: "Inject Bit-Flip", feeds: ["injectFaults"], default: false },
          { kind: "toggle", id: "checksums", label: "Enable Checksums", feeds: ["injectFaults"], default: false },
          { kind: "toggle", id: "dmr", label: "Toggle DMR (Run model twice)", feeds: ["detectorCosts"], default: false },
        ],
        instruments: [
          { kind: "gauge", id: "detection", name: "SDC detection rate", unit: "%", min: 0, max: 100,
            compute: (v) => {
              if (!v.inject) return 0;
              const campaign = sdcCampaign();
              const rates = [v.checksums ? campaign.checksum.rate : 0, v.dmr ? campaign.dmr.rate : 0];
              return 100 * Math.max(...rates);
            } },
          // The detectors switched on, priced as extra compute per inference of your track's block:
          // DMR one more forward pass, checksums the activation hash. Their ratio is the part's target.
          { kind: "gauge", id: "detector_cost", name: "Detector compute per inference (% of a forward pass, your track's block)", unit: "%", min: 0,
            max: (c) => 100 * (blockCosts(c.params).dmrExtraFlops + blockCosts(c.params).activationChecksumFlops) / blockCosts(c.params).forwardFlops,
            compute: (v, c) => {
              const k = blockCosts(c.params);
              return 100 * ((v.dmr ? k.dmrExtraFlops : 0) + (v.checksums ? k.activationChecksumFlops : 0)) / k.forwardFlops;
            } },
          { kind: "plot", id: "topology", name: "FailureTopologyMap", role: "secondary", mark: "rect",
            x: { field: "node", title: "Node", type: "ordinal" }, y: { field: "rack", title: "Rack", type: "ordinal" }, color: { field: "rollback_min", title: "Rollback (min)" },
            compute: (v, c) => topologyMap(c.params, v) },
        ],
      },
      target: {
        prompt: (c) => `Prove it to the Safety Director: for your track's guarded block (${blockLabel(c.params)}), find how many times more compute DMR (running it twice) costs per inference than re-computing the activation hash.`,
        unit: "x", tolerance: 0.05, maxAttempts: 10,
        compute: (c) => blockCosts(c.params).dmrToActivationRatio,
      },
      stakeholder: {
        who: "Safety Director", role: "Edge",
        message: "I demand 100% SDC detection. Prove that Re-computing the Activation Hash is 10x cheaper than running the whole model twice.",
        evidence: (c) => {
          const k = blockCosts(c.params);
          return `For the ${blockLabel(c.params)} block DMR adds ${k.dmrExtraFlops.toLocaleString("en-US")} FLOPs per inference; the activation checksum adds ${k.activationChecksumFlops.toLocaleString("en-US")} (${k.dmrToActivationRatio.toFixed(1)}x cheaper).`;
        },
      },
      reflect: { prompt: "Defend your final 'Fault Tolerance Strategy.' Did you prioritize 'Throughput' or 'Integrity'? Justify why 'Availability' was your primary constraint.", minWords: 60 },
      mathPeek: [
        { label: "DMR cost", expression: "cost_dmr = 2 * forward_flops", unit: "FLOPs", scope: (_v, c) => ({ forward_flops: blockCosts(c.params).forwardFlops }) },
        { label: "Fleet MTBF", expression: "MTBF_fleet = MTBF_node / N", unit: "h", scope: (_v, c) => ({ MTBF_node: c.params.nodeMtbfHours, N: c.params.nodes }) },
      ],
    },
  ],
});
