/**
 * What a grading run judges by, computed in the grading process: the answer keys of each
 * (mission, track) and each mission's handed-out notebook, once per run, whatever number of
 * workers ask. A worker asks for the tracks a record visits (worker-job.ts); the scores use
 * the same model. A fresh worker per submission thus runs no simulation of its own.
 */
import { missionKeys, type AnswerKey } from "../../grading/answer-key";
import { missionNotebook } from "../../authoring/notebook";
import type { Mission, TrackId } from "../../authoring/types";
import type { GraderReference, ReferenceRequest } from "../../grading/evidence";

/** The run's reference: what a worker asks for, and the keys the scores use (the same ones). */
export interface RunReference {
  /** @throws naming what is wrong with the request */
  forWorker(request: ReferenceRequest): GraderReference;
  keys(mission: Mission<unknown>, track: TrackId): AnswerKey[];
}

/**
 * The reference of one grading run. A worker's request is checked first: the worker that sends
 * it has read a student's bytes.
 */
export function graderReference(missionFor: (id: string, missionFile: string | null) => Mission<unknown>): RunReference {
  const keys = new Map<string, AnswerKey[]>();
  const notebooks = new Map<string, GraderReference["handedOut"]>();
  const once = <T>(cache: Map<string, T>, at: string, make: () => T): T => {
    let v = cache.get(at);
    if (v === undefined) cache.set(at, (v = make()));
    return v;
  };
  const keysOf = (mission: Mission<unknown>, t: TrackId) => once(keys, `${mission.id}\u0000${t}`, () => missionKeys(mission, t));
  const forWorker = (r: ReferenceRequest): GraderReference => {
    if (!r || typeof r.mission !== "string" || !(r.missionFile === null || typeof r.missionFile === "string") || !Array.isArray(r.tracks)) {
      throw new Error("a reference request names a mission, its file (or null) and a list of tracks");
    }
    const mission = missionFor(r.mission, r.missionFile);
    const tracks = [...new Set(r.tracks)];
    const unknown = tracks.filter((t) => typeof t !== "string" || !Object.hasOwn(mission.tracks, t));
    if (unknown.length > 0) throw new Error(`mission ${mission.id} has no track ${unknown.map(String).join(", ")}`);
    const missionFile = r.missionFile;
    return {
      keys: (tracks as TrackId[]).flatMap((t) => keysOf(mission, t)),
      handedOut: once(notebooks, `${mission.id}\u0000${missionFile ?? ""}`, () => missionNotebook(mission, missionFile ? { missionFile } : {})),
    };
  };
  return { forWorker, keys: keysOf };
}
