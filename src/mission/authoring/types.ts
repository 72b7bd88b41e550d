/**
 * The shape of a mission definition: what a TA writes, once, per mission.
 *
 * A mission has tracks (persona stories whose numbers are the mission's own sourced
 * parameters) and exactly three parts. Each part runs prediction lock -> workbench ->
 * reflect; its workbench has controls bound to model functions, instruments that
 * compute from those controls, and a 10-iteration target the model computes.
 *
 * Anything that depends on the track is a `PerTrack<T>`: either a plain value or a
 * function of the track context, so one definition serves all four tracks.
 *
 * Typed values: each part's instruments and formulas see its own controls by id, typed by
 * kind (`PartValues`): a slider's value is a number, a toggle's a boolean, a choice's the
 * union of its choices. `defineMission` infers them from the part's `controls`; runtime code
 * that handles every mission holds the same types with the defaults, where values are plain
 * `ControlValues` and parameters `unknown` (`Mission`).
 */

/** The four persona tracks, in the plans' order. */
export const TRACK_IDS = ["cloud_titan", "edge_guardian", "mobile_nomad", "tiny_pioneer"] as const;
export type TrackId = (typeof TRACK_IDS)[number];

/** A control's current value: sliders and number inputs hold numbers, toggles booleans, choices strings. */
export type ControlValue = number | boolean | string;
/** Control values by control id, as code that handles any part holds them. */
export type ControlValues = Record<string, ControlValue>;

/** What per-track values are computed from. */
export interface TrackContext<P = unknown> {
  track: TrackId;
  /** The mission's parameters for this track (its `params`). */
  params: P;
  /** Decisions recorded by earlier missions (empty outside a notebook run). */
  designs: DesignView;
}

/**
 * A function of the track context. Written as a method's type so its parameter is checked
 * both ways (method bivariance), as are the other functions of a definition (declared as
 * methods): a mission typed on its own parameters and controls is then also a `Mission` of
 * unknown parameters and plain values, the one type sessions, graders and hosts hold every
 * mission as. Sound because a mission's functions are only called with the context its own
 * `params` built and the values of the part's own controls.
 */
export type TrackFn<T, P = unknown> = { of(ctx: TrackContext<P>): T }["of"];

/** A plain value, or one computed from the track. */
export type PerTrack<T, P = unknown> = T | TrackFn<T, P>;

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
      answer(ctx: TrackContext<P>): number;
      /** Relative tolerance for grading a prediction, e.g. 0.1 = within 10%. */
      tolerance: number;
      /**
       * The instrument that answers the lock, where the committed prediction is drawn beside
       * the model's value once the results open: a marker on a gauge, or a rule across a
       * plot at `axis`. `at` places a prediction that is not in the instrument's units
       * (a predicted factor drawn as the time it implies).
       */
      shownOn?: { instrument: string; axis?: "x" | "y"; at?(prediction: number, ctx: TrackContext<P>): number; label?: string };
    }
  | {
      kind: "choice";
      question: PerTrack<string, P>;
      unit?: null;
      choices: string[];
      /** The model's answer: one of `choices`. */
      answer(ctx: TrackContext<P>): string;
    }
  | {
      kind: "text";
      question: PerTrack<string, P>;
      unit?: null;
      /** A text lock has no single answer; the model's reference explanation. */
      answer(ctx: TrackContext<P>): string;
      minWords: number;
    };

interface ControlBase<P> {
  /** The control's id: its value's key in the part's values (`v.nodes`). */
  id: string;
  label: string;
  /**
   * The model functions this control feeds: names the `fleetlab` module exports or the model
   * registry lists (src/model/registry.ts). It documents the binding for a reader (the
   * instruments' code is the binding itself), so it is optional; `missionProblems` checks
   * every name, so a renamed model function cannot leave it stale.
   */
  feeds?: readonly string[];
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
  /** Written as a list of strings, its values are those strings' union in the part's values. */
  choices: PerTrack<readonly string[], P>;
  default: PerTrack<string, P>;
}

export type ControlSpec<P = unknown> = SliderSpec<P> | ToggleSpec<P> | ChoiceSpec<P>;

/** A part's controls. */
export type Controls<P = unknown> = readonly ControlSpec<P>[];

/** The value a control holds: a slider's a number, a toggle's a boolean, a choice's one of its choices. */
export type ValueOf<C> = C extends { kind: "slider" } ? number
  : C extends { kind: "toggle" } ? boolean
  : C extends { kind: "choice"; choices: infer L } ? ChoiceOf<L>
  : never;

