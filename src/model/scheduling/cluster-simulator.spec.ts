import { requireFinished, simulateCluster, type ClusterConfig } from "./cluster-simulator";
import { ModelInputError } from "../errors";
import { DEFAULT_MAX_EVENTS, SimulationBudgetError } from "../sim/event-budget";
import { workTally } from "../sim/work-tally";

const small = { racks: 4, nodesPerRack: 4, gpusPerNode: 8 } as const;

describe("simulateCluster's warm-up discard", () => {
  // M/M/1 at ρ = 0.9 from an empty queue: P-K's steady-state wait is 18 h, and the first jobs of a run wait far less.
  const mm1 = (jobs: number, warmupFraction?: number): ClusterConfig => ({
    racks: 1, nodesPerRack: 1, gpusPerNode: 1, jobs, load: 0.9, warmupFraction,
    jobClasses: [{ gpus: 1, meanServiceHours: 2, serviceCv: 1 }], placement: "best-fit",
  });
  it("leaves the first jobs out of the waits and the while-arriving utilisation, and says how many", () => {
    const r = simulateCluster(mm1(1000, 0.25), 3);
    expect(r.warmup.jobs).toBe(250);
    expect(r.warmup.hours).toBeGreaterThan(0);
    expect(r.wait.count).toBe(750);
    expect(simulateCluster(mm1(1000), 3).warmup).toEqual({ jobs: 0, hours: 0 });
  });
  it("rejects a warm-up share outside [0, 0.9]", () => expect(() => simulateCluster(mm1(100, 0.95), 1)).toThrow(/warmupFraction/));
});

describe("simulateCluster is deterministic", () => {
  const config: ClusterConfig = {
    ...small, jobs: 1500, load: 0.85, placement: "random", backfill: "easy", queueOrder: "drf",
    tenants: [{ name: "a" }, { name: "b", quotaGpus: 64 }],
    jobClasses: [{ gpus: 1, meanServiceHours: 1, tenant: 0 }, { gpus: 16, meanServiceHours: 3, serviceCv: 2, tenant: 1, priority: 2 }],
    spot: { spotFraction: 0.25, meanHoursBetweenPreemptions: 20, meanHoursToRestore: 1, mode: "elastic" },
  };
  it("gives identical reports for the same seed", () => expect(simulateCluster(config, 3)).toEqual(simulateCluster(config, 3)));
  it("gives different runs for different seeds", () =>
    expect(simulateCluster(config, 3).wait.meanHours).not.toEqual(simulateCluster(config, 4).wait.meanHours));
});

describe("simulateCluster invariants", () => {
  const config: ClusterConfig = {
    ...small, jobs: 3000, load: 0.95, placement: "best-fit", backfill: "easy",
    jobClasses: [{ gpus: 1, meanServiceHours: 1 }, { gpus: 3, meanServiceHours: 2 }, { gpus: 12, meanServiceHours: 2 }],
  };

  it("never has more GPUs busy than exist, and gang jobs hold all k GPUs at once", () => {
    for (const snapshotAtHours of [5, 20, 60, 150]) {
      const r = simulateCluster({ ...config, snapshotAtHours }, 1);
      expect(r.utilization).toBeLessThanOrEqual(1);
      expect(r.snapshot.timeHours).toBe(Math.min(snapshotAtHours, r.makespanHours));
      const held = new Map<number, number>();
      let busy = 0;
      for (const row of r.snapshot.grid) for (const id of row) if (id >= 0) { held.set(id, (held.get(id) ?? 0) + 1); busy++; }
      expect(busy).toBeLessThanOrEqual(r.totalGpus);
      expect(r.snapshot.grid.flat()).toHaveLength(r.totalGpus);
      for (const count of held.values()) expect([1, 3, 12]).toContain(count);
    }
  });

  it("completes every job and respects tenant quotas", () => {
    const r = simulateCluster({
      ...config, queueOrder: "drf", tenants: [{ name: "capped", quotaGpus: 40 }, { name: "open" }],
      jobClasses: [{ gpus: 4, meanServiceHours: 2, tenant: 0 }, { gpus: 2, meanServiceHours: 1, tenant: 1 }],
    }, 2);
    expect(r.jobsCompleted).toBe(3000);
    expect(r.tenants[0].peakGpus).toBeLessThanOrEqual(40);
    expect(r.tenants[0].peakGpus).toBeGreaterThan(20);
  });
});

