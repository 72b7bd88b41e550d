/**
 * The control-extremes sweep: every instrument of every part and track, evaluated at each
 * control's extremes, so no widget value a student can set hangs the kernel or shows NaN.
 *
 *   per track, per part:  defaults
 *                         one control varied at a time: slider min and max, each toggle
 *                         value, each choice (the rest at their defaults)
 *                         every control at its low end, every control at its high end
 *   per setting (one widget update): every instrument computed, and the update's model work
 *   measured in steps (update-work.ts), as from cold memos
 *
 * A setting fails when an instrument computes a non-finite number (or a plot no rows),
 * throws (a simulation that stopped at its event budget throws SimulationBudgetError), or
 * the update needs more than UPDATE_WORK_BUDGET steps. Work is counted, never timed, so
 * the verdict is the same on every machine; `npm run bench` times the same updates.
 *
 * The gauges' readings over the same settings check each gauge's range on each track
 * (gaugeFitProblems): every reading inside [min, max], so the widget never has to widen its
 * dial, and the range not absurdly wide for the track (GAUGE_MIN_REACH).
 */
import { resolve, resolveControl, defaultValues, trackContext } from "./resolve";
import { measureWork } from "./update-work";
import type { Controls, ControlValue, ControlValues, InstrumentSpec, MissionSpec, PartSpec, TrackContext, TrackId } from "./types";

/**
 * Most model work one widget update may take, in steps (simulated events, samples, trials).
 * About half a second of the cluster simulator on a 2-core machine; mission 08's heaviest
 * update (part 3, 12 simulations at the worst reclaim rate) takes ~165,000.
 */
export const UPDATE_WORK_BUDGET = 400_000;

/**
 * How far into its range a gauge must reach on each track: the largest |reading − min| over
 * the sweep's settings is at least this share of (max − min). At 5 % the bar moves a few
 * pixels, the least a reader sees as a change; a range more than 20x wider than anything a
 * control can make the gauge show was chosen for another track (mission 01's CI gauge read
 * 1.5 % of its bar on Cloud Titan at its default). Not stricter, because the sweep sees a
 * sample (defaults and extremes) while a range is derived from the track's true ceiling,
 * which can lie in a corner the sweep does not visit (mission 08's simulated worst cases),
 * and because two gauges may share a scale so they can be compared by eye (mission 08's
 * contiguous and anywhere waits), where the smaller one reaches less of it.
 */
export const GAUGE_MIN_REACH = 0.05;

/** Which end of its range a control is set to in a setting. */
export type Extreme = "min" | "max" | "on" | "off" | "choice";

/** One widget state the sweep evaluates. */
export interface ControlSetting {
  /** "defaults", "nodes = 1 (min)", "all controls at min", ... */
  label: string;
  values: ControlValues;
  /** The controls set away from their defaults, with the value and which end it is. */
  varied: { control: string; value: ControlValue; extreme: Extreme }[];
}

/** What went wrong with one instrument in one setting. */
export interface InstrumentProblem {
  instrument: string;
  kind: "non-finite" | "no rows" | "throws" | "budget";
  detail: string;
}

/** The outcome of one widget update (one setting of one part on one track). */
export interface UpdateOutcome {
  mission: string;
  track: TrackId;
  part: string;
  setting: ControlSetting;
  /** Model work the update needs from cold memos, in steps. */
  steps: number;
  problems: InstrumentProblem[];
  /** True when steps > the budget the sweep was given. */
  overBudget: boolean;
  /** What each gauge of the part shows in this setting (gauges that computed a finite number). */
  readings: Record<string, number>;
}

/** An update the sweep will evaluate; `run()` computes every instrument of the part at the setting. */
export interface ExtremeUpdate {
  mission: string;
  track: TrackId;
  part: string;
  setting: ControlSetting;
  run(): UpdateOutcome;
}

const show = (v: ControlValue) => (typeof v === "number" ? String(Number(v.toPrecision(6))) : typeof v === "string" ? JSON.stringify(v) : String(v));

