/**
 * VegaPlot: a Vega-Lite chart whose spec is sent once; afterwards only the "table"
 * rows, the "prediction" rows and param values change. Kernel side of
 * widgets/src/vega-plot.ts; traits, defaults and rules in the contract (`VEGA_PLOT`).
 *
 *   control.value changes ─▶ rows = computeRows(compute, values) (or `rows(values)`)
 *                         ─▶ update { data, signals }   (never `spec`)
 *   lock commits          ─▶ update { prediction: [{ [field]: value, label }] }
 *   gated by a lock       ─▶ rows withheld (data: []) until the commit, then revealed
 */
import type { JsonObject, MimeBundle } from "../kernel/runtime";
import { computeRows } from "../widget-contract/compute";
import { PREDICTION, TABLE } from "./plots/sweep-spec";
import { toVegaLiteV5 } from "./plots/vegalite-v5";
import { message } from "./messages";
import { VEGA_PLOT } from "../widget-contract/contracts";
import { type PlotCompute, type PlotRow, type SignalValue, VEGALITE_V5_MIME, type VegaPlotTraits } from "../widget-contract/traits";
import { Widget, WidgetTraitError, type WidgetOptions } from "./widget";
import { widgetById } from "./widget-state";

/** A widget whose `value` a plot can follow. */
export interface ValueSource {
  readonly id: string;
  get(trait: "value"): unknown;
  observe(trait: "value", callback: () => void): () => void;
}

/** A committed prediction a plot can overlay. */
export interface PredictionSource {
  readonly isLocked: boolean;
  readonly value: number | string | null;
  observe(trait: "locked", callback: () => void): () => void;
}

/** Options of `new VegaPlot`. */
export interface VegaPlotOptions {
  description?: string;
  /** The static Vega-Lite 6 spec; reads datasets "table" and "prediction". */
  spec: { [key: string]: unknown };
  /** Browser fast path; its controls are followed automatically. */
  compute?: PlotCompute | null;
  /** Kernel-only recompute from control values (by model id), when `compute` cannot express it. */
  rows?: (controlValues: { [modelId: string]: unknown }) => PlotRow[];
  /** Initial rows when neither `compute` nor `rows` is given. */
  data?: PlotRow[];
  /** Params (signals) that follow controls: param name -> control. */
  follow?: { [param: string]: ValueSource };
}

/** The kernel side of a Vega-Lite plot. */
export class VegaPlot extends Widget<VegaPlotTraits> {
  private rowsNow: PlotRow[];
  private withheld = false;
  private displayed = false;
  private readonly sources = new Map<string, ValueSource>();
  private readonly recompute: ((values: { [id: string]: unknown }) => PlotRow[]) | null;
  private readonly followed: { [param: string]: ValueSource };

  /**
   * @throws WidgetTraitError naming `compute` when a control it names is not a live widget,
   *         or the trait whose initial value breaks its rule
   */
  constructor(options: VegaPlotOptions, widgetOptions?: WidgetOptions) {
    const compute = options.compute ?? null;
    const sources = new Map<string, ValueSource>();
    if (compute) {
      for (const [param, arg] of Object.entries(compute.args)) {
        if (typeof arg !== "object" || arg === null) continue;
        const widget = widgetById(arg.control) as unknown as ValueSource | undefined;
        if (!widget || typeof widget.get("value") !== "number") {
          throw new WidgetTraitError("VegaPlot", "compute", message.badPlotControl(param, arg.control));
        }
        sources.set(arg.control, widget);
      }
    }
    for (const source of Object.values(options.follow ?? {})) sources.set(source.id, source);
    const recompute = compute ? (v: { [id: string]: unknown }) => computeRows(compute, v) : options.rows ?? null;
    const values = Object.fromEntries([...sources].map(([id, s]) => [id, s.get("value")]));
    const rows = recompute ? recompute(values) : options.data ?? [];
    const signals = Object.fromEntries(
      Object.entries(options.follow ?? {}).map(([p, s]) => [p, s.get("value") as SignalValue]));
    super(VEGA_PLOT, { description: options.description, spec: options.spec, data: rows, signals, compute }, widgetOptions);
    this.rowsNow = rows;
    this.recompute = recompute;
    this.followed = options.follow ?? {};
    for (const [id, source] of sources) {
      this.sources.set(id, source);
      source.observe("value", () => this.refresh());
    }
  }

  /** The current rows of "table" (also while withheld from the view). */
  get rows(): PlotRow[] {
    return this.rowsNow;
  }

  /** Replaces the "table" rows from kernel code. */
  setRows(rows: PlotRow[]): void {
    this.update(rows, this.get("signals"));
  }

  /**
   * Draws a committed prediction as the overlay: one row `{ [field]: value, label }`.
   * If the lock is not yet committed, draws it when it is.
   */
  showPrediction(lock: PredictionSource, field: string, label = "your prediction"): this {
    const draw = () => {
      if (lock.isLocked && lock.value !== null) this.setMany({ prediction: [{ [field]: lock.value, label }] });
    };
    draw();
    lock.observe("locked", draw);
    return this;
  }

  /** Never a new spec: the view keeps its chart and swaps data. */
  override setMany(patch: Partial<VegaPlotTraits>): void {
    if ("spec" in patch) throw new WidgetTraitError(this.label, "spec", message.immutable("spec"));
    super.setMany(patch);
  }

  /** Withholds rows while gated by a lock; releases (and reveals) them on commit. */
  override setDisabled(reason: string | null): void {
    super.setDisabled(reason);
    this.withheld = reason !== null;
    super.setMany({ data: this.withheld ? [] : this.rowsNow });
    this.maybeReveal();
  }

  protected override shown(): void {
    this.displayed = true;
    this.maybeReveal();
  }

  /** Widget view, text/plain, and a Vega-Lite 5 copy with data inlined when the spec allows. */
  override displayBundle(): MimeBundle {
    const bundle = super.displayBundle();
    const v5 = toVegaLiteV5(this.get("spec"), { [TABLE]: this.get("data"), [PREDICTION]: this.get("prediction") });
    if (v5) bundle[VEGALITE_V5_MIME] = v5 as JsonObject;
    return bundle;
  }

  protected override onCustom(content: unknown): void {
    const msg = content as { type?: unknown; message?: unknown } | null;
    if (msg?.type === "render_error") console.error(`[fleetlab] VegaPlot ${this.id}: ${String(msg.message)}`);
  }

  protected override describe(): string {
    return `${JSON.stringify(this.get("description"))}, ${this.rowsNow.length} rows`;
  }

  private refresh(): void {
    const values = Object.fromEntries([...this.sources].map(([id, s]) => [id, s.get("value")]));
    const signals = { ...this.get("signals") };
    for (const [param, source] of Object.entries(this.followed)) signals[param] = source.get("value") as SignalValue;
    let rows = this.rowsNow;
    if (this.recompute) {
      try {
        rows = this.recompute(values);
      } catch (err) {
        // A control inside its own range can still leave the model's domain: keep the last rows.
        console.error(`[fleetlab] VegaPlot ${this.id}: ${(err as Error).message}`);
      }
    }
    this.update(rows, signals);
  }

  private update(rows: PlotRow[], signals: { [param: string]: SignalValue }): void {
    this.rowsNow = rows;
    super.setMany({ data: this.withheld ? [] : rows, signals });
    this.maybeReveal();
  }

  private maybeReveal(): void {
    if (this.hasRevealed || this.withheld || !this.displayed || this.rowsNow.length === 0) return;
    this.emitRevealed();
  }
}

