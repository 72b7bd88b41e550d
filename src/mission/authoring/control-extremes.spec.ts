import fs from "fs";
import os from "os";
import path from "path";
import { setKernelRuntime } from "../../kernel/runtime";
import { requireFinished, simulateCluster } from "../../model/scheduling/cluster-simulator";
import { controlSettings, extremeProblems, gaugeFitProblems, GAUGE_MIN_REACH, sweepControlExtremes } from "./control-extremes";
import { defineMission, missionProblems } from "./define";
import { createHeadlessRuntime } from "../hosts/headless/runtime";
import { niceCeil } from "./ranges";
import { trackContext } from "./resolve";
import { open } from "../session/session";
import type { InstrumentSpec, MissionSpec, PartSpec } from "./types";
import { measureWork, memoizeRuns } from "./update-work";

interface P { restartHours: number }

/**
 * Each track's spot job (2 nodes, one 1-GPU job each, all spot, static restarts of
 * `restartHours`) at a reclaim MTBF: a restart longer than the time between reclaims never
 * completes, so below ~0.5 h the run can only stop at its budget.
 */
const spotRun = (p: P, mtbfHours: number) => simulateCluster({
  racks: 1, nodesPerRack: 2, gpusPerNode: 1, jobs: 2, arrivalRatePerHour: 1, placement: "best-fit", maxEvents: 20_000,
  jobClasses: [{ gpus: 1, meanServiceHours: 1, serviceCv: 0 }],
  spot: { spotFraction: 1, meanHoursBetweenPreemptions: mtbfHours, meanHoursToRestore: 0.01, mode: "static", restartOverheadHours: p.restartHours },
}, 1);

function simplePart(id: string): PartSpec<P> {
  return {
    id, title: `Part ${id}`, kind: "Exploration", minutes: 15, objective: "Look.",
    lock: { kind: "choice", question: "Which?", choices: ["A", "B"], answer: () => "A" },
    workbench: {
      controls: [{ kind: "slider", id: "n", label: "N", min: 1, max: 10, step: 1, scale: "linear", unit: null, default: 2 }],
      instruments: [{ kind: "gauge", id: "g", name: "Gauge", unit: null, min: 0, max: 10, compute: (v) => Number(v.n) }],
    },
    reflect: { prompt: "Why?", minWords: 20 },
    mathPeek: [{ label: "double", expression: "y = 2 * x" }],
  };
}

/** A TA's draft: part "spot" has a hanging slider end, a NaN end and a choice that throws. */
function draft(): MissionSpec<P> {
  const spot: PartSpec<P> = {
    ...simplePart("spot"),
    workbench: {
      controls: [
        { kind: "slider", id: "mtbf", label: "Reclaim MTBF", feeds: ["simulateCluster"], min: 0.05, max: 20, step: 0.01, scale: "log", unit: "h", default: 10 },
        { kind: "toggle", id: "elastic", label: "Elastic", feeds: ["simulateCluster"], default: false },
        { kind: "choice", id: "placement", label: "Placement", feeds: ["simulateCluster"], choices: ["best-fit", "random"], default: "best-fit" },
      ],
      instruments: [
        { kind: "gauge", id: "converge", name: "Time to converge", unit: "h", min: 0, max: 10,
          compute: (v, c) => requireFinished(spotRun(c.params, Number(v.mtbf))).completion.meanHours },
        { kind: "gauge", id: "headroom", name: "Headroom", unit: "h", min: 0, max: 4, compute: (v) => Math.sqrt(10 - Number(v.mtbf)) },
        { kind: "plot", id: "odd", name: "Placement view", mark: "bar", x: { field: "x", title: "x" }, y: { field: "y", title: "y" },
          compute: (v) => { if (v.placement === "random") throw new Error("no random placement model yet"); return [{ x: 1, y: 2 }]; } },
      ],
    },
  };
  return {
    id: "98_spot_draft", title: "Draft", chapter: { title: "C", invariant: "I", struggle: "S", minutes: 45 },
    tracks: { cloud_titan: { persona: "A", northStar: "B", crisisTitle: "C", crisis: "D" }, tiny_pioneer: { persona: "A", northStar: "B", crisisTitle: "C", crisis: "D" } },
    defaultTrack: "cloud_titan",
    params: (t) => ({ restartHours: t === "cloud_titan" ? 2 : 1 }),
    parts: [simplePart("a"), spot, simplePart("c")],
    visuals: { primary: "X", secondary: "Y", mathPeek: "Z" },
  };
}

