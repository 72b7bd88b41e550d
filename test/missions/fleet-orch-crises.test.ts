/**
 * Mission 08 part 2's track crises against closed forms. Edge Guardian's Topology Lottery: the
 * AllReduce plot's ring at 0, 1 and 3 switch hops is the α–β ring on the depot fabric the
 * figures name (1 ms on one leaf, ~14 ms across the spine, past the 10 ms safety loop), and the
 * gang's placements move with the Locality Constraint. Tiny Pioneer's Heterogeneous Mess: with
 * capability-aware placement no model drops out (every model fits some generation); sent
 * anywhere, the share that drops is the share that lands on a generation too small for it.
 */
import { trackContext } from "../../src/mission/authoring/resolve";
import { withRunSeed } from "../../src/mission/authoring/seeds";
import { TRACK_IDS } from "../../src/mission/authoring/types";
import { missionById } from "../../src/mission/find-mission";
import { FLEET_ORCH_FIGURES, gangRing, jobDropoutPercent, part2Runs, START_POLICY, trackParams, type SchedulingPolicy } from "../../src/mission/missions/fleet-orch";

type Rows = Record<string, number | string | boolean>[];
const mission = missionById("08_fleet_orch");
const part = mission.parts.find((p) => p.id === "topology_penalty")!;
const plot = (id: string) => part.workbench.instruments.find((i) => i.id === id) as unknown as { compute: (v: object, c: object, e: object[]) => Rows };
const values = (policy: SchedulingPolicy, capability_aware = false) =>
  ({ locality: policy.locality, quota: `${policy.quotaPercent}%`, priority: policy.priority, capability_aware });

/** A policy under which Loose placement does reach across racks (the start policy's 25 % quota fits the gangs in one rack). */
const WHOLE_CLUSTER: SchedulingPolicy = { locality: "Strict", quotaPercent: 100, priority: "Training first" };

describe("mission 08, Edge Guardian: the Topology Lottery", () => {
  const ctx = trackContext(mission, "edge_guardian");
  const rows = (policy: SchedulingPolicy) => plot("allreduce_hops").compute(values(policy), ctx, [values(policy)]);
  // The α–β ring, T = 2(n−1)(α₀ + h·α_hop) + 2(n−1)/n · S/B(h), with figures.md §3's numbers: α₀ = 5 µs (NDR),
  // 0.6 µs per hop; B = NVLink 4 (450 GB/s) on one node, NDR (50 GB/s) through the leaf, 100 GbE (12.5 GB/s) shared
  // 4:1 across the spine; S = 11.7 M fp16 parameters (ResNet-18); n = the 16-GPU perception gang.
  const n = 16, S = 11.7e6 * 2, B: Record<number, number> = { 0: 450e9, 1: 50e9, 3: 12.5e9 / 4 };
  const ringMs = (h: number) => 1e3 * (2 * (n - 1) * (5e-6 + h * 0.6e-6) + ((2 * (n - 1)) / n) * (S / B[h]));

  it("draws the α–β ring at 0, 1 and 3 hops: ~1 ms on one leaf, ~14 ms across the spine, past the 10 ms loop", () => {
    expect(trackParams("edge_guardian").policy.gangGpus).toBe(n);
    const ring = rows(START_POLICY).filter((r) => String(r.series).includes("α–β"));
    expect(ring.map((r) => r.hops)).toEqual([0, 1, 3]);
    for (const r of ring) expect(r.allreduce_ms as number).toBeCloseTo(ringMs(r.hops as number), 9);
    expect(ringMs(1)).toBeGreaterThan(0.9);
    expect(ringMs(1)).toBeLessThan(1.1);
    expect(ringMs(3)).toBeGreaterThan(FLEET_ORCH_FIGURES.edge_guardian.safetyLoopMs!.value);
    expect(ringMs(3) / 15).toBeGreaterThan(0.9); // the plan's 15 ms
    expect(rows(START_POLICY).filter((r) => String(r.series).includes("safety loop")).map((r) => r.allreduce_ms)).toEqual([10, 10, 10]);
  });

  it("follows the Locality Constraint: Strict keeps every ring on one leaf (1 ms); Loose puts some across the spine", () => {
    const p = trackParams("edge_guardian");
    const strict = gangRing(p, WHOLE_CLUSTER), loose = gangRing(p, { ...WHOLE_CLUSTER, locality: "Loose" });
    expect(strict.allReduceMs).toBeCloseTo(ringMs(1), 9);
    // Loose: the mean over the rings from the simulator's share of gangs placed across racks.
    const runs = part2Runs(p, { ...WHOLE_CLUSTER, locality: "Loose" });
    const cross = runs.reduce((a, r) => a + r.hopsByClass.find((c) => c.gpus === n)!.crossRackJobFraction, 0) / runs.length;
    expect(cross).toBeGreaterThan(0.1);
    expect(loose.allReduceMs).toBeCloseTo((1 - cross) * ringMs(1) + cross * ringMs(3), 9);
    const mean = (policy: SchedulingPolicy) => rows(policy).find((r) => String(r.series).includes("mean"))!.allreduce_ms as number;
    expect(mean({ ...WHOLE_CLUSTER, locality: "Loose" })).toBeGreaterThan(mean(WHOLE_CLUSTER) + 3);
    const lottery = rows({ ...WHOLE_CLUSTER, locality: "Loose" }).filter((r) => String(r.series).endsWith("of rings"));
    expect(lottery.map((r) => r.hops)).toEqual([1, 3]);
  });
});

