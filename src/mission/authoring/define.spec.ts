import { answerKey, lockMatches, withinTolerance } from "../grading/answer-key";
import { defineMission, missionProblems } from "./define";
import { MissionDefinitionError } from "./messages";
import type { MissionSpec, PartSpec, SliderSpec } from "./types";

interface P { nodes: number }

const slider = (over: Partial<SliderSpec<P>> = {}): SliderSpec<P> => ({
  kind: "slider", id: "n", label: "N", feeds: ["fleetMtbf"], min: 1, max: (c) => c.params.nodes * 10, step: 1, scale: "linear", unit: null, default: (c) => c.params.nodes, ...over,
});

function part(id: string): PartSpec<P> {
  return {
    id, title: `Part ${id}`, kind: "Exploration", minutes: 15, objective: "Find the count.",
    lock: { kind: "number", question: "How many?", unit: null, min: 0, max: 100, tolerance: 0.1, answer: (c) => c.params.nodes * 2 },
    workbench: {
      controls: [slider()],
      instruments: [{ kind: "gauge", id: "g", name: "Gauge", unit: null, min: 0, max: (c) => c.params.nodes * 10, compute: (v) => Number(v.n) }],
    },
    target: { prompt: "Find it.", unit: null, tolerance: 0.05, maxAttempts: 10, compute: (c) => c.params.nodes + 1 },
    reflect: { prompt: "Why?", minWords: 20 },
    mathPeek: [{ label: "double", expression: "y = 2 * x" }],
  };
}

function spec(over: Partial<MissionSpec<P>> = {}): MissionSpec<P> {
  return {
    id: "99_test", title: "Test", chapter: { title: "C", invariant: "I", struggle: "S", minutes: 45 },
    tracks: {
      cloud_titan: { persona: "A", northStar: "B", crisisTitle: "C", crisis: "D" },
      tiny_pioneer: { persona: "A", northStar: "B", crisisTitle: "C", crisis: "D" },
    },
    defaultTrack: "cloud_titan",
    params: (t) => ({ nodes: t === "cloud_titan" ? 8 : 2 }),
    parts: [part("a"), part("b"), part("c")],
    visuals: { primary: "X", secondary: "Y", mathPeek: "Z" },
    ...over,
  };
}

