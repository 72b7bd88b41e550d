import { ModelInputError } from "../errors";
import { DEFAULT_MAX_EVENTS } from "../sim/event-budget";
import { nodeGenerations, resolveClusterConfig, type ClusterConfig, type DeviceGeneration, type JobClass, type TenantConfig } from "./cluster-config";

// 4 racks × 4 nodes × 8 GPUs = 128 GPUs.
const good: ClusterConfig = {
  racks: 4, nodesPerRack: 4, gpusPerNode: 8, jobs: 10, load: 0.5, placement: "best-fit",
  jobClasses: [{ gpus: 4, meanServiceHours: 1 }],
};
const withClass = (patch: Record<string, unknown>): Partial<ClusterConfig> =>
  ({ jobClasses: [{ ...good.jobClasses[0], ...patch } as JobClass] });
const tenantsOf = (n: number): TenantConfig[] => Array.from({ length: n }, (_, i) => ({ name: `t${i}` }));
const gen = (name: string, fraction: number, capability = 1, memoryGb = 80): DeviceGeneration => ({ name, fraction, capability, memoryGb });
const evenGenerations = (n: number): DeviceGeneration[] => Array.from({ length: n }, (_, i) => gen(`V${i}`, 1 / n));
const spot = { spotFraction: 0.5, meanHoursBetweenPreemptions: 10, meanHoursToRestore: 1, mode: "static" } as const;
const MAX = Number.MAX_SAFE_INTEGER; // 9007199254740991, requireInteger's default upper bound

/** The ModelInputError message resolveClusterConfig throws for `config`. */
function refusal(config: unknown): string {
  try {
    resolveClusterConfig(config as ClusterConfig);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelInputError);
    return (e as Error).message;
  }
  throw new Error("resolveClusterConfig accepted the config");
}

