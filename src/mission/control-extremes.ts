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
 */
import { resolve, resolveControl, defaultValues, trackContext } from "./resolve";
import { measureWork } from "./update-work";
import type { ControlSpec, ControlValue, ControlValues, InstrumentSpec, MissionSpec, PartSpec, TrackContext, TrackId } from "./types";

/**
 * Most model work one widget update may take, in steps (simulated events, samples, trials).
 * About half a second of the cluster simulator on a 2-core machine; mission 08's heaviest
 * update (part 3, 12 simulations at the worst reclaim rate) takes ~165,000.
 */
export const UPDATE_WORK_BUDGET = 400_000;

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
export function controlSettings<P>(controls: ControlSpec<P>[], ctx: TrackContext<P>): ControlSetting[] {
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

/** Evaluates every instrument of `part` at `values`; problems per instrument. */
function evaluate<P>(part: PartSpec<P>, values: ControlValues, ctx: TrackContext<P>): InstrumentProblem[] {
  const problems: InstrumentProblem[] = [];
  for (const ins of part.workbench.instruments) {
    try {
      const value = ins.compute(values, ctx, [values]);
      const bad = nonFinite(ins as InstrumentSpec<unknown>, value);
      if (bad) problems.push({ instrument: ins.id, kind: "non-finite", detail: bad });
      else if (ins.kind === "plot" && (value as unknown[]).length === 0) problems.push({ instrument: ins.id, kind: "no rows", detail: "computes no rows" });
    } catch (e) {
      // By name: a mission bundled with its own copy of the model throws its own class.
      const budget = (e as Error)?.name === "SimulationBudgetError";
      problems.push({ instrument: ins.id, kind: budget ? "budget" : "throws", detail: (e as Error)?.message ?? String(e) });
    }
  }
  return problems;
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
            const problems = measured.ok ? measured.value : [{ instrument: "(all)", kind: "throws" as const, detail: String(measured.error) }];
            return { mission: spec.id, track, part: part.id, setting, steps: measured.steps, problems, overBudget: measured.steps > budget };
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

/** One line per failing instrument or over-budget update: track, part, setting, instrument and what it did. */
export function extremeProblems<P>(spec: MissionSpec<P>, budget = UPDATE_WORK_BUDGET): string[] {
  const out: string[] = [];
  for (const o of sweepControlExtremes(spec, budget)) {
    const where = `track ${o.track}: ${o.part} at ${o.setting.label}`;
    for (const p of o.problems) out.push(`${where}: ${p.instrument}: ${p.kind === "throws" ? `throws: ${p.detail}` : p.detail}`);
    if (o.overBudget) {
      out.push(`${where}: the update needs ${o.steps.toLocaleString("en-US")} steps of model work (simulated events, samples, trials), ` +
        `over the per-update budget of ${budget.toLocaleString("en-US")}`);
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
    } catch (e) {
      out.push(`${ins.id}: range: ${(e as Error).message}`);
    }
  }
  return out;
}
