/**
 * Mission 12's monitoring instruments, against closed forms computed here or quoted from an
 * independent computation: part 1's Alert Noise (Cloud Titan's 50 served models, one fixed
 * threshold against thresholds discovered per model), part 2's Slice Monitor (Mobile Nomad's
 * 10 regions after the OS update) and Risk-vs-Velocity Radar; each changes with its controls.
 */
import { resolveControl, trackContext, defaultValues } from "../../src/mission/authoring/resolve";
import { TRACK_IDS, type ControlValues, type InstrumentSpec, type TrackId } from "../../src/mission/authoring/types";
import { missionById } from "../../src/mission/find-mission";
import { plotSpec } from "../../src/mission/session/plot-spec";
import { usesOnlyV5 } from "../../src/kernel-widgets/plots/vegalite-v5";
import { evaluateIn } from "../../src/kernel-widgets/math-peek";

const mission = missionById("12_ops_scale");
const part = (id: string) => mission.parts.find((p) => p.id === id)!;
const instrument = (partId: string, id: string) => part(partId).workbench.instruments.find((i) => i.id === id)! as InstrumentSpec;
const defaults = (partId: string, track: TrackId): ControlValues => defaultValues(part(partId).workbench.controls, trackContext(mission, track));
function read(partId: string, id: string, track: TrackId, over: ControlValues = {}) {
  const ins = instrument(partId, id), v = { ...defaults(partId, track), ...over };
  return ins.compute(v, trackContext(mission, track), [v]);
}
function peek(partId: string, label: string, track: TrackId, over: ControlValues = {}) {
  const f = part(partId).mathPeek.find((m) => m.label === label)!;
  return evaluateIn(f.expression, f.scope!({ ...defaults(partId, track), ...over }, trackContext(mission, track)))!;
}
const gauge = (partId: string, id: string, track: TrackId, over: ControlValues = {}) => read(partId, id, track, over) as number;
const rows = (partId: string, id: string, track: TrackId, over: ControlValues = {}) => read(partId, id, track, over) as Record<string, number | string>[];

/** Two-sided tail of a standard normal beyond z: 2·(1 − Φ(z)), from tables. */
const TAIL = { 3: 0.0026998, 4: 6.3342e-5 };

