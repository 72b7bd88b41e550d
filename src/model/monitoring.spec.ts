import {
  alertNoise,
  alertTradeoff,
  bonferroniThreshold,
  detectionProbability,
  falseAlarmRate,
  familywiseFalseAlarm,
  modelNoiseScales,
  normalCdf,
  normalQuantile,
  simulateSliceMonitoring,
  sliceDetection,
} from "./monitoring";
import { createRng } from "./sim/rng";

describe("normal distribution helpers", () => {
  it("Φ⁻¹(0.975) = 1.95996 and Φ(1.96) = 0.975", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
  });
  it("Φ(Φ⁻¹(p)) = p across the range, including the tails", () => {
    for (const p of [1e-6, 0.001, 0.02, 0.3, 0.5, 0.8, 0.99, 1 - 1e-5]) expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 5);
  });
  it("rejects p = 0", () => expect(() => normalQuantile(0)).toThrow(/p must be in \(0, 1\)/));
});

describe("familywiseFalseAlarm and bonferroniThreshold", () => {
  it("matches the worked example (α = 0.01, N = 50 → 0.395)", () => expect(familywiseFalseAlarm(0.01, 50)).toBeCloseTo(0.395, 3));
  it("equals α for one model and tends to 1 as N grows", () => {
    expect(familywiseFalseAlarm(0.01, 1)).toBeCloseTo(0.01, 12);
    expect(familywiseFalseAlarm(0.01, 5000)).toBeGreaterThan(0.9999);
  });
  it("Bonferroni threshold matches the worked example (α = 0.05, N = 50 → 3.29)", () =>
    expect(bonferroniThreshold(0.05, 50)).toBeCloseTo(3.2905, 3));
  it("keeps the family-wise rate at or below α for any N", () => {
    for (const n of [1, 10, 50, 1000]) {
      const z = bonferroniThreshold(0.05, n);
      expect(familywiseFalseAlarm(falseAlarmRate(z), n)).toBeLessThanOrEqual(0.05 + 1e-6);
    }
  });
  it("rejects a fractional model count", () => expect(() => familywiseFalseAlarm(0.01, 2.5)).toThrow(/models/));
  it("rejects an unknown sidedness", () => expect(() => bonferroniThreshold(0.05, 5, "both" as never)).toThrow(/sided/));
});

describe("alertTradeoff", () => {
  it("matches the worked example: z = 2 floods 50 models with alarms; Bonferroni does not", () => {
    const naive = alertTradeoff({ models: 50, zThreshold: 2, shiftSigma: 4 });
    expect(naive.familywiseFalseAlarm).toBeCloseTo(0.90, 2);
    expect(naive.detection).toBeCloseTo(0.98, 2);
    const strict = alertTradeoff({ models: 50, zThreshold: bonferroniThreshold(0.05, 50), shiftSigma: 4 });
    expect(strict.familywiseFalseAlarm).toBeCloseTo(0.049, 3);
    expect(strict.detection).toBeCloseTo(0.76, 2);
  });
  it("detection at zero shift equals the false-alarm rate", () =>
    expect(detectionProbability(0, 2.5)).toBeCloseTo(falseAlarmRate(2.5), 12));
  it("rejects a non-positive threshold", () => expect(() => falseAlarmRate(0)).toThrow(/zThreshold/));
});

