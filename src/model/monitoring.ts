/**
 * Alerting across a fleet of models and slices (mission 12, parts 1–2 and the
 * Mobile Nomad crisis): why per-model thresholds drown a team in false alarms
 * as N grows, how Bonferroni restores the family-wise rate, and why an
 * aggregate metric hides a regression in one region that a slice alarm catches.
 *
 * All metrics are in standard deviations (z-scores) unless a field says otherwise.
 */
import { ModelInputError, requireInteger, requireNonNegative, requirePositive, requireProbability, requireFinite } from "./errors";
import type { Rng } from "./sim/rng";
import { tallyWork } from "./sim/work-tally";

/**
 * Standard normal CDF Φ(z).
 * Method: erfc by the Chebyshev fit of Numerical Recipes (3rd ed., §6.2.2), relative
 * error < 1.2e-7 everywhere.
 */
export function normalCdf(z: number): number {
  requireFinite("normalCdf", { z });
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  // The fit overshoots erfc(0) = 1 by 3e-8; erfc ≤ 1 for x ≥ 0, so clamp: Φ stays in [0, 1] and Φ(0) = 1/2.
  const erfc = Math.min(1, t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))));
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/**
 * Standard normal quantile Φ⁻¹(p).
 * Method: P. J. Acklam's rational approximation (2003), relative error < 1.15e-9.
 *
 * Worked example: Φ⁻¹(0.975) = 1.95996
 */
