/**
 * The kernel widgets: the public surface, listed explicitly. Mission code builds on these;
 * the front end lives in widgets/src/, and what both sides agree on in src/widget-contract/.
 */
export { Widget, WidgetTraitError } from "./widget";
export type { ChangeSource, TraitChange, WidgetOptions, WidgetContract, OwnTraits } from "./widget";
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
export { computeRows, sweepValues, controlIds } from "../widget-contract/compute";
export { sweepSpec, TABLE, PREDICTION } from "./plots/sweep-spec";
export type { SweepAxis, SweepSpecOptions } from "./plots/sweep-spec";
export { toVegaLiteV5, usesOnlyV5 } from "./plots/vegalite-v5";
export { Gauge } from "./gauge";
export { gaugeLevel } from "../widget-contract/gauge-level";
export { MathPeek, evaluateIn } from "./math-peek";
export type { ScopeEntry } from "./math-peek";
export { Reflection } from "./reflection";
export { wordCount } from "../widget-contract/words";
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
} from "../widget-contract/traits";
export type {
  SliderTraits, ToggleTraits, ChoiceTraits, NumberInputTraits, PredictionLockTraits, VegaPlotTraits, GaugeTraits,
  MathPeekTraits, ReflectionTraits, StakeholderTraits, BoxTraits, PlotCompute, PlotRow, SavedWidgetState,
} from "../widget-contract/traits";
