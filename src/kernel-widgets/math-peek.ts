/**
 * MathPeek: a formula shown as TeX (mathjs `parse(expression).toTex()`) with its value
 * under a scope of numbers and live controls. Kernel side of widgets/src/math-peek.ts;
 * traits, defaults and rules in the contract (`MATH_PEEK`). `tex` and `value` are derived;
 * `expanded` is the view's toggle.
 */
import { mathjs } from "../model/mathjs";
import { MATH_PEEK, type WidgetContract } from "../widget-contract/contracts";
import { formatReading } from "../widget-contract/format";
import type { MathPeekTraits } from "../widget-contract/traits";
import { Widget, WidgetTraitError, type WidgetOptions } from "./widget";

/** A scope entry: a number, or a widget whose `value` is read live. */
export type ScopeEntry = number | { readonly id: string; get(trait: "value"): unknown; observe(trait: "value", cb: () => void): unknown };

// Only the kernel writes `expression` and derives its TeX, so only the kernel needs mathjs to check it.
const KERNEL_MATH_PEEK: WidgetContract<MathPeekTraits> = {
  ...MATH_PEEK,
  rules: { ...MATH_PEEK.rules, expression: (v) => (typeof v === "string" && texOf(v) !== null ? null : "a mathjs expression") },
};

function texOf(expression: string): string | null {
  try {
    return mathjs().parse(expression).toTex();
  } catch {
    return null;
  }
}

/** The expression's value in `scope`, or null when it cannot be evaluated to a finite number. */
export function evaluateIn(expression: string, scope: { [name: string]: ScopeEntry }): number | null {
  const numbers: { [name: string]: number } = {};
  for (const [name, entry] of Object.entries(scope)) {
    const v = typeof entry === "number" ? entry : entry.get("value");
    if (typeof v !== "number" || !Number.isFinite(v)) return null;
    numbers[name] = v;
  }
  try {
    const v = mathjs().parse(expression).evaluate(numbers);
    return typeof v === "number" && Number.isFinite(v) ? v : null;
  } catch {
    return null;
  }
}

/** The kernel side of a formula peek. */
export class MathPeek extends Widget<MathPeekTraits> {
  private scope: { [name: string]: ScopeEntry };

  /**
   * @example new MathPeek({ expression: "sqrt(2 * delta * M)", unit: "s", scope: { delta: 300, M: mtbfSlider } })
   * @throws WidgetTraitError naming `expression` when mathjs cannot parse it
   */
  constructor(options: { description?: string; expression: string; unit?: string; expanded?: boolean; scope?: { [name: string]: ScopeEntry } },
    widgetOptions?: WidgetOptions) {
    const scope = options.scope ?? {};
    const tex = texOf(options.expression);
    if (tex === null) throw new WidgetTraitError("MathPeek", "expression", `expression must be a mathjs expression (got ${JSON.stringify(options.expression)})`);
    const { description, expression, unit, expanded } = options;
    super(KERNEL_MATH_PEEK, { description, expression, tex, value: evaluateIn(expression, scope), unit, expanded }, widgetOptions);
    this.scope = scope;
    this.follow(scope);
  }

  /** Replaces the scope and re-evaluates. */
  setScope(scope: { [name: string]: ScopeEntry }): void {
    this.scope = scope;
    this.follow(scope);
    this.set("value", evaluateIn(this.get("expression"), scope));
  }

  protected override derive(next: MathPeekTraits, changed: readonly (keyof MathPeekTraits)[]): Partial<MathPeekTraits> {
    if (!changed.includes("expression")) return {};
    return { tex: texOf(next.expression) ?? "", value: evaluateIn(next.expression, this.scope) };
  }

  protected override describe(): string {
    return `${this.get("expression")} = ${formatReading(this.get("value"), this.get("unit"))}`;
  }

  private follow(scope: { [name: string]: ScopeEntry }): void {
    for (const entry of Object.values(scope)) {
      if (typeof entry === "number") continue;
      entry.observe("value", () => {
        if (this.scope === scope && !this.isClosed) this.set("value", evaluateIn(this.get("expression"), this.scope));
      });
    }
  }
}
