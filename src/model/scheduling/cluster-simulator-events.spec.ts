import { requireFinished, simulateCluster, type ClusterConfig } from "./cluster-simulator";
import { SimulationBudgetError } from "../sim/event-budget";

/** One GPU, fixed-length 1-GPU jobs (serviceCv 0): an M/D/1 queue whose busy periods are countable. */
const oneGpu = (jobs: number, serviceHours: number, arrivalRatePerHour: number, extra: Partial<ClusterConfig> = {}): ClusterConfig => ({
  racks: 1, nodesPerRack: 1, gpusPerNode: 1, jobs, arrivalRatePerHour, placement: "best-fit",
  jobClasses: [{ gpus: 1, meanServiceHours: serviceHours, serviceCv: 0 }], ...extra,
});

describe("simulateCluster event loop: fragmentation sampling", () => {
  it("samples fragmentation at every arrival when there are fewer than 2000 jobs", () => {
    // fragEvery = max(1, floor(3 / 1000)) = 1: one sample per arrival.
    expect(simulateCluster(oneGpu(3, 1, 0.1), 1).fragmentation.samples).toBe(3);
  });

  it("samples every second arrival with 2001 jobs (arrivals 0, 2, ..., 2000)", () => {
    // fragEvery = floor(2001 / 1000) = 2: arrivals a with a % 2 = 0, a in 0..2000, are 1001.
    const r = simulateCluster(oneGpu(2001, 1, 0.5), 2);
    expect(r.jobsCompleted).toBe(2001);
    expect(r.fragmentation.samples).toBe(1001);
  });
});

describe("simulateCluster event loop: the occupancy snapshot", () => {
  it("is taken at the arrival of job floor(N/2) by default: a lone job is seen on its GPU as it starts", () => {
    // N = 1: snapshot at job 0's arrival, after the pass started it: grid [[0]] at time t0.
    // The job waits 0 and runs 10 h (1 GPU, η = 1), so t0 = makespan − 10.
    const r = simulateCluster(oneGpu(1, 10, 1), 3);
    expect(r.wait.maxHours).toBe(0);
    expect(r.snapshot.grid).toEqual([[0]]);
    expect(r.snapshot.timeHours).toBeCloseTo(r.makespanHours - 10, 9);
    expect(r.snapshot.timeHours).toBeGreaterThan(0);
  });

  it("is taken at snapshotAtHours when given, not at the middle job's arrival", () => {
    // At hour 0 nothing has arrived yet: an empty grid, taken at 0.
    const r = simulateCluster(oneGpu(2, 10, 1, { snapshotAtHours: 0 }), 4);
    expect(r.snapshot.timeHours).toBe(0);
    expect(r.snapshot.grid).toEqual([[-1]]);
  });
});

describe("simulateCluster event loop: a run stopped at its event budget", () => {
  it("snapshots the cluster where it stopped, keeps the holder's dominant share and has no while-arriving figures", () => {
    // 5 jobs of 10 h on 1 GPU arriving ~1000/h: events A0 (job 0 starts), A1 (queues), then the budget of 2 stops it,
    // before job floor(5/2) = 2 arrives and before the last arrival. Job 0 holds 1 of 1 GPU (no CPUs asked): share 1.
    const r = simulateCluster(oneGpu(5, 10, 1000, { maxEvents: 2 }), 5);
    expect(r.budget).toEqual({ maxEvents: 2, events: 2, exhausted: true });
    expect(r.jobsCompleted).toBe(0);
    expect(r.snapshot.timeHours).toBe(r.makespanHours);
    expect(r.snapshot.grid).toEqual([[0]]);
    expect(r.tenants[0].finalDominantShare).toBe(1);
    // The last arrival never happened: no loaded stretch to measure.
    expect(r.utilizationWhileArriving).toBe(0);
    expect(r.mfuWhileArriving).toBe(0);
    // Two arrivals at about 1/1000 h apart: the run stopped well under half an hour in, 0 of 5 settled.
    expect(r.makespanHours).toBeLessThan(0.5);
    let caught: unknown;
    try { requireFinished(r); } catch (e) { caught = e; }
    expect(caught).toBeInstanceOf(SimulationBudgetError);
    const err = caught as SimulationBudgetError;
    expect(err.fn).toBe("simulateCluster");
    expect(err.budget).toEqual(r.budget);
    expect(err.message).toBe("simulation stopped at its budget of 2 events: 0 of 5 jobs finished in 0 simulated hours (0 restarts)");
  });

  it("counts dropped jobs as finished in requireFinished's message", () => {
    // Capability-blind placement of jobs needing capability 5 on capability-1 devices: every job is dropped the
    // moment it starts, at its arrival. A budget of 3 events is 3 arrivals: 3 dropped, 0 completed, 2 not arrived.
    const r = simulateCluster({
      racks: 1, nodesPerRack: 2, gpusPerNode: 1, jobs: 5, arrivalRatePerHour: 1, placement: "best-fit", capabilityAware: false, maxEvents: 3,
      jobClasses: [{ gpus: 1, meanServiceHours: 1, serviceCv: 0, minCapability: 5 }],
    }, 6);
    expect(r.budget.exhausted).toBe(true);
    expect(r.jobsDropped).toBe(3);
    expect(r.jobsCompleted).toBe(0);
    const hours = Math.round(r.makespanHours).toLocaleString("en-US");
    expect(() => requireFinished(r)).toThrow(`simulation stopped at its budget of 3 events: 3 of 5 jobs finished in ${hours} simulated hours (0 restarts)`);
  });
});

