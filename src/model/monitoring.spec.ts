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
  type SliceMonitoringOptions,
} from "./monitoring";
import { createRng, type Rng } from "./sim/rng";
import { workTally } from "./sim/work-tally";

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

/**
 * Reference values below come from tables of the standard normal (Φ, Φ⁻¹), quoted to
 * more digits than the assertions use. Rᵢ denotes a hand-worked result.
 */
const MAX = 9007199254740991; // Number.MAX_SAFE_INTEGER, the default upper limit of an integer argument

/** A generator whose normal draws are the given list, in order; any other call, or one draw too many, fails. */
function scriptedNormals(draws: number[]): Rng & { used(): number } {
  let i = 0;
  const unexpected = (): never => {
    throw new Error("unexpected call to the generator");
  };
  return {
    next: unexpected,
    exponential: unexpected,
    int: unexpected,
    fork: unexpected,
    normal: () => {
      if (i >= draws.length) throw new Error("more normal draws than scripted");
      return draws[i++];
    },
    used: () => i,
  };
}

describe("normalCdf against tables", () => {
  it.each([
    [0, 0.5],
    [0.5, 0.691462461],
    [1, 0.841344746],
    [-1, 0.158655254],
    [2, 0.977249868],
    [-2.5, 0.006209665],
    [3, 0.998650102],
    [-3, 0.001349898],
    [4.5, 0.999996602],
  ])("Φ(%p) = %p", (z, phi) => expect(normalCdf(z)).toBeCloseTo(phi, 7));
  it("far in the lower tail keeps its relative accuracy: Φ(−6) = 9.8659e-10", () =>
    expect(normalCdf(-6) / 9.86587645e-10).toBeCloseTo(1, 5));
  it("is symmetric: Φ(z) + Φ(−z) = 1", () => {
    for (const z of [0.3, 1.7, 2.9]) expect(normalCdf(z) + normalCdf(-z)).toBeCloseTo(1, 12);
  });
  it("refuses a non-finite z", () => {
    expect(() => normalCdf(Number.NaN)).toThrow("normalCdf: z must be a finite number (got NaN)");
    expect(() => normalCdf(Infinity)).toThrow("normalCdf: z must be a finite number (got Infinity)");
  });
});

describe("normalQuantile against tables", () => {
  it.each([
    [0.5, 0],
    [0.1, -1.281551566],
    [0.25, -0.674489750],
    [0.75, 0.674489750],
    [0.98, 2.053748911],
    [0.01, -2.326347874], // lower tail
    [0.001, -3.090232306], // lower tail
    [0.99, 2.326347874], // upper tail
    [0.999999, 4.753424309], // upper tail
  ])("Φ⁻¹(%p) = %p", (p, z) => expect(normalQuantile(p)).toBeCloseTo(z, 7));
  it("accepts p just inside (0, 1) and refuses both ends", () => {
    expect(normalQuantile(1e-300)).toBeLessThan(-37);
    expect(normalQuantile(1 - 1e-15)).toBeGreaterThan(7.9);
    expect(() => normalQuantile(0)).toThrow("normalQuantile: p must be in (0, 1) (got 0)");
    expect(() => normalQuantile(1)).toThrow("normalQuantile: p must be in (0, 1) (got 1)");
  });
});

describe("sidedness", () => {
  it("one-sided alarms have half the two-sided false-alarm rate at the same threshold", () => {
    // 1 − Φ(3) = 0.0013499; two-sided twice that, 0.0026998
    expect(falseAlarmRate(3, "one-sided")).toBeCloseTo(0.0013499, 7);
    expect(falseAlarmRate(3, "two-sided")).toBeCloseTo(0.0026998, 7);
    expect(falseAlarmRate(3)).toBeCloseTo(0.0026998, 7);
  });
  it("refuses anything but the two names, word for word", () => {
    expect(() => bonferroniThreshold(0.05, 5, "both" as never)).toThrow('monitoring: sided must be "one-sided" or "two-sided" (got "both")');
    expect(() => falseAlarmRate(2, "" as never)).toThrow('monitoring: sided must be "one-sided" or "two-sided" (got "")');
  });
});

