import fs from "fs";
import os from "os";
import path from "path";
import { setKernelRuntime } from "../../kernel/runtime";
import { createHeadlessRuntime } from "../hosts/headless/runtime";
import { verifyLockRecord } from "../../kernel-widgets/lock-record";
import { LOCK_RECORD_MIME } from "../../widget-contract/traits";
import { answerKey, type AnswerKey } from "../grading/answer-key";
import { defineMission } from "../authoring/define";
import { readDesignRecord } from "../grading/design-record";
import { missionById } from "../find-mission";
import type { NotebookOutput } from "../authoring/nbformat";
import { resolve, resolveControl, trackContext } from "../authoring/resolve";
import { notebookLockRecord, open, renderedParts, resetNotebookRecords } from "./session";
import { displayBundle } from "../../kernel/executor";
import { TRACK_NAMES } from "../authoring/notebook";
import type { PartSpec, TrackId } from "../authoring/types";

describe("mission session, headless", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "session-"));
  const ledgerFile = path.join(dir, "fleetlab-design-record.json");
  const rt = createHeadlessRuntime();
  beforeAll(() => { process.env.FLEETLAB_DESIGN_RECORD = ledgerFile; setKernelRuntime(rt); });
  afterAll(() => { delete process.env.FLEETLAB_DESIGN_RECORD; setKernelRuntime(undefined); });

  it("renders lock, workbench, target and reflect; the lock gates the workbench; the ledger records driven values", async () => {
    rt.beginCell();
    const m = open("01_ml_intro", "cloud_titan");
    const outputs = rt.beginCell();
    const part = m.part("reliability_gap");
    await new Promise((r) => setTimeout(r, 0));
    expect(outputs.length).toBe(1);
    expect(Object.keys(part.controls)).toEqual(["nodes", "p_node"]);
    expect(part.target).not.toBeNull();
    // Before the lock, a control write is refused.
    rt.frontendSend(part.controls.nodes, { method: "update", state: { value: 2000 } });
    expect(readDesignRecord(ledgerFile).entry("01_ml_intro", "reliability_gap")).toBeUndefined();
    rt.frontendSend(part.lock, { method: "custom", content: { type: "lock_request", value: 0.4 } });
    rt.frontendSend(part.controls.nodes, { method: "update", state: { value: 2000 } });
    rt.frontendSend(part.target!, { method: "update", state: { value: 500 } });
    rt.frontendSend(part.target!, { method: "update", state: { value: 692 } });
    const e = readDesignRecord(ledgerFile).entry("01_ml_intro", "reliability_gap")!;
    expect(e.lock).toBe(0.4);
    expect(e.controls.nodes).toBe(2000);
    expect(e.target).toMatchObject({ value: 692, tries: [500, 692], found: true, attempts: 2 });
  });
});

describe("mission session, part cells", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "session-cells-"));
  const rt = createHeadlessRuntime();
  beforeAll(() => { process.env.FLEETLAB_DESIGN_RECORD = path.join(dir, "fleetlab-design-record.json"); setKernelRuntime(rt); resetNotebookRecords(); });
  afterAll(() => { delete process.env.FLEETLAB_DESIGN_RECORD; setKernelRuntime(undefined); });

  it("a part cell prints nothing beyond its widgets, and re-running it closes the widgets it replaces", () => {
    rt.beginCell();
    const m = open("07_fault_tolerance", "edge_guardian");
    rt.beginCell();
    const first = m.part("young_daly_audit");
    expect(displayBundle(first)).toBeNull();
    const firstIds = [first.lock, first.reflect, first.answer, ...Object.values(first.controls), ...Object.values(first.instruments)];
    rt.beginCell();
    const second = m.part("young_daly_audit");
    for (const id of firstIds) expect(rt.comm(id)!.isClosed).toBe(true);
    expect(rt.comm(second.lock)!.isClosed).toBe(false);
    expect(renderedParts().filter((p) => p.part === "young_daly_audit")).toEqual([second]);
  });
});

