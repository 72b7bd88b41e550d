/**
 * The Operations Invariant (mission 12, part 1): manual toil grows super-linearly
 * with the number of models N and their heterogeneity, while a platform costs a
 * fixed capital outlay plus a small residual toil. The break-even N* is where
 * the two meet.
 *
 * Cost model ($ per year of engineering time, N models, heterogeneity h ∈ [0, 1]):
 *
 *   Toil_manual(N) = a·N                  alerts: each model pages on its own
 *                  + d·N·log₂N            deployment: rollout steps grow with the fleet to coordinate
 *                  + e·h·N(N − 1)/2       dependencies: a share h of model pairs are entangled
 *   Toil_platform(N) = opex + r·Toil_manual(N)
 *   ROI_platform(N)  = Y·Toil_manual − (Capex + Y·Toil_platform)     Y = horizon in years
 *
 * Source: the O(N) / O(N log N) / O(N²) scaling is the mission 12 plan's Operations
 * Invariant; "toil scales linearly as a service grows" is Beyer et al., Site
 * Reliability Engineering, O'Reilly 2016, ch. 5 (figures.md §6). The coefficients are
 * teaching defaults (see DEFAULT_TOIL_COSTS), not measurements.
 */
import { ModelInputError, requireInRange, requireNonNegative, requirePositive } from "./errors";

/** Coefficients of the toil cost model, all in $ per year. */
export interface ToilCosts {
  /** a: alert handling per model ($/model/year). */
  alertDollarsPerModelYear: number;
  /** d: deployment work per model per doubling of the fleet ($/model/year). */
  deployDollarsPerModelYear: number;
  /** e: untangling one fully entangled model pair ($/pair/year), scaled by heterogeneity. */
  dependencyDollarsPerPairYear: number;
}

/**
 * Teaching defaults. An engineer-hour is taken as $100 ($200k/year fully loaded);
 * a model then costs ~50 h/year of alert triage, ~20 h/year of deployment per fleet
 * doubling, and each entangled pair ~10 h/year. Illustrative: chosen so that a
 * $500k platform breaks even in the tens of models, as the mission 12 lock implies.
 */
export const DEFAULT_TOIL_COSTS: Readonly<ToilCosts> = Object.freeze({
  alertDollarsPerModelYear: 5_000,
  deployDollarsPerModelYear: 2_000,
  dependencyDollarsPerPairYear: 1_000,
});

/** What a platform costs and how much toil it leaves. */
export interface PlatformCosts {
  /** One-off build cost in $ (mission 12: $500k). */
  capexDollars: number;
  /** Running cost of the platform team/infrastructure in $/year. Default 0. */
  opexDollarsPerYear?: number;
  /** r: share of manual toil left after automation, in [0, 1). Default 0.1. */
  residualToilFraction?: number;
}

/** Toil broken into its three terms, $ per year. */
export interface ToilBreakdown {
  alerts: number;
  deployment: number;
  dependencies: number;
  total: number;
}

function checkModels(fn: string, models: number, heterogeneity: number): void {
  requireNonNegative(fn, { models });
  requireInRange(fn, { heterogeneity }, 0, 1);
}

function checkCosts(fn: string, c: ToilCosts): void {
  requireNonNegative(fn, {
    alertDollarsPerModelYear: c.alertDollarsPerModelYear,
    deployDollarsPerModelYear: c.deployDollarsPerModelYear,
    dependencyDollarsPerPairYear: c.dependencyDollarsPerPairYear,
  });
}

/**
 * Manual toil per year for N models, split into alert, deployment and dependency terms.
 * N is continuous so the break-even solver can bisect; log₂N is taken as 0 below N = 1.
 *
 * Equation: a·N + d·N·log₂N + e·h·N(N−1)/2
 *
 * Worked example (defaults, N = 20, h = 0.5):
 *   alerts 5,000·20 = 100,000; deployment 2,000·20·log₂20 = 172,877;
 *   dependencies 1,000·0.5·190 = 95,000; total $367,877/year
 *
 * @param models        N ≥ 0
 * @param heterogeneity h in [0, 1], the share of model pairs with an entangled dependency
 */
export function manualToilBreakdown(models: number, heterogeneity: number, costs: ToilCosts = DEFAULT_TOIL_COSTS): ToilBreakdown {
  checkModels("manualToil", models, heterogeneity);
  checkCosts("manualToil", costs);
  const alerts = costs.alertDollarsPerModelYear * models;
  const deployment = costs.deployDollarsPerModelYear * models * (models > 1 ? Math.log2(models) : 0);
  const dependencies = costs.dependencyDollarsPerPairYear * heterogeneity * Math.max(0, (models * (models - 1)) / 2);
  return { alerts, deployment, dependencies, total: alerts + deployment + dependencies };
}

