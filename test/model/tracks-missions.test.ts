/**
 * Cross-layer: every mission reads its per-track parameters from the tracks catalog,
 * so each track a mission offers exists there, and every number a mission's
 * parameters hold is one of the catalog's Sourced values for that mission.
 */
import { TRACKS, type Track } from "../../src/model/catalog/tracks";
import { MISSIONS } from "../../src/mission/missions/index";
import type { TrackId } from "../../src/mission/authoring/types";

/** Every number in a plain object tree. */
function numbers(v: unknown): number[] {
  if (typeof v === "number") return [v];
  if (v && typeof v === "object") return Object.values(v).flatMap(numbers);
  return [];
}

describe.each(MISSIONS.map((m) => [m.id, m] as const))("%s reads its tracks from the catalog", (id, mission) => {
  const key = id.slice(0, 2) as keyof Track["missions"];
  const tracks = Object.keys(mission.tracks) as TrackId[];

  it("offers only catalog tracks, each with an entry for this mission", () => {
    expect(tracks.length).toBeGreaterThan(0);
    for (const t of tracks) {
      expect(TRACKS[t]).toBeDefined();
      expect(TRACKS[t].missions[key]).toBeDefined();
    }
  });

  it.each(tracks)("%s: every parameter number is a catalog value", (t) => {
    const catalog = new Set(Object.values(TRACKS[t].missions[key]).flatMap((s) => (s && typeof s === "object" && "value" in s ? [s.value] : [])));
    const used = numbers(mission.params(t));
    expect(used.length).toBeGreaterThan(0);
    for (const n of used) expect(catalog.has(n) ? n : `${n} is not in the catalog`).toBe(n);
  });
});