describe("mission session, design record cell", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "session-design-"));
  const rt = createHeadlessRuntime();
  beforeAll(() => { process.env.FLEETLAB_DESIGN_RECORD = path.join(dir, "fleetlab-design-record.json"); setKernelRuntime(rt); resetNotebookRecords(); });
  afterAll(() => { delete process.env.FLEETLAB_DESIGN_RECORD; setKernelRuntime(undefined); });

  it("is a readable table that stays current as parts are committed and completed", () => {
    rt.beginCell();
    const m = open("01_ml_intro", "tiny_pioneer");
    rt.beginCell();
    const part = m.part("reliability_gap");
    const ledgerOut = rt.beginCell();
    m.designRecord();
    const text = () => String((ledgerOut[0] as { data: Record<string, unknown> }).data["text/markdown"]);
    expect(text()).toMatch(/\| Part \| Track \| Your prediction \|/);
    expect(text()).toContain("not started");
    rt.frontendSend(part.lock, { method: "custom", content: { type: "lock_request", value: 0.5 } });
    expect(text()).toMatch(/\| 1\. [^|]+ \| Tiny Pioneer \| 0\.5 \|/);
    const key = answerKey(missionById("01_ml_intro"), "reliability_gap", "tiny_pioneer", readDesignRecord()).target!;
    expect(text()).not.toContain(String(Number(key.value.toPrecision(4))));
    rt.frontendSend(part.target!, { method: "update", state: { value: key.value } });
    expect(text()).toContain(`found (${Number(key.value.toPrecision(4))}) in 1 tries`);
  });
});

