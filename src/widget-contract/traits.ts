/**
 * The wire half of the widget contract, shared by the kernel widgets (src/kernel-widgets/)
 * and the front end (widgets/src/): module names, each widget's model/view names, its
 * traits (snake_case, as on the wire, in the same order on both sides) and the
 * custom-message unions. Defaults, rules and who may write what are in contracts.ts.
 *
 * Types and constants only. The wire protocol is Jupyter widget messaging protocol 2.1
 * (ipywidgets 8, packages/schema/messages.md); widgets/PROTOCOL.md shows every message as JSON.
 */

// ---------------------------------------------------------------------------
// Module, protocol and MIME constants
// ---------------------------------------------------------------------------

/** npm name of the front-end module that defines every FleetLab model and view. */
export const WIDGET_MODULE = "@fleetlab/widgets";
/** Semver of WIDGET_MODULE; goes in `_model_module_version` and `_view_module_version`. */
export const WIDGET_MODULE_VERSION = "0.1.0";
/** Widget messaging protocol version, sent as comm_open metadata `{ version }`. */
export const WIDGET_PROTOCOL_VERSION = "2.1.0";
/** The comm target every widget comm opens on (messages.md, "The jupyter.widget comm target"). */
export const WIDGET_COMM_TARGET = "jupyter.widget";
/** display_data MIME type that asks the front end to render a widget view. */
export const WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json";
/** Notebook-metadata key (and MIME type) under which the widget state is saved. */
export const WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json";
/** Vega-Lite 5 MIME type that stock JupyterLab renders without any extension. */
export const VEGALITE_V5_MIME = "application/vnd.vegalite.v5+json";
/** Notebook-metadata key for FleetLab's own records (the lock record). */
export const FLEETLAB_METADATA_KEY = "fleetlab";
/**
 * MIME type of the output that carries a notebook's lock record (LockRecordJson JSON). The
 * kernel keeps it current with update_display_data, so whatever front end saves the
 * notebook saves the record with it.
 */
export const LOCK_RECORD_MIME = "application/vnd.fleetlab.lock-record+json";
/** Prefix of a reference to another widget inside state (ipywidgets' `IPY_MODEL_`). */
export const MODEL_REF_PREFIX = "IPY_MODEL_";
/** `version_major`/`version_minor` of the widget-view MIME bundle (protocol 2.1). */
export const WIDGET_VIEW_VERSION = { version_major: 2, version_minor: 1 } as const;
/** `version_major`/`version_minor` of the saved widget state (state.schema.json). */
export const WIDGET_STATE_VERSION = { version_major: 2, version_minor: 0 } as const;

// ---------------------------------------------------------------------------
// Wire-level types (protocol 2.1)
// ---------------------------------------------------------------------------

/** Path of one binary buffer inside `state`: keys and list indices. */
export type BufferPath = (string | number)[];

/** `data` of comm_open on target jupyter.widget. */
export interface WidgetOpenData {
  state: { [trait: string]: unknown };
  buffer_paths: BufferPath[];
}

/** `data` of every comm_msg on a widget comm, by `method`. */
export type WidgetCommData =
  | { method: "update"; state: { [trait: string]: unknown }; buffer_paths?: BufferPath[] }
  | { method: "echo_update"; state: { [trait: string]: unknown }; buffer_paths?: BufferPath[] }
  | { method: "request_state" }
  | { method: "custom"; content: unknown };

/** The widget-view MIME payload: `{ model_id, version_major: 2, version_minor: 1 }`. */
export interface WidgetViewPayload {
  model_id: string;
  version_major: 2;
  version_minor: 1;
}

/** One saved binary buffer in the widget-state JSON (state.schema.json). */
export interface SavedBuffer {
  path: BufferPath;
  data: string;
  encoding: "base64" | "hex";
}

/** One model in the widget-state JSON. */
export interface SavedModel {
  model_name: string;
  model_module: string;
  model_module_version: string;
  state: { [trait: string]: unknown };
  buffers?: SavedBuffer[];
}

/** The notebook-metadata widget state (application/vnd.jupyter.widget-state+json). */
export interface SavedWidgetState {
  version_major: 2;
  version_minor: 0;
  state: { [modelId: string]: SavedModel };
}

// ---------------------------------------------------------------------------
// Traits every widget carries
// ---------------------------------------------------------------------------

/** The six identity traits of messages.md "Widget state"; immutable after comm_open. */
export interface BaseTraits {
  _model_module: string;
  _model_module_version: string;
  _model_name: string;
  _view_module: string;
  _view_module_version: string;
  _view_name: string;
}

/** The traits a widget declares, without the six identity traits. */
export type OwnTraits<T extends BaseTraits> = Omit<T, keyof BaseTraits>;

