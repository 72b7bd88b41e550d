import {
  canarySampleSize,
  releaseCycleCheck,
  ruleOfThree,
  runSprt,
  shadowDuration,
  simulateSprt,
  sprtBoundaries,
  sprtExpectedSampleSize,
  zeroFailureUpperBound,
  ONE_WEEK_SECONDS,
} from "./canary";
import { createRng, type Rng } from "./sim/rng";
import { workTally } from "./sim/work-tally";

/** An Rng whose next() replays `values` in order and throws once they run out (the SPRT only calls next). */
function scriptedRng(values: number[]): Rng {
  let i = 0;
  const unused = (): never => { throw new Error("scriptedRng: only next() is scripted"); };
  return {
    next: () => {
      if (i >= values.length) throw new Error("scriptedRng: script exhausted");
      return values[i++];
    },
    exponential: unused, int: unused, normal: unused, fork: unused,
  };
}

describe("canarySampleSize", () => {
  it("matches the golden example ★ (C = 0.95, p = 0.001 → 2,995)", () => expect(canarySampleSize(0.95, 0.001)).toBe(2995));
  it("is the smallest n whose zero-failure probability is ≤ 1 − C", () => {
    for (const [c, p] of [[0.95, 0.001], [0.99, 0.01], [0.9, 0.05], [0.999, 0.0001]]) {
      const n = canarySampleSize(c, p);
      expect(Math.pow(1 - p, n)).toBeLessThanOrEqual(1 - c + 1e-12);
      expect(Math.pow(1 - p, n - 1)).toBeGreaterThan(1 - c);
    }
  });
  it("approaches the rule of three for small p", () =>
    expect(canarySampleSize(0.95, 1e-6) * 1e-6).toBeCloseTo(-Math.log(0.05), 3));
  it("rejects a confidence of 1", () => expect(() => canarySampleSize(1, 0.001)).toThrow(/confidence must be in \(0, 1\)/));
  it("rejects a zero failure rate", () => expect(() => canarySampleSize(0.95, 0)).toThrow(/failureRate/));
});

describe("ruleOfThree", () => {
  it("gives ≈ 3/n at 95% and 4.61/n at 99%", () => {
    expect(ruleOfThree(3000) * 3000).toBeCloseTo(2.9957, 4);
    expect(ruleOfThree(1000, 0.99) * 1000).toBeCloseTo(4.605, 3);
  });
  it("is close to the exact bound for n > 30", () =>
    expect(ruleOfThree(100) / zeroFailureUpperBound(100, 0.95)).toBeCloseTo(1, 1));
  it("exact bound at n = 2,995 is just under 0.001", () => {
    expect(zeroFailureUpperBound(2995, 0.95)).toBeLessThan(0.001);
    expect(zeroFailureUpperBound(2994, 0.95)).toBeGreaterThan(0.001);
  });
  it("rejects a fractional trial count", () => expect(() => ruleOfThree(2.5)).toThrow(/trials/));
  it("rejects a confidence of exactly 0 or 1 (open interval)", () => {
    expect(() => ruleOfThree(10, 1)).toThrow("ruleOfThree: confidence must be in (0, 1) (got 1)");
    expect(() => zeroFailureUpperBound(10, 0)).toThrow("zeroFailureUpperBound: confidence must be in (0, 1) (got 0)");
  });
});

describe("shadowDuration and releaseCycleCheck", () => {
  it("matches the worked example (2,995 at 2,000 req/s × 1%)", () => expect(shadowDuration(2995, 2000, 0.01)).toBeCloseTo(149.75, 9));
  it("halves when traffic share doubles", () =>
    expect(shadowDuration(2995, 2000, 0.02)).toBeCloseTo(shadowDuration(2995, 2000, 0.01) / 2, 9));
  it("fits a 1-in-100,000 test into a week at 50 req/s × 5%", () => {
    const c = releaseCycleCheck({ confidence: 0.95, failureRate: 1e-5, requestsPerSecond: 50, canaryFraction: 0.05 });
    expect(c.durationSeconds).toBeCloseTo(299572 / 2.5, 6);
    expect(c.fits).toBe(true);
    expect(c.slackSeconds).toBeCloseTo(ONE_WEEK_SECONDS - c.durationSeconds, 6);
  });
  it("overruns the week when only 0.0004 req/s reach the canary (≈ 3 months of shadow)", () => {
    const c = releaseCycleCheck({ confidence: 0.95, failureRate: 0.001, requestsPerSecond: 0.0004, canaryFraction: 1 });
    expect(c.fits).toBe(false);
    expect(c.slackSeconds).toBeLessThan(0);
  });
  it("fits when validation takes exactly the whole cycle, and not one second less", () => {
    // n = 2,995 (golden example) at 1 req/s × 100% takes 2,995 s
    const o = { confidence: 0.95, failureRate: 0.001, requestsPerSecond: 1, canaryFraction: 1 };
    expect(releaseCycleCheck({ ...o, cycleSeconds: 2995 })).toEqual({ durationSeconds: 2995, cycleSeconds: 2995, slackSeconds: 0, fits: true });
    expect(releaseCycleCheck({ ...o, cycleSeconds: 2994 })).toEqual({ durationSeconds: 2995, cycleSeconds: 2994, slackSeconds: -1, fits: false });
  });
  it("rejects a canary fraction of 0", () => expect(() => shadowDuration(10, 1, 0)).toThrow(/canaryFraction/));
  it("rejects a non-positive release cycle", () =>
    expect(() => releaseCycleCheck({ confidence: 0.95, failureRate: 0.001, requestsPerSecond: 1, canaryFraction: 1, cycleSeconds: 0 }))
      .toThrow("releaseCycleCheck: cycleSeconds must be finite and > 0 (got 0)"));
});

