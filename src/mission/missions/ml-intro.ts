/**
 * Mission 01: Introduction, Machine Learning at Scale (plan: missions/01_ml_intro.md).
 * Every number a part shows comes from the model: reliability (P_fleet = P_node^N),
 * data-parallel scaling (critical node count, goodput, CI ratio) and stragglers.
 */
import {
  allReduceTime, backupWorkersStepTime, criticalNodeCount, dataParallelCommunicationIntensity, dataParallelGoodput, type DataParallelJob, dataParallelStepTime,
  ETHERNET_100G, expectedSlowestStepTime, fleetAvailability, H100_SXM, harmonicNumber, INFINIBAND_NDR, LLAMA3_405B_RUN, LLAMA3_70B_SIZES, type Sourced, sourced, staggeredCheckpoint,
  STORAGE_TIERS, syncVsAsyncSgd,
} from "fleetlab";
import { defineMission, largestIntegerWhere, modelSweep, modelValue, niceCeil, planFigures, smallestIntegerWhere, sweep, type TrackId } from "fleetlab/mission";

const VERIFIED = "2026-11-22";
const plan = planFigures({ ref: "Mission 01 plan", verified: VERIFIED });
const THREE_NINES = plan(0.999, null, "The part 1 lock's 'Three Nines' per node");

/** Mission 01's figures for one track (reliability gap, communication wall), each Sourced. */
export interface MlIntroFigures {
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
  /** Bytes each Part 3 worker writes per checkpoint: its shard of a sharded job, its own model on a device. */
  checkpointBytesPerWorker: Sourced;
  /** Aggregate bandwidth of the shared store the workers checkpoint into, bytes/s. */
  storageBytesPerSecond: Sourced;
}

/**
 * Each track's figures: the plan's crises (25,000 GPUs; 500,000 taxis; 1 billion glasses;
 * 10,000 rings) and teaching numbers cite the plan; hardware is the model catalog's.
 */
