/**
 * The report of a cluster simulation and how it is assembled from the run's
 * per-job arrays and accumulated areas (split from the event loop for size).
 */
import type { EventBudget } from "../sim/event-budget";
import type { ResolvedClusterConfig } from "./cluster-config";
import { fragmentation, waitStats, type FragmentationResult, type WaitStats } from "./metrics";
import { allReduceSecondsUnchecked, HOPS_CROSS_RACK, type ClusterShape } from "./topology";

/** Job state codes shared with the simulator. */
export const QUEUED = 1, RUNNING = 2, DONE = 3, DROPPED = 4;

/** What a simulation run reports. Times in hours. */
export interface ClusterReport {
  seed: number;
  totalGpus: number;
  arrivalRatePerHour: number;
  offeredLoad: number;
  jobsSubmitted: number;
  jobsCompleted: number;
  jobsDropped: number;
  /** Jobs that started on a device they cannot run on (capability-blind placement) / jobs submitted. */
  dropoutRate: number;
  makespanHours: number;
  /** Events processed (arrivals, finishes, reclaims, restores). */
  events: number;
  /** The run's event budget; when `exhausted`, every figure below covers only the simulated part. */
  budget: EventBudget;
  /** Jobs (the first in arrival order) and hours left out as warm-up (config.warmupFraction): the wait,
   *  completion, starvation, tenant-wait and while-arriving figures cover only the jobs after them. */
  warmup: { jobs: number; hours: number };
  /** Time from arrival to first start, all jobs after the warm-up. */
  wait: WaitStats;
  waitByPriority: ({ priority: number } & WaitStats)[];
  waitByClass: ({ name: string; gpus: number } & WaitStats)[];
  /** Arrival to completion ("time to converge"), all completed jobs. */
  completion: WaitStats;
  /** Completed jobs per hour of makespan. */
  throughputJobsPerHour: number;
  /** Arrival to completion ("time to converge") per job class, completed jobs. */
  completionByClass: ({ name: string; gpus: number } & WaitStats)[];
  /** Busy GPU-hours / (GPUs · makespan); includes the drain after the last arrival. */
  utilization: number;
  /** Busy GPU-hours / GPU-hours from the end of the warm-up to the last arrival: the loaded, steady part of the run. */
  utilizationWhileArriving: number;
  /** Useful compute: Σ width·η over time / (GPUs · makespan). */
  mfu: number;
  /** Useful compute from the end of the warm-up to the last arrival / GPU-hours over it: MFU of the loaded, steady part of the run. */
  mfuWhileArriving: number;
  hops: {
    /** Over multi-GPU jobs at their first placement. */
    meanRingHopsPerJob: number; meanCrossRackLinksPerJob: number; crossRackJobFraction: number;
    meanAllReduceMs: number; meanCommunicationEfficiency: number;
  };
  /** The hop profile per job class (same jobs as `hops`): where each class's rings landed, so a
   *  class's all-reduce can be costed on another fabric. maxHopsShare[h]: share of the class's
   *  multi-GPU jobs whose ring's slowest link crossed h switches (h = 0, 1, 3; index 2 stays 0). */
  hopsByClass: { name: string; gpus: number; placedJobs: number; meanRingHopsPerJob: number; crossRackJobFraction: number; maxHopsShare: number[] }[];
  fragmentation: { jobGpus: number; meanUnusableFraction: number; samples: number };
  starvation: { thresholdHours: number; lowestPriority: number; maxWaitHours: number; starvedJobs: number; isStarving: boolean };
  /** Reclaims of spot nodes, static restarts, elastic rescales, and GPU-hours of compute rolled back to a checkpoint. */
  preemption: { reclaims: number; restarts: number; rescales: number; lostGpuHours: number };
  /** Per tenant: GPU-hours held, most GPUs held at once (≤ quota), waits, dominant share at the end. */
  tenants: ({ name: string; gpuHours: number; peakGpus: number; finalDominantShare: number } & { wait: WaitStats })[];
  /** Occupancy at snapshot.timeHours: grid[rack][node·g + gpu] = job id, −1 free, −2 reclaimed. */
  snapshot: { timeHours: number; grid: number[][]; fragmentation: FragmentationResult };
}

