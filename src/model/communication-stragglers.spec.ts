import fc from "fast-check";
import { backupWorkersStepTime, expectedSlowestStepTime, harmonicNumber } from "./communication-stragglers";
import { createRng } from "./sim/rng";

describe("harmonicNumber", () => {
  it("matches the worked example", () => {
    expect(harmonicNumber(4)).toBeCloseTo(25 / 12, 14);
    expect(harmonicNumber(1024)).toBeCloseTo(7.5092, 4);
    expect(harmonicNumber(0)).toBe(0);
  });
  it("the asymptotic branch agrees with the exact sum at the seam", () => {
    let exact = 0;
    for (let i = 5000; i >= 1; i--) exact += 1 / i;
    expect(harmonicNumber(5000)).toBeCloseTo(exact, 12);
    expect(harmonicNumber(1001) - harmonicNumber(1000)).toBeCloseTo(1 / 1001, 12);
  });
  it("the asymptotic branch is within 2 × 10⁻¹⁵ (about 2 ulp) of the exact rational H_n just above the seam", () => {
    // H_n = p/q summed in exact BigInt rationals, converted as integer part + 20 decimals
    const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
    let p = 0n, q = 1n;
    for (let i = 1n; i <= 1100n; i++) {
      p = p * i + q; q *= i;
      const g = gcd(p, q); p /= g; q /= g;
      if (i === 1001n || i === 1050n || i === 1100n) {
        const exact = Number(p / q) + Number(((p % q) * 10n ** 20n) / q) / 1e20;
        expect(Math.abs(harmonicNumber(Number(i)) - exact)).toBeLessThan(2e-15);
      }
    }
  });
  it("rejects a fractional n", () => expect(() => harmonicNumber(2.5)).toThrow(/harmonicNumber: n must be an integer/));
});

describe("stragglers", () => {
  const o = { workers: 1024, baseSeconds: 1, tailMeanSeconds: 0.1 };
  it("matches the worked examples", () => {
    expect(expectedSlowestStepTime(o)).toBeCloseTo(1.751, 3);
    expect(backupWorkersStepTime({ ...o, backupWorkers: 32 })).toBeCloseTo(1.348, 3);
  });
  it("agrees with a seeded Monte Carlo of the slowest and the N-th fastest of N + k", () => {
    const rng = createRng(7);
    const n = 64, k = 8, trials = 4000;
    let slowest = 0, nth = 0;
    for (let t = 0; t < trials; t++) {
      const times = Array.from({ length: n + k }, () => 1 + rng.exponential(0.1));
      slowest += Math.max(...times.slice(0, n));
      nth += times.sort((a, b) => a - b)[n - 1];
    }
    // the slowest of the first N draws is an unbiased sample of max of N
    expect(slowest / trials).toBeCloseTo(expectedSlowestStepTime({ ...o, workers: n }), 1);
    expect(Math.abs(nth / trials - backupWorkersStepTime({ ...o, workers: n, backupWorkers: k }))).toBeLessThan(0.01);
  });
  it("one worker takes the mean step; backups never slow the step and grow it only by ln N", () => {
    expect(expectedSlowestStepTime({ ...o, workers: 1 })).toBeCloseTo(1.1, 12);
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 0, max: 1000 }), (n, k) => {
      const t = backupWorkersStepTime({ ...o, workers: n, backupWorkers: k });
      expect(backupWorkersStepTime({ ...o, workers: n, backupWorkers: k + 1 })).toBeLessThanOrEqual(t + 1e-12);
      expect(t).toBeGreaterThanOrEqual(1);
      expect(expectedSlowestStepTime({ ...o, workers: n })).toBeLessThanOrEqual(1 + 0.1 * (Math.log(n) + 1) + 1e-12);
    }));
  });
  it("rejects bad input", () => {
    expect(() => expectedSlowestStepTime({ ...o, workers: 0 })).toThrow(/expectedSlowestStepTime: workers/);
    expect(() => backupWorkersStepTime({ ...o, backupWorkers: -1 })).toThrow(/backupWorkers/);
    expect(() => expectedSlowestStepTime({ ...o, tailMeanSeconds: -0.1 })).toThrow(/tailMeanSeconds/);
  });
});
