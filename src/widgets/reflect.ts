/**
 * Reflect: a written answer with a minimum word count. Kernel half of
 * widgets/src/reflect.ts; traits in `ReflectTraits`. `word_count` and `complete` are derived.
 */
import { boolean, integer, text } from "./rules";
import { REFLECT_WRITABLE, type ReflectTraits } from "./traits";
import { Widget, type WidgetOptions, type WidgetSpec } from "./widget";
import { wordCount } from "./words";

export { wordCount };


const SPEC: WidgetSpec<ReflectTraits> = {
  kind: "reflect",
  label: "Reflect",
  rules: {
    part: text(),
    prompt: text(),
    value: text((s) => s.max_chars),
    min_words: integer(() => ({ min: 0, max: 10_000 })),
    max_chars: integer(() => ({ min: 1, max: 100_000 })),
    word_count: integer(() => ({ min: 0, max: Number.MAX_SAFE_INTEGER })),
    complete: boolean(),
    disabled: boolean(),
  },
  writable: REFLECT_WRITABLE,
};

/** The kernel half of a reflection box. */
export class Reflect extends Widget<ReflectTraits> {
  /** @example new Reflect({ part: "07.R", prompt: "Why is the Reliability Tax higher for Cloud Titan?", min_words: 40 }) */
  constructor(options: { part: string; prompt: string; min_words?: number; max_chars?: number; value?: string },
    widgetOptions?: WidgetOptions) {
    const value = options.value ?? "";
    const min_words = options.min_words ?? 30;
    super(SPEC, {
      part: options.part, prompt: options.prompt, value, min_words, max_chars: options.max_chars ?? 5000,
      word_count: wordCount(value), complete: wordCount(value) >= min_words, disabled: false,
    }, widgetOptions);
  }

  /** True when the answer has at least `min_words` words. */
  get isComplete(): boolean {
    return this.get("complete");
  }

  protected override derive(next: ReflectTraits): Partial<ReflectTraits> {
    const word_count = wordCount(next.value);
    const complete = word_count >= next.min_words;
    const out: Partial<ReflectTraits> = {};
    if (word_count !== next.word_count) out.word_count = word_count;
    if (complete !== next.complete) out.complete = complete;
    return out;
  }

  protected override describe(): string {
    return `part ${this.get("part")}, ${this.get("word_count")}/${this.get("min_words")} words`;
  }
}
