import fc from "fast-check";
import { expectedWallTime } from "../checkpoint-interval";
import { DEFAULT_MAX_EVENTS } from "./event-budget";
import * as rngModule from "./rng";
import { scanCheckpointIntervals, simulateTrainingRun } from "./training-run";
import { workTally } from "./work-tally";

const MIN = 60;

/**
 * Runs `act` with a failure schedule in place of the random stream: every generator
 * created from seed s takes the next list in `schedules[s]` and hands out its numbers,
 * in order, as the exponential draws (the failure-free stretches). Each list must be
 * used up exactly: one draw too few or too many fails the test.
 */
function withSchedules<T>(schedules: Record<number, number[][]>, act: () => T): T {
  const left = new Map(Object.entries(schedules).map(([seed, runs]) => [Number(seed), runs.map((draws) => [...draws])]));
  const open: number[][] = [];
  const spy = jest.spyOn(rngModule, "createRng").mockImplementation((seed: number): rngModule.Rng => {
    const draws = left.get(seed)?.shift();
    if (draws === undefined) throw new Error(`no failure schedule left for seed ${seed}`);
    open.push(draws);
    const unused = (): never => { throw new Error("only exponential draws are scheduled"); };
    return {
      exponential: () => {
        const x = draws.shift();
        if (x === undefined) throw new Error("failure schedule used up");
        return x;
      },
      next: unused, int: unused, normal: unused, fork: unused,
    };
  });
  try {
    const result = act();
    expect(open.filter((d) => d.length > 0)).toEqual([]);
    expect([...left.values()].flat()).toEqual([]);
    return result;
  } finally {
    spy.mockRestore();
  }
}

describe("simulateTrainingRun on a given failure schedule", () => {
  // W = 250 s of work in τ = 100 s segments, δ = 10 s per checkpoint, R = 30 s per restart:
  // two full segments (each followed by a checkpoint) and a last piece of 50 s.
  const run = { workSeconds: 250, intervalSeconds: 100, checkpointSeconds: 10, restartSeconds: 30, mtbfSeconds: 1_000 };
  const simulate = (draws: number[], r = run, options: { maxEvents?: number } = {}) =>
    withSchedules({ 5: [draws] }, () => simulateTrainingRun(r, 5, options));

  it("without a failure, is the work plus one checkpoint per full segment", () => {
    // 100 + 10 + 100 + 10 + 50 = 270 s; the first up-time (1,000 s) outlasts the run
    expect(simulate([1_000])).toEqual({
      wallSeconds: 270, usefulSeconds: 250, checkpointSeconds: 20, reworkSeconds: 0, restartSeconds: 0, failures: 0, checkpoints: 2,
      budget: { maxEvents: DEFAULT_MAX_EVENTS, events: 0, exhausted: false },
    });
  });
  it("writes no checkpoint after the last segment, even when the work is a whole number of segments", () => {
    // W = 300 s: 100 + 10 + 100 + 10 + 100 = 320 s, two checkpoints, not three
    const r = simulate([1_000], { ...run, workSeconds: 300 });
    expect(r.checkpoints).toBe(2);
    expect(r.wallSeconds).toBe(320);
  });
  it("finishes when the up-time ends exactly as the work does", () => {
    // up = 270 s = 100 + 10 + 100 + 10 + 50: the last piece ends at the failure instant
    const r = simulate([270]);
    expect(r.failures).toBe(0);
    expect(r.wallSeconds).toBe(270);
  });
  it("loses the compute since the last checkpoint, and a failure during a restart restarts it", () => {
    // t = 0–100 compute, 100–110 checkpoint, failure at 205: 95 s lost.
    // Restart: a failure 12 s in, then a full 30 s restart (an up-time of exactly R completes it).
    // Segment 2: 100 s compute + 10 s checkpoint, then failure 5 s into the last piece: 5 s lost.
    // Restart 30 s (the next up-time, 45 s, outlasts it), then the last 50 s.
    // Wall = 205 + 12 + 30 + 115 + 30 + 50 = 442 = 250 + 20 + (95 + 5) + (12 + 30 + 30).
    expect(simulate([205, 12, 30, 115, 45, 80])).toEqual({
      wallSeconds: 442, usefulSeconds: 250, checkpointSeconds: 20, reworkSeconds: 100, restartSeconds: 72, failures: 3, checkpoints: 2,
      budget: { maxEvents: DEFAULT_MAX_EVENTS, events: 3, exhausted: false },
    });
  });
  it("a failure during a checkpoint loses the segment it was saving", () => {
    // W = 150 s, τ = 100 s, δ = 60 s, R = 20 s: the checkpoint runs 100–160, the failure hits at 155.
    // Then restart 20 s; the next up-time (260 s) covers 100 + 60 + 50.
    // Wall = 155 + 20 + 210 = 385 = 150 + 60 + 155 + 20.
    const r = { ...run, workSeconds: 150, checkpointSeconds: 60, restartSeconds: 20 };
    expect(simulate([155, 25, 260], r)).toEqual({
      wallSeconds: 385, usefulSeconds: 150, checkpointSeconds: 60, reworkSeconds: 155, restartSeconds: 20, failures: 1, checkpoints: 1,
      budget: { maxEvents: DEFAULT_MAX_EVENTS, events: 1, exhausted: false },
    });
  });
});