describe("familywiseFalseAlarm by hand", () => {
  it("1 − (1 − α)^N on small cases", () => {
    expect(familywiseFalseAlarm(0.5, 2)).toBeCloseTo(0.75, 12); // 1 − 0.5² = 0.75
    expect(familywiseFalseAlarm(0.1, 3)).toBeCloseTo(0.271, 12); // 1 − 0.9³ = 1 − 0.729
  });
  it("α = 0 never alarms and α = 1 always does (both ends of [0, 1] accepted)", () => {
    expect(familywiseFalseAlarm(0, 5)).toBe(0);
    expect(familywiseFalseAlarm(1, 5)).toBe(1);
  });
  it("refuses α just outside [0, 1] and fewer than one model", () => {
    expect(() => familywiseFalseAlarm(-0.01, 5)).toThrow("familywiseFalseAlarm: alpha must be in [0, 1] (got -0.01)");
    expect(() => familywiseFalseAlarm(1.01, 5)).toThrow("familywiseFalseAlarm: alpha must be in [0, 1] (got 1.01)");
    expect(() => familywiseFalseAlarm(0.1, 0)).toThrow(`familywiseFalseAlarm: models must be an integer in [1, ${MAX}] (got 0)`);
  });
});

describe("bonferroniThreshold by hand", () => {
  it("one-sided: Φ⁻¹(1 − α/N); two-sided: Φ⁻¹(1 − α/(2N))", () => {
    // α = 0.1, N = 5: one-sided Φ⁻¹(0.98) = 2.0537489; two-sided Φ⁻¹(0.99) = 2.3263479
    expect(bonferroniThreshold(0.1, 5, "one-sided")).toBeCloseTo(2.0537489, 6);
    expect(bonferroniThreshold(0.1, 5, "two-sided")).toBeCloseTo(2.3263479, 6);
    expect(bonferroniThreshold(0.1, 5)).toBeCloseTo(2.3263479, 6);
  });
  it("one model needs no correction: α = 0.05 two-sided → 1.96", () =>
    expect(bonferroniThreshold(0.05, 1)).toBeCloseTo(1.959964, 6));
  it("refuses a family α of exactly 0 or 1, and zero models", () => {
    expect(() => bonferroniThreshold(0, 5)).toThrow("bonferroniThreshold: familyAlpha must be in (0, 1) (got 0)");
    expect(() => bonferroniThreshold(1, 5)).toThrow("bonferroniThreshold: familyAlpha must be in (0, 1) (got 1)");
    expect(() => bonferroniThreshold(0.05, 0)).toThrow(`bonferroniThreshold: models must be an integer in [1, ${MAX}] (got 0)`);
  });
});

describe("falseAlarmRate and detectionProbability by hand", () => {
  it("a two-sided false-alarm rate never exceeds 1, so alertTradeoff accepts a threshold just above 0", () => {
    // The erfc fit overshoots erfc(0) = 1 by 3e-8: without a clamp 2·(1 − Φ(0⁺)) would be 1 + 3e-8.
    for (const z of [1e-12, 1e-9, 4e-8]) expect(falseAlarmRate(z)).toBeLessThanOrEqual(1);
    expect(normalCdf(0)).toBe(0.5);
    expect(alertTradeoff({ models: 2, zThreshold: 1e-12, shiftSigma: 1 }).familywiseFalseAlarm).toBeCloseTo(1, 6);
  });
  it("falseAlarmRate accepts any positive threshold and refuses zero", () => {
    expect(falseAlarmRate(1e-12)).toBeCloseTo(1, 6); // 2·(1 − Φ(0⁺)) = 1
    expect(() => falseAlarmRate(0)).toThrow("falseAlarmRate: zThreshold must be finite and > 0 (got 0)");
  });
  it("z = 2, shift 1σ: one-sided 1 − Φ(1) = 0.1586553; two-sided adds Φ(−3) = 0.0013499 → 0.1600052", () => {
    expect(detectionProbability(1, 2, "one-sided")).toBeCloseTo(0.1586553, 7);
    expect(detectionProbability(1, 2, "two-sided")).toBeCloseTo(0.1600052, 7);
    expect(detectionProbability(1, 2)).toBeCloseTo(0.1600052, 7);
  });
  it("a shift is measured by its size: −1σ is detected as often as +1σ", () => {
    expect(detectionProbability(-1, 2)).toBeCloseTo(0.1600052, 7);
    expect(detectionProbability(-1, 2, "one-sided")).toBeCloseTo(0.1586553, 7);
  });
  it("at zero shift, two-sided detection is both tails: 2·(1 − Φ(2)) = 0.0455003", () =>
    expect(detectionProbability(0, 2)).toBeCloseTo(0.0455003, 7));
  it("refuses a non-finite shift and a non-positive threshold", () => {
    expect(() => detectionProbability(Number.NaN, 2)).toThrow("detectionProbability: shiftSigma must be a finite number (got NaN)");
    expect(() => detectionProbability(1, 0)).toThrow("detectionProbability: zThreshold must be finite and > 0 (got 0)");
  });
});

