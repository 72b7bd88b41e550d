import { buildClusterReport, DONE, DROPPED, QUEUED, RUNNING, type RunRecord } from "./cluster-report";
import { resolveClusterConfig } from "./cluster-config";
import { HOPS_CROSS_RACK, HOPS_SAME_NODE, HOPS_SAME_RACK } from "./topology";

// One rack of 2 four-GPU nodes; network numbers chosen so the all-reduce times come out round:
// T = 2(n−1)·(α₀ + h·α_hop) + 2(n−1)/n · S/B(h) with α₀ = α_hop = 0.5 s, S = 4 GB, B(0) = B(1) = 1 GB/s, B(3) = 0.5 GB/s.
const cfg = resolveClusterConfig({
  racks: 1, nodesPerRack: 2, gpusPerNode: 4, jobs: 6, arrivalRatePerHour: 1, placement: "best-fit", starvationThresholdHours: 3,
  tenants: [{ name: "a" }, { name: "b" }, { name: "c" }],
  jobClasses: [
    { name: "one", gpus: 1, meanServiceHours: 1, priority: 2, tenant: 0 },
    { name: "four", gpus: 4, meanServiceHours: 2, priority: 1, tenant: 1 },
    { name: "pair", gpus: 2, meanServiceHours: 1, priority: 1, tenant: 1 },
    { name: "idle", gpus: 2, meanServiceHours: 1, priority: 5, tenant: 2 },
  ],
  network: { baseLatencySeconds: 0.5, perHopLatencySeconds: 0.5, gradientBytes: 4e9, nodeBytesPerSecond: 1e9, rackBytesPerSecond: 1e9, spineBytesPerSecond: 0.5e9, stepComputeSeconds: 12 },
});
const shape = { racks: 1, nodesPerRack: 2, gpusPerNode: 4 };
const grid = [[0, 0, -1, -1, -1, -1, -1, -1]];

/**
 * Six jobs: 0 (one) waits 0 and runs 0–1; 1 (four) arrives 0.5, waits 2, done 4.5, its ring on one node (0 hops);
 * 2 (four) arrives 1, waits 4, done 7, across racks (2 spine links, 6 hops); 3 (one) arrives 2, starts at 3 on a
 * device it cannot use and drops; 4 (four) arrives 6 and never starts; 5 (pair) arrives 6.5, starts at once on
 * two nodes of the rack (2 hops) and is still running at the end (8 h). Class "idle" and tenant c get no jobs.
 */
function record(patch: Partial<RunRecord> = {}): RunRecord {
  return {
    cfg, seed: 9, shape, totalGpus: 8, makespan: 8, budget: { maxEvents: 100, events: 12, exhausted: false },
    arrival: Float64Array.from([0, 0.5, 1, 2, 6, 6.5]), start: Float64Array.from([0, 2.5, 5, 3, -1, 6.5]), finish: Float64Array.from([1, 4.5, 7, 3, 0, 0]),
    state: Uint8Array.from([DONE, DONE, DONE, DROPPED, QUEUED, RUNNING]), cls: Int32Array.from([0, 1, 1, 0, 1, 2]), k: Int32Array.from([1, 4, 4, 1, 4, 2]),
    firstMax: Int32Array.from([0, HOPS_SAME_NODE, HOPS_CROSS_RACK, -1, -1, HOPS_SAME_RACK]), firstHops: Int32Array.from([0, 0, 6, 0, 0, 2]), firstCross: Int32Array.from([0, 0, 2, 0, 0, 0]),
    processed: 12, settled: 4, dropped: 1, busyArea: 32, usefulArea: 16, busyAtLastArrival: 26, usefulAtLastArrival: 13, lastArrival: 6.5,
    warmJob: 0, busyAtWarm: 0, usefulAtWarm: 0, warmTime: 0, reclaims: 2, restarts: 1, rescales: 3, lostGpuHours: 1.5,
    fragSum: 0.5, fragSamples: 2, snapshotGrid: grid, snapshotTime: 4,
    tenantGpuHours: Float64Array.from([2, 16, 0]), tenantPeak: Float64Array.from([1, 4, 0]), finalShares: [0.125, 0.5, 0],
    ...patch,
  };
}
const none = { count: 0, meanHours: 0, p50Hours: 0, p95Hours: 0, p99Hours: 0, maxHours: 0 };