describe("12 part 1, Alert Noise: threshold discovery on Cloud Titan's 50 models", () => {
  const fixed = { thresholds: "One fixed threshold" }, discovered = { thresholds: "Discovered per model" };

  it("opens on 50 models, hourly checks, z = 3 and one fixed threshold", () => {
    expect(defaults("platform_roi", "cloud_titan")).toMatchObject({ models: 50, alert_z: 3, thresholds: "One fixed threshold" });
  });

  it("discovered thresholds raise about N × checks/day × tail probability: 50 × 24 × 0.0027 = 3.24 false alerts a day", () => {
    // A week of hourly checks estimates each model's spread to ~5 %, which lifts the tail a little (alertNoise's validity note).
    const closed = 50 * 24 * TAIL[3];
    const r = gauge("platform_roi", "alert_noise", "cloud_titan", discovered);
    expect(r / closed).toBeGreaterThan(0.85);
    expect(r / closed).toBeLessThan(1.4);
    expect(peek("platform_roi", "Alert noise, discovered thresholds", "cloud_titan")).toBeCloseTo(closed, 3);
    const strict = 50 * 24 * TAIL[4];
    expect(gauge("platform_roi", "alert_noise", "cloud_titan", { ...discovered, alert_z: 4 }) / strict).toBeLessThan(2.2);
  });

  it("one fixed threshold raises 18.2 a day (the closed form over the 50 noise levels, computed apart with scipy), above the on-call's 4", () => {
    // 24 · Σᵢ 2(1 − Φ(3 · 1.269 / σᵢ)), σᵢ = exp(0.5 · Φ⁻¹((i + ½)/50)): 18.17 (scipy.stats.norm).
    const r = gauge("platform_roi", "alert_noise", "cloud_titan", fixed);
    expect(Math.abs(r / 18.17 - 1)).toBeLessThan(0.1);
    expect(r).toBeGreaterThan(4 * gauge("platform_roi", "alert_noise", "cloud_titan", discovered));
    expect(r).toBeGreaterThan(4);
  });

  it("the per-model plot shows where the alerts come from, one point per model, adding up to the gauge", () => {
    for (const setting of [fixed, discovered]) {
      const points = rows("platform_roi", "alert_sources", "cloud_titan", setting);
      expect(points).toHaveLength(50);
      const sum = points.reduce((s, p) => s + (p.false_alerts_per_day as number), 0);
      expect(sum).toBeCloseTo(gauge("platform_roi", "alert_noise", "cloud_titan", setting), 9);
    }
    // With one threshold the noisiest tenth raises most of them; discovered, no model stands out by 10x.
    const loud = rows("platform_roi", "alert_sources", "cloud_titan", fixed).map((p) => p.false_alerts_per_day as number);
    expect(loud.slice(45).reduce((a, b) => a + b, 0) / loud.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.6);
    const even = rows("platform_roi", "alert_sources", "cloud_titan", discovered).map((p) => p.false_alerts_per_day as number);
    expect(Math.max(...even)).toBeLessThan(10 * (50 * 24 * TAIL[3]) / 50);
  });

  it("changes with its controls: more models, more noise; a higher threshold, less", () => {
    const at = (over: ControlValues) => gauge("platform_roi", "alert_noise", "cloud_titan", over);
    expect(at({ ...fixed, models: 500 })).toBeGreaterThan(5 * at(fixed));
    expect(at({ ...fixed, alert_z: 4 })).toBeLessThan(at(fixed) / 2);
    expect(at(discovered)).toBeLessThan(at(fixed));
  });
});

describe("12 part 2, Slice Monitor: the App-OS skew across Mobile Nomad's 10 regions", () => {
  const slices = { monitor_view: "Slice-level" }, aggregate = { monitor_view: "Fleet aggregate" };

  it("the fleet aggregate's change is the mean of the slices' changes (equal weights), on every track", () => {
    for (const t of TRACK_IDS) {
      const [all] = rows("canary_duration", "slice_monitor", t, aggregate);
      const each = rows("canary_duration", "slice_monitor", t, slices);
      expect(each).toHaveLength(10);
      let sum = 0;
      for (const s of each) sum += s.change as number;
      expect(all.change as number).toBeCloseTo(sum / each.length, 9);
    }
  });

  it("at the defaults the aggregate stays inside its band while the slice view flags the regressed region, and only it", () => {
    const [all] = rows("canary_duration", "slice_monitor", "mobile_nomad", aggregate);
    expect(all.status).toBe("within band");
    expect(all.change as number).toBeLessThan(0); // the loss is there, but smaller than the aggregate's band
    const flagged = rows("canary_duration", "slice_monitor", "mobile_nomad", slices).filter((s) => s.status === "alarm");
    expect(flagged.map((s) => s.slice)).toEqual(["Region 4"]);
    expect(flagged[0].change as number).toBeLessThan(-4); // most of the 6 FPS drop
  });

  it("the catch probability is the closed form: 1 − Φ(3 − 6/√10) + Φ(−3 − 6/√10) = 0.135 aggregate, 0.991 per slice", () => {
    // Aggregate: 6 σ over √10 slices is 1.897 σ; Φ(−1.103) = 0.1350, Φ(−4.897) ≈ 5e-7.
    expect(gauge("canary_duration", "slice_catch", "mobile_nomad", aggregate)).toBeCloseTo(0.1350, 3);
    for (const band_z of [2, 3, 5]) {
      expect(peek("canary_duration", "Aggregate catch probability", "mobile_nomad", { band_z })).toBeCloseTo(gauge("canary_duration", "slice_catch", "mobile_nomad", { ...aggregate, band_z }), 6);
    }
    // Slices: Bonferroni threshold Φ⁻¹(1 − 0.0027/20) = 3.643; 1 − Φ(3.643 − 6) = Φ(2.357) = 0.9908.
    expect(gauge("canary_duration", "slice_catch", "mobile_nomad", slices)).toBeCloseTo(0.9908, 3);
  });

  it("changes with its controls: the view, and the band's width", () => {
    const at = (over: ControlValues) => gauge("canary_duration", "slice_catch", "mobile_nomad", over);
    expect(at({ ...aggregate, band_z: 2 })).toBeGreaterThan(at(aggregate));
    expect(at({ ...slices, band_z: 5 })).toBeLessThan(at(slices));
    const bands = (z: number) => rows("canary_duration", "slice_monitor", "mobile_nomad", { ...slices, band_z: z }).map((s) => s.band as number);
    bands(5).forEach((b, i) => expect(b).toBeGreaterThan(bands(3)[i]));
  });
});