describe("simulateTrainingRun's event budget", () => {
  const run = { workSeconds: 250, intervalSeconds: 100, checkpointSeconds: 10, restartSeconds: 30, mtbfSeconds: 1_000 };
  const simulate = (draws: number[], maxEvents: number, r = run) =>
    withSchedules({ 5: [draws] }, () => simulateTrainingRun(r, 5, { maxEvents }));

  it("stops at the failure that spends the budget, before its restart", () => {
    // the first failure, 50 s in, is the one event allowed: no restart is simulated
    expect(simulate([50], 1)).toEqual({
      wallSeconds: 50, usefulSeconds: 0, checkpointSeconds: 0, reworkSeconds: 50, restartSeconds: 0, failures: 1, checkpoints: 0,
      budget: { maxEvents: 1, events: 1, exhausted: true },
    });
  });
  it("stops at a failure during a restart that spends the budget", () => {
    // failure at 50 s, the restart fails 12 s in: two events, the budget, and the run stops
    expect(simulate([50, 12], 2)).toEqual({
      wallSeconds: 62, usefulSeconds: 0, checkpointSeconds: 0, reworkSeconds: 50, restartSeconds: 12, failures: 2, checkpoints: 0,
      budget: { maxEvents: 2, events: 2, exhausted: true },
    });
  });
  it("a budget one above the failures lets the run finish", () => {
    // one failure at 155 s, restart 20 s, then 100 + 60 + 50: the run of the checkpoint-failure example
    const r = { ...run, workSeconds: 150, checkpointSeconds: 60, restartSeconds: 20 };
    const res = simulate([155, 25, 260], 2, r);
    expect(res.wallSeconds).toBe(385);
    expect(res.budget).toEqual({ maxEvents: 2, events: 1, exhausted: false });
  });
});

