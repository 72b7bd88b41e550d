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
    expect(() => platformBreakEven({ heterogeneity: 0.5, capexDollars: 1, costs: { alertDollarsPerModelYear: 0, deployDollarsPerModelYear: 0, dependencyDollarsPerPairYear: 0 } })).toThrow(/costs/));
});
