/**
 * Mission 12: Operations at Scale (plan: missions/12_ops_scale.md). Platform ROI and the
 * alert noise threshold discovery removes, canary sample size and duration, slice-level
 * monitoring of a rollout, and ensemble skew, all computed by the model (operations,
 * monitoring, canary, ensemble).
 */
import {
  alertNoise, canarySampleSize, checkFeatureContract, type ContractCheck, createFeatureContract, createRng, DEFAULT_TOIL_COSTS, ensembleSkewExperiment, EXTRACTOR_V1, EXTRACTOR_V2, type EnsembleSkewResult, manualToil, platformBreakEven, platformRoi, platformToil,
  releaseCycleCheck, shadowDuration, simulateSliceMonitoring, sliceDetection, type Sourced, sourced, sprtExpectedSampleSize, wakeWordFrames, zeroFailureUpperBound,
} from "fleetlab";
import { defineMission, memoizeRuns, missionSeed, modelValue, niceCeil, niceFloor, planFigures, smallestIntegerWhere, sweep, type TrackContext, type TrackId } from "fleetlab/mission";

const plan = planFigures({ ref: "Mission 12 plan", verified: "2026-11-22" });
const CAPEX = plan(500_000, "USD", "The part 1 lock's $500k platform investment");
const ONE_IN_1000 = plan(0.001, null, "The part 2 lock's '1-in-1,000' edge case");
const C95 = plan(0.95, null, "The part 2 lock's 95% confidence");
/** Alert noise (part 1): how often each model's drift metric is checked, and the baseline its threshold is discovered from. */
const DRIFT_CHECKS_PER_DAY = plan(24, "1/day", "Hourly drift checks on every served model");
const BASELINE_CHECKS = plan(168, null, "One week of hourly healthy checks per model, the baseline a threshold is discovered from");
const NOISE_LOG_SPREAD = plan(0.5, null, "Log-standard deviation of the models' healthy drift-metric noise: the 16th and 84th percentile models differ 2.7x (customers' traffic differs)");
const ONCALL_INCIDENTS_PER_DAY = sourced(4, "1/day", {
  kind: "literature", ref: "Beyer et al. (eds.), Site Reliability Engineering, O'Reilly 2016, ch. 11 \"Being On-Call\"", status: "unconfirmed", verified: "2026-12-01",
  notes: "At most 2 incidents per 12-hour on-call shift (each takes about 6 hours to handle), so 4 a day",
});

/** Mission 12's figures for one track (operations, canary, monitoring), each Sourced. */
export interface OpsScaleFigures {
  models: Sourced;
  heterogeneity: Sourced;
  capexDollars: Sourced;
  requestsPerSecond: Sourced;
  canaryFraction: Sourced;
  failureRate: Sourced;
  confidence: Sourced;
  /** Labelled frames the downstream classifier of the ensemble was trained on (part 3). */
  skewTrainFrames: Sourced;
  /** Slices the fleet's health metric is monitored in (part 2's Slice Monitor): regions, or hardware versions. */
  slices: Sourced;
  /** The health metric's healthy mean in every slice. */
  sliceBaseline: Sourced;
  /** Day-to-day jitter (σ) of one slice's daily mean. */
  sliceJitter: Sourced;
  /** What the update costs the one regressed slice. */
  sliceDrop: Sourced;
}

/**
 * Each track's figures: the plan's $500k platform and 1-in-1,000 edge case on every track,
 * each track's model count, request rate and canary share.
 */