describe("slice-level monitoring", () => {
  it("matches the worked example (10 regions, one drops 6σ)", () => {
    const s = sliceDetection({ regions: 10, dropSigma: 6, zThreshold: 3 });
    expect(s.aggregateShiftSigma).toBeCloseTo(1.897, 3);
    expect(s.aggregateDetection).toBeCloseTo(0.135, 3);
    expect(s.sliceThreshold).toBeCloseTo(3.643, 3);
    expect(s.sliceDetection).toBeCloseTo(0.991, 3);
  });
  it("a seeded day: the aggregate stays inside its band while the regressed region's alarm fires", () => {
    const day = simulateSliceMonitoring({ rng: createRng(2) });
    expect(day.aggregate.alarm).toBe(false);
    expect(day.aggregate.value).toBeLessThan(60);
    expect(day.slices.filter((s) => s.alarm).map((s) => s.region)).toEqual([3]);
  });
  it("over 1,000 seeded days the alarm rates match the closed form within 0.04", () => {
    const rng = createRng(99);
    let aggregate = 0;
    let slice = 0;
    for (let i = 0; i < 1000; i++) {
      const d = simulateSliceMonitoring({ rng });
      if (d.aggregate.alarm) aggregate++;
      if (d.slices[3].alarm) slice++;
    }
    const s = sliceDetection({ regions: 10, dropSigma: 6, zThreshold: 3 });
    expect(Math.abs(aggregate / 1000 - s.aggregateDetection)).toBeLessThan(0.04);
    expect(Math.abs(slice / 1000 - s.sliceDetection)).toBeLessThan(0.04);
  });
  it("the aggregate does fire when the regressed slice is a large share (1 of 2 regions, 12σ)", () => {
    const rng = createRng(5);
    let fired = 0;
    for (let i = 0; i < 50; i++) {
      const d = simulateSliceMonitoring({ rng, regions: 2, regressedRegion: 0, dropFps: 12 });
      if (d.aggregate.alarm) fired++;
    }
    expect(fired).toBeGreaterThan(45);
  });
  it("rejects a regressed region outside the fleet", () =>
    expect(() => simulateSliceMonitoring({ rng: createRng(1), regressedRegion: 10 })).toThrow(/regressedRegion/));
});

describe("threshold discovery (alertNoise)", () => {
  /** Two-sided tail 2·(1 − Φ(3)) = 0.0026998, from tables (not from normalCdf). */
  const ALPHA_Z3 = 0.0026998;
  const run = (over: Partial<Parameters<typeof alertNoise>[0]> = {}) =>
    alertNoise({ rng: createRng(7), models: 50, checksPerDay: 24, zThreshold: 3, noiseLogSpread: 0.5, baselineChecks: 4000, ...over });

  it("noise scales: the worked example, quietest first, median 1", () => {
    const s = modelNoiseScales(3, 0.5);
    expect(s[0]).toBeCloseTo(0.6165, 4);
    expect(s[1]).toBe(1);
    expect(s[2]).toBeCloseTo(1.6221, 4);
    expect(modelNoiseScales(4, 0)).toEqual([1, 1, 1, 1]);
  });
  it("discovered thresholds give N × checks/day × tail probability (50 × 24 × 0.0027 = 3.24 a day) on a long baseline", () => {
    expect(run().discoveredPerDay / (50 * 24 * ALPHA_Z3)).toBeCloseTo(1, 1);
    expect(run({ models: 200, checksPerDay: 288 }).discoveredPerDay / (200 * 288 * ALPHA_Z3)).toBeCloseTo(1, 1);
  });
  it("for identical models one fixed threshold is as good as discovered ones: both N·c·α", () => {
    const r = run({ noiseLogSpread: 0 });
    expect(r.fixedPerDay / (50 * 24 * ALPHA_Z3)).toBeCloseTo(1, 1);
  });
  it("the worked example: with heterogeneous models the fixed threshold raises 18 a day, mostly from the noisiest tenth", () => {
    const r = run();
    expect(r.fixedPerDay).toBeGreaterThan(17);
    expect(r.fixedPerDay).toBeLessThan(19.5);
    const noisiest = r.perModel.slice(45).reduce((s, m) => s + m.fixedPerDay, 0);
    expect(noisiest / r.fixedPerDay).toBeGreaterThan(0.7);
    // Quiet models are never alerted on: a real drift there goes unseen too.
    expect(r.perModel[0].fixedPerDay).toBeLessThan(1e-6);
  });
  it("a week of hourly checks discovers noisy thresholds: a little above N·c·α, far below the fixed threshold", () => {
    const r = run({ baselineChecks: 168 });
    expect(r.discoveredPerDay).toBeGreaterThan(0.9 * 50 * 24 * ALPHA_Z3);
    expect(r.discoveredPerDay).toBeLessThan(1.6 * 50 * 24 * ALPHA_Z3);
    expect(r.fixedPerDay).toBeGreaterThan(4 * r.discoveredPerDay);
  });
  it("rejects a baseline too short to estimate a spread", () => expect(() => run({ baselineChecks: 2 })).toThrow(/baselineChecks/));
});