describe("mission 08, Tiny Pioneer: the Heterogeneous Mess", () => {
  const f = FLEET_ORCH_FIGURES.tiny_pioneer;
  const p = trackParams("tiny_pioneer");
  // Share of the fleet whose memory holds a model of `kb` KB, from the generations' shares.
  const fits = (kb: number) => [[f.v1Share!, f.v1MemoryKb!], [f.v2Share!, f.v2MemoryKb!], [f.v3Share!, f.v3MemoryKb!]]
    .reduce((a, [share, mem]) => a + (mem.value >= kb ? share.value : 0), 0);
  const heavy = f.heavyModelShare!.value;
  // Sent anywhere at random, a model drops where its device is too small: Σ_m share_m · (1 − fits_m).
  const blind = heavy * (1 - fits(f.heavyModelKb!.value)) + (1 - heavy) * (1 - fits(f.lightModelKb!.value));
  // 4 seeds × 2,000 dispatches: the binomial standard error of the dropout rate.
  const se = Math.sqrt((blind * (1 - blind)) / 8000);

  it("the plan's crisis: a capability-blind scheduler drops ~90% of models, a capability-aware one none", () => {
    expect(blind).toBeCloseTo(0.9, 12);
    // Every model fits some generation, so the aware closed form is 0.
    expect(fits(f.heavyModelKb!.value)).toBeGreaterThan(0);
    expect(jobDropoutPercent(p, true, START_POLICY)).toBe(0);
  });

  it.each([1, 2, 3])("blind dropout is the closed form within 4 standard errors (run seed %d)", (seed) => {
    withRunSeed(seed, () => {
      expect(Math.abs(jobDropoutPercent(p, false, START_POLICY) / 100 - blind)).toBeLessThan(4 * se);
      expect(jobDropoutPercent(p, true, START_POLICY)).toBe(0);
    });
  });

  it("the Job Dropout plot follows the toggle; a track of one generation drops nothing", () => {
    const ctx = trackContext(mission, "tiny_pioneer");
    const yours = (aware: boolean) => plot("dropout").compute(values(START_POLICY, aware), ctx, [values(START_POLICY, aware)]).find((r) => r.setting === "yours")!;
    expect(yours(false).dropout_pct as number).toBeGreaterThan(85);
    expect(yours(true)).toMatchObject({ scheduler: "Capability-aware", dropout_pct: 0 });
    const both = plot("dropout").compute(values(START_POLICY, true), ctx, [values(START_POLICY, false), values(START_POLICY, true)]);
    expect(both.map((r) => r.setting)).toEqual(["tried", "yours"]);
    for (const t of TRACK_IDS.filter((t) => t !== "tiny_pioneer")) {
      expect(trackParams(t).fleet).toBeNull();
      for (const aware of [false, true]) expect(jobDropoutPercent(trackParams(t), aware, START_POLICY)).toBe(0);
    }
  });
});
