import { simulateCluster, type ClusterConfig } from "./cluster-simulator";
import type { JobClass } from "./cluster-config";
import { createRng } from "../sim/rng";

/**
 * Hand-worked scheduling passes: which queued job goes first across tenants (fifo / priority /
 * drf), quota skips and backfillDepth, and the EASY reservation with its backfill test.
 *
 * Every scenario gives each job its own class (one job per class, in a chosen arrival order),
 * serviceCv 0 and gradientBytes 0, so job j of width k runs exactly its meanServiceHours and
 * waitByClass[j] is job j's own wait. Arrivals are a burst (λ = 10⁶ per hour): the jobs arrive
 * within microseconds, in order, and the scheduler's choices decide everything after.
 *
 * The class sequence and the arrival times come from the arrival stream as the simulator's
 * header documents it (its own stream, the first fork of the seed's root): the first arrival
 * gap, then per job the class draw u (first class whose cumulative weight exceeds u) and the
 * gap to the next arrival. `burst` searches the seeds for the wanted class order and returns
 * the arrival times, so every expected wait below is start − arrival with start worked by hand.
 */
const RATE = 1e6;

function burst(classes: number, order: number[]): { seed: number; t: number[] } {
  const cdf = Array.from({ length: classes }, (_, c) => (c + 1) / classes);
  cdf[classes - 1] = 1;
  const mean = 1 / RATE;
  for (let seed = 1; seed < 1e6; seed++) {
    const rng = createRng(seed).fork();
    const t: number[] = [];
    let now = -mean * Math.log(1 - rng.next());
    let ok = true;
    for (let j = 0; j < order.length && ok; j++) {
      t.push(now);
      const u = rng.next();
      let c = 0;
      while (u >= cdf[c] && c < classes - 1) c++;
      ok = c === order[j];
      if (j + 1 < order.length) now = now + -mean * Math.log(1 - rng.next());
    }
    if (ok) return { seed, t };
  }
  throw new Error("no seed");
}

const job = (name: string, gpus: number, hours: number, extra: Partial<JobClass> = {}): JobClass =>
  ({ name, gpus, meanServiceHours: hours, serviceCv: 0, ...extra });

/** One node of g GPUs, the given classes (equal weights), one job per class in class order. */
function node(g: number, jobClasses: JobClass[], more: Partial<ClusterConfig> = {}): ClusterConfig {
  return {
    racks: 1, nodesPerRack: 1, gpusPerNode: g, jobs: jobClasses.length, arrivalRatePerHour: RATE,
    placement: "best-fit", backfill: "easy", queueOrder: "fifo", network: { gradientBytes: 0 },
    jobClasses, ...more,
  };
}

/** Runs config with the seed whose burst brings one job of each class in class order. */
function runInOrder(config: ClusterConfig): { r: ReturnType<typeof simulateCluster>; t: number[]; waits: number[] } {
  const n = config.jobClasses.length;
  const { seed, t } = burst(n, Array.from({ length: n }, (_, i) => i));
  const r = simulateCluster(config, seed);
  for (const c of r.waitByClass) expect(c.count).toBe(1);
  return { r, t, waits: r.waitByClass.map((c) => c.meanHours) };
}

const expectWaits = (waits: number[], expected: number[]) => {
  expect(waits).toHaveLength(expected.length);
  expected.forEach((w, j) => expect(waits[j]).toBeCloseTo(w, 9));
};

