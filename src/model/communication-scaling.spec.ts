import fc from "fast-check";
import { criticalNodeCount, dataParallelGoodput, dataParallelStepTime, syncVsAsyncSgd, type DataParallelJob } from "./communication-scaling";

const job175b: DataParallelJob = { computeSeconds: 1000, gradientBytes: 350e9, linkBytesPerSecond: 50e9 };
const MAX_INT = Number.MAX_SAFE_INTEGER;

/** Reference optimum by exhaustive integer scan (tests only). */
function scanOptimum(job: DataParallelJob, maxN: number): { n: number; t: number } {
  let best = { n: 1, t: dataParallelStepTime(job, 1).stepSeconds };
  for (let n = 2; n <= maxN; n++) {
    const t = dataParallelStepTime(job, n).stepSeconds;
    if (t < best.t * (1 - 1e-12)) best = { n, t };
  }
  return best;
}

/**
 * A small job in round numbers: C = 8 s of compute, S = 4 GB of gradients over
 * B = 1 GB/s links (S/B = 4 s), α = 0.5 s per message step.
 */
const small: DataParallelJob = { computeSeconds: 8, gradientBytes: 4e9, linkBytesPerSecond: 1e9, latencySeconds: 0.5 };

describe("dataParallelStepTime", () => {
  it("matches the worked example", () => {
    const s = dataParallelStepTime(job175b, 1024);
    expect(s.computeSeconds).toBeCloseTo(0.977, 3);
    expect(s.allReduceSeconds).toBeCloseTo(13.99, 2);
    expect(s.stepSeconds).toBeCloseTo(14.96, 2);
    expect(s.goodputFraction).toBeCloseTo(0.065, 3);
  });

  it("one GPU computes alone and communicates nothing", () => {
    expect(dataParallelStepTime(job175b, 1)).toEqual({
      stepSeconds: 1000, computeSeconds: 1000, allReduceSeconds: 0, exposedCommunicationSeconds: 0, goodputFraction: 1, speedup: 1,
    });
  });

  it("adds the whole all-reduce to the halved compute on two GPUs", () => {
    // compute 8 / 2 = 4 s; ring A(2) = 2·1·0.5 + (2·1/2)·4 = 5 s; step 4 + 5 = 9 s
    const s = dataParallelStepTime(small, 2);
    expect(s.computeSeconds).toBe(4);
    expect(s.allReduceSeconds).toBe(5);
    expect(s.exposedCommunicationSeconds).toBe(5);
    expect(s.stepSeconds).toBe(9);
    expect(s.goodputFraction).toBeCloseTo(4 / 9, 12);
    expect(s.speedup).toBeCloseTo(8 / 9, 12);
  });

  it("spreads one all-reduce over k steps and hides up to φ of the compute behind it", () => {
    // k = 2, φ = 0.25: exposed = 5/2 − 0.25·4 = 1.5 s; step 4 + 1.5 = 5.5 s
    const s = dataParallelStepTime({ ...small, syncEverySteps: 2, overlapFraction: 0.25 }, 2);
    expect(s.allReduceSeconds).toBe(5);
    expect(s.exposedCommunicationSeconds).toBe(1.5);
    expect(s.stepSeconds).toBe(5.5);
    expect(s.goodputFraction).toBeCloseTo(4 / 5.5, 12);
    expect(s.speedup).toBeCloseTo(8 / 5.5, 12);
  });

  it("never exposes a negative amount of communication", () => {
    // φ = 1: 4 s of compute hide more than the 5/2 = 2.5 s of all-reduce per step
    const s = dataParallelStepTime({ ...small, syncEverySteps: 2, overlapFraction: 1 }, 2);
    expect(s.exposedCommunicationSeconds).toBe(0);
    expect(s.stepSeconds).toBe(4);
    expect(s.goodputFraction).toBe(1);
    expect(s.speedup).toBe(2);
  });

  it("uses the chosen all-reduce algorithm, the ring by default", () => {
    // N = 4, α = 0.25 s, S/B = 4 s, bandwidth term 2·3/4·4 = 6 s:
    // ring 2·3·0.25 + 6 = 7.5; tree 2·2·0.25 + 6 = 7; recursive doubling 2·(0.25 + 4) = 8.5
    const job = { ...small, latencySeconds: 0.25 };
    expect(dataParallelStepTime(job, 4).allReduceSeconds).toBe(7.5);
    expect(dataParallelStepTime({ ...job, algorithm: "ring" }, 4).allReduceSeconds).toBe(7.5);
    expect(dataParallelStepTime({ ...job, algorithm: "tree" }, 4).allReduceSeconds).toBe(7);
    expect(dataParallelStepTime({ ...job, algorithm: "recursive-doubling" }, 4).allReduceSeconds).toBe(8.5);
    expect(dataParallelStepTime(job, 4).stepSeconds).toBe(2 + 7.5);
  });

  it("defaults to no latency, a sync every step and no overlap", () => {
    // α = 0: A(2) = 4 s; step 4 + 4 = 8 s
    const bare = { computeSeconds: 8, gradientBytes: 4e9, linkBytesPerSecond: 1e9 };
    expect(dataParallelStepTime(bare, 2).stepSeconds).toBe(8);
    expect(dataParallelStepTime({ ...bare, latencySeconds: 0, syncEverySteps: 1, overlapFraction: 0 }, 2).stepSeconds).toBe(8);
  });

  it("goodput fraction lies in (0, 1] and syncing less often never slows a step", () =>
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e5 }), fc.integer({ min: 1, max: 16 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, k, phi) => {
      const a = dataParallelStepTime({ ...job175b, latencySeconds: 1e-5, syncEverySteps: k, overlapFraction: phi }, n);
      const b = dataParallelStepTime({ ...job175b, latencySeconds: 1e-5, syncEverySteps: k + 1, overlapFraction: phi }, n);
      expect(a.goodputFraction).toBeGreaterThan(0);
      expect(a.goodputFraction).toBeLessThanOrEqual(1);
      expect(b.stepSeconds).toBeLessThanOrEqual(a.stepSeconds + 1e-12);
    })));

  describe("input checks", () => {
    const f = "dataParallelStepTime";
    it("requires positive compute and link bandwidth", () => {
      expect(() => dataParallelStepTime({ ...small, computeSeconds: 0 }, 2)).toThrow(`${f}: computeSeconds must be finite and > 0 (got 0)`);
      expect(() => dataParallelStepTime({ ...small, linkBytesPerSecond: 0 }, 2)).toThrow(`${f}: linkBytesPerSecond must be finite and > 0 (got 0)`);
      expect(dataParallelStepTime({ ...small, computeSeconds: 1e-9 }, 1).stepSeconds).toBe(1e-9);
    });
    it("requires non-negative gradient bytes and latency, zero allowed", () => {
      expect(() => dataParallelStepTime({ ...small, gradientBytes: -1 }, 2)).toThrow(`${f}: gradientBytes must be finite and >= 0 (got -1)`);
      expect(() => dataParallelStepTime({ ...small, latencySeconds: -1 }, 2)).toThrow(`${f}: latencySeconds must be finite and >= 0 (got -1)`);
      // S = 0, α = 0.5: A(2) = 2·1·0.5 = 1 s
      expect(dataParallelStepTime({ ...small, gradientBytes: 0 }, 2).allReduceSeconds).toBe(1);
      expect(dataParallelStepTime({ ...small, latencySeconds: 0 }, 2).allReduceSeconds).toBe(4);
    });
    it("requires a whole sync period of at least one step", () => {
      expect(() => dataParallelStepTime({ ...small, syncEverySteps: 0 }, 2)).toThrow(`${f}: syncEverySteps must be an integer in [1, ${MAX_INT}] (got 0)`);
      expect(() => dataParallelStepTime({ ...small, syncEverySteps: 1.5 }, 2)).toThrow(`${f}: syncEverySteps must be an integer in [1, ${MAX_INT}] (got 1.5)`);
    });
    it("requires an overlap fraction in [0, 1], both ends allowed", () => {
      expect(() => dataParallelStepTime({ ...small, overlapFraction: -0.01 }, 2)).toThrow(`${f}: overlapFraction must be in [0, 1] (got -0.01)`);
      expect(() => dataParallelStepTime({ ...small, overlapFraction: 1.01 }, 2)).toThrow(`${f}: overlapFraction must be in [0, 1] (got 1.01)`);
      expect(dataParallelStepTime({ ...small, overlapFraction: 0 }, 2).stepSeconds).toBe(9);
      expect(dataParallelStepTime({ ...small, overlapFraction: 1 }, 2).stepSeconds).toBe(5); // 4 + (5 − 4)
    });
    it("requires a known algorithm", () => {
      expect(() => dataParallelStepTime({ ...small, algorithm: "star" as never }, 2))
        .toThrow(`${f}: algorithm must be one of "ring", "tree", "recursive-doubling" (got "star")`);
    });
    it("requires a whole GPU count of at least one", () => {
      expect(() => dataParallelStepTime(small, 0)).toThrow(`${f}: gpus must be an integer in [1, ${MAX_INT}] (got 0)`);
      expect(() => dataParallelStepTime(small, 2.5)).toThrow(`${f}: gpus must be an integer in [1, ${MAX_INT}] (got 2.5)`);
    });
  });
});

