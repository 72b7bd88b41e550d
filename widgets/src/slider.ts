/**
 * Slider: a number on a linear or log10 track, with a unit label and a readout.
 * Traits (SliderTraits, src/widgets/traits.ts): description, value, min, max, step,
 * scale, unit, continuous_update, readout, disabled. The front end writes `value` only.
 *
 * Keys: ←/↓ one stop down, →/↑ one stop up, PageDown/PageUp ten stops, Home/End the ends.
 * Every input fires LIVE_EVENT with the value (the plot fast path redraws from it);
 * the kernel gets `value` on each input when continuous_update, else on release.
 */
import type { SliderTraits } from "../../src/widgets/traits";
import { invalidInput } from "./messages";
import { formatValue, positionOf, stopCount, trackProblem, valueAt, type TrackSpec } from "./scale";
import {
  LIVE_EVENT,
  createNotice,
  defineWidget,
  finiteNumber,
  h,
  isBoolean,
  isString,
  listen,
  oneOf,
  showRefusals,
  type OwnTraits,
  type RenderContext,
  type TraitCheck,
} from "./widget-base";

/** Default trait values, in trait order. */
export const SLIDER_DEFAULTS: OwnTraits<SliderTraits> = {
  description: "",
  value: 0,
  min: 0,
  max: 100,
  step: 1,
  scale: "linear",
  unit: "",
  continuous_update: true,
  readout: true,
  disabled: false,
};

const trackOf = (s: Record<string, unknown>): TrackSpec => ({
  min: s.min as number,
  max: s.max as number,
  step: s.step as number,
  scale: s.scale as "linear" | "log",
});
const trackCheck: TraitCheck = (_v, s) => trackProblem(trackOf(s)) === null ? null : `a valid track (${trackProblem(trackOf(s))})`;

/** Checks applied to kernel state before it reaches the view. */
export const SLIDER_CHECKS: Record<string, TraitCheck> = {
  description: isString,
  value: (v, s) => {
    if (finiteNumber(v, s)) return "a finite number";
    return (v as number) < (s.min as number) || (v as number) > (s.max as number) ? `in [${s.min}, ${s.max}]` : null;
  },
  min: (v, s) => finiteNumber(v, s) ?? trackCheck(v, s),
  max: (v, s) => finiteNumber(v, s) ?? trackCheck(v, s),
  step: (v, s) => finiteNumber(v, s) ?? trackCheck(v, s),
  scale: (v, s) => oneOf(["linear", "log"])(v, s) ?? trackCheck(v, s),
  unit: isString,
  continuous_update: isBoolean,
  readout: isBoolean,
  disabled: isBoolean,
};

const PAGE_STOPS = 10;

/** Draws the slider into `el`; returns its cleanup. */
export function render({ model, el }: RenderContext<SliderTraits>): () => void {
  const doc = el.ownerDocument;
  const row = h(doc, "div", "fleetlab-row");
  const label = h(doc, "label", "fleetlab-label");
  const input = h(doc, "input", "");
  input.type = "range";
  input.step = "1";
  input.min = "0";
  const readout = h(doc, "span", "fleetlab-readout");
  readout.setAttribute("aria-live", "polite");
  row.append(label, input, readout);
  el.appendChild(row);
  const notice = createNotice(el);
  const id = `fleetlab-slider-${Math.random().toString(36).slice(2)}`;
  input.id = id;
  label.htmlFor = id;

  const track = (): TrackSpec => ({ min: model.get("min"), max: model.get("max"), step: model.get("step"), scale: model.get("scale") });
  const show = (value: number) => {
    const text = `${formatValue(value, model.get("scale") === "linear" ? model.get("step") : undefined)}${model.get("unit") ? ` ${model.get("unit")}` : ""}`;
    readout.textContent = text;
    input.setAttribute("aria-valuetext", text);
  };
  const sync = () => {
    label.textContent = model.get("description");
    input.max = String(stopCount(track()));
    input.value = String(positionOf(track(), model.get("value")));
    input.disabled = model.get("disabled");
    readout.hidden = !model.get("readout");
    show(model.get("value"));
  };

  // Sends `value` to the model (and through save_changes to the kernel) unless unchanged.
  const commit = (value: number) => {
    notice.clear();
    if (model.get("value") !== value) {
      model.set("value", value);
      model.save_changes();
    }
  };
  const live = (value: number) => {
    show(value);
    model.trigger(LIVE_EVENT, value);
  };

  const onInput = () => {
    const position = Number(input.value);
    if (!Number.isInteger(position)) {
      notice.show(invalidInput("value", "a stop on the track", input.value));
      return;
    }
    const value = valueAt(track(), position);
    live(value);
    if (model.get("continuous_update")) commit(value);
  };
  const onChange = () => commit(valueAt(track(), Number(input.value)));
  const onKey = (event: KeyboardEvent) => {
    if (input.disabled) return;
    const last = stopCount(track());
    const at = Number(input.value);
    const to: Record<string, number> = {
      ArrowRight: at + 1, ArrowUp: at + 1, ArrowLeft: at - 1, ArrowDown: at - 1,
      PageUp: at + PAGE_STOPS, PageDown: at - PAGE_STOPS, Home: 0, End: last,
    };
    if (!(event.key in to)) return;
    event.preventDefault();
    const position = Math.min(Math.max(to[event.key], 0), last);
    input.value = String(position);
    const value = valueAt(track(), position);
    live(value);
    commit(value);
  };

  input.addEventListener("input", onInput);
  input.addEventListener("change", onChange);
  input.addEventListener("keydown", onKey);
  const off = listen(model, ["change:value", "change:min", "change:max", "change:step", "change:scale", "change:unit", "change:description", "change:disabled", "change:readout"], sync);
  const offRefusals = showRefusals(model, notice);
  sync();
  return () => {
    off();
    offRefusals();
    input.removeEventListener("input", onInput);
    input.removeEventListener("change", onChange);
    input.removeEventListener("keydown", onKey);
    el.replaceChildren();
  };
}

/** The Slider model and view classes. */
export const { Model: SliderModel, View: SliderView } = defineWidget<SliderTraits>({
  kind: "slider",
  defaults: SLIDER_DEFAULTS,
  checks: SLIDER_CHECKS,
  render,
});