describe("simulateTrainingRun's input checks", () => {
  const run = { workSeconds: 100, intervalSeconds: 10, checkpointSeconds: 1, restartSeconds: 1, mtbfSeconds: 1e9 };
  const opts = { maxEvents: 10 };
  it.each([
    ["workSeconds", 0, "finite and > 0"],
    ["intervalSeconds", 0, "finite and > 0"],
    ["mtbfSeconds", 0, "finite and > 0"],
    ["checkpointSeconds", -1, "finite and >= 0"],
    ["restartSeconds", -1, "finite and >= 0"],
  ])("refuses %s = %d", (name, value, requirement) => {
    expect(() => simulateTrainingRun({ ...run, [name]: value }, 1, opts)).toThrow(`simulateTrainingRun: ${name} must be ${requirement} (got ${value})`);
  });
  it("accepts free checkpoints and instant restarts", () => {
    const r = simulateTrainingRun({ ...run, checkpointSeconds: 0, restartSeconds: 0 }, 1, opts);
    expect(r.wallSeconds).toBe(100);
  });
  it("accepts seeds 0 to 2^32 − 1 and refuses the integers either side", () => {
    expect(simulateTrainingRun(run, 0, opts).usefulSeconds).toBe(100);
    expect(simulateTrainingRun(run, 2 ** 32 - 1, opts).usefulSeconds).toBe(100);
    expect(() => simulateTrainingRun(run, -1, opts)).toThrow("simulateTrainingRun: seed must be an integer in [0, 4294967295] (got -1)");
    expect(() => simulateTrainingRun(run, 2 ** 32, opts)).toThrow("simulateTrainingRun: seed must be an integer in [0, 4294967295] (got 4294967296)");
  });
  it("refuses a budget below one event", () => {
    expect(() => simulateTrainingRun(run, 1, { maxEvents: 0 })).toThrow("simulateTrainingRun: maxEvents must be an integer in [1, 9007199254740991] (got 0)");
  });
});

