import {
  DEFAULT_TOIL_COSTS,
  manualToil,
  manualToilBreakdown,
  platformBreakEven,
  platformRoi,
  platformToil,
} from "./operations";

const platform = { capexDollars: 500_000 };

describe("manualToil", () => {
  it("matches the worked example (N = 20, h = 0.5)", () => {
    const t = manualToilBreakdown(20, 0.5);
    expect(t.alerts).toBe(100_000);
    expect(t.deployment).toBeCloseTo(172_877.12, 1);
    expect(t.dependencies).toBe(95_000);
    expect(t.total).toBeCloseTo(367_877.12, 1);
  });
  it("is linear in N with no heterogeneity and no deployment cost", () => {
    const costs = { ...DEFAULT_TOIL_COSTS, deployDollarsPerModelYear: 0 };
    expect(manualToil(40, 0, costs)).toBeCloseTo(2 * manualToil(20, 0, costs), 9);
  });
  it("grows super-linearly: doubling N more than doubles toil when h > 0", () => {
    for (const n of [5, 10, 50, 200]) expect(manualToil(2 * n, 0.3)).toBeGreaterThan(2 * manualToil(n, 0.3));
  });
  it("the dependency term dominates at large N (O(N²))", () => {
    const t = manualToilBreakdown(1000, 0.5);
    expect(t.dependencies).toBeGreaterThan(t.alerts + t.deployment);
  });
  it("rejects heterogeneity above 1", () => expect(() => manualToil(10, 1.5)).toThrow(/heterogeneity must be in \[0, 1\]/));
  it("rejects a negative model count", () => expect(() => manualToil(-1, 0.5)).toThrow(/models/));
  it("takes log₂N as 0 below N = 1, so deployment toil is 0 there (not negative or NaN)", () => {
    // N = 0.5: alerts 5,000·0.5 = 2,500; pairs 0.5·(−0.5)/2 < 0 are clamped to 0.
    expect(manualToilBreakdown(0.5, 0.5)).toEqual({ alerts: 2_500, deployment: 0, dependencies: 0, total: 2_500 });
    expect(manualToilBreakdown(0, 0.5)).toEqual({ alerts: 0, deployment: 0, dependencies: 0, total: 0 });
  });
  it("rejects each negative cost coefficient, naming it", () => {
    expect(() => manualToil(10, 0.5, { ...DEFAULT_TOIL_COSTS, alertDollarsPerModelYear: -1 }))
      .toThrow("manualToil: alertDollarsPerModelYear must be finite and >= 0 (got -1)");
    expect(() => manualToil(10, 0.5, { ...DEFAULT_TOIL_COSTS, deployDollarsPerModelYear: -2 }))
      .toThrow("manualToil: deployDollarsPerModelYear must be finite and >= 0 (got -2)");
    expect(() => manualToil(10, 0.5, { ...DEFAULT_TOIL_COSTS, dependencyDollarsPerPairYear: -3 }))
      .toThrow("manualToil: dependencyDollarsPerPairYear must be finite and >= 0 (got -3)");
  });
});

