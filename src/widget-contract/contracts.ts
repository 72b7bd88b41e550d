/**
 * One contract per widget kind: its label, the default of every trait, the rule every
 * value of each trait must meet, and which traits the front end may write.
 *
 *   kernel (src/kernel-widgets/)  new Slider(options) = defaults + options, each checked by `rules`;
 *                                 front-end updates: only `writable` traits, each checked by `rules`
 *   front end (widgets/src/)      Model.defaults() = defaults; kernel state checked by `rules`;
 *                                 what the student enters checked by `rules` before it is sent
 *
 * Pure TypeScript, no Node or DOM: the browser bundle and the kernel import this same file.
 * A trait the kernel requires at construction (Choice.options, PredictionLock.part,
 * Stakeholder.persona, ...) still has a default here: the front end's model holds it until
 * the kernel's state arrives.
 */
import { answerProblem } from "./answer";
import {
  above, all, below, boolean, finiteNumber, integer, json, nonEmptyText, nullable, oneOf, positiveNumber, stringList, text,
  type Rule,
} from "./rules";
import {
  MODEL_REF_PREFIX,
  type BaseTraits, type BoxTraits, type ChoiceTraits, type GaugeMarker, type GaugeThreshold, type GaugeTraits,
  type MathPeekTraits, type NumberInputTraits, type OwnTraits, type PlotCompute, type PredictionLockTraits,
  type ReflectionTraits, type SliderTraits, type StakeholderTraits, type ToggleTraits, type ValueCompute,
  type VegaPlotTraits, type WidgetKind,
} from "./traits";

/** What both sides know of one widget kind whose traits are T. */
export interface WidgetContract<T extends BaseTraits> {
  kind: WidgetKind;
  /** Class-like name used in messages and text/plain, e.g. "Slider". */
  label: string;
  /** Every own trait's value when none is given, in wire order. */
  defaults: OwnTraits<T>;
  /** A rule for every own trait (rules.ts). */
  rules: { [K in keyof OwnTraits<T>]-?: Rule<T> };
  /** The traits the front end may write; the kernel writes the rest. */
  writable: readonly (keyof OwnTraits<T> & string)[];
}

/** A copy of a contract's defaults for one widget: they hold lists and objects no two widgets may share. */
export function freshDefaults<T extends BaseTraits>(contract: WidgetContract<T>): OwnTraits<T> {
  return JSON.parse(JSON.stringify(contract.defaults)) as OwnTraits<T>;
}

// ---------------------------------------------------------------------------
// Controls
// ---------------------------------------------------------------------------

/**
 * A slider's step when none is given: 100 stops across a linear range, 0.01 decades
 * (100 stops per decade) on a log one.
 */
export function sliderStep(range: { min: number; max: number; scale: "linear" | "log" }): number {
  return range.scale === "log" ? 0.01 : (range.max - range.min) / 100;
}

const SLIDER_RANGE = { min: 0, max: 100, scale: "linear" } as const;

export const SLIDER: WidgetContract<SliderTraits> = {
  kind: "slider",
  label: "Slider",
  defaults: {
    description: "", value: 0, min: SLIDER_RANGE.min, max: SLIDER_RANGE.max, step: sliderStep(SLIDER_RANGE),
    scale: SLIDER_RANGE.scale, unit: "", continuous_update: true, readout: true, disabled: false,
  },
  rules: {
    description: text(),
    value: finiteNumber((s) => ({ min: s.min, max: s.max })),
    min: all(below("max"), (v, s) => (s.scale === "log" && (v as number) <= 0 ? "> 0 on a log scale" : null)),
    max: above("min"),
    step: positiveNumber(),
    scale: all(oneOf(["linear", "log"]), (v, s) => (v === "log" && !(s.min > 0) ? `"linear" while min (${s.min}) <= 0` : null)),
    unit: text(),
    continuous_update: boolean(),
    readout: boolean(),
    disabled: boolean(),
  },
  writable: ["value"],
};

export const TOGGLE: WidgetContract<ToggleTraits> = {
  kind: "toggle",
  label: "Toggle",
  defaults: { description: "", value: false, on_label: "", off_label: "", disabled: false },
  rules: { description: text(), value: boolean(), on_label: text(), off_label: text(), disabled: boolean() },
  writable: ["value"],
};

