/**
 * Reflect: a written reflection with a live word count against a minimum.
 * Traits (ReflectTraits): part, prompt, value, min_words, max_chars, word_count,
 * complete, disabled. The front end writes `value` only; the kernel derives
 * word_count and complete, and the view counts live with the same rule meanwhile.
 */
import type { ReflectTraits } from "../../src/widgets/traits";
import { wordCount } from "../../src/widgets/words";
import { invalidInput } from "./messages";
import {
  createNotice, defineWidget, h, isBoolean, isString, listen, showRefusals,
  type OwnTraits, type RenderContext, type TraitCheck,
} from "./widget-base";

/** Default trait values, in trait order. */
export const REFLECT_DEFAULTS: OwnTraits<ReflectTraits> = {
  part: "", prompt: "", value: "", min_words: 0, max_chars: 4000, word_count: 0, complete: false, disabled: false,
};

const nonNegativeInteger: TraitCheck = (v) => (Number.isInteger(v) && (v as number) >= 0 ? null : "an integer >= 0");

/** Checks applied to kernel state before it reaches the view. */
export const REFLECT_CHECKS: Record<string, TraitCheck> = {
  part: isString, prompt: isString,
  value: (v, s) => isString(v, s) ?? ((v as string).length <= (s.max_chars as number) ? null : `at most ${s.max_chars} characters`),
  min_words: nonNegativeInteger, max_chars: nonNegativeInteger, word_count: nonNegativeInteger,
  complete: isBoolean, disabled: isBoolean,
};


/** Draws the reflection box into `el`; returns its cleanup. */
export function render({ model, el }: RenderContext<ReflectTraits>): () => void {
  const doc = el.ownerDocument;
  const prompt = h(doc, "label", "fleetlab-prompt");
  const area = h(doc, "textarea", "");
  const count = h(doc, "div", "fleetlab-count");
  count.setAttribute("aria-live", "polite");
  el.append(prompt, area, count);
  const notice = createNotice(el);

  const showCount = (text: string) => {
    const words = wordCount(text);
    const min = model.get("min_words");
    count.textContent = `${words} / ${min} words${words >= min ? " ✓" : ""}`;
    count.classList.toggle("is-complete", words >= min);
  };
  const sync = () => {
    prompt.textContent = model.get("prompt");
    if (area.value !== model.get("value")) area.value = model.get("value");
    area.maxLength = model.get("max_chars");
    area.disabled = model.get("disabled");
    showCount(model.get("value"));
  };
  const onInput = () => {
    if (area.value.length > model.get("max_chars")) {
      notice.show(invalidInput("value", `at most ${model.get("max_chars")} characters`, `${area.value.length} characters`));
      return;
    }
    notice.clear();
    showCount(area.value);
    model.set("value", area.value);
    model.save_changes();
  };
  area.addEventListener("input", onInput);
  const off = listen(model, ["change:value", "change:prompt", "change:min_words", "change:max_chars", "change:disabled"], sync);
  const offRefusals = showRefusals(model, notice);
  sync();
  return () => {
    off();
    offRefusals();
    area.removeEventListener("input", onInput);
    el.replaceChildren();
  };
}

/** The Reflect model and view classes. */
export const { Model: ReflectModel, View: ReflectView } = defineWidget<ReflectTraits>({
  kind: "reflect", defaults: REFLECT_DEFAULTS, checks: REFLECT_CHECKS, render,
});
