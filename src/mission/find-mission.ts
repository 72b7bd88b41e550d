/**
 * Finds the mission a notebook or a cell names: a built-in mission by id ("01_ml_intro"),
 * or a mission file (a path ending in .ts) resolved against the notebook's folder.
 */
import path from "path";
import { messages } from "./authoring/messages";
import { isMissionFile, loadMissionFile } from "./authoring/mission-file";
import type { Mission } from "./authoring/types";

/** FleetLab's own missions, in course order (loaded on first use: each imports `fleetlab/mission`). */
export function builtInMissions(): readonly Mission<unknown>[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("./missions/index") as typeof import("./missions/index")).MISSIONS;
}

/** The built-in mission with this id; throws naming the known ids. */
export function missionById(id: string): Mission<unknown> {
  const all = builtInMissions();
  const m = all.find((x) => x.id === id);
  if (!m) throw new RangeError(messages.unknownMission(id, all.map((x) => x.id)));
  return m;
}

/** The mission `ref` names: a mission file relative to `folder` (the notebook's), else a built-in id. */
export function findMission(ref: string, folder = process.cwd()): Mission<unknown> {
  return isMissionFile(ref) ? loadMissionFile(path.resolve(folder, ref)) : missionById(ref);
}

/** What a notebook's metadata.fleetlab says about its mission. */
export interface NotebookMissionRef {
  /** The mission's id. */
  mission: string;
  /** The mission file, relative to the notebook (course missions); absent for a built-in. */
  missionFile?: string;
}

/** The mission of a notebook at `notebookFile` with this metadata: its mission file beside it, or the built-in. */
export function notebookMission(ref: NotebookMissionRef, notebookFile: string): Mission<unknown> {
  const m = ref.missionFile ? findMission(ref.missionFile, path.dirname(path.resolve(notebookFile))) : missionById(ref.mission);
  if (m.id !== ref.mission) throw new RangeError(`metadata.fleetlab.mission is "${ref.mission}" but ${ref.missionFile} defines "${m.id}"`);
  return m;
}
