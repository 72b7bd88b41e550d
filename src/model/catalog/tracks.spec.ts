import { fleetMtbf } from "../reliability";
import { TRACK_IDS, TRACKS, track } from "./tracks";
import type { Sourced } from "../provenance";

function sourcedValues(o: object): Sourced[] {
  return Object.values(o).filter((v): v is Sourced => typeof v === "object" && v !== null && "provenance" in v);
}

describe("tracks catalog", () => {
  it("has the four tracks with persona and north star", () => {
    expect(Object.keys(TRACKS)).toEqual([...TRACK_IDS]);
    expect(TRACKS.cloud_titan.persona).toBe("LLM Architect");
    expect(TRACKS.tiny_pioneer.northStar).toMatch(/1mW/);
  });
  it("carries the mission plans' crisis figures", () => {
    expect(TRACK_IDS.map((t) => TRACKS[t].missions["01"].nodes.value)).toEqual([25_000, 500_000, 1e9, 10_000]);
    expect(TRACKS.cloud_titan.missions["07"].nodes.value).toBe(16_384);
    expect(TRACKS.mobile_nomad.missions["07"].resumeTargetSeconds.value).toBe(0.1);
    expect(TRACKS.tiny_pioneer.missions["07"].holdUpSeconds.value).toBe(0.01);
    expect(TRACKS.cloud_titan.missions["08"].jobGpus.value).toBe(64);
    expect(TRACKS.cloud_titan.missions["12"].models.value).toBe(50);
    expect(TRACKS.mobile_nomad.missions["12"].regions.value).toBe(10);
    expect(TRACKS.tiny_pioneer.missions["08"].deviceGenerations.value).toBe(3);
  });
  it("Cloud Titan's cluster has the plan's 4 h fleet MTBF", () => {
    const m = TRACKS.cloud_titan.missions["07"];
    expect(fleetMtbf(m.nodeMtbfHours.value, m.nodes.value)).toBe(4);
  });
  it("every number is Sourced with complete provenance and a finite value", () => {
    for (const id of TRACK_IDS) {
      for (const mission of Object.values(TRACKS[id].missions)) {
        const values = sourcedValues(mission);
        expect(values.length).toBeGreaterThan(5);
        for (const v of values) {
          expect(Number.isFinite(v.value)).toBe(true);
          expect(v.provenance.ref).toBeTruthy();
          if (["illustrative", "estimate", "derived"].includes(v.provenance.kind)) expect(v.provenance.notes).toBeTruthy();
          if (["datasheet", "literature", "industry_report"].includes(v.provenance.kind)) expect(v.provenance.url).toBeTruthy();
        }
      }
    }
  });
  it("probabilities are probabilities", () => {
    for (const id of TRACK_IDS) {
      const m = TRACKS[id].missions;
      for (const p of [m["01"].nodeAvailability, m["08"].load, m["08"].spotFraction, m["12"].heterogeneity, m["12"].canaryFraction, m["12"].failureRate]) {
        expect(p.value).toBeGreaterThanOrEqual(0);
        expect(p.value).toBeLessThanOrEqual(1);
      }
    }
  });
  it("rejects an unknown track id", () => expect(() => track("cloud")).toThrow(/track: id must be one of cloud_titan/));
});
