/**
 * Mission 08 part 3's cost gauge (the CFO's bet) against closed forms: without spot it is the
 * on-demand cost itself; with spot nodes that are never reclaimed a job holds the GPU-hours it
 * holds on demand, so the cost is the discount alone, 1 − s·d; a static ring pays for its
 * restarts and rework on top (an elastic one may not: it holds fewer GPUs while nodes are away).
 */
import { TRACK_IDS } from "../../src/mission/authoring/types";
import { costVsOnDemand, trackParams } from "../../src/mission/missions/fleet-orch";

/** Reclaims so rare that none falls within a run. */
const NEVER = 1e12;

describe("mission 08 part 3: training cost against all on-demand", () => {
  it.each([...TRACK_IDS])("%s: 1 without spot; 1 − s·d when spot nodes are never reclaimed", (track) => {
    const p = trackParams(track);
    expect(costVsOnDemand(p, 0, "static")).toBe(1);
    for (const s of [0.2, 0.6, 1]) {
      for (const ring of ["static", "elastic"] as const) expect(costVsOnDemand(p, s, ring, NEVER)).toBeCloseTo(1 - s * p.spotDiscount, 9);
    }
  });

  it.each([...TRACK_IDS])("%s: all spot, a static ring pays for restarts and rework beyond the discount, and at least what an elastic one pays", (track) => {
    const p = trackParams(track);
    const statik = costVsOnDemand(p, 1, "static"), elastic = costVsOnDemand(p, 1, "elastic");
    expect(statik).toBeGreaterThan(1 - p.spotDiscount);
    expect(statik).toBeGreaterThanOrEqual(elastic);
  });
});
