import fc from "fast-check";
import { all, create } from "mathjs";
import { dalyInterval, expectedWallTime, fleetLostTimeFraction, overheadSplit, youngDalyInterval, youngOverhead } from "./checkpoint-interval";

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

/** A double spread evenly in log10 between lo and hi. */
const logUniform = (lo: number, hi: number) => fc.double({ min: Math.log10(lo), max: Math.log10(hi), noNaN: true }).map((e) => 10 ** e);

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
  it("fractions are finite, in [0, 1] and sum to 1 for every valid input, also where T_w overflows; T_w is never NaN", () =>
    fc.assert(fc.property(
      logUniform(1e-6, 1e9), fc.oneof(fc.constant(0), logUniform(1e-6, 1e9)), fc.oneof(fc.constant(0), logUniform(1e-6, 1e9)), logUniform(1e-9, 1e12), logUniform(1e-3, 1e12),
      (tau, d, r, m, work) => {
        const run = { workSeconds: work, intervalSeconds: tau, checkpointSeconds: d, restartSeconds: r, mtbfSeconds: m };
        const s = overheadSplit(run);
        const fractions = [s.usefulFraction, s.checkpointFraction, s.reworkFraction, s.restartFraction];
        for (const f of fractions) { expect(Number.isFinite(f)).toBe(true); expect(f).toBeGreaterThanOrEqual(0); expect(f).toBeLessThanOrEqual(1); }
        expect(fractions.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        expect(Number.isNaN(s.wallSeconds) || Number.isNaN(s.expectedFailures)).toBe(false);
        expect(s.wallSeconds).toBe(expectedWallTime(run));
        if (Number.isFinite(s.wallSeconds) && s.usefulFraction > 1e-300) expect(s.usefulFraction / (work / s.wallSeconds)).toBeCloseTo(1, 9);
      }), { numRuns: 2000 }));
  it("past the double range (mission 07, Mobile Nomad at 100,000 nodes, δ at its maximum) meets the asymptotic closed forms", () => {
    // M = 180 s / 100,000 = 1.8 ms, R = 0.05 s (R/M ≈ 27.8), δ = 100 s, τ = M (Daly's answer once δ >= 2M): x ≈ 55,557.
    const m = 180 / 1e5, r = 0.05, d = 100, tau = m;
    const s = overheadSplit({ workSeconds: 3600, intervalSeconds: tau, checkpointSeconds: d, restartSeconds: r, mtbfSeconds: m });
    expect(s.wallSeconds).toBe(Infinity);
    expect(s.expectedFailures).toBe(Infinity);
    expect(s.usefulFraction).toBe(0); // τ/M · e^{−(R+τ+δ)/M} ≈ e^{−55,585}: below the smallest double
    expect(s.checkpointFraction).toBe(0);
    expect(s.restartFraction).toBe(-Math.expm1(-r / m)); // 1 − 8.6e-13
    expect(s.reworkFraction / Math.exp(-r / m)).toBeCloseTo(1, 12); // e^{−R/M} (1 − x/(e^x − 1)), x/(e^x − 1) ≈ 0
  });
  it("where T_w is huge but representable, useful and rework meet their large-x forms", () => {
    // The same fleet with δ = 10 ms: x = 6.56, T_w ≈ 2.9e18 s, useful = τ/M · e^{−(R+τ+δ)/M} / (1 − e^{−x}).
    const m = 0.0018, r = 0.05, d = 0.01, tau = m, x = (tau + d) / m;
    const s = overheadSplit({ workSeconds: 3600, intervalSeconds: tau, checkpointSeconds: d, restartSeconds: r, mtbfSeconds: m });
    expect(s.usefulFraction / ((tau / m) * Math.exp(-(r + tau + d) / m) / (1 - Math.exp(-x)))).toBeCloseTo(1, 12);
    expect(s.reworkFraction / (Math.exp(-r / m) * (1 - x * Math.exp(-x) / (1 - Math.exp(-x))))).toBeCloseTo(1, 12);
    expect(s.wallSeconds / (3600 / s.usefulFraction)).toBeCloseTo(1, 12);
    expect(expectedWallTime({ workSeconds: 3600, intervalSeconds: tau, checkpointSeconds: d, restartSeconds: r, mtbfSeconds: m }) / 2.927e18).toBeCloseTo(1, 3);
  });
  it("keeps digits when failures are rare: rework → e^{−R/M} (x/2 − x²/12) as x = (τ+δ)/M → 0", () => {
    const m = 1e12, tau = 10, d = 1, r = 5, x = (tau + d) / m;
    const s = overheadSplit({ workSeconds: 1e6, intervalSeconds: tau, checkpointSeconds: d, restartSeconds: r, mtbfSeconds: m });
    expect(s.reworkFraction / (Math.exp(-r / m) * (x / 2 - (x * x) / 12))).toBeCloseTo(1, 12);
    expect(s.restartFraction / (r / m)).toBeCloseTo(1, 9);
    expect(s.checkpointFraction / (d / (tau + d))).toBeCloseTo(1, 9);
  });
  it("where x = (τ+δ)/M is large but T_w representable (x = 720: e^x overflows, s(x) is subnormal), stays exact", () => {
    // T_s = 1e-10 s, τ = 720 s, δ = R = 0, M = 1 s: useful = s(720) = 720·e^{−720}, T_w = T_s·(e^{720} − 1)/720.
    const s = overheadSplit({ workSeconds: 1e-10, intervalSeconds: 720, checkpointSeconds: 0, restartSeconds: 0, mtbfSeconds: 1 });
    const useful = 720 * Math.exp(-360) * Math.exp(-360); // ≈ 1.46e-310; e^{−720}/(1 − e^{−720}) = e^{−720} in doubles
    expect(s.usefulFraction).toBeGreaterThan(0);
    expect(s.usefulFraction / useful).toBeCloseTo(1, 9);
    expect(s.reworkFraction).toBe(1);
    const wall = (1e-10 / 720) * Math.exp(360) * Math.exp(360); // ≈ 6.8e299
    expect(s.wallSeconds / wall).toBeCloseTo(1, 11);
  });
  it("where (τ+δ)/M underflows to 0 (no failure can strike), T_w = T_s·(τ+δ)/τ and nothing is lost to failures", () => {
    const s = overheadSplit({ workSeconds: 1000, intervalSeconds: 1e-300, checkpointSeconds: 1e-300, restartSeconds: 0, mtbfSeconds: 1e300 });
    expect(s.wallSeconds).toBeCloseTo(2000, 9);
    expect(s.usefulFraction).toBeCloseTo(0.5, 15);
    expect(s.checkpointFraction).toBeCloseTo(0.5, 15);
    expect(s.reworkFraction).toBe(0);
    expect(s.restartFraction).toBe(0);
  });
  it("where (τ+δ)/M overflows to ∞, T_w is +Infinity and the whole time is rework, never NaN", () => {
    const s = overheadSplit({ workSeconds: 1, intervalSeconds: 1e300, checkpointSeconds: 100, restartSeconds: 0, mtbfSeconds: 1e-10 });
    expect(s.wallSeconds).toBe(Infinity);
    expect(s.expectedFailures).toBe(Infinity);
    expect(s.usefulFraction).toBe(0);
    expect(s.checkpointFraction).toBe(0);
    expect(s.reworkFraction).toBe(1);
    expect(s.restartFraction).toBe(0);
  });
  it("keeps full double precision in the rework just below the series cut-off x = 1e-4 (oracle: 1 − x/(e^x − 1) to 40 digits)", () => {
    const big = create(all, { number: "BigNumber", precision: 40 });
    const exact = (x: number) => {
      const b = big.bignumber(x);
      return Number(big.subtract(1, big.divide(b, big.subtract(big.exp(b), 1))));
    };
    for (const tau of [99, 90, 50]) {
      const m = 1e6, x = tau / m; // δ = R = 0: rework = 1 − s(x)
      const s = overheadSplit({ workSeconds: 1, intervalSeconds: tau, checkpointSeconds: 0, restartSeconds: 0, mtbfSeconds: m });
      expect(Math.abs(s.reworkFraction / exact(x) - 1)).toBeLessThan(1e-15);
    }
  });
  it("rejects bad input", () => {
    expect(() => expectedWallTime({ ...run, intervalSeconds: 0 })).toThrow(/expectedWallTime: intervalSeconds/);
    expect(() => overheadSplit({ ...run, restartSeconds: -1 })).toThrow(/overheadSplit: restartSeconds/);
  });
});

