/**
 * The model's public scalar functions by name, with positional parameters and units.
 * One table serves `fleetlab calc` (mathjs with units), plot fast paths in the
 * browser (the same pure code, recomputed per drag) and mission definitions that
 * bind controls to a model function by name.
 *
 * Parameters and results are plain numbers in the unit named here; a unit is a
 * mathjs unit string ("s", "h", "B", "B/s", "Hz", "year") or null for a dimensionless
 * value (counts, probabilities, dollars). The table is an explicit literal: each entry
 * imports its formula, so nothing registers itself by side effect.
 */
import { canarySampleSize, ruleOfThree, shadowDuration, sprtExpectedSampleSize, zeroFailureUpperBound } from "./canary";
import { dalyInterval, fleetLostTimeFraction, youngDalyInterval, youngOverhead } from "./checkpoint-interval";
import { checkpointBytes, checkpointStorm, stagingBuffer } from "./checkpoint-staging";
import { communicationIntensity, dataParallelCommunicationIntensity, recursiveDoublingAllReduceTime, ringAllReduceTime, treeAllReduceTime } from "./communication";
import { criticalNodeCount } from "./communication-scaling";
import { backupWorkersStepTime, expectedSlowestStepTime, harmonicNumber } from "./communication-stragglers";
import { bonferroniThreshold, detectionProbability, falseAlarmRate, familywiseFalseAlarm } from "./monitoring";
import { manualToil, platformBreakEven, platformRoi } from "./operations";
import { expectedFailures, failuresPerDay, fleetAvailability, fleetMtbf, observedMtbf, probabilityNoFailure, replicatedAvailability } from "./reliability";
import { erlangC, erlangCWait, littlesLaw, pollaczekKhinchineWait } from "./scheduling/queueing";

export interface ModelParamSpec {
  name: string;
  /** mathjs unit the number is expressed in, or null when dimensionless. */
  unit: string | null;
  summary: string;
  /** Optional parameters take this value when omitted. */
  default?: number;
}

export interface ModelFunctionSpec {
  name: string;
  summary: string;
  params: ModelParamSpec[];
  /** Unit of the result, or null when dimensionless. */
  returns: string | null;
  /** Evaluates with positional numbers in the units above; throws ModelInputError on bad input. */
  evaluate(...args: number[]): number;
}

const p = (name: string, unit: string | null, summary: string, fallback?: number): ModelParamSpec =>
  fallback === undefined ? { name, unit, summary } : { name, unit, summary, default: fallback };

