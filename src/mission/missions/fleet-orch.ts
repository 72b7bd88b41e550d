/**
 * Mission 08: Fleet Orchestration, the Cluster Scheduler (plan: missions/08_fleet_orch.md).
 * Fragmentation, queueing waits (Pollaczek-Khinchine), topology penalties and spot
 * preemption, all computed by the model (scheduling/, checkpoint-interval).
 */
import { TRACKS } from "../../model/catalog/tracks";
import { expectedWallTime, youngDalyInterval } from "../../model/checkpoint-interval";
import { simulateCluster, type ClusterReport } from "../../model/scheduling/cluster-simulator";
import { fragmentation, fragmentationFromNodes } from "../../model/scheduling/metrics";
import { pollaczekKhinchineWait } from "../../model/scheduling/queueing";
import { communicationEfficiency, defaultNetwork, HOPS_CROSS_RACK, HOPS_SAME_RACK, type ClusterShape } from "../../model/scheduling/topology";
import { createRng } from "../../model/sim/rng";
import { defineMission } from "../define";
import { largestIntegerWhere, sweep } from "../search";
import type { ControlValues, TrackId } from "../types";

export interface FleetOrchParams {
  shape: ClusterShape;
  /** Cluster load (utilisation) of the story. */
  load: number;
  /** Gang size of the stuck job. */
  jobGpus: number;
  /** Mean job length, hours, and its coefficient of variation. */
  jobHours: number;
  serviceCv: number;
  /** Mean hours between preemptions of one spot node. */
  spotMtbfHours: number;
  /** Seconds a static ring loses to a restart; seconds an elastic ring loses to re-scaling. */
  restartSeconds: number;
  rescaleSeconds: number;
  workHours: number;
  checkpointSeconds: number;
}

/**
 * The mission's parameters for a track, read from the track catalog (`.value` of each
 * Sourced entry, src/model/catalog/tracks.ts); Cloud Titan's gang is the plan's 64 GPUs.
 */
export function trackParams(id: TrackId): FleetOrchParams {
  const t = TRACKS[id].missions["08"];
  return {
    shape: { racks: t.racks.value, nodesPerRack: t.nodesPerRack.value, gpusPerNode: t.gpusPerNode.value },
    load: t.load.value, jobGpus: t.jobGpus.value, jobHours: t.jobHours.value, serviceCv: t.serviceCv.value,
    spotMtbfHours: t.spotMtbfHours.value, restartSeconds: t.restartSeconds.value, rescaleSeconds: t.rescaleSeconds.value,
    workHours: t.workHours.value, checkpointSeconds: t.checkpointSeconds.value,
  };
}

const num = (v: ControlValues, k: string) => Number(v[k]);
const nodesOf = (s: ClusterShape) => s.racks * s.nodesPerRack;

/** Jobs and seed of the part 1 simulations: about 50 ms per run, so every instrument recomputes live. */
const PART1_JOBS = 1000, PART1_SEED = 8;
const part1Runs = new Map<string, ClusterReport>();

/**
 * Part 1's experiment, run by the cluster simulator: a mix of 1-GPU, 2-GPU and gang jobs
 * (arrival weights 6 : 3 : 1, the track's job length and variability) at `load`; every job
 * but the gang is placed by `background`; the gang takes a contiguous block
 * (topology-aware, strict) or any free GPUs. Seeded, memoised per input.
 */
function part1Run(p: FleetOrchParams, load: number, background: "best-fit" | "random", gangGpus: number, contiguous: boolean): ClusterReport {
  const key = JSON.stringify([p.shape, p.jobHours, p.serviceCv, load, background, gangGpus, contiguous]);
  let r = part1Runs.get(key);
  if (!r) {
    const job = { meanServiceHours: p.jobHours, serviceCv: p.serviceCv };
    r = simulateCluster({
      ...p.shape, jobs: PART1_JOBS, load, placement: background, locality: "strict", queueOrder: "fifo", backfill: "easy", fragmentationJobGpus: gangGpus,
      jobClasses: [{ name: "1-GPU", gpus: 1, weight: 6, ...job }, { name: "2-GPU", gpus: 2, weight: 3, ...job },
        { name: "gang", gpus: gangGpus, weight: 1, ...job, placement: contiguous ? "topology-aware" : background }],
    }, PART1_SEED);
    part1Runs.set(key, r);
  }
  return r;
}

