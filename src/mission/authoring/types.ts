/**
 * The shape of a mission definition: what a TA writes, once, per mission.
 *
 * A mission has tracks (persona stories whose numbers come from the model's track
 * catalog) and exactly three parts. Each part runs prediction lock -> workbench ->
 * reflect; its workbench has controls bound to model functions, instruments that
 * compute from those controls, and a 10-iteration target the model computes.
 *
 * Anything that depends on the track is a `PerTrack<T>`: either a plain value or a
 * function of the track context, so one definition serves all four tracks.
 */

/** The four persona tracks, in the plans' order. */
export const TRACK_IDS = ["cloud_titan", "edge_guardian", "mobile_nomad", "tiny_pioneer"] as const;
export type TrackId = (typeof TRACK_IDS)[number];

/** A control's current value: sliders and number inputs hold numbers, toggles booleans, choices strings. */
export type ControlValue = number | boolean | string;
export type ControlValues = Record<string, ControlValue>;

/** What per-track values are computed from. */
export interface TrackContext<P = unknown> {
  track: TrackId;
  /** The mission's parameters for this track, from the model's track catalog. */
  params: P;
  /** Decisions recorded by earlier missions (empty outside a notebook run). */
  designs: DesignView;
}

/** A plain value, or one computed from the track. */
export type PerTrack<T, P = unknown> = T | ((ctx: TrackContext<P>) => T);

/** Read access to the design record of earlier parts and missions. */
export interface DesignView {
  /** The recorded entry for mission/part, or undefined when not yet played. */
  entry(missionId: string, partId: string): DesignEntry | undefined;
  /** A control value recorded for mission/part, or `fallback` when absent. */
  control<T extends ControlValue>(missionId: string, partId: string, control: string, fallback: T): T;
}

/** One part's decisions, as recorded in the notebook metadata and the design-record file. */
export interface DesignEntry {
  mission: string;
  part: string;
  track: TrackId;
  /** The student's locked prediction, or null when the lock was never committed. */
  lock: number | string | null;
  /** The model's answer to the lock (its answer key), recorded once the lock is committed; else null. */
  answer: number | string | null;
  controls: ControlValues;
  /**
   * The 10-iteration target: `value` once found or every try used, null before (the design
   * record is a file beside the notebook, readable while the student still searches).
   */
  target: { value: number | null; tries: number[]; found: boolean; attempts: number } | null;
  reflectionWords: number;
  /** ISO time the entry was last written. */
  updatedAt: string;
}

/** The persona story of one track (plan section 2). */
export interface TrackStory {
  persona: string;
  northStar: string;
  crisisTitle: string;
  crisis: string;
}

/** A prediction lock (plan: "The Lock"). */
export type LockSpec<P = unknown> =
  | {
      kind: "number";
      question: PerTrack<string, P>;
      unit: string | null;
      /** Bounds of the number input. */
      min: number;
      max: number;
      /** The model's answer for this track. */
      answer: (ctx: TrackContext<P>) => number;
      /** Relative tolerance for grading a prediction, e.g. 0.1 = within 10%. */
      tolerance: number;
      /**
       * The instrument that answers the lock, where the committed prediction is drawn beside
       * the model's value once the results open: a marker on a gauge, or a rule across a
       * plot at `axis`. `at` places a prediction that is not in the instrument's units
       * (a predicted factor drawn as the time it implies).
       */
      shownOn?: { instrument: string; axis?: "x" | "y"; at?: (prediction: number, ctx: TrackContext<P>) => number; label?: string };
    }
  | {
      kind: "choice";
      question: PerTrack<string, P>;
      unit?: null;
      choices: string[];
      /** The model's answer: one of `choices`. */
      answer: (ctx: TrackContext<P>) => string;
    }
  | {
      kind: "text";
      question: PerTrack<string, P>;
      unit?: null;
      /** A text lock has no single answer; the model's reference explanation. */
      answer: (ctx: TrackContext<P>) => string;
      minWords: number;
    };

interface ControlBase<P> {
  id: string;
  label: string;
  /** Model function (registry name) this control feeds; documents the binding. */
  feeds: string[];
  description?: PerTrack<string, P>;
}

export interface SliderSpec<P = unknown> extends ControlBase<P> {
  kind: "slider";
  min: PerTrack<number, P>;
  max: PerTrack<number, P>;
  step: PerTrack<number, P>;
  scale: "linear" | "log";
  unit: string | null;
  default: PerTrack<number, P>;
}

export interface ToggleSpec<P = unknown> extends ControlBase<P> {
  kind: "toggle";
  default: PerTrack<boolean, P>;
}

export interface ChoiceSpec<P = unknown> extends ControlBase<P> {
  kind: "choice";
  choices: PerTrack<string[], P>;
  default: PerTrack<string, P>;
}

export type ControlSpec<P = unknown> = SliderSpec<P> | ToggleSpec<P> | ChoiceSpec<P>;

/** A row of a plot's data: plain JSON fields. */
export type Row = Record<string, number | string | boolean>;