export function normalQuantile(p: number): number {
  requireProbability("normalQuantile", { p }, "open");
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const tail = (q: number): number =>
    (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log1p(-p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** One-sided alerts fire on a drop only; two-sided on a move either way. */
export type Sidedness = "one-sided" | "two-sided";

function tailShare(sided: Sidedness): number {
  if (sided !== "one-sided" && sided !== "two-sided") throw new ModelInputError("monitoring", "sided", '"one-sided" or "two-sided"', sided);
  return sided === "one-sided" ? 1 : 2;
}

/**
 * Probability that at least one of N independent healthy models raises a false alarm.
 *
 * Equation: P(≥ 1 false alarm) = 1 − (1 − α)^N
 * Source:   complement rule (figures.md §6, "SLO composition" has the same form).
 *
 * Worked example (mission 12, Cloud Titan): α = 0.01 per model, N = 50 → 1 − 0.99⁵⁰ = 0.395
 *
 * @param alpha  per-model false-alarm probability per check, in [0, 1]
 * @param models N, integer ≥ 1
 */
export function familywiseFalseAlarm(alpha: number, models: number): number {
  requireProbability("familywiseFalseAlarm", { alpha });
  requireInteger("familywiseFalseAlarm", { models });
  return -Math.expm1(models * Math.log1p(-alpha));
}

/**
 * z-threshold per model that keeps the family-wise false-alarm rate ≤ α across N models.
 *
 * Equation: z = Φ⁻¹(1 − α/N) one-sided, Φ⁻¹(1 − α/(2N)) two-sided
 * Source:   Bonferroni inequality P(∪Aᵢ) ≤ Σ P(Aᵢ).
 *
 * Worked example: α = 0.05, N = 50, two-sided → Φ⁻¹(1 − 0.0005) = 3.29
 */
export function bonferroniThreshold(familyAlpha: number, models: number, sided: Sidedness = "two-sided"): number {
  requireProbability("bonferroniThreshold", { familyAlpha }, "open");
  requireInteger("bonferroniThreshold", { models });
  return normalQuantile(1 - familyAlpha / (models * tailShare(sided)));
}

/**
 * Per-check false-alarm probability of a z-threshold on a healthy (standard normal) metric.
 *
 * Equation: α = 1 − Φ(z) one-sided, 2·(1 − Φ(z)) two-sided.  Example: z = 3, two-sided → 0.0027
 */
export function falseAlarmRate(zThreshold: number, sided: Sidedness = "two-sided"): number {
  requirePositive("falseAlarmRate", { zThreshold });
  return tailShare(sided) * (1 - normalCdf(zThreshold));
}

/**
 * Probability a z-threshold alarm fires when the metric's mean has shifted by `shiftSigma` σ.
 *
 * Equation: 1 − Φ(z − d) one-sided; 1 − Φ(z − d) + Φ(−z − d) two-sided
 *
 * Worked example: z = 3.29, d = 4 σ, two-sided → 0.76
 */
export function detectionProbability(shiftSigma: number, zThreshold: number, sided: Sidedness = "two-sided"): number {
  requireFinite("detectionProbability", { shiftSigma });
  requirePositive("detectionProbability", { zThreshold });
  const d = Math.abs(shiftSigma);
  const upper = 1 - normalCdf(zThreshold - d);
  return tailShare(sided) === 1 ? upper : upper + normalCdf(-zThreshold - d);
}

/** Alarm behaviour of one threshold applied to N models. */
export interface AlertTradeoff {
  perModelFalseAlarm: number;
  familywiseFalseAlarm: number;
  /** Probability the one regressed model is flagged. */
  detection: number;
}

/**
 * Trade-off of a z-threshold across N models: family false-alarm rate against detection
 * of a regression of `shiftSigma` in one model.
 *
 * Worked example: N = 50, d = 4σ, two-sided. z = 2 → family false alarm 0.90, detection 0.98;
 * Bonferroni z = 3.29 → 0.049 and 0.76.
 */
export function alertTradeoff(opts: { models: number; zThreshold: number; shiftSigma: number; sided?: Sidedness }): AlertTradeoff {
  const sided = opts.sided ?? "two-sided";
  const perModelFalseAlarm = falseAlarmRate(opts.zThreshold, sided);
  return {
    perModelFalseAlarm,
    familywiseFalseAlarm: familywiseFalseAlarm(perModelFalseAlarm, opts.models),
    detection: detectionProbability(opts.shiftSigma, opts.zThreshold, sided),
  };
}

/**
 * Healthy metric noise of N heterogeneous models, as multiples of the fleet's median: the N
 * stratified quantiles of a lognormal with log-standard deviation s,
 * σᵢ = exp(s · Φ⁻¹((i + ½) / N)), quietest first. s = 0 gives N identical models.
 *
 * Worked example: N = 3, s = 0.5 → exp(0.5 · (−0.967, 0, 0.967)) = 0.616, 1, 1.622
 */
export function modelNoiseScales(models: number, logSpread: number): number[] {
  requireInteger("modelNoiseScales", { models });
  requireNonNegative("modelNoiseScales", { logSpread });
  return Array.from({ length: models }, (_, i) => Math.exp(logSpread * normalQuantile((i + 0.5) / models)));
}

/** Options for `alertNoise`. */
export interface AlertNoiseOptions {
  rng: Rng;
  /** Healthy models watched, N. */
  models: number;
  /** Drift checks per model per day, c. */
  checksPerDay: number;
  /** Alert threshold in σ of the baseline the threshold is discovered from, z. */
  zThreshold: number;
  /** Log-standard deviation of the models' noise levels (`modelNoiseScales`). */
  noiseLogSpread: number;
  /** Healthy checks per model the thresholds are discovered from, H ≥ 3. */
  baselineChecks: number;
  sided?: Sidedness;
}

/** One model's noise level and its expected false alerts per day under each policy. */
export interface ModelAlertNoise {
  /** σᵢ, as a multiple of the fleet's median noise. */
  noise: number;
  fixedPerDay: number;
  discoveredPerDay: number;
}

/** Expected false alerts per day across the fleet, with one fixed threshold and with thresholds discovered per model. */
export interface AlertNoise {
  /** The one threshold: z times the pooled baseline's standard deviation, in units of the median noise. */
  fixedThreshold: number;
  fixedPerDay: number;
  discoveredPerDay: number;
  perModel: ModelAlertNoise[];
}

/**
 * Alert noise of N healthy models watched by drift checks, and what threshold discovery buys.
 * Each model i has noise σᵢ (`modelNoiseScales`) and a baseline of H healthy checks, whose
 * sample standard deviation is σ̂ᵢ. One fixed threshold, tuned on the fleet's pooled baseline,
 * alarms on every model at T = z · σ̂_pool (σ̂_pool² = mean σ̂ᵢ²); discovered thresholds alarm on
 * each model at its own Tᵢ = z · σ̂ᵢ. A healthy check of model i raises a false alert with
 * probability α(T/σᵢ) (`falseAlarmRate`), so
 *
 * Equation: F_fixed = c · Σᵢ α(z σ̂_pool / σᵢ);  F_discovered = c · Σᵢ α(z σ̂ᵢ / σᵢ) → N · c · α(z) as H → ∞
 * Source:   per-check false-alarm rate of a z-threshold on a normal metric (`falseAlarmRate`);
 *           thresholds from each model's own baseline, as in Breck et al., "The ML Test Score",
 *           IEEE Big Data 2017 (monitor tests) and Google SRE, ch. 6 "Monitoring Distributed Systems".
 * Validity: healthy metrics normal and independent between checks; noise levels fixed over the
 *           baseline. The pooled threshold is loose on quiet models and tight on noisy ones, which
 *           raise almost every false alert (α is convex in the tail), so F_fixed ≥ F_discovered
 *           once the models differ; a short baseline makes σ̂ᵢ noisy and F_discovered a little
 *           above N · c · α(z).
 * Cost:     N · H normal draws (tallied as work).
 *
 * Worked example (mission 12, Cloud Titan): N = 50 models, hourly checks (c = 24), z = 3,
 * two-sided, s = 0.5, H → ∞: F_discovered = 50 · 24 · 0.0027 = 3.24 per day; F_fixed = 24 ·
 * Σᵢ α(3 · 1.269 / σᵢ) = 18.2 per day, 77 % of it from the noisiest tenth of the models.
 */
export function alertNoise(opts: AlertNoiseOptions): AlertNoise {
  const fn = "alertNoise";
  const { models, checksPerDay, zThreshold, noiseLogSpread, baselineChecks } = opts;
  const sided = opts.sided ?? "two-sided";
  requireInteger(fn, { models });
  requireInteger(fn, { baselineChecks }, 3);
  requirePositive(fn, { checksPerDay, zThreshold });
  const noise = modelNoiseScales(models, noiseLogSpread);
  const estimated = noise.map((sigma) => sigma * baselineSd(opts.rng, baselineChecks));
  tallyWork(models * baselineChecks);
  const pooled = Math.sqrt(estimated.reduce((s, e) => s + e * e, 0) / models);
  const perModel = noise.map((sigma, i) => ({
    noise: sigma,
    fixedPerDay: checksPerDay * falseAlarmRate((zThreshold * pooled) / sigma, sided),
    discoveredPerDay: checksPerDay * falseAlarmRate((zThreshold * estimated[i]) / sigma, sided),
  }));
  return {
    fixedThreshold: zThreshold * pooled,
    fixedPerDay: perModel.reduce((s, m) => s + m.fixedPerDay, 0),
    discoveredPerDay: perModel.reduce((s, m) => s + m.discoveredPerDay, 0),
    perModel,
  };
}

/** Sample standard deviation of n standard normal draws (Welford's one-pass update). */
function baselineSd(rng: Rng, n: number): number {
  let mean = 0, m2 = 0;
  for (let k = 1; k <= n; k++) {
    const x = rng.normal(), d = x - mean;
    mean += d / k;
    m2 += d * (x - mean);
  }
  return Math.sqrt(m2 / (n - 1));
}

/** Analytic alarm probabilities for one regressed slice among R equal slices. */
export interface SliceDetection {
  /** Shift of the aggregate mean, in aggregate σ: d/√R. */
  aggregateShiftSigma: number;
  aggregateDetection: number;
  sliceThreshold: number;
  sliceDetection: number;
}

/**
 * Why the aggregate hides a regional regression: averaging R equal, independent slices
 * shrinks the aggregate's noise by √R but the one slice's drop by R, so the shift seen
 * by the aggregate is d/√R σ. A per-slice alarm with a Bonferroni threshold sees all d σ.
 *
 * Worked example (mission 12, Mobile Nomad): R = 10 regions, one drops 6 σ, z = 3 (two-sided),
 * family α = 0.0027 → aggregate shift 1.90 σ, aggregate detection 0.135;
 * slice threshold 3.64, slice detection 0.991.
 */
export function sliceDetection(opts: { regions: number; dropSigma: number; zThreshold: number; sided?: Sidedness }): SliceDetection {
  requireInteger("sliceDetection", { regions: opts.regions });
  requirePositive("sliceDetection", { dropSigma: opts.dropSigma });
  const sided = opts.sided ?? "two-sided";
  const aggregateShiftSigma = opts.dropSigma / Math.sqrt(opts.regions);
  const sliceThreshold = bonferroniThreshold(falseAlarmRate(opts.zThreshold, sided), opts.regions, sided);
  return {
    aggregateShiftSigma,
    aggregateDetection: detectionProbability(aggregateShiftSigma, opts.zThreshold, sided),
    sliceThreshold,
    sliceDetection: detectionProbability(opts.dropSigma, sliceThreshold, sided),
  };
}

/** A monitored value with its alarm band. */
export interface BandedValue {
  value: number;
  low: number;
  high: number;
  alarm: boolean;
}

/** Result of one day of slice-level monitoring. */
export interface SliceMonitoringDay {
  aggregate: BandedValue;
  slices: (BandedValue & { region: number })[];
  sliceThreshold: number;
}

/** Options for `simulateSliceMonitoring`. FPS is the mission's metric; any metric works. */
export interface SliceMonitoringOptions {
  rng: Rng;
  /** Number of regions R, default 10. */
  regions?: number;
  /** Index of the regressed region (0-based), default 3; -1 for none. */
  regressedRegion?: number;
  /** Healthy mean FPS, default 60. */
  baselineFps?: number;
  /** FPS lost in the regressed region, default 6. */
  dropFps?: number;
  /** Day-to-day jitter of a region's mean FPS (σ), default 1. */
  jitterFps?: number;
  /** Healthy days used to set the bands, default 60. */
  historyDays?: number;
  /** Band half-width in σ for the aggregate (and family α for slices), default 3. */
  zThreshold?: number;
}

function meanSd(xs: number[]): { mean: number; sd: number } {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
  return { mean, sd: Math.sqrt(variance) };
}

/**
 * Simulates R regions' daily mean FPS: `historyDays` healthy days set each band
 * (mean ± z·sd, estimated from history), then one day in which one region drops.
 * The aggregate (equal-weight mean of regions) uses z; each slice uses the Bonferroni
 * threshold for the same family false-alarm rate.
 *
 * Property: over many seeds the alarm rates approach `sliceDetection` (bands are estimated,
 * so slightly wider in spread).
 */
export function simulateSliceMonitoring(opts: SliceMonitoringOptions): SliceMonitoringDay {
  const regions = opts.regions ?? 10;
  const regressed = opts.regressedRegion ?? 3;
  const baseline = opts.baselineFps ?? 60;
  const drop = opts.dropFps ?? 6;
  const jitter = opts.jitterFps ?? 1;
  const historyDays = opts.historyDays ?? 60;
  const z = opts.zThreshold ?? 3;
  const fn = "simulateSliceMonitoring";
  requireInteger(fn, { regions }, 2);
  requireInteger(fn, { regressedRegion: regressed }, -1, regions - 1);
  requireInteger(fn, { historyDays }, 3);
  requirePositive(fn, { baselineFps: baseline, jitterFps: jitter, zThreshold: z });
  requireFinite(fn, { dropFps: drop });
  const day = (regressedToday: boolean): number[] =>
    Array.from({ length: regions }, (_, r) => baseline - (regressedToday && r === regressed ? drop : 0) + jitter * opts.rng.normal());
  const history = Array.from({ length: historyDays }, () => day(false));
  const today = day(true);
  const aggregateOf = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
  const band = (hist: number[], value: number, k: number): BandedValue => {
    const { mean, sd } = meanSd(hist);
    const low = mean - k * sd;
    const high = mean + k * sd;
    return { value, low, high, alarm: value < low || value > high };
  };
  const sliceThreshold = bonferroniThreshold(falseAlarmRate(z), regions);
  return {
    aggregate: band(history.map(aggregateOf), aggregateOf(today), z),
    slices: today.map((v, r) => ({ region: r, ...band(history.map((h) => h[r]), v, sliceThreshold) })),
    sliceThreshold,
  };
}