const BUDGET_LINE = /^simulation stopped at its budget of 20,000 events: [01] of 2 jobs finished in [\d,]+ simulated hours \([\d,]+ restarts\)$/;

describe("controlSettings", () => {
  it("defaults, each slider end, each toggle and choice value not already the default, then all at min and all at max", () => {
    const spec = draft();
    const labels = controlSettings(spec.parts[1].workbench.controls, trackContext(spec, "cloud_titan")).map((s) => s.label);
    expect(labels).toEqual([
      "defaults",
      "mtbf = 0.05 (min)", "mtbf = 20 (max)",
      "elastic = true (on)",
      'placement = "random" (choice)',
      'all controls at min (mtbf = 0.05, elastic = false, placement = "best-fit")',
      'all controls at max (mtbf = 20, elastic = true, placement = "random")',
    ]);
    const allMax = controlSettings(spec.parts[1].workbench.controls, trackContext(spec, "cloud_titan")).at(-1)!;
    expect(allMax.values).toEqual({ mtbf: 20, elastic: true, placement: "random" });
    expect(allMax.varied.map((v) => `${v.control}:${v.extreme}`)).toEqual(["mtbf:max", "elastic:on", "placement:choice"]);
  });
});

describe("the control-extremes sweep on a TA's draft", () => {
  it("names the track, part, control and value of a hanging simulation, a NaN and a throw; defineMission refuses the draft", () => {
    const problems = missionProblems(draft());
    for (const track of ["cloud_titan", "tiny_pioneer"]) {
      const mine = problems.filter((p) => p.startsWith(`track ${track}: `)).map((p) => p.slice(`track ${track}: `.length));
      expect(mine).toEqual([
        expect.stringMatching(/^spot at mtbf = 0\.05 \(min\): converge: simulation stopped at its budget of 20,000 events: /),
        "spot at mtbf = 20 (max): headroom: computes NaN",
        'spot at placement = "random" (choice): odd: throws: no random placement model yet',
        expect.stringMatching(/^spot at all controls at min \(mtbf = 0\.05, elastic = false, placement = "best-fit"\): converge: simulation stopped at its budget of 20,000 events: /),
        'spot at all controls at max (mtbf = 20, elastic = true, placement = "random"): headroom: computes NaN',
        'spot at all controls at max (mtbf = 20, elastic = true, placement = "random"): odd: throws: no random placement model yet',
      ]);
      expect(mine[0].split("converge: ")[1]).toMatch(BUDGET_LINE);
    }
    expect(problems).toHaveLength(12);
    // Loading computes nothing: the sweep is `fleetlab check`'s, not every host's at load.
    expect(defineMission(draft()).checked).toBe(true);
  });

  it("bounds the hanging update by the simulation's event budget, counted (not timed)", () => {
    const outcomes = sweepControlExtremes(draft());
    const hang = outcomes.find((o) => o.track === "cloud_titan" && o.setting.label === "mtbf = 0.05 (min)")!;
    expect(hang.problems.map((p) => p.kind)).toEqual(["budget"]);
    expect(hang.steps).toBeGreaterThanOrEqual(20_000);
    expect(hang.steps).toBeLessThanOrEqual(20_000 * 2); // its own run at the budget, plus nothing unbounded
    expect(hang.overBudget).toBe(false);
    const fine = outcomes.find((o) => o.track === "cloud_titan" && o.part === "spot" && o.setting.label === "defaults")!;
    expect(fine.problems).toEqual([]);
    expect(fine.steps).toBeLessThan(1000);
  });

  it("reports an update whose work passes the per-update budget, with its count", () => {
    const problems = extremeProblems(draft(), 10_000);
    expect(problems).toContainEqual(expect.stringMatching(
      /^track cloud_titan: spot at mtbf = 0\.05 \(min\): the update needs 20,0\d\d steps of model work \(simulated events, samples, trials\), over the per-update budget of 10,000$/));
  });

  it("passes a draft whose instruments stay finite and bounded at every extreme", () => {
    const sound = draft();
    expect(missionProblems({ ...sound, parts: [sound.parts[0], simplePart("spot"), sound.parts[2]] })).toEqual([]);
  });
});

