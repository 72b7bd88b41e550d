import fc from "fast-check";
import { dalyInterval, expectedWallTime, overheadSplit, youngDalyInterval, youngOverhead } from "./checkpoint-interval";

const MIN = 60;

describe("youngDalyInterval and youngOverhead", () => {
  it("match the golden Young example ★ (figures.md §2)", () => {
    const tau = youngDalyInterval(2 * MIN, 180 * MIN);
    expect(tau / MIN).toBeCloseTo(26.83, 2);
    expect(youngOverhead(tau, 2 * MIN, 180 * MIN)).toBeCloseTo(0.149, 3);
    expect(youngOverhead(tau, 2 * MIN, 180 * MIN)).toBeCloseTo(Math.sqrt((2 * 2) / 180), 12);
  });
  it("halves when MTBF falls fourfold; the overhead is minimal at τ_opt", () => {
    expect(youngDalyInterval(300, 3_600)).toBeCloseTo(youngDalyInterval(300, 14_400) / 2, 9);
    fc.assert(fc.property(fc.double({ min: 1, max: 1e4, noNaN: true }), fc.double({ min: 1e3, max: 1e7, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true }),
      (d, m, f) => youngOverhead(youngDalyInterval(d, m) * f, d, m) >= youngOverhead(youngDalyInterval(d, m), d, m) - 1e-12));
  });
  it("rejects bad input", () => {
    expect(() => youngDalyInterval(0, 14_400)).toThrow(/youngDalyInterval: checkpointSeconds must be finite and > 0 \(got 0\)/);
    expect(() => youngOverhead(100, -1, 1000)).toThrow(/checkpointSeconds/);
  });
});

describe("dalyInterval", () => {
  it("matches the golden Daly examples ★ (Daly 2006 Figs. 3–5)", () => {
    expect(dalyInterval(5 * MIN, 24 * 60 * MIN) / MIN).toBeCloseTo(116.7, 1);
    expect(dalyInterval(5 * MIN, 6 * 60 * MIN) / MIN).toBeCloseTo(56.7, 1);
    expect(dalyInterval(5 * MIN, 15 * MIN) / MIN).toBeCloseTo(9.14, 2);
  });
  it("is M once δ >= 2M, and approaches Young as δ/M → 0", () => {
    expect(dalyInterval(100, 50)).toBe(50);
    expect(dalyInterval(1, 1e9) / youngDalyInterval(1, 1e9)).toBeCloseTo(1, 4);
  });
  it("is within 0.5% of the exact minimiser of the expected wall time (δ <= M/3)", () =>
    fc.assert(fc.property(fc.double({ min: 1, max: 1e3, noNaN: true }), fc.double({ min: 3, max: 1e4, noNaN: true }), (d, ratio) => {
      const m = d * ratio;
      const wall = (tau: number) => expectedWallTime({ workSeconds: 1e6, intervalSeconds: tau, checkpointSeconds: d, restartSeconds: 0, mtbfSeconds: m });
      // golden-section search for the exact optimum (test oracle only)
      let lo = 1e-3 * d, hi = 3 * m;
      for (let i = 0; i < 200; i++) {
        const a = lo + (hi - lo) * 0.382, b = lo + (hi - lo) * 0.618;
        if (wall(a) < wall(b)) hi = b; else lo = a;
      }
      expect(Math.abs(dalyInterval(d, m) / lo - 1)).toBeLessThan(0.005);
    }), { numRuns: 50 }));
  it("rejects bad input", () => expect(() => dalyInterval(300, Number.NaN)).toThrow(/dalyInterval: mtbfSeconds/));
});

describe("expectedWallTime and overheadSplit", () => {
  const run = { workSeconds: 30_000, intervalSeconds: 116.6898, checkpointSeconds: 5, restartSeconds: 10, mtbfSeconds: 1_440 };
  it("match the worked example", () => {
    expect(expectedWallTime(run)).toBeCloseTo(32_873, 0);
    const s = overheadSplit(run);
    expect(s.usefulFraction).toBeCloseTo(0.9126, 4);
    expect(s.checkpointFraction).toBeCloseTo(0.0391, 4);
    expect(s.reworkFraction).toBeCloseTo(0.0414, 4);
    expect(s.restartFraction).toBeCloseTo(0.0069, 4);
    expect(s.expectedFailures).toBeCloseTo(22.83, 2);
  });
  it("reduces to Young's first-order overhead when δ, τ ≪ M and R = 0", () => {
    const w = expectedWallTime({ workSeconds: 1e6, intervalSeconds: 100, checkpointSeconds: 1, restartSeconds: 0, mtbfSeconds: 1e7 });
    expect(w / 1e6 - 1).toBeCloseTo(youngOverhead(100, 1, 1e7), 5);
  });
  it("fractions are non-negative and sum to 1", () =>
    fc.assert(fc.property(
      fc.double({ min: 1, max: 1e5, noNaN: true }), fc.double({ min: 0, max: 1e3, noNaN: true }), fc.double({ min: 0, max: 1e3, noNaN: true }), fc.double({ min: 10, max: 1e6, noNaN: true }),
      (tau, d, r, m) => {
        const s = overheadSplit({ workSeconds: 1e5, intervalSeconds: tau, checkpointSeconds: d, restartSeconds: r, mtbfSeconds: m });
        if (!Number.isFinite(s.wallSeconds)) return;
        for (const f of [s.usefulFraction, s.checkpointFraction, s.reworkFraction, s.restartFraction]) expect(f).toBeGreaterThanOrEqual(0);
        expect(s.usefulFraction + s.checkpointFraction + s.reworkFraction + s.restartFraction).toBeCloseTo(1, 9);
      })));
  it("rejects bad input", () => {
    expect(() => expectedWallTime({ ...run, intervalSeconds: 0 })).toThrow(/expectedWallTime: intervalSeconds/);
    expect(() => overheadSplit({ ...run, restartSeconds: -1 })).toThrow(/overheadSplit: restartSeconds/);
  });
});
