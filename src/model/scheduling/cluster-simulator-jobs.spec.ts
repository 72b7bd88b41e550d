/**
 * Job life cycle of simulateCluster, in small scenarios worked out by hand: capability masks,
 * service sampling and class choice, queue order, strict order and EASY reservations,
 * non-gang starts and growth, tenant holdings and shares, restarts and dropouts.
 *
 * Several scenarios need a known sequence of job classes. The arrival stream is documented:
 * the simulator's first fork of createRng(seed) draws the first inter-arrival gap, then for
 * each job its class (u, the first class whose cumulative weight exceeds u), its service
 * (nothing when serviceCv = 0, one uniform for the exponential, two for Box–Muller's normal)
 * and the gap to the next job. `classesOf` re-derives the class sequence of fixed-time
 * (cv 0) jobs from that stream, and the tests pick a seed that gives the sequence they need
 * (and check the class counts the report gives).
 */
import { simulateCluster, type ClusterConfig } from "./cluster-simulator";
import { createRng } from "../sim/rng";

type Jc = ClusterConfig["jobClasses"][number];

/** Cumulative class weights, as the config documents them. */
const cdfOf = (classes: Jc[]): number[] => {
  const total = classes.reduce((s, c) => s + (c.weight ?? 1), 0);
  let acc = 0;
  return classes.map((c, i) => (i === classes.length - 1 ? 1 : (acc += (c.weight ?? 1) / total)));
};

/** Classes of the first n jobs for a seed when every class is fixed-time (cv 0). */
const classesOf = (seed: number, classes: Jc[], n: number): number[] => {
  const cdf = cdfOf(classes);
  const r = createRng(seed).fork();
  r.next(); // first arrival gap
  const out: number[] = [];
  for (let j = 0; j < n; j++) {
    const u = r.next();
    out.push(cdf.findIndex((x) => u < x));
    r.next(); // gap to the next job
  }
  return out;
};

const seedFor = (classes: Jc[], wanted: number[]): number => {
  for (let s = 1; s < 20000; s++) if (classesOf(s, classes, wanted.length).join() === wanted.join()) return s;
  throw new Error("no seed");
};

const counts = (r: ReturnType<typeof simulateCluster>) => r.waitByClass.map((c) => c.count);
const waitOf = (r: ReturnType<typeof simulateCluster>, name: string) => r.waitByClass.find((c) => c.name === name)!;
const doneOf = (r: ReturnType<typeof simulateCluster>, name: string) => r.completionByClass.find((c) => c.name === name)!;
const oneRack = (nodes: number, gpusPerNode: number) => ({ racks: 1, nodesPerRack: nodes, gpusPerNode });
const FREE_NET = { gradientBytes: 0 };
// Arrivals this fast are a burst: job j arrives within ~1e-5 h of time 0, in index order.
const BURST = 1e6;

describe("capability masks (capability-aware placement)", () => {
  it("runs a job only on generations that meet both its capability and its memory (≥, not >)", () => {
    // Three 1-GPU nodes: A has too little capability, B too little memory, C exactly what the job needs.
    // Only C qualifies, so three 1 h jobs arriving together run one after another: waits 0, 1, 2 h.
    const r = simulateCluster({
      ...oneRack(3, 1), jobs: 3, arrivalRatePerHour: BURST, placement: "best-fit", network: FREE_NET,
      generations: [
        { name: "A", fraction: 1 / 3, capability: 1, memoryGb: 80 },
        { name: "B", fraction: 1 / 3, capability: 2, memoryGb: 16 },
        { name: "C", fraction: 1 / 3, capability: 2, memoryGb: 40 },
      ],
      jobClasses: [{ gpus: 1, meanServiceHours: 1, serviceCv: 0, minCapability: 2, memoryGb: 40 }],
    }, 1);
    expect(r.jobsCompleted).toBe(3);
    expect(r.wait.maxHours).toBeCloseTo(2, 3);
    expect(r.wait.p50Hours).toBeCloseTo(1, 3);
    expect(r.makespanHours).toBeCloseTo(3, 3);
    // 3 busy GPU-hours over 3 GPUs × 3 h.
    expect(r.utilization).toBeCloseTo(1 / 3, 3);
  });
});

