/**
 * Reflection: a written answer with a minimum word count. Kernel side of
 * widgets/src/reflection.ts; traits, defaults and rules in the contract (`REFLECTION`).
 * `word_count` and `complete` are derived, by the word count the front end counts with.
 */
import { REFLECTION } from "../widget-contract/contracts";
import type { ReflectionTraits } from "../widget-contract/traits";
import { wordCount } from "../widget-contract/words";
import { Widget, type WidgetOptions } from "./widget";

/** The kernel side of a reflection box; `value` is the only trait the front end may write. */
export class Reflection extends Widget<ReflectionTraits> {
  /** @example new Reflection({ part: "07.R", prompt: "Why is the Reliability Tax higher for Cloud Titan?", min_words: 40 }) */
  constructor(options: { part: string; prompt: string; min_words?: number; max_chars?: number; value?: string },
    widgetOptions?: WidgetOptions) {
    const value = options.value ?? REFLECTION.defaults.value;
    const word_count = wordCount(value);
    super(REFLECTION, { ...options, word_count, complete: word_count >= (options.min_words ?? REFLECTION.defaults.min_words) }, widgetOptions);
  }

  /** True when the answer has at least `min_words` words. */
  get isComplete(): boolean {
    return this.get("complete");
  }

  protected override derive(next: ReflectionTraits): Partial<ReflectionTraits> {
    const word_count = wordCount(next.value);
    const complete = word_count >= next.min_words;
    const out: Partial<ReflectionTraits> = {};
    if (word_count !== next.word_count) out.word_count = word_count;
    if (complete !== next.complete) out.complete = complete;
    return out;
  }

  protected override describe(): string {
    return `part ${this.get("part")}, ${this.get("word_count")}/${this.get("min_words")} words`;
  }
}
