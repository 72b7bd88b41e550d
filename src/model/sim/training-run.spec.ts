import fc from "fast-check";
import { dalyInterval, expectedWallTime } from "../checkpoint-interval";
import { DEFAULT_MAX_EVENTS } from "./event-budget";
import { scanCheckpointIntervals, simulateTrainingRun } from "./training-run";
import { workTally } from "./work-tally";

const MIN = 60, HOUR = 3600;

describe("simulateTrainingRun", () => {
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

describe("scanCheckpointIntervals", () => {
  const run = { workSeconds: 5_000 * HOUR, checkpointSeconds: 5 * MIN, restartSeconds: 10 * MIN, mtbfSeconds: 6 * HOUR };
  const intervalsSeconds = Array.from({ length: 15 }, (_, i) => 25 * MIN * Math.pow(130 / 25, i / 14));
  const daly = dalyInterval(run.checkpointSeconds, run.mtbfSeconds);

  // Seeds 1000 apart: each scan's 20 replicate streams (seed .. seed + 19) share none with another's.
  it.each([0, 1000, 2000, 3000, 4000, 2026])("finds an interval within 5%% of Daly's optimum (seed %i)", (seed) => {
    expect(daly / MIN).toBeCloseTo(56.7, 1);
    const scan = scanCheckpointIntervals(run, { intervalsSeconds, replicates: 20, seed });
    expect(Math.abs(scan.bestIntervalSeconds / daly - 1)).toBeLessThan(0.05);
  });

  it("reports every scanned interval and the events its runs used", () => {
    const scan = scanCheckpointIntervals(run, { intervalsSeconds, replicates: 20, seed: 2026 });
    expect(scan.rows).toHaveLength(15);
    expect(scan.budget.exhausted).toBe(false);
    expect(scan.budget.events).toBe(Math.round(scan.rows.reduce((sum, r) => sum + r.meanFailures * 20, 0)));
  });
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
