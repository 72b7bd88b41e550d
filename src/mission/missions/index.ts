/**
 * FleetLab's own missions, in course order. Each is a mission file on the public API
 * (`fleetlab`, `fleetlab/mission`), written as a course's would be.
 */
import type { Mission } from "fleetlab/mission";
import { faultTolerance } from "./fault-tolerance";
import { fleetOrch } from "./fleet-orch";
import { mlIntro } from "./ml-intro";
import { opsScale } from "./ops-scale";

/** Every built-in mission, in course order. */
export const MISSIONS: readonly Mission[] = [mlIntro, faultTolerance, fleetOrch, opsScale];
