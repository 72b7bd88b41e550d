/**
 * The kernel half of the FleetLab widgets: the public surface, listed explicitly.
 * Mission code builds on these; the front-end half lives in widgets/src/.
 */
export { Widget, WidgetTraitError } from "./widget";
export type { ChangeSource, TraitChange, WidgetOptions, WidgetSpec, OwnTraits } from "./widget";
export { Slider } from "./slider";
export type { SliderOptions } from "./slider";
export { Toggle } from "./toggle";
export { Choice } from "./choice";
export type { ChoiceOptions } from "./choice";
export { NumberInput } from "./number-input";
export { PredictionLock } from "./prediction-lock";
export type { PredictionLockOptions, Gateable } from "./prediction-lock";
export { LockRecord, verifyLockRecord, canonicalJson, eventHash, GENESIS_HASH } from "./lock-record";
export type { LockEvent, LockEventKind, LockRecordJson, LockRecordVerdict, LockEventInput } from "./lock-record";
export { VegaPlot } from "./vega-plot";
export type { VegaPlotOptions, ValueSource, PredictionSource } from "./vega-plot";
export { computeRows, sweepValues, controlIds } from "./plots/compute";
export { sweepSpec, TABLE, PREDICTION } from "./plots/sweep-spec";
export type { SweepAxis, SweepSpecOptions } from "./plots/sweep-spec";
export { toVegaLiteV5, usesOnlyV5 } from "./plots/vegalite-v5";
export { Gauge, gaugeLevel } from "./gauge";
export { MathPeek, evaluateIn } from "./math-peek";
export type { ScopeEntry } from "./math-peek";
export { Reflect, wordCount } from "./reflect";
export { Stakeholder } from "./stakeholder";
export { Box, hbox, vbox, tabs, modelRef } from "./box";
export { widgetState, widgetById, liveWidgets, savedModel } from "./widget-state";
export {
  updateStates, registerWidgetTargets, WIDGET_CONTROL_TARGET, WIDGET_CONTROL_PROTOCOL_VERSION, FRONTEND_OPEN_REFUSED,
} from "./control";
export { notebookMetadata } from "./notebook-metadata";
export type { NotebookWidgetMetadata } from "./notebook-metadata";

export {
  WIDGET_MODULE, WIDGET_MODULE_VERSION, WIDGET_PROTOCOL_VERSION, WIDGET_VIEW_MIME, WIDGET_STATE_MIME, VEGALITE_V5_MIME,
  FLEETLAB_METADATA_KEY,
} from "./traits";
export type {
  SliderTraits, ToggleTraits, ChoiceTraits, NumberInputTraits, PredictionLockTraits, VegaPlotTraits, GaugeTraits,
  MathPeekTraits, ReflectTraits, StakeholderTraits, BoxTraits, PlotCompute, PlotRow, SavedWidgetState,
} from "./traits";