export const ML_INTRO_FIGURES: Readonly<Record<TrackId, MlIntroFigures>> = Object.freeze({
  cloud_titan: {
    nodes: plan(25_000, null, "A pod of 25,000 GPUs"),
    nodeAvailability: THREE_NINES,
    nodeMtbfHours: LLAMA3_405B_RUN.gpuHoursPerInterruption,
    computeSeconds: plan(20_000, "s", "One H100's compute for the global batch; sets where the wall falls"),
    // Llama-3-70B's bf16 gradients (2 B/param), the data-parallel all-reduce payload, over 400G InfiniBand.
    gradientBytes: LLAMA3_70B_SIZES.bf16WeightsBytes,
    linkBytesPerSecond: INFINIBAND_NDR.bytesPerSecond,
    latencySeconds: plan(1e-3, "s", "Per-step all-reduce latency incl. software overhead"),
    workerFlopsPerSecond: H100_SXM.denseBf16FlopsPerSecond,
    workers: plan(1024, null, "Synchronous data-parallel job of Part 3"), baseSeconds: plan(1, "s", "Step time without the tail"),
    tailMeanSeconds: plan(0.1, "s", "Mean straggler tail per worker"), stalenessPenalty: plan(0.01, null, "Convergence cost of staleness"),
    // Llama-3-70B with Adam state (14 B/param) into Meta's Tectonic, whose checkpoint bursts Llama 3 saw saturate it.
    checkpointBytesPerWorker: sourced(LLAMA3_70B_SIZES.adamNoGradientsBytes.value / 1024, "B", { kind: "derived", ref: "figures.md §2 ★, Llama-3-70B at 14 B/param", status: "derived", notes: "987.8 GB sharded over the 1,024 workers", verified: VERIFIED }),
    storageBytesPerSecond: STORAGE_TIERS.tectonicSustained,
  },
  edge_guardian: {
    nodes: plan(500_000, null, "500,000 autonomous taxis"),
    nodeAvailability: plan(0.9999, null, "Automotive-grade compute"),
    nodeMtbfHours: plan(10_000, "h", "Per-vehicle compute MTBF"),
    computeSeconds: plan(600, "s", "Perception-model training compute per global batch"),
    gradientBytes: plan(0.2e9, "B", "100 M-parameter perception model, fp16"),
    linkBytesPerSecond: ETHERNET_100G.bytesPerSecond,
    latencySeconds: plan(50e-6, "s", "Kernel TCP/IP latency (figures.md §3, unconfirmed)"),
    workerFlopsPerSecond: plan(254e12, "FLOP/s", "Automotive SoC peak"),
    workers: plan(256, null, "Synchronous job of Part 3"), baseSeconds: plan(0.01, "s", "Step time without the tail"),
    tailMeanSeconds: plan(0.002, "s", "Mean straggler tail"), stalenessPenalty: plan(0.02, null, "Convergence cost of staleness"),
    checkpointBytesPerWorker: plan(1.4e9 / 256, "B", "100 M-parameter perception model with Adam state, 14 B/param (figures.md §2): 1.4 GB sharded over 256 workers"),
    storageBytesPerSecond: STORAGE_TIERS.lustre,
  },
  mobile_nomad: {
    nodes: plan(1e9, null, "1 billion glasses"),
    nodeAvailability: plan(0.99, null, "Consumer device reachable"),
    nodeMtbfHours: plan(2_000, "h", "Consumer device MTBF"),
    computeSeconds: plan(3_600, "s", "On-device model training compute"),
    gradientBytes: plan(20e6, "B", "10 M-parameter model, fp16"),
    linkBytesPerSecond: plan(2.5e6, "B/s", "20 Mb/s uplink"),
    latencySeconds: plan(50e-3, "s", "Mobile network round trip"),
    workerFlopsPerSecond: plan(35e12, "FLOP/s", "Phone NPU peak"),
    workers: plan(100, null, "Devices in one federated round"), baseSeconds: plan(0.5, "s", "Step time without the tail"),
    checkpointBytesPerWorker: plan(20e6, "B", "The 10 M-parameter fp16 model each device saves to the server (on-device SGD keeps no optimizer state)"),
    storageBytesPerSecond: plan(125e6, "B/s", "Aggregation server ingress, 1 Gb/s"),
    tailMeanSeconds: plan(5, "s", "Mean straggler tail of a federated round: phones are backgrounded, hand over networks and drop in and out, so a device's step time has a tail of seconds (a multiple of its 0.5 s compute step). Such stragglers are why production federated learning aggregates asynchronously (Nguyen et al., \"Federated Learning with Buffered Asynchronous Aggregation\", AISTATS 2022, arXiv:2106.06639)"), stalenessPenalty: plan(0.001, null, "Convergence cost of staleness"),
  },
  tiny_pioneer: {
    nodes: plan(10_000, null, "10,000 smart rings in a stadium"),
    nodeAvailability: THREE_NINES,
    nodeMtbfHours: plan(5_000, "h", "Wearable MTBF"),
    computeSeconds: plan(60, "s", "Tiny model compute"),
    gradientBytes: plan(0.5e6, "B", "250 k-parameter model, fp16"),
    linkBytesPerSecond: plan(0.25e6, "B/s", "BLE LE 2M PHY, 2 Mb/s (figures.md §7)"),
    latencySeconds: plan(7.5e-3, "s", "Two 3.75 ms BLE connection events (figures.md §7)"),
    workerFlopsPerSecond: plan(0.5e9, "FLOP/s", "Microcontroller DSP peak"),
    workers: plan(50, null, "Rings in one round"), baseSeconds: plan(0.05, "s", "Step time without the tail"),
    checkpointBytesPerWorker: plan(0.5e6, "B", "The 250 k-parameter fp16 model each ring saves through the gateway"),
    storageBytesPerSecond: plan(0.25e6, "B/s", "The stadium gateway's one BLE radio: LE 2M PHY, 2 Mb/s (figures.md §7), shared by every ring"),
    tailMeanSeconds: plan(1.875, "s", "Mean straggler tail on the congested stadium gateway: 500 BLE connection events of 3.75 ms (figures.md §7), i.e. a ring's update queues behind 5% of the 10,000 rings' telemetry heartbeats (the Mesh Congestion crisis). With the 0.05 s tail of an idle gateway async/sync was 0.99, a coin flip; a heartbeat storm makes the barrier wait for the slowest of 50 rings (tail × H_50 ≈ 4.5 tails), so asynchronous updates win by ~1.9x"),
    stalenessPenalty: plan(0.001, null, "Convergence cost of staleness"),
  },
});