describe("simulateCluster event loop: while-arriving figures", () => {
  it("measures busy GPU-hours up to the last arrival exactly (1 GPU, two 100 h jobs)", () => {
    // Job 0 arrives at t0 and runs t0..t0+100; job 1 arrives at t1 < t0 + 100 (rate 1/h), waits, runs t0+100..t0+200.
    // So t0 = makespan − 200, t1 = t0 + 100 − wait1, and the GPU was busy t1 − t0 of the t1 hours before the last arrival.
    const r = simulateCluster(oneGpu(2, 100, 1), 7);
    expect(r.completion.count).toBe(2);
    const wait1 = r.wait.maxHours;
    expect(wait1).toBeGreaterThan(0);
    expect(r.wait.meanHours).toBeCloseTo(wait1 / 2, 9); // job 0 waited 0
    const t0 = r.makespanHours - 200, t1 = t0 + 100 - wait1;
    expect(r.utilizationWhileArriving).toBeCloseTo((t1 - t0) / t1, 9);
    expect(r.mfuWhileArriving).toBeCloseTo((t1 - t0) / t1, 9); // one GPU: η = 1
    expect(r.utilization).toBeCloseTo(200 / r.makespanHours, 9);
  });

  it("starts the loaded stretch at the arrival of job floor(warmupFraction·N), and samples only at arrivals", () => {
    // 4 jobs of 100 h at 1/h: all arrive while job 0 runs (t0..t0+100), the GPU is busy from t0 to the end, t0 + 400.
    // Warm-up = 2 jobs: the stretch t2..t3 lies inside job 0's run, fully busy: utilisation (and MFU) while arriving = 1.
    const r = simulateCluster(oneGpu(4, 100, 1, { warmupFraction: 0.5 }), 8);
    expect(r.jobsCompleted).toBe(4);
    expect(r.warmup.jobs).toBe(2);
    expect(r.warmup.hours).toBeGreaterThan(0);
    expect(r.warmup.hours).toBeLessThan(r.makespanHours - 300); // t2 < t0 + 100 = makespan − 300
    expect(r.utilizationWhileArriving).toBeCloseTo(1, 12);
    expect(r.mfuWhileArriving).toBeCloseTo(1, 12);
    expect(r.fragmentation.samples).toBe(4); // one per arrival, none at finishes
  });
});

describe("simulateCluster event loop: tenant GPU-hours", () => {
  it("integrates each tenant's held GPUs over time: jobs × gpus × service hours", () => {
    // 4 GPUs on one node, free communication: a 2-GPU job of tenant 0 runs 3 h (6 GPU-hours), a 1-GPU job of tenant 1
    // runs 5 h (5 GPU-hours). How many of each arrive is random; the per-class completion counts say.
    const r = simulateCluster({
      racks: 1, nodesPerRack: 1, gpusPerNode: 4, jobs: 6, arrivalRatePerHour: 0.5, placement: "best-fit", network: { gradientBytes: 0 },
      tenants: [{ name: "a" }, { name: "b" }],
      jobClasses: [{ gpus: 2, meanServiceHours: 3, serviceCv: 0, tenant: 0 }, { gpus: 1, meanServiceHours: 5, serviceCv: 0, tenant: 1 }],
    }, 9);
    expect(r.jobsCompleted).toBe(6);
    const [a, b] = r.completionByClass.map((c) => c.count);
    expect(a + b).toBe(6);
    expect(r.tenants[0].gpuHours).toBeCloseTo(a * 2 * 3, 9);
    expect(r.tenants[1].gpuHours).toBeCloseTo(b * 1 * 5, 9);
    expect(r.tenants[0].gpuHours + r.tenants[1].gpuHours).toBeCloseTo(r.utilization * r.totalGpus * r.makespanHours, 9);
    // Everything released at the end.
    expect(r.tenants.map((t) => t.finalDominantShare)).toEqual([0, 0]);
  });
});