describe("host CPUs in the dominant share", () => {
  it("reports the dominant share of what a tenant holds when the run stops at its budget", () => {
    // One 4-GPU node with 8 cores; the first event starts a 2-GPU job taking 4 cores per GPU:
    // GPU share 2/4 = 0.5, CPU share 8/8 = 1, dominant share 1; the run stops after that event.
    const r = simulateCluster({
      ...oneRack(1, 4), jobs: 2, arrivalRatePerHour: 1, placement: "best-fit", cpusPerNode: 8, maxEvents: 1,
      jobClasses: [{ gpus: 2, meanServiceHours: 5, serviceCv: 0, cpusPerGpu: 4 }],
    }, 1);
    expect(r.budget.exhausted).toBe(true);
    expect(r.tenants[0].finalDominantShare).toBe(1);
    expect(r.tenants[0].peakGpus).toBe(2);
  });

  it("counts GPUs when they dominate, and a share of 0 once everything has finished", () => {
    // 2 GPUs of 4 with 1 core each of 8: GPU share 0.5 dominates CPU share 0.25.
    const cfg: ClusterConfig = {
      ...oneRack(1, 4), jobs: 1, arrivalRatePerHour: 1, placement: "best-fit", cpusPerNode: 8, network: FREE_NET,
      jobClasses: [{ gpus: 2, meanServiceHours: 5, serviceCv: 0, cpusPerGpu: 1 }],
    };
    expect(simulateCluster({ ...cfg, maxEvents: 1 }, 1).tenants[0].finalDominantShare).toBe(0.5);
    const all = simulateCluster(cfg, 1);
    expect(all.tenants[0].finalDominantShare).toBe(0);
    // 2 GPUs for exactly 5 h.
    expect(all.tenants[0].gpuHours).toBeCloseTo(10, 9);
    expect(all.tenants[0].peakGpus).toBe(2);
  });
});