describe("placement and topology", () => {
  const one8 = (placement: ClusterConfig["placement"]): ClusterConfig => ({
    ...small, jobs: 1, arrivalRatePerHour: 1, placement, jobClasses: [{ gpus: 8, meanServiceHours: 1 }],
  });

  it("puts an 8-GPU job on an empty cluster on one node with zero hops (topology-aware)", () => {
    const r = simulateCluster(one8("topology-aware"), 1);
    expect(r.hops.meanRingHopsPerJob).toBe(0);
    expect(r.hops.meanCrossRackLinksPerJob).toBe(0);
    expect(r.hops.meanCommunicationEfficiency).toBeGreaterThan(0.98);
  });

  it("gives random placement more hops and lower MFU at high load", () => {
    const run = (placement: ClusterConfig["placement"]) => simulateCluster({
      ...small, jobs: 2000, load: 0.9, placement, backfill: "easy",
      jobClasses: [{ gpus: 8, meanServiceHours: 1 }, { gpus: 2, meanServiceHours: 1 }],
    }, 5);
    const aware = run("topology-aware"), random = run("random");
    expect(random.hops.meanRingHopsPerJob).toBeGreaterThan(aware.hops.meanRingHopsPerJob + 2);
    expect(random.hops.meanCrossRackLinksPerJob).toBeGreaterThan(aware.hops.meanCrossRackLinksPerJob);
    expect(random.hops.meanAllReduceMs).toBeGreaterThan(aware.hops.meanAllReduceMs);
    expect(random.mfu / random.utilization).toBeLessThan(aware.mfu / aware.utilization);
  });

  it("profiles hops per job class: a strict 16-GPU gang stays in one rack (1 hop), a loose one crosses racks (3)", () => {
    const run = (locality: "strict" | "loose") => simulateCluster({
      ...small, jobs: 2000, load: 0.8, placement: "best-fit", backfill: "easy",
      jobClasses: [{ name: "gang", gpus: 16, meanServiceHours: 1, placement: "topology-aware", locality }, { name: "pair", gpus: 2, weight: 4, meanServiceHours: 1 }],
    }, 3);
    const strict = run("strict"), loose = run("loose");
    const gang = (r: typeof strict) => r.hopsByClass.find((c) => c.name === "gang")!;
    // Two 8-GPU nodes of one rack: every ring's slowest link is the leaf switch.
    expect(gang(strict).maxHopsShare).toEqual([0, 1, 0, 0]);
    expect(gang(strict).crossRackJobFraction).toBe(0);
    expect(gang(loose).maxHopsShare[3]).toBeGreaterThan(0);
    expect(gang(loose).maxHopsShare[3]).toBeCloseTo(gang(loose).crossRackJobFraction, 12);
    for (const r of [strict, loose]) {
      // The classes partition the multi-GPU jobs the aggregate counts.
      const placed = r.hopsByClass.reduce((a, c) => a + c.placedJobs, 0);
      expect(r.hopsByClass.reduce((a, c) => a + c.placedJobs * c.meanRingHopsPerJob, 0) / placed).toBeCloseTo(r.hops.meanRingHopsPerJob, 9);
      for (const c of r.hopsByClass) expect(c.maxHopsShare.reduce((a, x) => a + x, 0)).toBeCloseTo(c.placedJobs > 0 ? 1 : 0, 12);
    }
  });

  it("makes contiguous 8-GPU jobs wait longer than 8 scattered GPUs at 90% load (mission 08, part 1)", () => {
    const run = (placement: ClusterConfig["placement"]) => simulateCluster({
      ...small, jobs: 4000, load: 0.9, placement, locality: "strict", backfill: "easy", network: { gradientBytes: 0 },
      jobClasses: [
        { gpus: 1, weight: 4, meanServiceHours: 1 }, { gpus: 2, weight: 2, meanServiceHours: 1 },
        { gpus: 3, weight: 2, meanServiceHours: 1 }, { name: "eight", gpus: 8, weight: 1, meanServiceHours: 1 },
      ],
    }, 1);
    const contiguous = run("topology-aware"), scattered = run("random");
    const eight = (r: ReturnType<typeof run>) => r.waitByClass.find((c) => c.name === "eight")!.meanHours;
    expect(eight(contiguous)).toBeGreaterThan(2 * eight(scattered));
    expect(contiguous.fragmentation.meanUnusableFraction).toBeGreaterThan(scattered.fragmentation.meanUnusableFraction);
  });
});