describe("SPRT", () => {
  const plan = { p0: 0.01, p1: 0.02, alpha: 0.05, beta: 0.2 };
  it("matches the golden boundaries ★ (A = 16, B = 0.2105)", () => {
    const b = sprtBoundaries(0.05, 0.2);
    expect(b.upper).toBeCloseTo(16, 12);
    expect(b.lower).toBeCloseTo(0.2105, 4);
    expect(b.lnUpper).toBeCloseTo(2.7726, 4);
    expect(b.lnLower).toBeCloseTo(-1.5581, 4);
  });
  it("matches the golden expected sample sizes ★ (E₀ ≈ 430, E₁ ≈ 487)", () => {
    const e = sprtExpectedSampleSize(plan);
    expect(Math.round(e.underH0)).toBe(430);
    expect(Math.round(e.underH1)).toBe(487);
  });
  it("E₁[N] · E₁[z] is Wald's numerator, with E₁[z] = 0.02 ln 2 + 0.98 ln(0.98/0.99) = 0.003914 (not 0.003819)", () => {
    const e1z = 0.02 * Math.log(2) + 0.98 * Math.log(0.98 / 0.99);
    expect(e1z).toBeCloseTo(0.003914, 6);
    expect(sprtExpectedSampleSize(plan).underH1 * 0.003914).toBeCloseTo(0.2 * Math.log(0.2 / 0.95) + 0.8 * Math.log(16), 2);
  });
  it("a seeded simulation agrees with Wald's approximation within 10% and respects α, β", () => {
    const e = sprtExpectedSampleSize(plan);
    const h0 = simulateSprt({ ...plan, trueRate: plan.p0, runs: 2000, rng: createRng(7) });
    const h1 = simulateSprt({ ...plan, trueRate: plan.p1, runs: 2000, rng: createRng(8) });
    expect(Math.abs(h0.meanSamples / e.underH0 - 1)).toBeLessThan(0.1);
    expect(Math.abs(h1.meanSamples / e.underH1 - 1)).toBeLessThan(0.1);
    expect(h0.acceptH1Rate).toBeLessThan(0.05 + 0.015);
    expect(1 - h1.acceptH1Rate).toBeLessThan(0.2 + 0.03);
    expect(h0.undecidedRate).toBe(0);
  });
  it("is reproducible for a fixed seed", () =>
    expect(runSprt({ ...plan, trueRate: 0.015, rng: createRng(3) })).toEqual(runSprt({ ...plan, trueRate: 0.015, rng: createRng(3) })));
  it("stops undecided at maxSamples", () =>
    expect(runSprt({ ...plan, trueRate: 0.014, rng: createRng(1), maxSamples: 5 }).decision).toBe("undecided"));
  it("rejects p1 ≤ p0", () => expect(() => sprtExpectedSampleSize({ ...plan, p1: 0.01 })).toThrow(/p1 must be > p0/));
  it("rejects α + β ≥ 1, including exactly 1, and names the sum it got", () => {
    expect(() => sprtBoundaries(0.25, 0.75)).toThrow("sprtBoundaries: alpha + beta must be < 1 (got 1)");
    expect(() => sprtBoundaries(0.6, 0.5)).toThrow("sprtBoundaries: alpha + beta must be < 1 (got 1.1)");
  });
  it("rejects error rates and failure rates of exactly 0 or 1 (open interval)", () => {
    expect(() => sprtBoundaries(0, 0.5)).toThrow("sprtBoundaries: alpha must be in (0, 1) (got 0)");
    expect(() => sprtExpectedSampleSize({ ...plan, p0: 0 })).toThrow("sprtExpectedSampleSize: p0 must be in (0, 1) (got 0)");
    expect(() => runSprt({ ...plan, p1: 1, trueRate: 0.01, rng: createRng(1) })).toThrow("runSprt: p1 must be in (0, 1) (got 1)");
  });
  it("runSprt names itself in every refusal", () => {
    const ok = { ...plan, trueRate: 0.01, rng: createRng(1) };
    expect(() => runSprt({ ...ok, p1: 0.01 })).toThrow("runSprt: p1 must be > p0 (0.01) (got 0.01)");
    expect(() => runSprt({ ...ok, trueRate: 1.5 })).toThrow("runSprt: trueRate must be in [0, 1] (got 1.5)");
    expect(() => runSprt({ ...ok, maxSamples: 0 })).toThrow("runSprt: maxSamples must be an integer in [1, 9007199254740991] (got 0)");
  });
  it("simulateSprt rejects a run count of 0", () =>
    expect(() => simulateSprt({ ...plan, trueRate: 0.01, runs: 0, rng: createRng(1) }))
      .toThrow("simulateSprt: runs must be an integer in [1, 9007199254740991] (got 0)"));
});