describe("platformRoi and platformBreakEven", () => {
  it("matches the worked ROI example (N = 20)", () => {
    expect(platformToil(20, 0.5, platform)).toBeCloseTo(36_787.71, 1);
    expect(platformRoi({ models: 20, heterogeneity: 0.5, ...platform })).toBeCloseTo(-168_910.59, 1);
  });
  it("finds N* ≈ 26.6 for the $500k platform, where (1 − r)·Toil = Capex", () => {
    const n = platformBreakEven({ heterogeneity: 0.5, ...platform });
    expect(n).toBeCloseTo(26.616, 2);
    expect(0.9 * manualToil(n, 0.5)).toBeCloseTo(500_000, 2);
    expect(platformRoi({ models: n, heterogeneity: 0.5, ...platform })).toBeCloseTo(0, 2);
  });
  it("agrees with the closed form when only the alert term is on: N* = Capex / ((1 − r)·a)", () => {
    const costs = { alertDollarsPerModelYear: 5_000, deployDollarsPerModelYear: 0, dependencyDollarsPerPairYear: 0 };
    expect(platformBreakEven({ heterogeneity: 0.5, costs, ...platform })).toBeCloseTo(500_000 / (0.9 * 5_000), 6);
  });
  it("falls as heterogeneity rises and as the horizon lengthens", () => {
    const at = (h: number, y = 1): number => platformBreakEven({ heterogeneity: h, horizonYears: y, ...platform });
    expect(at(0)).toBeGreaterThan(at(0.5));
    expect(at(0.5)).toBeGreaterThan(at(1));
    expect(at(0.5, 3)).toBeLessThan(at(0.5, 1));
  });
  it("ROI changes sign exactly once around N*", () => {
    const n = platformBreakEven({ heterogeneity: 0.2, ...platform });
    expect(platformRoi({ models: n * 0.99, heterogeneity: 0.2, ...platform })).toBeLessThan(0);
    expect(platformRoi({ models: n * 1.01, heterogeneity: 0.2, ...platform })).toBeGreaterThan(0);
  });
  it("rejects a zero capex", () => expect(() => platformBreakEven({ heterogeneity: 0.5, capexDollars: 0 })).toThrow(/capexDollars/));
  it("rejects a residual toil fraction of 1 (platform saves nothing)", () =>
    expect(() => platformBreakEven({ heterogeneity: 0.5, capexDollars: 1, residualToilFraction: 1 })).toThrow(/residualToilFraction/));
  it("rejects all-zero cost coefficients", () =>
    expect(() => platformBreakEven({ heterogeneity: 0.5, capexDollars: 1, costs: { alertDollarsPerModelYear: 0, deployDollarsPerModelYear: 0, dependencyDollarsPerPairYear: 0 } }))
      .toThrow("platformBreakEven: costs must be not all zero (toil must grow with N) (got 0)"));
  it("solves N* whenever one coefficient is non-zero, even if others cancel in a sum (closed forms, r = 0)", () => {
    // a = e = 1000, h = 1: 1000·N + 500·N(N − 1) = 500·N(N + 1) = 45,000 → N* = 9.
    const alertAndDeps = { alertDollarsPerModelYear: 1_000, deployDollarsPerModelYear: 0, dependencyDollarsPerPairYear: 1_000 };
    expect(platformBreakEven({ heterogeneity: 1, capexDollars: 45_000, residualToilFraction: 0, costs: alertAndDeps })).toBeCloseTo(9, 6);
    // a = d = 1000: 1000·8 + 1000·8·log₂8 = 32,000 → N* = 8.
    const alertAndDeploy = { alertDollarsPerModelYear: 1_000, deployDollarsPerModelYear: 1_000, dependencyDollarsPerPairYear: 0 };
    expect(platformBreakEven({ heterogeneity: 0.5, capexDollars: 32_000, residualToilFraction: 0, costs: alertAndDeploy })).toBeCloseTo(8, 6);
  });
  it("bisects to a bracket 1e-9·max(1, N_hi) wide and returns its midpoint; ROI = 0 counts as not yet paid off", () => {
    // Alert term only, a = 1000, r = 0: ROI(N) = 1000·N − Capex, exact in floating point at dyadic N.
    const costs = { alertDollarsPerModelYear: 1_000, deployDollarsPerModelYear: 0, dependencyDollarsPerPairYear: 0 };
    const at = (capexDollars: number): number => platformBreakEven({ heterogeneity: 0.5, capexDollars, residualToilFraction: 0, costs });
    // N* = 8: ROI(8) = 0 so doubling goes on to [8, 16]; 30 halvings leave [8, 8 + 2⁻²⁷] (8·2⁻³⁰ <= 8e-9 < 8·2⁻²⁹).
    expect(at(8_000)).toBe(8 + 2 ** -28);
    // N* = 3: [2, 4] → mid 3 has ROI 0 → [3, 4]; 29 halvings leave [3, 3 + 2⁻²⁹] (2⁻²⁹ <= 3e-9 < 2⁻²⁸).
    expect(at(3_000)).toBe(3 + 2 ** -30);
    // N* = 0.5 < 1: [0, 1] → [0.5, 1]; the tolerance floors at 1e-9, so [0.5, 0.5 + 2⁻³⁰].
    expect(at(500)).toBe(0.5 + 2 ** -31);
  });
  it("rejects a capex that toil savings never recover (no dependencies entangled and no other toil)", () => {
    const depsOnly = { alertDollarsPerModelYear: 0, deployDollarsPerModelYear: 0, dependencyDollarsPerPairYear: 1_000 };
    expect(() => platformBreakEven({ heterogeneity: 0, costs: depsOnly, ...platform }))
      .toThrow("platformBreakEven: capexDollars must be recoverable by toil savings (got 500000)");
  });
  it("names itself and the offending argument when it rejects input", () => {
    expect(() => platformBreakEven({ heterogeneity: 0.5, horizonYears: 0, ...platform }))
      .toThrow("platformBreakEven: horizonYears must be finite and > 0 (got 0)");
    expect(() => platformBreakEven({ heterogeneity: 0.5, costs: { ...DEFAULT_TOIL_COSTS, alertDollarsPerModelYear: -1 }, ...platform }))
      .toThrow("platformBreakEven: alertDollarsPerModelYear must be finite and >= 0 (got -1)");
    expect(() => platformBreakEven({ heterogeneity: 1.5, ...platform }))
      .toThrow("platformBreakEven: heterogeneity must be in [0, 1] (got 1.5)");
    expect(() => platformToil(20, 0.5, { ...platform, opexDollarsPerYear: -1 }))
      .toThrow("platformToil: opexDollarsPerYear must be finite and >= 0 (got -1)");
  });
});