/** Everything the event loop leaves behind for the report. */
export interface RunRecord {
  cfg: ResolvedClusterConfig; seed: number; shape: ClusterShape; totalGpus: number; makespan: number; budget: EventBudget;
  arrival: Float64Array; start: Float64Array; finish: Float64Array; state: Uint8Array; cls: Int32Array; k: Int32Array;
  firstMax: Int32Array; firstHops: Int32Array; firstCross: Int32Array;
  processed: number; settled: number; dropped: number; busyArea: number; usefulArea: number;
  busyAtLastArrival: number; usefulAtLastArrival: number; lastArrival: number;
  warmJob: number; busyAtWarm: number; usefulAtWarm: number; warmTime: number; reclaims: number; restarts: number; rescales: number; lostGpuHours: number;
  fragSum: number; fragSamples: number; snapshotGrid: number[][]; snapshotTime: number;
  tenantGpuHours: Float64Array; tenantPeak: Float64Array; finalShares: number[];
}

/** Summarises a finished run into a ClusterReport. */
export function buildClusterReport(run: RunRecord): ClusterReport {
  const { cfg, seed, shape, totalGpus, arrival, start, finish, state, cls, k, firstMax, firstHops, firstCross } = run;
  const { processed, settled, dropped, busyArea, usefulArea, busyAtLastArrival, usefulAtLastArrival, lastArrival } = run;
  const { warmJob, busyAtWarm, usefulAtWarm, warmTime } = run;
  const { reclaims, restarts, rescales, lostGpuHours, fragSum, fragSamples, snapshotTime, tenantGpuHours, tenantPeak } = run;
  const N = cfg.jobs, net = cfg.network;
  const makespan = run.makespan;
  const by = <K>(keyOf: (j: number) => K, include: (j: number) => boolean, value: (j: number) => number): Map<K, number[]> => {
    const m = new Map<K, number[]>();
    for (let j = 0; j < N; j++) {
      if (!include(j)) continue;
      const kk = keyOf(j);
      if (!m.has(kk)) m.set(kk, []);
      m.get(kk)!.push(value(j));
    }
    return m;
  };
  const started = (j: number) => j >= warmJob && start[j] >= 0;
  const completed = (j: number) => j >= warmJob && state[j] === DONE;
  const waitOf = (j: number) => start[j] - arrival[j];
  const prio = (j: number) => cfg.jobClasses[cls[j]].priority;
  const byPrio = by(prio, started, waitOf);
  const priorities = [...byPrio.keys()].sort((x, y) => y - x);
  const lowest = priorities.length > 0 ? priorities[priorities.length - 1] : 0;
  const lowWaits = byPrio.get(lowest) ?? [];
  const maxLow = lowWaits.reduce((m, w) => Math.max(m, w), 0);
  const byTenant = by((j) => cfg.jobClasses[cls[j]].tenant, started, waitOf);
  const byClassWait = by((j) => cls[j], started, waitOf);
  const byClassDone = by((j) => cls[j], completed, (j) => finish[j] - arrival[j]);
  let multi = 0, hopsSum = 0, crossSum = 0, crossJobs = 0, arSum = 0, effSum = 0;
  for (let j = 0; j < N; j++) {
    if (firstMax[j] < 0 || k[j] < 2) continue;
    multi++; hopsSum += firstHops[j]; crossSum += firstCross[j]; if (firstCross[j] > 0) crossJobs++;
    // The config was checked once, so the inner loop takes the unchecked all-reduce time.
    const ar = allReduceSecondsUnchecked(k[j], firstMax[j], net);
    arSum += ar; effSum += net.gradientBytes > 0 ? net.stepComputeSeconds / (net.stepComputeSeconds + ar) : 1;
  }
  const capacity = totalGpus * makespan, loadedHours = lastArrival - warmTime;
  const grid = run.snapshotGrid;
  return {
    seed, totalGpus, arrivalRatePerHour: cfg.arrivalRatePerHour, offeredLoad: cfg.offeredLoad,
    jobsSubmitted: N, jobsCompleted: settled - dropped, jobsDropped: dropped, dropoutRate: N > 0 ? dropped / N : 0,
    makespanHours: makespan, events: processed, budget: run.budget, warmup: { jobs: warmJob, hours: warmTime },
    wait: waitStats(Array.from({ length: N }, (_, j) => j).filter(started).map(waitOf)),
    waitByPriority: priorities.map((p) => ({ priority: p, ...waitStats(byPrio.get(p)!) })),
    waitByClass: cfg.jobClasses.map((c, i) => ({ name: c.name, gpus: c.gpus, ...waitStats(byClassWait.get(i) ?? []) })),
    completion: waitStats(Array.from({ length: N }, (_, j) => j).filter(completed).map((j) => finish[j] - arrival[j])),
    throughputJobsPerHour: makespan > 0 ? (settled - dropped) / makespan : 0,
    completionByClass: cfg.jobClasses.map((c, i) => ({ name: c.name, gpus: c.gpus, ...waitStats(byClassDone.get(i) ?? []) })),
    utilization: capacity > 0 ? busyArea / capacity : 0,
    utilizationWhileArriving: loadedHours > 0 ? (busyAtLastArrival - busyAtWarm) / (totalGpus * loadedHours) : 0,
    mfu: capacity > 0 ? usefulArea / capacity : 0,
    mfuWhileArriving: loadedHours > 0 ? (usefulAtLastArrival - usefulAtWarm) / (totalGpus * loadedHours) : 0,
    hops: {
      meanRingHopsPerJob: multi ? hopsSum / multi : 0, meanCrossRackLinksPerJob: multi ? crossSum / multi : 0,
      crossRackJobFraction: multi ? crossJobs / multi : 0, meanAllReduceMs: multi ? (arSum / multi) * 1e3 : 0,
      meanCommunicationEfficiency: multi ? effSum / multi : 1,
    },
    hopsByClass: hopProfileByClass(run),
    fragmentation: { jobGpus: cfg.fragmentationJobGpus, meanUnusableFraction: fragSamples ? fragSum / fragSamples : 0, samples: fragSamples },
    starvation: {
      thresholdHours: cfg.starvationThresholdHours, lowestPriority: lowest, maxWaitHours: maxLow,
      starvedJobs: lowWaits.filter((w) => w > cfg.starvationThresholdHours).length, isStarving: maxLow > cfg.starvationThresholdHours,
    },
    preemption: { reclaims, restarts, rescales, lostGpuHours },
    tenants: cfg.tenants.map((t, i) => ({
      name: t.name, gpuHours: tenantGpuHours[i], peakGpus: tenantPeak[i], finalDominantShare: run.finalShares[i],
      wait: waitStats(byTenant.get(i) ?? []),
    })),
    snapshot: { timeHours: snapshotTime, grid, fragmentation: fragmentation(grid, shape, cfg.fragmentationJobGpus, cfg.placement, cfg.locality) },
  };
}

/** Each job class's hop profile over its multi-GPU jobs at their first placement. */
function hopProfileByClass(run: RunRecord): ClusterReport["hopsByClass"] {
  const { cfg, cls, k, firstMax, firstHops, firstCross } = run;
  return cfg.jobClasses.map((c, i) => {
    const tiers = new Array<number>(HOPS_CROSS_RACK + 1).fill(0);
    let placed = 0, hops = 0, cross = 0;
    for (let j = 0; j < cfg.jobs; j++) {
      if (cls[j] !== i || firstMax[j] < 0 || k[j] < 2) continue;
      placed++; hops += firstHops[j]; tiers[firstMax[j]]++; if (firstCross[j] > 0) cross++;
    }
    return {
      name: c.name, gpus: c.gpus, placedJobs: placed, meanRingHopsPerJob: placed ? hops / placed : 0,
      crossRackJobFraction: placed ? cross / placed : 0, maxHopsShare: tiers.map((n) => (placed ? n / placed : 0)),
    };
  });
}
