/**
 * Trait rules: each checks one proposed value against the widget's proposed next
 * state and returns null when it is acceptable, or the requirement it breaks
 * ("a finite number", "in [8, 65536]") for `mustBe` (refusal.ts) to name.
 * The kernel runs them on every write from either side; the front end runs the same
 * ones on state the kernel sends and on what the student enters before it is sent.
 */

/** A rule for one trait of a widget whose traits are T. */
export type Rule<T> = (value: unknown, next: T) => string | null;

/** Rules for the traits a widget lets anyone write; a trait without a rule is fixed at open. */
export type Rules<T> = { [K in keyof T]?: Rule<T> };

const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** A finite number, optionally inside bounds that may depend on the next state. */
export function finiteNumber<T>(bounds?: (next: T) => { min?: number | null; max?: number | null }): Rule<T> {
  return (value, next) => {
    const { min, max } = bounds ? bounds(next) : {};
    const lo = min ?? -Infinity;
    const hi = max ?? Infinity;
    const range = Number.isFinite(lo) && Number.isFinite(hi) ? `in [${lo}, ${hi}]` : Number.isFinite(lo) ? `>= ${lo}` : Number.isFinite(hi) ? `<= ${hi}` : "";
    // A non-number is told the range too, so the refusal says what would be accepted.
    if (!isNumber(value)) return range ? `a finite number ${range}` : "a finite number";
    return value < lo || value > hi ? range : null;
  };
}

/** A finite number strictly below the trait `other` of the next state, e.g. a range's min below its max. */
export function below<T>(other: keyof T & string): Rule<T> {
  return (value, next) => {
    const bound = next[other] as unknown as number;
    if (!isNumber(value)) return `a finite number < ${other} (${bound})`;
    return value < bound ? null : `< ${other} (${bound})`;
  };
}

/** A finite number strictly above the trait `other` of the next state, e.g. a range's max above its min. */
export function above<T>(other: keyof T & string): Rule<T> {
  return (value, next) => {
    const bound = next[other] as unknown as number;
    if (!isNumber(value)) return `a finite number > ${other} (${bound})`;
    return value > bound ? null : `> ${other} (${bound})`;
  };
}

/** What every rule of `rules` accepts; names the first requirement broken. */
export function all<T>(...rules: Rule<T>[]): Rule<T> {
  return (value, next) => {
    for (const rule of rules) {
      const broken = rule(value, next);
      if (broken !== null) return broken;
    }
    return null;
  };
}

/** A finite number > 0. */
export function positiveNumber<T>(): Rule<T> {
  return (value) => (isNumber(value) && value > 0 ? null : "a finite number > 0");
}

/** An integer in [min, max] (bounds may depend on the next state). */
export function integer<T>(bounds: (next: T) => { min: number; max: number }): Rule<T> {
  return (value, next) => {
    const { min, max } = bounds(next);
    return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max
      ? null : `an integer in [${min}, ${max}]`;
  };
}

/** true or false. */
export function boolean<T>(): Rule<T> {
  return (value) => (typeof value === "boolean" ? null : "true or false");
}

/** A string of at most maxLength characters (maxLength may depend on the next state). */
export function text<T>(maxLength?: (next: T) => number): Rule<T> {
  return (value, next) => {
    if (typeof value !== "string") return "a string";
    const max = maxLength ? maxLength(next) : Infinity;
    return value.length <= max ? null : `a string of at most ${max} characters`;
  };
}

/** A string with at least one character. */
export function nonEmptyText<T>(): Rule<T> {
  return (value) => (typeof value === "string" && value.length > 0 ? null : "a non-empty string");
}

/** One of a fixed (or state-dependent) list of values. */
export function oneOf<T>(options: readonly unknown[] | ((next: T) => readonly unknown[])): Rule<T> {
  return (value, next) => {
    const list = typeof options === "function" ? options(next) : options;
    return list.includes(value) ? null : `one of ${list.map((o) => JSON.stringify(o)).join(", ")}`;
  };
}

/** A list of strings, optionally distinct. */
export function stringList<T>(opts: { distinct?: boolean; nonEmpty?: boolean } = {}): Rule<T> {
  return (value) => {
    if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) return "a list of strings";
    if (opts.nonEmpty && value.length === 0) return "a non-empty list of strings";
    if (opts.distinct && new Set(value).size !== value.length) return "a list of distinct strings";
    return null;
  };
}

/** null, or whatever `rule` accepts. */
export function nullable<T>(rule: Rule<T>): Rule<T> {
  return (value, next) => {
    if (value === null) return null;
    const broken = rule(value, next);
    return broken === null ? null : `null or ${broken}`;
  };
}

/** Accepts a JSON-serialisable value (kernel-computed traits such as rows or specs). */
export function json<T>(kind: "object" | "array"): Rule<T> {
  return (value) => {
    const shapeOk = kind === "array" ? Array.isArray(value)
      : value !== null && typeof value === "object" && !Array.isArray(value);
    if (!shapeOk) return kind === "array" ? "a list" : "an object";
    try {
      JSON.stringify(value, (_k, v) => {
        if (typeof v === "number" && !Number.isFinite(v)) throw new Error("non-finite");
        return v;
      });
      return null;
    } catch {
      return `a JSON ${kind} of finite numbers`;
    }
  };
}

/** Accepts anything (binary or JSON); the widget's own code is trusted to set it. */
export function any<T>(): Rule<T> {
  return () => null;
}
