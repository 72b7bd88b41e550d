/**
 * `fleetlab missions [--mission ID ...] [--track NAME|all] [--seed N] [--json]`: every part's
 * lock answer key and 10-iteration target for every track, computed from the missions'
 * definitions (no notebooks run). `--json` prints one array of
 * `{mission, part, track, lock: {kind, answer, unit, tolerance}, target: {value, unit, tolerance, maxAttempts} | null}`;
 * `--seed` re-seeds every simulator for the run (the published seeds otherwise).
 * Exit 0 printed, 1 a key failed to compute, 2 a usage error.
 */
import { missionKeys } from "../../mission/grading/answer-key";
import { summaryLines } from "../../mission/grading/summary";
import { withRunSeed } from "../../mission/authoring/seeds";
import { TRACK_IDS, type TrackId } from "../../mission/authoring/types";
import { BUILT_IN_MISSION_IDS, isBuiltInMission } from "../../mission/missions/catalog";
import { missionById } from "../../mission/find-mission";

const USAGE = "usage: fleetlab missions [--mission ID ...] [--track NAME|all] [--seed N] [--json]";

type Options = { missions: string[]; tracks: readonly TrackId[]; seed: number | null; json: boolean };

function parse(argv: string[]): Options | string {
  const o: Options = { missions: [], tracks: TRACK_IDS, seed: null, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : undefined);
    if (a === "--json") o.json = true;
    else if (a === "--mission") {
      const id = value();
      if (!id || !isBuiltInMission(id)) return `--mission must be one of ${BUILT_IN_MISSION_IDS.join(", ")} (got ${id === undefined ? "nothing" : `"${id}"`})`;
      o.missions.push(id);
    } else if (a === "--track") {
      const t = value();
      if (t === "all") o.tracks = TRACK_IDS;
      else if (t && (TRACK_IDS as readonly string[]).includes(t)) o.tracks = [t as TrackId];
      else return `--track must be one of ${TRACK_IDS.join(", ")} or all (got ${t === undefined ? "nothing" : `"${t}"`})`;
    } else if (a === "--seed") {
      const s = value();
      if (s === undefined || !/^\d+$/.test(s) || !Number.isSafeInteger(Number(s))) return `--seed must be a non-negative integer (got ${s === undefined ? "nothing" : `"${s}"`})`;
      o.seed = Number(s);
    } else return `unknown option "${a}"`;
  }
  return o;
}

/** Every key of the chosen missions and tracks, as the JSON the command prints. */
export function keyRecords(missionIds: readonly string[], tracks: readonly TrackId[]): object[] {
  return missionIds.flatMap((id) => {
    const m = missionById(id);
    return tracks.filter((t) => m.tracks[t]).flatMap((t) => missionKeys(m, t).map((k) => ({
      mission: k.mission, part: k.part, track: k.track,
      lock: { kind: k.lock.kind, answer: k.lock.answer, unit: k.lock.unit, tolerance: k.lock.tolerance ?? null },
      target: k.target ? { value: k.target.value, unit: k.target.unit, tolerance: k.target.tolerance, maxAttempts: k.target.maxAttempts } : null,
    })));
  });
}

export async function run(argv: string[]): Promise<number> {
  const o = parse(argv);
  if (typeof o === "string") {
    process.stderr.write(`fleetlab missions: ${o} (${USAGE})\n`);
    return 2;
  }
  const ids = o.missions.length > 0 ? BUILT_IN_MISSION_IDS.filter((id) => o.missions.includes(id)) : BUILT_IN_MISSION_IDS;
  // Loaded first, so a definition that does not load is told apart from a key that does not compute.
  try {
    ids.forEach((id) => missionById(id));
  } catch (e) {
    process.stderr.write(`fleetlab missions: ${(e as Error).message}\n`);
    return 1;
  }
  const print = () => (o.json ? JSON.stringify(keyRecords(ids, o.tracks), null, 1) : summaryLines(ids, o.tracks).join("\n"));
  try {
    process.stdout.write((o.seed === null ? print() : withRunSeed(o.seed, print)) + "\n");
    return 0;
  } catch (e) {
    process.stderr.write(`fleetlab missions: ${(e as Error).message}\n`);
    return 1;
  }
}