/** Every setting of one part's controls the sweep evaluates, defaults first. */
export function controlSettings<P>(controls: Controls<P>, ctx: TrackContext<P>): ControlSetting[] {
  const defaults = defaultValues(controls, ctx);
  const settings: ControlSetting[] = [{ label: "defaults", values: defaults, varied: [] }];
  const low: ControlSetting["varied"] = [], high: ControlSetting["varied"] = [];
  for (const c of controls) {
    const r = resolveControl(c, ctx);
    const ends: { value: ControlValue; extreme: Extreme }[] =
      r.kind === "slider" ? [{ value: r.min, extreme: "min" }, { value: r.max, extreme: "max" }]
      : r.kind === "toggle" ? [{ value: false, extreme: "off" }, { value: true, extreme: "on" }]
      : r.choices.map((value) => ({ value, extreme: "choice" as const }));
    for (const e of ends) {
      if (e.value === defaults[c.id]) continue; // the defaults setting covers it
      settings.push({ label: `${c.id} = ${show(e.value)} (${e.extreme})`, values: { ...defaults, [c.id]: e.value }, varied: [{ control: c.id, ...e }] });
    }
    low.push({ control: c.id, ...ends[0] });
    high.push({ control: c.id, ...ends[ends.length - 1] });
  }
  if (controls.length > 1) {
    for (const [label, varied] of [["all controls at min", low], ["all controls at max", high]] as const) {
      const values = { ...defaults };
      for (const v of varied) values[v.control] = v.value;
      settings.push({ label: `${label} (${varied.map((v) => `${v.control} = ${show(v.value)}`).join(", ")})`, values, varied: varied.filter((v) => v.value !== defaults[v.control]) });
    }
  }
  return settings;
}

/** The first non-finite number in an instrument's value, described; null when all are finite. */
export function nonFinite(ins: InstrumentSpec<unknown>, value: unknown): string | null {
  if (ins.kind === "gauge") return typeof value === "number" && Number.isFinite(value) ? null : `computes ${String(value)}`;
  if (!Array.isArray(value)) return `computes ${typeof value}, not rows`;
  for (const [i, row] of value.entries()) {
    for (const [field, x] of Object.entries(row as Record<string, unknown>)) {
      if (typeof x === "number" && !Number.isFinite(x)) return `row ${i + 1}: ${field} = ${x} (${JSON.stringify(row)})`;
    }
  }
  return null;
}

/** Evaluates every instrument of `part` at `values`; problems per instrument, and the gauges' readings. */
function evaluate<P>(part: PartSpec<P>, values: ControlValues, ctx: TrackContext<P>): { problems: InstrumentProblem[]; readings: Record<string, number> } {
  const problems: InstrumentProblem[] = [];
  const readings: Record<string, number> = {};
  for (const ins of part.workbench.instruments) {
    try {
      const value = ins.compute(values, ctx, [values]);
      const bad = nonFinite(ins as InstrumentSpec<unknown>, value);
      if (bad) problems.push({ instrument: ins.id, kind: "non-finite", detail: bad });
      else if (ins.kind === "plot" && (value as unknown[]).length === 0) problems.push({ instrument: ins.id, kind: "no rows", detail: "computes no rows" });
      else if (ins.kind === "gauge") readings[ins.id] = value as number;
    } catch (e) {
      // By name: a mission bundled with its own copy of the model throws its own class.
      const budget = (e as Error)?.name === "SimulationBudgetError";
      problems.push({ instrument: ins.id, kind: budget ? "budget" : "throws", detail: (e as Error)?.message ?? String(e) });
    }
  }
  return { problems, readings };
}

/**
 * Every update of the sweep, in order: track, part, setting. Lazy, so a caller can time
 * each one (the benchmark) or stop early.
 */
export function* extremeUpdates<P>(spec: MissionSpec<P>, budget = UPDATE_WORK_BUDGET): Generator<ExtremeUpdate> {
  for (const track of Object.keys(spec.tracks) as TrackId[]) {
    const ctx = trackContext(spec, track);
    for (const part of spec.parts) {
      for (const setting of controlSettings(part.workbench.controls, ctx)) {
        yield {
          mission: spec.id, track, part: part.id, setting,
          run: () => {
            const measured = measureWork(() => evaluate(part, setting.values, ctx));
            const problems = measured.ok ? measured.value.problems : [{ instrument: "(all)", kind: "throws" as const, detail: String(measured.error) }];
            const readings = measured.ok ? measured.value.readings : {};
            return { mission: spec.id, track, part: part.id, setting, steps: measured.steps, problems, overBudget: measured.steps > budget, readings };
          },
        };
      }
    }
  }
}

/** Every update of the sweep, evaluated. */
export function sweepControlExtremes<P>(spec: MissionSpec<P>, budget = UPDATE_WORK_BUDGET): UpdateOutcome[] {
  return [...extremeUpdates(spec, budget)].map((u) => u.run());
}

/**
 * One line per failing instrument or over-budget update: track, part, setting, instrument and
 * what it did; then one per gauge whose range does not fit its readings (gaugeFitProblems).
 */