describe("defineMission", () => {
  it("accepts a complete definition and marks it checked", () => {
    expect(defineMission(spec()).checked).toBe(true);
  });

  it("lists every missing lock, workbench and reflect by part", () => {
    const broken = { ...part("b"), lock: undefined, workbench: undefined, reflect: undefined } as unknown as PartSpec<P>;
    const problems = missionProblems(spec({ parts: [part("a"), broken, part("c")] }));
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/parts\[1\] \(b\)\.lock: missing/),
      expect.stringMatching(/parts\[1\] \(b\)\.workbench: missing/),
      expect.stringMatching(/parts\[1\] \(b\)\.reflect: missing/),
    ]));
  });

  it("throws a MissionDefinitionError whose message lists the problems", () => {
    // Two parts, as a JavaScript author could write them (the types require three).
    const twoParts = { ...spec(), parts: [part("a"), part("a")] } as unknown as MissionSpec<P>;
    expect(() => defineMission(twoParts)).toThrow(MissionDefinitionError);
    expect(() => defineMission(twoParts)).toThrow(/exactly 3 parts[\s\S]*duplicate part id/);
  });

  it("reports a default outside the track's range, naming track and control", () => {
    const p = part("a");
    const wide: PartSpec<P> = { ...p, workbench: { ...p.workbench, controls: [slider({ default: 1000 })] } };
    expect(missionProblems(spec({ parts: [wide, part("b"), part("c")] }))).toEqual(
      expect.arrayContaining([expect.stringMatching(/track cloud_titan: a\.workbench\.n: default 1000 outside \[1, 80\]/)]));
  });

  it("reports a prediction drawn on an instrument the part lacks, or a plot without the axis to draw it across", () => {
    const onMissing = part("a");
    onMissing.lock = { ...onMissing.lock, shownOn: { instrument: "nope" } } as never;
    const onGaugeAxis = part("b");
    onGaugeAxis.lock = { ...onGaugeAxis.lock, shownOn: { instrument: "g", axis: "x" } } as never;
    const c = part("c");
    const plot = { kind: "plot", id: "p", name: "Plot", mark: "line", x: { field: "n", title: "N" }, y: { field: "v", title: "V" }, compute: () => [] } as const;
    const onPlot: PartSpec<P> = { ...c, workbench: { ...c.workbench, instruments: [...c.workbench.instruments, plot] } };
    onPlot.lock = { ...onPlot.lock, shownOn: { instrument: "p" } } as never;
    expect(missionProblems(spec({ parts: [onMissing, onGaugeAxis, onPlot] }))).toEqual([
      'parts[0] (a).lock.shownOn.instrument: "nope" is not an instrument of this part',
      "parts[1] (b).lock.shownOn.axis: a gauge has no axis (the prediction is a marker on its bar)",
      'parts[2] (c).lock.shownOn.axis: "x" or "y" (the plot\'s axis the prediction is drawn across)',
    ]);
  });

  it("reports a prediction drawn on a radar, which has no axis", () => {
    const c = part("c");
    const radar = { kind: "plot", id: "r", name: "Radar", mark: "radar", x: { field: "axis", title: "", type: "nominal" }, y: { field: "score", title: "Score" }, compute: () => [] } as const;
    const onRadar: PartSpec<P> = { ...c, workbench: { ...c.workbench, instruments: [...c.workbench.instruments, radar] } };
    onRadar.lock = { ...onRadar.lock, shownOn: { instrument: "r", axis: "y" } } as never;
    expect(missionProblems(spec({ parts: [part("a"), part("b"), onRadar] }))).toEqual([
      "parts[2] (c).lock.shownOn.instrument: a radar has no axis to draw a prediction across",
    ]);
  });

  it("reports a target that does not compute for a track", () => {
    const p = part("c");
    p.target = { ...p.target!, compute: (c) => (c.track === "tiny_pioneer" ? NaN : 1) };
    expect(missionProblems(spec({ parts: [part("a"), part("b"), p] }))).toEqual(["track tiny_pioneer: c.target: not computable (got NaN)"]);
  });

  it("reports TODO text and unparsable Math Peek formulas", () => {
    const p = part("a");
    p.reflect = { prompt: "TODO: the reflect prompt", minWords: 10 };
    p.mathPeek = [{ label: "bad", expression: "y = (2 *" }];
    const problems = missionProblems(spec({ parts: [p, part("b"), part("c")] }));
    expect(problems).toEqual(expect.arrayContaining([
      "parts[0].reflect.prompt: still TODO",
      expect.stringMatching(/mathPeek\[0\] \(bad\): not a mathjs expression/),
    ]));
  });

  it("reports a Math Peek scope that leaves a symbol unbound, binds a non-finite number or throws, naming track, part and formula", () => {
    const p = part("b");
    p.mathPeek = [
      { label: "fleet", expression: "P_fleet = P_node ^ N", scope: (v) => ({ N: Number(v.n) }) },
      { label: "ratio", expression: "r = x / y", scope: (v, c) => ({ x: Number(v.n), y: c.track === "tiny_pioneer" ? NaN : 1 }) },
      { label: "broken", expression: "y = 2 * x", scope: () => { throw new Error("model refuses"); } },
      { label: "fine", expression: "y = 2 * x", scope: (v) => ({ x: Number(v.n) }) },
    ];
    const problems = missionProblems(spec({ parts: [part("a"), p, part("c")] }));
    expect(problems).toEqual([
      "track cloud_titan: b.mathPeek[0] (fleet) scope: the scope does not bind P_node at the default control values (expression: P_fleet = P_node ^ N)",
      "track cloud_titan: b.mathPeek[2] (broken) scope: model refuses at the default control values (expression: y = 2 * x)",
      "track tiny_pioneer: b.mathPeek[0] (fleet) scope: the scope does not bind P_node at the default control values (expression: P_fleet = P_node ^ N)",
      "track tiny_pioneer: b.mathPeek[1] (ratio) scope: the scope binds y = NaN at the default control values (expression: r = x / y)",
      "track tiny_pioneer: b.mathPeek[2] (broken) scope: model refuses at the default control values (expression: y = 2 * x)",
    ]);
    // Scopes run the model: loading leaves them to `fleetlab check`.
    expect(defineMission(spec({ parts: [part("a"), p, part("c")] })).checked).toBe(true);
  });

  it("reports a control that feeds a name the model does not have, naming part, control and name; feeds may be left out", () => {
    const a = part("a"), b = part("b");
    const misnamed: PartSpec<P> = { ...a, workbench: { ...a.workbench, controls: [slider({ feeds: ["fleetMtbf", "fleetMtfb"] })] } };
    const undocumented: PartSpec<P> = { ...b, workbench: { ...b.workbench, controls: [slider({ feeds: undefined })] } };
    expect(missionProblems(spec({ parts: [misnamed, undocumented, part("c")] }))).toEqual([
      'parts[0] (a).workbench.n.feeds: "fleetMtfb" is not a model function (a function "fleetlab" exports or the model registry lists)',
    ]);
  });

  it("accepts as feeds the model's exported functions and its registry's scalar wrappers", () => {
    const a = part("a");
    const feeds = ["simulateCluster", "stagingPlan", "sprtExpectedSamplesH0", "checkpointStormStall"];
    const fed: PartSpec<P> = { ...a, workbench: { ...a.workbench, controls: [slider({ feeds })] } };
    expect(missionProblems(spec({ parts: [fed, part("b"), part("c")] }))).toEqual([]);
  });

  it("reports duplicate Math Peek labels in a part (the session names peeks by label)", () => {
    const p = part("a");
    p.mathPeek = [{ label: "double", expression: "y = 2 * x" }, { label: "double", expression: "z = 3 * x" }];
    expect(missionProblems(spec({ parts: [p, part("b"), part("c")] }))).toEqual(["parts[0] (a).mathPeek[1] (double): duplicate label"]);
  });
});

describe("answerKey", () => {
  const m = defineMission(spec());
  it("computes lock and target per track", () => {
    expect(answerKey(m, "a", "cloud_titan")).toMatchObject({ lock: { answer: 16, tolerance: 0.1 }, target: { value: 9, maxAttempts: 10 } });
    expect(answerKey(m, "a", "tiny_pioneer").lock.answer).toBe(4);
  });
  it("names the known parts for an unknown part", () => {
    expect(() => answerKey(m, "z", "cloud_titan")).toThrow(/no part "z"; parts: a, b, c/);
  });
  it("names the mission's tracks for a track it does not offer", () => {
    expect(() => answerKey(m, "a", "edge_guardian")).toThrow(/track must be one of cloud_titan, tiny_pioneer/);
  });
  it("grades predictions within tolerance", () => {
    const key = answerKey(m, "a", "cloud_titan").lock;
    expect(lockMatches(key, 17)).toBe(true);
    expect(lockMatches(key, 18)).toBe(false);
    expect(lockMatches(key, null)).toBe(false);
    expect(withinTolerance(0.0, 0, 0.01)).toBe(true);
  });
});
