import fc from "fast-check";
import { criticalNodeCount, dataParallelGoodput, dataParallelStepTime, syncVsAsyncSgd, type DataParallelJob } from "./communication-scaling";

const job175b: DataParallelJob = { computeSeconds: 1000, gradientBytes: 350e9, linkBytesPerSecond: 50e9 };

/** Reference optimum by exhaustive integer scan (tests only). */
function scanOptimum(job: DataParallelJob, maxN: number): { n: number; t: number } {
  let best = { n: 1, t: dataParallelStepTime(job, 1).stepSeconds };
  for (let n = 2; n <= maxN; n++) {
    const t = dataParallelStepTime(job, n).stepSeconds;
    if (t < best.t * (1 - 1e-12)) best = { n, t };
  }
  return best;
}

describe("dataParallelStepTime and goodput", () => {
  it("matches the worked examples", () => {
    const s = dataParallelStepTime(job175b, 1024);
    expect(s.computeSeconds).toBeCloseTo(0.977, 3);
    expect(s.allReduceSeconds).toBeCloseTo(13.99, 2);
    expect(s.stepSeconds).toBeCloseTo(14.96, 2);
    expect(s.goodputFraction).toBeCloseTo(0.065, 3);
    const g = dataParallelGoodput(job175b, { gpus: 1024, gpuFlopsPerSecond: 989.4e12 });
    expect(g.rawputFlopsPerSecond).toBeCloseTo(1.0131e18, -14);
    expect(g.goodputFlopsPerSecond / 1e15).toBeCloseTo(66.1, 1);
  });
  it("one GPU has no communication; full overlap hides communication up to the compute time", () => {
    expect(dataParallelStepTime(job175b, 1).stepSeconds).toBe(1000);
    const hidden = dataParallelStepTime({ ...job175b, overlapFraction: 1 }, 2);
    expect(hidden.exposedCommunicationSeconds).toBe(0);
    expect(hidden.goodputFraction).toBe(1);
  });
  it("goodput fraction lies in (0, 1] and syncing less often never slows a step", () =>
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e5 }), fc.integer({ min: 1, max: 16 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, k, phi) => {
      const a = dataParallelStepTime({ ...job175b, latencySeconds: 1e-5, syncEverySteps: k, overlapFraction: phi }, n);
      const b = dataParallelStepTime({ ...job175b, latencySeconds: 1e-5, syncEverySteps: k + 1, overlapFraction: phi }, n);
      expect(a.goodputFraction).toBeGreaterThan(0);
      expect(a.goodputFraction).toBeLessThanOrEqual(1);
      expect(b.stepSeconds).toBeLessThanOrEqual(a.stepSeconds + 1e-12);
    })));
  it("rejects bad input", () => {
    expect(() => dataParallelStepTime(job175b, 0)).toThrow(/dataParallelStepTime: gpus/);
    expect(() => dataParallelStepTime({ ...job175b, overlapFraction: 1.5 }, 4)).toThrow(/overlapFraction must be in \[0, 1\]/);
    expect(() => dataParallelStepTime({ ...job175b, syncEverySteps: 0 }, 4)).toThrow(/syncEverySteps/);
    expect(() => dataParallelGoodput(job175b, { gpus: 4, gpuFlopsPerSecond: -1 })).toThrow(/gpuFlopsPerSecond/);
  });
});

