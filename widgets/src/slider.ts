/**
 * Slider: a number on a linear or log10 track, with a unit label and a readout.
 * Traits (SliderTraits, src/widget-contract/traits.ts): description, value, min, max, step,
 * scale, unit, continuous_update, readout, disabled; defaults and rules in the contract
 * (`SLIDER`). The front end writes `value` only.
 *
 * Keys: ←/↓ one stop down, →/↑ one stop up, PageDown/PageUp ten stops, Home/End the ends.
 * Every input fires LIVE_EVENT with the value (the plot fast path redraws from it);
 * the kernel gets `value` on each input when continuous_update, else on release.
 */
import { SLIDER } from "../../src/widget-contract/contracts";
import { formatReading } from "../../src/widget-contract/format";
import type { SliderTraits } from "../../src/widget-contract/traits";
import { invalidInput } from "./messages";
import { positionOf, stopCount, valueAt, type TrackSpec } from "./track";
import { LIVE_EVENT, createNotice, defineWidget, h, listen, showRefusals, type RenderContext } from "./widget-base";

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
    const text = formatReading(value, model.get("unit"), model.get("scale") === "linear" ? model.get("step") : undefined);
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
export const { Model: SliderModel, View: SliderView } = defineWidget<SliderTraits>({ contract: SLIDER, render });