describe("service times and class choice from the arrival stream", () => {
  // One job alone on one GPU computes exactly its sampled service time (η = 1 for one GPU),
  // arriving ~1e-6 h after 0, so its completion is the sample to ~1e-12.
  const lone = (serviceCv: number, mean: number, seed: number) => simulateCluster({
    ...oneRack(1, 1), jobs: 1, arrivalRatePerHour: BURST, placement: "best-fit",
    jobClasses: [{ gpus: 1, meanServiceHours: mean, serviceCv }],
  }, seed).completion.meanHours;

  it("draws an exponential service by inverse CDF (cv 1) and a log-normal with mean m (other cv)", () => {
    for (const seed of [1, 2, 3]) {
      const r = createRng(seed).fork();
      r.next(); r.next(); // first gap, class
      const d = r.next();
      expect(lone(1, 3, seed)).toBeCloseTo(-3 * Math.log(1 - d), 9);
    }
    for (const seed of [1, 2, 3]) {
      const r = createRng(seed).fork();
      r.next(); r.next();
      const u = 1 - r.next(), v = r.next();
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
      const s2 = Math.log(1 + 2 * 2); // cv = 2
      expect(lone(2, 3, seed)).toBeCloseTo(Math.exp(Math.log(3) - s2 / 2 + Math.sqrt(s2) * z), 9);
    }
  });

  it("a fixed-time job (cv 0) takes exactly its mean and draws nothing from the arrival stream", () => {
    // Two 1000 h jobs on one GPU: the second waits 1000 − gap, gap = −ln(1 − d)/λ with d the draw right
    // after the first job's class (no service draw in between).
    for (const seed of [4, 5]) {
      const r = simulateCluster({
        ...oneRack(1, 1), jobs: 2, arrivalRatePerHour: 1, placement: "best-fit", network: FREE_NET,
        jobClasses: [{ gpus: 1, meanServiceHours: 1000, serviceCv: 0 }],
      }, seed);
      const s = createRng(seed).fork();
      s.next(); s.next();
      const gap = -Math.log(1 - s.next());
      expect(r.wait.maxHours).toBeCloseTo(1000 - gap, 6);
      expect(r.completion.p50Hours).toBeCloseTo(1000 + (1000 - gap) / 2, 6);
    }
  });

  it("spreads exponential services around their mean (not all equal), with about 1 − e^-0.1 of them below 0.1·m", () => {
    // 300 one-job runs: the sample mean of Exp(m) has sd m/√300 ≈ 0.058 m (tolerance 0.2 m, 3.5 sd);
    // P(S < 0.1 m) = 1 − e^-0.1 ≈ 0.095 (sd of the share 0.017; tolerance ±0.055). A log-normal with the same
    // mean and cv 1 has P(S < 0.1 m) ≈ 0.009, a fixed time 0.
    const xs = Array.from({ length: 300 }, (_, i) => lone(1, 2, 100 + i));
    const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
    expect(Math.abs(mean - 2)).toBeLessThan(0.4);
    const low = xs.filter((x) => x < 0.2).length / xs.length;
    expect(Math.abs(low - (1 - Math.exp(-0.1)))).toBeLessThan(0.055);
  });

  it("log-normal services: ln S has mean ln m − ln(1+cv²)/2 and variance ln(1+cv²)", () => {
    // cv 2, m 3: ln S ~ N(ln 3 − ln5/2, ln 5). 300 samples: sd of the mean of ln S = √(ln 5/300) ≈ 0.073
    // (tolerance 0.22); sd of the sample variance ≈ ln5·√(2/300) ≈ 0.13 (tolerance 0.4).
    const ls = Array.from({ length: 300 }, (_, i) => Math.log(lone(2, 3, 500 + i)));
    const mu = ls.reduce((a, x) => a + x, 0) / ls.length;
    const v = ls.reduce((a, x) => a + (x - mu) ** 2, 0) / (ls.length - 1);
    expect(Math.abs(mu - (Math.log(3) - Math.log(5) / 2))).toBeLessThan(0.22);
    expect(Math.abs(v - Math.log(5))).toBeLessThan(0.4);
  });

  it("a draw exactly on a class boundary picks the next class (u < cdf[c] chooses c)", () => {
    // Weights u and 1 − u put the first cumulative weight exactly at u, the first job's class draw.
    const seed = 7;
    const r = createRng(seed).fork();
    r.next();
    const u = r.next();
    const rep = simulateCluster({
      ...oneRack(1, 2), jobs: 1, arrivalRatePerHour: 1, placement: "best-fit",
      jobClasses: [{ name: "a", gpus: 1, weight: u, meanServiceHours: 1, serviceCv: 0 }, { name: "b", gpus: 2, weight: 1 - u, meanServiceHours: 1, serviceCv: 0 }],
    }, seed);
    expect(counts(rep)).toEqual([0, 1]);
  });
});

describe("queue order", () => {
  const classes: Jc[] = [
    { name: "low", gpus: 1, meanServiceHours: 1, serviceCv: 0, priority: 0 },
    { name: "high", gpus: 1, meanServiceHours: 1, serviceCv: 0, priority: 9 },
  ];
  it("fifo serves in arrival order whatever the priority; priority lets a later high job jump ahead", () => {
    // One GPU, jobs low, low, high arriving together, 1 h each: fifo starts them at 0, 1, 2; priority runs high second.
    const seed = seedFor(classes, [0, 0, 1]);
    const run = (queueOrder: "fifo" | "priority") => simulateCluster({
      ...oneRack(1, 1), jobs: 3, arrivalRatePerHour: BURST, placement: "best-fit", queueOrder, jobClasses: classes,
    }, seed);
    const fifo = run("fifo"), prio = run("priority");
    expect(counts(fifo)).toEqual([2, 1]);
    expect(waitOf(fifo, "high").maxHours).toBeCloseTo(2, 3);
    expect(waitOf(fifo, "low").maxHours).toBeCloseTo(1, 3);
    expect(waitOf(prio, "high").maxHours).toBeCloseTo(1, 3);
    expect(waitOf(prio, "low").maxHours).toBeCloseTo(2, 3);
  });
});