describe("alertTradeoff by hand", () => {
  it("one-sided, z = 2, two models, 1σ shift", () => {
    // per model 1 − Φ(2) = 0.0227501; family 1 − (1 − 0.0227501)² = 0.0449827; detection 1 − Φ(1) = 0.1586553
    const t = alertTradeoff({ models: 2, zThreshold: 2, shiftSigma: 1, sided: "one-sided" });
    expect(t.perModelFalseAlarm).toBeCloseTo(0.0227501, 7);
    expect(t.familywiseFalseAlarm).toBeCloseTo(0.0449827, 7);
    expect(t.detection).toBeCloseTo(0.1586553, 7);
  });
  it("defaults to two-sided", () => {
    const t = alertTradeoff({ models: 2, zThreshold: 2, shiftSigma: 1 });
    expect(t.perModelFalseAlarm).toBeCloseTo(0.0455003, 7);
    expect(t.detection).toBeCloseTo(0.1600052, 7);
  });
});

describe("modelNoiseScales by hand", () => {
  it("one model is the median; two models sit at the quartiles", () => {
    expect(modelNoiseScales(1, 0.7)).toEqual([1]);
    // N = 2, s = 1: exp(Φ⁻¹(0.25)) = exp(−0.6744898) = 0.5094163; exp(0.6744898) = 1.9630311
    const [quiet, noisy] = modelNoiseScales(2, 1);
    expect(quiet).toBeCloseTo(0.5094163, 6);
    expect(noisy).toBeCloseTo(1.9630311, 6);
  });
  it("refuses zero models and a negative spread", () => {
    expect(() => modelNoiseScales(0, 0.5)).toThrow(`modelNoiseScales: models must be an integer in [1, ${MAX}] (got 0)`);
    expect(() => modelNoiseScales(3, -0.1)).toThrow("modelNoiseScales: logSpread must be finite and >= 0 (got -0.1)");
  });
});