describe("EASY backfill: the reservation and the backfill test, worked by hand", () => {
  it("backfills a short job that ends before the head's reservation and holds back one that would not", () => {
    // 8 GPUs. J0 4 GPUs 2 h and J1 2 GPUs 4 h start; head J2 needs all 8 (2 free).
    // Reservation: 2 free + 4 (J0, ends t0+2) = 6 < 8, + 2 (J1, ends t1+4) = 8 → shadow t1+4, extra 0.
    // J3 (1 GPU, 3 h) ends t3+3 < t1+4: backfills at once. J4 (1 GPU, 10 h) ends past the shadow and
    // 1 > extra 0: it waits, also at J0's and J3's ends (shadow stays t1+4, extra 0). J1 ends at t1+4:
    // J2 starts (1 h), J4 after it at t1+5, done at t1+15.
    const { r, t, waits } = runInOrder(node(8, [job("a", 4, 2), job("b", 2, 4), job("head", 8, 1), job("short", 1, 3), job("long", 1, 10)]));
    expectWaits(waits, [0, 0, t[1] + 4 - t[2], 0, t[1] + 5 - t[4]]);
    expect(r.makespanHours).toBeCloseTo(t[1] + 15, 9);
    expect(r.jobsCompleted).toBe(5);
  });

  it("lets a long job backfill into the spare GPUs the reservation leaves (extra), unless the head needs a block", () => {
    // 4 GPUs. J0 3 GPUs 2 h runs; head J1 needs 2 (1 free). GPU-count reservation: 1 + 3 = 4 ≥ 2 →
    // shadow t0+2, extra 2. J2 (1 GPU, 10 h) ends long after the shadow but 1 ≤ extra: starts at once.
    // J1 starts when J0 ends (t0+2: 3 GPUs free). Makespan t2+10.
    const classes = [job("a", 3, 2), job("head", 2, 1), job("long", 1, 10)];
    for (const more of [{ placement: "best-fit" }, { placement: "topology-aware", locality: "loose" }] as Partial<ClusterConfig>[]) {
      const { r, t, waits } = runInOrder(node(4, classes, more));
      expectWaits(waits, [0, t[0] + 2 - t[1], 0]);
      expect(r.makespanHours).toBeCloseTo(t[2] + 10, 9);
    }
    // A strict topology-aware head reserves its block instead, with no spare GPUs (extra 0): the
    // block of 2 on the node is free at t0+2, so J2 (ends past it) waits and starts with J1 at t0+2.
    const strict = runInOrder(node(4, classes, { placement: "topology-aware", locality: "strict" }));
    expectWaits(strict.waits, [0, strict.t[0] + 2 - strict.t[1], strict.t[0] + 2 - strict.t[2]]);
    expect(strict.r.makespanHours).toBeCloseTo(strict.t[0] + 12, 9);
    // The class's own placement decides, not the global one.
    const perClass = runInOrder(node(4, [classes[0], { ...classes[1], placement: "topology-aware", locality: "strict" }, classes[2]]));
    expectWaits(perClass.waits, [0, perClass.t[0] + 2 - perClass.t[1], perClass.t[0] + 2 - perClass.t[2]]);
  });

  it("backfills a job that ends exactly at the shadow time", () => {
    // 8 GPUs; F (all 8, 1 h) runs while the rest queue; at T = t0+1: A (2 GPUs, 2 h) starts, head H (8)
    // blocks: 6 free + 2 = 8 → shadow T+2, extra 0. C (4 GPUs, 2 h) ends at T+2 = shadow: backfills.
    // A and C end at T+2; H runs T+2 .. T+3.
    const { r, t, waits } = runInOrder(node(8, [job("F", 8, 1), job("A", 2, 2), job("H", 8, 1), job("C", 4, 2)]));
    const T = t[0] + 1;
    expectWaits(waits, [0, T - t[1], T + 2 - t[2], T - t[3]]);
    expect(r.makespanHours).toBeCloseTo(T + 3, 9);
  });

  it("spends the spare GPUs (extra) only on jobs that outlast the shadow", () => {
    // 16 GPUs; F (16, 1 h) runs while the rest queue. At T = t0+1, one pass in fifo order:
    // A (4, 2 h) starts (12 free). Head H (14) blocks: 12 + 4 = 16 ≥ 14 → shadow T+2, extra 2.
    // C1 (1, 1 h) ends by T+2: starts, extra unchanged. C2 (2, 10 h) outlasts it, 2 ≤ extra 2:
    // starts, extra 0. C3 (1, 11 h) outlasts it, 1 > 0: waits.
    // T+1: C1 ends (shadow T+2, extra 0: C3 still waits). T+2: A ends, H starts. T+3: C3 starts, ends T+14.
    const classes = [job("F", 16, 1), job("A", 4, 2), job("H", 14, 1), job("C1", 1, 1), job("C2", 2, 10), job("C3", 1, 11)];
    const { r, t, waits } = runInOrder(node(16, classes));
    const T = t[0] + 1;
    expectWaits(waits, [0, T - t[1], T + 2 - t[2], T - t[3], T - t[4], T + 3 - t[5]]);
    expect(r.makespanHours).toBeCloseTo(T + 14, 9);

    // backfillDepth 1: one job past the head per pass. At T: C1 starts, C2 is not examined.
    // T+1 (C1 ends): 12 free + 4 = 16 → shadow T+2, extra 2; C2 (examined first) starts, C3 is not
    // examined. T+2: H starts; T+3: C3 starts, ends T+14.
    const d1 = runInOrder(node(16, classes, { backfillDepth: 1 }));
    const T1 = d1.t[0] + 1;
    expectWaits(d1.waits, [0, T1 - d1.t[1], T1 + 2 - d1.t[2], T1 - d1.t[3], T1 + 1 - d1.t[4], T1 + 3 - d1.t[5]]);
    expect(d1.r.makespanHours).toBeCloseTo(T1 + 14, 9);
  });

  it("does not backfill a non-gang job on fewer GPUs than it asks for", () => {
    // 4 GPUs. A (3, 2 h) runs; head H (4, 1 h) blocks; N (non-gang, 2 GPUs, min 1, 1 h) would fit on the
    // 1 free GPU narrower, but backfill only considers jobs whose k GPUs are free: N waits.
    // t0+2: H starts; t0+3: N starts at full width, ends t0+4.
    const { r, t, waits } = runInOrder(node(4, [job("A", 3, 2), job("H", 4, 1), job("N", 2, 1, { gang: false, minGpus: 1 })]));
    expectWaits(waits, [0, t[0] + 2 - t[1], t[0] + 3 - t[2]]);
    expect(r.makespanHours).toBeCloseTo(t[0] + 4, 9);
  });
});