describe("dataParallelGoodput", () => {
  it("matches the worked example", () => {
    const g = dataParallelGoodput(job175b, { gpus: 1024, gpuFlopsPerSecond: 989.4e12 });
    expect(g.rawputFlopsPerSecond).toBeCloseTo(1.0131e18, -14);
    expect(g.goodputFlopsPerSecond / 1e15).toBeCloseTo(66.1, 1);
  });

  it("pays for N GPUs at peak and counts only the compute share of the step as useful", () => {
    // 2 GPUs × 1 TFLOP/s = 2 TFLOP/s rawput; goodput fraction 4 s / 9 s
    const g = dataParallelGoodput(small, { gpus: 2, gpuFlopsPerSecond: 1e12 });
    expect(g.rawputFlopsPerSecond).toBe(2e12);
    expect(g.goodputFraction).toBeCloseTo(4 / 9, 12);
    expect(g.goodputFlopsPerSecond).toBeCloseTo(2e12 * 4 / 9, 0);
  });

  it("rejects bad input in its own name", () => {
    const f = "dataParallelGoodput";
    expect(() => dataParallelGoodput(small, { gpus: 0, gpuFlopsPerSecond: 1e12 })).toThrow(`${f}: gpus must be an integer in [1, ${MAX_INT}] (got 0)`);
    expect(() => dataParallelGoodput(small, { gpus: 2, gpuFlopsPerSecond: 0 })).toThrow(`${f}: gpuFlopsPerSecond must be finite and > 0 (got 0)`);
    expect(() => dataParallelGoodput({ ...small, computeSeconds: 0 }, { gpus: 2, gpuFlopsPerSecond: 1e12 })).toThrow(`${f}: computeSeconds must be finite and > 0 (got 0)`);
    expect(dataParallelGoodput(small, { gpus: 1, gpuFlopsPerSecond: 1 })).toEqual({ rawputFlopsPerSecond: 1, goodputFlopsPerSecond: 1, goodputFraction: 1 });
  });
});