describe("buildClusterReport", () => {
  // Built inside each test, so every test sees the report of the current code.
  const report = () => buildClusterReport(record());

  it("counts jobs, drops and throughput (completed jobs per hour of makespan)", () => {
    const r = report();
    expect([r.seed, r.totalGpus, r.jobsSubmitted, r.jobsCompleted, r.jobsDropped, r.events]).toEqual([9, 8, 6, 3, 1, 12]);
    expect(r.dropoutRate).toBe(1 / 6);
    expect(r.makespanHours).toBe(8);
    expect(r.throughputJobsPerHour).toBe(3 / 8);
    expect(r.budget).toEqual({ maxEvents: 100, events: 12, exhausted: false });
    expect(r.arrivalRatePerHour).toBe(1);
    expect(r.offeredLoad).toBeCloseTo((1 * ((1 * 1 + 4 * 2 + 2 * 1 + 2 * 1) / 4)) / 8, 12); // λ·E[k·S]/GPUs
  });

  it("waits: every started job, also the dropped one, by priority (highest first), class and tenant", () => {
    const r = report();
    expect(r.wait).toMatchObject({ count: 5, meanHours: 7 / 5, maxHours: 4 });
    expect(r.waitByPriority.map((w) => [w.priority, w.count, w.meanHours])).toEqual([[2, 2, 0.5], [1, 3, 2]]);
    expect(r.waitByClass.map((w) => [w.name, w.gpus, w.count, w.meanHours])).toEqual([["one", 1, 2, 0.5], ["four", 4, 2, 3], ["pair", 2, 1, 0], ["idle", 2, 0, 0]]);
    expect(r.waitByClass[3]).toEqual({ name: "idle", gpus: 2, ...none });
    expect(r.tenants.map((t) => [t.name, t.wait.count, t.wait.meanHours])).toEqual([["a", 2, 0.5], ["b", 3, 2], ["c", 0, 0]]);
    expect(r.tenants[2].wait).toEqual(none);
  });

  it("completion: arrival to finish of completed jobs only", () => {
    const r = report();
    expect(r.completion).toMatchObject({ count: 3, meanHours: (1 + 4 + 6) / 3, maxHours: 6 });
    expect(r.completionByClass.map((c) => [c.name, c.count, c.meanHours])).toEqual([["one", 1, 1], ["four", 2, 5], ["pair", 0, 0], ["idle", 0, 0]]);
    expect(r.completionByClass[3]).toEqual({ name: "idle", gpus: 2, ...none });
  });

  it("starvation: waits of the lowest priority that started against the threshold", () => {
    const r = report();
    // Priority 1 is the lowest that started (waits 2, 4 and 0).
    expect(r.starvation).toEqual({ thresholdHours: 3, lowestPriority: 1, maxWaitHours: 4, starvedJobs: 1, isStarving: true });
    const calm = buildClusterReport(record({ start: Float64Array.from([0, 2.5, 3.5, 3, -1, 6.5]) })); // waits 2, 2.5 and 0
    expect(calm.starvation).toEqual({ thresholdHours: 3, lowestPriority: 1, maxWaitHours: 2.5, starvedJobs: 0, isStarving: false });
    const edge = buildClusterReport(record({ start: Float64Array.from([0, 2.5, 4, 3, -1, 6.5]) })); // a wait of exactly 3 is not starved
    expect(edge.starvation).toMatchObject({ maxWaitHours: 3, starvedJobs: 0, isStarving: false });
  });

  it("utilisation and MFU over the makespan and over the arrivals after the warm-up", () => {
    const r = report();
    expect(r.utilization).toBe(32 / 64);
    expect(r.mfu).toBe(16 / 64);
    expect(r.utilizationWhileArriving).toBe(26 / (8 * 6.5));
    expect(r.mfuWhileArriving).toBe(13 / (8 * 6.5));
    const warm = buildClusterReport(record({ warmJob: 1, warmTime: 0.5, busyAtWarm: 2, usefulAtWarm: 1 }));
    expect(warm.utilizationWhileArriving).toBe((26 - 2) / (8 * 6));
    expect(warm.mfuWhileArriving).toBe((13 - 1) / (8 * 6));
    expect(warm.warmup).toEqual({ jobs: 1, hours: 0.5 });
  });

  it("leaves the jobs before the warm-up out of waits, completions and starvation", () => {
    const warm = buildClusterReport(record({ warmJob: 2, warmTime: 1 }));
    expect(warm.wait).toMatchObject({ count: 3, meanHours: 5 / 3 }); // jobs 2 (4), 3 (1) and 5 (0)
    expect(warm.completion).toMatchObject({ count: 1, meanHours: 6 });
    expect(warm.waitByPriority.map((w) => [w.priority, w.count])).toEqual([[2, 1], [1, 2]]);
    expect(warm.tenants.map((t) => t.wait.count)).toEqual([1, 2, 0]);
  });

  it("hops and all-reduce: multi-GPU jobs at their first placement", () => {
    const r = report();
    // Jobs 1, 2 and 5 (job 0 and the dropped job 3 have one GPU, job 4 never started):
    //   job 1 (n = 4, h = 0): 6·0.5 + 1.5·4 = 9 s,  η = 12/21;
    //   job 2 (n = 4, h = 3): 6·(0.5 + 1.5) + 1.5·8 = 24 s,  η = 12/36;
    //   job 5 (n = 2, h = 1): 2·(0.5 + 0.5) + 1·4 = 6 s,  η = 12/18.
    expect(r.hops.meanRingHopsPerJob).toBe(8 / 3);
    expect(r.hops.meanCrossRackLinksPerJob).toBe(2 / 3);
    expect(r.hops.crossRackJobFraction).toBe(1 / 3);
    expect(r.hops.meanAllReduceMs).toBeCloseTo(13_000, 6);
    expect(r.hops.meanCommunicationEfficiency).toBeCloseTo((12 / 21 + 12 / 36 + 12 / 18) / 3, 12);
    const free = buildClusterReport(record({ cfg: { ...cfg, network: { ...cfg.network, gradientBytes: 0 } } }));
    expect(free.hops.meanCommunicationEfficiency).toBe(1);
    expect(free.hops.meanAllReduceMs).toBeCloseTo(((3 + 12 + 2) / 3) * 1e3, 6);
  });

  it("profiles hops per class: placed multi-GPU jobs, mean hops, cross-rack share, slowest tier shares", () => {
    const r = report();
    expect(r.hopsByClass).toEqual([
      { name: "one", gpus: 1, placedJobs: 0, meanRingHopsPerJob: 0, crossRackJobFraction: 0, maxHopsShare: [0, 0, 0, 0] },
      { name: "four", gpus: 4, placedJobs: 2, meanRingHopsPerJob: 3, crossRackJobFraction: 0.5, maxHopsShare: [0.5, 0, 0, 0.5] },
      { name: "pair", gpus: 2, placedJobs: 1, meanRingHopsPerJob: 2, crossRackJobFraction: 0, maxHopsShare: [0, 1, 0, 0] },
      { name: "idle", gpus: 2, placedJobs: 0, meanRingHopsPerJob: 0, crossRackJobFraction: 0, maxHopsShare: [0, 0, 0, 0] },
    ]);
  });

  it("passes through fragmentation, reclaims, tenant holdings and the snapshot", () => {
    const r = report();
    expect(r.fragmentation).toEqual({ jobGpus: 4, meanUnusableFraction: 0.25, samples: 2 });
    expect(r.preemption).toEqual({ reclaims: 2, restarts: 1, rescales: 3, lostGpuHours: 1.5 });
    expect(r.tenants.map((t) => [t.gpuHours, t.peakGpus, t.finalDominantShare])).toEqual([[2, 1, 0.125], [16, 4, 0.5], [0, 0, 0]]);
    expect(r.snapshot.timeHours).toBe(4);
    expect(r.snapshot.grid).toBe(grid);
    expect(r.snapshot.fragmentation.freeGpus).toBe(6);
  });

  it("reports zeros, not NaN, for a run that started nothing in no time", () => {
    const idle = buildClusterReport(record({
      start: new Float64Array(6).fill(-1), state: new Uint8Array(6).fill(QUEUED), firstMax: new Int32Array(6).fill(-1),
      makespan: 0, settled: 0, dropped: 0, busyArea: 0, usefulArea: 0, busyAtLastArrival: 0, usefulAtLastArrival: 0, lastArrival: 0,
      fragSum: 0, fragSamples: 0,
    }));
    expect(idle.wait).toEqual(none);
    expect(idle.completion).toEqual(none);
    expect(idle.waitByPriority).toEqual([]);
    expect(idle.starvation).toEqual({ thresholdHours: 3, lowestPriority: 0, maxWaitHours: 0, starvedJobs: 0, isStarving: false });
    expect([idle.utilization, idle.mfu, idle.utilizationWhileArriving, idle.mfuWhileArriving, idle.throughputJobsPerHour, idle.dropoutRate]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(idle.hops).toEqual({ meanRingHopsPerJob: 0, meanCrossRackLinksPerJob: 0, crossRackJobFraction: 0, meanAllReduceMs: 0, meanCommunicationEfficiency: 1 });
    expect(idle.fragmentation).toEqual({ jobGpus: 4, meanUnusableFraction: 0, samples: 0 });
    for (const t of idle.tenants) expect(t.wait).toEqual(none);
  });

  it("reports a dropout rate of 0, not NaN, for a run of no jobs", () => {
    const empty = buildClusterReport(record({
      cfg: { ...cfg, jobs: 0 }, arrival: new Float64Array(0), start: new Float64Array(0), finish: new Float64Array(0),
      state: new Uint8Array(0), cls: new Int32Array(0), k: new Int32Array(0),
      firstMax: new Int32Array(0), firstHops: new Int32Array(0), firstCross: new Int32Array(0), settled: 0, dropped: 0,
    }));
    expect([empty.jobsSubmitted, empty.jobsCompleted, empty.jobsDropped, empty.dropoutRate]).toEqual([0, 0, 0, 0]);
  });
});