export const CHOICE: WidgetContract<ChoiceTraits> = {
  kind: "choice",
  label: "Choice",
  defaults: { description: "", options: [], labels: [], value: null, variant: "radio", disabled: false },
  rules: {
    description: text(),
    options: stringList({ distinct: true, nonEmpty: true }),
    labels: (v, s) => stringList<ChoiceTraits>()(v, s) ??
      ((v as string[]).length === 0 || (v as string[]).length === s.options.length ? null : `a list of ${s.options.length} labels, one per option, or []`),
    value: nullable(oneOf((s: ChoiceTraits) => s.options)),
    variant: oneOf(["radio", "select"]),
    disabled: boolean(),
  },
  writable: ["value"],
};

export const NUMBER_INPUT: WidgetContract<NumberInputTraits> = {
  kind: "numberInput",
  label: "NumberInput",
  defaults: { description: "", value: 0, min: null, max: null, step: null, unit: "", disabled: false },
  rules: {
    description: text(),
    value: finiteNumber((s) => ({ min: s.min, max: s.max })),
    min: nullable(finiteNumber((s) => ({ max: s.max }))),
    max: nullable(finiteNumber((s) => ({ min: s.min }))),
    step: nullable(positiveNumber()),
    unit: text(),
    disabled: boolean(),
  },
  writable: ["value"],
};

// ---------------------------------------------------------------------------
// Prediction lock
// ---------------------------------------------------------------------------

/**
 * Longest text prediction, in characters. A prediction is a short answer committed before
 * the results open (a sentence or two; the reflection is where long answers go, up to its
 * max_chars). 280 is what the kernel has always enforced and sent (the browser's 2000 only
 * filled in for a missing trait), and it keeps every commit in the notebook's lock record small.
 */
export const PREDICTION_MAX_LENGTH = 280;

export const PREDICTION_LOCK: WidgetContract<PredictionLockTraits> = {
  kind: "predictionLock",
  label: "PredictionLock",
  defaults: {
    part: "", prompt: "", kind: "number", unit: "", min: null, max: null, choices: [], max_length: PREDICTION_MAX_LENGTH,
    value: null, locked: false, locked_at: null,
  },
  rules: {
    part: nonEmptyText(),
    prompt: text(),
    kind: oneOf(["number", "choice", "text"]),
    unit: text(),
    min: nullable(finiteNumber()),
    max: nullable(finiteNumber((s) => ({ min: s.min }))),
    choices: (v, s) => stringList<PredictionLockTraits>({ distinct: true, nonEmpty: s.kind === "choice" })(v, s),
    max_length: integer(() => ({ min: 1, max: 10_000 })),
    value: (v, s) => (v === null ? null : answerProblem(s, v)),
    locked: boolean(),
    locked_at: nullable(text()),
  },
  writable: [],
};

// ---------------------------------------------------------------------------
// Plot
// ---------------------------------------------------------------------------

const isObject = (v: unknown): v is { [key: string]: unknown } => typeof v === "object" && v !== null && !Array.isArray(v);
const computeArgsOk = (args: unknown) => isObject(args) && Object.values(args).every((a) =>
  (typeof a === "number" && Number.isFinite(a)) || (isObject(a) && typeof a.control === "string"));

const rows: Rule<VegaPlotTraits> = all(json("array"), (v) => ((v as unknown[]).every(isObject) ? null : "a list of row objects"));

/** Why `v` is not a PlotCompute `{ fn, sweep, args }` (its model call is checked when it runs). */
function plotComputeProblem(v: unknown): string | null {
  const c = v as PlotCompute;
  return isObject(c) && typeof c.fn === "string" && isObject(c.sweep) && typeof c.sweep.param === "string" && computeArgsOk(c.args)
    ? null : "{ fn: a model function name, sweep: { param, from, to, points, scale }, args: { param: number | { control: id } } }";
}

export const VEGA_PLOT: WidgetContract<VegaPlotTraits> = {
  kind: "vegaPlot",
  label: "VegaPlot",
  defaults: { description: "", spec: {}, data: [], prediction: [], signals: {}, compute: null },
  rules: {
    description: text(),
    spec: json("object"),
    data: rows,
    prediction: rows,
    signals: all(json("object"), (v) =>
      Object.values(v as object).every((x) => x === null || ["number", "string", "boolean"].includes(typeof x)) ? null : "an object of scalar values"),
    compute: nullable(all(json("object"), plotComputeProblem)),
  },
  writable: [],
};

// ---------------------------------------------------------------------------
// Read-outs and text
// ---------------------------------------------------------------------------

const LEVELS = ["ok", "warn", "bad"] as const;