describe("strict order (no backfill)", () => {
  it("starts every queued job that fits in one pass after a wide job ends", () => {
    // 2 GPUs; wide (2 GPUs, 1 h), then two 1-GPU 5 h jobs together: both start when wide ends at 1 h.
    const classes: Jc[] = [
      { name: "wide", gpus: 2, meanServiceHours: 1, serviceCv: 0 },
      { name: "one", gpus: 1, meanServiceHours: 5, serviceCv: 0 },
    ];
    const r = simulateCluster({ ...oneRack(1, 2), jobs: 3, arrivalRatePerHour: BURST, placement: "best-fit", network: FREE_NET, jobClasses: classes }, seedFor(classes, [0, 1, 1]));
    expect(counts(r)).toEqual([1, 2]);
    expect(waitOf(r, "one").maxHours).toBeCloseTo(1, 3);
    expect(r.makespanHours).toBeCloseTo(6, 3);
  });

  it("a non-gang head with fewer than minGpus free blocks the jobs behind it", () => {
    // 2 GPUs: one (1 GPU, 5 h) runs; the non-gang 2-GPU head (minGpus 2) finds 1 free and waits; the next 1-GPU
    // job waits behind it. At 5 h the head runs 5–6 on both GPUs, then the second 1-GPU job 6–11.
    const classes: Jc[] = [
      { name: "one", gpus: 1, meanServiceHours: 5, serviceCv: 0 },
      { name: "malleable", gpus: 2, minGpus: 2, gang: false, meanServiceHours: 1, serviceCv: 0 },
    ];
    const r = simulateCluster({ ...oneRack(1, 2), jobs: 3, arrivalRatePerHour: BURST, placement: "best-fit", network: FREE_NET, jobClasses: classes }, seedFor(classes, [0, 1, 0]));
    expect(counts(r)).toEqual([2, 1]);
    expect(waitOf(r, "malleable").maxHours).toBeCloseTo(5, 3);
    expect(waitOf(r, "one").maxHours).toBeCloseTo(6, 3);
  });
});

describe("EASY backfill reservations", () => {
  it("does not backfill a job that would delay the blocked head past its reservation", () => {
    // 2 GPUs. a (1 GPU, 10 h) runs; big (2 GPUs, 1 h) is blocked with its reservation at 10 h and no spare GPU;
    // long (1 GPU, 20 h) fits now but would end at 20 > 10, so it waits: big runs 10–11, long 11–31.
    const classes: Jc[] = [
      { name: "a", gpus: 1, meanServiceHours: 10, serviceCv: 0 },
      { name: "big", gpus: 2, meanServiceHours: 1, serviceCv: 0 },
      { name: "long", gpus: 1, meanServiceHours: 20, serviceCv: 0 },
    ];
    const r = simulateCluster({ ...oneRack(1, 2), jobs: 3, arrivalRatePerHour: BURST, placement: "best-fit", backfill: "easy", network: FREE_NET, jobClasses: classes }, seedFor(classes, [0, 1, 2]));
    expect(waitOf(r, "big").maxHours).toBeCloseTo(10, 3);
    expect(waitOf(r, "long").maxHours).toBeCloseTo(11, 3);
  });

  it("reserves from jobs still running, not from ones that have finished", () => {
    // Node 0 (V1) and node 1 (V2), 1 GPU each. j0 (any, 1 h) on node 0, j1 (any, 10 h) on node 1; j2 needs V2;
    // j3 (any, 1 h) queues behind it. At 1 h node 0 frees: j2 still waits for node 1 (reservation at 10 h, and one
    // spare GPU counted), so j3 backfills at 1 h and ends at 2 ≤ 10.
    const classes: Jc[] = [
      { name: "short", gpus: 1, meanServiceHours: 1, serviceCv: 0 },
      { name: "long", gpus: 1, meanServiceHours: 10, serviceCv: 0 },
      { name: "v2", gpus: 1, meanServiceHours: 10, serviceCv: 0, minCapability: 2 },
    ];
    const r = simulateCluster({
      ...oneRack(2, 1), jobs: 4, arrivalRatePerHour: BURST, placement: "best-fit", backfill: "easy", jobClasses: classes,
      generations: [{ name: "V1", fraction: 0.5, capability: 1, memoryGb: 80 }, { name: "V2", fraction: 0.5, capability: 2, memoryGb: 80 }],
    }, seedFor(classes, [0, 1, 2, 0]));
    expect(counts(r)).toEqual([2, 1, 1]);
    expect(waitOf(r, "short").maxHours).toBeCloseTo(1, 3);
    expect(waitOf(r, "v2").maxHours).toBeCloseTo(10, 3);
  });
});

