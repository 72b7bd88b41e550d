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