describe("criticalNodeCount", () => {
  describe("ring: closed form", () => {
    it("matches the worked example", () => {
      const r = criticalNodeCount({ ...job175b, latencySeconds: 1e-3 });
      expect(r).toMatchObject({ gpus: 702, method: "closed-form" });
      expect(r.stepSeconds).toBeCloseTo(16.81, 2);
      expect(r.speedup).toBeCloseTo(59.5, 1);
    });

    it("rounds the real optimum √(C / 2α) up when the ceiling is faster", () => {
      // S = 0, α = 1 s, C = 13 s: t(N) = 13/N + 2(N − 1); √6.5 ≈ 2.55
      // t(2) = 6.5 + 2 = 8.5, t(3) = 4.33 + 4 = 8.33, t(4) = 3.25 + 6 = 9.25
      const r = criticalNodeCount({ computeSeconds: 13, gradientBytes: 0, linkBytesPerSecond: 1e9, latencySeconds: 1 });
      expect(r.gpus).toBe(3);
      expect(r.stepSeconds).toBeCloseTo(25 / 3, 12);
      expect(r.speedup).toBeCloseTo(13 / (25 / 3), 12);
      expect(r.method).toBe("closed-form");
    });

    it("keeps the smaller GPU count when floor and ceiling tie", () => {
      // C = 12 s, α = 1 s: √6 ≈ 2.45; t(2) = 6 + 2 = 8 = t(3) = 4 + 4
      const r = criticalNodeCount({ computeSeconds: 12, gradientBytes: 0, linkBytesPerSecond: 1e9, latencySeconds: 1 });
      expect(r).toEqual({ gpus: 2, stepSeconds: 8, speedup: 1.5, method: "closed-form" });
    });

    it("balances compute, latency and bandwidth with a sync period and overlap", () => {
      // C = 6 s, S/B = 1 s, α = 0.02 s, k = 2, φ = 0.5; with communication exposed
      // t(N) = (C(1 − φ) − 2s/k)/N + 2αN/k + (2s − 2α)/k = 2/N + 0.02N + 0.98,
      // so N* = √(2/0.02) = 10 and t = 0.2 + 0.2 + 0.98 = 1.38 s
      const r = criticalNodeCount({ computeSeconds: 6, gradientBytes: 1e9, linkBytesPerSecond: 1e9, latencySeconds: 0.02, syncEverySteps: 2, overlapFraction: 0.5 });
      expect(r.gpus).toBe(10);
      expect(r.stepSeconds).toBeCloseTo(1.38, 12);
      expect(r.speedup).toBeCloseTo(6 / 1.38, 12);
    });

    it("stops where communication first shows from behind the compute", () => {
      // C = 1 s, S = 0, α = 1/128 s, φ = 7/8: A(N) = (N − 1)/64 is hidden while
      // (N − 1)/64 <= (7/8)/N, i.e. up to N = 8 exactly; beyond, t = N/64 + 1/(8N) − 1/64 rises
      // t(7) = 1/7, t(8) = 1/8, t(9) = 1/9 + 8/64 − 7/72 ≈ 0.139
      const r = criticalNodeCount({ computeSeconds: 1, gradientBytes: 0, linkBytesPerSecond: 1e9, latencySeconds: 1 / 128, overlapFraction: 7 / 8 });
      expect(r.gpus).toBe(8);
      expect(r.stepSeconds).toBeCloseTo(1 / 8, 12);
      expect(r.speedup).toBeCloseTo(8, 10);
    });

    it("with full overlap the step is the larger of compute and all-reduce", () => {
      // C = 1 s, S = 0, α = 1/24 s, φ = 1: t(N) = max(1/N, (N − 1)/12): t(3) = 1/3, t(4) = 1/4, t(5) = 1/3
      const r = criticalNodeCount({ computeSeconds: 1, gradientBytes: 0, linkBytesPerSecond: 1e9, latencySeconds: 1 / 24, overlapFraction: 1 });
      expect(r.gpus).toBe(4);
      expect(r.stepSeconds).toBeCloseTo(0.25, 12);
    });

    it("hides the compute behind an all-reduce that already outlasts it", () => {
      // C = 4 s, S/B = 1 s, α = 1 s, φ = 1: t(N) = max(4/N, A(N)), A(N) = 2(N − 1) + 2(N − 1)/N
      // t(1) = 4, t(2) = max(2, 2 + 1) = 3, t(3) = max(1.33, 4 + 1.33) = 5.33
      const r = criticalNodeCount({ computeSeconds: 4, gradientBytes: 1e9, linkBytesPerSecond: 1e9, latencySeconds: 1, overlapFraction: 1 });
      expect(r).toEqual({ gpus: 2, stepSeconds: 3, speedup: 4 / 3, method: "closed-form" });
    });

    it("treats a gain of one part in 10^12 as no gain", () => {
      // α = 0, C = 1 s: t(N) = 2s + (1 − 2s)/N falls towards the floor 2s; a floor of 1 − 10⁻¹²
      // is not worth leaving one GPU for, a floor of 1 − 2·10⁻¹² is
      const job = { computeSeconds: 1, linkBytesPerSecond: 1, latencySeconds: 0 };
      expect(criticalNodeCount({ ...job, gradientBytes: (1 - 1e-12) / 2 })).toEqual({ gpus: 1, stepSeconds: 1, speedup: 1, method: "closed-form" });
      const past = criticalNodeCount({ ...job, gradientBytes: (1 - 2e-12) / 2 });
      expect(past.gpus).toBe(Infinity);
      expect(past.stepSeconds).toBe(1 - 2e-12);
    });

    it("zero latency scales without bound to the bandwidth floor 2s/k", () => {
      // t(N) = C/N + 2s(N − 1)/(Nk) → 2s/k: 2·7 = 14 s for k = 1, 7 s for k = 2
      const free = criticalNodeCount({ ...job175b, latencySeconds: 0 });
      expect(free).toMatchObject({ gpus: Infinity, method: "closed-form" });
      expect(free.stepSeconds).toBeCloseTo(14, 9);
      expect(free.speedup).toBeCloseTo(1000 / 14, 9);
      const periodic = criticalNodeCount({ ...job175b, latencySeconds: 0, syncEverySteps: 2 });
      expect(periodic.gpus).toBe(Infinity);
      expect(periodic.stepSeconds).toBeCloseTo(7, 9);
      expect(periodic.speedup).toBeCloseTo(1000 / 7, 9);
    });

    it("zero latency with overlap still caps the GPU count where communication shows", () => {
      // C = 2 s, S/B = 1 s, α = 0, φ = 1: t(N) = max(2/N, 2(N − 1)/N): t(1) = 2, t(2) = 1, t(3) = 4/3, t(∞) = 2
      const r = criticalNodeCount({ computeSeconds: 2, gradientBytes: 1e9, linkBytesPerSecond: 1e9, latencySeconds: 0, overlapFraction: 1 });
      expect(r).toEqual({ gpus: 2, stepSeconds: 1, speedup: 2, method: "closed-form" });
    });

    it("stays on one GPU when extra GPUs only break even", () => {
      // C = 1 s, S/B = 0.5 s, α = 0: t(N) = 1/N + (N − 1)/N = 1 for every N
      const r = criticalNodeCount({ computeSeconds: 1, gradientBytes: 0.5e9, linkBytesPerSecond: 1e9, latencySeconds: 0 });
      expect(r).toEqual({ gpus: 1, stepSeconds: 1, speedup: 1, method: "closed-form" });
    });

    it("a slow link pins training to one GPU", () => {
      expect(criticalNodeCount({ computeSeconds: 1, gradientBytes: 350e9, linkBytesPerSecond: 12.5e9, latencySeconds: 1e-5 }).gpus).toBe(1);
    });

    it("latency alone can pin training to one GPU", () => {
      // C = 1 s, S = 0, α = 1 s: t(N) = 1/N + 2(N − 1); t(1) = 1, t(2) = 2.5 (√(C/2α) ≈ 0.71 < 1)
      const r = criticalNodeCount({ computeSeconds: 1, gradientBytes: 0, linkBytesPerSecond: 1e9, latencySeconds: 1 });
      expect(r).toEqual({ gpus: 1, stepSeconds: 1, speedup: 1, method: "closed-form" });
    });

    it("a sliver of overlap leaves a latency-bound job on one GPU", () => {
      // C = 1 s, S = 0, α = 1 s, φ = 1e-20: t(1) = 1, t(2) = 0.5 + 2 − 0.5e-20 ≈ 2.5, and later N cost more
      const r = criticalNodeCount({ computeSeconds: 1, gradientBytes: 0, linkBytesPerSecond: 1e9, latencySeconds: 1, overlapFraction: 1e-20 });
      expect(r).toEqual({ gpus: 1, stepSeconds: 1, speedup: 1, method: "closed-form" });
    });

    describe("reports Infinity when the optimum lies beyond the safe integers", () => {
      // S = 0, C = 1 s, k = 1: t(N) = 1/N + 2α(N − 1), N* = √(C/2α), t(N*) ≈ 2√(2Cα)
      const job = { computeSeconds: 1, gradientBytes: 0, linkBytesPerSecond: 1 };
      it("counts up to 2^52", () => {
        // α = 2^-105: N* = √(2^104) = 2^52 exactly; t = 2^-52 + 2^-104·(2^52 − 1) ≈ 2^-51
        const r = criticalNodeCount({ ...job, latencySeconds: 2 ** -105 });
        expect(r.gpus).toBe(2 ** 52);
        expect(r.stepSeconds / 2 ** -51).toBeCloseTo(1, 12);
      });
      it("past 2^53 − 1", () => {
        // α = 2^-107: N* = 2^53; t = 2√(2^-106) = 2^-52, speedup 2^52
        const r = criticalNodeCount({ ...job, latencySeconds: 2 ** -107 });
        expect(r).toMatchObject({ gpus: Infinity, method: "closed-form" });
        expect(r.stepSeconds / 2 ** -52).toBeCloseTo(1, 12);
        expect(r.speedup / 2 ** 52).toBeCloseTo(1, 12);
      });
      it("far past it", () => {
        // α = 1e-33 s: N* = √(5e32) ≈ 2.2e16; t = 2√(2e-33) ≈ 8.94e-17 s, speedup ≈ 1.12e16
        const r = criticalNodeCount({ ...job, latencySeconds: 1e-33 });
        expect(r).toMatchObject({ gpus: Infinity, method: "closed-form" });
        expect(r.stepSeconds / (2 * Math.sqrt(2e-33))).toBeCloseTo(1, 12);
        expect(r.speedup * 2 * Math.sqrt(2e-33)).toBeCloseTo(1, 12);
      });
      it("with bandwidth and overlap, at the bandwidth floor", () => {
        // S/B = 0.125 s, φ = 0.5, α = 1e-33 s: slope = C(1 − φ) − 2s = 0.25, N* = √(0.25/2e-33) ≈ 1.1e16;
        // t(N*) = 2s − 2α + 2√(2α · 0.25) = 0.25 + 4.5e-17 ≈ 0.25 s
        const r = criticalNodeCount({ ...job, gradientBytes: 0.125, latencySeconds: 1e-33, overlapFraction: 0.5 });
        expect(r.gpus).toBe(Infinity);
        expect(r.stepSeconds).toBeCloseTo(0.25, 12);
        expect(r.speedup).toBeCloseTo(4, 10);
      });
      it("however small the latency", () => {
        // α = 5e-324 s, the smallest double, C = 10 s: N* = √(10/1e-323) ≈ 1e162; t(N*) ≈ 2e-161 s
        const r = criticalNodeCount({ ...job, computeSeconds: 10, latencySeconds: 5e-324 });
        expect(r.gpus).toBe(Infinity);
        expect(r.stepSeconds).toBeLessThan(1e-150);
      });
      it("for a latency-free tree whose overlap hides all but a sliver of the all-reduce", () => {
        // α = 0, φ = 1, C = 1 s, S/B = 1e-20 s: t(N) = max(1/N, 2·1e-20·(N − 1)/N), which falls
        // until 1/N = 2e-20, at N ≈ 5e19; t there ≈ 2e-20 s
        const r = criticalNodeCount({ computeSeconds: 1, gradientBytes: 1e-20, linkBytesPerSecond: 1, latencySeconds: 0, overlapFraction: 1, algorithm: "tree" });
        expect(r).toMatchObject({ gpus: Infinity, method: "piecewise-exact" });
        expect(r.stepSeconds / 2e-20).toBeCloseTo(1, 12);
      });
    });

    it("free communication scales without bound for every algorithm, with or without overlap", () => {
      // S = 0, α = 0: t(N) = C/N + max(0, 0 − φC/N) = C/N → 0
      for (const algorithm of ["ring", "tree", "recursive-doubling"] as const)
        for (const overlapFraction of [0, 1]) {
          const r = criticalNodeCount({ computeSeconds: 1000, gradientBytes: 0, linkBytesPerSecond: 1e9, latencySeconds: 0, algorithm, overlapFraction });
          expect(r).toEqual({ gpus: Infinity, stepSeconds: 0, speedup: Infinity, method: algorithm === "ring" ? "closed-form" : "piecewise-exact" });
        }
    });
  });

  describe("tree and recursive doubling: piecewise exact", () => {
    it("a latency-free tree costs what the ring does and scales without bound", () => {
      const r = criticalNodeCount({ ...job175b, latencySeconds: 0, algorithm: "tree" });
      expect(r).toMatchObject({ gpus: Infinity, method: "piecewise-exact" });
      expect(r.stepSeconds).toBeCloseTo(14, 9);
      expect(r.speedup).toBeCloseTo(1000 / 14, 9);
    });

    it("recursive doubling pays a full copy per round even without latency", () => {
      // C = 0.5 s, S/B = 0.05 s: t(N) = 0.5/N + 0.05·⌈log₂ N⌉
      // t(4) = 0.125 + 0.1 = 0.225, t(8) = 0.0625 + 0.15 = 0.2125, t(16) = 0.03125 + 0.2 = 0.23125
      const r = criticalNodeCount({ computeSeconds: 0.5, gradientBytes: 5e7, linkBytesPerSecond: 1e9, latencySeconds: 0, algorithm: "recursive-doubling" });
      expect(r.gpus).toBe(8);
      expect(r.stepSeconds).toBeCloseTo(0.2125, 12);
      expect(r.speedup).toBeCloseTo(0.5 / 0.2125, 12);
      expect(r.method).toBe("piecewise-exact");
    });

    it("recursive doubling with full overlap picks the smallest N that reaches the round floor", () => {
      // C = 36 s, S/B = 2 s, α = 0, φ = 1: t(N) = max(36/N, 2⌈log₂ N⌉)
      // block 5..8: floor 6 s, reached from N = 36/6 = 6 on; t(5) = 7.2, t(6) = t(8) = 6; block 9..16 costs >= 8
      const r = criticalNodeCount({ computeSeconds: 36, gradientBytes: 2e9, linkBytesPerSecond: 1e9, latencySeconds: 0, algorithm: "recursive-doubling", overlapFraction: 1 });
      expect(r).toEqual({ gpus: 6, stepSeconds: 6, speedup: 6, method: "piecewise-exact" });
    });

    it("recursive doubling with full overlap stops at the first N within 10^-12 of the round floor", () => {
      // S/B = 1/32 s, α = 0, φ = 1: t(N) = max(C/N, ⌈log₂ N⌉/32). On the block (2^39, 2^40] the floor is
      // 40/32 = 1.25 s, reached at N = C/1.25 = 2^40 − 1/32; t(2^40 − 1) = C/(2^40 − 1) lies above it by
      // (1 − 1/32)/2^40 ≈ 8.8e-13 of itself, under 10^-12, so 2^40 is no gain; the next block's floor is 41/32 s
      const r = criticalNodeCount({ computeSeconds: 1.25 * (2 ** 40 - 1 / 32), gradientBytes: 1, linkBytesPerSecond: 32, latencySeconds: 0, algorithm: "recursive-doubling", overlapFraction: 1 });
      expect(r.gpus).toBe(2 ** 40 - 1);
      expect(r.stepSeconds).toBeCloseTo(1.25, 11);
    });

    describe("a tree with full overlap optimises where all-reduce overtakes compute", () => {
      // S/B = 4 s, α = 0.5 s, φ = 1: t(N) = max(C/N, A(N)/k), and on the block 9..16
      // A(N) = 2·4·0.5 + 8(N − 1)/N = 12 − 8/N; A(10) = 11.2, A(11) = 11.27, A(12) = 11.33
      const tree = { gradientBytes: 4e9, linkBytesPerSecond: 1e9, latencySeconds: 0.5, algorithm: "tree" as const, overlapFraction: 1 };
      it("at the floor of the crossing", () => {
        // C = 112.5: crossing 112.5/N = 12 − 8/N at N = 10.04; t(10) = 11.25 < t(11) = 11.27
        const r = criticalNodeCount({ ...tree, computeSeconds: 112.5 });
        expect(r).toEqual({ gpus: 10, stepSeconds: 11.25, speedup: 10, method: "piecewise-exact" });
      });
      it("at the ceiling of the crossing", () => {
        // C = 116: crossing at N = 124/12 = 10.33; t(10) = 11.6 > t(11) = 124/11 = 11.27
        const r = criticalNodeCount({ ...tree, computeSeconds: 116 });
        expect(r.gpus).toBe(11);
        expect(r.stepSeconds).toBeCloseTo(124 / 11, 12);
        expect(r.speedup).toBeCloseTo(116 / (124 / 11), 12);
      });
      it("with a sync every second step", () => {
        // k = 2, C = 60: 60/N = 6 − 4/N at N = 64/6 = 10.67; t(10) = 6, t(11) = 62/11 = 5.64, t(12) = 5.67
        const r = criticalNodeCount({ ...tree, computeSeconds: 60, syncEverySteps: 2 });
        expect(r.gpus).toBe(11);
        expect(r.stepSeconds).toBeCloseTo(62 / 11, 12);
      });
    });

    it("keeps the smaller GPU count when two blocks tie", () => {
      // C = 1 s, S/B = 0.25 s, α = 0.0625 s: t(N) = 1/N + 0.125⌈log₂ N⌉ + 0.5(N − 1)/N
      // t(2) = 0.5 + 0.125 + 0.25 = 0.875 = t(4) = 0.25 + 0.25 + 0.375; t(3) = 0.917, t(5) >= 0.9
      const r = criticalNodeCount({ computeSeconds: 1, gradientBytes: 1, linkBytesPerSecond: 4, latencySeconds: 0.0625, algorithm: "tree" });
      expect(r).toEqual({ gpus: 2, stepSeconds: 0.875, speedup: 1 / 0.875, method: "piecewise-exact" });
    });

    it("treats a gain of one part in 10^12 as no gain", () => {
      // S = 0, C = 1 s: t(2) = 1/2 + 2α, so α = (1 − ε − 1/2)/2 makes two GPUs faster by exactly ε;
      // t(3) = 1/3 + 4α ≈ 1.33 and later blocks cost more still
      const job = { computeSeconds: 1, gradientBytes: 0, linkBytesPerSecond: 1, algorithm: "tree" as const };
      expect(criticalNodeCount({ ...job, latencySeconds: (1 - 1e-12 - 0.5) / 2 })).toEqual({ gpus: 1, stepSeconds: 1, speedup: 1, method: "piecewise-exact" });
      const past = criticalNodeCount({ ...job, latencySeconds: (1 - 2e-12 - 0.5) / 2 });
      expect(past.gpus).toBe(2);
      expect(past.stepSeconds).toBe(1 - 2e-12);
    });

    it("reports Infinity when the optimum lies beyond 2^52 GPUs", () => {
      // C = 1 s, S = 0, α = 1e-30 s: t(2^j) = 2^−j + 2j·1e-30 still falls at j = 52
      const r = criticalNodeCount({ computeSeconds: 1, gradientBytes: 0, linkBytesPerSecond: 1e9, latencySeconds: 1e-30, algorithm: "tree" });
      expect(r.gpus).toBe(Infinity);
      expect(r.stepSeconds).toBeCloseTo(2 ** -52 + 104e-30, 30);
      expect(r.speedup / 2 ** 52).toBeCloseTo(1, 9);
      expect(r.method).toBe("piecewise-exact");
    });
  });

  it("agrees with an exhaustive scan for every algorithm, overlap and sync period", () => {
    const jobs: DataParallelJob[] = [];
    for (const algorithm of ["ring", "tree", "recursive-doubling"] as const)
      for (const overlapFraction of [0, 0.3, 1])
        for (const syncEverySteps of [1, 4])
          jobs.push({ computeSeconds: 20, gradientBytes: 2e9, linkBytesPerSecond: 25e9, latencySeconds: 0.05, algorithm, overlapFraction, syncEverySteps });
    for (const job of jobs) {
      const r = criticalNodeCount(job);
      expect(r.gpus).toBeLessThan(1_000); // finite, and no better N up to twice it
      const ref = scanOptimum(job, 2 * r.gpus);
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
      }), { numRuns: 100 }));

  it("rejects bad input in its own name", () => {
    const f = "criticalNodeCount";
    expect(() => criticalNodeCount({ ...job175b, computeSeconds: 0 })).toThrow(`${f}: computeSeconds must be finite and > 0 (got 0)`);
    expect(() => criticalNodeCount({ ...job175b, latencySeconds: -1 })).toThrow(`${f}: latencySeconds must be finite and >= 0 (got -1)`);
    expect(() => criticalNodeCount({ ...job175b, algorithm: "star" as never })).toThrow(`${f}: algorithm must be one of "ring", "tree", "recursive-doubling" (got "star")`);
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

  it("three workers: the barrier pays H_3 tails, staleness discounts the asynchronous rate", () => {
    // sync round = 1 + 0.6·H_3 + 0.4 = 1 + 0.6·11/6 + 0.4 = 2.5 s → 3/2.5 = 1.2 /s
    // async = 3/(1 + 0.6 + 0.4) = 1.5 /s; τ = 2; effective 1.5/(1 + 0.25·2) = 1 /s; advantage 1/1.2
    const r = syncVsAsyncSgd({ workers: 3, baseSeconds: 1, tailMeanSeconds: 0.6, communicationSeconds: 0.4, stalenessPenalty: 0.25 });
    expect(r.syncGradientsPerSecond).toBeCloseTo(1.2, 12);
    expect(r.asyncGradientsPerSecond).toBeCloseTo(1.5, 12);
    expect(r.meanStaleness).toBe(2);
    expect(r.asyncEffectiveGradientsPerSecond).toBeCloseTo(1, 12);
    expect(r.asyncAdvantage).toBeCloseTo(1 / 1.2, 12);
  });

  it("one worker: both modes coincide; free staleness: async never loses", () => {
    expect(syncVsAsyncSgd({ ...o, workers: 1 })).toEqual({
      syncGradientsPerSecond: 1 / 1.3, asyncGradientsPerSecond: 1 / 1.3, meanStaleness: 0, asyncEffectiveGradientsPerSecond: 1 / 1.3, asyncAdvantage: 1,
    });
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e5 }), fc.double({ min: 0, max: 5, noNaN: true }), (n, tail) =>
      syncVsAsyncSgd({ ...o, workers: n, tailMeanSeconds: tail, stalenessPenalty: 0 }).asyncAdvantage >= 1 - 1e-12));
  });

  describe("input checks", () => {
    const f = "syncVsAsyncSgd";
    it("requires a whole worker count of at least one", () => {
      expect(() => syncVsAsyncSgd({ ...o, workers: 0 })).toThrow(`${f}: workers must be an integer in [1, ${MAX_INT}] (got 0)`);
      expect(() => syncVsAsyncSgd({ ...o, workers: 1.5 })).toThrow(`${f}: workers must be an integer in [1, ${MAX_INT}] (got 1.5)`);
    });
    it("requires non-negative times and staleness penalty", () => {
      for (const name of ["baseSeconds", "tailMeanSeconds", "communicationSeconds", "stalenessPenalty"] as const)
        expect(() => syncVsAsyncSgd({ ...o, [name]: -1 })).toThrow(`${f}: ${name} must be finite and >= 0 (got -1)`);
    });
    it("requires some time per step, from any one of its parts", () => {
      expect(() => syncVsAsyncSgd({ ...o, baseSeconds: 0, tailMeanSeconds: 0, communicationSeconds: 0 }))
        .toThrow(`${f}: baseSeconds + tailMeanSeconds + communicationSeconds must be finite and > 0 (got 0)`);
      // one worker, a 1 s step made of one part only: 1 gradient per second either way
      const zero = { workers: 1, baseSeconds: 0, tailMeanSeconds: 0, communicationSeconds: 0, stalenessPenalty: 0 };
      for (const name of ["baseSeconds", "tailMeanSeconds", "communicationSeconds"] as const) {
        const r = syncVsAsyncSgd({ ...zero, [name]: 1 });
        expect(r.syncGradientsPerSecond).toBe(1);
        expect(r.asyncGradientsPerSecond).toBe(1);
      }
    });
  });
});