describe("non-gang jobs: narrow starts, growth, first-placement hops", () => {
  it("starts narrow on exactly minGpus free GPUs, grows when GPUs free up, and keeps its first ring's hops", () => {
    // 3 nodes × 2 GPUs, two 4-GPU non-gang jobs (minGpus 2, 10 h) together. A takes nodes 0–1 (ring 0→1→2→3→0:
    // 2 hops, slowest 1); B starts on node 2's 2 GPUs (0 hops) at half speed, has 5 h done at 10 h, grows onto a
    // freed node and ends at 15 h. Hops are those of each job's first placement: (2 + 0)/2.
    const r = simulateCluster({
      ...oneRack(3, 2), jobs: 2, arrivalRatePerHour: BURST, placement: "best-fit", network: FREE_NET,
      jobClasses: [{ gpus: 4, minGpus: 2, gang: false, meanServiceHours: 10, serviceCv: 0 }],
    }, 1);
    expect(r.wait.maxHours).toBeCloseTo(0, 3);
    expect(r.completion.maxHours).toBeCloseTo(15, 3);
    expect(r.hops.meanRingHopsPerJob).toBe(1);
    expect(r.hopsByClass[0].maxHopsShare).toEqual([0.5, 0.5, 0, 0]);
    // Busy GPU-hours: 4·10 + 2·10 + 4·5 = 80.
    expect(r.utilization * r.totalGpus * r.makespanHours).toBeCloseTo(80, 3);
  });

  it("a rescale pause costs hours of wall time at the job's current rate", () => {
    // 6 one-GPU nodes in a rack; network with only a bandwidth term: S/B = 0.3 s on leaf links, compute 0.3 s/step.
    // Ring of n GPUs across nodes: T = 2(n−1)/n · 0.3 s, so η(4) = 0.3/(0.3 + 0.45) = 0.4, η(2) = 0.3/0.6 = 0.5.
    // A (4 GPUs, 10 h) runs at 0.4: ends at 25 h. B starts on 2 GPUs at rate (2/4)·0.5 = 0.25, has 6.25 h done at 25 h,
    // grows to 4 (rate 0.4) and pauses 0.5 h: 6.25 − 0.5·0.4 = 6.05 done, (10 − 6.05)/0.4 = 9.875 h more → 34.875 h.
    const r = simulateCluster({
      ...oneRack(6, 1), jobs: 2, arrivalRatePerHour: BURST, placement: "best-fit",
      network: { baseLatencySeconds: 0, perHopLatencySeconds: 0, gradientBytes: 0.3, rackBytesPerSecond: 1, stepComputeSeconds: 0.3 },
      jobClasses: [{ gpus: 4, minGpus: 1, gang: false, meanServiceHours: 10, serviceCv: 0 }],
      spot: { spotFraction: 0, meanHoursBetweenPreemptions: 1, meanHoursToRestore: 1, mode: "elastic", rescaleOverheadHours: 0.5 },
    }, 1);
    expect(r.completion.maxHours).toBeCloseTo(34.875, 3);
    expect(r.completion.p50Hours).toBeCloseTo((25 + 34.875) / 2, 3);
    // Useful compute Σ width·η·t: 4·0.4·25 + 2·0.5·25 + 4·0.4·9.875 = 40 + 25 + 15.8.
    expect(r.mfu * r.totalGpus * r.makespanHours).toBeCloseTo(80.8, 3);
  });

  it("grows a job partially and then again, one freed GPU at a time", () => {
    // 4 one-GPU nodes: j0 (1 GPU, 2 h), j1 (1 GPU, 4 h), then a 4-GPU non-gang 10 h job on the 2 left (rate 0.5).
    // At 2 h it grows to 3 (1 h done; rate 0.75), at 4 h to 4 (2.5 h done) and ends 7.5 h later: 11.5 h.
    const classes: Jc[] = [
      { name: "two", gpus: 1, meanServiceHours: 2, serviceCv: 0 },
      { name: "four", gpus: 1, meanServiceHours: 4, serviceCv: 0 },
      { name: "grow", gpus: 4, minGpus: 1, gang: false, meanServiceHours: 10, serviceCv: 0 },
    ];
    const r = simulateCluster({ ...oneRack(4, 1), jobs: 3, arrivalRatePerHour: BURST, placement: "best-fit", network: FREE_NET, jobClasses: classes }, seedFor(classes, [0, 1, 2]));
    expect(counts(r)).toEqual([1, 1, 1]);
    expect(doneOf(r, "grow").maxHours).toBeCloseTo(11.5, 3);
    // Busy GPU-hours: 2 + 4 + (2·2 + 3·2 + 4·7.5) = 46.
    expect(r.utilization * r.totalGpus * r.makespanHours).toBeCloseTo(46, 3);
  });

  it("grows a narrow job only within its tenant's quota", () => {
    // 4 nodes × 2 GPUs. Four 1-GPU 1 h jobs of tenant "other" fill nodes 0–1; tenant "capped" (quota 6) starts its
    // 6-GPU non-gang job on nodes 2–3 (4 GPUs) and then a 1-GPU 100 h job as soon as a GPU frees (4 + 1 ≤ 6).
    // Later frees would let the 6-GPU job grow by 2, but the quota leaves 6 − 5 = 1 (< a node's 2): it stays at 4
    // GPUs, and the tenant's peak is 4 + 1 = 5.
    const classes: Jc[] = [
      { name: "other", gpus: 1, weight: 4, meanServiceHours: 1, serviceCv: 0, tenant: 1 },
      { name: "wide", gpus: 6, minGpus: 1, gang: false, meanServiceHours: 50, serviceCv: 0, tenant: 0 },
      { name: "one", gpus: 1, meanServiceHours: 100, serviceCv: 0, tenant: 0 },
    ];
    const r = simulateCluster({
      ...oneRack(4, 2), jobs: 6, arrivalRatePerHour: BURST, placement: "best-fit", network: FREE_NET, jobClasses: classes,
      tenants: [{ name: "capped", quotaGpus: 6 }, { name: "free" }],
    }, seedFor(classes, [0, 0, 0, 0, 1, 2]));
    expect(counts(r)).toEqual([4, 1, 1]);
    expect(r.tenants[0].peakGpus).toBe(5);
    expect(r.tenants[1].peakGpus).toBe(4);
    // wide runs on 4 of its 6 GPUs throughout (rate 4/6): 50 h of work take 75 h, before the 1-GPU job ends at ~100 h.
    expect(doneOf(r, "wide").maxHours).toBeCloseTo(75, 3);
  });
});