describe("mission session, track switch", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "session-switch-"));
  const rt = createHeadlessRuntime();
  const VIEW = "application/vnd.jupyter.widget-view+json";
  beforeAll(() => { process.env.FLEETLAB_DESIGN_RECORD = path.join(dir, "fleetlab-design-record.json"); setKernelRuntime(rt); resetNotebookRecords(); });
  afterAll(() => { delete process.env.FLEETLAB_DESIGN_RECORD; setKernelRuntime(undefined); });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  const modelId = (o: NotebookOutput) => ((o as { data: Record<string, unknown> }).data[VIEW] as { model_id: string }).model_id;
  /** The state a widget has on the front end: its open state plus every update since. */
  const frontState = (id: string): Record<string, unknown> => {
    const c = rt.comm(id)!;
    const state = { ...(c.openData.state as Record<string, unknown>) };
    for (const m of c.sent) if (m.method === "update" || m.method === "echo_update") Object.assign(state, m.state);
    return state;
  };
  const mission = missionById("01_ml_intro");
  const part1 = mission.parts[0];

  it("re-renders the shown part in place for the new track; the ledger records the switch; each track keeps its own lock", async () => {
    const briefingOut = rt.beginCell();
    const m = open("01_ml_intro", "cloud_titan");
    m.briefing();
    const partOut = rt.beginCell();
    const part = m.part("reliability_gap");
    const visualOut = rt.beginCell();
    m.visuals();
    await settle();
    // The open cell shows the lock record, then the briefing and its Track control.
    expect(briefingOut[0].output_type === "display_data" && Object.keys(briefingOut[0].data)).toContain(LOCK_RECORD_MIME);
    const switchId = modelId(briefingOut[2]);
    // The Track control shows the tracks' names, and holds their ids.
    expect(frontState(switchId)).toMatchObject({ options: Object.keys(mission.tracks), labels: Object.keys(mission.tracks).map((t) => TRACK_NAMES[t as TrackId]) });
    const boxId = modelId(partOut[0]);
    const cloudLock = part.lock;
    const cloudPlot = modelId(visualOut[0]);
    rt.frontendSend(cloudLock, { method: "custom", content: { type: "lock_request", value: 0.4 } });
    rt.frontendSend(part.controls.nodes, { method: "update", state: { value: 2000 } });
    await settle();

    // The student picks Mobile Nomad in the Track control.
    rt.frontendSend(switchId, { method: "update", state: { value: "mobile_nomad" } });
    await settle();
    const ctx = trackContext(mission, "mobile_nomad");
    expect(m.track).toBe("mobile_nomad");
    expect(part.track).toBe("mobile_nomad");
    expect(part.lock).not.toBe(cloudLock);
    // The part's Box now holds the new track's widgets, with that track's ranges and defaults.
    const children = frontState(boxId).children as string[];
    expect(children).toContain(`IPY_MODEL_${part.lock}`);
    expect(children).not.toContain(`IPY_MODEL_${cloudLock}`);
    for (const c of part1.workbench.controls) {
      const r = resolveControl(c, ctx) as Extract<ReturnType<typeof resolveControl>, { kind: "slider" }>;
      expect(frontState(part.controls[c.id])).toMatchObject({ min: r.min, max: r.max, value: r.default, disabled: true });
    }
    expect(frontState(part.controls.nodes).max).toBe(1e9); // Cloud Titan's is 25,000
    expect(frontState(part.lock)).toMatchObject({ prompt: resolve(part1.lock.question, ctx), locked: false, value: null });
    expect(String(frontState(part.target!).description)).toContain(answerKey(mission, part1.id, "mobile_nomad", readDesignRecord()).target!.prompt);
    // Briefing and visuals redrawn under their display ids.
    expect(String(briefingOut[1].output_type === "display_data" && briefingOut[1].data["text/markdown"])).toContain(mission.tracks.mobile_nomad!.crisisTitle);
    // The lock record output is current: it holds both commits' worth of events so far.
    const shownRecord = (briefingOut[0] as { data: Record<string, unknown> }).data[LOCK_RECORD_MIME] as { events: { kind: string }[] };
    expect(shownRecord.events.length).toBe(notebookLockRecord().events.length);
    expect(modelId(visualOut[0])).not.toBe(cloudPlot);

    // The ledger has the opening track and the switch, and still verifies.
    const events = notebookLockRecord().events;
    expect(events.filter((e) => e.kind === "track").map((e) => e.value)).toEqual([
      { from: null, to: "cloud_titan" }, { from: "cloud_titan", to: "mobile_nomad" },
    ]);
    expect(events.find((e) => e.kind === "track" && e.widget_id === switchId)).toBeDefined();
    expect(verifyLockRecord(notebookLockRecord().toJSON())).toEqual({ ok: true });

    // Mobile Nomad's lock is its own: committing it is a first commit on this track.
    rt.frontendSend(part.lock, { method: "custom", content: { type: "lock_request", value: 0.1 } });
    await settle();
    expect(frontState(part.controls.nodes).disabled).toBe(false);
    expect(verifyLockRecord(notebookLockRecord().toJSON())).toEqual({ ok: true });

    // Back to Cloud Titan: its locked prediction and driven value are shown again; a second commit is refused.
    m.switchTrack("cloud_titan");
    await settle();
    expect(frontState(switchId).value).toBe("cloud_titan");
    expect(part.lock).toBe(cloudLock);
    expect(frontState(cloudLock)).toMatchObject({ locked: true, value: 0.4 });
    expect(frontState(part.controls.nodes).value).toBe(2000);
    expect(frontState(boxId).children).toContain(`IPY_MODEL_${cloudLock}`);
    const before = rt.comm(cloudLock)!.sent.length;
    rt.frontendSend(cloudLock, { method: "custom", content: { type: "lock_request", value: 0.9 } });
    expect(rt.comm(cloudLock)!.sent.slice(before).some((s) => (s.content as { type?: string } | undefined)?.type === "rejected")).toBe(true);
    expect(frontState(cloudLock).value).toBe(0.4);
    const record = notebookLockRecord().toJSON();
    expect(verifyLockRecord(record)).toEqual({ ok: true });
    expect(record.events.filter((e) => e.kind === "commit").map((e) => e.value)).toEqual([0.4, 0.1]);
  });

  it("refuses an unknown track naming it; nothing changes", () => {
    rt.beginCell();
    const m = open("01_ml_intro", "edge_guardian");
    const part = m.part("reliability_gap");
    const events = notebookLockRecord().events.length;
    expect(() => m.switchTrack("lunar_base" as TrackId)).toThrow(/track must be one of .*\(got "lunar_base"\)/);
    expect(m.track).toBe("edge_guardian");
    expect(part.track).toBe("edge_guardian");
    expect(notebookLockRecord().events.length).toBe(events);
  });

  it("a part rendered after a switch uses the new track", () => {
    rt.beginCell();
    const m = open("01_ml_intro", "cloud_titan");
    m.switchTrack("tiny_pioneer");
    const part = m.part("reliability_gap");
    expect(part.track).toBe("tiny_pioneer");
    expect(frontState(part.controls.nodes).max).toBe(10_000);
  });
});

