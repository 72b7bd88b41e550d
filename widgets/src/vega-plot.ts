/**
 * VegaPlot: a Vega-Lite 6 chart embedded once, whose datasets and signals change in place.
 * Traits (VegaPlotTraits): description, spec, data, prediction, signals, compute; defaults and
 * rules in the contract (`VEGA_PLOT`).
 *
 *   spec ──embed (once, again on a theme change)──► Vega view
 *   data ──view.data("table")──┐
 *   prediction ──view.data("prediction")──┼──► runAsync (one run in flight, latest rows win)
 *   signals ──view.signal(name)──┘
 *   control input ──computeRows(compute, values)──► view.data("table")   (fast path, no kernel)
 *
 * The fast path recomputes rows in the browser with the same model code the kernel
 * uses (src/widget-contract/compute.ts), so a drag redraws within a frame; the
 * kernel still gets the control's final value and its own rows replace ours.
 */
import embed from "vega-embed";
import { computeRows } from "../../src/widget-contract/compute";
import { VEGA_PLOT } from "../../src/widget-contract/contracts";
import type { PlotCompute, PlotRow, SignalValue, VegaPlotMsg, VegaPlotTraits } from "../../src/widget-contract/traits";
import { renderFailed } from "./messages";
import { cssVars, plotConfig, watchTheme } from "./theme";
import { LIVE_EVENT, createNotice, defineWidget, h, listen, showRefusals, type FleetModel, type RenderFn } from "./widget-base";

/** The part of a Vega view the plot uses. */
export interface PlotView {
  data(name: string, values: PlotRow[]): unknown;
  signal(name: string, value: SignalValue): unknown;
  runAsync(): Promise<unknown>;
  finalize(): void;
}

/** What the plot needs from outside: the embedder and the fast-path row function. */
export interface PlotDeps {
  embed(el: HTMLElement, spec: object, options: object): Promise<{ view: PlotView; finalize?(): void }>;
  computeRows(compute: PlotCompute, controlValues: Record<string, number>): PlotRow[];
}

// A spec without a "prediction" dataset is fine while there is nothing to overlay.
function setOptional(view: PlotView, name: string, rows: PlotRow[]): void {
  try {
    view.data(name, rows);
  } catch (error) {
    if (rows.length > 0) throw error;
  }
}

/** The event a plot model triggers after each completed redraw (the bench listens for it). */
export const REDRAWN_EVENT = "fleetlab:redrawn";

/** Returns the plot's render function over `deps` (real vega-embed in the bundle, a mock in specs). */
export function createPlotRender(deps: PlotDeps): RenderFn<VegaPlotTraits> {
  return ({ model, el, host }) => {
    const doc = el.ownerDocument;
    const title = h(doc, "div", "fleetlab-label");
    const chart = h(doc, "div", "fleetlab-chart");
    el.append(title, chart);
    const notice = createNotice(el);
    let view: PlotView | null = null;
    let closed = false;
    const cleanups: (() => void)[] = [];

    // One run in flight; while it runs, later datasets are parked and only the newest is drawn.
    let running = false;
    let parked: { table?: PlotRow[]; prediction?: PlotRow[]; signals?: Record<string, SignalValue> } | null = null;
    const apply = (patch: NonNullable<typeof parked>) => {
      if (!view || closed) return;
      if (running) {
        parked = { ...(parked ?? {}), ...patch };
        return;
      }
      try {
        if (patch.table) view.data("table", patch.table);
        if (patch.prediction) setOptional(view, "prediction", patch.prediction);
        for (const [name, value] of Object.entries(patch.signals ?? {})) view.signal(name, value);
      } catch (error) {
        notice.show(renderFailed("the chart", error));
        return;
      }
      running = true;
      view.runAsync().then(
        () => {
          running = false;
          model.trigger(REDRAWN_EVENT);
          if (parked) {
            const next = parked;
            parked = null;
            apply(next);
          }
        },
        (error: unknown) => {
          running = false;
          notice.show(renderFailed("the chart", error));
        },
      );
    };

    // Fast path: follow the controls named in `compute.args` and recompute rows on every input.
    const startFastPath = async (compute: PlotCompute) => {
      if (!host) return;
      const values: Record<string, number> = {};
      for (const arg of Object.values(compute.args)) {
        if (typeof arg !== "object") continue;
        const control = await host.getModel(arg.control);
        if (closed) return;
        const read = (live?: unknown) => {
          const value = typeof live === "number" ? live : (control.get("value") as unknown);
          if (typeof value !== "number") return;
          values[arg.control] = value;
          try {
            apply({ table: deps.computeRows(compute, values) });
          } catch (error) {
            notice.show(renderFailed("the fast-path rows", error));
          }
        };
        values[arg.control] = control.get("value") as number;
        control.on(LIVE_EVENT, read);
        cleanups.push(() => control.off(LIVE_EVENT, read));
      }
    };

    const sync = () => {
      title.textContent = model.get("description");
    };

    // Embedded once, and again when JupyterLab's theme changes (a Vega config cannot follow CSS).
    let embedding = 0;
    const draw = () => {
      const attempt = ++embedding;
      view?.finalize();
      view = null;
      running = false;
      parked = null;
      // Each embedding draws into a container of its own: a theme switch can start one while
      // another is still in flight, and two embeddings in one element would fight over its nodes.
      const target = h(doc, "div", "fleetlab-chart-view");
      chart.replaceChildren(target);
      deps
        .embed(target, model.get("spec"), { actions: false, renderer: "svg", config: plotConfig(cssVars(el)) })
        .then((result) => {
          if (closed || attempt !== embedding) {
            result.view.finalize();
            return;
          }
          view = result.view;
          notice.clear();
          apply({ table: model.get("data"), prediction: model.get("prediction"), signals: model.get("signals") });
          followCompute();
        })
        .catch((error: unknown) => {
          notice.show(renderFailed("the chart", error));
          const msg: VegaPlotMsg = { type: "render_error", message: error instanceof Error ? error.message : String(error) };
          model.send(msg);
        });
    };
    let fastPathStarted = false;
    // The kernel sends `compute` when the results open (after the lock's commit), often after the embed.
    const followCompute = () => {
      const compute = model.get("compute");
      if (!compute || fastPathStarted || !view) return;
      fastPathStarted = true;
      void startFastPath(compute);
    };
    draw();
    cleanups.push(listen(model, ["change:compute"], followCompute));
    cleanups.push(watchTheme(doc, draw));

    cleanups.push(
      listen(model, ["change:data"], () => apply({ table: model.get("data") })),
      listen(model, ["change:prediction"], () => apply({ prediction: model.get("prediction") })),
      listen(model, ["change:signals"], () => apply({ signals: model.get("signals") })),
      listen(model, ["change:description"], sync),
      showRefusals(model, notice),
    );
    sync();
    return () => {
      closed = true;
      for (const c of cleanups) c();
      view?.finalize();
      el.replaceChildren();
    };
  };
}

/** The live model type the plot reads; exported for the bench and the page script. */
export type VegaPlotModelLike = FleetModel<VegaPlotTraits>;

/** Draws the plot with vega-embed and the shared fast-path compute. */
export const render = createPlotRender({
  embed: (el, spec, options) => embed(el, spec as never, options) as unknown as ReturnType<PlotDeps["embed"]>,
  computeRows,
});

/** The VegaPlot model and view classes. */
export const { Model: VegaPlotModel, View: VegaPlotView } = defineWidget<VegaPlotTraits>({ contract: VEGA_PLOT, render });