describe("resolveClusterConfig refuses bad configuration with the exact message", () => {
  it.each([null, 5, "cluster"])("refuses %p as config, not an object", (config) => {
    const got = config === null ? "null" : typeof config === "number" ? "5" : '"cluster"';
    expect(refusal(config)).toBe(`simulateCluster: config must be an object (got ${got})`);
  });

  const cases: [string, Partial<ClusterConfig> | Record<string, unknown>, string][] = [
    ["more than 64 GPUs per node", { gpusPerNode: 65 }, "config.gpusPerNode must be an integer in [1, 64] (got 65)"],
    ["an unknown locality", { locality: "nearby" }, 'config.locality must be one of "strict", "loose" (got "nearby")'],
    ["an unknown queue order", { queueOrder: "lifo" }, 'config.queueOrder must be one of "fifo", "priority", "drf" (got "lifo")'],
    ["an unknown backfill mode", { backfill: "conservative" }, 'config.backfill must be one of "none", "easy" (got "conservative")'],
    ["a negative backfill depth", { backfillDepth: -1 }, `config.backfillDepth must be an integer in [0, ${MAX}] (got -1)`],
    ["no tenants", { tenants: [] }, "config.tenants must be 1 to 64 tenants (got array of length 0)"],
    ["65 tenants", { tenants: tenantsOf(65) }, "config.tenants must be 1 to 64 tenants (got array of length 65)"],
    ["a zero quota", { tenants: [{ name: "a" }, { name: "b", quotaGpus: 0 }] }, `config.tenants[1].quotaGpus must be an integer in [1, ${MAX}] (got 0)`],
    ["no generations", { generations: [] }, "config.generations must be 1 to 16 generations (got array of length 0)"],
    ["17 generations", { generations: evenGenerations(17) }, "config.generations must be 1 to 16 generations (got array of length 17)"],
    ["a generation not wrapped in an array", { generations: gen("V1", 1) }, "config.generations must be 1 to 16 generations (got object)"],
    ["a generation with no share", { generations: [gen("V1", 1), gen("V2", 0)] }, "config.generations[1].fraction must be in (0, 1] (got 0)"],
    ["a negative capability", { generations: [gen("V1", 0.5), gen("V2", 0.5, -1)] }, "config.generations[1].capability must be finite and >= 0 (got -1)"],
    ["a negative device memory", { generations: [gen("V1", 0.5), gen("V2", 0.5, 1, -1)] }, "config.generations[1].memoryGb must be finite and >= 0 (got -1)"],
    ["generation shares summing to 0.75", { generations: [gen("V1", 0.5), gen("V2", 0.25)] }, "config.generations must be fractions summing to 1 (got 0.75)"],
    ["no job classes", { jobClasses: [] }, "config.jobClasses must be a non-empty array (got array of length 0)"],
    ["missing job classes", { jobClasses: undefined }, "config.jobClasses must be a non-empty array (got undefined)"],
    ["an unknown class locality", withClass({ locality: "far" }), 'config.jobClasses[0].locality must be one of "strict", "loose" (got "far")'],
    ["a non-boolean gang flag", withClass({ gang: "yes" }), 'config.jobClasses[0].gang must be a boolean (got "yes")'],
    ["a zero weight", withClass({ weight: 0 }), "config.jobClasses[0].weight must be finite and > 0 (got 0)"],
    ["a service CV above 20", withClass({ serviceCv: 21 }), "config.jobClasses[0].serviceCv must be in [0, 20] (got 21)"],
    ["a priority above 9", withClass({ priority: 10 }), "config.jobClasses[0].priority must be an integer in [0, 9] (got 10)"],
    ["a tenant index past the single default tenant", withClass({ tenant: 1 }), "config.jobClasses[0].tenant must be an integer in [0, 0] (got 1)"],
    ["a negative minimum capability", withClass({ minCapability: -1 }), "config.jobClasses[0].minCapability must be finite and >= 0 (got -1)"],
    ["a negative memory need", withClass({ memoryGb: -1 }), "config.jobClasses[0].memoryGb must be finite and >= 0 (got -1)"],
    ["negative CPUs per GPU", withClass({ cpusPerGpu: -1 }), "config.jobClasses[0].cpusPerGpu must be finite and >= 0 (got -1)"],
    ["a minimum width above the gang size", withClass({ minGpus: 5 }), "config.jobClasses[0].minGpus must be an integer in [1, 4] (got 5)"],
    ["a gang larger than its tenant's quota",
      { tenants: [{ name: "a" }, { name: "b", quotaGpus: 8 }], jobClasses: [{ gpus: 4, meanServiceHours: 1 }, { gpus: 9, meanServiceHours: 1, tenant: 1 }] },
      "config.jobClasses[1].gpus must be ≤ its tenant's quotaGpus 8 (got 9)"],
    ["a memory need above every device's 80 GB", withClass({ memoryGb: 81 }),
      "config.jobClasses[0].minCapability must be met by at least 4 GPUs (capable GPUs: 0) (got 0)"],
    // 3/4 of 128 GPUs have 80 GB: 96 capable GPUs.
    ["a gang larger than the GPUs with enough memory",
      { generations: [gen("V1", 0.25, 1, 16), gen("V2", 0.75, 2, 80)], jobClasses: [{ gpus: 97, meanServiceHours: 1, memoryGb: 40 }] },
      "config.jobClasses[0].minCapability must be met by at least 97 GPUs (capable GPUs: 96) (got 0)"],
    ["a gang larger than the GPUs with enough capability",
      { generations: [gen("V1", 0.25, 1, 16), gen("V2", 0.75, 2, 80)], jobClasses: [{ gpus: 97, meanServiceHours: 1, minCapability: 2 }] },
      "config.jobClasses[0].minCapability must be met by at least 97 GPUs (capable GPUs: 96) (got 2)"],
    // Shares [0.02, 0.98] over 16 nodes: node 0's centre 1/32 is past 0.02, so V1 has no node
    // (while 2 % of 128 GPUs would round to 3).
    ["a gang on a generation that holds no node",
      { generations: [gen("V1", 0.02, 2), gen("V2", 0.98, 1)], jobClasses: [{ gpus: 2, meanServiceHours: 1, minCapability: 2 }] },
      "config.jobClasses[0].minCapability must be met by at least 2 GPUs (capable GPUs: 0) (got 2)"],
    // [cap 2 on nodes 0–1, cap 1 on 2–5, cap 2 on 6–15]: 96 capable GPUs, but the longest
    // adjacent capable run is nodes 6–15, 10 nodes, short of the 11 an 88-GPU block needs.
    ["a strict topology-aware gang longer than any run of capable nodes",
      { placement: "topology-aware", generations: [gen("A", 0.125, 2), gen("B", 0.25, 1), gen("C", 0.625, 2)],
        jobClasses: [{ gpus: 88, meanServiceHours: 1, minCapability: 2 }] },
      "config.jobClasses[0].minCapability must be met by 11 adjacent nodes for a strict topology-aware gang (longest run: 10) (got 2)"],
    // 2 racks of 4 nodes, capable nodes 1–6: 3 in each rack, so no rack holds the 4-node block.
    ["a strict topology-aware gang no rack's capable nodes hold",
      { racks: 2, placement: "topology-aware", generations: [gen("A", 0.125, 1), gen("B", 0.75, 2), gen("C", 0.125, 1)],
        jobClasses: [{ gpus: 32, meanServiceHours: 1, minCapability: 2 }] },
      "config.jobClasses[0].minCapability must be met by 4 adjacent nodes in one rack for a strict topology-aware gang (longest run: 3) (got 2)"],
    ["both a load and an arrival rate", { arrivalRatePerHour: 2 }, "config.load must be given exactly when config.arrivalRatePerHour is not (got 0.5)"],
    ["neither a load nor an arrival rate", { load: undefined }, "config.load must be given exactly when config.arrivalRatePerHour is not (got undefined)"],
    ["a load above 2", { load: 2.5 }, "config.load must be in [1e-9, 2] (got 2.5)"],
    ["a zero arrival rate", { load: undefined, arrivalRatePerHour: 0 }, "config.arrivalRatePerHour must be finite and > 0 (got 0)"],
    ["an unknown spot mode", { spot: { ...spot, mode: "burst" } }, 'config.spot.mode must be one of "static", "elastic" (got "burst")'],
    ["a spot fraction above 1", { spot: { ...spot, spotFraction: 1.5 } }, "config.spot.spotFraction must be in [0, 1] (got 1.5)"],
    ["no time between reclaims", { spot: { ...spot, meanHoursBetweenPreemptions: 0 } }, "config.spot.meanHoursBetweenPreemptions must be finite and > 0 (got 0)"],
    ["no time to restore", { spot: { ...spot, meanHoursToRestore: 0 } }, "config.spot.meanHoursToRestore must be finite and > 0 (got 0)"],
    ["a zero checkpoint interval", { spot: { ...spot, checkpointIntervalHours: 0 } }, "config.spot.checkpointIntervalHours must be finite and > 0 (got 0)"],
    ["a negative restart overhead", { spot: { ...spot, restartOverheadHours: -1 } }, "config.spot.restartOverheadHours must be finite and >= 0 (got -1)"],
    ["a negative rescale overhead", { spot: { ...spot, rescaleOverheadHours: -1 } }, "config.spot.rescaleOverheadHours must be finite and >= 0 (got -1)"],
    ["a negative gradient size", { network: { gradientBytes: -1 } }, "config.network.gradientBytes must be finite and >= 0 (got -1)"],
    ["a negative per-hop latency", { network: { perHopLatencySeconds: -1 } }, "config.network.perHopLatencySeconds must be finite and >= 0 (got -1)"],
    ["a zero spine bandwidth", { network: { spineBytesPerSecond: 0 } }, "config.network.spineBytesPerSecond must be finite and > 0 (got 0)"],
    ["a zero step compute time", { network: { stepComputeSeconds: 0 } }, "config.network.stepComputeSeconds must be finite and > 0 (got 0)"],
    ["a snapshot before time zero", { snapshotAtHours: -1 }, "config.snapshotAtHours must be finite and >= 0 (got -1)"],
    ["a zero starvation threshold", { starvationThresholdHours: 0 }, "config.starvationThresholdHours must be finite and > 0 (got 0)"],
    ["a fragmentation probe wider than the cluster", { fragmentationJobGpus: 129 }, "config.fragmentationJobGpus must be an integer in [1, 128] (got 129)"],
    ["no CPUs per node", { cpusPerNode: 0 }, "config.cpusPerNode must be finite and > 0 (got 0)"],
  ];
  it.each(cases)("refuses %s", (_label, patch, message) => {
    expect(refusal({ ...good, ...patch })).toBe(`simulateCluster: ${message}`);
  });
});