/** Mean wait (h) of the gang class in a part 1 run. */
const gangWait = (r: ClusterReport) => r.waitByClass.find((c) => c.name === "gang")!.meanHours;
const background = (v: ControlValues) => (v.placement === "Random" ? "random" : "best-fit");

/** Per-node free GPU counts at `load`, seeded: the same load always gives the same cluster. */
function occupancy(shape: ClusterShape, load: number, seed = 8): Int32Array {
  const rng = createRng(seed);
  const free = new Int32Array(nodesOf(shape));
  for (let n = 0; n < free.length; n++) for (let g = 0; g < shape.gpusPerNode; g++) if (rng.next() >= load) free[n]++;
  return free;
}

function usable(p: FleetOrchParams, load: number, strict: boolean) {
  return fragmentationFromNodes(occupancy(p.shape, load), p.shape, p.jobGpus, strict ? "topology-aware" : "random", strict ? "strict" : "loose");
}

/** Queueing wait (hours) when a share of the free GPUs is unusable to the job: effective load rises. */
function waitHours(p: FleetOrchParams, load: number, unusableFraction: number): number {
  const effective = Math.min(0.999, load + (1 - load) * unusableFraction);
  return pollaczekKhinchineWait({ utilization: effective, meanServiceTime: p.jobHours, serviceCv: p.serviceCv });
}

function spotWall(p: FleetOrchParams, spotShare: number, elastic: boolean): number {
  const nodes = nodesOf(p.shape);
  const spotNodes = Math.max(1, Math.round(spotShare * nodes));
  const mtbfSeconds = (p.spotMtbfHours * 3600) / spotNodes;
  return expectedWallTime({
    workSeconds: p.workHours * 3600, intervalSeconds: youngDalyInterval(p.checkpointSeconds, mtbfSeconds),
    checkpointSeconds: p.checkpointSeconds, restartSeconds: elastic ? p.rescaleSeconds : p.restartSeconds, mtbfSeconds,
  });
}