describe("SPRT on a scripted stream", () => {
  // α = β = 0.2 → A = 0.8/0.2 = 4, B = 0.2/0.8 = 1/4: the test stops once |llr| reaches ln 4 = 2 ln 2.
  // With p0 = 1/4, p1 = 1/2 a failure adds ln 2, a success ln(2/3); with p0 = 1/2, p1 = 3/4 a success adds −ln 2.
  const up = { p0: 0.25, p1: 0.5, alpha: 0.2, beta: 0.2 };
  const down = { p0: 0.5, p1: 0.75, alpha: 0.2, beta: 0.2 };
  it("the scripted plans have boundaries ln A = ln 4 and ln B = ln(1/4)", () =>
    expect(sprtBoundaries(0.2, 0.2)).toEqual({ upper: 4, lower: 0.25, lnUpper: Math.log(4), lnLower: Math.log(0.25) }));
  it("accepts H₁ on reaching ln A exactly (two failures), at the last allowed sample, and tallies 2 samples", () => {
    const before = workTally();
    expect(runSprt({ ...up, trueRate: 0.5, rng: scriptedRng([0.1, 0.2]), maxSamples: 2 })).toEqual({ decision: "accept-h1", samples: 2 });
    expect(workTally() - before).toBe(2);
  });
  it("accepts H₀ on reaching ln B exactly (two successes) and tallies 2 samples", () => {
    const before = workTally();
    expect(runSprt({ ...down, trueRate: 0.5, rng: scriptedRng([0.6, 0.9]), maxSamples: 2 })).toEqual({ decision: "accept-h0", samples: 2 });
    expect(workTally() - before).toBe(2);
  });
  it("stops undecided after maxSamples and tallies all of them", () => {
    // llr = ln 2 + ln(2/3) + ln 2 = ln(8/3) ≈ 0.98, inside (ln 1/4, ln 4)
    const before = workTally();
    expect(runSprt({ ...up, trueRate: 0.5, rng: scriptedRng([0.1, 0.9, 0.1]), maxSamples: 3 })).toEqual({ decision: "undecided", samples: 3 });
    expect(workTally() - before).toBe(3);
  });
  it("a draw counts as a failure only when below trueRate: a true rate of 0 never fails, even on a draw of 0", () =>
    expect(runSprt({ ...down, trueRate: 0, rng: scriptedRng([0, 0]), maxSamples: 2 })).toEqual({ decision: "accept-h0", samples: 2 }));
  it("simulateSprt performs exactly `runs` runs", () => {
    // trueRate 1: every draw fails, so every run accepts H₁ after 2 samples
    const before = workTally();
    expect(simulateSprt({ ...up, trueRate: 1, runs: 3, rng: createRng(1) })).toEqual({ runs: 3, meanSamples: 2, acceptH1Rate: 1, undecidedRate: 0 });
    expect(workTally() - before).toBe(6);
  });
  it("simulateSprt reports the share of undecided runs", () => {
    // runs: FF → H₁, FS → ln(4/3) undecided, SS → ln(4/9) undecided, FF → H₁
    const rng = scriptedRng([0.1, 0.1, 0.1, 0.9, 0.9, 0.9, 0.1, 0.1]);
    expect(simulateSprt({ ...up, trueRate: 0.5, runs: 4, rng, maxSamples: 2 }))
      .toEqual({ runs: 4, meanSamples: 2, acceptH1Rate: 0.5, undecidedRate: 0.5 });
  });
});