describe("alertNoise on a scripted baseline", () => {
  // s = ln 2 / Φ⁻¹(0.75) puts two models at σ = 0.5 and σ = 2.
  const S = Math.LN2 / 0.6744897501960817;
  // Model 0 baseline draws 1, 2, 3 → sample sd 1; model 1 draws 0, 2, 4 → sample sd 2.
  const draws = [1, 2, 3, 0, 2, 4];
  const run = (sided?: "one-sided" | "two-sided") => {
    const rng = scriptedNormals(draws);
    const r = alertNoise({ rng, models: 2, checksPerDay: 10, zThreshold: 2, noiseLogSpread: S, baselineChecks: 3, sided });
    return { r, used: rng.used() };
  };

  it("estimates each model's spread from exactly H draws (H = 3 is the shortest baseline accepted)", () => {
    const { r, used } = run();
    expect(used).toBe(6);
    expect(r.perModel.map((m) => m.noise)).toEqual([expect.closeTo(0.5, 8), expect.closeTo(2, 8)]);
  });
  it("the fixed threshold is z times the pooled estimate: σ̂ = 0.5·1, 2·2 → √((0.25 + 16)/2) = 2.8504386, × 2", () => {
    const { r } = run();
    expect(r.fixedThreshold).toBeCloseTo(5.7008771, 6); // √32.5
  });
  it("two-sided alerts per day, model by model", () => {
    const { r } = run();
    // fixed: quiet model at 5.70/0.5 = 11.4σ never alerts; noisy at 5.70/2 = 2.8504σ: 10 · 2(1 − Φ(2.8504)) = 0.0436590
    expect(r.perModel[0].fixedPerDay).toBeLessThan(1e-20);
    expect(r.perModel[1].fixedPerDay).toBeCloseTo(0.043659, 6);
    expect(r.fixedPerDay).toBeCloseTo(0.043659, 6);
    // discovered: quiet at 2·0.5/0.5 = 2σ → 10 · 0.0455003; noisy at 2·4/2 = 4σ → 10 · 0.0000633
    expect(r.perModel[0].discoveredPerDay).toBeCloseTo(0.455003, 6);
    expect(r.perModel[1].discoveredPerDay).toBeCloseTo(0.000633, 6);
    expect(r.discoveredPerDay).toBeCloseTo(0.455636, 6);
  });
  it("one-sided alerts are half the two-sided ones", () => {
    const { r } = run("one-sided");
    expect(r.fixedPerDay).toBeCloseTo(0.0218295, 6);
    expect(r.perModel[0].discoveredPerDay).toBeCloseTo(0.2275013, 6);
    expect(r.perModel[1].discoveredPerDay).toBeCloseTo(0.0003167, 6);
    expect(r.discoveredPerDay).toBeCloseTo(0.227818, 6);
  });
  it("tallies N · H normal draws as work", () => {
    const before = workTally();
    run();
    expect(workTally() - before).toBe(6); // 2 models × 3 checks
  });
  it("refuses each invalid argument by name", () => {
    const ok = { rng: createRng(1), models: 2, checksPerDay: 10, zThreshold: 2, noiseLogSpread: 0.5, baselineChecks: 3 };
    expect(() => alertNoise({ ...ok, models: 0 })).toThrow(`alertNoise: models must be an integer in [1, ${MAX}] (got 0)`);
    expect(() => alertNoise({ ...ok, baselineChecks: 2 })).toThrow(`alertNoise: baselineChecks must be an integer in [3, ${MAX}] (got 2)`);
    expect(() => alertNoise({ ...ok, checksPerDay: 0 })).toThrow("alertNoise: checksPerDay must be finite and > 0 (got 0)");
    expect(() => alertNoise({ ...ok, zThreshold: 0 })).toThrow("alertNoise: zThreshold must be finite and > 0 (got 0)");
  });
});

describe("sliceDetection by hand", () => {
  it("one-sided, 4 regions, a 4σ drop, z = 1.96", () => {
    // aggregate sees 4/√4 = 2σ: 1 − Φ(1.96 − 2) = 0.5159678
    // slice threshold Φ⁻¹(1 − 0.025/4) = 2.4977055; slice detection 1 − Φ(2.4977 − 4) = 0.9334895
    const s = sliceDetection({ regions: 4, dropSigma: 4, zThreshold: 1.959963985, sided: "one-sided" });
    expect(s.aggregateShiftSigma).toBeCloseTo(2, 12);
    expect(s.aggregateDetection).toBeCloseTo(0.5159678, 6);
    expect(s.sliceThreshold).toBeCloseTo(2.4977055, 6);
    expect(s.sliceDetection).toBeCloseTo(0.9334895, 6);
  });
  it("two-sided, 4 regions, a 4σ drop, z = 3", () => {
    // aggregate at 2σ: 1 − Φ(1) + Φ(−5) = 0.1586555; threshold Φ⁻¹(1 − 0.0026998/8) = 3.3995578
    // slice: 1 − Φ(3.3996 − 4) + Φ(−7.3996) = 0.7258942
    const s = sliceDetection({ regions: 4, dropSigma: 4, zThreshold: 3 });
    expect(s.aggregateDetection).toBeCloseTo(0.1586555, 6);
    expect(s.sliceThreshold).toBeCloseTo(3.3995578, 6);
    expect(s.sliceDetection).toBeCloseTo(0.7258942, 6);
  });
  it("one region is its own aggregate: the slice threshold is z itself", () => {
    const s = sliceDetection({ regions: 1, dropSigma: 4, zThreshold: 3 });
    expect(s.aggregateShiftSigma).toBe(4);
    expect(s.sliceThreshold).toBeCloseTo(3, 5);
  });
  it("refuses zero regions and a non-positive drop", () => {
    expect(() => sliceDetection({ regions: 0, dropSigma: 4, zThreshold: 3 })).toThrow(`sliceDetection: regions must be an integer in [1, ${MAX}] (got 0)`);
    expect(() => sliceDetection({ regions: 4, dropSigma: 0, zThreshold: 3 })).toThrow("sliceDetection: dropSigma must be finite and > 0 (got 0)");
  });
});

