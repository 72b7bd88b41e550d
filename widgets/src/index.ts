/**
 * The @fleetlab/widgets module as a widget manager loads it: every Model and View
 * class under the names in MODEL_NAMES (src/widget-contract/traits.ts).
 */
import { BoxModel, BoxView } from "./box";
import { ChoiceModel, ChoiceView } from "./choice";
import { GaugeModel, GaugeView } from "./gauge";
import { MathPeekModel, MathPeekView } from "./math-peek";
import { NumberInputModel, NumberInputView } from "./number-input";
import { PredictionLockModel, PredictionLockView } from "./prediction-lock";
import { ReflectModel, ReflectView } from "./reflection";
import { SliderModel, SliderView } from "./slider";
import { StakeholderModel, StakeholderView } from "./stakeholder";
import { ToggleModel, ToggleView } from "./toggle";
import { VegaPlotModel, VegaPlotView } from "./vega-plot";

/** Class name -> class, for `registerWidget({ exports })` and the page loader. */
export const WIDGET_EXPORTS = {
  SliderModel, SliderView,
  ToggleModel, ToggleView,
  ChoiceModel, ChoiceView,
  NumberInputModel, NumberInputView,
  PredictionLockModel, PredictionLockView,
  VegaPlotModel, VegaPlotView,
  GaugeModel, GaugeView,
  MathPeekModel, MathPeekView,
  ReflectModel, ReflectView,
  StakeholderModel, StakeholderView,
  BoxModel, BoxView,
} as const;

export {
  BoxModel, BoxView, ChoiceModel, ChoiceView, GaugeModel, GaugeView, MathPeekModel, MathPeekView,
  NumberInputModel, NumberInputView, PredictionLockModel, PredictionLockView, ReflectModel, ReflectView,
  SliderModel, SliderView, StakeholderModel, StakeholderView, ToggleModel, ToggleView, VegaPlotModel, VegaPlotView,
};