describe("static restarts after spot reclaims", () => {
  it("pays the restart overhead on the GPUs and keeps the job's first start as its start", () => {
    // One spot GPU, one 10 h job, reclaims every 4 h on average, back after ~0.01 h, restart overhead 1 h.
    // GPU-hours held = 10 h of work + compute rolled back (lostGpuHours) + restart time paid; the last restart
    // completes (the job finishes after it), every one costs at most 1 h.
    const r = simulateCluster({
      ...oneRack(1, 1), jobs: 1, arrivalRatePerHour: BURST, placement: "best-fit",
      jobClasses: [{ gpus: 1, meanServiceHours: 10, serviceCv: 0 }],
      spot: { spotFraction: 1, meanHoursBetweenPreemptions: 4, meanHoursToRestore: 0.01, mode: "static", checkpointIntervalHours: 0.5, restartOverheadHours: 1 },
    }, 3);
    expect(r.jobsCompleted).toBe(1);
    expect(r.preemption.restarts).toBeGreaterThan(0);
    const paid = r.tenants[0].gpuHours - r.preemption.lostGpuHours - 10;
    expect(paid).toBeGreaterThan(1 - 1e-6);
    expect(paid).toBeLessThan(r.preemption.restarts * 1 + 1e-6);
    expect(r.wait.maxHours).toBeLessThan(1e-3);
  });
});