describe("scanCheckpointIntervals on given failure schedules", () => {
  // W = 100 s, free checkpoints and restarts, intervals of at least W: each run is one failure
  // x s in (x < 100 is lost), then the whole 100 s, so its wall time is 100 + x.
  const run = { workSeconds: 100, checkpointSeconds: 0, restartSeconds: 0, mtbfSeconds: 1_000 };
  const lostThen100 = (x: number) => [x, 1, 1_000];
  // τ = 100·2^k, so ln τ = ln 100 + k·ln 2 and a parabola in k is one in ln τ
  const powersOfTwo = (n: number) => Array.from({ length: n }, (_, k) => 100 * 2 ** k);
  // rows are simulated interval by interval, so seed 0's k-th run is the k-th interval's
  const scan = (losses: number[], intervalsSeconds = powersOfTwo(losses.length)) =>
    withSchedules({ 0: losses.map(lostThen100) }, () =>
      scanCheckpointIntervals(run, { intervalsSeconds, replicates: 1, seed: 0 }));

  it("reports each interval's mean wall time and failures over its replicates", () => {
    // seed 7: one failure losing 30, 20, 40 s at the three intervals; seed 8: no failure.
    // Means: (130 + 100)/2 = 115, 110, 120 s; 0.5 failures; 3 events in all.
    const result = withSchedules({ 7: [lostThen100(30), lostThen100(20), lostThen100(40)], 8: [[1_000], [1_000], [1_000]] }, () =>
      scanCheckpointIntervals(run, { intervalsSeconds: [100, 200, 400], replicates: 2, seed: 7 }));
    expect(result.rows).toEqual([
      { intervalSeconds: 100, meanWallSeconds: 115, meanFailures: 0.5 },
      { intervalSeconds: 200, meanWallSeconds: 110, meanFailures: 0.5 },
      { intervalSeconds: 400, meanWallSeconds: 120, meanFailures: 0.5 },
    ]);
    expect(result.budget).toEqual({ maxEvents: DEFAULT_MAX_EVENTS, events: 3, exhausted: false });
    expect(result.bestScannedSeconds).toBe(200);
    // y = 15, 10, 20 above 100 s at k = 0, 1, 2 (τ = 100·2^k): y = 7.5k² − 12.5k + 15, vertex k = 5/6
    expect(result.bestIntervalSeconds).toBeCloseTo(100 * 2 ** (5 / 6), 6);
  });
  it("flags a scan in which any one run stops at its budget", () => {
    // budget 1: seed 7's runs stop at their failure; seed 8's finish
    const result = withSchedules({ 7: [[30], [20], [40]], 8: [[1_000], [1_000], [1_000]] }, () =>
      scanCheckpointIntervals(run, { intervalsSeconds: [100, 200, 400], replicates: 2, seed: 7, maxEvents: 1 }));
    expect(result.budget).toEqual({ maxEvents: 1, events: 3, exhausted: true });
  });
  it("refines to the vertex of the parabola through the best row and three neighbours each side", () => {
    // Rows 1–7 lie on y = 10 + 2(k − 3.75)²; rows 0 and 8 lie above it, outside the window.
    // Best row k = 4 (10.125 s); the fit through rows 1–7 is exact: vertex k = 3.75.
    const result = scan([50, 25.125, 16.125, 11.125, 10.125, 13.125, 20.125, 31.125, 60]);
    expect(result.bestScannedSeconds).toBe(1_600);
    // 100·2^3.75 = 1,345.4 s; centred in ln τ, the normal equations give it to rounding error
    expect(Math.abs(result.bestIntervalSeconds / (100 * 2 ** 3.75) - 1)).toBeLessThan(1e-12);
  });
  it("fits through three rows when there are only three", () => {
    // y = 13, 10, 11: y = 2k² − 5k + 13, vertex k = 1.25
    const result = scan([13, 10, 11]);
    expect(result.bestScannedSeconds).toBe(200);
    expect(result.bestIntervalSeconds).toBeCloseTo(100 * 2 ** 1.25, 6); // 237.8 s
  });
  it("fits unevenly spaced intervals", () => {
    // τ = 100, 200, 800 s: k = 0, 1, 3 on y = 10 + 2(k − 1.25)² = 13.125, 10.125, 16.125; vertex k = 1.25
    const result = scan([13.125, 10.125, 16.125], [100, 200, 800]);
    expect(result.bestScannedSeconds).toBe(200);
    expect(result.bestIntervalSeconds).toBeCloseTo(100 * 2 ** 1.25, 6);
  });
  it("keeps the first of tied best rows", () => {
    // y = 10, 10, 12: rows 0 and 1 tie; y = k² − k + 10, vertex k = 0.5
    const result = scan([10, 10, 12]);
    expect(result.bestScannedSeconds).toBe(100);
    expect(result.bestIntervalSeconds).toBeCloseTo(100 * 2 ** 0.5, 6);
  });
  it("keeps the best scanned interval when the parabola's vertex lies left of the window", () => {
    // y = 10, 11, 13: y = 0.5k² + 0.5k + 10, vertex k = −0.5 < 0
    const result = scan([10, 11, 13]);
    expect(result.bestIntervalSeconds).toBe(100);
  });
  it("keeps the best scanned interval when the parabola's vertex lies right of the window", () => {
    // y = 13, 11, 10: vertex k = 2.5 > 2
    const result = scan([13, 11, 10]);
    expect(result.bestIntervalSeconds).toBe(400);
  });
  it("keeps the best scanned interval when the fitted parabola is concave", () => {
    // y = 10, 12, 11: y = −1.5k² + 3.5k + 10, a maximum at k = 7/6, not a minimum
    const result = scan([10, 12, 11]);
    expect(result.bestIntervalSeconds).toBe(100);
  });
});