describe("per-class placement", () => {
  const mix = (placement: ClusterConfig["placement"], probe?: ClusterConfig["placement"]): ClusterConfig => ({
    ...small, jobs: 1500, load: 0.9, placement, locality: "strict", backfill: "easy", network: { gradientBytes: 0 },
    jobClasses: [
      { gpus: 1, weight: 6, meanServiceHours: 1 }, { gpus: 2, weight: 3, meanServiceHours: 1 },
      { name: "eight", gpus: 8, weight: 1, meanServiceHours: 1, ...(probe ? { placement: probe } : {}) },
    ],
  });
  const eight = (r: ReturnType<typeof simulateCluster>) => r.waitByClass.find((c) => c.name === "eight")!.meanHours;

  it("a class override equal to the global policy changes nothing (same seed)", () =>
    expect(simulateCluster(mix("random", "random"), 4)).toEqual(simulateCluster(mix("random"), 4)));

  it("in the same scattered cluster, a contiguous 8-GPU gang waits longer than one that takes any 8 GPUs", () => {
    const contiguous = simulateCluster(mix("random", "topology-aware"), 4), scattered = simulateCluster(mix("random"), 4);
    expect(eight(contiguous)).toBeGreaterThan(5 * eight(scattered));
  });

  it("rejects an unknown class placement, naming the field", () =>
    expect(() => simulateCluster({ ...mix("random"), jobClasses: [{ gpus: 1, meanServiceHours: 1, placement: "nearest" as never }] }, 1))
      .toThrow(/config\.jobClasses\[0\]\.placement/));
});

describe("scheduling policies", () => {
  it("EASY backfill lowers the mean wait", () => {
    const run = (backfill: "none" | "easy") => simulateCluster({
      ...small, jobs: 3000, load: 0.8, placement: "best-fit", backfill, network: { gradientBytes: 0 },
      jobClasses: [{ gpus: 1, weight: 10, meanServiceHours: 1 }, { gpus: 64, weight: 1, meanServiceHours: 4 }],
    }, 3);
    expect(run("easy").wait.meanHours).toBeLessThan(run("none").wait.meanHours / 2);
  });

  it("DRF protects a light tenant from a flooding one", () => {
    const run = (queueOrder: "fifo" | "drf") => simulateCluster({
      ...small, jobs: 3000, load: 0.95, placement: "best-fit", queueOrder, backfill: "easy",
      tenants: [{ name: "flood" }, { name: "light" }],
      jobClasses: [{ gpus: 4, weight: 9, meanServiceHours: 2, tenant: 0 }, { gpus: 4, weight: 1, meanServiceHours: 2, tenant: 1 }],
    }, 11);
    expect(run("drf").tenants[1].wait.meanHours).toBeLessThan(run("fifo").tenants[1].wait.meanHours / 4);
  });

  it("lets strict priority starve low-priority jobs past 24 h", () => {
    const r = simulateCluster({
      ...small, jobs: 3000, load: 0.97, placement: "best-fit", queueOrder: "priority",
      jobClasses: [{ gpus: 4, weight: 4, meanServiceHours: 2, priority: 5 }, { gpus: 8, weight: 1, meanServiceHours: 4, priority: 0 }],
    }, 13);
    const [high, low] = r.waitByPriority;
    expect(high.priority).toBe(5);
    expect(low.meanHours).toBeGreaterThan(10 * high.meanHours);
    expect(r.starvation.lowestPriority).toBe(0);
    expect(r.starvation.isStarving).toBe(r.starvation.maxWaitHours > 24);
    expect(r.starvation.starvedJobs).toBeGreaterThan(0);
  });
});