export function extremeProblems<P>(spec: MissionSpec<P>, budget = UPDATE_WORK_BUDGET): string[] {
  const out: string[] = [];
  const outcomes = sweepControlExtremes(spec, budget);
  for (const o of outcomes) {
    const where = `track ${o.track}: ${o.part} at ${o.setting.label}`;
    for (const p of o.problems) out.push(`${where}: ${p.instrument}: ${p.kind === "throws" ? `throws: ${p.detail}` : p.detail}`);
    if (o.overBudget) {
      out.push(`${where}: the update needs ${o.steps.toLocaleString("en-US")} steps of model work (simulated events, samples, trials), ` +
        `over the per-update budget of ${budget.toLocaleString("en-US")}`);
    }
  }
  out.push(...gaugeFitProblems(spec, outcomes));
  return out;
}

const fmt = (x: number) => String(Number(x.toPrecision(4)));

/**
 * Gauges whose range does not fit what they show on a track, one line each, naming track,
 * part, gauge, mission, the range and the readings: over the sweep's settings (`outcomes`
 * of sweepControlExtremes), (a) every reading lies in [min, max], and (b) the largest
 * |reading − min| is at least GAUGE_MIN_REACH of (max − min). Settings where the gauge did
 * not compute are the sweep's own problems and are skipped here.
 */
export function gaugeFitProblems<P>(spec: MissionSpec<P>, outcomes: readonly UpdateOutcome[]): string[] {
  const out: string[] = [];
  const contexts = new Map<TrackId, TrackContext<P>>();
  for (const track of Object.keys(spec.tracks) as TrackId[]) {
    for (const part of spec.parts) {
      const mine = outcomes.filter((o) => o.track === track && o.part === part.id);
      for (const ins of part.workbench.instruments) {
        if (ins.kind !== "gauge") continue;
        const seen = mine.filter((o) => ins.id in o.readings).map((o) => ({ label: o.setting.label, value: o.readings[ins.id] }));
        if (seen.length === 0) continue;
        let ctx = contexts.get(track);
        if (!ctx) contexts.set(track, (ctx = trackContext(spec, track)));
        let min: number, max: number;
        try {
          min = resolve(ins.min, ctx);
          max = resolve(ins.max, ctx);
        } catch {
          continue; // gaugeRangeProblems names a range that does not compute
        }
        if (!(Number.isFinite(min) && Number.isFinite(max) && min < max)) continue;
        const values = seen.map((s) => s.value);
        const where = `track ${track}: ${part.id}: gauge ${ins.id} of mission ${spec.id}: range [${fmt(min)}, ${fmt(max)}]${ins.unit ? ` ${ins.unit}` : ""}`;
        const span = `shows ${fmt(Math.min(...values))} .. ${fmt(Math.max(...values))} over ${values.length} settings`;
        const outside = seen.filter((s) => s.value < min || s.value > max);
        if (outside.length > 0) {
          const listed = outside.slice(0, 4).map((s) => `${fmt(s.value)} at ${s.label}`).join("; ");
          out.push(`${where} does not hold ${outside.length} of the ${values.length} values it shows: ${listed}${outside.length > 4 ? `; and ${outside.length - 4} more` : ""} (it ${span})`);
          continue;
        }
        const reach = Math.max(...values.map((v) => Math.abs(v - min))) / (max - min);
        if (reach < GAUGE_MIN_REACH) {
          out.push(`${where} is too wide for the track: it ${span}, reaching at most ${fmt(100 * reach)} % of the range from min ` +
            `(at least ${100 * GAUGE_MIN_REACH} % required)`);
        }
      }
    }
  }
  return out;
}

/** Problems of gauge ranges (min, max, danger) for a track: each must compute to a finite number, min < max. */
export function gaugeRangeProblems<P>(part: PartSpec<P>, ctx: TrackContext<P>): string[] {
  const out: string[] = [];
  for (const ins of part.workbench.instruments) {
    if (ins.kind !== "gauge") continue;
    try {
      const min = resolve(ins.min, ctx), max = resolve(ins.max, ctx);
      const danger = ins.danger === undefined ? undefined : resolve(ins.danger, ctx);
      if (!Number.isFinite(min) || !Number.isFinite(max) || !(min < max)) out.push(`${ins.id}: range [${min}, ${max}] must be finite with min < max`);
      if (danger !== undefined && !Number.isFinite(danger)) out.push(`${ins.id}: danger must be finite (got ${danger})`);
      else if (danger !== undefined && !(danger >= min && danger <= max)) out.push(`${ins.id}: danger ${danger} must lie in the range [${min}, ${max}]`);
    } catch (e) {
      out.push(`${ins.id}: range: ${(e as Error).message}`);
    }
  }
  return out;
}