/** Manual toil total in $ per year (see `manualToilBreakdown`). */
export function manualToil(models: number, heterogeneity: number, costs: ToilCosts = DEFAULT_TOIL_COSTS): number {
  return manualToilBreakdown(models, heterogeneity, costs).total;
}

function platformParts(fn: string, p: PlatformCosts): { capex: number; opex: number; residual: number } {
  const opex = p.opexDollarsPerYear ?? 0;
  const residual = p.residualToilFraction ?? 0.1;
  requirePositive(fn, { capexDollars: p.capexDollars });
  requireNonNegative(fn, { opexDollarsPerYear: opex });
  requireInRange(fn, { residualToilFraction: residual }, 0, 0.999999);
  return { capex: p.capexDollars, opex, residual };
}

/**
 * Toil left with a platform, $ per year: opex + r·Toil_manual(N).
 *
 * Worked example (N = 20, h = 0.5, r = 0.1, opex 0): 0.1 · 367,877 = $36,788/year
 */
export function platformToil(models: number, heterogeneity: number, platform: PlatformCosts, costs: ToilCosts = DEFAULT_TOIL_COSTS): number {
  const { opex, residual } = platformParts("platformToil", platform);
  return opex + residual * manualToil(models, heterogeneity, costs);
}

/**
 * Return on building the platform over a horizon, in $.
 *
 * Equation: ROI_platform = Y·Toil_manual − (Capex_platform + Y·Toil_platform)
 * Source:   mission 12 plan, Math Peek.
 *
 * Worked example ($500k, N = 20, h = 0.5, r = 0.1, Y = 1):
 *   367,877 − (500,000 + 36,788) = −$168,911 (not yet worth it)
 *
 * @param horizonYears Y > 0, default 1
 */
export function platformRoi(opts: { models: number; heterogeneity: number; horizonYears?: number; costs?: ToilCosts } & PlatformCosts): number {
  const years = opts.horizonYears ?? 1;
  requirePositive("platformRoi", { horizonYears: years });
  const costs = opts.costs ?? DEFAULT_TOIL_COSTS;
  const { capex } = platformParts("platformRoi", opts);
  const manual = manualToil(opts.models, opts.heterogeneity, costs);
  return years * manual - (capex + years * platformToil(opts.models, opts.heterogeneity, opts, costs));
}

/**
 * Break-even model count N*: the N at which ROI_platform = 0.
 *
 * Equation: Y·(1 − r)·Toil_manual(N*) = Capex + Y·opex
 * Method:   ROI is strictly increasing in N (every toil term is non-decreasing and the
 *           alert term strictly increasing), so bisection on [0, N_hi], doubling N_hi
 *           until ROI(N_hi) > 0, converges to N*: it halves the bracket until it is at
 *           most 1e-9·max(1, N_hi) wide (about 30 halvings) and returns its midpoint.
 *
 * Worked example ($500k, h = 0.5, r = 0.1, Y = 1, defaults): N* ≈ 26.6 models
 *   Toil_manual(26.6) ≈ 555,556 = 500,000 / 0.9
 *
 * @returns N* as a real number (round up for a whole model count)
 * @throws ModelInputError if every cost coefficient is 0 (toil never grows)
 */
export function platformBreakEven(opts: { heterogeneity: number; horizonYears?: number; costs?: ToilCosts } & PlatformCosts): number {
  const years = opts.horizonYears ?? 1;
  requirePositive("platformBreakEven", { horizonYears: years });
  const costs = opts.costs ?? DEFAULT_TOIL_COSTS;
  checkCosts("platformBreakEven", costs);
  platformParts("platformBreakEven", opts);
  requireInRange("platformBreakEven", { heterogeneity: opts.heterogeneity }, 0, 1);
  if (costs.alertDollarsPerModelYear + costs.deployDollarsPerModelYear + costs.dependencyDollarsPerPairYear === 0) {
    throw new ModelInputError("platformBreakEven", "costs", "not all zero (toil must grow with N)", 0);
  }
  const roi = (n: number): number => platformRoi({ ...opts, models: n, horizonYears: years, costs });
  let lo = 0;
  let hi = 1;
  while (roi(hi) <= 0) {
    lo = hi;
    hi *= 2;
    if (hi > 1e15) throw new ModelInputError("platformBreakEven", "capexDollars", "recoverable by toil savings", opts.capexDollars);
  }
  while (hi - lo > 1e-9 * Math.max(1, hi)) {
    const mid = (lo + hi) / 2;
    if (roi(mid) > 0) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}