describe("tenant quotas in the pass", () => {
  // One tenant, quota 4, 8 GPUs. X (2, 1 h) runs; Y (4) would exceed the quota (2 + 4 > 4) and is
  // skipped; Z (2) fits it exactly (2 + 2 = 4).
  const classes = [job("X", 2, 1), job("Y", 4, 1), job("Z", 2, 1)];
  const quota = (backfillDepth: number): ClusterConfig =>
    node(8, classes, { backfill: "none", backfillDepth, tenants: [{ name: "q", quotaGpus: 4 }] });

  it("skips an over-quota job and starts the next one that fits the quota exactly", () => {
    // backfillDepth 1 allows one quota skip: Z starts at once; Y starts when X and Z have ended (tZ+1).
    const { r, t, waits } = runInOrder(quota(1));
    expectWaits(waits, [0, t[2] + 1 - t[1], 0]);
    expect(r.jobsCompleted).toBe(3);
    expect(r.tenants[0].peakGpus).toBe(4);
    expect(r.makespanHours).toBeCloseTo(t[2] + 2, 9);
  });

  it("stops scanning a tenant after backfillDepth quota skips", () => {
    // backfillDepth 0: the first skip (Y) ends the tenant's scan, so Z waits. t0+1: X ends, Y starts
    // (0 + 4 ≤ 4), Z is skipped. t0+2: Y ends, Z starts.
    const { r, t, waits } = runInOrder(quota(0));
    expectWaits(waits, [0, t[0] + 1 - t[1], t[0] + 2 - t[2]]);
    expect(r.makespanHours).toBeCloseTo(t[0] + 3, 9);
  });
});