export const OPS_SCALE_FIGURES: Readonly<Record<TrackId, OpsScaleFigures>> = Object.freeze({
  cloud_titan: {
    models: plan(50, null, "50 LLM versions"), heterogeneity: plan(0.3, null, "Share of entangled model pairs"),
    capexDollars: CAPEX,
    requestsPerSecond: plan(2000, "Hz", "An LLM API's request rate"), canaryFraction: plan(0.01, null, "1% canary"),
    failureRate: ONE_IN_1000, confidence: C95,
    skewTrainFrames: plan(20_000, null, "Labelled examples behind a served model's downstream head"),
    slices: plan(10, null, "Serving regions"), sliceBaseline: plan(40, "tokens/s", "Decode speed per stream"),
    sliceJitter: plan(1, "tokens/s", "Day-to-day jitter of a region's mean decode speed"), sliceDrop: plan(6, "tokens/s", "Decode speed a region loses to a driver update"),
  },
  edge_guardian: {
    models: plan(12, null, "Perception, planning and prediction models"), heterogeneity: plan(0.5, null, "Share of entangled pairs"),
    capexDollars: CAPEX,
    requestsPerSecond: plan(50, "Hz", "Perception frames sampled for shadow comparison"), canaryFraction: plan(0.05, null, "5% of the fleet in shadow mode"),
    failureRate: ONE_IN_1000, confidence: C95,
    skewTrainFrames: plan(5_000, null, "Labelled perception frames behind the downstream planner's classifier"),
    slices: plan(10, null, "Hardware versions in the fleet"), sliceBaseline: plan(99, "%", "Perception frames finished inside the 10 ms loop"),
    sliceJitter: plan(0.1, "%", "Day-to-day jitter of a hardware version's on-time share"), sliceDrop: plan(0.6, "%", "On-time share an older hardware version loses to the new model's latency tail"),
  },
  mobile_nomad: {
    models: plan(30, null, "AR filters and translation models"), heterogeneity: plan(0.2, null, "Share of entangled pairs"),
    capexDollars: CAPEX,
    requestsPerSecond: plan(500, "Hz", "AR sessions"), canaryFraction: plan(0.02, null, "2% canary"),
    failureRate: ONE_IN_1000, confidence: C95,
    skewTrainFrames: plan(1_000, null, "Labelled on-device samples behind an AR filter's classifier"),
    slices: plan(10, null, "The crisis's 10 regions"), sliceBaseline: plan(60, "FPS", "The 60 FPS North Star"),
    sliceJitter: plan(1, "FPS", "Day-to-day jitter of a region's mean FPS"), sliceDrop: plan(6, "FPS", "FPS one region loses to the OS update's NPU power policy"),
  },
  tiny_pioneer: {
    models: plan(8, null, "Noise isolation, wake word and helpers"), heterogeneity: plan(0.8, null, "Tightly entangled pipeline"),
    capexDollars: CAPEX,
    requestsPerSecond: plan(5, "Hz", "Wake-word events"), canaryFraction: plan(0.1, null, "10% canary"),
    failureRate: ONE_IN_1000, confidence: C95,
    skewTrainFrames: plan(200, null, "A hearable's small labelled wake-word set"),
    slices: plan(10, null, "Regions (accents, noise environments)"), sliceBaseline: plan(95, "%", "Wake-word recall"),
    sliceJitter: plan(0.5, "%", "Day-to-day jitter of a region's recall"), sliceDrop: plan(3, "%", "Recall one region loses to the noise-isolation update"),
  },
});

export interface OpsScaleParams {
  /** Concurrent models the track operates. */
  models: number;
  /** Share of model pairs with an entangled dependency. */
  heterogeneity: number;
  capexDollars: number;
  /** Live requests per second reaching the canary's fleet. */
  requestsPerSecond: number;
  canaryFraction: number;
  /** The "1-in-N" edge case rate the Safety Lead worries about. */
  failureRate: number;
  /** Labelled frames the ensemble's downstream classifier was trained on. */
  skewTrainFrames: number;
  /** The Slice Monitor's fleet: slices, each slice's healthy mean and daily jitter, the one regressed slice's drop. */
  slices: number;
  sliceBaseline: number;
  sliceJitter: number;
  sliceDrop: number;
}

/** The mission's parameters for a track: the `.value` of each of its figures. */
export function trackParams(id: TrackId): OpsScaleParams {
  const t = OPS_SCALE_FIGURES[id];
  return {
    models: t.models.value, heterogeneity: t.heterogeneity.value, capexDollars: t.capexDollars.value,
    requestsPerSecond: t.requestsPerSecond.value, canaryFraction: t.canaryFraction.value, failureRate: t.failureRate.value,
    skewTrainFrames: t.skewTrainFrames.value,
    slices: t.slices.value, sliceBaseline: t.sliceBaseline.value, sliceJitter: t.sliceJitter.value, sliceDrop: t.sliceDrop.value,
  };
}


/**
 * Experiments part 3 averages per track: one run's accuracies vary with its training draw by
 * about 0.047 at 200 frames and 0.009 at 20,000 (standard deviation over seeds), so smaller
 * training sets get more runs, until the mean's standard error is about 1 % of it on every track.
 */
const skewRuns = (trainCount: number) => Math.max(8, Math.ceil(48_000 / trainCount));
/** Test frames per run: the runs' test sets add up, so each can be small. */
const SKEW_TEST_FRAMES = 1000;
/**
 * Part 3's ensemble experiment with the track's training-set size: the mean accuracies of
 * `skewRuns` seeded runs, one random stream (memoised: computed once per track).
 */