describe("simulateCluster event loop: spot reclaims", () => {
  // One node of 2 GPUs, all spot, one 2-GPU job of 20 h; free restarts, checkpoints every hour.
  const lone = (mode: "static" | "elastic"): ClusterConfig => ({
    racks: 1, nodesPerRack: 1, gpusPerNode: 2, jobs: 1, arrivalRatePerHour: 1e6, placement: "best-fit", network: { gradientBytes: 0 },
    jobClasses: [{ gpus: 2, meanServiceHours: 20, serviceCv: 0, minGpus: 1 }],
    spot: { spotFraction: 1, meanHoursBetweenPreemptions: 3, meanHoursToRestore: 0.2, mode, checkpointIntervalHours: 1, restartOverheadHours: 0, rescaleOverheadHours: 0.1 },
  });

  it("restarts a job that loses its only node, also in elastic mode, and counts the rolled-back GPU-hours", () => {
    for (const mode of ["static", "elastic"] as const) {
      const r = simulateCluster(lone(mode), 11);
      expect(r.jobsCompleted).toBe(1);
      // It starts as it arrives: a restart after a reclaim is not a start, so the wait stays 0.
      expect(r.wait.maxHours).toBe(0);
      // The job holds every GPU of the only node: a reclaim leaves it none, so it restarts (never rescales),
      // and every reclaim (the node is up only while the job runs, from ~1e-6 h on) hits it.
      expect(r.preemption.rescales).toBe(0);
      expect(r.preemption.restarts).toBeGreaterThan(0);
      expect(r.preemption.restarts).toBe(r.preemption.reclaims);
      // No restart overhead: the job computes whenever it holds its 2 GPUs, so busy GPU-hours = 2 · (20 h of work
      // + the work rolled back), and lostGpuHours is exactly that rolled-back work times 2 GPUs.
      const busy = r.utilization * r.totalGpus * r.makespanHours;
      expect(r.preemption.lostGpuHours).toBeGreaterThan(0);
      expect(r.preemption.lostGpuHours).toBeCloseTo(busy - 2 * 20, 6);
    }
  });

  it("shrinks an elastic job on a reclaim and grows it back, paying the rescale overhead at the current width", () => {
    // Two 1-GPU nodes, one of them spot: a reclaim leaves the 2-GPU job one GPU (rate ½), never none.
    // Each rescale pauses r = 0.1 h at the new rate, i.e. r · width GPU-hours: a shrink (width 1) costs r,
    // a grow (width 2) 2r. Shrinks = reclaims (the spot node is only reclaimed when up, and the job is then whole),
    // grows = rescales − reclaims. Work done = busy GPU-hours / 2 (rate = width / 2).
    const r = simulateCluster({
      racks: 1, nodesPerRack: 2, gpusPerNode: 1, jobs: 1, arrivalRatePerHour: 1e6, placement: "best-fit", network: { gradientBytes: 0 },
      jobClasses: [{ gpus: 2, meanServiceHours: 20, serviceCv: 0, minGpus: 1 }],
      spot: { spotFraction: 0.5, meanHoursBetweenPreemptions: 2, meanHoursToRestore: 0.5, mode: "elastic", checkpointIntervalHours: 1, restartOverheadHours: 0, rescaleOverheadHours: 0.1 },
    }, 12);
    expect(r.jobsCompleted).toBe(1);
    const { reclaims, restarts, rescales, lostGpuHours } = r.preemption;
    expect(restarts).toBe(0);
    expect(lostGpuHours).toBe(0);
    expect(reclaims).toBeGreaterThan(0);
    const grows = rescales - reclaims;
    expect(grows).toBeGreaterThanOrEqual(reclaims - 1);
    const busy = r.utilization * r.totalGpus * r.makespanHours;
    expect(busy).toBeCloseTo(2 * 20 + 0.1 * reclaims + 0.2 * grows, 6);
    expect(r.mfu).toBeCloseTo(r.utilization, 12);
  });
});

describe("simulateCluster: the ring runs in ascending GPU id, whatever order placement picked", () => {
  it("gives every whole-cluster job on 2 nodes × 2 GPUs a ring of 2 hops (node 1 → 0 and node 0 → 1)", () => {
    // Random placement draws the 4 GPUs in random order; in ascending order the ring 0,1,2,3 crosses
    // between the two nodes twice (1→2 and 3→0, one leaf hop each), where an order like 0,2,1,3 would
    // cross four times. Jobs arrive far apart, so each finds the cluster empty.
    const r = simulateCluster({
      racks: 1, nodesPerRack: 2, gpusPerNode: 2, jobs: 40, arrivalRatePerHour: 0.01, placement: "random",
      jobClasses: [{ gpus: 4, meanServiceHours: 1, serviceCv: 0 }],
    }, 21);
    expect(r.jobsCompleted).toBe(40);
    expect(r.hops.meanRingHopsPerJob).toBe(2);
    expect(r.hops.crossRackJobFraction).toBe(0);
  });
});
