/**
 * Each mission's figures for each track: the plans' crisis numbers, every one Sourced with
 * complete provenance, and the only numbers its parameters hold besides the model's own
 * sourced defaults (the cluster network a ring runs on). The personas are the
 * missions' own texts, and each track's reads the same in every mission.
 */
import { fleetMtbf } from "../../model/reliability";
import { DEFAULT_NETWORK } from "../../model/scheduling/topology";
import type { Sourced } from "../../model/provenance";
import { TRACK_IDS, type TrackId } from "../authoring/types";
import { FAULT_TOLERANCE_FIGURES, faultTolerance } from "./fault-tolerance";
import { FLEET_ORCH_FIGURES, fleetOrch } from "./fleet-orch";
import { MISSIONS } from "./index";
import { ML_INTRO_FIGURES, mlIntro } from "./ml-intro";
import { OPS_SCALE_FIGURES, opsScale } from "./ops-scale";

const FIGURES: [string, Readonly<Record<TrackId, object>>, (t: TrackId) => unknown][] = [
  [mlIntro.id, ML_INTRO_FIGURES, mlIntro.params], [faultTolerance.id, FAULT_TOLERANCE_FIGURES, faultTolerance.params],
  [fleetOrch.id, FLEET_ORCH_FIGURES, fleetOrch.params], [opsScale.id, OPS_SCALE_FIGURES, opsScale.params],
];

function sourcedValues(o: object): Sourced[] {
  return Object.values(o).filter((v): v is Sourced => typeof v === "object" && v !== null && "provenance" in v);
}

/** Every number in a plain object tree. */
function numbers(v: unknown): number[] {
  if (typeof v === "number") return [v];
  if (v && typeof v === "object") return Object.values(v).flatMap(numbers);
  return [];
}

describe("the missions' figures", () => {
  it("every mission offers the four tracks, and tells each track's persona and north star the same way", () => {
    for (const m of MISSIONS) expect(Object.keys(m.tracks)).toEqual([...TRACK_IDS]);
    for (const t of TRACK_IDS) {
      expect(new Set(MISSIONS.map((m) => m.tracks[t]?.persona)).size).toBe(1);
      expect(new Set(MISSIONS.map((m) => m.tracks[t]?.northStar)).size).toBe(1);
    }
    expect(mlIntro.tracks.cloud_titan?.persona).toBe("LLM Architect");
    expect(mlIntro.tracks.tiny_pioneer?.northStar).toMatch(/1mW/);
  });
  it("carry the mission plans' crisis figures", () => {
    expect(TRACK_IDS.map((t) => ML_INTRO_FIGURES[t].nodes.value)).toEqual([25_000, 500_000, 1e9, 10_000]);
    expect(FAULT_TOLERANCE_FIGURES.cloud_titan.nodes.value).toBe(16_384);
    expect(FAULT_TOLERANCE_FIGURES.mobile_nomad.resumeTargetSeconds.value).toBe(0.1);
    expect(FAULT_TOLERANCE_FIGURES.tiny_pioneer.holdUpSeconds.value).toBe(0.01);
    expect(FLEET_ORCH_FIGURES.cloud_titan.jobGpus.value).toBe(64);
    expect(OPS_SCALE_FIGURES.cloud_titan.models.value).toBe(50);
  });
  it("Cloud Titan's cluster has the plan's 4 h fleet MTBF", () => {
    const m = FAULT_TOLERANCE_FIGURES.cloud_titan;
    expect(fleetMtbf(m.nodeMtbfHours.value, m.nodes.value)).toBe(4);
  });
  it.each(FIGURES.map(([id, figures]) => [id, figures] as const))("%s: every number is Sourced with complete provenance and a finite value", (_id, figures) => {
    for (const t of TRACK_IDS) {
      const values = sourcedValues(figures[t]);
      expect(values.length).toBeGreaterThan(5);
      for (const v of values) {
        expect(Number.isFinite(v.value)).toBe(true);
        expect(v.provenance.ref).toBeTruthy();
        if (["illustrative", "estimate", "derived"].includes(v.provenance.kind)) expect(v.provenance.notes).toBeTruthy();
        if (["datasheet", "literature", "industry_report"].includes(v.provenance.kind)) expect(v.provenance.url).toBeTruthy();
      }
    }
  });
  it("probabilities are probabilities", () => {
    for (const t of TRACK_IDS) {
      const m08 = FLEET_ORCH_FIGURES[t], m12 = OPS_SCALE_FIGURES[t];
      for (const p of [ML_INTRO_FIGURES[t].nodeAvailability, m08.load, m12.heterogeneity, m12.canaryFraction, m12.failureRate]) {
        expect(p.value).toBeGreaterThanOrEqual(0);
        expect(p.value).toBeLessThanOrEqual(1);
      }
    }
  });
  it.each(FIGURES.flatMap(([id, figures, params]) => TRACK_IDS.map((t) => [id, t, figures, params] as const)))(
    "%s on %s: every number of the parameters is one of the track's figures", (_id, t, figures, params) => {
      const sourced = new Set([...sourcedValues(figures[t]), ...sourcedValues(DEFAULT_NETWORK)].map((s) => s.value));
      const used = numbers(params(t));
      expect(used.length).toBeGreaterThan(0);
      for (const n of used) expect(sourced.has(n) ? n : `${n} is not a figure`).toBe(n);
    });
});