describe("spot preemption", () => {
  const run = (mode: "static" | "elastic") => simulateCluster({
    ...small, jobs: 30, arrivalRatePerHour: 0.5, placement: "topology-aware", locality: "loose",
    jobClasses: [{ gpus: 32, meanServiceHours: 24, serviceCv: 0, minGpus: 8 }],
    spot: { spotFraction: 1, meanHoursBetweenPreemptions: 24, meanHoursToRestore: 2, mode, checkpointIntervalHours: 4 },
  }, 7);

  it("elastic training converges faster than static restarts under heavy preemption", () => {
    const s = run("static"), e = run("elastic");
    expect(s.preemption.restarts).toBeGreaterThan(0);
    expect(s.preemption.lostGpuHours).toBeGreaterThan(0);
    expect(e.preemption.restarts).toBe(0);
    expect(e.preemption.rescales).toBeGreaterThan(0);
    expect(s.completionByClass[0].meanHours).toBeGreaterThan(1.5 * e.completionByClass[0].meanHours);
    expect(s.completion.meanHours).toBe(s.completionByClass[0].meanHours);
    expect(e.throughputJobsPerHour).toBeGreaterThan(s.throughputJobsPerHour);
    expect(e.jobsCompleted).toBe(30);
  });

  it("keeps elastic widths within [0, k], quotas and completion under churn (several seeds)", () => {
    for (const seed of [1, 2, 3]) {
      const r = simulateCluster({
        ...small, jobs: 400, load: 0.9, placement: "random", backfill: "easy", queueOrder: "drf", snapshotAtHours: 40,
        tenants: [{ name: "a", quotaGpus: 48 }, { name: "b" }],
        jobClasses: [{ gpus: 16, meanServiceHours: 4, minGpus: 4, tenant: 0 }, { gpus: 6, meanServiceHours: 2, minGpus: 2, tenant: 1 }],
        spot: { spotFraction: 0.5, meanHoursBetweenPreemptions: 6, meanHoursToRestore: 1, mode: "elastic" },
      }, seed);
      expect(r.jobsCompleted).toBe(400);
      expect(r.tenants[0].peakGpus).toBeLessThanOrEqual(48);
      const held = new Map<number, number>();
      for (const id of r.snapshot.grid.flat()) if (id >= 0) held.set(id, (held.get(id) ?? 0) + 1);
      for (const count of held.values()) expect(count).toBeLessThanOrEqual(16);
      expect(r.preemption.rescales).toBeGreaterThan(0);
    }
  });

  it("grows a non-gang job back after each reclaim, also one that started at full width on scattered GPUs", () => {
    // 3 nodes of 2 GPUs, 3-GPU elastic jobs wanting 2 adjacent wholly free nodes. The first takes nodes 0-1 as a block;
    // the second finds no block and starts best-fit on the other 3 free GPUs (nodes 1-2), at full width; the third
    // waits. A reclaim costs a job at most a node's share until the node is back (0.05 h of every 5 h), so both
    // running jobs end within 5% of their 20 h of work, and none loses all its GPUs (no static restart).
    for (const seed of [1, 2, 3]) {
      const r = simulateCluster({
        racks: 1, nodesPerRack: 3, gpusPerNode: 2, jobs: 3, arrivalRatePerHour: 1000, placement: "topology-aware", network: { gradientBytes: 0 },
        jobClasses: [{ gpus: 3, meanServiceHours: 20, serviceCv: 0, gang: false, minGpus: 1 }],
        spot: { spotFraction: 1, meanHoursBetweenPreemptions: 5, meanHoursToRestore: 0.05, mode: "elastic", checkpointIntervalHours: 0.1, restartOverheadHours: 0, rescaleOverheadHours: 0 },
      }, seed);
      expect(r.jobsCompleted).toBe(3);
      expect(r.preemption.reclaims).toBeGreaterThan(5);
      expect(r.preemption.restarts).toBe(0);
      expect(r.completion.p50Hours).toBeLessThan(21); // the second of three to finish
      expect(r.mfu).toBeCloseTo(r.utilization, 12); // η = 1: every busy GPU computes, through every shrink and regrowth
    }
  });

  it("never rescales a non-gang job that starts at full width when nothing is reclaimed", () => {
    // As above without spot nodes: the second job starts best-fit at full width, the third when the first two end.
    const r = simulateCluster({
      racks: 1, nodesPerRack: 3, gpusPerNode: 2, jobs: 3, arrivalRatePerHour: 1000, placement: "topology-aware", network: { gradientBytes: 0 },
      jobClasses: [{ gpus: 3, meanServiceHours: 20, serviceCv: 0, gang: false, minGpus: 1 }],
    }, 1);
    expect(r.preemption).toEqual({ reclaims: 0, restarts: 0, rescales: 0, lostGpuHours: 0 });
    expect(r.completion.p50Hours).toBeCloseTo(20, 9);
    expect(r.completion.maxHours).toBeCloseTo(40, 1);
  });

  it("never preempts anything without spot nodes", () => {
    const r = simulateCluster({ ...small, jobs: 200, load: 0.5, placement: "best-fit", jobClasses: [{ gpus: 8, meanServiceHours: 1 }] }, 1);
    expect(r.preemption).toEqual({ reclaims: 0, restarts: 0, rescales: 0, lostGpuHours: 0 });
  });
});