describe("resolveClusterConfig accepts values exactly at each limit", () => {
  const accepts = (patch: Partial<ClusterConfig>) => resolveClusterConfig({ ...good, ...patch });

  it("accepts 64 GPUs per node", () => expect(accepts({ gpusPerNode: 64 }).gpusPerNode).toBe(64));
  it("accepts a backfill depth of 0", () => expect(accepts({ backfillDepth: 0 }).backfillDepth).toBe(0));
  it("accepts 64 tenants, and a class of the last one", () => {
    const r = accepts({ tenants: tenantsOf(64), jobClasses: [{ gpus: 4, meanServiceHours: 1, tenant: 63 }] });
    expect(r.tenants).toHaveLength(64);
    expect(r.jobClasses[0].tenant).toBe(63);
  });
  it("accepts 16 generations", () => expect(accepts({ generations: evenGenerations(16) }).generations).toHaveLength(16));
  it("accepts service CVs 0 and 20, priority 9 and a minimum width equal to the gang", () => {
    const r = accepts({ jobClasses: [{ gpus: 4, meanServiceHours: 1, serviceCv: 0, priority: 9, minGpus: 4 }, { gpus: 4, meanServiceHours: 1, serviceCv: 20 }] });
    expect(r.jobClasses.map((j) => [j.serviceCv, j.priority, j.minGpus])).toEqual([[0, 9, 4], [20, 0, 1]]);
  });
  it("accepts a gang exactly at its tenant's quota", () => {
    const r = accepts({ tenants: [{ name: "capped", quotaGpus: 8 }], jobClasses: [{ gpus: 8, meanServiceHours: 1 }] });
    expect(r.tenants[0].quotaGpus).toBe(8);
  });
  it("accepts a memory need equal to the device memory", () => expect(accepts(withClass({ memoryGb: 80 })).jobClasses[0].memoryGb).toBe(80));
  it("accepts a gang exactly as large as the capable GPUs", () => {
    const r = accepts({ generations: [gen("V1", 0.25, 1, 16), gen("V2", 0.75, 2, 80)], jobClasses: [{ gpus: 96, meanServiceHours: 1, memoryGb: 40 }] });
    expect(r.jobClasses[0].gpus).toBe(96);
  });
  it("accepts that gang when it may leave the rack block (loose) or is not topology-aware: 48 capable GPUs suffice", () => {
    const cfg = { racks: 2, generations: [gen("A", 0.125, 1), gen("B", 0.75, 2), gen("C", 0.125, 1)] };
    expect(accepts({ ...cfg, placement: "topology-aware", locality: "loose", jobClasses: [{ gpus: 32, meanServiceHours: 1, minCapability: 2 }] }).jobClasses[0].locality).toBe("loose");
    expect(accepts({ ...cfg, placement: "best-fit", jobClasses: [{ gpus: 48, meanServiceHours: 1, minCapability: 2 }] }).jobClasses[0].gpus).toBe(48);
    expect(accepts({ ...cfg, placement: "topology-aware", jobClasses: [{ gpus: 24, meanServiceHours: 1, minCapability: 2 }] }).jobClasses[0].gpus).toBe(24);
  });
  it("accepts a strict gang longer than any capable run when its placement is not topology-aware", () => {
    // The 88-GPU gang refused above under topology-aware placement: 96 capable GPUs, longest run 10 nodes.
    const r = accepts({ placement: "best-fit", generations: [gen("A", 0.125, 2), gen("B", 0.25, 1), gen("C", 0.625, 2)],
      jobClasses: [{ gpus: 88, meanServiceHours: 1, minCapability: 2 }] });
    expect([r.jobClasses[0].placement, r.jobClasses[0].locality]).toEqual(["best-fit", "strict"]);
  });
  it("accepts any gang of a cluster that ignores capability", () => {
    const r = accepts({ capabilityAware: false, generations: [gen("V1", 0.02, 2), gen("V2", 0.98, 1)], jobClasses: [{ gpus: 2, meanServiceHours: 1, minCapability: 2 }] });
    expect(r.capabilityAware).toBe(false);
  });
  it("accepts zero where a quantity may be zero: gradient size, latencies, snapshot time, overheads", () => {
    const r = accepts({ network: { gradientBytes: 0, baseLatencySeconds: 0, perHopLatencySeconds: 0 }, snapshotAtHours: 0,
      spot: { ...spot, restartOverheadHours: 0, rescaleOverheadHours: 0 } });
    expect([r.network.gradientBytes, r.network.baseLatencySeconds, r.network.perHopLatencySeconds, r.snapshotAtHours]).toEqual([0, 0, 0, 0]);
    expect([r.spot?.restartOverheadHours, r.spot?.rescaleOverheadHours]).toEqual([0, 0]);
  });
  it("accepts an arrival rate in place of a load", () => {
    expect(accepts({ load: undefined, arrivalRatePerHour: 3 }).arrivalRatePerHour).toBe(3);
  });
  it("accepts a strict topology-aware gang as wide as the whole cluster", () => {
    const r = accepts({ placement: "topology-aware", jobClasses: [{ gpus: 128, meanServiceHours: 1 }] });
    expect([r.jobClasses[0].placement, r.jobClasses[0].locality]).toEqual(["topology-aware", "strict"]);
  });
});

