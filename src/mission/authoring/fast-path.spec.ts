/**
 * The browser fast path of the missions' cheap instruments: withheld until the commit like
 * every result, then handed over naming the part's control widgets; and the browser's numbers
 * (computeValue / computeRows on the handed-over descriptor) are the kernel's after a drag.
 */
import { openPart, scratchLedger } from "../../../test/helpers/headless-part";
import { computeRows, computeValue } from "../../widget-contract/compute";
import type { PlotCompute, ValueCompute } from "../../widget-contract/traits";
import { answerKey } from "../grading/answer-key";
import { missionProblems } from "./define";
import { modelValue } from "./fast-path";
import { MISSIONS } from "../missions/index";
import { defaultValues, resolveControl, trackContext } from "./resolve";
import type { MissionSpec, TrackId } from "./types";

const cases = MISSIONS.flatMap((mission) => mission.parts.flatMap((part) => part.workbench.instruments.filter((i) => i.fast)
  .flatMap((ins) => (Object.keys(mission.tracks) as TrackId[]).map((track) => ({ mission, part, ins, track })))));

describe("browser fast paths of the missions", () => {
  scratchLedger();

  it("exist for the cheap instruments of missions 01, 07 and 12 (mission 08's are simulations)", () => {
    expect([...new Set(cases.map((c) => `${c.mission.id}/${c.ins.id}`))]).toEqual([
      "01_ml_intro/collapse", "01_ml_intro/fleet_mtbf", "07_fault_tolerance/cost_curve", "07_fault_tolerance/wasted", "12_ops_scale/roi",
    ]);
  });

  it.each(cases.map((c) => [c.mission.id, c.ins.id, c.track, c] as const))("%s / %s / %s", async (_m, _i, _t, { mission, part, ins, track }) => {
    const { shown, state, commit, move } = openPart(mission.id, track, part.id);
    const id = shown.instruments[ins.id];
    expect(state(id).compute).toBeNull();

    await commit(answerKey(mission, part.id, track).lock.answer);
    const compute = state(id).compute as unknown as ValueCompute | PlotCompute;
    const named = Object.values(compute.args).flatMap((a) => (typeof a === "object" ? [a.control] : []));
    expect(named.length).toBeGreaterThan(0);
    expect(named.every((w) => Object.values(shown.controls).includes(w))).toBe(true);

    // Drag each control the fast path reads; the browser's numbers are the kernel's.
    const ctx = trackContext(mission, track);
    const defaults = defaultValues(part.workbench.controls, ctx);
    for (const c of part.workbench.controls.filter((c) => named.includes(shown.controls[c.id]))) {
      const r = resolveControl(c, ctx);
      if (r.kind !== "slider") continue;
      const to = r.default === r.max ? r.min : r.min + 0.37 * (r.max - r.min);
      await move(c.id, to);
      const widgetValues = Object.fromEntries(Object.entries(shown.controls).map(([cid, wid]) => [wid, state(wid).value ?? defaults[cid]]));
      const browser = "sweep" in compute ? computeRows(compute, widgetValues) : computeValue(compute, widgetValues);
      expect("sweep" in compute ? state(id).data : state(id).value).toEqual(browser);
    }
  });

  it("are refused by defineMission when they would draw other numbers than the kernel's compute", () => {
    const m = MISSIONS.find((x) => x.id === "01_ml_intro")! as unknown as MissionSpec<{ nodeMtbfHours: number }>;
    const parts = m.parts.map((p, i) => (i !== 0 ? p : {
      ...p, workbench: { ...p.workbench, instruments: p.workbench.instruments.map((ins) => (ins.id !== "fleet_mtbf" ? ins : {
        ...ins, ...modelValue<{ nodeMtbfHours: number }>({ fn: "fleetMtbf", args: { nodeMtbf: (c) => c.params.nodeMtbfHours, nodes: { control: "nodes" } } }),
        compute: () => 42,
      })) },
    }));
    expect(missionProblems({ ...m, parts } as never)).toEqual(expect.arrayContaining([
      expect.stringMatching(/reliability_gap\.workbench instruments: fleet_mtbf\.fast: computes other numbers than the instrument's compute at the defaults/),
    ]));
  });
});