describe("heterogeneous devices (V1/V2/V3)", () => {
  const run = (capabilityAware: boolean) => simulateCluster({
    ...small, jobs: 1500, load: 0.6, placement: "best-fit", capabilityAware,
    generations: [
      { name: "V1", fraction: 0.5, capability: 1, memoryGb: 16 },
      { name: "V2", fraction: 0.25, capability: 2, memoryGb: 32 },
      { name: "V3", fraction: 0.25, capability: 3, memoryGb: 80 },
    ],
    jobClasses: [
      { gpus: 1, meanServiceHours: 1 }, { gpus: 4, meanServiceHours: 1, minCapability: 3, memoryGb: 40 },
      { gpus: 2, meanServiceHours: 1, minCapability: 2 },
    ],
  }, 9);

  it("drops jobs placed blind on incapable devices and none when capability-aware", () => {
    const blind = run(false), aware = run(true);
    expect(blind.dropoutRate).toBeGreaterThan(0.2);
    expect(blind.jobsDropped + blind.jobsCompleted).toBe(1500);
    expect(aware.dropoutRate).toBe(0);
    expect(aware.jobsCompleted).toBe(1500);
  });
});

describe("simulateCluster rejects bad configuration, naming the field", () => {
  const good: ClusterConfig = { ...small, jobs: 10, load: 0.5, placement: "best-fit", jobClasses: [{ gpus: 1, meanServiceHours: 1 }] };
  const cases: [string, Partial<ClusterConfig> | Record<string, unknown>, RegExp][] = [
    ["zero racks", { racks: 0 }, /config\.racks/],
    ["a fractional node count", { nodesPerRack: 2.5 }, /config\.nodesPerRack/],
    ["an unknown policy", { placement: "first-fit" }, /config\.placement/],
    ["a job larger than the cluster", { jobClasses: [{ gpus: 129, meanServiceHours: 1 }] }, /config\.jobClasses\[0\]\.gpus/],
    ["a negative service time", { jobClasses: [{ gpus: 1, meanServiceHours: -1 }] }, /config\.jobClasses\[0\]\.meanServiceHours/],
    ["both load and rate", { arrivalRatePerHour: 3 }, /config\.load/],
    ["generations not summing to 1", { generations: [{ name: "V1", fraction: 0.5, capability: 1, memoryGb: 16 }] }, /config\.generations/],
    ["no capable devices", { jobClasses: [{ gpus: 1, meanServiceHours: 1, minCapability: 9 }] }, /config\.jobClasses\[0\]\.minCapability/],
    ["a spot fraction above 1", { spot: { spotFraction: 1.5, meanHoursBetweenPreemptions: 1, meanHoursToRestore: 1, mode: "static" } }, /config\.spot\.spotFraction/],
    ["a negative bandwidth", { network: { rackBytesPerSecond: -1 } }, /config\.network\.rackBytesPerSecond/],
  ];
  it.each(cases)("rejects %s", (_label, patch, field) => {
    const bad = { ...good, ...patch } as ClusterConfig;
    expect(() => simulateCluster(bad, 1)).toThrow(ModelInputError);
    expect(() => simulateCluster(bad, 1)).toThrow(field);
  });
});

