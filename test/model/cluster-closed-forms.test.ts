/**
 * simulateCluster against closed forms over long runs and many seeds: Pollaczek-Khinchine for
 * M/G/1, the warm-up discard that makes short runs meet it, EASY reservation holding as the
 * trace grows, and Daly's expected time for a checkpointed job on a spot node. Seconds each,
 * so they sit here rather than among the model's unit specs
 * (src/model/scheduling/cluster-simulator.spec.ts checks the simulator on hand-worked runs).
 */
import { simulateCluster, type ClusterConfig } from "../../src/model/scheduling/cluster-simulator";
import { pollaczekKhinchineWait } from "../../src/model/scheduling/queueing";

describe("simulateCluster meets queueing theory", () => {
  const mg1 = (serviceCv: number): ClusterConfig => ({
    racks: 1, nodesPerRack: 1, gpusPerNode: 1, jobs: 100_000, load: 0.8,
    jobClasses: [{ gpus: 1, meanServiceHours: 2, serviceCv }], placement: "best-fit",
  });

  it("matches Pollaczek-Khinchine for M/M/1 (ρ = 0.8, C_s = 1) within 5%", () => {
    const r = simulateCluster(mg1(1), 42);
    const expected = pollaczekKhinchineWait({ utilization: 0.8, meanServiceTime: 2, serviceCv: 1 }); // 8 h
    expect(Math.abs(r.wait.meanHours / expected - 1)).toBeLessThan(0.05);
    expect(r.utilization).toBeGreaterThan(0.78);
    expect(r.utilization).toBeLessThan(0.82);
  });

  it("matches Pollaczek-Khinchine for M/D/1 (C_s = 0): half the M/M/1 wait", () => {
    const r = simulateCluster(mg1(0), 7);
    const expected = pollaczekKhinchineWait({ utilization: 0.8, meanServiceTime: 2, serviceCv: 0 }); // 4 h
    expect(Math.abs(r.wait.meanHours / expected - 1)).toBeLessThan(0.05);
  });
});

describe("simulateCluster's warm-up discard", () => {
  // M/M/1 at ρ = 0.9 from an empty queue: P-K's steady-state wait is 18 h, and the first jobs of a run wait far less.
  const mm1 = (jobs: number, warmupFraction?: number): ClusterConfig => ({
    racks: 1, nodesPerRack: 1, gpusPerNode: 1, jobs, load: 0.9, warmupFraction,
    jobClasses: [{ gpus: 1, meanServiceHours: 2, serviceCv: 1 }], placement: "best-fit",
  });
  const expected = pollaczekKhinchineWait({ utilization: 0.9, meanServiceTime: 2, serviceCv: 1 }); // 18 h
  const meanOver = (jobs: number, warmup: number | undefined, f: (r: ReturnType<typeof simulateCluster>) => number) =>
    [1, 2, 3, 4, 5, 6, 7, 8].reduce((a, seed) => a + f(simulateCluster(mm1(jobs, warmup), seed)), 0) / 8;
  it("short runs from empty underestimate P-K's wait; with the first half discarded they meet it within 10 % (8 seeds)", () => {
    const cold = meanOver(400, undefined, (r) => r.wait.meanHours), warm = meanOver(400, 0.5, (r) => r.wait.meanHours);
    expect(cold).toBeLessThan(0.8 * expected);
    expect(Math.abs(warm / expected - 1)).toBeLessThan(Math.abs(cold / expected - 1));
    expect(Math.abs(meanOver(4000, 0.2, (r) => r.wait.meanHours) / expected - 1)).toBeLessThan(0.1);
    expect(Math.abs(meanOver(4000, 0.2, (r) => r.utilizationWhileArriving) / 0.9 - 1)).toBeLessThan(0.02);
  });
});

describe("simulateCluster's EASY reservation for a block-shaped gang", () => {
  // 4 racks of 2 four-GPU nodes, 1-GPU jobs placed at random and an 8-GPU block (a whole rack) strictly topology-aware,
  // at 50 % load. Counted in GPUs alone, the block's reservation is "now" whenever 8 GPUs are free but scattered, and
  // every 1-GPU job backfills past it (mean block wait 1.48 h over these seeds); reserving the earliest block
  // and backfilling only jobs that end before it halves that (0.68 h).
  const wait = (jobs: number) => [1, 2, 3, 4].reduce((a, seed) => a + simulateCluster({
    racks: 4, nodesPerRack: 2, gpusPerNode: 4, jobs, load: 0.5, placement: "random", backfill: "easy", queueOrder: "fifo", warmupFraction: 0.2,
    jobClasses: [{ name: "small", gpus: 1, weight: 9, meanServiceHours: 1 }, { name: "block", gpus: 8, weight: 1, meanServiceHours: 1, placement: "topology-aware", locality: "strict" }],
  }, seed).waitByClass[1].meanHours, 0) / 4;
  it("waits less than a job length on average, and a run 4x as long waits about as long", () => {
    const short = wait(5000);
    expect(short).toBeLessThan(1);
    expect(wait(20000)).toBeLessThan(1.15 * short);
  });
});

describe("simulateCluster: static restarts are paid, not added to the work (Daly's closed form)", () => {
  // One 1-GPU job alone on one spot node: work W (fixed), checkpoints every τ of work (free to
  // write), restart R after every reclaim (a reclaim during R loses it), reclaims every M on
  // average, the node back after D on average. Daly's model with δ = 0 gives the time the job is
  // up, T_up = M e^{R/M} (e^{τ/M} − 1) W/τ; each reclaim (T_up / M of them, Wald) adds D.
  const W = 10, tau = 1, R = 0.5, M = 2, D = 0.25;
  const alone = (seed: number) => simulateCluster({
    racks: 1, nodesPerRack: 1, gpusPerNode: 1, jobs: 1, arrivalRatePerHour: 1e6, placement: "best-fit",
    jobClasses: [{ gpus: 1, meanServiceHours: W, serviceCv: 0 }],
    spot: { spotFraction: 1, meanHoursBetweenPreemptions: M, meanHoursToRestore: D, mode: "static", checkpointIntervalHours: tau, restartOverheadHours: R },
  }, seed);

  it("mean time to finish over 3,000 seeds is within 3% of M e^{R/M} (e^{τ/M} − 1) W/τ · (1 + D/M)", () => {
    const up = M * Math.exp(R / M) * Math.expm1(tau / M) * (W / tau); // 16.66 h
    const expected = up * (1 + D / M); // 18.74 h
    let sum = 0, restarts = 0;
    const n = 3000;
    for (let s = 1; s <= n; s++) { const r = alone(s); sum += r.completion.meanHours; restarts += r.preemption.restarts; }
    expect(expected).toBeCloseTo(18.74, 2);
    expect(Math.abs(sum / n / expected - 1)).toBeLessThan(0.03);
    expect(Math.abs(restarts / n / (up / M) - 1)).toBeLessThan(0.05); // ≈ 8.3 reclaims per run
  });
});