/** Kernel -> front end: a front-end patch failed validation; `trait` holds its last good value again. */
export interface RejectedMsg<T> {
  type: "rejected";
  trait: Extract<keyof T, string>;
  message: string;
}

/** Model and view class names, per widget. */
export const MODEL_NAMES = {
  slider: { _model_name: "SliderModel", _view_name: "SliderView" },
  toggle: { _model_name: "ToggleModel", _view_name: "ToggleView" },
  choice: { _model_name: "ChoiceModel", _view_name: "ChoiceView" },
  numberInput: { _model_name: "NumberInputModel", _view_name: "NumberInputView" },
  predictionLock: { _model_name: "PredictionLockModel", _view_name: "PredictionLockView" },
  vegaPlot: { _model_name: "VegaPlotModel", _view_name: "VegaPlotView" },
  gauge: { _model_name: "GaugeModel", _view_name: "GaugeView" },
  mathPeek: { _model_name: "MathPeekModel", _view_name: "MathPeekView" },
  // Wire names predate the Reflection class and stay: saved notebooks name these models.
  reflection: { _model_name: "ReflectModel", _view_name: "ReflectView" },
  stakeholder: { _model_name: "StakeholderModel", _view_name: "StakeholderView" },
  box: { _model_name: "BoxModel", _view_name: "BoxView" },
} as const;

export type WidgetKind = keyof typeof MODEL_NAMES;

// ---------------------------------------------------------------------------
// Controls
// ---------------------------------------------------------------------------

/**
 * A number slider. `scale: "log"` spaces the track by log10(value): then min > 0 and
 * `step` is the step of log10(value) (0.01 = 100 stops per decade).
 */
export interface SliderTraits extends BaseTraits {
  description: string;
  value: number;                  // front end writes; min <= value <= max
  min: number;
  max: number;
  step: number;                   // > 0; linear: in value units, log: in log10 units
  scale: "linear" | "log";
  unit: string;                   // label after the readout, e.g. "h", "GB/s"; "" for none
  continuous_update: boolean;     // true: send while dragging; false: on release
  readout: boolean;               // show the number beside the track
  disabled: boolean;              // kernel only (set while a prediction lock gates it)
}
export type SliderMsg = RejectedMsg<SliderTraits>;

/** A boolean switch. */
export interface ToggleTraits extends BaseTraits {
  description: string;
  value: boolean;                 // front end writes
  on_label: string;               // e.g. "Checksums on"; "" shows `description` only
  off_label: string;
  disabled: boolean;              // kernel only
}
export type ToggleMsg = RejectedMsg<ToggleTraits>;

/** One of a fixed list of options, drawn as radio buttons or a drop-down select. */
export interface ChoiceTraits extends BaseTraits {
  description: string;
  options: string[];              // distinct option values
  labels: string[];               // what each option shows, same length as options; [] = the values themselves
  value: string | null;           // front end writes; one of `options`, or null before a pick
  variant: "radio" | "select";
  disabled: boolean;              // kernel only
}
export type ChoiceMsg = RejectedMsg<ChoiceTraits>;

/** A typed number box with optional bounds. */
export interface NumberInputTraits extends BaseTraits {
  description: string;
  value: number;                  // front end writes; finite, within [min, max] when set
  min: number | null;
  max: number | null;
  step: number | null;            // spinner increment only; values need not be multiples
  unit: string;
  disabled: boolean;              // kernel only
}
export type NumberInputMsg = RejectedMsg<NumberInputTraits>;

// ---------------------------------------------------------------------------
// Prediction lock
// ---------------------------------------------------------------------------

/** What a prediction lock asks for. */
export type PredictionKind = "number" | "choice" | "text";

/**
 * A question the student answers once, before the workbench opens. The front end
 * keeps the draft answer locally and commits it with `lock_request`; the kernel
 * alone writes every trait.
 */
export interface PredictionLockTraits extends BaseTraits {
  part: string;                   // mission part id, e.g. "07.1"
  prompt: string;
  kind: PredictionKind;
  unit: string;                   // kind "number": unit label of the answer
  min: number | null;             // kind "number": allowed range, if any
  max: number | null;
  choices: string[];              // kind "choice": the options
  max_length: number;             // kind "text": longest accepted answer, in characters (PREDICTION_MAX_LENGTH)
  value: number | string | null;  // the committed answer; null until locked
  locked: boolean;
  locked_at: string | null;       // ISO time from the kernel clock
}
export type PredictionLockMsg =
  | { type: "lock_request"; value: number | string }                        // front end -> kernel
  | { type: "locked"; value: number | string; locked_at: string }           // kernel -> front end
  | RejectedMsg<PredictionLockTraits>;                                      // kernel -> front end

// ---------------------------------------------------------------------------
// Plot
// ---------------------------------------------------------------------------