describe("fleetLostTimeFraction", () => {
  /** The closed form, written out here: 1 − τ/(τ+δ)·e^{−R/M}·x/(e^x − 1), x = (τ+δ)/M. */
  const closedForm = (mSeconds: number, tau: number, delta: number, restart: number) => {
    const x = (tau + delta) / mSeconds;
    return 1 - (tau / (tau + delta)) * Math.exp(-restart / mSeconds) * (x / Math.expm1(x));
  };
  it("matches the worked example: 24 h node, τ = 116.69 min, δ = 5 min, R = 10 min → 8.74 % lost", () => {
    expect(fleetLostTimeFraction(24, 1, 116.69, 300, 600)).toBeCloseTo(0.0874, 4);
    expect(fleetLostTimeFraction(24, 1, 116.69, 300, 600)).toBeCloseTo(closedForm(86_400, 116.69 * 60, 300, 600), 12);
  });
  it("divides the node MTBF among N nodes (M = MTBF_node / N), fractional N included", () => {
    expect(fleetLostTimeFraction(48, 2, 30, 120, 60)).toBeCloseTo(fleetLostTimeFraction(24, 1, 30, 120, 60), 14);
    expect(fleetLostTimeFraction(50_000, 2500.5, 10, 120, 60)).toBeCloseTo(closedForm((3600 * 50_000) / 2500.5, 600, 120, 60), 12);
  });
  it("refuses a non-positive MTBF, node count or interval", () => {
    expect(() => fleetLostTimeFraction(24, 0, 10, 1, 1)).toThrow(/nodes/);
    expect(() => fleetLostTimeFraction(24, 1, 0, 1, 1)).toThrow(/intervalMinutes/);
  });
});