export const fleetOrch = defineMission<FleetOrchParams>({
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
          const contiguous = gangWait(part1Run(c.params, 0.9, "random", 8, true)), anywhere = gangWait(part1Run(c.params, 0.9, "random", 8, false));
          return contiguous > anywhere ? "Longer" : contiguous < anywhere ? "Shorter" : "The same";
        },
      },
      workbench: {
        controls: [
          { kind: "choice", id: "placement", label: "Placement (everything but your gang job)", feeds: ["simulateCluster"], choices: ["Best-Fit", "Random"], default: "Random" },
          { kind: "slider", id: "load", label: "Cluster Load", feeds: ["simulateCluster"], scale: "linear", unit: "%", min: 10, max: 99, step: 1, default: (c) => Math.round(c.params.load * 100) },
        ],
        instruments: [
          { kind: "plot", id: "heatmap", name: "ClusterHeatmap", role: "primary", mark: "rect",
            x: { field: "slot", title: "GPU slot in rack (node.gpu)", type: "ordinal" }, y: { field: "rack", title: "Rack", type: "ordinal" }, color: { field: "state", title: "GPU" },
            // The simulator's occupancy snapshot (mid-run): grid[rack][node·g + gpu] = job id, −1 free (a hole), −2 reclaimed.
            compute: (v, c) => part1Run(c.params, num(v, "load") / 100, background(v), c.params.jobGpus, true).snapshot.grid.flatMap((row, r) =>
              row.map((cell, s) => ({ rack: `rack ${r}`, slot: `n${Math.floor(s / c.params.shape.gpusPerNode)}.${s % c.params.shape.gpusPerNode}`, state: cell === -1 ? "free (hole)" : cell === -2 ? "reclaimed" : "busy" }))) },
          { kind: "gauge", id: "unusable", name: "Free GPUs the contiguous gang job cannot use", unit: "%", min: 0, max: 100,
            compute: (v, c) => {
              const r = part1Run(c.params, num(v, "load") / 100, background(v), c.params.jobGpus, true);
              return 100 * fragmentation(r.snapshot.grid, c.params.shape, c.params.jobGpus, "topology-aware", "strict").unusableFraction;
            } },
          { kind: "gauge", id: "wait", name: "Scheduling delay of the contiguous gang (mean wait)", unit: "h", min: 0, max: 48,
            compute: (v, c) => gangWait(part1Run(c.params, num(v, "load") / 100, background(v), c.params.jobGpus, true)) },
          { kind: "gauge", id: "wait_anywhere", name: "Same gang on any free GPUs (mean wait)", unit: "h", min: 0, max: 48,
            compute: (v, c) => gangWait(part1Run(c.params, num(v, "load") / 100, background(v), c.params.jobGpus, false)) },
        ],
      },
      target: {
        prompt: (c) => `With Random placement at your track's load (${Math.round(c.params.load * 100)}%), find the mean scheduling delay (hours) of your ${c.params.jobGpus}-GPU gang job when it needs a contiguous block (simulated, ${PART1_JOBS} jobs).`,
        unit: "h", tolerance: 0.05, maxAttempts: 10,
        compute: (c) => gangWait(part1Run(c.params, c.params.load, "random", c.params.jobGpus, true)),
      },
      reflect: { prompt: "Patterson asks: 'Why is fragmentation an economic killer for the Cloud Titan?' (Reference the opportunity cost of idle silicon.)", minWords: 40 },
      mathPeek: [
        { label: "Pollaczek-Khinchine wait", expression: "W_q = rho / (1 - rho) * (1 + C_s ^ 2) / 2 * E_S" },
        { label: "Unusable share", expression: "f_unusable = unusable_gpus / free_gpus" },
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
        answer: (c) => (waitHours(c.params, c.params.load, usable(c.params, c.params.load, true).unusableFraction)
          >= waitHours(c.params, c.params.load, usable(c.params, c.params.load, false).unusableFraction) ? "Increase" : "Decrease"),
      },
      workbench: {
        controls: [
          { kind: "choice", id: "locality", label: "Locality Constraint", feeds: ["communicationEfficiency", "fragmentationFromNodes"], choices: ["Strict", "Loose"], default: "Strict" },
          { kind: "slider", id: "quota", label: "Quota Limits (max cluster utilization)", feeds: ["pollaczekKhinchineWait"], scale: "linear", unit: "%", min: 10, max: 99, step: 1, default: (c) => Math.round(c.params.load * 100) },
          { kind: "choice", id: "priority", label: "Priority Level", feeds: ["pollaczekKhinchineWait"], choices: ["High", "Low"], default: "Low" },
        ],
        instruments: [
          { kind: "plot", id: "seesaw", name: "Throughput-vs-WaitTime Seesaw", mark: "line",
            x: { field: "utilization", title: "Cluster utilization (%)" }, y: { field: "wait_h", title: "Mean wait (h)", scale: "log" },
            compute: (_v, c) => sweep(10, 98, 45).map((u) => ({ utilization: u, wait_h: pollaczekKhinchineWait({ utilization: u / 100, meanServiceTime: c.params.jobHours, serviceCv: c.params.serviceCv }) })) },
          { kind: "plot", id: "wait_mfu", name: "WaitTime_vs_MFU_Plot", role: "secondary", mark: "point",
            x: { field: "mfu", title: "Cluster MFU proxy (utilization x comm. efficiency)" }, y: { field: "wait_h", title: "Mean wait (h)", scale: "log" },
            compute: (v, c) => sweep(10, 98, 30).map((u) => ({
              mfu: (u / 100) * communicationEfficiency(c.params.jobGpus, v.locality === "Strict" ? HOPS_SAME_RACK : HOPS_CROSS_RACK, defaultNetwork()),
              wait_h: pollaczekKhinchineWait({ utilization: u / 100, meanServiceTime: c.params.jobHours, serviceCv: c.params.serviceCv }),
            })) },
          { kind: "gauge", id: "hops", name: "Network Hop Gauge", unit: "hops", min: 0, max: HOPS_CROSS_RACK, danger: HOPS_CROSS_RACK,
            compute: (v) => (v.locality === "Strict" ? HOPS_SAME_RACK : HOPS_CROSS_RACK) },
        ],
      },
      target: {
        prompt: "Find the highest cluster utilization (%) your policy can run at without letting Low-Priority jobs wait more than 24 hours on average.",
        unit: "%", tolerance: 0.03, maxAttempts: 10,
        compute: (c) => largestIntegerWhere((u) => pollaczekKhinchineWait({ utilization: u / 100, meanServiceTime: c.params.jobHours, serviceCv: c.params.serviceCv }) <= 24, 0, 99),
      },
      reflect: { prompt: "Jeff Dean observes: 'Your scheduler is fair, but our training goodput is down 40% due to cross-rack traffic.' Propose a 'Topology-Aware' placement rule.", minWords: 40 },
      mathPeek: [
        { label: "Dominant Resource Fairness", expression: "s_i = max(u_cpu / R_cpu, u_mem / R_mem)" },
        { label: "Little's law", expression: "L = lambda * W" },
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
        choices: ["Static", "Elastic"],
        answer: (c) => (spotWall(c.params, 0.2, true) < spotWall(c.params, 0.2, false) ? "Elastic" : "Static"),
      },
      workbench: {
        controls: [
          { kind: "slider", id: "spot", label: "Spot Intensity", feeds: ["expectedWallTime"], scale: "linear", unit: "%", min: 0, max: 100, step: 1, default: 20 },
          { kind: "toggle", id: "elastic", label: "Enable Elastic-Horovod", feeds: ["expectedWallTime"], default: false },
          { kind: "slider", id: "preempt_mtbf", label: "Preemption Frequency Scrubber (hours between preemptions per node)", feeds: ["expectedWallTime"], scale: "log", unit: "h", min: 0.5, max: 500, step: 0.01, default: (c) => c.params.spotMtbfHours },
        ],
        instruments: [
          { kind: "gauge", id: "converge", name: "Time-to-Converge multiplier", unit: "x", min: 1, max: 4, danger: 2,
            compute: (v, c) => spotWall({ ...c.params, spotMtbfHours: num(v, "preempt_mtbf") }, Math.max(0.001, num(v, "spot") / 100), Boolean(v.elastic)) / (c.params.workHours * 3600) },
          { kind: "plot", id: "spot_curve", name: "Time-to-converge vs spot share", mark: "line",
            x: { field: "spot", title: "Spot share (%)" }, y: { field: "multiplier", title: "Wall time / work" }, color: { field: "ring", title: "" },
            compute: (v, c) => sweep(1, 100, 25).flatMap((s) => [false, true].map((el) => ({
              spot: s, ring: el ? "Elastic" : "Static", multiplier: spotWall({ ...c.params, spotMtbfHours: num(v, "preempt_mtbf") }, s / 100, el) / (c.params.workHours * 3600),
            }))) },
        ],
      },
      target: {
        prompt: "Prove it to the CFO: find the Time-to-Converge multiplier (wall time / work) of 100% spot training without elastic checkpointing.",
        unit: "x", tolerance: 0.05, maxAttempts: 10,
        compute: (c) => spotWall(c.params, 1, false) / (c.params.workHours * 3600),
      },
      stakeholder: {
        who: "CFO", role: "Finance",
        message: "Move 100% of training to Spot Instances to save $5M. Prove that without Elastic Checkpointing the Time-to-Converge will actually double due to constant restarts.",
        evidence: (c) => `All-spot static ring: ${(spotWall(c.params, 1, false) / (c.params.workHours * 3600)).toFixed(2)}x the work; elastic: ${(spotWall(c.params, 1, true) / (c.params.workHours * 3600)).toFixed(2)}x.`,
      },
      reflect: { prompt: "Defend your final 'Orchestration Policy.' Did you prioritize 'Packing Density' or 'Job Locality'? Justify how you bypassed the Utilization Paradox.", minWords: 60 },
      mathPeek: [
        { label: "Bin packing (First-Fit Decreasing bound)", expression: "bins_FFD = 11 / 9 * OPT + 6 / 9" },
        { label: "Dominant share", expression: "s_i = max(u_cpu / R_cpu, u_mem / R_mem)" },
      ],
    },
  ],
});