describe("criticalNodeCount", () => {
  it("matches the closed-form worked example", () => {
    const r = criticalNodeCount({ ...job175b, latencySeconds: 1e-3 });
    expect(r).toMatchObject({ gpus: 702, method: "closed-form" });
    expect(r.stepSeconds).toBeCloseTo(16.81, 2);
    expect(r.speedup).toBeCloseTo(59.5, 1);
  });
  it("agrees with an exhaustive scan for every algorithm, overlap and sync period", () => {
    const jobs: DataParallelJob[] = [];
    for (const algorithm of ["ring", "tree", "recursive-doubling"] as const)
      for (const overlapFraction of [0, 0.3, 1])
        for (const syncEverySteps of [1, 4])
          jobs.push({ computeSeconds: 50, gradientBytes: 2e9, linkBytesPerSecond: 25e9, latencySeconds: 2e-3, algorithm, overlapFraction, syncEverySteps });
    for (const job of jobs) {
      const r = criticalNodeCount(job);
      const ref = scanOptimum(job, Math.max(10_000, 2 * r.gpus));
      expect(r.gpus).toBeLessThan(40_000); // finite, and no better N up to twice it
      expect(r.stepSeconds).toBeCloseTo(ref.t, 10);
      expect(r.gpus).toBe(ref.n);
    }
  });
  it("is a local maximum of throughput for random jobs", () =>
    fc.assert(fc.property(
      fc.double({ min: 1, max: 1e4, noNaN: true }), fc.double({ min: 1e6, max: 1e12, noNaN: true }), fc.double({ min: 1e-6, max: 1e-2, noNaN: true }),
      fc.constantFrom("ring" as const, "tree" as const, "recursive-doubling" as const), fc.double({ min: 0, max: 1, noNaN: true }),
      (c, s, a, algorithm, overlapFraction) => {
        const job = { computeSeconds: c, gradientBytes: s, linkBytesPerSecond: 50e9, latencySeconds: a, algorithm, overlapFraction };
        const r = criticalNodeCount(job);
        expect(Number.isFinite(r.gpus)).toBe(true);
        const t = (n: number) => dataParallelStepTime(job, n).stepSeconds;
        expect(r.stepSeconds).toBeCloseTo(t(r.gpus), 12);
        expect(t(r.gpus + 1)).toBeGreaterThanOrEqual(r.stepSeconds * (1 - 1e-9));
        if (r.gpus > 1) expect(t(r.gpus - 1)).toBeGreaterThanOrEqual(r.stepSeconds * (1 - 1e-9));
        expect(t(2 * r.gpus)).toBeGreaterThanOrEqual(r.stepSeconds * (1 - 1e-9));
      }), { numRuns: 200 }));
  it("a slow link pins training to one GPU; zero latency scales without bound", () => {
    expect(criticalNodeCount({ computeSeconds: 1, gradientBytes: 350e9, linkBytesPerSecond: 12.5e9, latencySeconds: 1e-5 }).gpus).toBe(1);
    const free = criticalNodeCount({ ...job175b, latencySeconds: 0 });
    expect(free.gpus).toBe(Infinity);
    expect(free.stepSeconds).toBeCloseTo(14, 9);
    expect(criticalNodeCount({ ...job175b, latencySeconds: 0, algorithm: "tree" }).gpus).toBe(Infinity);
  });
  it("rejects bad input", () => {
    expect(() => criticalNodeCount({ ...job175b, computeSeconds: 0 })).toThrow(/criticalNodeCount: computeSeconds/);
    expect(() => criticalNodeCount({ ...job175b, algorithm: "star" as never })).toThrow(/algorithm/);
  });
});

describe("syncVsAsyncSgd", () => {
  const o = { workers: 64, baseSeconds: 1, tailMeanSeconds: 0.2, communicationSeconds: 0.1, stalenessPenalty: 0.01 };
  it("matches the worked example", () => {
    const r = syncVsAsyncSgd(o);
    expect(r.syncGradientsPerSecond).toBeCloseTo(31.24, 2);
    expect(r.asyncGradientsPerSecond).toBeCloseTo(49.23, 2);
    expect(r.meanStaleness).toBe(63);
    expect(r.asyncEffectiveGradientsPerSecond).toBeCloseTo(30.2, 2);
    expect(r.asyncAdvantage).toBeCloseTo(0.967, 3);
  });
  it("one worker: both modes coincide; free staleness: async never loses", () => {
    expect(syncVsAsyncSgd({ ...o, workers: 1 }).asyncAdvantage).toBeCloseTo(1, 12);
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e5 }), fc.double({ min: 0, max: 5, noNaN: true }), (n, tail) =>
      syncVsAsyncSgd({ ...o, workers: n, tailMeanSeconds: tail, stalenessPenalty: 0 }).asyncAdvantage >= 1 - 1e-12));
  });
  it("rejects bad input", () => {
    expect(() => syncVsAsyncSgd({ ...o, stalenessPenalty: -1 })).toThrow(/stalenessPenalty/);
    expect(() => syncVsAsyncSgd({ ...o, baseSeconds: 0, tailMeanSeconds: 0, communicationSeconds: 0 })).toThrow(/baseSeconds \+ tailMeanSeconds/);
  });
});
