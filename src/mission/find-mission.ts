/**
 * Finds the mission a notebook or a cell names in Node: a built-in mission by id
 * ("01_ml_intro"), or a mission file (a path ending in .ts) resolved against the
 * notebook's folder and compiled (authoring/mission-file.ts).
 */
import path from "path";
import { loadMissionFile } from "./authoring/mission-file";
import type { Mission } from "./authoring/types";
import { isMissionFile, missionById } from "./mission-ref";

export { builtInMissions, missionById } from "./mission-ref";

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