describe("scanCheckpointIntervals's input checks", () => {
  const run = { workSeconds: 10, checkpointSeconds: 1, restartSeconds: 1, mtbfSeconds: 1e9 };
  const options = { intervalsSeconds: [1, 2, 3], replicates: 1, seed: 0, maxEvents: 10 };
  const fn = "scanCheckpointIntervals";
  it("accepts three increasing intervals and seeds 0 to 2^32 − 1", () => {
    expect(scanCheckpointIntervals(run, options).rows).toHaveLength(3);
    expect(scanCheckpointIntervals(run, { ...options, seed: 2 ** 32 - 1 }).rows).toHaveLength(3);
  });
  it("refuses fewer than three intervals, or no array", () => {
    expect(() => scanCheckpointIntervals(run, { ...options, intervalsSeconds: [1, 2] }))
      .toThrow(`${fn}: intervalsSeconds must be an array of at least 3 intervals (got array of length 2)`);
    expect(() => scanCheckpointIntervals(run, { ...options, intervalsSeconds: "123" as unknown as number[] }))
      .toThrow(`${fn}: intervalsSeconds must be an array of at least 3 intervals (got "123")`);
  });
  it("refuses an interval that is not positive or not above the one before", () => {
    expect(() => scanCheckpointIntervals(run, { ...options, intervalsSeconds: [0, 1, 2] }))
      .toThrow(`${fn}: intervalsSeconds[0] must be finite and > 0 (got 0)`);
    expect(() => scanCheckpointIntervals(run, { ...options, intervalsSeconds: [1, -1, 2] }))
      .toThrow(`${fn}: intervalsSeconds[1] must be finite and > 0 (got -1)`);
    expect(() => scanCheckpointIntervals(run, { ...options, intervalsSeconds: [1, 1, 2] }))
      .toThrow(`${fn}: intervalsSeconds[1] must be greater than the previous interval (got 1)`);
    expect(() => scanCheckpointIntervals(run, { ...options, intervalsSeconds: [1, 3, 2] }))
      .toThrow(`${fn}: intervalsSeconds[2] must be greater than the previous interval (got 2)`);
  });
  it("refuses bad replicates, seeds and budgets", () => {
    expect(() => scanCheckpointIntervals(run, { ...options, replicates: 0 })).toThrow(`${fn}: replicates must be an integer in [1, 9007199254740991] (got 0)`);
    expect(() => scanCheckpointIntervals(run, { ...options, seed: -1 })).toThrow(`${fn}: seed must be an integer in [0, 4294967295] (got -1)`);
    expect(() => scanCheckpointIntervals(run, { ...options, seed: 2 ** 32 })).toThrow(`${fn}: seed must be an integer in [0, 4294967295] (got 4294967296)`);
    expect(() => scanCheckpointIntervals(run, { ...options, maxEvents: 0 })).toThrow(`${fn}: maxEvents must be an integer in [1, 9007199254740991] (got 0)`);
  });
  it("refuses a bad run in its own name", () => {
    expect(() => scanCheckpointIntervals({ ...run, mtbfSeconds: 0 }, options)).toThrow(`${fn}: mtbfSeconds must be finite and > 0 (got 0)`);
    expect(() => scanCheckpointIntervals({ ...run, checkpointSeconds: -1 }, options)).toThrow(`${fn}: checkpointSeconds must be finite and >= 0 (got -1)`);
  });
});

