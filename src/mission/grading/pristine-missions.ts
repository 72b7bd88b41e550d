/**
 * The missions a grader trusts: FleetLab's built-in missions from the installed package,
 * and a course's missions from the grader's own copies of their files (`--missions DIR`).
 * A mission file beside a submission is never loaded: the student may have edited it.
 */
import fs from "fs";
import path from "path";
import { isMissionFile, loadMissionFile } from "../authoring/mission-file";
import type { Mission } from "../authoring/types";
import { missionById } from "../find-mission";
import { isBuiltInMission } from "../missions/catalog";

export interface PristineMissions {
  /** The pristine mission a notebook names. @throws naming the mission and why the grader has no copy */
  missionFor(id: string, missionFile: string | null): Mission<unknown>;
}

/** Missions by id: the built-ins, and `courseMissions` (id → file) loaded on first use. */
export function pristineMissions(courseMissions: Record<string, string>): PristineMissions {
  const loaded = new Map<string, Mission<unknown>>();
  return {
    missionFor(id, missionFile) {
      const file = Object.hasOwn(courseMissions, id) ? courseMissions[id] : undefined;
      if (file) {
        let m = loaded.get(id);
        if (!m) loaded.set(id, (m = loadMissionFile(file)));
        return m;
      }
      if (isBuiltInMission(id)) return missionById(id); // loads that mission's file only
      if (missionFile) {
        throw new Error(`the notebook's mission "${id}" is a course mission (${missionFile}) and the grader has no pristine copy of it: give the course's mission files with --missions DIR (a mission file beside a submission is never trusted)`);
      }
      return missionById(id); // throws naming the known missions
    },
  };
}

/**
 * The course mission files in `dir`, by the id each defines.
 * @throws Error naming the folder or the file that cannot be loaded, or two files with one id
 */
export function courseMissionFiles(dir: string): Record<string, string> {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter(isMissionFile).sort();
  } catch (e) {
    throw new Error(`--missions ${dir}: cannot read the folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (names.length === 0) throw new Error(`--missions ${dir}: no mission files (*.ts) in it`);
  const byId: Record<string, string> = {};
  for (const name of names) {
    const file = path.resolve(dir, name);
    const m = loadMissionFile(file);
    if (Object.hasOwn(byId, m.id)) throw new Error(`--missions ${dir}: ${name} and ${path.basename(byId[m.id])} both define mission ${m.id}`);
    byId[m.id] = file;
  }
  return byId;
}
