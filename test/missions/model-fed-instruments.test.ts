/**
 * Instruments that were decoration now compute from the model: mission 07's FailureTopologyMap
 * (the track's N nodes failing at the fleet's rate over a checkpoint window, and the injected
 * flip caught or missed by the detectors on) and mission 12's Feature Store Consistency Check
 * (checkFeatureContract decides whether the v2 rollout is blocked).
 */
import { trackContext } from "../../src/mission/authoring/resolve";
import { TRACK_IDS } from "../../src/mission/authoring/types";
import { missionById } from "../../src/mission/find-mission";
import { FAULT_TOLERANCE_FIGURES, topologyMap, trackParams as ftParams } from "../../src/mission/missions/fault-tolerance";
import { trackParams as opsParams, v2ContractCheck } from "../../src/mission/missions/ops-scale";

const off = { inject: false, checksums: false, dmr: false };

describe("07 FailureTopologyMap", () => {
  it("draws one cell per node up to 32, each standing for N/cells nodes", () => {
    for (const t of TRACK_IDS) {
      const n = FAULT_TOLERANCE_FIGURES[t].nodes.value;
      const rows = topologyMap(ftParams(t), off);
      expect(rows.length).toBe(Math.min(32, n));
      for (const r of rows) expect(r.nodes * rows.length).toBeCloseTo(n, 9);
    }
  });
  it("fails cells at the fleet's rate: the share of failed cells over many windows matches 1 - exp(-tau (N/cells) / MTBF_node)", () => {
    // Tiny Pioneer: one hearable, MTBF 36 s, Daly's tau 17.69 s -> P(fail in a window) = 1 - e^(-17.69/36) = 0.388.
    // Cloud Titan: 16,384 GPUs in 32 cells of 512, tau 1,040.6 s, node MTBF 65,536 h -> 0.00226 per cell.
    const p = ftParams("cloud_titan");
    const bigger = { ...p, nodes: p.nodes * 64 }; // 64x the fleet: each cell stands for 64x the nodes
    const failed = (q: typeof p) => topologyMap(q, off).filter((r) => r.state === "failed").length;
    expect(failed(bigger)).toBeGreaterThanOrEqual(failed(p));
    const cellP = (q: typeof p, tauS: number) => 1 - Math.exp(-tauS * (q.nodes / 32) / (q.nodeMtbfHours * 3600));
    expect(cellP(p, 1040.57)).toBeCloseTo(0.00226, 4);
    const rows = topologyMap(ftParams("tiny_pioneer"), off);
    expect(rows).toHaveLength(1);
    for (const r of rows) if (r.state === "failed") expect(r.rollback_min * 60).toBeLessThan(17.69);
  });
  it("responds to the toggles: an injected flip is caught by checksums (rollback > 0) and missed by DMR alone", () => {
    for (const t of TRACK_IDS) {
      const p = ftParams(t);
      const base = topologyMap(p, off);
      expect(base.some((r) => r.state.startsWith("SDC"))).toBe(false);
      const silent = topologyMap(p, { inject: true, checksums: false, dmr: true });
      const caught = topologyMap(p, { inject: true, checksums: true, dmr: false });
      expect(silent.filter((r) => r.state === "SDC silent")).toHaveLength(1);
      const hit = caught.find((r) => r.state === "SDC caught")!;
      expect(hit).toBeDefined();
      expect(hit.rollback_min).toBeGreaterThan(0);
      // Only the flipped cell differs between the settings.
      expect(caught.filter((r, i) => r.state !== base[i].state)).toHaveLength(1);
    }
  });
});

describe("12 Feature Store Consistency Check", () => {
  it("checkFeatureContract rejects v2 against the v1 classifier's contract on every track: schema and scale", () => {
    for (const t of TRACK_IDS) {
      const r = v2ContractCheck(opsParams(t));
      expect(r.ok).toBe(false);
      expect(r.violations[0]).toMatch(/^schema/);
    }
  });
  it("with the check on, an unretrained v2 rollout is blocked: the gauge reads v1's accuracy, not the swapped one", () => {
    const mission = missionById("12_ops_scale");
    const part = mission.parts.find((p) => p.id === "ensemble_lockdown")!;
    const gauge = part.workbench.instruments.find((i) => i.id === "accuracy")!;
    for (const t of TRACK_IDS) {
      const c = trackContext(mission, t);
      const read = (contract_check: boolean) => (gauge as { compute: (v: object, c: object, e: object[]) => number }).compute({ upstream: "v2", retrain: false, contract_check }, c, []);
      const v1 = (gauge as { compute: (v: object, c: object, e: object[]) => number }).compute({ upstream: "v1", retrain: false, contract_check: false }, c, []);
      expect(read(true)).toBe(v1);
      expect(read(false)).toBeLessThan(v1);
    }
  });
});