describe("resolveClusterConfig fills the documented defaults", () => {
  it("fills the cluster-wide defaults", () => {
    const r = resolveClusterConfig(good);
    expect(r).toMatchObject({
      locality: "strict", queueOrder: "priority", backfill: "none", backfillDepth: 64,
      capabilityAware: true, spot: null, snapshotAtHours: null, starvationThresholdHours: 24,
      fragmentationJobGpus: 8, cpusPerNode: 14 * 8, maxEvents: DEFAULT_MAX_EVENTS, warmupFraction: 0,
    });
    expect(r.tenants).toEqual([{ name: "default", quotaGpus: Infinity }]);
    expect(r.generations).toEqual([{ name: "default", fraction: 1, capability: 1, memoryGb: 80 }]);
  });

  it("fills a job class's defaults, inheriting the config's placement and locality", () => {
    const r = resolveClusterConfig({ ...good, placement: "random", locality: "loose" });
    expect(r.jobClasses[0]).toEqual({
      name: "4-GPU", gpus: 4, weight: 1, meanServiceHours: 1, serviceCv: 1, priority: 0, tenant: 0,
      minCapability: 0, memoryGb: 0, minGpus: 1, cpusPerGpu: 0, placement: "random", locality: "loose", gang: true,
    });
  });

  it("names unnamed tenants by their index and keeps given names", () => {
    const r = resolveClusterConfig({ ...good, tenants: [{ name: "research" }, {} as TenantConfig] });
    expect(r.tenants.map((t) => t.name)).toEqual(["research", "tenant 1"]);
  });

  it("ends the class CDF at exactly 1 where the shares' float sum falls short", () => {
    // Ten shares of 0.1 add up to 0.9999999999999999 in binary floating point.
    const r = resolveClusterConfig({ ...good, jobClasses: Array.from({ length: 10 }, () => ({ gpus: 1, meanServiceHours: 1 })) });
    expect(r.classCdf[8]).toBeCloseTo(0.9, 15);
    expect(r.classCdf[9]).toBe(1);
  });

  it("derives the class CDF and the arrival rate from the load", () => {
    // E[k·S] = 3/4 · 1·1 + 1/4 · 16·2 = 8.75 GPU-hours; λ = 0.5 · 128 / 8.75.
    const r = resolveClusterConfig({ ...good, jobClasses: [{ gpus: 1, meanServiceHours: 1, weight: 3 }, { gpus: 16, meanServiceHours: 2 }] });
    expect(Array.from(r.classCdf)).toEqual([0.75, 1]);
    expect(r.arrivalRatePerHour).toBeCloseTo(64 / 8.75, 12);
    expect(r.offeredLoad).toBeCloseTo(0.5, 12);
  });
});

