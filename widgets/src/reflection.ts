/**
 * Reflection: a written reflection with a live word count against a minimum.
 * Traits (ReflectionTraits): part, prompt, value, min_words, max_chars, word_count,
 * complete, disabled; defaults and rules in the contract (`REFLECTION`). The front end writes
 * `value` only; the kernel derives word_count and complete, and the view counts live with
 * the same wordCount meanwhile. The model and view keep their wire names, ReflectModel and
 * ReflectView: saved notebooks name them.
 */
import { REFLECTION } from "../../src/widget-contract/contracts";
import type { ReflectionTraits } from "../../src/widget-contract/traits";
import { wordCount } from "../../src/widget-contract/words";
import { invalidInput } from "./messages";
import { createNotice, defineWidget, entryProblem, h, listen, showRefusals, type RenderContext } from "./widget-base";

/** Draws the reflection box into `el`; returns its cleanup. */
export function render({ model, el }: RenderContext<ReflectionTraits>): () => void {
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
    const problem = entryProblem(REFLECTION, model, "value", area.value);
    if (problem !== null) {
      notice.show(invalidInput("value", problem, area.value));
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

/** The Reflection model and view classes, under their wire names. */
export const { Model: ReflectModel, View: ReflectView } = defineWidget<ReflectionTraits>({ contract: REFLECTION, render });
