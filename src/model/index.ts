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
