/**
 * Math Peek, headless, every mission, track and part: before the commit no peek shows a value
 * (a formula's value is a model result, withheld like the instruments); after it every formula
 * with a scope shows a finite value at the current control values, and a slider that moves the
 * part's instruments moves at least one peek (each peek then shows its formula at the new
 * values). Then closed-form checks: a peek's value against the formula computed here from the
 * mission's figures for the track and the slider's value, and against the instrument showing the same
 * quantity.
 */
import fs from "fs";
import os from "os";
import path from "path";
import { setKernelRuntime, type JsonObject } from "../../src/kernel/runtime";
import { answerKey } from "../../src/mission/grading/answer-key";
import { MISSIONS } from "../../src/mission/missions/index";
import { defaultValues, resolveControl, trackContext } from "../../src/mission/authoring/resolve";
import { WITHHELD_NOTE, type RenderedPart } from "../../src/mission/session/session";
import { openPart } from "../helpers/headless-part";
import type { ControlValues, Mission, TrackId } from "../../src/mission/authoring/types";
import { FAULT_TOLERANCE_FIGURES } from "../../src/mission/missions/fault-tolerance";
import { ML_INTRO_FIGURES } from "../../src/mission/missions/ml-intro";
import { OPS_SCALE_FIGURES } from "../../src/mission/missions/ops-scale";
import { evaluateIn } from "../../src/kernel-widgets/math-peek";

const settle = () => new Promise((r) => setTimeout(r, 0));

/** One part on screen (test/helpers/headless-part.ts), with a commit that must lock and a reader of peeks. */
function render(missionId: string, track: TrackId, partId: string) {
  const part = openPart(missionId, track, partId);
  const commit = async (value: number | string) => {
    await part.commit(value);
    expect(part.state(part.shown.lock).locked).toBe(true);
  };
  const peek = (label: string) => part.state(part.shown.peeks[label]).value as number | null;
  return { ...part, commit, peek };
}

/** What a student reads off the part's instruments: gauge readings and plot rows. */
const readings = (shown: RenderedPart, state: (id: string) => JsonObject) =>
  JSON.stringify(Object.values(shown.instruments).map((id) => { const s = state(id); return [s.value ?? null, s.data ?? null]; }));

const cases = MISSIONS.flatMap((mission) =>
  (Object.keys(mission.tracks) as TrackId[]).flatMap((track) => mission.parts.map((part) => ({ mission, track, part }))));

describe("Math Peek shows its formula's value with the current settings, after the commit", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-peek-"));
  const ledgerFile = path.join(dir, "fleetlab-design-record.json");
  beforeAll(() => { process.env.FLEETLAB_DESIGN_RECORD = ledgerFile; });
  // Each case starts with no design record: mission 07 part 1 would start from mission 01's recorded fleet size.
  beforeEach(() => fs.rmSync(ledgerFile, { force: true }));
  afterAll(() => { delete process.env.FLEETLAB_DESIGN_RECORD; setKernelRuntime(undefined); });

  it("every formula of every mission has a scope, except those whose value is the part's target (noValue says so)", () => {
    const without = MISSIONS.flatMap((m) => m.parts.flatMap((p) => p.mathPeek.filter((f) => !f.scope && f.noValue).map((f) => `${m.id}/${p.id}/${f.label}`)));
    expect(MISSIONS.flatMap((m) => m.parts.flatMap((p) => p.mathPeek.filter((f) => !f.scope && !f.noValue).map((f) => f.label)))).toEqual([]);
    expect(without).toEqual([
      "07_fault_tolerance/young_daly_audit/Young's optimum (the minimum of the line above)",
      "07_fault_tolerance/young_daly_audit/Daly's higher-order optimum (delta < 2M)",
      "07_fault_tolerance/async_staging/Storm-free staging buffer (network-calculus backlog bound)",
    ]);
  });

  it.each(cases.map((c) => [c.mission.id, c.track, c.part.id, c] as const))("%s / %s / %s", async (_m, _t, _p, { mission, track, part }) => {
    const { shown, state, commit, move, peek } = render(mission.id, track, part.id);
    const ctx = trackContext(mission as Mission<unknown>, track);
    const formulas = part.mathPeek as Mission<unknown>["parts"][number]["mathPeek"];
    expect(Object.keys(shown.peeks)).toEqual(formulas.map((f) => f.label));
    await settle();

    // Before the commit: no value, and the label says when it opens.
    for (const f of formulas) {
      expect({ [f.label]: peek(f.label) }).toEqual({ [f.label]: null });
      expect(String(state(shown.peeks[f.label]).description)).toBe(f.noValue ? `${f.label} (no value: ${f.noValue})` : `${f.label} (${WITHHELD_NOTE})`);
    }

    await commit(answerKey(mission, part.id, track).lock.answer);
    // Formulas whose value is the target (noValue) stay formulas; every other one shows its value.
    const valued = formulas.filter((f) => f.scope);
    const values: ControlValues = defaultValues(part.workbench.controls as never, ctx);
    /** Each peek shows its formula at `v` (null where the model cannot compute it there). */
    const expectPeeksAt = (v: ControlValues) => {
      for (const f of valued) {
        let expected: number | null = null;
        try { expected = evaluateIn(f.expression, f.scope!(v, ctx)); } catch { /* no value */ }
        const got = peek(f.label);
        if (expected === null) expect({ [f.label]: got }).toEqual({ [f.label]: null });
        else expect(got).toBeCloseTo(expected, 12);
      }
    };
    // After it: every formula has a finite value at the defaults, and its plain label.
    for (const f of valued) {
      expect({ [f.label]: Number.isFinite(peek(f.label)) }).toEqual({ [f.label]: true });
      expect(state(shown.peeks[f.label]).description).toBe(f.label);
    }
    expectPeeksAt(values);

    // Each slider in turn to its far end and back: where it moves an instrument it moves a peek.
    for (const c of part.workbench.controls) {
      const r = resolveControl(c as never, ctx);
      if (r.kind !== "slider") continue;
      const before = readings(shown, state);
      const peeksBefore = valued.map((f) => peek(f.label));
      await move(c.id, r.default !== r.max ? r.max : r.min);
      const moved = { ...values, [c.id]: state(shown.controls[c.id]).value as number };
      expect(moved[c.id]).not.toBe(r.default);
      expectPeeksAt(moved);
      const changed = valued.filter((f, i) => peek(f.label) !== peeksBefore[i] && Number.isFinite(peek(f.label))).map((f) => f.label);
      if (readings(shown, state) !== before) expect({ [c.id]: changed.length > 0 }).toEqual({ [c.id]: true });
      await move(c.id, r.default);
      expectPeeksAt(values);
    }
  });
});

