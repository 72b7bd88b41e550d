/**
 * The FleetLab model package: pure, deterministic formulas, simulators and the
 * sourced catalog. Explicit named exports only (no `export *`), so every name
 * here is deliberate API. Type re-exports use `export type` (isolatedModules).
 */
export { ModelInputError } from "./errors";
export type { Provenance, ProvenanceKind, Sourced } from "./provenance";
export { sourced } from "./provenance";
export type { Rng } from "./sim/rng";
export { createRng } from "./sim/rng";

export type { Quantity } from "./units";
export { toBytes, toBytesPerSecond, toHours, toJoules, toPlainNumber, toSeconds, toWatts } from "./units";

export type { FleetHorizon } from "./reliability";
export {
  deviceHoursPerInterruption, expectedFailures, failuresPerDay, fleetAvailability, fleetMtbf, observedMtbf,
  probabilityNoFailure, replicatedAvailability, sloViolationProbability,
} from "./reliability";

export type { ErlangCInput, PollaczekKhinchineInput } from "./scheduling/queueing";
export { erlangC, erlangCWait, littlesLaw, pollaczekKhinchineWait } from "./scheduling/queueing";
export type { DrfAllocation, DrfInput } from "./scheduling/drf";
export { dominantResourceFairness, dominantShare } from "./scheduling/drf";
export type { ClusterShape, NetworkModel, RingHops } from "./scheduling/topology";
export { communicationEfficiency, DEFAULT_NETWORK, defaultNetwork, hopAllReduceSeconds, ringHops, switchHops } from "./scheduling/topology";
export type { LocalityConstraint, PlacementPolicy } from "./scheduling/placement";
export type { FragmentationResult, WaitStats } from "./scheduling/metrics";
export { fragmentation, fragmentationFromNodes, percentileSorted, waitStats } from "./scheduling/metrics";
export type {
  BackfillMode, ClusterConfig, DeviceGeneration, JobClass, QueueOrder, ResolvedClusterConfig, SpotConfig, TenantConfig,
} from "./scheduling/cluster-config";
export { resolveClusterConfig } from "./scheduling/cluster-config";
export type { ClusterReport } from "./scheduling/cluster-simulator";
export { simulateCluster } from "./scheduling/cluster-simulator";

export type { BitFlip, DetectorCosts, DetectorScore, FaultKind, FlipImpact, SdcCampaign, ActivationChecksums } from "./sdc";
export {
  activationChecksumFlops, activationChecksumOk, crc32, createActivationChecksums, detectorCosts, findMisclassifyingFlip,
  findQuietFlip, flipBit, flipImpact, injectFaults, weightChecksum,
} from "./sdc";
export type { ComputeFault, ForwardTrace, LayerShape, LightBatch, PerceptionModel, TrafficLight } from "./perception-model";
export {
  bitsToFloat32, classify, cloneModel, createPerceptionModel, float32ToBits, forwardFlops, forwardTrace, meanCrossEntropy,
  softmax, trafficLightSamples, TRAFFIC_LIGHTS,
} from "./perception-model";
export type { PlatformCosts, ToilBreakdown, ToilCosts } from "./operations";
export { DEFAULT_TOIL_COSTS, manualToil, manualToilBreakdown, platformBreakEven, platformRoi, platformToil } from "./operations";
export type { BernoulliSprt, ReleaseCycleCheck, SprtBoundaries, SprtExpectedSamples, SprtRun, SprtSimulation } from "./canary";
export {
  canarySampleSize, ONE_WEEK_SECONDS, releaseCycleCheck, ruleOfThree, runSprt, shadowDuration, simulateSprt, sprtBoundaries,
  sprtExpectedSampleSize, sprtIncrement, zeroFailureUpperBound,
} from "./canary";
export type { AlertTradeoff, BandedValue, Sidedness, SliceDetection, SliceMonitoringDay, SliceMonitoringOptions } from "./monitoring";
export {
  alertTradeoff, bonferroniThreshold, detectionProbability, falseAlarmRate, familywiseFalseAlarm, normalCdf, normalQuantile,
  simulateSliceMonitoring, sliceDetection,
} from "./monitoring";
export type { ContractCheck, EnsembleSkewResult, FeatureContract, FeatureExtractor, FeatureStats, LinearClassifier, RawBatch } from "./ensemble";
export {
  accuracy, checkFeatureContract, createFeatureContract, ensembleSkewExperiment, EXTRACTOR_V1, EXTRACTOR_V2, fnv1a32,
  trainLeastSquares, wakeWordFrames,
} from "./ensemble";
export type { FaultToleranceTrack, FleetOrchTrack, MlIntroTrack, OpsScaleTrack, Track, TrackId } from "./catalog/tracks";
export { track, TRACK_IDS, TRACKS } from "./catalog/tracks";
export type { ModelFunctionSpec, ModelParamSpec } from "./registry";
export { MODEL_FUNCTIONS, modelFunction } from "./registry";