describe("simulateCluster: gang versus non-gang (malleable) jobs", () => {
  const mix = (gang: boolean): ClusterConfig => ({
    ...small, jobs: 1500, load: 0.8, placement: "best-fit", backfill: "easy", queueOrder: "fifo",
    jobClasses: [{ name: "small", gpus: 1, weight: 6, meanServiceHours: 1 }, { name: "big", gpus: 32, weight: 1, meanServiceHours: 2, serviceCv: 2, gang }],
  });
  it("a non-gang job starts on what is free: a lone job waits 0 and (no communication cost) takes its compute time", () => {
    const lone: ClusterConfig = { ...small, jobs: 1, load: 0.01, placement: "best-fit", network: { gradientBytes: 0 }, jobClasses: [{ gpus: 128, meanServiceHours: 3, serviceCv: 0, gang: false }] };
    const r = simulateCluster(lone, 1);
    expect(r.wait.meanHours).toBe(0);
    expect(r.completion.meanHours).toBeCloseTo(3, 9);
  });
  it("same seed, same jobs: dropping the gang constraint cuts the mean wait of all users, and every job still completes", () => {
    const gang = simulateCluster(mix(true), 5), loose = simulateCluster(mix(false), 5);
    expect(gang.jobsCompleted).toBe(1500);
    expect(loose.jobsCompleted).toBe(1500);
    expect(loose.wait.meanHours).toBeLessThan(gang.wait.meanHours);
  });
  it("a job started narrow grows to full width when GPUs free up, paying one rescale overhead", () => {
    // 6 one-GPU nodes, two 4-GPU non-gang jobs of 10 h arriving at once; spot config without spot nodes gives the
    // 0.5 h rescale overhead and no reclaims. A runs 0–10 on 4 GPUs; B starts on the other 2 at half speed, has
    // 5 h done at 10 h, grows to 4, loses 0.5 h to the rescale and ends at 10 + 5 + 0.5 = 15.5 h.
    const r = simulateCluster({
      racks: 1, nodesPerRack: 6, gpusPerNode: 1, jobs: 2, arrivalRatePerHour: 1e6, placement: "best-fit", network: { gradientBytes: 0 },
      jobClasses: [{ gpus: 4, meanServiceHours: 10, serviceCv: 0, gang: false, minGpus: 1 }],
      spot: { spotFraction: 0, meanHoursBetweenPreemptions: 1, meanHoursToRestore: 1, mode: "elastic", rescaleOverheadHours: 0.5 },
    }, 1);
    expect(r.completion.count).toBe(2);
    expect(r.completion.meanHours).toBeCloseTo((10 + 15.5) / 2, 4);
    expect(r.completion.maxHours).toBeCloseTo(15.5, 4);
    expect(r.preemption).toEqual({ reclaims: 0, restarts: 0, rescales: 1, lostGpuHours: 0 });
    // Free communication (η = 1): useful compute is exactly the busy GPUs: 4 · 10 + 2 · 10 + 4 · 5.5 GPU-hours.
    expect(r.utilization * r.totalGpus * r.makespanHours).toBeCloseTo(82, 3);
    expect(r.mfu).toBeCloseTo(r.utilization, 12);
  });

  it("1-GPU jobs are the same with or without gang", () => {
    const one = (gang: boolean): ClusterConfig => ({ ...small, jobs: 500, load: 0.9, placement: "best-fit", jobClasses: [{ gpus: 1, meanServiceHours: 1, gang }] });
    expect(simulateCluster(one(false), 2)).toEqual(simulateCluster(one(true), 2));
  });
  it("rejects a non-boolean gang, naming the field", () =>
    expect(() => simulateCluster({ ...mix(true), jobClasses: [{ gpus: 2, meanServiceHours: 1, gang: "no" as unknown as boolean }] }, 1)).toThrow(/jobClasses\[0\]\.gang/));
});

describe("simulateCluster: MFU while arriving", () => {
  it("equals utilisation while arriving when communication is free (η = 1), and never exceeds it", () => {
    const base: ClusterConfig = { ...small, jobs: 800, load: 0.7, placement: "random", jobClasses: [{ gpus: 1, meanServiceHours: 1, weight: 3 }, { gpus: 16, meanServiceHours: 2 }] };
    const free = simulateCluster({ ...base, network: { gradientBytes: 0 } }, 4);
    expect(free.mfuWhileArriving).toBeCloseTo(free.utilizationWhileArriving, 12);
    const paid = simulateCluster(base, 4);
    expect(paid.mfuWhileArriving).toBeLessThan(paid.utilizationWhileArriving);
    expect(paid.mfuWhileArriving).toBeGreaterThan(0);
  });
});

describe("simulateCluster: static restarts are paid, not added to the work (Daly's closed form)", () => {
  it("converges where a restart longer than the mean reclaim-free stretch used to grow the work for ever (R > M)", () => {
    // E[reclaim-free stretch] = 0.3 h < R = 0.5 h: Daly's T_up = 0.3 e^{5/3} (e^{1/3} − 1) · 10/0.1 ≈ 63 h.
    const r = simulateCluster({
      racks: 1, nodesPerRack: 1, gpusPerNode: 1, jobs: 1, arrivalRatePerHour: 1e6, placement: "best-fit",
      jobClasses: [{ gpus: 1, meanServiceHours: 10, serviceCv: 0 }],
      spot: { spotFraction: 1, meanHoursBetweenPreemptions: 0.3, meanHoursToRestore: 0.05, mode: "static", checkpointIntervalHours: 0.1, restartOverheadHours: 0.5 },
    }, 5);
    expect(r.jobsCompleted).toBe(1);
    expect(r.budget.exhausted).toBe(false);
    expect(r.completion.meanHours).toBeGreaterThan(10);
  });
});