describe("Math Peek values against closed forms from the missions' figures", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-peek-closed-"));
  const ledgerFile = path.join(dir, "fleetlab-design-record.json");
  beforeAll(() => { process.env.FLEETLAB_DESIGN_RECORD = ledgerFile; });
  beforeEach(() => fs.rmSync(ledgerFile, { force: true }));
  afterAll(() => { delete process.env.FLEETLAB_DESIGN_RECORD; setKernelRuntime(undefined); });

  it("01 part 1, Edge Guardian: the Fleet Law is P_node^N and the Fleet MTBF MTBF_node / N at the sliders' values", async () => {
    const t = ML_INTRO_FIGURES.edge_guardian;
    const { commit, move, peek, state, shown } = render("01_ml_intro", "edge_guardian", "reliability_gap");
    await commit(0.5);
    expect(peek("Fleet Law")).toBeCloseTo(t.nodeAvailability.value ** Math.min(1000, t.nodes.value), 12);
    await move("nodes", 2000);
    await move("p_node", 0.9995);
    expect(state(shown.controls.nodes).value).toBe(2000);
    expect(peek("Fleet Law")).toBeCloseTo(0.9995 ** 2000, 12);
    expect(peek("Fleet MTBF")).toBeCloseTo(t.nodeMtbfHours.value / 2000, 12);
    // The same number as the Fleet MTBF gauge.
    expect(peek("Fleet MTBF")).toBeCloseTo(state(shown.instruments.fleet_mtbf).value as number, 12);
  });

  it("07 part 1, Cloud Titan: the lost time is δ/τ + τ/(2M) at your interval, M = MTBF_node / N; the optima show no value", async () => {
    const t = FAULT_TOLERANCE_FIGURES.cloud_titan;
    const { commit, move, peek, state, shown } = render("07_fault_tolerance", "cloud_titan", "young_daly_audit");
    await commit("Increase");
    await move("nodes", 4096);
    await move("delta_s", 120);
    await move("interval_min", 30);
    const delta = state(shown.controls.delta_s).value as number;
    const tau = 60 * (state(shown.controls.interval_min).value as number);
    expect(delta).toBeCloseTo(120, 6);
    const M = (t.nodeMtbfHours.value / 4096) * 3600;
    expect(peek("Lost time per unit of work (first order)")).toBeCloseTo(delta / tau + tau / (2 * M), 12);
    expect(peek("Fleet MTBF")).toBeCloseTo(t.nodeMtbfHours.value / 4096, 12);
    // The optima are the part's target: shown as formulas, never as numbers.
    for (const label of ["Young's optimum (the minimum of the line above)", "Daly's higher-order optimum (delta < 2M)"]) {
      expect(peek(label)).toBeNull();
      expect(String(state(shown.peeks[label]).description)).toMatch(/no value: .*find/);
    }
  });

  it("12 part 2, Tiny Pioneer: the canary needs ceil(ln(1−C)/ln(1−p)) requests, which take n / (r·f) seconds", async () => {
    const t = OPS_SCALE_FIGURES.tiny_pioneer;
    const { commit, move, peek, state, shown } = render("12_ops_scale", "tiny_pioneer", "canary_duration");
    await commit(3000);
    await move("confidence", 99);
    await move("request_rate", 40);
    const C = (state(shown.controls.confidence).value as number) / 100, p = t.failureRate.value, rate = state(shown.controls.request_rate).value as number;
    const n = Math.ceil(Math.log(1 - C) / Math.log(1 - p));
    expect(peek("Zero-failure sample size")).toBe(n);
    expect(peek("Canary duration")).toBeCloseTo(n / (rate * t.canaryFraction.value), 9);
    // The Confidence Clock shows the same duration, in days.
    expect(peek("Canary duration")! / 86_400).toBeCloseTo(state(shown.instruments.clock).value as number, 12);
  });

  it("01 part 2 and 12 part 1: the CI ratio and the Platform ROI peeks equal the gauges that show them", async () => {
    const ci = render("01_ml_intro", "cloud_titan", "communication_wall");
    await ci.commit("No: the speedup falls short of 2x, and past a point adding GPUs slows training");
    await ci.move("gpus", 4096);
    await ci.move("sync_every", 4);
    expect(ci.peek("CI ratio")).toBeCloseTo(ci.state(ci.shown.instruments.ci_ratio).value as number, 15);
    const roi = render("12_ops_scale", "edge_guardian", "platform_roi");
    await roi.commit(30);
    await roi.move("models", 80);
    expect(roi.peek("Platform ROI")).toBeCloseTo(roi.state(roi.shown.instruments.roi).value as number, 6);
  });
});