describe("mission session, Math Peek scopes", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "session-peek-"));
  const rt = createHeadlessRuntime();
  beforeAll(() => { process.env.FLEETLAB_DESIGN_RECORD = path.join(dir, "fleetlab-design-record.json"); setKernelRuntime(rt); resetNotebookRecords(); });
  afterAll(() => { delete process.env.FLEETLAB_DESIGN_RECORD; setKernelRuntime(undefined); });
  const frontState = (id: string): Record<string, unknown> => {
    const c = rt.comm(id)!;
    const state = { ...(c.openData.state as Record<string, unknown>) };
    for (const m of c.sent) if (m.method === "update" || m.method === "echo_update") Object.assign(state, m.state);
    return state;
  };
  /** A part whose "inverse" scope throws past n = 50 and whose "log" scope binds NaN past n = 60. */
  const part = (id: string): PartSpec<{ k: number }> => ({
    id, title: `Part ${id}`, kind: "Exploration", minutes: 15, objective: "Find it.",
    lock: { kind: "number", question: "How many?", unit: null, min: 0, max: 100, tolerance: 0.1, answer: (c) => c.params.k },
    workbench: {
      controls: [{ kind: "slider", id: "n", label: "N", min: 1, max: 100, step: 1, scale: "linear", unit: null, default: 10 }],
      instruments: [{ kind: "gauge", id: "g", name: "Gauge", unit: null, min: 0, max: 1000, compute: (v, c) => Number(v.n) * c.params.k }],
    },
    reflect: { prompt: "Why?", minWords: 20 },
    mathPeek: [
      { label: "scaled", expression: "y = k * n", scope: (v, c) => ({ k: c.params.k, n: Number(v.n) }) },
      { label: "inverse", expression: "y = 1 / (50 - n)", unit: "s",
        scope: (v) => { if (Number(v.n) >= 50) throw new RangeError("n must stay below 50"); return { n: Number(v.n) }; } },
      { label: "log", expression: "y = x", scope: (v) => ({ x: Number(v.n) > 60 ? NaN : Math.log(Number(v.n)) }) },
      { label: "tex only", expression: "y = 2 * z" },
    ],
  });
  const mission = defineMission({
    id: "99_peek", title: "Peek", chapter: { title: "C", invariant: "I", struggle: "S", minutes: 45 },
    tracks: { cloud_titan: { persona: "A", northStar: "B", crisisTitle: "C", crisis: "D" } },
    defaultTrack: "cloud_titan", params: () => ({ k: 3 }), parts: [part("a"), part("b"), part("c")],
    visuals: { primary: "X", secondary: "Y", mathPeek: "Z" },
  });

  it("opened to judge inputs only (draw: false, the grader's keys): builds no instrument or Math Peek and runs nothing of the model", async () => {
    const settle = () => new Promise((r) => setTimeout(r, 0));
    const refuse = (): never => { throw new Error("the model must not run"); };
    const judged = (id: string): PartSpec<{ k: number }> => {
      const p = part(id);
      return {
        ...p,
        lock: { ...p.lock, answer: refuse } as PartSpec<{ k: number }>["lock"],
        target: { prompt: "Find n", unit: null, tolerance: 0.01, maxAttempts: 2, compute: refuse },
        workbench: { ...p.workbench, instruments: [{ kind: "gauge", id: "g", name: "Gauge", unit: null, min: 0, max: 1000, compute: refuse }] },
        mathPeek: [{ label: "scaled", expression: "y = k * n", scope: refuse }],
      };
    };
    const m = defineMission({ ...mission, id: "99_judged", parts: [judged("a"), judged("b"), judged("c")] });
    const keys = (partId: string, track: TrackId): AnswerKey => ({
      mission: m.id, part: partId, track, lock: { kind: "number", question: "How many?", answer: 3, unit: null, tolerance: 0.1 },
      target: { prompt: "Find n", value: 42, unit: null, tolerance: 0.01, maxAttempts: 2 },
    });
    rt.beginCell();
    const shown = open(m, "cloud_titan", { keys, draw: false }).part("a");
    await settle();
    expect([shown.instruments, shown.peeks]).toEqual([{}, {}]);
    rt.frontendSend(shown.lock, { method: "custom", content: { type: "lock_request", value: 3 } });
    rt.frontendSend(shown.controls.n, { method: "update", state: { value: 55 } });
    rt.frontendSend(shown.target!, { method: "update", state: { value: 42 } });
    await settle();
    expect(frontState(shown.answer).message).toMatch(/^The model says: 3\b/);
    // Found by the key given: the target box takes no more tries.
    expect(frontState(shown.target!).disabled).toBe(true);
    rt.frontendSend(shown.target!, { method: "update", state: { value: 41 } });
    await settle();
    expect(notebookLockRecord().events.filter((e) => e.kind === "attempt" && e.part === "99_judged.a").map((e) => e.value)).toEqual([42]);
  });

  it("a scope that throws or yields a non-finite number shows no value and why; the other widgets still update", async () => {
    const settle = () => new Promise((r) => setTimeout(r, 0));
    rt.beginCell();
    const shown = open(mission, "cloud_titan").part("a");
    await settle();
    const value = (label: string) => frontState(shown.peeks[label]).value;
    expect(Object.keys(shown.peeks)).toEqual(["scaled", "inverse", "log", "tex only"]);
    for (const label of ["scaled", "inverse", "log", "tex only"]) expect(value(label)).toBeNull();
    expect(frontState(shown.peeks["tex only"]).description).toBe("tex only");
    rt.frontendSend(shown.lock, { method: "custom", content: { type: "lock_request", value: 3 } });
    await settle();
    expect([value("scaled"), value("inverse"), value("log"), value("tex only")]).toEqual([30, 1 / 40, Math.log(10), null]);
    expect(frontState(shown.peeks.inverse)).toMatchObject({ description: "inverse", unit: "s" });
    rt.frontendSend(shown.controls.n, { method: "update", state: { value: 55 } });
    await settle();
    expect(value("scaled")).toBe(165);
    expect(value("inverse")).toBeNull();
    expect(frontState(shown.peeks.inverse).description).toBe("inverse: no value (n must stay below 50)");
    expect(value("log")).toBeCloseTo(Math.log(55), 12);
    expect(frontState(shown.instruments.g).value).toBe(165);
    rt.frontendSend(shown.controls.n, { method: "update", state: { value: 70 } });
    await settle();
    expect(value("log")).toBeNull();
    expect(frontState(shown.peeks.log).description).toBe("log: no value (the scope binds x = NaN)");
    expect(frontState(shown.instruments.g).value).toBe(210);
    rt.frontendSend(shown.controls.n, { method: "update", state: { value: 20 } });
    await settle();
    expect([value("scaled"), value("inverse"), value("log")]).toEqual([60, 1 / 30, Math.log(20)]);
    expect(frontState(shown.peeks.inverse).description).toBe("inverse");
  });
});
