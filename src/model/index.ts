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
export type { EventBudget } from "./sim/event-budget";
export { DEFAULT_MAX_EVENTS, SimulationBudgetError } from "./sim/event-budget";
export { workTally } from "./sim/work-tally";

export type { Quantity } from "./units";
export { toBytes, toBytesPerSecond, toHours, toJoules, toPlainNumber, toSeconds, toWatts } from "./units";

export type { FleetHorizon } from "./reliability";
export {
  deviceHoursPerInterruption, expectedFailures, failuresPerDay, fleetAvailability, fleetMtbf, observedMtbf,
  probabilityNoFailure, replicatedAvailability, sloViolationProbability,
} from "./reliability";

export type { AllReduceAlgorithm, AllReduceOptions } from "./communication";
export {
  ALL_REDUCE_ALGORITHMS, allReduceTime, communicationIntensity, dataParallelCommunicationIntensity,
  recursiveDoublingAllReduceTime, ringAllReduceTime, treeAllReduceTime,
} from "./communication";
export type { StragglerOptions } from "./communication-stragglers";
export { backupWorkersStepTime, expectedSlowestStepTime, harmonicNumber } from "./communication-stragglers";
export type { CriticalNodeCount, DataParallelJob, DataParallelStep, SyncAsyncComparison } from "./communication-scaling";
export { criticalNodeCount, dataParallelGoodput, dataParallelStepTime, syncVsAsyncSgd } from "./communication-scaling";

export type { CheckpointedRun, OverheadSplit } from "./checkpoint-interval";
export { dalyInterval, expectedWallTime, overheadSplit, youngDalyInterval, youngOverhead } from "./checkpoint-interval";
export type { CheckpointStorm, CheckpointStormOptions, StaggeredCheckpoint, StaggeredCheckpointOptions, StagingBuffer, StagingBufferOptions, StagingMode, StagingOptions, StagingPlan } from "./checkpoint-staging";
export { checkpointBytes, checkpointStorm, staggeredCheckpoint, STAGING_MODES, stagingBuffer, stagingPlan } from "./checkpoint-staging";
export type { BrownoutSave, BrownoutSaveOptions, IncrementalResumeOptions } from "./device-state";
export { brownoutSave, capacitorEnergy, incrementalResumeTime, maxDirtyFractionForDeadline } from "./device-state";
export type { IntervalScan, IntervalScanRow, TrainingRunResult } from "./sim/training-run";
export { scanCheckpointIntervals, simulateTrainingRun } from "./sim/training-run";

export type { GpuSpec, LinkSpec, ModelSpec, RootCause, TransformerConfig } from "./catalog/index";
export {
  A100_80GB, B200, BYTES_PER_PARAMETER, ETHERNET_100G, ETHERNET_400G, ETHERNET_800G, FABRICS, GPUS, H100_RIDGE_FLOPS_PER_BYTE,
  H100_SXM, INFINIBAND_HDR, INFINIBAND_NDR, INFINIBAND_XDR, LLAMA3_405B_RUN, LLAMA3_70B, LLAMA3_70B_SIZES, LLAMA3_ROOT_CAUSES,
  MCU_SUPPLY_VOLTS, MLSYSIM_MTTF_HOURS, MODEL_175B, MODEL_175B_GRADIENT_BYTES, MODELS, NONVOLATILE_MEMORY, NVLINK3, NVLINK4,
  NVLINK5, OPT_175B_RUN, PCIE_GEN5_X16, S3_PUTS_PER_SECOND_PER_PREFIX, STORAGE_TIERS, WRITE_JOULES_PER_BYTE,
} from "./catalog/index";

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
export { DEFAULT_CPUS_PER_GPU, resolveClusterConfig } from "./scheduling/cluster-config";
export type { ClusterReport } from "./scheduling/cluster-simulator";
export { requireFinished, simulateCluster } from "./scheduling/cluster-simulator";

export type { BitFlip, DetectorCosts, DetectorScore, FaultKind, FlipImpact, FlipPopulation, SdcCampaign, ActivationChecksums } from "./sdc";
export {
  activationChecksumFlops, activationChecksumOk, crc32, createActivationChecksums, detectorCosts, findMisclassifyingFlip,
  findQuietFlip, flipBit, flipImpact, flipPopulation, injectFaults, weightChecksum,
} from "./sdc";
export type { ComputeFault, ForwardTrace, LayerShape, LightBatch, PerceptionModel, TrafficLight } from "./perception-model";
export {
  bitsToFloat32, classify, cloneModel, createPerceptionModel, denseLayers, float32ToBits, forwardFlops, forwardTrace, meanCrossEntropy,
  softmax, trafficLightSamples, TRAFFIC_LIGHTS,
} from "./perception-model";
export type { PlatformCosts, ToilBreakdown, ToilCosts } from "./operations";
export { DEFAULT_TOIL_COSTS, manualToil, manualToilBreakdown, platformBreakEven, platformRoi, platformToil } from "./operations";
export type { BernoulliSprt, ReleaseCycleCheck, SprtBoundaries, SprtExpectedSamples, SprtRun, SprtSimulation } from "./canary";
export {
  canarySampleSize, ONE_WEEK_SECONDS, releaseCycleCheck, ruleOfThree, runSprt, shadowDuration, simulateSprt, sprtBoundaries,
  sprtExpectedSampleSize, sprtIncrement, zeroFailureUpperBound,
} from "./canary";
export type {
  AlertNoise, AlertNoiseOptions, AlertTradeoff, BandedValue, ModelAlertNoise, Sidedness, SliceDetection, SliceMonitoringDay, SliceMonitoringOptions,
} from "./monitoring";
export {
  alertNoise, alertTradeoff, bonferroniThreshold, detectionProbability, falseAlarmRate, familywiseFalseAlarm, modelNoiseScales, normalCdf, normalQuantile,
  simulateSliceMonitoring, sliceDetection,
} from "./monitoring";
export type { ContractCheck, EnsembleSkewResult, FeatureContract, FeatureExtractor, FeatureStats, LinearClassifier, RawBatch } from "./ensemble";
export {
  accuracy, checkFeatureContract, createFeatureContract, ensembleSkewExperiment, EXTRACTOR_V1, EXTRACTOR_V2, fnv1a32,
  trainLeastSquares, wakeWordFrames,
} from "./ensemble";
export type { ModelFunctionSpec, ModelParamSpec } from "./registry";
export { MODEL_FUNCTIONS, modelFunction } from "./registry";