/** Per-track parameters of mission 01 (the `.value`s of ML_INTRO_FIGURES, see trackParams). */
export interface MlIntroParams {
  /** The crisis fleet size of the track's story. */
  nodes: number;
  /** Per-node availability P_node. */
  nodeAvailability: number;
  /** Per-node MTBF, hours. */
  nodeMtbfHours: number;
  /** The track's data-parallel training job. */
  job: DataParallelJob;
  /** Peak FLOP/s of one worker (rawput per worker). */
  workerFlopsPerSecond: number;
  /** Workers in the Part 3 synchronous job, with their step-time distribution. */
  workers: number;
  baseSeconds: number;
  tailMeanSeconds: number;
  stalenessPenalty: number;
  /** Bytes each Part 3 worker checkpoints, and the shared store they go to, bytes/s. */
  checkpointBytesPerWorker: number;
  storageBytesPerSecond: number;
}

/** The mission's parameters for a track: the `.value` of each of its figures. */
export function trackParams(id: TrackId): MlIntroParams {
  const t = ML_INTRO_FIGURES[id];
  return {
    nodes: t.nodes.value, nodeAvailability: t.nodeAvailability.value, nodeMtbfHours: t.nodeMtbfHours.value,
    job: { computeSeconds: t.computeSeconds.value, gradientBytes: t.gradientBytes.value, linkBytesPerSecond: t.linkBytesPerSecond.value, latencySeconds: t.latencySeconds.value },
    workerFlopsPerSecond: t.workerFlopsPerSecond.value, workers: t.workers.value, baseSeconds: t.baseSeconds.value,
    tailMeanSeconds: t.tailMeanSeconds.value, stalenessPenalty: t.stalenessPenalty.value,
    checkpointBytesPerWorker: t.checkpointBytesPerWorker.value, storageBytesPerSecond: t.storageBytesPerSecond.value,
  };
}

/** The track's job at part 2's link and synchronisation sliders. */
function jobAt(p: MlIntroParams, v: { readonly link_gbps: number; readonly sync_every: number }): DataParallelJob {
  return { ...p.job, linkBytesPerSecond: v.link_gbps * 1e9, syncEverySteps: v.sync_every };
}

/** Part 2's GPU slider runs up to this many GPUs. */
const MAX_GPUS = 100_000;

/**
 * The fastest job part 2's controls can make: the link slider at its top (100x the track's
 * link) and a synchronisation every 16 steps. Every speedup the workbench shows is at most
 * this job's speedup at its critical node count (or at MAX_GPUS, if that comes first).
 */
function peakSpeedup(p: MlIntroParams): number {
  const best: DataParallelJob = { ...p.job, linkBytesPerSecond: p.job.linkBytesPerSecond * 100, syncEverySteps: 16 };
  const critical = criticalNodeCount(best);
  return critical.gpus <= MAX_GPUS ? critical.speedup : dataParallelStepTime(best, MAX_GPUS).speedup;
}

/** Part 3's all-reduce of the track's gradients across its workers, by topology. */
const TOPOLOGIES = ["ring", "tree"] as const;
const part3AllReduce = (p: MlIntroParams, topology: (typeof TOPOLOGIES)[number]) =>
  allReduceTime(topology, { messageBytes: p.job.gradientBytes, gpus: p.workers, linkBytesPerSecond: p.job.linkBytesPerSecond, latencySeconds: p.job.latencySeconds });

/** Part 3's sync and async gradient rates, over both topologies: the effective-rate gauge shows one of these four. */
const part3Rates = (p: MlIntroParams) => TOPOLOGIES.flatMap((t) => {
  const r = syncVsAsyncSgd({ workers: p.workers, baseSeconds: p.baseSeconds, tailMeanSeconds: p.tailMeanSeconds,
    communicationSeconds: part3AllReduce(p, t), stalenessPenalty: p.stalenessPenalty });
  return [r.syncGradientsPerSecond, r.asyncEffectiveGradientsPerSecond];
});