/** One of the choices `L` lists: their union when written out, else any string. */
type ChoiceOf<L> = L extends readonly (infer X)[] ? X : L extends (ctx: never) => readonly (infer X)[] ? X : string;

/**
 * The values a part's instruments and formulas see: each control's value by its id, typed by
 * its kind (`v.nodes` is a number, `v.topology` is "ring" | "tree"); reading an id the part
 * does not have is a compile error. Controls whose ids are not known to the compiler (any `Controls`) give `ControlValues`.
 */
export type PartValues<C extends readonly { id: string }[]> = string extends C[number]["id"] ? ControlValues
  : { readonly [K in C[number] as K["id"]]: ValueOf<K> };

/** A row of a plot's data: plain JSON fields. */
export type Row = Record<string, number | string | boolean>;

/** What an instrument shows, computed from the model for the part's control values `V`. */
export type InstrumentSpec<P = unknown, V = ControlValues> =
  | {
      kind: "plot";
      id: string;
      /** The name the plan gives it, e.g. "Fleet Availability Waterfall". */
      name: string;
      /** Plan section 4 role, when the instrument is one of the named visuals. */
      role?: "primary" | "secondary";
      /**
       * A radar draws one spoke per row, in the rows' order: `x` names the spoke, `y` is its
       * score in [0, 1] (the spoke's length); both axes' titles are unused.
       */
      mark: "line" | "bar" | "point" | "area" | "rect" | "radar";
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
      compute(values: V, ctx: TrackContext<P>, explored: readonly V[]): Row[];
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
      compute(values: V, ctx: TrackContext<P>, explored: readonly V[]): number;
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
  compute(ctx: TrackContext<P>): number;
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
  evidence?(ctx: TrackContext<P>): string;
}

export interface ReflectSpec<P = unknown> {
  prompt: PerTrack<string, P>;
  minWords: number;
}

/**
 * A Math Peek formula: a mathjs expression, rendered to TeX, and (with a scope) its value at
 * the part's current control values, shown once the part's prediction is committed.
 */
export interface FormulaSpec<P = unknown, V = ControlValues> {
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
  scope?(values: V, ctx: TrackContext<P>): Record<string, number>;
  /**
   * Why the formula shows no value, in place of a scope: its value would state the part's
   * 10-iteration target (an optimum the student is to find), so the student evaluates it.
   */
  noValue?: string;
  /** Unit of the value, e.g. "h" or "B/s"; none for a ratio or a probability. */
  unit?: string;
}

/** A part's workbench: its controls, and the instruments that compute from their values. */
export interface WorkbenchSpec<P = unknown, C extends Controls<P> = Controls<P>> {
  controls: C;
  instruments: readonly InstrumentSpec<P, PartValues<C>>[];
}

/** One part; its instruments and formulas see the values of its controls `C` (`PartValues<C>`). */
export interface PartSpec<P = unknown, C extends Controls<P> = Controls<P>> {
  id: string;
  title: string;
  kind: "Exploration" | "Trade-off" | "Synthesis";
  minutes: number;
  objective: string;
  lock: LockSpec<P>;
  workbench: WorkbenchSpec<P, C>;
  target?: TargetSpec<P>;
  stakeholder?: StakeholderSpec<P>;
  reflect: ReflectSpec<P>;
  mathPeek: readonly FormulaSpec<P, PartValues<C>>[];
}

/**
 * A mission definition with parameters `P` and parts whose controls are `C1`, `C2`, `C3`.
 * `defineMission` infers all four: `P` from `params`, so write `params` as a named function or
 * before `parts` (the parts' functions are typed with the `P` inferred by then).
 */
export interface MissionSpec<P = unknown, C1 extends Controls<P> = Controls<P>, C2 extends Controls<P> = Controls<P>, C3 extends Controls<P> = Controls<P>> {
  /** Notebook stem, e.g. "01_ml_intro". */
  id: string;
  title: string;
  chapter: { title: string; invariant: string; struggle: string; minutes: number };
  /** The track ids this mission offers, each with its story. */
  tracks: Partial<Record<TrackId, TrackStory>>;
  defaultTrack: TrackId;
  /** The mission's parameters for a track: the `.value`s of the mission file's sourced figures. */
  params: (track: TrackId) => P;
  /** Exactly three parts. */
  parts: readonly [PartSpec<P, C1>, PartSpec<P, C2>, PartSpec<P, C3>];
  /** Plan section 4. */
  visuals: { primary: string; secondary: string; mathPeek: string };
}

/** A mission that passed `defineMission`'s checks, as code that handles any mission holds it. */
export interface Mission<P = unknown> extends MissionSpec<P> {
  readonly checked: true;
}