describe("capability-blind placement drops jobs placed on devices they cannot use", () => {
  const gens = (first: string, second: string, firstShare: number) => [
    { name: first, fraction: firstShare, capability: first === "V2" ? 2 : 1, memoryGb: 80 },
    { name: second, fraction: 1 - firstShare, capability: second === "V2" ? 2 : 1, memoryGb: 80 },
  ];

  it("drops every job best-fit puts on an incapable node, and none it puts on a capable one", () => {
    // Best-fit takes pool 0 first. V1 first: each 1-GPU V2 job lands on node 0 and drops out.
    const drop = simulateCluster({
      ...oneRack(2, 1), jobs: 5, arrivalRatePerHour: 1, placement: "best-fit", capabilityAware: false, generations: gens("V1", "V2", 0.5),
      jobClasses: [{ gpus: 1, meanServiceHours: 0.1, serviceCv: 0, minCapability: 2 }],
    }, 1);
    expect(drop.dropoutRate).toBe(1);
    expect(drop.jobsCompleted).toBe(0);
    // Nodes 0–1 V2, node 2 V1, 2 GPUs each: a 2-GPU V2 job takes node 0 (GPUs 0, 1) and runs.
    const run = simulateCluster({
      ...oneRack(3, 2), jobs: 1, arrivalRatePerHour: 1, placement: "best-fit", capabilityAware: false, generations: gens("V2", "V1", 2 / 3),
      jobClasses: [{ gpus: 2, meanServiceHours: 1, serviceCv: 0, minCapability: 2 }],
    }, 1);
    expect(run.dropoutRate).toBe(0);
    expect(run.jobsCompleted).toBe(1);
  });

  it("random placement over both generations drops about half of the jobs", () => {
    // Node 0 V1, node 1 V2; 40 well-spaced 1-GPU V2 jobs each land on either node with probability ½:
    // dropouts ~ Bin(40, ½)/40, sd 0.079; tolerance ±0.3 (3.8 sd).
    const r = simulateCluster({
      ...oneRack(2, 1), jobs: 40, arrivalRatePerHour: 1, placement: "random", capabilityAware: false, generations: gens("V1", "V2", 0.5),
      jobClasses: [{ gpus: 1, meanServiceHours: 0.01, serviceCv: 0, minCapability: 2 }],
    }, 2);
    expect(r.jobsDropped + r.jobsCompleted).toBe(40);
    expect(Math.abs(r.dropoutRate - 0.5)).toBeLessThan(0.3);
  });

  it("after a dropout, the pass goes on to the next queued job", () => {
    // Node 0 V1, node 1 V2. a (any, 10 h) on node 0, b (any, 20 h) on node 1; v2 (needs V2) and a second a queue.
    // At 10 h node 0 frees: v2 lands on it and drops out, and the second a starts there at once (wait 10 h).
    const classes: Jc[] = [
      { name: "a", gpus: 1, meanServiceHours: 10, serviceCv: 0 },
      { name: "b", gpus: 1, meanServiceHours: 20, serviceCv: 0 },
      { name: "v2", gpus: 1, meanServiceHours: 1, serviceCv: 0, minCapability: 2 },
    ];
    const r = simulateCluster({
      ...oneRack(2, 1), jobs: 4, arrivalRatePerHour: BURST, placement: "best-fit", capabilityAware: false, jobClasses: classes,
      generations: gens("V1", "V2", 0.5),
    }, seedFor(classes, [0, 1, 2, 0]));
    expect(r.jobsDropped).toBe(1);
    expect(waitOf(r, "a").maxHours).toBeCloseTo(10, 3);
    expect(waitOf(r, "v2").maxHours).toBeCloseTo(10, 3);
  });
});

describe("allocation pool", () => {
  it("keeps all GPUs of a job wider than twice the initial pool (2^21 + 64 GPUs in one rack)", () => {
    // The pool starts at 2^20 entries; one job on all 32,769 nodes × 64 GPUs needs 2,097,216 > 2·2^20 of them.
    // Its ring crosses 32,769 nodes of one rack: 32,769 leaf links of 1 hop, none across racks.
    const nodes = 32769;
    const r = simulateCluster({
      racks: 1, nodesPerRack: nodes, gpusPerNode: 64, jobs: 1, arrivalRatePerHour: 1, placement: "best-fit", network: FREE_NET,
      jobClasses: [{ gpus: nodes * 64, meanServiceHours: 1, serviceCv: 0 }],
    }, 1);
    expect(r.jobsCompleted).toBe(1);
    expect(r.hopsByClass[0]).toMatchObject({ placedJobs: 1, meanRingHopsPerJob: nodes, crossRackJobFraction: 0, maxHopsShare: [0, 1, 0, 0] });
  });
});