/** Part 3's synchronous step without a checkpoint: the N-th of N + k workers, then the all-reduce. */
const part3Step = (p: MlIntroParams, v: { readonly backup_workers: number; readonly topology: (typeof TOPOLOGIES)[number] }) =>
  backupWorkersStepTime({ workers: p.workers, backupWorkers: v.backup_workers, baseSeconds: p.baseSeconds, tailMeanSeconds: p.tailMeanSeconds }) + part3AllReduce(p, v.topology);

/**
 * Part 3's checkpoint at a step boundary (staggeredCheckpoint): each worker writes its share of
 * the job's state over its own link into the shared store, in `groups` staggered groups.
 */
export const part3Checkpoint = (p: MlIntroParams, groups: number, stepSeconds: number) => staggeredCheckpoint({
  writers: p.workers, bytesPerWriter: p.checkpointBytesPerWorker, writerBytesPerSecond: p.job.linkBytesPerSecond,
  storageBytesPerSecond: p.storageBytesPerSecond, groups: Math.min(p.workers, Math.max(1, Math.round(groups))), stepSeconds,
});

export const mlIntro = defineMission({
  id: "01_ml_intro",
  title: "Mission 01 · The Fleet-Node Divergence",
  chapter: {
    title: "Introduction: Machine Learning at Scale",
    invariant: "The Fleet-Node Divergence and the Reliability Gap (P_fleet = P_node^N).",
    struggle:
      "Moving from \"How do I make it work?\" (one node) to \"How do I make it scale and survive?\" (the fleet). " +
      "At scale, hardware failure is a statistical certainty, and communication replaces computation as the primary bottleneck.",
    minutes: 45,
  },
  tracks: {
    cloud_titan: { persona: "LLM Architect", northStar: "Maximize Llama-3-70B serving.", crisisTitle: "The 25k GPU Wall.",
      crisis: "You are scaling from one node to a pod of 25,000 GPUs. The probability of zero failures during training is effectively zero." },
    edge_guardian: { persona: "AV Systems Lead", northStar: "Deterministic 10ms safety loop.", crisisTitle: "The Global Fleet Sync.",
      crisis: "You are managing 500,000 autonomous taxis. One software bug now propagates across a continental-scale network in seconds." },
    mobile_nomad: { persona: "AR Glasses Dev", northStar: "60FPS AR translation.", crisisTitle: "The 1 Billion Device Update.",
      crisis: "You are pushing a new model to 1 billion Ray-Bans. The \"Fleet Law\" dictates that your cloud egress will cost more than the model development." },
    tiny_pioneer: { persona: "Hearable Lead", northStar: "Neural isolation in <10ms under 1mW.", crisisTitle: "The Mesh Congestion.",
      crisis: "You have deployed 10,000 smart rings in a stadium. The local gateway is crushed by 10,000 simultaneous telemetry heartbeats." },
  },
  defaultTrack: "cloud_titan",
  params: trackParams,
  visuals: {
    primary: "AvailabilityCollapsePlot",
    secondary: "CI_Ratio_Gauge",
    mathPeek: "Toggle for the Fleet Law and the C³ Taxonomy.",
  },
  parts: [
    {
      id: "reliability_gap",
      title: "The Reliability Gap",
      kind: "Exploration",
      minutes: 15,
      objective: "Quantify the collapse of system availability as the number of nodes (N) increases.",
      lock: {
        kind: "number",
        question: "If a single node has a 99.9% uptime (Three Nines), what is the probability that all 1,000 nodes in your cluster are up simultaneously?",
        unit: null, min: 0, max: 1, tolerance: 0.1,
        answer: () => fleetAvailability(0.999, 1000),
        // Drawn across the collapse curve, which crosses it at N = 1,000 nodes of 99.9 %.
        shownOn: { instrument: "collapse", axis: "y", label: "your prediction (N = 1,000)" },
      },
      workbench: {
        controls: [
          { kind: "slider", id: "nodes", label: "Node Count (N)", feeds: ["fleetAvailability"], scale: "log", unit: "nodes",
            min: 1, max: (c) => Math.max(10_000, c.params.nodes), step: 0.01, default: (c) => Math.min(1000, c.params.nodes) },
          { kind: "slider", id: "p_node", label: "Per-Node Reliability (P_node)", feeds: ["fleetAvailability"], scale: "linear", unit: null,
            min: 0.99, max: 0.99999, step: 0.00001, default: (c) => c.params.nodeAvailability },
        ],
        instruments: [
          { kind: "plot", id: "waterfall", name: "Fleet Availability Waterfall", mark: "bar",
            x: { field: "fleet", title: "Fleet size", type: "ordinal" }, y: { field: "availability", title: "P(all nodes up)" },
            // The decades, then your fleet as a bar of its own (named so, even when it is one of the decades).
            compute: (v) => [...[1, 10, 100, 1000, 10_000].map((n) => ({ n, fleet: `N = ${n.toLocaleString("en-US")}` })),
              { n: Math.round(v.nodes), fleet: `your N = ${Math.round(v.nodes).toLocaleString("en-US")}` }].map(({ n, fleet }) => ({
              fleet, availability: fleetAvailability(v.p_node, n),
            })) },
          { kind: "plot", id: "collapse", name: "AvailabilityCollapsePlot", role: "primary", mark: "line",
            x: { field: "nodes", title: "Node count N", scale: "log" }, y: { field: "availability", title: "Fleet availability" },
            // A smooth curve over N (P^N holds for any N >= 0): it shows where the 50 % line is
            // crossed, but no sample is the whole-node answer the target asks for.
            // Redrawn in the browser on every drag of P_node (fast path), the kernel's rows confirming.
            ...modelSweep<MlIntroParams>({ fn: "fleetAvailability", args: { nodeAvailability: { control: "p_node" } }, as: "availability",
              sweep: { param: "nodes", from: 1, to: (c) => Math.max(10_000, c.params.nodes), points: 60, scale: "log" } }) },
          { kind: "gauge", id: "fleet_mtbf", name: "Fleet MTBF", unit: "h", min: 0, max: (c) => c.params.nodeMtbfHours,
            ...modelValue<MlIntroParams>({ fn: "fleetMtbf", args: { nodeMtbf: (c) => c.params.nodeMtbfHours, nodes: { control: "nodes" } } }) },
        ],
      },
      target: {
        prompt: "Find the largest fleet (N) that still has at least a 50% chance that every node is up, at your track's per-node reliability.",
        unit: "nodes", tolerance: 0.02, maxAttempts: 10,
        compute: (c) => largestIntegerWhere((n) => fleetAvailability(c.params.nodeAvailability, n) >= 0.5, 1, 1e12),
      },
      reflect: { prompt: "Reconcile the result with the Reliability Gap formula. Why does scaling a 'reliable' node lead to an 'unreliable' fleet?", minWords: 40 },
      mathPeek: [
        // N as the instruments take it: whole nodes.
        { label: "Fleet Law", expression: "P_fleet = P_node ^ N",
          scope: (v) => ({ P_node: v.p_node, N: Math.round(v.nodes) }) },
        { label: "Fleet MTBF", expression: "MTBF_fleet = MTBF_node / N", unit: "h",
          scope: (v, c) => ({ MTBF_node: c.params.nodeMtbfHours, N: Math.round(v.nodes) }) },
      ],
    },
    {
      id: "communication_wall",
      title: "The Communication Intensity Wall",
      kind: "Trade-off",
      minutes: 15,
      objective: "Identify the point where adding more compute nodes decreases total throughput (the Scaling Inversion).",
      lock: {
        kind: "choice",
        question: "Will adding 2x more GPUs always result in 2x faster training?",
        choices: ["Yes: 2x the GPUs always gives 2x the speed", "No: the speedup falls short of 2x, and past a point adding GPUs slows training"],
        answer: (c) => {
          const n = Math.max(1, Math.min(c.params.nodes, criticalNodeCount(c.params.job).gpus));
          const ratio = dataParallelStepTime(c.params.job, n).stepSeconds / dataParallelStepTime(c.params.job, 2 * n).stepSeconds;
          return ratio >= 2 - 1e-9
            ? "Yes: 2x the GPUs always gives 2x the speed"
            : "No: the speedup falls short of 2x, and past a point adding GPUs slows training";
        },
      },
      workbench: {
        controls: [
          { kind: "slider", id: "gpus", label: "Number of GPUs", feeds: ["dataParallelStepTime", "dataParallelGoodput"], scale: "log", unit: "GPUs",
            min: 1, max: MAX_GPUS, step: 0.01, default: (c) => Math.min(1024, c.params.nodes) },
          { kind: "slider", id: "sync_every", label: "Model Synchronization Frequency (sync every k steps)", feeds: ["dataParallelStepTime"],
            scale: "linear", unit: "steps", min: 1, max: 16, step: 1, default: 1 },
          { kind: "slider", id: "link_gbps", label: "Link Bandwidth (BW_network)", feeds: ["ringAllReduceTime"], scale: "log", unit: "GB/s",
            min: (c) => c.params.job.linkBytesPerSecond / 1e9 / 100, max: (c) => c.params.job.linkBytesPerSecond / 1e9 * 100,
            step: 0.01, default: (c) => c.params.job.linkBytesPerSecond / 1e9 },
        ],
        instruments: [
          { kind: "plot", id: "seesaw", name: "Compute-Communication Seesaw", mark: "line",
            x: { field: "gpus", title: "GPUs", scale: "log" }, y: { field: "flops", title: "FLOP/s", scale: "log" }, color: { field: "series", title: "" },
            compute: (v, c) => sweep(1, 100_000, 40, true).flatMap((g) => {
              const gpus = Math.round(g);
              const r = dataParallelGoodput(jobAt(c.params, v), { gpus, gpuFlopsPerSecond: c.params.workerFlopsPerSecond });
              return [{ gpus, series: "Rawput (total math)", flops: r.rawputFlopsPerSecond }, { gpus, series: "Goodput (useful math)", flops: r.goodputFlopsPerSecond }];
            }) },
          { kind: "gauge", id: "ci_ratio", name: "CI_Ratio_Gauge", role: "secondary", unit: "B/FLOP", min: 0,
            // CI = 2 (N − 1) S / F grows with N: largest at every GPU of the slider, syncing every step.
            max: (c) => niceCeil(dataParallelCommunicationIntensity({ gradientBytes: c.params.job.gradientBytes, gpus: MAX_GPUS,
              flopsPerStep: c.params.job.computeSeconds * c.params.workerFlopsPerSecond })),
            compute: (v, c) => dataParallelCommunicationIntensity({
              gradientBytes: c.params.job.gradientBytes / v.sync_every, gpus: Math.round(v.gpus),
              flopsPerStep: c.params.job.computeSeconds * c.params.workerFlopsPerSecond,
            }) },
          { kind: "gauge", id: "speedup", name: "Speedup over one GPU", unit: "x", min: 0, max: (c) => niceCeil(peakSpeedup(c.params)),
            compute: (v, c) => dataParallelStepTime(jobAt(c.params, v), Math.round(v.gpus)).speedup },
        ],
      },
      target: {
        prompt: "Find the exact Critical Node Count: the GPU count beyond which communication overhead outgrows the compute gain for your track's model (sync every step, your track's link).",
        unit: "GPUs", tolerance: 0.05, maxAttempts: 10,
        compute: (c) => criticalNodeCount(c.params.job).gpus,
      },
      reflect: { prompt: "Patterson asks: 'What happens to the CI Ratio (Communication Intensity) as you scale?' Explain why the network, not the GPU, is now your primary constraint.", minWords: 40 },
      mathPeek: [
        // dataParallelStepTime with a ring and no overlap: t = C/N + A(N)/k, one ring all-reduce every k steps.
        { label: "Step time (C³: compute + communication)", expression: "t = C / N + (2 * (N - 1) * alpha + 2 * (N - 1) / N * S / B) / k", unit: "s",
          scope: (v, c) => {
            const job = jobAt(c.params, v);
            return { C: job.computeSeconds, N: Math.round(v.gpus), alpha: job.latencySeconds ?? 0, S: job.gradientBytes, B: job.linkBytesPerSecond, k: job.syncEverySteps ?? 1 };
          } },
        // As the CI_Ratio_Gauge (dataParallelCommunicationIntensity): per GPU and step, a ring all-reduce
        // sends 2(N−1)/N of the S/k gradient bytes while the GPU computes F/N of the step's FLOPs.
        { label: "CI ratio", expression: "CI = bytes_moved / flops", unit: "B/FLOP",
          scope: (v, c) => {
            const n = Math.round(v.gpus);
            return { bytes_moved: ((2 * (n - 1)) / n) * (c.params.job.gradientBytes / v.sync_every), flops: (c.params.job.computeSeconds * c.params.workerFlopsPerSecond) / n };
          } },
      ],
    },
    {
      id: "c3_review",
      title: "The C³ Design Review",
      kind: "Synthesis",
      minutes: 15,
      objective: "Balance the C³ Taxonomy (Compute, Communication, Coordination) to hit a fleet-scale target.",
      lock: {
        kind: "choice",
        question: "To reduce 'Coordination Overhead', should you use Synchronous (faster convergence) or Asynchronous (higher throughput) updates?",
        choices: ["Synchronous", "Asynchronous"],
        answer: (c) => (syncVsAsyncSgd({
          workers: c.params.workers, baseSeconds: c.params.baseSeconds, tailMeanSeconds: c.params.tailMeanSeconds,
          communicationSeconds: allReduceTime("ring", { messageBytes: c.params.job.gradientBytes, gpus: c.params.workers, linkBytesPerSecond: c.params.job.linkBytesPerSecond, latencySeconds: c.params.job.latencySeconds }),
          stalenessPenalty: c.params.stalenessPenalty,
        }).asyncAdvantage > 1 ? "Asynchronous" : "Synchronous"),
      },
      workbench: {
        controls: [
          { kind: "choice", id: "updates", label: "Sync/Async SGD", feeds: ["syncVsAsyncSgd"], choices: ["Synchronous", "Asynchronous"], default: "Synchronous" },
          { kind: "choice", id: "topology", label: "Topology", feeds: ["allReduceTime"], choices: ["ring", "tree"], default: "ring" },
          { kind: "slider", id: "backup_workers", label: "Speculative Execution (backup workers)", feeds: ["backupWorkersStepTime"], scale: "linear", unit: "workers",
            min: 0, max: (c) => c.params.workers, step: 1, default: 0 },
          { kind: "slider", id: "stagger_groups", label: "Staggered Checkpoints (groups writing in turn)", feeds: ["staggeredCheckpoint"], scale: "log", unit: "groups",
            min: 1, max: (c) => c.params.workers, step: 1, default: 1 },
        ],
        instruments: [
          { kind: "gauge", id: "step_time", name: "Synchronous step time (slowest worker + all-reduce)", unit: "s", min: 0,
            // Longest with no backup worker (the slowest of N) and the slower all-reduce topology.
            max: (c) => niceCeil(expectedSlowestStepTime({ workers: c.params.workers, baseSeconds: c.params.baseSeconds, tailMeanSeconds: c.params.tailMeanSeconds })
              + Math.max(...TOPOLOGIES.map((t) => part3AllReduce(c.params, t)))),
            compute: (v, c) => part3Step(c.params, v) },
          // The step that carries a checkpoint: the barrier waits for the group writing in it. All at once,
          // every worker's write contends for the store; staggered, only the group's does.
          { kind: "gauge", id: "checkpoint_step", name: "Checkpointing step time (slowest worker + all-reduce + the writing group's checkpoint)", unit: "s", min: 0,
            max: (c) => niceCeil(part3Checkpoint(c.params, 1, expectedSlowestStepTime({ workers: c.params.workers, baseSeconds: c.params.baseSeconds, tailMeanSeconds: c.params.tailMeanSeconds })
              + Math.max(...TOPOLOGIES.map((t) => part3AllReduce(c.params, t)))).checkpointStepSeconds),
            compute: (v, c) => part3Checkpoint(c.params, v.stagger_groups, part3Step(c.params, v)).checkpointStepSeconds },
          { kind: "gauge", id: "effective_rate", name: "Effective gradients per second", unit: "1/s", min: 0, max: (c) => niceCeil(Math.max(...part3Rates(c.params))),
            compute: (v, c) => {
              const r = syncVsAsyncSgd({ workers: c.params.workers, baseSeconds: c.params.baseSeconds, tailMeanSeconds: c.params.tailMeanSeconds,
                communicationSeconds: allReduceTime(v.topology, { messageBytes: c.params.job.gradientBytes, gpus: c.params.workers, linkBytesPerSecond: c.params.job.linkBytesPerSecond, latencySeconds: c.params.job.latencySeconds }),
                stalenessPenalty: c.params.stalenessPenalty });
              return v.updates === "Asynchronous" ? r.asyncEffectiveGradientsPerSecond : r.syncGradientsPerSecond;
            } },
          { kind: "plot", id: "tail", name: "Straggler tail vs backup workers", mark: "point",
            x: { field: "backup", title: "Backup workers k" }, y: { field: "seconds", title: "Expected step time (s)" },
            // The backup counts tried so far: the curve, and the target on it, are the student's to trace.
            compute: (_v, c, explored) => [...new Set(explored.map((e) => e.backup_workers))].sort((a, b) => a - b).map((k) => ({
              backup: k,
              seconds: backupWorkersStepTime({ workers: c.params.workers, backupWorkers: k, baseSeconds: c.params.baseSeconds, tailMeanSeconds: c.params.tailMeanSeconds }),
            })) },
        ],
      },
      target: {
        prompt: "Find the fewest backup workers (speculative execution) that bring the synchronous step within 10% of a typical worker's mean step time.",
        unit: "workers", tolerance: 0.1, maxAttempts: 10,
        compute: (c) => smallestIntegerWhere((k) => backupWorkersStepTime({ workers: c.params.workers, backupWorkers: k, baseSeconds: c.params.baseSeconds, tailMeanSeconds: c.params.tailMeanSeconds })
          <= 1.1 * (c.params.baseSeconds + c.params.tailMeanSeconds), 0, 1000 * c.params.workers),
      },
      stakeholder: {
        who: "Jeff Dean", role: "Systems Lead",
        message: "The tail latency of the slowest GPU is killing the entire cluster. Implement Speculative Execution or Staggered Checkpoints to save the mission.",
        evidence: (c) => {
          const slow = expectedSlowestStepTime({ workers: c.params.workers, baseSeconds: c.params.baseSeconds, tailMeanSeconds: c.params.tailMeanSeconds });
          const ckpt = part3Checkpoint(c.params, 1, slow);
          return `With ${c.params.workers} workers the barrier waits ${slow.toFixed(3)} s per step for the slowest worker; the mean worker needs ${(c.params.baseSeconds + c.params.tailMeanSeconds).toFixed(3)} s. ` +
            `When all of them checkpoint after the same step, their writes share the store and that step stalls ${ckpt.stallSeconds.toPrecision(3)} s more.`;
        },
      },
      reflect: { prompt: "Defend your final 'Fleet Architecture.' Did you prioritize 'Reliability' or 'Speed'? Justify how you bridged the Fleet-Node Divergence.", minWords: 60 },
      mathPeek: [
        { label: "Slowest of N (coordination)", expression: "t_sync = base + tail * H_N", unit: "s",
          scope: (_v, c) => ({ base: c.params.baseSeconds, tail: c.params.tailMeanSeconds, H_N: harmonicNumber(c.params.workers) }) },
        // The step_time gauge split in three: a worker's deterministic compute (base), the all-reduce on
        // the chosen topology, and what the barrier adds waiting for the N-th of N + k workers.
        { label: "C³ step", expression: "t_step = t_compute + t_communication + t_coordination", unit: "s",
          scope: (v, c) => {
            const stragglers = { workers: c.params.workers, baseSeconds: c.params.baseSeconds, tailMeanSeconds: c.params.tailMeanSeconds };
            return {
              t_compute: c.params.baseSeconds,
              t_communication: allReduceTime(v.topology, { messageBytes: c.params.job.gradientBytes, gpus: c.params.workers, linkBytesPerSecond: c.params.job.linkBytesPerSecond, latencySeconds: c.params.job.latencySeconds }),
              t_coordination: backupWorkersStepTime({ ...stragglers, backupWorkers: v.backup_workers }) - c.params.baseSeconds,
            };
          } },
        // As the checkpointing-step gauge's stall: a group of ceil(N / G) workers writes its shards, each at its link or its share of the store.
        { label: "Staggered checkpoint stall", expression: "t_ckpt = s / min(b_w, B_s / ceil(N / G))", unit: "s",
          scope: (v, c) => ({ s: c.params.checkpointBytesPerWorker, b_w: c.params.job.linkBytesPerSecond, B_s: c.params.storageBytesPerSecond,
            N: c.params.workers, G: Math.min(c.params.workers, Math.max(1, Math.round(v.stagger_groups))) }) },
      ],
    },
  ],
});