const skewRun = memoizeRuns((trainCount: number) => String(trainCount), (trainCount: number): EnsembleSkewResult => {
  const rng = createRng(missionSeed(12)), runs = skewRuns(trainCount);
  const sum = { v1System: 0, swappedWithoutRetrain: 0, retrainedOnV2: 0 };
  for (let i = 0; i < runs; i++) {
    const r = ensembleSkewExperiment({ rng, trainCount, testCount: SKEW_TEST_FRAMES });
    sum.v1System += r.v1System; sum.swappedWithoutRetrain += r.swappedWithoutRetrain; sum.retrainedOnV2 += r.retrainedOnV2;
  }
  return { v1System: sum.v1System / runs, swappedWithoutRetrain: sum.swappedWithoutRetrain / runs, retrainedOnV2: sum.retrainedOnV2 / runs };
});
const skew = (p: OpsScaleParams): EnsembleSkewResult => skewRun(p.skewTrainFrames);
const WEEK_DAYS = 7;

/** The threshold policies part 1 compares. */
const THRESHOLD_POLICIES = ["One fixed threshold", "Discovered per model"] as const;
type ThresholdPolicy = (typeof THRESHOLD_POLICIES)[number];
/**
 * The Alert Noise of N served models at threshold z (alertNoise): every model's baselines drawn
 * from one seeded stream (memoised: the gauge and the per-model plot read one run).
 */
const alertRun = memoizeRuns((models: number, z: number) => `${models}|${z}`, (models: number, z: number) => alertNoise({
  rng: createRng(missionSeed(14)), models, zThreshold: z, checksPerDay: DRIFT_CHECKS_PER_DAY.value,
  noiseLogSpread: NOISE_LOG_SPREAD.value, baselineChecks: BASELINE_CHECKS.value,
}));
const alertNoiseAt = (v: { readonly models: number; readonly alert_z: number }) => alertRun(Math.max(1, Math.round(v.models)), v.alert_z);
const falseAlertsPerDay = (v: { readonly models: number; readonly alert_z: number; readonly thresholds: ThresholdPolicy }): number => {
  const r = alertNoiseAt(v);
  return v.thresholds === "Discovered per model" ? r.discoveredPerDay : r.fixedPerDay;
};

/**
 * The Risk-vs-Velocity Radar's axes, each a score in [0, 1]: the confidence a clean shadow
 * window gives, the share of the one-week release cycle it leaves free (releaseCycleCheck),
 * and the window's upper bound on the failure rate (zeroFailureUpperBound) over the rate it
 * was sized for.
 */
export function riskVelocityScores(v: { readonly confidence: number; readonly failure_rate: number; readonly request_rate: number }, p: OpsScaleParams) {
  const confidence = v.confidence / 100;
  const n = canarySampleSize(confidence, v.failure_rate);
  const check = releaseCycleCheck({ confidence, failureRate: v.failure_rate, requestsPerSecond: v.request_rate, canaryFraction: p.canaryFraction });
  return [
    { axis: "Confidence", score: confidence },
    { axis: "Velocity (cycle slack)", score: Math.max(0, check.slackSeconds / check.cycleSeconds) },
    { axis: "Residual risk bound", score: Math.min(1, zeroFailureUpperBound(n, confidence) / v.failure_rate) },
  ];
}

/** How part 2's Slice Monitor looks at the fleet. */
const MONITOR_VIEWS = ["Fleet aggregate", "Slice-level"] as const;
type MonitorView = (typeof MONITOR_VIEWS)[number];
/** The slices' names on a track: regions, or hardware versions on Edge Guardian's fleet. */
const sliceName = (track: TrackId, i: number) => (track === "edge_guardian" ? `HW v${i + 1}` : `Region ${i + 1}`);
/** The one slice the update regresses. */
const REGRESSED_SLICE = 3;
/**
 * The day after the update, as slice-level monitoring sees it (simulateSliceMonitoring): each slice's
 * band from 60 healthy days, one slice regressed; seeded, so every setting shows the same day.
 */