/** A scalar value a Vega-Lite param (signal) may take. */
export type SignalValue = number | string | boolean | null;

/** An argument of a fast-path model call: a constant, or the live value of a control. */
export type ComputeArg = number | { control: string };

/**
 * A plot the browser can recompute itself: sweep `sweep.param` of model function `fn`
 * (src/model/registry.ts) over `points` values, the other parameters from `args`.
 * Rows are `{ [sweep.param]: x, [as ?? "value"]: fn(...) }`.
 */
export interface PlotCompute {
  fn: string;
  sweep: { param: string; from: number; to: number; points: number; scale: "linear" | "log" };
  args: { [param: string]: ComputeArg };
  as?: string;
}

/**
 * A reading the browser can recompute itself: model function `fn` (src/model/registry.ts)
 * called with `args`, constants or the live values of controls.
 */
export interface ValueCompute {
  fn: string;
  args: { [param: string]: ComputeArg };
}

/** A data row of the "table" or "prediction" dataset. */
export type PlotRow = { [field: string]: number | string | boolean | null };

/** A Vega-Lite chart whose spec never changes; only datasets and signals do. */
export interface VegaPlotTraits extends BaseTraits {
  description: string;
  spec: { [key: string]: unknown }; // Vega-Lite 6 spec, reads named datasets "table" and "prediction"
  data: PlotRow[];                // rows of the dataset "table"
  prediction: PlotRow[];          // rows of the dataset "prediction" (the locked answer overlay)
  signals: { [param: string]: SignalValue }; // values of top-level Vega-Lite params
  compute: PlotCompute | null;    // browser fast path; null when only the kernel can compute
}
export type VegaPlotMsg =
  | { type: "render_error"; message: string }                               // front end -> kernel
  | RejectedMsg<VegaPlotTraits>;

// ---------------------------------------------------------------------------
// Read-outs and text
// ---------------------------------------------------------------------------

/** A threshold of a gauge: from `at` upward the reading is `level`. */
export interface GaugeThreshold {
  at: number;
  level: "ok" | "warn" | "bad";
  label: string;
}

/** A metric read-out. */
export interface GaugeTraits extends BaseTraits {
  description: string;
  value: number | null;           // null before the first reading
  unit: string;
  min: number;
  max: number;
  thresholds: GaugeThreshold[];   // ascending `at`
  level: "ok" | "warn" | "bad" | null; // derived: the last threshold with at <= value
  marker: GaugeMarker | null;     // a committed prediction drawn on the bar
  compute: ValueCompute | null;   // browser fast path; null when only the kernel can compute
}
/** A value marked on a gauge's bar beside its reading, e.g. the student's locked prediction. */
export interface GaugeMarker {
  value: number;
  label: string;
}
export type GaugeMsg = RejectedMsg<GaugeTraits>;

/** A formula shown as TeX with its value under the current scope. */
export interface MathPeekTraits extends BaseTraits {
  description: string;
  expression: string;             // mathjs syntax, e.g. "sqrt(2 * delta * M)"
  tex: string;                    // derived: mathjs parse(expression).toTex()
  value: number | null;           // derived: expression evaluated in the scope
  unit: string;
  expanded: boolean;              // front end writes (the peek toggle)
}
export type MathPeekMsg = RejectedMsg<MathPeekTraits>;

/** A written reflection with a minimum length. */
export interface ReflectionTraits extends BaseTraits {
  part: string;
  prompt: string;
  value: string;                  // front end writes; at most max_chars characters
  min_words: number;
  max_chars: number;
  word_count: number;             // derived from value
  complete: boolean;              // derived: word_count >= min_words
  disabled: boolean;              // kernel only
}
export type ReflectionMsg = RejectedMsg<ReflectionTraits>;

/** A message from a persona in the mission. */
export interface StakeholderTraits extends BaseTraits {
  persona: string;                // e.g. "Safety Director"
  role: string;                   // e.g. "Edge"
  message: string;
  severity: "info" | "warning" | "critical";
  acknowledged: boolean;          // front end writes
}
export type StakeholderMsg = RejectedMsg<StakeholderTraits>;

/**
 * A layout of child widgets. The trait is `arrangement`, not `layout`: ipywidgets'
 * DOMWidgetModel reserves `layout` (and `style`) for a reference to a LayoutModel, which
 * every DOMWidgetView resolves into a child view.
 */
export interface BoxTraits extends BaseTraits {
  arrangement: "hbox" | "vbox" | "tab";
  children: string[];             // "IPY_MODEL_<model id>" references
  titles: string[];               // tab titles, one per child (arrangement "tab")
  selected_index: number | null;  // front end writes (arrangement "tab")
}
export type BoxMsg = RejectedMsg<BoxTraits>;