describe("nodeGenerations lays generations out in contiguous blocks of nodes", () => {
  it("gives shares [0.25, 0.75] of 16 nodes the first 4 and the last 12", () => {
    expect(Array.from(nodeGenerations([gen("V1", 0.25), gen("V2", 0.75)], 16))).toEqual([0, 0, 0, 0, ...new Array(12).fill(1)]);
  });
  it("puts a node in the first generation whose cumulative share reaches its centre", () => {
    // Centres 1/16, 3/16, …, 15/16 against edges 1/8, 7/8: node 0 at 1/16 ≤ 1/8, node 7 at 15/16 > 7/8.
    expect(Array.from(nodeGenerations([gen("A", 0.125), gen("B", 0.75), gen("C", 0.125)], 8))).toEqual([0, 1, 1, 1, 1, 1, 1, 2]);
    expect(Array.from(nodeGenerations([gen("A", 0.2), gen("B", 0.8)], 2))).toEqual([1, 1]);
    expect(Array.from(nodeGenerations([gen("A", 0.25), gen("B", 0.75)], 2))).toEqual([0, 1]);
  });
  it("keeps nodes past the last edge in the last generation when the shares fall short of 1", () => {
    // Shares [0.5, 0.4] over 10 nodes: centres 0.05 … 0.95; node 9's centre 0.95 lies past 0.9.
    expect(Array.from(nodeGenerations([gen("A", 0.5), gen("B", 0.4)], 10))).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  });
  it("is what the resolved config carries", () => {
    expect(Array.from(resolveClusterConfig({ ...good, generations: [gen("V1", 0.25), gen("V2", 0.75)] }).nodeGeneration)).toEqual([0, 0, 0, 0, ...new Array(12).fill(1)]);
  });
});