function thresholdsProblem(v: unknown): string | null {
  if (!Array.isArray(v)) return "a list of { at, level, label }";
  let last = -Infinity;
  for (const t of v as GaugeThreshold[]) {
    if (!isObject(t) || typeof t.at !== "number" || !Number.isFinite(t.at) ||
        !(LEVELS as readonly unknown[]).includes(t.level) || typeof t.label !== "string") return "a list of { at, level: ok|warn|bad, label }";
    if (t.at < last) return "sorted by ascending `at`";
    last = t.at;
  }
  return null;
}

/** Why `v` is not a GaugeMarker `{ value, label }`, or null. */
function gaugeMarkerProblem(v: unknown): string | null {
  const m = v as GaugeMarker;
  return isObject(m) && typeof m.value === "number" && Number.isFinite(m.value) && typeof m.label === "string" && Object.keys(m).length === 2
    ? null : "{ value: a finite number, label: a string }";
}

/** Why `v` is not a ValueCompute `{ fn, args }`, or null (its model call is checked when it runs). */
function valueComputeProblem(v: unknown): string | null {
  const c = v as ValueCompute;
  return isObject(c) && typeof c.fn === "string" && computeArgsOk(c.args)
    ? null : "{ fn: a model function name, args: { param: number | { control: id } } }";
}

export const GAUGE: WidgetContract<GaugeTraits> = {
  kind: "gauge",
  label: "Gauge",
  defaults: { description: "", value: null, unit: "", min: 0, max: 1, thresholds: [], level: null, marker: null, compute: null },
  rules: {
    description: text(),
    value: nullable(finiteNumber()),
    unit: text(),
    // Strict: the bar's fill is (value - min) / (max - min).
    min: below("max"),
    max: above("min"),
    thresholds: all(thresholdsProblem, json("array")),
    level: nullable(oneOf(LEVELS)),
    marker: nullable(gaugeMarkerProblem),
    compute: nullable(valueComputeProblem),
  },
  writable: [],
};

export const MATH_PEEK: WidgetContract<MathPeekTraits> = {
  kind: "mathPeek",
  label: "MathPeek",
  defaults: { description: "", expression: "", tex: "", value: null, unit: "", expanded: false },
  rules: {
    description: text(),
    expression: text(),
    tex: text(),
    value: nullable(finiteNumber()),
    unit: text(),
    expanded: boolean(),
  },
  writable: ["expanded"],
};

export const REFLECTION: WidgetContract<ReflectionTraits> = {
  kind: "reflection",
  label: "Reflection",
  defaults: { part: "", prompt: "", value: "", min_words: 30, max_chars: 5000, word_count: 0, complete: false, disabled: false },
  rules: {
    part: text(),
    prompt: text(),
    value: text((s) => s.max_chars),
    min_words: integer(() => ({ min: 0, max: 10_000 })),
    max_chars: integer(() => ({ min: 1, max: 100_000 })),
    word_count: integer(() => ({ min: 0, max: Number.MAX_SAFE_INTEGER })),
    complete: boolean(),
    disabled: boolean(),
  },
  writable: ["value"],
};

export const STAKEHOLDER: WidgetContract<StakeholderTraits> = {
  kind: "stakeholder",
  label: "Stakeholder",
  defaults: { persona: "", role: "", message: "", severity: "info", acknowledged: false },
  rules: {
    persona: nonEmptyText(),
    role: text(),
    message: text(),
    severity: oneOf(["info", "warning", "critical"]),
    acknowledged: boolean(),
  },
  writable: ["acknowledged"],
};

export const BOX: WidgetContract<BoxTraits> = {
  kind: "box",
  label: "Box",
  defaults: { arrangement: "vbox", children: [], titles: [], selected_index: null },
  rules: {
    arrangement: oneOf(["hbox", "vbox", "tab"]),
    children: (v, s) => stringList<BoxTraits>()(v, s) ??
      ((v as string[]).every((c) => c.startsWith(MODEL_REF_PREFIX)) ? null : `a list of "${MODEL_REF_PREFIX}<id>" references`),
    titles: stringList(),
    selected_index: nullable(integer((s) => ({ min: 0, max: Math.max(0, s.children.length - 1) }))),
  },
  writable: ["selected_index"],
};

/** Every contract by kind. */
export const CONTRACTS = {
  slider: SLIDER, toggle: TOGGLE, choice: CHOICE, numberInput: NUMBER_INPUT, predictionLock: PREDICTION_LOCK,
  vegaPlot: VEGA_PLOT, gauge: GAUGE, mathPeek: MATH_PEEK, reflection: REFLECTION, stakeholder: STAKEHOLDER, box: BOX,
} as const satisfies Record<WidgetKind, { kind: WidgetKind; label: string }>;