describe("simulateCluster: event budget", () => {
  // A job that needs a 2 h restart on a node reclaimed every 0.05 h: e^{-40} per attempt, it never finishes.
  const hopeless = (maxEvents?: number): ClusterConfig => ({
    racks: 1, nodesPerRack: 2, gpusPerNode: 1, jobs: 3, arrivalRatePerHour: 1, placement: "best-fit", maxEvents,
    jobClasses: [{ gpus: 1, meanServiceHours: 1, serviceCv: 0 }],
    spot: { spotFraction: 1, meanHoursBetweenPreemptions: 0.05, meanHoursToRestore: 0.01, mode: "static", restartOverheadHours: 2 },
  });

  it("stops a run that would never finish at exactly its budget, says so, and tallies the events", () => {
    const before = workTally();
    const r = simulateCluster(hopeless(5000), 1);
    expect(workTally() - before).toBe(5000);
    expect(r.budget).toEqual({ maxEvents: 5000, events: 5000, exhausted: true });
    expect(r.events).toBe(5000);
    expect(r.jobsCompleted).toBeLessThan(3);
    expect(r.preemption.restarts).toBeGreaterThan(0);
    expect(simulateCluster(hopeless(5000), 1)).toEqual(r); // stopping is deterministic
    expect(() => requireFinished(r)).toThrow(SimulationBudgetError);
    expect(() => requireFinished(r)).toThrow(/^simulation stopped at its budget of 5,000 events: \d of 3 jobs finished in [\d,]+ simulated hours \([\d,]+ restarts\)$/);
  });

  it("gives a run that finishes within its budget the same report as without one, marked not exhausted", () => {
    const config: ClusterConfig = { ...small, jobs: 300, load: 0.7, placement: "best-fit", jobClasses: [{ gpus: 4, meanServiceHours: 1 }] };
    const free = simulateCluster(config, 2);
    expect(free.budget).toEqual({ maxEvents: DEFAULT_MAX_EVENTS, events: free.events, exhausted: false });
    const tight = simulateCluster({ ...config, maxEvents: free.events }, 2);
    expect(tight).toEqual({ ...free, budget: { maxEvents: free.events, events: free.events, exhausted: false } });
    expect(requireFinished(tight)).toBe(tight);
    const short = simulateCluster({ ...config, maxEvents: free.events - 1 }, 2);
    expect(short.budget.exhausted).toBe(true);
    expect(short.jobsCompleted).toBe(299);
  });

  it("rejects a budget that is not a whole number of events, naming config.maxEvents", () => {
    for (const maxEvents of [0, 1.5, NaN, Infinity]) expect(() => simulateCluster(hopeless(maxEvents), 1)).toThrow(/simulateCluster: config\.maxEvents must be an integer/);
  });
});

describe("simulateCluster: allocation pool", () => {
  it("keeps every job's GPUs when the pool grows past 2^20 entries (1025 whole-cluster jobs of 1024 GPUs)", () => {
    // All jobs arrive at once and run one after another, each on all 16 nodes of 64 GPUs: a ring of 14 leaf links
    // (1 hop) and 2 spine links (3 hops), 20 hops. The last job (id 1024) arrives while job 0 runs, and its GPUs overflow the pool.
    const r = simulateCluster({
      racks: 2, nodesPerRack: 8, gpusPerNode: 64, jobs: 1025, arrivalRatePerHour: 1e6, placement: "best-fit", snapshotAtHours: 1.5,
      network: { gradientBytes: 0 }, jobClasses: [{ gpus: 1024, meanServiceHours: 1, serviceCv: 0 }],
    }, 1);
    expect(r.jobsCompleted).toBe(1025);
    expect(r.hopsByClass[0]).toMatchObject({ placedJobs: 1025, meanRingHopsPerJob: 20, crossRackJobFraction: 1, maxHopsShare: [0, 0, 0, 1] });
    // At 1.5 h job 0 has released every GPU (its list survived the growth) and job 1 holds them all.
    expect(new Set(r.snapshot.grid.flat())).toEqual(new Set([1]));
  });
});