interface CiP { bytesPerFlop: number }
type Gauge = Extract<InstrumentSpec<CiP>, { kind: "gauge" }>;

/**
 * A draft whose part "ci" has one GPU slider (1 .. 1,000, default 100) and a gauge of
 * bytesPerFlop × GPUs, four decades apart on the two tracks (like mission 01's CI ratio).
 */
function gaugeDraft(range: Pick<Gauge, "min" | "max" | "danger">): MissionSpec<CiP> {
  const plain = (id: string): PartSpec<CiP> => simplePart(id) as unknown as PartSpec<CiP>;
  const ci: PartSpec<CiP> = {
    ...plain("ci"),
    workbench: {
      controls: [{ kind: "slider", id: "gpus", label: "GPUs", min: 1, max: 1000, step: 1, scale: "log", unit: null, default: 100 }],
      instruments: [{ kind: "gauge", id: "ci_ratio", name: "CI", unit: "B/FLOP", ...range, compute: (v, c) => c.params.bytesPerFlop * Number(v.gpus) }],
    },
  };
  return {
    ...(draft() as unknown as MissionSpec<CiP>), id: "97_gauge_draft",
    params: (t) => ({ bytesPerFlop: t === "cloud_titan" ? 1e-8 : 3e-5 }),
    parts: [plain("a"), ci, plain("c")],
  };
}

describe("gauge ranges fit what each track shows", () => {
  it("a fixed range that is 100x too wide on one track and 30x too narrow on the other fails on both, naming mission, track, part, gauge, range and values", () => {
    const problems = missionProblems(gaugeDraft({ min: 0, max: 1e-3 }));
    expect(problems).toEqual([
      "track cloud_titan: ci: gauge ci_ratio of mission 97_gauge_draft: range [0, 0.001] B/FLOP is too wide for the track: " +
        `it shows 1e-8 .. 0.00001 over 3 settings, reaching at most 1 % of the range from min (at least ${100 * GAUGE_MIN_REACH} % required)`,
      "track tiny_pioneer: ci: gauge ci_ratio of mission 97_gauge_draft: range [0, 0.001] B/FLOP does not hold 2 of the 3 values it shows: " +
        "0.003 at defaults; 0.03 at gpus = 1000 (max) (it shows 0.00003 .. 0.03 over 3 settings)",
    ]);
  });

  it("a range derived from the track's parameters (the value at the slider's top, rounded up) passes on every track", () => {
    const sound = gaugeDraft({ min: 0, max: (c) => niceCeil(c.params.bytesPerFlop * 1000) });
    expect(missionProblems(sound)).toEqual([]);
    expect(defineMission(sound).checked).toBe(true);
  });

  it("checks only the settings where the gauge computed: a throw or NaN is the sweep's problem, not the range's", () => {
    const outcomes = sweepControlExtremes(draft());
    const headroom = outcomes.filter((o) => o.track === "cloud_titan" && o.part === "spot").map((o) => o.readings.headroom);
    expect(headroom.filter((v) => v !== undefined).length).toBeLessThan(headroom.length); // NaN at mtbf = 20 is left out
    expect(gaugeFitProblems(draft(), outcomes)).toEqual([]);
  });

  it("a danger line outside the range is a problem of the track", () => {
    const problems = missionProblems(gaugeDraft({ min: 0, max: (c) => niceCeil(c.params.bytesPerFlop * 1000), danger: 0.02 }));
    expect(problems).toEqual(["track cloud_titan: ci.workbench gauges: ci_ratio: danger 0.02 must lie in the range [0, 0.00001]"]);
  });
});