export function sliceDay(p: OpsScaleParams, z: number) {
  return simulateSliceMonitoring({
    rng: createRng(missionSeed(15)), regions: p.slices, regressedRegion: REGRESSED_SLICE,
    baselineFps: p.sliceBaseline, jitterFps: p.sliceJitter, dropFps: p.sliceDrop, zThreshold: z,
  });
}
/** The Slice Monitor's bars: today's change from each band's centre, and whether its alarm fires. */
export function sliceMonitorRows(v: { readonly monitor_view: MonitorView; readonly band_z: number }, c: TrackContext<OpsScaleParams>) {
  const day = sliceDay(c.params, v.band_z);
  const bar = (slice: string, b: { value: number; low: number; high: number; alarm: boolean }) =>
    ({ slice, change: b.value - (b.low + b.high) / 2, band: (b.high - b.low) / 2, status: b.alarm ? "alarm" : "within band" });
  return v.monitor_view === "Slice-level" ? day.slices.map((s) => bar(sliceName(c.track, s.region), s)) : [bar("All slices", day.aggregate)];
}
/** Probability the view's alarm catches the regressed slice (sliceDetection's closed form). */
export function sliceCatchProbability(p: OpsScaleParams, v: { readonly monitor_view: MonitorView; readonly band_z: number }): number {
  const d = sliceDetection({ regions: p.slices, dropSigma: p.sliceDrop / p.sliceJitter, zThreshold: v.band_z });
  return v.monitor_view === "Slice-level" ? d.sliceDetection : d.aggregateDetection;
}

/** The extractor -> classifier pairings part 3 can deploy, in the Ensemble Trace's order. */
const PAIRINGS = ["v1 -> classifier(v1)", "v2 -> classifier(v1)", "v2 -> classifier(v2)"] as const;
type Pairing = (typeof PAIRINGS)[number];
/** The system accuracy of each pairing in the track's ensemble experiment. */
const pairingAccuracy = (r: EnsembleSkewResult): Record<Pairing, number> =>
  ({ "v1 -> classifier(v1)": r.v1System, "v2 -> classifier(v1)": r.swappedWithoutRetrain, "v2 -> classifier(v2)": r.retrainedOnV2 });
/**
 * The Feature Store Consistency Check of a v2 rollout (checkFeatureContract): the v1 classifier's
 * contract, recorded from the frames it was trained on (seed 12, as the experiment draws them),
 * against v2's output on 1,000 fresh frames. v2 renames, reorders and rescales its features, so it fails.
 */
const contractRun = memoizeRuns((trainCount: number) => String(trainCount), (trainCount: number): ContractCheck => {
  const contract = createFeatureContract(EXTRACTOR_V1, wakeWordFrames(createRng(missionSeed(12)), trainCount).frames);
  return checkFeatureContract(contract, EXTRACTOR_V2, wakeWordFrames(createRng(missionSeed(13)), 1000).frames);
});
export const v2ContractCheck = (p: OpsScaleParams): ContractCheck => contractRun(p.skewTrainFrames);
/** The extractor -> classifier pairing a setting deploys; with the consistency check on, a v2 rollout whose consumer was not retrained is blocked if it breaks the consumer's contract. */
function deployedPairing(v: { readonly upstream: "v1" | "v2"; readonly retrain: boolean; readonly contract_check: boolean }, p: OpsScaleParams): Pairing {
  if (v.upstream !== "v2") return "v1 -> classifier(v1)";
  if (v.retrain) return "v2 -> classifier(v2)";
  return v.contract_check && !v2ContractCheck(p).ok ? "v1 -> classifier(v1)" : "v2 -> classifier(v1)";
}

/** The Platform ROI's three terms for N models at heterogeneity h, as platformRoi adds them (one year). */
function roiScope(p: OpsScaleParams, models: number, heterogeneity: number): Record<string, number> {
  return {
    Toil_manual: manualToil(models, heterogeneity), Capex_platform: p.capexDollars,
    Toil_platform: platformToil(models, heterogeneity, { capexDollars: p.capexDollars }),
  };
}