/** What an instrument shows, computed from the model for the current control values. */
export type InstrumentSpec<P = unknown> =
  | {
      kind: "plot";
      id: string;
      /** The name the plan gives it, e.g. "Fleet Availability Waterfall". */
      name: string;
      /** Plan section 4 role, when the instrument is one of the named visuals. */
      role?: "primary" | "secondary";
      mark: "line" | "bar" | "point" | "area" | "rect";
      x: { field: string; title: string; scale?: "linear" | "log"; type?: "quantitative" | "nominal" | "ordinal" };
      y: { field: string; title: string; scale?: "linear" | "log"; type?: "quantitative" | "nominal" | "ordinal" };
      /** Colour by `field`; `type` defaults to quantitative for a rect (a heat map of numbers), nominal otherwise. */
      color?: { field: string; title: string; type?: "quantitative" | "nominal" | "ordinal" };
      /**
       * Rows from model functions; must be pure. `explored` holds the settings the student has
       * tried in this part since the commit (distinct, oldest first, the current one last):
       * a chart that compares settings draws those, so the comparison is built by exploring
       * rather than handed over (a chart of every policy would show the best one).
       */
      compute: (values: ControlValues, ctx: TrackContext<P>, explored: readonly ControlValues[]) => Row[];
      /** Browser fast path: the same rows as a sweep of one registered model function (see `modelSweep`). */
      fast?: FastSweep<P>;
    }
  | {
      kind: "gauge";
      id: string;
      name: string;
      role?: "primary" | "secondary";
      unit: string | null;
      min: PerTrack<number, P>;
      max: PerTrack<number, P>;
      /** Value above which the gauge shows danger, if any. */
      danger?: PerTrack<number, P>;
      compute: (values: ControlValues, ctx: TrackContext<P>, explored: readonly ControlValues[]) => number;
      /** Browser fast path: the same reading as one call of a registered model function (see `modelValue`). */
      fast?: FastValue<P>;
    };

/** An argument of a fast-path model call: a number (per track), or the value of one of the part's controls. */
export type FastArg<P = unknown> = PerTrack<number, P> | { control: string };

/**
 * A reading the browser recomputes on every slider input with the kernel's own model code:
 * registered model function `fn` (src/model/registry.ts) called with `args`.
 */
export interface FastValue<P = unknown> {
  fn: string;
  args: { [param: string]: FastArg<P> };
}

/** Rows `{ [sweep.param]: x, [as]: fn(...) }` over a sweep, recomputed in the browser likewise. */
export interface FastSweep<P = unknown> extends FastValue<P> {
  sweep: { param: string; from: PerTrack<number, P>; to: PerTrack<number, P>; points: number; scale: "linear" | "log" };
  as: string;
}

/** The 10-iteration rule: the value the student must find. */
export interface TargetSpec<P = unknown> {
  /** What to find, in the plan's words. */
  prompt: PerTrack<string, P>;
  /** Unit of the value; per track when the tracks' crises ask for different quantities. */
  unit: PerTrack<string | null, P>;
  /** The model's value for this track. */
  compute: (ctx: TrackContext<P>) => number;
  /** Relative tolerance of a correct find, e.g. 0.05. */
  tolerance: number;
  /** Tries allowed; the plans' rule is 10. */
  maxAttempts: number;
}

export interface StakeholderSpec<P = unknown> {
  who: string;
  role: string;
  message: PerTrack<string, P>;
  /** What the student must show, computed by the model (a one-line fact). */
  evidence?: (ctx: TrackContext<P>) => string;
}

export interface ReflectSpec<P = unknown> {
  prompt: PerTrack<string, P>;
  minWords: number;
}

/**
 * A Math Peek formula: a mathjs expression, rendered to TeX, and (with a scope) its value at
 * the part's current control values, shown once the part's prediction is committed.
 */
export interface FormulaSpec<P = unknown> {
  /** Names the formula in the part; unique within the part. */
  label: string;
  /** mathjs assignment or expression, e.g. "P_fleet = P_node ^ N". */
  expression: string;
  /**
   * The numbers bound to the expression's free symbols, from the model and the current control
   * values: one finite number for every symbol the expression reads (function names such as
   * sqrt or max are not symbols; an assignment's left-hand name is the result, not read).
   * mathjs constants the expression uses as symbols (e, tau, phi, pi) are bound here too.
   * Must be pure. Without a scope the peek shows the TeX only. A scope that throws, leaves a
   * symbol unbound or binds a non-finite number shows no value, and says why.
   */
  scope?: (values: ControlValues, ctx: TrackContext<P>) => Record<string, number>;
  /**
   * Why the formula shows no value, in place of a scope: its value would state the part's
   * 10-iteration target (an optimum the student is to find), so the student evaluates it.
   */
  noValue?: string;
  /** Unit of the value, e.g. "h" or "B/s"; none for a ratio or a probability. */
  unit?: string;
}

export interface WorkbenchSpec<P = unknown> {
  controls: ControlSpec<P>[];
  instruments: InstrumentSpec<P>[];
}

export interface PartSpec<P = unknown> {
  id: string;
  title: string;
  kind: "Exploration" | "Trade-off" | "Synthesis";
  minutes: number;
  objective: string;
  lock: LockSpec<P>;
  workbench: WorkbenchSpec<P>;
  target?: TargetSpec<P>;
  stakeholder?: StakeholderSpec<P>;
  reflect: ReflectSpec<P>;
  mathPeek: FormulaSpec<P>[];
}

export interface MissionSpec<P = unknown> {
  /** Notebook stem, e.g. "01_ml_intro". */
  id: string;
  title: string;
  chapter: { title: string; invariant: string; struggle: string; minutes: number };
  /** The track ids this mission offers, each with its story. */
  tracks: Partial<Record<TrackId, TrackStory>>;
  defaultTrack: TrackId;
  /** The mission's parameters for a track, from the model's track catalog. */
  params: (track: TrackId) => P;
  parts: PartSpec<P>[];
  /** Plan section 4. */
  visuals: { primary: string; secondary: string; mathPeek: string };
}

/** A mission that passed `defineMission`'s checks. */
export interface Mission<P = unknown> extends MissionSpec<P> {
  readonly checked: true;
}