/** Every function exposed by name. Keys equal each entry's `name`. */
export const MODEL_FUNCTIONS: Readonly<Record<string, ModelFunctionSpec>> = Object.freeze({
  // Reliability (mission 01, 07)
  fleetAvailability: {
    name: "fleetAvailability",
    summary: "Probability all N nodes are up at once: P_node^N",
    params: [p("nodeAvailability", null, "P_node, probability in [0, 1]"), p("nodes", null, "N, node count")],
    returns: null,
    evaluate: (a, n) => fleetAvailability(a, n),
  },
  fleetMtbf: {
    name: "fleetMtbf",
    summary: "Fleet mean time between failures: MTBF_node / N",
    params: [p("nodeMtbf", "h", "MTBF of one node"), p("nodes", null, "N, node count")],
    returns: "h",
    evaluate: (m, n) => fleetMtbf(m, n),
  },
  failuresPerDay: {
    name: "failuresPerDay",
    summary: "Expected failures per day across the fleet: 24 h · N / MTBF_node",
    params: [p("nodeMtbf", "h", "MTBF of one node"), p("nodes", null, "N, node count")],
    returns: null,
    evaluate: (m, n) => failuresPerDay(m, n),
  },
  observedMtbf: {
    name: "observedMtbf",
    summary: "MTBF observed over a window: window / interruptions",
    params: [p("window", "h", "observation window"), p("interruptions", null, "interruptions seen")],
    returns: "h",
    evaluate: (w, k) => observedMtbf(w, k),
  },
  expectedFailures: {
    name: "expectedFailures",
    summary: "Expected failures in the fleet over a horizon: N · T / MTBF_node",
    params: [p("nodes", null, "N, node count"), p("nodeMtbf", "h", "MTBF of one node"), p("horizon", "h", "T, window length")],
    returns: null,
    evaluate: (n, m, t) => expectedFailures({ nodes: n, nodeMtbfHours: m, horizonHours: t }),
  },
  probabilityNoFailure: {
    name: "probabilityNoFailure",
    summary: "Probability no node fails within the horizon: exp(−N · T / MTBF_node)",
    params: [p("nodes", null, "N, node count"), p("nodeMtbf", "h", "MTBF of one node"), p("horizon", "h", "T, window length")],
    returns: null,
    evaluate: (n, m, t) => probabilityNoFailure({ nodes: n, nodeMtbfHours: m, horizonHours: t }),
  },
  replicatedAvailability: {
    name: "replicatedAvailability",
    summary: "Availability of k replicas, any one sufficing: 1 − (1 − A)^k",
    params: [p("availability", null, "A of one replica, in [0, 1]"), p("replicas", null, "k, integer ≥ 1")],
    returns: null,
    evaluate: (a, k) => replicatedAvailability(a, k),
  },
  // Checkpointing (mission 07)
  youngDalyInterval: {
    name: "youngDalyInterval",
    summary: "Young's optimal checkpoint interval: √(2 δ M)",
    params: [p("checkpointTime", "s", "δ, time to write one checkpoint"), p("mtbf", "s", "M, fleet MTBF")],
    returns: "s",
    evaluate: (d, m) => youngDalyInterval(d, m),
  },
  dalyInterval: {
    name: "dalyInterval",
    summary: "Daly's higher-order optimal checkpoint interval (2006, eq. 37)",
    params: [p("checkpointTime", "s", "δ, time to write one checkpoint"), p("mtbf", "s", "M, fleet MTBF")],
    returns: "s",
    evaluate: (d, m) => dalyInterval(d, m),
  },
  youngOverhead: {
    name: "youngOverhead",
    summary: "Checkpoint overhead fraction at interval τ: δ/τ + τ/(2M)",
    params: [p("interval", "s", "τ, checkpoint interval"), p("checkpointTime", "s", "δ, write time"), p("mtbf", "s", "M, fleet MTBF")],
    returns: null,
    evaluate: (t, d, m) => youngOverhead(t, d, m),
  },
  fleetLostTimeFraction: {
    name: "fleetLostTimeFraction",
    summary: "Share of a fleet's wall time lost to checkpoints, rework and restarts at interval τ (M = MTBF_node / N)",
    params: [p("nodeMtbf", "h", "MTBF of one node"), p("nodes", null, "N, node count"), p("interval", "min", "τ, checkpoint interval"),
      p("checkpointTime", "s", "δ, write time"), p("restartTime", "s", "R, restart time")],
    returns: null,
    evaluate: (m, n, t, d, r) => fleetLostTimeFraction(m, n, t, d, r),
  },
  checkpointBytes: {
    name: "checkpointBytes",
    summary: "Checkpoint size: parameters × bytes per parameter (14 for Adam state without gradients)",
    params: [p("parameters", null, "P, parameter count"), p("bytesPerParameter", "B", "b, bytes stored per parameter", 14)],
    returns: "B",
    evaluate: (n, b) => checkpointBytes({ parameters: n, bytesPerParameter: b }),
  },
  checkpointStormStall: {
    name: "checkpointStormStall",
    summary: "Stall of each writer group when N writers share storage in G staggered groups",
    params: [p("writers", null, "N, integer ≥ 1"), p("bytesPerWriter", "B", "bytes each writer saves"), p("writerBandwidth", "B/s", "one writer's link"), p("storageBandwidth", "B/s", "aggregate storage bandwidth"), p("groups", null, "G, integer in [1, N]", 1)],
    returns: "s",
    evaluate: (n, b, w, st, g) => checkpointStorm({ writers: n, bytesPerWriter: b, writerBytesPerSecond: w, storageBytesPerSecond: st, groups: g }).groupWriteSeconds,
  },
  stormFreeStagingBuffer: {
    name: "stormFreeStagingBuffer",
    summary: "Smallest staging buffer per writer that keeps a checkpoint burst within storage: s · (1 − B_s / (⌈N/G⌉ b_w))",
    params: [p("writers", null, "N, integer ≥ 1"), p("bytesPerWriter", "B", "s, bytes each writer saves"), p("writerBandwidth", "B/s", "b_w, one writer's burst rate"), p("storageBandwidth", "B/s", "B_s, aggregate storage bandwidth"), p("groups", null, "G, integer in [1, N]", 1)],
    returns: "B",
    evaluate: (n, b, w, st, g) => stagingBuffer({ writers: n, bytesPerWriter: b, writerBytesPerSecond: w, storageBytesPerSecond: st, groups: g, bufferBytes: 0, ssdBytesPerSecond: w, intervalSeconds: 1 }).minBufferBytes,
  },
  // Communication (mission 01)
  ringAllReduceTime: {
    name: "ringAllReduceTime",
    summary: "Ring all-reduce time: 2(n−1)α + 2(n−1)/n · S/B",
    params: [p("messageBytes", "B", "S, bytes per participant"), p("gpus", null, "n, participants"), p("bandwidth", "B/s", "B, link bandwidth"), p("latency", "s", "α, per-step latency", 0)],
    returns: "s",
    evaluate: (s, n, b, a) => ringAllReduceTime({ messageBytes: s, gpus: n, linkBytesPerSecond: b, latencySeconds: a }),
  },
  treeAllReduceTime: {
    name: "treeAllReduceTime",
    summary: "Tree all-reduce time: 2⌈log₂n⌉α + 2(n−1)/n · S/B",
    params: [p("messageBytes", "B", "S, bytes per participant"), p("gpus", null, "n, participants"), p("bandwidth", "B/s", "B, link bandwidth"), p("latency", "s", "α, per-step latency", 0)],
    returns: "s",
    evaluate: (s, n, b, a) => treeAllReduceTime({ messageBytes: s, gpus: n, linkBytesPerSecond: b, latencySeconds: a }),
  },
  recursiveDoublingAllReduceTime: {
    name: "recursiveDoublingAllReduceTime",
    summary: "Recursive-doubling all-reduce time: ⌈log₂n⌉(α + S/B)",
    params: [p("messageBytes", "B", "S, bytes per participant"), p("gpus", null, "n, participants"), p("bandwidth", "B/s", "B, link bandwidth"), p("latency", "s", "α, per-step latency", 0)],
    returns: "s",
    evaluate: (s, n, b, a) => recursiveDoublingAllReduceTime({ messageBytes: s, gpus: n, linkBytesPerSecond: b, latencySeconds: a }),
  },
  criticalNodeCount: {
    name: "criticalNodeCount",
    summary: "GPU count that maximises data-parallel throughput (ring all-reduce, no overlap)",
    params: [p("computeTime", "s", "C, one GPU's compute time for the global batch"), p("gradientBytes", "B", "S, gradient bytes per step"), p("bandwidth", "B/s", "B, link bandwidth"), p("latency", "s", "α, per-step latency")],
    returns: null,
    evaluate: (c, s, b, a) => criticalNodeCount({ computeSeconds: c, gradientBytes: s, linkBytesPerSecond: b, latencySeconds: a }).gpus,
  },
  communicationIntensity: {
    name: "communicationIntensity",
    summary: "Bytes moved per FLOP computed (B/FLOP)",
    params: [p("bytesMoved", "B", "bytes sent per participant"), p("flops", null, "FLOPs per participant")],
    returns: null,
    evaluate: (b, f) => communicationIntensity(b, f),
  },
  dataParallelCommunicationIntensity: {
    name: "dataParallelCommunicationIntensity",
    summary: "Bytes per FLOP per GPU of data parallelism with a ring all-reduce: 2(n−1)·S/F",
    params: [p("gradientBytes", "B", "S, gradient bytes per step"), p("gpus", null, "n, integer ≥ 1"), p("flopsPerStep", null, "F, FLOPs of the global step")],
    returns: null,
    evaluate: (s, n, f) => dataParallelCommunicationIntensity({ gradientBytes: s, gpus: n, flopsPerStep: f }),
  },
  expectedSlowestStepTime: {
    name: "expectedSlowestStepTime",
    summary: "Synchronous step waiting for the slowest of N workers: base + tail · H_N",
    params: [p("workers", null, "N, integer ≥ 1"), p("base", "s", "deterministic part of a step"), p("tailMean", "s", "mean of the exponential tail")],
    returns: "s",
    evaluate: (n, b, t) => expectedSlowestStepTime({ workers: n, baseSeconds: b, tailMeanSeconds: t }),
  },
  backupWorkersStepTime: {
    name: "backupWorkersStepTime",
    summary: "Step time with k backup workers: base + tail · (H_{N+k} − H_k)",
    params: [p("workers", null, "N, integer ≥ 1"), p("backupWorkers", null, "k, integer ≥ 0"), p("base", "s", "deterministic part of a step"), p("tailMean", "s", "mean of the exponential tail")],
    returns: "s",
    evaluate: (n, k, b, t) => backupWorkersStepTime({ workers: n, backupWorkers: k, baseSeconds: b, tailMeanSeconds: t }),
  },
  harmonicNumber: {
    name: "harmonicNumber",
    summary: "H_n = 1 + 1/2 + … + 1/n (slowest of n exponential stragglers, in means)",
    params: [p("n", null, "integer ≥ 1")],
    returns: null,
    evaluate: (n) => harmonicNumber(n),
  },
  // Scheduling (mission 08)
  pollaczekKhinchineWait: {
    name: "pollaczekKhinchineWait",
    summary: "M/G/1 mean queue wait: ρ/(1−ρ) · (1 + C_s²)/2 · E[S]",
    params: [p("utilization", null, "ρ in [0, 1)"), p("meanServiceTime", "s", "E[S], mean job length"), p("serviceCv", null, "C_s, coefficient of variation of job length")],
    returns: "s",
    evaluate: (rho, s, cv) => pollaczekKhinchineWait({ utilization: rho, meanServiceTime: s, serviceCv: cv }),
  },
  erlangC: {
    name: "erlangC",
    summary: "M/M/c probability an arriving job waits (Erlang C)",
    params: [p("servers", null, "c, integer ≥ 1"), p("arrivalRate", "Hz", "λ, jobs per second"), p("meanServiceTime", "s", "E[S], mean job length")],
    returns: null,
    evaluate: (c, l, sv) => erlangC({ servers: c, arrivalRate: l, meanServiceTime: sv }),
  },
  erlangCWait: {
    name: "erlangCWait",
    summary: "M/M/c mean queue wait (Erlang C)",
    params: [p("servers", null, "c, integer ≥ 1"), p("arrivalRate", "Hz", "λ, jobs per second"), p("meanServiceTime", "s", "E[S], mean job length")],
    returns: "s",
    evaluate: (c, l, s) => erlangCWait({ servers: c, arrivalRate: l, meanServiceTime: s }),
  },
  littlesLaw: {
    name: "littlesLaw",
    summary: "Mean number in system: L = λ W",
    params: [p("arrivalRate", "Hz", "λ, arrivals per second"), p("meanTimeInSystem", "s", "W, mean time in system")],
    returns: null,
    evaluate: (l, w) => littlesLaw(l, w),
  },
  // Canary and shadow validation (mission 12)
  canarySampleSize: {
    name: "canarySampleSize",
    summary: "Clean requests needed: ⌈ln(1−C) / ln(1−p)⌉",
    params: [p("confidence", null, "C in (0, 1)"), p("failureRate", null, "p in (0, 1)")],
    returns: null,
    evaluate: (c, f) => canarySampleSize(c, f),
  },
  ruleOfThree: {
    name: "ruleOfThree",
    summary: "Upper bound on p after n clean trials: −ln(1−C)/n (≈ 3/n at 95%)",
    params: [p("trials", null, "n, integer ≥ 1"), p("confidence", null, "C in (0, 1)", 0.95)],
    returns: null,
    evaluate: (n, c) => ruleOfThree(n, c),
  },
  zeroFailureUpperBound: {
    name: "zeroFailureUpperBound",
    summary: "Exact upper bound on p after n clean trials: 1 − (1−C)^(1/n)",
    params: [p("trials", null, "n, integer ≥ 1"), p("confidence", null, "C in (0, 1)", 0.95)],
    returns: null,
    evaluate: (n, c) => zeroFailureUpperBound(n, c),
  },
  shadowDuration: {
    name: "shadowDuration",
    summary: "Time to collect n canary requests: n / (r · f)",
    params: [p("sampleSize", null, "n requests"), p("requestRate", "Hz", "r, fleet requests per second"), p("canaryFraction", null, "f, share routed to the canary, in (0, 1]")],
    returns: "s",
    evaluate: (n, r, f) => shadowDuration(n, r, f),
  },
  sprtExpectedSamplesH0: {
    name: "sprtExpectedSamplesH0",
    summary: "Wald SPRT average sample number when the failure rate is p0",
    params: [p("p0", null, "acceptable failure rate"), p("p1", null, "regressed failure rate > p0"), p("alpha", null, "type I error", 0.05), p("beta", null, "type II error", 0.2)],
    returns: null,
    evaluate: (p0, p1, alpha, beta) => sprtExpectedSampleSize({ p0, p1, alpha, beta }).underH0,
  },
  sprtExpectedSamplesH1: {
    name: "sprtExpectedSamplesH1",
    summary: "Wald SPRT average sample number when the failure rate is p1",
    params: [p("p0", null, "acceptable failure rate"), p("p1", null, "regressed failure rate > p0"), p("alpha", null, "type I error", 0.05), p("beta", null, "type II error", 0.2)],
    returns: null,
    evaluate: (p0, p1, alpha, beta) => sprtExpectedSampleSize({ p0, p1, alpha, beta }).underH1,
  },
  // Monitoring (mission 12)
  familywiseFalseAlarm: {
    name: "familywiseFalseAlarm",
    summary: "P(at least one false alarm across N models): 1 − (1−α)^N",
    params: [p("alpha", null, "per-model false-alarm probability"), p("models", null, "N, integer ≥ 1")],
    returns: null,
    evaluate: (a, n) => familywiseFalseAlarm(a, n),
  },
  bonferroniThreshold: {
    name: "bonferroniThreshold",
    summary: "Two-sided z-threshold keeping the family false-alarm rate ≤ α: Φ⁻¹(1 − α/(2N))",
    params: [p("familyAlpha", null, "α for the whole family"), p("models", null, "N, integer ≥ 1")],
    returns: null,
    evaluate: (a, n) => bonferroniThreshold(a, n),
  },
  falseAlarmRate: {
    name: "falseAlarmRate",
    summary: "Two-sided false-alarm probability of a z-threshold: 2(1 − Φ(z))",
    params: [p("zThreshold", null, "z > 0")],
    returns: null,
    evaluate: (z) => falseAlarmRate(z),
  },
  detectionProbability: {
    name: "detectionProbability",
    summary: "Two-sided alarm probability after a mean shift of d σ",
    params: [p("shiftSigma", null, "d, shift in σ"), p("zThreshold", null, "z > 0")],
    returns: null,
    evaluate: (d, z) => detectionProbability(d, z),
  },
  // Operations economics (mission 12)
  manualToil: {
    name: "manualToil",
    summary: "Manual toil, $ per year: a·N + d·N·log₂N + e·h·N(N−1)/2 (teaching coefficients)",
    params: [p("models", null, "N, number of models"), p("heterogeneity", null, "h in [0, 1]")],
    returns: null,
    evaluate: (n, h) => manualToil(n, h),
  },
  platformRoi: {
    name: "platformRoi",
    summary: "Platform ROI, $: Y·Toil_manual − (Capex + Y·Toil_platform)",
    params: [p("models", null, "N, number of models"), p("heterogeneity", null, "h in [0, 1]"), p("capexDollars", null, "platform build cost, $"), p("residualToilFraction", null, "r, toil left by the platform", 0.1), p("horizon", "year", "Y, horizon", 1)],
    returns: null,
    evaluate: (n, h, c, r, y) => platformRoi({ models: n, heterogeneity: h, capexDollars: c, residualToilFraction: r, horizonYears: y }),
  },
  platformBreakEven: {
    name: "platformBreakEven",
    summary: "Break-even model count N* where platform ROI = 0 (bisection)",
    params: [p("capexDollars", null, "platform build cost, $"), p("heterogeneity", null, "h in [0, 1]"), p("residualToilFraction", null, "r, toil left by the platform", 0.1), p("horizon", "year", "Y, horizon", 1)],
    returns: null,
    evaluate: (c, h, r, y) => platformBreakEven({ capexDollars: c, heterogeneity: h, residualToilFraction: r, horizonYears: y }),
  },
});

/** Looks up a model function by name; throws with the known names if absent. */
export function modelFunction(name: string): ModelFunctionSpec {
  const spec = Object.prototype.hasOwnProperty.call(MODEL_FUNCTIONS, name) ? MODEL_FUNCTIONS[name] : undefined;
  if (!spec) throw new Error(`unknown model function "${name}"; known: ${Object.keys(MODEL_FUNCTIONS).sort().join(", ")}`);
  return spec;
}