describe("measureWork counts memoised runs as from cold, whatever ran before", () => {
  it("an update reading a run computed earlier is charged that run's steps once", () => {
    const p: P = { restartHours: 0.1 };
    let computed = 0;
    const run = memoizeRuns((m: number) => String(m), (m: number) => { computed++; return spotRun(p, m); });
    const cold = measureWork(() => { run(5); run(5); return run(7).events; });
    expect(computed).toBe(2);
    const warm = measureWork(() => { run(5); run(5); return run(7).events; });
    expect(computed).toBe(2);
    expect(warm.steps).toBe(cold.steps);
    expect(cold.steps).toBe(spotRun(p, 5).events + spotRun(p, 7).events);
    const failed = measureWork(() => { run(5); throw new Error("after the run"); });
    expect(failed).toMatchObject({ ok: false, steps: spotRun(p, 5).events });
  });
});

describe("a session shows a stopped simulation instead of a number", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "extremes-session-"));
  const rt = createHeadlessRuntime();
  beforeAll(() => { process.env.FLEETLAB_DESIGN_RECORD = path.join(dir, "fleetlab-design-record.json"); setKernelRuntime(rt); });
  afterAll(() => { delete process.env.FLEETLAB_DESIGN_RECORD; setKernelRuntime(undefined); });
  const state = (id: string): Record<string, unknown> => {
    const c = rt.comm(id)!;
    const s = { ...(c.openData.state as Record<string, unknown>) };
    for (const m of c.sent) if (m.method === "update" || m.method === "echo_update") Object.assign(s, m.state);
    return s;
  };

  const settle = () => new Promise((r) => setTimeout(r, 0));
  it("moving the slider to its hanging end returns at once: the gauge has no reading and says where the simulation stopped; NaN and throws are named", async () => {
    rt.beginCell();
    const m = open({ ...draft(), checked: true as const }, "cloud_titan");
    rt.beginCell();
    const part = m.part("spot");
    await settle();
    rt.frontendSend(part.lock, { method: "custom", content: { type: "lock_request", value: "A" } });
    await settle();
    expect(state(part.instruments.converge)).toMatchObject({ description: "Time to converge", value: expect.any(Number) });

    rt.frontendSend(part.controls.mtbf, { method: "update", state: { value: 0.05 } });
    await settle();
    const converge = state(part.instruments.converge);
    expect(converge.value).toBeNull();
    expect(String(converge.description)).toMatch(/^Time to converge: simulation stopped at its budget of 20,000 events: /);
    expect(state(part.controls.mtbf).value).toBe(0.05);

    rt.frontendSend(part.controls.mtbf, { method: "update", state: { value: 20 } });
    await settle();
    expect(state(part.instruments.converge)).toMatchObject({ description: "Time to converge", value: expect.any(Number) });
    expect(state(part.instruments.headroom)).toMatchObject({ description: "Headroom: could not compute (computes NaN)", value: null });

    rt.frontendSend(part.controls.placement, { method: "update", state: { value: "random" } });
    await settle();
    expect(state(part.instruments.odd)).toMatchObject({ description: "Placement view: could not compute (no random placement model yet)", data: [] });
    rt.frontendSend(part.controls.placement, { method: "update", state: { value: "best-fit" } });
    await settle();
    expect(state(part.instruments.odd)).toMatchObject({ description: "Placement view", data: [{ x: 1, y: 2 }] });
  });
});