describe("simulateTrainingRun over random failures", () => {
  const run = { workSeconds: 30_000 * MIN, intervalSeconds: 116.7 * MIN, checkpointSeconds: 5 * MIN, restartSeconds: 10 * MIN, mtbfSeconds: 1_440 * MIN };
  it("does all the work, and its parts sum to the wall time", () => {
    const a = simulateTrainingRun(run, 42);
    expect(a.usefulSeconds).toBeCloseTo(run.workSeconds, 6);
    expect(a.usefulSeconds + a.checkpointSeconds + a.reworkSeconds + a.restartSeconds).toBeCloseTo(a.wallSeconds, 6);
  });
  it("the mean over seeds meets Daly's expected wall time (worked example)", () => {
    let wall = 0, failures = 0;
    const n = 400;
    for (let s = 0; s < n; s++) { const r = simulateTrainingRun(run, s); wall += r.wallSeconds; failures += r.failures; }
    expect(wall / n / expectedWallTime(run)).toBeCloseTo(1, 2);
    expect(failures / n).toBeCloseTo(expectedWallTime(run) / run.mtbfSeconds, 0);
  });
  it("with no failures in sight, the run is work plus checkpoints", () => {
    const r = simulateTrainingRun({ ...run, mtbfSeconds: 1e15 }, 1);
    expect(r.failures).toBe(0);
    expect(r.checkpoints).toBe(Math.ceil(30_000 / 116.7) - 1);
    expect(r.wallSeconds).toBeCloseTo(run.workSeconds + r.checkpoints * run.checkpointSeconds, 3);
  });
  it("wall time is never below the work itself", () =>
    fc.assert(fc.property(fc.double({ min: 100, max: 3e3, noNaN: true }), fc.double({ min: 3e3, max: 1e6, noNaN: true }), fc.nat(1000), (tau, m, seed) => {
      const r = simulateTrainingRun({ workSeconds: 1e5, intervalSeconds: tau, checkpointSeconds: 30, restartSeconds: 60, mtbfSeconds: m }, seed);
      expect(r.wallSeconds).toBeGreaterThanOrEqual(1e5 - 1e-6);
    }), { numRuns: 50 }));
  it("rejects bad input", () => {
    expect(() => simulateTrainingRun({ ...run, mtbfSeconds: 0 }, 1)).toThrow(/simulateTrainingRun: mtbfSeconds/);
    expect(() => simulateTrainingRun(run, 1.5)).toThrow(/seed/);
    expect(() => simulateTrainingRun(run, 1, { maxEvents: 0 })).toThrow(/simulateTrainingRun: maxEvents must be an integer/);
  });
  it("a run that cannot finish stops at its event budget and says so (one event per failure)", () => {
    // A 10-minute restart against a 1-second MTBF: e^{-600} per attempt, so it never gets going.
    const before = workTally();
    const r = simulateTrainingRun({ ...run, workSeconds: 1e12, mtbfSeconds: 1 }, 1, { maxEvents: 20_000 });
    expect(workTally() - before).toBe(20_000);
    expect(r.budget).toEqual({ maxEvents: 20_000, events: 20_000, exhausted: true });
    expect(r.failures).toBe(20_000);
    expect(r.usefulSeconds).toBeLessThan(1e12);
    expect(r.usefulSeconds + r.checkpointSeconds + r.reworkSeconds + r.restartSeconds).toBeCloseTo(r.wallSeconds, 6);
    expect(simulateTrainingRun({ ...run, workSeconds: 1e12, mtbfSeconds: 1 }, 1, { maxEvents: 20_000 })).toEqual(r);
  });
  it("a run that finishes within its budget is the run without one, not exhausted", () => {
    const free = simulateTrainingRun(run, 9);
    expect(free.budget).toEqual({ maxEvents: DEFAULT_MAX_EVENTS, events: free.failures, exhausted: false });
    expect(simulateTrainingRun(run, 9, { maxEvents: free.failures + 1 })).toEqual({ ...free, budget: { maxEvents: free.failures + 1, events: free.failures, exhausted: false } });
    expect(simulateTrainingRun(run, 9, { maxEvents: free.failures }).budget.exhausted).toBe(true);
  });
});

describe("scanCheckpointIntervals over random failures", () => {
  it("rejects bad input", () => {
    const run = { workSeconds: 1e5, checkpointSeconds: 10, restartSeconds: 0, mtbfSeconds: 1e4 };
    expect(() => scanCheckpointIntervals(run, { intervalsSeconds: [1, 2], replicates: 1, seed: 0 })).toThrow(/intervalsSeconds/);
    expect(() => scanCheckpointIntervals(run, { intervalsSeconds: [1, 3, 2], replicates: 1, seed: 0 })).toThrow(/intervalsSeconds\[2\]/);
    expect(() => scanCheckpointIntervals(run, { intervalsSeconds: [1, 2, 3], replicates: 0, seed: 0 })).toThrow(/replicates/);
  });
  it("reports a scan whose runs stop at their budget", () => {
    const run = { workSeconds: 1e9, checkpointSeconds: 10, restartSeconds: 600, mtbfSeconds: 1 };
    const scan = scanCheckpointIntervals(run, { intervalsSeconds: [1, 2, 3], replicates: 2, seed: 0, maxEvents: 1000 });
    expect(scan.budget).toEqual({ maxEvents: 1000, events: 6000, exhausted: true });
  });
});
