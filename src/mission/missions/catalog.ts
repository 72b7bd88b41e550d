/**
 * FleetLab's own missions by id, in course order, each loaded on first use: a notebook that
 * opens one mission pays for that mission's file and its definition checks only (mission 08's
 * checks run its cluster simulations on every track).
 */
import type { Mission } from "fleetlab/mission";

/* eslint-disable @typescript-eslint/no-require-imports */
const LOADERS = {
  "01_ml_intro": () => (require("./ml-intro") as typeof import("./ml-intro")).mlIntro,
  "07_fault_tolerance": () => (require("./fault-tolerance") as typeof import("./fault-tolerance")).faultTolerance,
  "08_fleet_orch": () => (require("./fleet-orch") as typeof import("./fleet-orch")).fleetOrch,
  "12_ops_scale": () => (require("./ops-scale") as typeof import("./ops-scale")).opsScale,
} satisfies Record<string, () => Mission>;
/* eslint-enable @typescript-eslint/no-require-imports */

export type BuiltInMissionId = keyof typeof LOADERS;

/** The built-in mission ids, in course order. */
export const BUILT_IN_MISSION_IDS = Object.keys(LOADERS) as BuiltInMissionId[];

export function isBuiltInMission(id: string): id is BuiltInMissionId {
  return Object.hasOwn(LOADERS, id);
}

/** The built-in mission `id`, loading its file on first use. */
export function loadBuiltInMission(id: BuiltInMissionId): Mission {
  return LOADERS[id]();
}