describe("12 part 2, Risk-vs-Velocity Radar", () => {
  /** The radar's three scores from the canary's closed forms, computed here. */
  function expected(confidence: number, p: number, rate: number, canaryFraction: number) {
    const c = confidence / 100;
    const n = Math.ceil(Math.log(1 - c) / Math.log(1 - p));
    const seconds = n / (rate * canaryFraction);
    return [
      { axis: "Confidence", score: c },
      { axis: "Velocity (cycle slack)", score: Math.max(0, 1 - seconds / (7 * 86_400)) },
      { axis: "Residual risk bound", score: Math.min(1, (1 - Math.pow(1 - c, 1 / n)) / p) },
    ];
  }

  it.each([
    ["Cloud Titan's defaults", { confidence: 80, failure_rate: 0.001, request_rate: 2000 }],
    ["95 % at 1 req/s: half the week used", { confidence: 95, failure_rate: 0.001, request_rate: 1 }],
    ["99.9 % on a 1-in-100,000 case at 1 req/s: no slack", { confidence: 99.9, failure_rate: 1e-5, request_rate: 1 }],
  ])("draws the model's scores at %s", (_label, setting) => {
    const drawn = rows("canary_duration", "radar", "cloud_titan", setting);
    const want = expected(setting.confidence, setting.failure_rate, setting.request_rate, 0.01);
    expect(drawn.map((r) => r.axis)).toEqual(want.map((r) => r.axis));
    drawn.forEach((r, i) => expect(r.score as number).toBeCloseTo(want[i].score, 9));
  });

  it("moves with its controls: slower traffic eats the cycle's slack", () => {
    const velocity = (rate: number) => rows("canary_duration", "radar", "cloud_titan", { confidence: 95, request_rate: rate })[1].score as number;
    expect(velocity(1)).toBeCloseTo(0.5048, 4);
    expect(velocity(1)).toBeLessThan(velocity(2000));
  });

  it("is a radar, not a bar chart, and has a Vega-Lite 5 copy", () => {
    const radar = instrument("canary_duration", "radar");
    expect(radar.kind === "plot" && radar.mark).toBe("radar");
    const spec = plotSpec(radar as Extract<InstrumentSpec, { kind: "plot" }>);
    expect(spec.layer).toBeDefined();
    expect(usesOnlyV5(spec)).toBe(true);
  });
});

it("every control the new instruments read is a control of its part", () => {
  const ids = (p: string) => part(p).workbench.controls.map((c) => resolveControl(c, trackContext(mission, "cloud_titan")).id);
  expect(ids("platform_roi")).toEqual(expect.arrayContaining(["alert_z", "thresholds"]));
  expect(ids("canary_duration")).toEqual(expect.arrayContaining(["monitor_view", "band_z"]));
});
