/**
 * FleetLab's own missions, in course order. Each is a mission file on the public API
 * (`fleetlab`, `fleetlab/mission`), written as a course's would be. Importing this module
 * loads all four; `missionById` (find-mission.ts) loads only the one asked for.
 */
import type { Mission } from "fleetlab/mission";
import { BUILT_IN_MISSION_IDS, loadBuiltInMission } from "./catalog";

/** Every built-in mission, in course order. */
export const MISSIONS: readonly Mission[] = BUILT_IN_MISSION_IDS.map(loadBuiltInMission);