export const opsScale = defineMission({
  id: "12_ops_scale",
  title: "Mission 12 · Manual Work is Toil",
  chapter: {
    title: "Operations at Scale: Fleet Monitoring & Governance",
    invariant: "The Operations Invariant: complexity scales super-linearly with model heterogeneity (O(N) alerts, O(N log N) deployment, O(N²) dependencies).",
    struggle:
      "At scale, \"Manual Work is Toil.\" Navigate the trade-off between Operational Toil (manual fixes) and Platform CapEx (automation cost), " +
      "and find the break-even point for building an ML Platform.",
    minutes: 45,
  },
  tracks: {
    cloud_titan: { persona: "LLM Architect", northStar: "Maximize Llama-3-70B serving.", crisisTitle: "The N-Models Explosion.",
      crisis: "You are serving 50 different LLM versions for different customers. Your 'Alert Noise' has made it impossible to find real drift. You must automate 'Threshold Discovery'." },
    edge_guardian: { persona: "AV Systems Lead", northStar: "Deterministic 10ms safety loop.", crisisTitle: "The Rollout Jitter.",
      crisis: "You are updating the perception model on 500,000 AVs. A 'Shadow Mode' test reveals that the new model has a 100ms latency tail on older hardware versions. You must 'Rollback' the fleet." },
    mobile_nomad: { persona: "AR Glasses Dev", northStar: "60FPS AR translation.", crisisTitle: "The App-OS Skew.",
      crisis: "A system update changed the NPU power-policy. Now, the AR filter's 'FPS' is drifting differently across 10 regions. You must implement 'Slice-level Monitoring'." },
    tiny_pioneer: { persona: "Hearable Lead", northStar: "Neural isolation in <10ms under 1mW.", crisisTitle: "The Dependency Domino.",
      crisis: "You updated the noise-isolation model, but it broke the downstream 'Wake-Word' detector. You must fix the 'Feature Store' versioning to prevent 'Training-Serving Skew'." },
  },
  defaultTrack: "cloud_titan",
  params: trackParams,
  visuals: {
    primary: "OpsBreakEvenPlot",
    secondary: "ShadowModeDashboard",
    mathPeek: "Toggle for ROI_platform = Toil_manual − (Capex_platform + Toil_platform).",
  },
  parts: [
    {
      id: "platform_roi",
      title: "The Platform ROI Audit",
      kind: "Exploration",
      minutes: 15,
      objective: "Identify the Break-even Point (N*) where building an ML Platform is cheaper than manual operations.",
      lock: {
        kind: "number",
        question: "How many concurrent models (N) can your team manage manually before the cost of 'Toil' exceeds the cost of a $500k platform investment?",
        unit: "models", min: 0, max: 10_000, tolerance: 0.25,
        answer: (c) => platformBreakEven({ heterogeneity: c.params.heterogeneity, capexDollars: c.params.capexDollars }),
        shownOn: { instrument: "cost_curve", axis: "x" },
      },
      workbench: {
        controls: [
          { kind: "slider", id: "models", label: "Number of Models (N)", feeds: ["manualToil", "platformRoi"], scale: "log", unit: "models", min: 1, max: 1000, step: 0.01, default: (c) => c.params.models },
          { kind: "slider", id: "heterogeneity", label: "Model-Type Heterogeneity", feeds: ["manualToil"], scale: "linear", unit: null, min: 0, max: 1, step: 0.01, default: (c) => c.params.heterogeneity },
          { kind: "slider", id: "alert_z", label: "Alert Threshold (σ of the baseline)", feeds: ["alertNoise"], scale: "linear", unit: "σ", min: 2, max: 6, step: 0.1, default: 3 },
          { kind: "choice", id: "thresholds", label: "Threshold Discovery", feeds: ["alertNoise"], choices: THRESHOLD_POLICIES, default: "One fixed threshold" },
        ],
        instruments: [
          { kind: "plot", id: "cost_curve", name: "Ops Cost Curve", role: "primary", mark: "line",
            x: { field: "models", title: "Number of models N", scale: "log" }, y: { field: "dollars", title: "$ per year" }, color: { field: "series", title: "" },
            compute: (v, c) => sweep(1, 1000, 40, true).flatMap((n) => [
              { models: n, series: "Manual Toil", dollars: manualToil(n, v.heterogeneity) },
              { models: n, series: "Platform (capex + residual toil)", dollars: c.params.capexDollars + platformToil(n, v.heterogeneity, { capexDollars: c.params.capexDollars }) },
            ]) },
          { kind: "gauge", id: "roi", name: "Platform ROI (1 year)", unit: "$",
            // ROI grows with N and h (every toil term does): lowest for one model, highest for 1,000 fully entangled ones (the sliders' ends).
            min: (c) => niceFloor(platformRoi({ models: 1, heterogeneity: 0, capexDollars: c.params.capexDollars })),
            max: (c) => niceCeil(platformRoi({ models: 1000, heterogeneity: 1, capexDollars: c.params.capexDollars })),
            ...modelValue<OpsScaleParams>({ fn: "platformRoi", args: { models: { control: "models" }, heterogeneity: { control: "heterogeneity" }, capexDollars: (c) => c.params.capexDollars } }) },
          // Healthy models only, so every alert is false: what an on-call rotation wades through before it finds real drift.
          { kind: "gauge", id: "alert_noise", name: "Alert Noise (healthy models)", unit: "false alerts/day", min: 0,
            danger: ONCALL_INCIDENTS_PER_DAY.value,
            // Loudest at 1,000 models, the lowest threshold, one fixed threshold (the controls' ends).
            max: () => niceCeil(falseAlertsPerDay({ models: 1000, alert_z: 2, thresholds: "One fixed threshold" })),
            compute: (v) => falseAlertsPerDay(v) },
          { kind: "plot", id: "alert_sources", name: "Alert Noise by Model", mark: "point",
            x: { field: "noise", title: "Model's baseline noise (× fleet median)", scale: "log" }, y: { field: "false_alerts_per_day", title: "False alerts per day" },
            compute: (v) => alertNoiseAt(v).perModel.map((m) => ({
              noise: m.noise, false_alerts_per_day: v.thresholds === "Discovered per model" ? m.discoveredPerDay : m.fixedPerDay,
            })) },
        ],
      },
      target: {
        prompt: (c) => `Past break-even: with your track's heterogeneity (h = ${c.params.heterogeneity}), find the smallest whole number of models at which the Manual Toil line sits above the Platform line by the full $${(c.params.capexDollars / 1000).toFixed(0)}k capex, i.e. the platform's one-year ROI repays its capex a second time.`,
        unit: "models", tolerance: 0.05, maxAttempts: 10,
        compute: (c) => smallestIntegerWhere((n) => platformRoi({ models: n, heterogeneity: c.params.heterogeneity, capexDollars: c.params.capexDollars }) >= c.params.capexDollars, 1, 100_000),
      },
      reflect: { prompt: "Patterson asks: 'Why does heterogeneity (O(N²)) kill productivity faster than simple scale (O(N))?' (Reference the dependency entanglement.)", minWords: 40 },
      mathPeek: [
        { label: "Platform ROI", expression: "ROI_platform = Toil_manual - (Capex_platform + Toil_platform)", unit: "$",
          scope: (v, c) => roiScope(c.params, v.models, v.heterogeneity) },
        // manualToil's coefficients (the model's teaching defaults, $/year); the slider keeps N >= 1, where log2(N) >= 0.
        { label: "Manual toil", expression: "Toil_manual = a * N + d * N * log2(N) + e * h * N * (N - 1) / 2", unit: "$/year",
          scope: (v) => ({
            a: DEFAULT_TOIL_COSTS.alertDollarsPerModelYear, d: DEFAULT_TOIL_COSTS.deployDollarsPerModelYear, e: DEFAULT_TOIL_COSTS.dependencyDollarsPerPairYear,
            N: v.models, h: v.heterogeneity,
          }) },
        // The Alert Noise gauge with thresholds discovered per model, as the baseline grows long: N models × c checks a day × the two-sided tail 2(1 − Φ(z)).
        { label: "Alert noise, discovered thresholds", expression: "F = N * c * (1 - erf(z / sqrt(2)))", unit: "false alerts/day",
          scope: (v) => ({ N: Math.max(1, Math.round(v.models)), c: DRIFT_CHECKS_PER_DAY.value, z: v.alert_z }) },
      ],
    },
    {
      id: "canary_duration",
      title: "The Canary Duration",
      kind: "Trade-off",
      minutes: 15,
      objective: "Optimize the Canary Deployment window to balance safety vs. release velocity.",
      lock: {
        kind: "number",
        question: "If you want to be 95% confident that your new model hasn't regressed on a '1-in-1,000' edge case, how many live requests must you monitor in 'Shadow Mode'?",
        unit: "requests", min: 1, max: 1e9, tolerance: 0.1,
        answer: () => canarySampleSize(0.95, 0.001),
        shownOn: { instrument: "shadow", axis: "x" },
      },
      workbench: {
        controls: [
          // Starts below the Safety Lead's 95 %, so the clock does not open on the target's duration.
          { kind: "slider", id: "confidence", label: "Target Confidence (%)", feeds: ["canarySampleSize"], scale: "linear", unit: "%", min: 50, max: 99.9, step: 0.1, default: 80 },
          { kind: "slider", id: "failure_rate", label: "Expected Failure Rate", feeds: ["canarySampleSize"], scale: "log", unit: null, min: 1e-6, max: 0.1, step: 0.01, default: (c) => c.params.failureRate },
          { kind: "slider", id: "request_rate", label: "Fleet Request Rate", feeds: ["shadowDuration"], scale: "log", unit: "req/s", min: 0.1, max: 1e6, step: 0.01, default: (c) => c.params.requestsPerSecond },
          { kind: "choice", id: "monitor_view", label: "Monitoring View", feeds: ["simulateSliceMonitoring", "sliceDetection"], choices: MONITOR_VIEWS, default: "Fleet aggregate" },
          { kind: "slider", id: "band_z", label: "Alert Band (σ)", feeds: ["simulateSliceMonitoring", "sliceDetection"], scale: "linear", unit: "σ", min: 2, max: 5, step: 0.1, default: 3 },
        ],
        instruments: [
          { kind: "gauge", id: "clock", name: "Confidence Clock", unit: "days", min: 0, danger: WEEK_DAYS,
            // Longest at the sliders' ends: 99.9% confidence on a 1-in-a-million failure at 0.1 req/s (decades, for a one-week cycle).
            max: (c) => niceCeil(shadowDuration(canarySampleSize(0.999, 1e-6), 0.1, c.params.canaryFraction) / 86_400),
            compute: (v, c) => shadowDuration(canarySampleSize(v.confidence / 100, v.failure_rate), v.request_rate, c.params.canaryFraction) / 86_400 },
          { kind: "plot", id: "radar", name: "Risk-vs-Velocity Radar", mark: "radar",
            x: { field: "axis", title: "", type: "nominal" }, y: { field: "score", title: "Score (0-1)" },
            compute: (v, c) => riskVelocityScores(v, c.params) },
          // The OS update's rollout, day one: the fleet-wide mean hides the one slice it regressed.
          { kind: "plot", id: "slice_monitor", name: "Slice Monitor (day after the update)", mark: "bar",
            x: { field: "slice", title: "", type: "nominal" }, y: { field: "change", title: "Change from baseline" }, color: { field: "status", title: "Alarm" },
            compute: (v, c) => sliceMonitorRows(v, c) },
          { kind: "gauge", id: "slice_catch", name: "P(the regressed slice is caught)", unit: null, min: 0, max: 1,
            compute: (v, c) => sliceCatchProbability(c.params, v) },
          { kind: "plot", id: "shadow", name: "ShadowModeDashboard", role: "secondary", mark: "line",
            x: { field: "requests", title: "Clean shadow requests", scale: "log" }, y: { field: "upper_bound", title: "95% upper bound on failure rate", scale: "log" },
            compute: (v) => sweep(10, 1e6, 40, true).map((n) => ({ requests: Math.round(n), upper_bound: zeroFailureUpperBound(Math.round(n), v.confidence / 100) })) },
        ],
      },
      target: {
        prompt: "Find the exact Shadow Duration (hours) that satisfies the Safety Lead (95% confidence on your track's edge case) at your track's request rate and canary share.",
        unit: "h", tolerance: 0.05, maxAttempts: 10,
        compute: (c) => shadowDuration(canarySampleSize(0.95, c.params.failureRate), c.params.requestsPerSecond, c.params.canaryFraction) / 3600,
      },
      stakeholder: {
        who: "Safety Lead", role: "Release safety",
        message: "No release until we are 95% confident the edge case has not regressed, and the release cycle must stay under 1 week.",
        evidence: (c) => {
          const check = releaseCycleCheck({ confidence: 0.95, failureRate: c.params.failureRate, requestsPerSecond: c.params.requestsPerSecond, canaryFraction: c.params.canaryFraction });
          const sprt = sprtExpectedSampleSize({ p0: c.params.failureRate, p1: 2 * c.params.failureRate, alpha: 0.05, beta: 0.2 });
          return `Shadow window ${(check.durationSeconds / 86_400).toFixed(2)} days (${check.fits ? "fits" : "overruns"} the week); a sequential test needs about ${Math.round(sprt.underH0)} requests on average when the model is fine.`;
        },
      },
      reflect: { prompt: "Jeff Dean observes: 'Your shadow window is 3 months long. By the time you deploy, the world has already drifted.' Propose a 'Sequential Validation' strategy to speed up the loop.", minWords: 40 },
      mathPeek: [
        { label: "Zero-failure sample size", expression: "n = ceil(log(1 - C) / log(1 - p))", unit: "requests",
          scope: (v) => ({ C: v.confidence / 100, p: v.failure_rate }) },
        // The Confidence Clock's shadowDuration: n clean requests at the canary's share f of the fleet's rate r.
        { label: "Canary duration", expression: "t = n / (r * f)", unit: "s",
          scope: (v, c) => ({ n: canarySampleSize(v.confidence / 100, v.failure_rate), r: v.request_rate, f: c.params.canaryFraction }) },
        // sliceDetection's aggregate alarm: the one slice's drop of d σ moves the mean of R slices by d/√R of its σ, against a band of ±z.
        { label: "Aggregate catch probability", expression: "P = (1 - erf((z - d / sqrt(R)) / sqrt(2))) / 2 + (1 + erf((-z - d / sqrt(R)) / sqrt(2))) / 2",
          scope: (v, c) => ({ z: v.band_z, d: c.params.sliceDrop / c.params.sliceJitter, R: c.params.slices }) },
      ],
    },
    {
      id: "ensemble_lockdown",
      title: "The Ensemble Lockdown",
      kind: "Synthesis",
      minutes: 15,
      objective: "Manage a Model Handshake between upstream and downstream dependencies in an ensemble.",
      lock: {
        kind: "choice",
        question: "If you update the 'Feature Extractor' without retraining the 'Classifier', will the system accuracy drop even if the new extractor is 'better'?",
        choices: ["Yes", "No"],
        answer: (c) => {
          const r = skew(c.params);
          return r.swappedWithoutRetrain < r.v1System ? "Yes" : "No";
        },
      },
      workbench: {
        controls: [
          { kind: "choice", id: "upstream", label: "Upstream Version Selector", feeds: ["ensembleSkewExperiment"], choices: ["v1", "v2"], default: "v1" },
          { kind: "toggle", id: "retrain", label: "Downstream Retrain Toggle", feeds: ["ensembleSkewExperiment"], default: false },
          { kind: "toggle", id: "contract_check", label: "Feature Store Consistency Check", feeds: ["checkFeatureContract"], default: false },
        ],
        instruments: [
          { kind: "plot", id: "trace", name: "Ensemble Trace", mark: "bar",
            x: { field: "pairing", title: "Extractor -> classifier", type: "nominal" }, y: { field: "accuracy", title: "System accuracy" },
            // One bar per pairing deployed so far (a pairing's accuracy is known once it has run).
            compute: (_v, c, explored) => {
              const accuracy = pairingAccuracy(skew(c.params));
              const deployed = new Set(explored.map((e) => deployedPairing(e, c.params)));
              return PAIRINGS.filter((p) => deployed.has(p)).map((pairing) => ({ pairing, accuracy: accuracy[pairing] }));
            } },
          { kind: "gauge", id: "accuracy", name: "Deployed system accuracy", unit: null, min: 0, max: 1,
            compute: (v, c) => pairingAccuracy(skew(c.params))[deployedPairing(v, c.params)] },
        ],
      },
      target: {
        // Not a track figure: the skew comes from v2 reordering and rescaling the features the classifier
        // weighs, the same on every track (closed form Φ(−2a/√6) for the fixture's separation a = 0.5);
        // the training-set size moves the estimate only by sampling noise, inside the tolerance.
        prompt: (c) => `Use the Ensemble Trace: your downstream classifier was trained on ${c.params.skewTrainFrames.toLocaleString("en-US")} labelled frames of the v1 features. Find the system accuracy it would have tonight if the new extractor ships without retraining it. (This answer is the same on every track up to sampling noise: what breaks the classifier is how v2 reorders and rescales its features, not how much data it was trained on.)`,
        unit: null, tolerance: 0.05, maxAttempts: 10,
        compute: (c) => skew(c.params).swappedWithoutRetrain,
      },
      stakeholder: {
        who: "Software Lead", role: "Release owner",
        message: "The new extractor is better. I want to deploy it tonight.",
        evidence: (c) => {
          const r = skew(c.params);
          return `Without retraining, accuracy falls from ${(100 * r.v1System).toFixed(1)}% to ${(100 * r.swappedWithoutRetrain).toFixed(1)}%; retrained on v2 it reaches ${(100 * r.retrainedOnV2).toFixed(1)}%.`;
        },
      },
      reflect: { prompt: "Defend your final 'Governance Policy.' Did you choose 'Loose Versioning' or 'Strict Immutable Contracts'? Justify using the Training-Serving Skew Invariant.", minWords: 60 },
      mathPeek: [
        // At the track's model count and heterogeneity (part 3 has no such controls).
        { label: "Platform ROI", expression: "ROI_platform = Toil_manual - (Capex_platform + Toil_platform)", unit: "$",
          scope: (_v, c) => roiScope(c.params, c.params.models, c.params.heterogeneity) },
        // The Ensemble Trace's seeded experiment: accuracy lost when v2 features feed the v1-trained classifier.
        { label: "Skew", expression: "skew = accuracy_v1 - accuracy_swapped",
          scope: (_v, c) => ({ accuracy_v1: skew(c.params).v1System, accuracy_swapped: skew(c.params).swappedWithoutRetrain }) },
      ],
    },
  ],
});