describe("which tenant's head goes first", () => {
  const two = [{ name: "a" }, { name: "b" }];

  it("fifo and drf at equal shares take the earlier head across tenants", () => {
    // 1 GPU. X (tenant a) runs; Y (b) then Z (a) queue. At t0+1 both shares are 0: the earlier, Y, starts.
    for (const queueOrder of ["fifo", "drf", "priority"] as const) {
      const { t, waits } = runInOrder(node(1, [job("X", 1, 1, { tenant: 0 }), job("Y", 1, 1, { tenant: 1 }), job("Z", 1, 1, { tenant: 0 })],
        { queueOrder, tenants: two }));
      expectWaits(waits, [0, t[0] + 1 - t[1], t[0] + 2 - t[2]]);
    }
  });

  it("keeps the first tenant when shares and keys tie", () => {
    // Priority 1: key = −10¹² + arrival, and arrivals microseconds apart round to the same key (the
    // spacing of doubles near 10¹² is 1.2·10⁻⁴ h). 1 GPU: X (a) runs, Z (a) then Y (b) queue; at t0+1
    // shares (0) and keys tie, so the first tenant's Z starts, Y at t0+2.
    const classes = [job("X", 1, 1, { tenant: 0, priority: 1 }), job("Z", 1, 1, { tenant: 0, priority: 1 }), job("Y", 1, 1, { tenant: 1, priority: 1 })];
    for (const queueOrder of ["drf", "priority"] as const) {
      const { t, waits } = runInOrder(node(1, classes, { queueOrder, tenants: two }));
      expect(-1e12 + t[1]).toBe(-1e12 + t[2]);
      expectWaits(waits, [0, t[0] + 1 - t[1], t[0] + 2 - t[2]]);
    }
  });

  it("drf serves the tenant with the smaller share before an earlier head", () => {
    // 2 GPUs. L (b, 10 h) and S (a, 1 h) run; Y (b) then Z (a) queue. At S's end (t1+1) a holds 0,
    // b holds 1 of 2 GPUs: a's Z starts although Y arrived first; Y starts when Z ends (t1+2).
    const classes = [job("L", 1, 10, { tenant: 1 }), job("S", 1, 1, { tenant: 0 }), job("Y", 1, 1, { tenant: 1 }), job("Z", 1, 1, { tenant: 0 })];
    const { t, waits } = runInOrder(node(2, classes, { queueOrder: "drf", tenants: two }));
    expectWaits(waits, [0, 0, t[1] + 2 - t[2], t[1] + 1 - t[3]]);
    // fifo takes the earlier head: Y at t1+1, Z at t1+2.
    const f = runInOrder(node(2, classes, { queueOrder: "fifo", tenants: two }));
    expectWaits(f.waits, [0, 0, f.t[1] + 1 - f.t[2], f.t[1] + 2 - f.t[3]]);
  });
});

describe("drf's tie tolerance is inclusive (shares within 1e-15 tie)", () => {
  // A tenant that ran two 1-GPU jobs with 0.1 and 0.2 host cores per GPU and holds nothing now keeps
  // the rounding residue of 0.1 + 0.2 − 0.1 − 0.2 cores; with cpusPerNode = residue / 1e-15 its
  // dominant share is exactly 1e-15 while the other tenant's is 0: a difference of exactly the tolerance.
  // 2 GPUs, no backfill: P1, P2 (1 GPU, 1 h, one tenant) run; Y then Z (2 GPUs, 1 h each) queue; at
  // P2's end (t1+1) both GPUs are free and one of Y, Z starts, the other an hour later.
  const residue = ((0 + 0.1 + 0.2) - 0.1) - 0.2;
  const cpusPerNode = residue / 1e-15;
  const classes = (ranTenant: number, yTenant: number, zTenant: number): JobClass[] => [
    job("P1", 1, 1, { tenant: ranTenant, cpusPerGpu: 0.1 }), job("P2", 1, 1, { tenant: ranTenant, cpusPerGpu: 0.2 }),
    job("Y", 2, 1, { tenant: yTenant }), job("Z", 2, 1, { tenant: zTenant }),
  ];
  const run = (cs: JobClass[]) => runInOrder(node(2, cs, { queueOrder: "drf", backfill: "none", cpusPerNode, tenants: [{ name: "a" }, { name: "b" }] }));

  it("a later tenant whose share is higher by exactly 1e-15 still wins with the earlier head", () => {
    expect(residue > 0 && residue / cpusPerNode === 1e-15).toBe(true);
    // Tenant b ran P1, P2 (share 1e-15) and queued Y first; tenant a (share 0) queued Z: Y starts at t1+1.
    const { t, waits } = run(classes(1, 1, 0));
    expectWaits(waits, [0, 0, t[1] + 1 - t[2], t[1] + 2 - t[3]]);
  });

  it("a later tenant whose share is lower by exactly 1e-15 does not overtake an earlier head", () => {
    // Tenant a ran P1, P2 (share 1e-15) and queued Y first; tenant b (share 0) queued Z: a tie, Y starts.
    const { t, waits } = run(classes(0, 0, 1));
    expectWaits(waits, [0, 0, t[1] + 1 - t[2], t[1] + 2 - t[3]]);
  });
});

