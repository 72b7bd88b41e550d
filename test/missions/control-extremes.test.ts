/**
 * Every widget value a student can set, on the four shipped missions: each control at its
 * extremes (and each toggle and choice value) on every part and track keeps every instrument
 * finite and every update within its work budget, counted in model steps (never timed), and
 * every gauge's range fits what it shows on each track; the values the issue tracker
 * reported are pinned.
 */
import { controlSettings, gaugeFitProblems, GAUGE_MIN_REACH, sweepControlExtremes, UPDATE_WORK_BUDGET, type UpdateOutcome } from "../../src/mission/authoring/control-extremes";
import { MISSIONS } from "../../src/mission/missions/index";
import { missionById } from "../../src/mission/find-mission";
import { resolveControl, trackContext } from "../../src/mission/authoring/resolve";
import type { TrackId } from "../../src/mission/authoring/types";

const outcomes = new Map<string, UpdateOutcome[]>(MISSIONS.map((m) => [m.id, sweepControlExtremes(m)]));
const find = (mission: string, track: TrackId, part: string, label: string) =>
  outcomes.get(mission)!.find((o) => o.track === track && o.part === part && o.setting.label === label)!;

describe.each(MISSIONS.map((m) => [m.id]))("%s at every control extreme", (id) => {
  const mission = missionById(id);
  it("covers every track, part, control end, toggle and choice value, and the all-min / all-max combinations", () => {
    const seen = outcomes.get(id)!;
    for (const t of Object.keys(mission.tracks) as TrackId[]) {
      const ctx = trackContext(mission, t);
      for (const part of mission.parts) {
        const labels = seen.filter((o) => o.track === t && o.part === part.id).map((o) => o.setting.label);
        expect(labels[0]).toBe("defaults");
        for (const c of part.workbench.controls) {
          const r = resolveControl(c, ctx);
          const values = r.kind === "slider" ? [r.min, r.max] : r.kind === "toggle" ? [true, false] : r.choices;
          for (const v of values) {
            const atDefault = v === r.default;
            expect(atDefault || labels.some((l) => l.startsWith(`${c.id} = `) && seen.find((o) => o.track === t && o.part === part.id && o.setting.label === l)!.setting.values[c.id] === v)).toBe(true);
          }
        }
        if (part.workbench.controls.length > 1) {
          expect(labels.filter((l) => l.startsWith("all controls at min") || l.startsWith("all controls at max"))).toHaveLength(2);
        }
      }
    }
  });
  it("every instrument is finite (or a plot has rows) and nothing throws or stops at a simulation budget", () => {
    const failing = outcomes.get(id)!.filter((o) => o.problems.length > 0).map((o) => `${o.track} ${o.part} ${o.setting.label}: ${JSON.stringify(o.problems)}`);
    expect(failing).toEqual([]);
  });
  it(`every gauge's range holds every value it shows on every track, and reaches at least ${100 * GAUGE_MIN_REACH} % of it`, () => {
    expect(gaugeFitProblems(mission, outcomes.get(id)!)).toEqual([]);
  });
  it(`every update needs at most ${UPDATE_WORK_BUDGET.toLocaleString("en-US")} steps of model work`, () => {
    for (const o of outcomes.get(id)!) {
      expect(o.overBudget).toBe(false);
      expect(o.steps).toBeLessThanOrEqual(UPDATE_WORK_BUDGET);
    }
  });
});

describe("the issue tracker's values", () => {
  it("mission 08 part 3, Cloud Titan, Preemption Frequency Scrubber at its 5 h minimum: finishes, finite, within budget", () => {
    const o = find("08_fleet_orch", "cloud_titan", "elastic_buffer", "preempt_mtbf = 5 (min)");
    expect(o.problems).toEqual([]);
    // Twelve simulations of 400 jobs each (the spot curve), the heaviest ~52,000 events: bounded and counted.
    expect(o.steps).toBeGreaterThan(100_000);
    expect(o.steps).toBeLessThan(UPDATE_WORK_BUDGET);
    const part = missionById("08_fleet_orch").parts.find((p) => p.id === "elastic_buffer")!;
    const ctx = trackContext(missionById("08_fleet_orch"), "cloud_titan");
    const converge = part.workbench.instruments.find((i) => i.id === "converge")!;
    const hours = converge.compute({ spot: 20, elastic: false, preempt_mtbf: 5 }, ctx, []) as number;
    expect(Number.isFinite(hours)).toBe(true);
    expect(hours).toBeGreaterThan(converge.compute({ spot: 20, elastic: false, preempt_mtbf: 20 }, ctx, []) as number);
  });
  it.each(["mobile_nomad", "tiny_pioneer"] as TrackId[])("mission 07 waterfall on %s at 100,000 nodes: finite shares that sum to 1", (t) => {
    const mission = missionById("07_fault_tolerance");
    const part = mission.parts.find((p) => p.id === "young_daly_audit")!;
    const ctx = trackContext(mission, t);
    const setting = controlSettings(part.workbench.controls, ctx).find((s) => s.label === "nodes = 100000 (max)")!;
    const waterfall = part.workbench.instruments.find((i) => i.id === "waterfall")!;
    const rows = waterfall.compute(setting.values, ctx, [setting.values]) as { share: string; fraction: number }[];
    for (const r of rows) expect(Number.isFinite(r.fraction)).toBe(true);
    expect(rows.reduce((s, r) => s + r.fraction, 0)).toBeCloseTo(1, 12);
    // The fleet fails far faster than it restarts: nearly all the time goes to restarts.
    expect(rows.find((r) => r.share === "Restart")!.fraction).toBeGreaterThan(0.99);
  });
});
