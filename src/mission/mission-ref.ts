/**
 * What a mission reference names: a built-in mission by id ("01_ml_intro"), or a mission
 * file ("15_edge_ai.ts"). Built-in missions load in every host; loading a file needs a
 * TypeScript compiler and a file system, so it is the host's (session/host.ts).
 */
import { messages } from "./authoring/messages";
import type { Mission } from "./authoring/types";
import { BUILT_IN_MISSION_IDS, isBuiltInMission, loadBuiltInMission } from "./missions/catalog";

/** Whether a mission reference names a file rather than a built-in mission id. */
export function isMissionFile(ref: string): boolean {
  return /\.[cm]?ts$/.test(ref);
}

/** FleetLab's own missions, in course order (each file loads on first use: it imports `fleetlab/mission`). */
export function builtInMissions(): readonly Mission<unknown>[] {
  return BUILT_IN_MISSION_IDS.map(loadBuiltInMission);
}

/** The built-in mission with this id, loading only its file; throws naming the known ids. */
export function missionById(id: string): Mission<unknown> {
  if (!isBuiltInMission(id)) throw new RangeError(messages.unknownMission(id, BUILT_IN_MISSION_IDS));
  return loadBuiltInMission(id);
}