describe("EASY under spot reclaims", () => {
  // The spot stream as documented: streams arrive, place, spot, setup are the root's first four forks;
  // with one spot node out of two, it is node setup.int(2), and its first reclaim is at
  // −mean·ln(1 − spot.next()) hours.
  function spotBurst(classes: number, meanHoursBetweenPreemptions: number, accept: (t: number[], reclaim: number) => boolean): { seed: number; t: number[]; reclaim: number } {
    const cdf = Array.from({ length: classes }, (_, c) => (c + 1) / classes);
    cdf[classes - 1] = 1;
    const mean = 1 / RATE;
    for (let seed = 1; seed < 1e7; seed++) {
      const root = createRng(seed), rng = root.fork();
      const t: number[] = [];
      let now = -mean * Math.log(1 - rng.next()), ok = true;
      for (let j = 0; j < classes && ok; j++) {
        t.push(now);
        const u = rng.next();
        let c = 0;
        while (u >= cdf[c] && c < classes - 1) c++;
        ok = c === j;
        if (j + 1 < classes) now = now + -mean * Math.log(1 - rng.next());
      }
      if (!ok) continue;
      root.fork();
      const spot = root.fork(), setup = root.fork();
      if (setup.int(2) !== 1) continue;
      const reclaim = -meanHoursBetweenPreemptions * Math.log(1 - spot.next());
      if (accept(t, reclaim)) return { seed, t, reclaim };
    }
    throw new Error("no seed");
  }
  const twoNodes = (jobClasses: JobClass[], meanHoursBetweenPreemptions: number): ClusterConfig => ({
    racks: 1, nodesPerRack: 2, gpusPerNode: 4, jobs: jobClasses.length, arrivalRatePerHour: RATE,
    placement: "best-fit", backfill: "easy", queueOrder: "priority", network: { gradientBytes: 0 }, jobClasses,
    spot: { spotFraction: 0.5, meanHoursBetweenPreemptions, meanHoursToRestore: 1000, mode: "static", checkpointIntervalHours: 1, restartOverheadHours: 0 },
  });

  it("backfills anything that fits while the head needs more GPUs than are up (no reservation possible)", () => {
    // Nodes 0 and 1 (spot), 4 GPUs each. L (1 GPU, 100 h) takes node 0, S (4, 50 h) node 1. Head H
    // (priority 1, 5 GPUs) blocks; C (3 GPUs, 200 h) would end after H's reservation (S's end, t1+50)
    // with only 7 − 5 = 2 spare GPUs: it waits. Node 1 is reclaimed at R < t1+50: S re-queues, and
    // H needs 5 of the 4 GPUs still up: no finite reservation, so C (3 free on node 0) starts at R.
    const classes = [job("L", 1, 100), job("S", 4, 50), job("H", 5, 1, { priority: 1 }), job("C", 3, 200)];
    const { seed, t, reclaim } = spotBurst(4, 8, (t, r) => r > t[3] && r < t[1] + 50);
    const r = simulateCluster({ ...twoNodes(classes, 8), maxEvents: 200 }, seed);
    const c = r.waitByClass[3];
    expect(c.count).toBe(1);
    expect(c.meanHours).toBeCloseTo(reclaim - t[3], 9);
  });

  it("counts a re-queued job's remaining work, not its whole work, when it backfills", () => {
    // Node 0: B (3 GPUs, 15 h) and F (1, 2 h); node 1 (spot): G (3, 20 h) and R (1 GPU, 10 h).
    // Head H (priority 1, 4 GPUs) blocks. F ends at t1+2 (1 GPU free on node 0). Node 1 is reclaimed
    // at P in [4, 9]: G and R re-queue, R rolled back to its last checkpoint D = ⌊P − t3⌋ hours
    // (interval 1 h). H's reservation: 1 free + 3 (B) = 4 → shadow t0+15, extra 0. R needs
    // 10 − D ≤ 6 more hours: P + 10 − D ≤ t0+15, so it backfills at once on node 0 (no restart
    // overhead) and completes at P + 10 − D.
    const classes = [job("B", 3, 15), job("F", 1, 2), job("G", 3, 20), job("R", 1, 10), job("H", 4, 1, { priority: 1 })];
    const { seed, t, reclaim } = spotBurst(5, 6, (_, p) => p >= 4 && p <= 9);
    const r = simulateCluster({ ...twoNodes(classes, 6), maxEvents: 500 }, seed);
    const D = Math.floor(reclaim - t[3]);
    const done = r.completionByClass[3];
    expect(done.count).toBe(1);
    expect(done.meanHours).toBeCloseTo(reclaim + 10 - D - t[3], 9);
    expect(r.preemption.restarts).toBeGreaterThanOrEqual(2);
  });
});