describe("simulateSliceMonitoring on scripted days", () => {
  // 2 regions, 3 history days, baseline 100 FPS, jitter 2, region 1 drops 5 FPS today, z = 1.
  // History draws, day by day: (−1, −2), (0, 0), (1, 2)
  //   region 0: 98, 100, 102  → mean 100, sd 2
  //   region 1: 96, 100, 104  → mean 100, sd 4
  //   aggregate: 97, 100, 103 → mean 100, sd 3 → band [97, 103] at z = 1
  // Slice threshold: Φ⁻¹(1 − 2(1 − Φ(1))/(2·2)) = Φ⁻¹(0.9206724) = 1.4096087
  //   region 0 band 100 ± 2.8192174; region 1 band 100 ± 5.6384348
  const HISTORY = [-1, -2, 0, 0, 1, 2];
  const T = 1.4096087;
  const day = (today: [number, number], over: Partial<SliceMonitoringOptions> = {}) => {
    const rng = scriptedNormals([...HISTORY, ...today]);
    const d = simulateSliceMonitoring({ rng, regions: 2, historyDays: 3, baselineFps: 100, jitterFps: 2, dropFps: 5, regressedRegion: 1, zThreshold: 1, ...over });
    expect(rng.used()).toBe(8);
    return d;
  };

  it("sets each band at mean ± k·sd of its own history", () => {
    const d = day([0, -0.5]);
    expect(d.sliceThreshold).toBeCloseTo(T, 6);
    expect(d.aggregate.low).toBe(97);
    expect(d.aggregate.high).toBe(103);
    expect(d.slices.map((s) => s.region)).toEqual([0, 1]);
    expect(d.slices[0].low).toBeCloseTo(100 - 2 * T, 6);
    expect(d.slices[0].high).toBeCloseTo(100 + 2 * T, 6);
    expect(d.slices[1].low).toBeCloseTo(100 - 4 * T, 6);
    expect(d.slices[1].high).toBeCloseTo(100 + 4 * T, 6);
  });
  it("drops only the regressed region, only today", () => {
    // today: region 0 = 100 + 2·0 = 100; region 1 = 100 − 5 + 2·(−0.5) = 94 < 94.36 → alarm
    const d = day([0, -0.5]);
    expect(d.slices[0].value).toBe(100);
    expect(d.slices[1].value).toBe(94);
    expect(d.slices.map((s) => s.alarm)).toEqual([false, true]);
  });
  it("with no regressed region (−1) nothing drops", () => {
    const d = day([0, -0.5], { regressedRegion: -1 });
    expect(d.slices[1].value).toBe(99); // 100 + 2·(−0.5)
    expect(d.slices.map((s) => s.alarm)).toEqual([false, false]);
    expect(d.aggregate.alarm).toBe(false);
  });
  it("the aggregate is the mean of the regions; a value on the low edge does not alarm, just below does", () => {
    const onEdge = day([0, -0.5]); // (100 + 94)/2 = 97 = low
    expect(onEdge.aggregate.value).toBe(97);
    expect(onEdge.aggregate.alarm).toBe(false);
    const below = day([-0.25, -0.5]); // (99.5 + 94)/2 = 96.75
    expect(below.aggregate.value).toBe(96.75);
    expect(below.aggregate.alarm).toBe(true);
  });
  it("a value on the high edge does not alarm, just above does", () => {
    const onEdge = day([3, 2.5]); // (106 + 100)/2 = 103 = high; region 0 at 106 > 102.82 alarms high
    expect(onEdge.aggregate.value).toBe(103);
    expect(onEdge.aggregate.alarm).toBe(false);
    expect(onEdge.slices.map((s) => s.alarm)).toEqual([true, false]);
    const above = day([3, 2.75]); // (106 + 100.5)/2 = 103.25
    expect(above.aggregate.alarm).toBe(true);
  });
  it("defaults: 10 regions, region 3 drops 6 from 60 FPS, jitter 1, 60 history days, z = 3", () => {
    // Draws are −1 on even days and +1 on odd days: every history averages 60 with sd √(60/59) = 1.0084390;
    // today (day 60, even) draws −1, so regions read 59 and region 3 reads 53; aggregate (9·59 + 53)/10 = 58.4.
    let i = 0;
    const rng = { ...scriptedNormals([]), normal: () => (Math.floor(i++ / 10) % 2 === 0 ? -1 : 1) };
    const d = simulateSliceMonitoring({ rng });
    expect(i).toBe(610);
    expect(d.slices).toHaveLength(10);
    expect(d.slices[0].value).toBe(59);
    expect(d.slices[3].value).toBe(53);
    expect(d.aggregate.value).toBeCloseTo(58.4, 10);
    expect(d.aggregate.low).toBeCloseTo(56.9746831, 6); // 60 − 3 · 1.0084390
    expect(d.aggregate.high).toBeCloseTo(63.0253169, 6);
    expect(d.aggregate.alarm).toBe(false);
    expect(d.sliceThreshold).toBeCloseTo(3.6425223, 6); // Φ⁻¹(1 − 0.0026998/20)
    expect(d.slices[0].low).toBeCloseTo(56.3267386, 6); // 60 − 3.6425223 · 1.0084390
    expect(d.slices.filter((s) => s.alarm).map((s) => s.region)).toEqual([3]);
  });
  it("accepts each limit at its edge and refuses it one step past", () => {
    const ok = { rng: createRng(1), regions: 2, regressedRegion: 1, historyDays: 3 };
    const fn = "simulateSliceMonitoring";
    expect(() => simulateSliceMonitoring(ok)).not.toThrow();
    expect(() => simulateSliceMonitoring({ ...ok, regressedRegion: -1 })).not.toThrow();
    expect(() => simulateSliceMonitoring({ ...ok, regions: 1, regressedRegion: 0 })).toThrow(`${fn}: regions must be an integer in [2, ${MAX}] (got 1)`);
    expect(() => simulateSliceMonitoring({ ...ok, regressedRegion: 2 })).toThrow(`${fn}: regressedRegion must be an integer in [-1, 1] (got 2)`);
    expect(() => simulateSliceMonitoring({ ...ok, regressedRegion: -2 })).toThrow(`${fn}: regressedRegion must be an integer in [-1, 1] (got -2)`);
    expect(() => simulateSliceMonitoring({ ...ok, historyDays: 2 })).toThrow(`${fn}: historyDays must be an integer in [3, ${MAX}] (got 2)`);
    expect(() => simulateSliceMonitoring({ ...ok, baselineFps: 0 })).toThrow(`${fn}: baselineFps must be finite and > 0 (got 0)`);
    expect(() => simulateSliceMonitoring({ ...ok, jitterFps: 0 })).toThrow(`${fn}: jitterFps must be finite and > 0 (got 0)`);
    expect(() => simulateSliceMonitoring({ ...ok, zThreshold: 0 })).toThrow(`${fn}: zThreshold must be finite and > 0 (got 0)`);
    expect(() => simulateSliceMonitoring({ ...ok, dropFps: Number.NaN })).toThrow(`${fn}: dropFps must be a finite number (got NaN)`);
  });
});
