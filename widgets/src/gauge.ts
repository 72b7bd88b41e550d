/**
 * Gauge: a metric read-out with a bar between `min` and `max` coloured by level.
 * Traits (GaugeTraits): description, value, unit, min, max, thresholds, level (derived by the kernel),
 * marker (a committed prediction: a tick on the bar and its number beside the reading); defaults
 * and rules in the contract (`GAUGE`). A reading's level and label come from the threshold it
 * reached, by the rule the kernel derives `level` with, so a fast-path reading is coloured too.
 * Worked example: min 0, max 1, value 0.25 ↦ bar 25% wide.
 */
import { computeValue, controlIds } from "../../src/widget-contract/compute";
import { GAUGE } from "../../src/widget-contract/contracts";
import { formatReading } from "../../src/widget-contract/format";
import { reachedThreshold } from "../../src/widget-contract/gauge-level";
import type { GaugeTraits, ValueCompute } from "../../src/widget-contract/traits";
import { LIVE_EVENT, createNotice, defineWidget, h, listen, showRefusals, type RenderContext } from "./widget-base";

/** Returns the bar fill in [0, 1] for `value` on [min, max]. */
export function fillFraction(value: number, min: number, max: number): number {
  return Math.min(Math.max((value - min) / (max - min), 0), 1);
}

/** Draws the gauge into `el`; returns its cleanup. */
export function render({ model, el, host }: RenderContext<GaugeTraits>): () => void {
  const doc = el.ownerDocument;
  const row = h(doc, "div", "fleetlab-row fleetlab-gauge");
  const label = h(doc, "span", "fleetlab-label");
  const bar = h(doc, "div", "fleetlab-gauge-bar");
  const fill = h(doc, "div", "fleetlab-gauge-fill");
  const tick = h(doc, "div", "fleetlab-gauge-marker");
  bar.append(fill, tick);
  bar.setAttribute("role", "meter");
  const readout = h(doc, "span", "fleetlab-readout");
  const levelText = h(doc, "span", "fleetlab-level");
  const markerText = h(doc, "span", "fleetlab-gauge-marker-label");
  row.append(label, bar, readout, levelText, markerText);
  el.appendChild(row);
  const notice = createNotice(el);

  // Fast path: while a control of `compute` is dragged, the reading is recomputed here with the
  // same model code; the kernel's value (the authority) replaces it when it arrives.
  let live: number | null = null;
  const sync = () => {
    const value = live ?? model.get("value");
    const reached = reachedThreshold(value, model.get("thresholds"));
    label.textContent = model.get("description");
    readout.textContent = formatReading(value, model.get("unit"));
    fill.style.width = value === null ? "0%" : `${(100 * fillFraction(value, model.get("min"), model.get("max"))).toFixed(1)}%`;
    bar.setAttribute("aria-valuemin", String(model.get("min")));
    bar.setAttribute("aria-valuemax", String(model.get("max")));
    if (value !== null) bar.setAttribute("aria-valuenow", String(value));
    row.classList.remove("level-ok", "level-warn", "level-bad");
    if (reached) row.classList.add(`level-${reached.level}`);
    levelText.textContent = reached?.label ?? "";
    // The marker sits at its place on the bar (pinned to an end when outside the range); its label gives the number.
    const marker = model.get("marker");
    tick.hidden = marker === null;
    if (marker) tick.style.left = `${(100 * fillFraction(marker.value, model.get("min"), model.get("max"))).toFixed(1)}%`;
    markerText.textContent = marker ? `${marker.label}: ${formatReading(marker.value, model.get("unit"))}` : "";
  };
  const onKernelValue = () => {
    live = null;
    sync();
  };
  const off = listen(model, ["change:level", "change:min", "change:max", "change:unit", "change:thresholds", "change:description", "change:marker"], sync);
  const offValue = listen(model, ["change:value"], onKernelValue);
  const stopFastPath = { run: () => undefined as void };
  const startFastPath = async (compute: ValueCompute) => {
    if (!host) return;
    const values: Record<string, unknown> = {};
    const controls = await Promise.all(controlIds(compute).map(async (id) => [id, await host.getModel(id)] as const));
    const offs: (() => void)[] = [];
    for (const [id, control] of controls) {
      values[id] = control.get("value");
      const read = (value?: unknown) => {
        values[id] = typeof value === "number" ? value : control.get("value");
        try {
          const v = computeValue(compute, values);
          if (Number.isFinite(v)) {
            live = v;
            sync();
          }
        } catch {
          // A value the model refuses: the kernel says why when the control reaches it.
        }
      };
      control.on(LIVE_EVENT, read);
      offs.push(() => control.off(LIVE_EVENT, read));
    }
    stopFastPath.run = () => offs.forEach((f) => f());
  };
  const followCompute = () => {
    stopFastPath.run();
    const compute = model.get("compute");
    if (compute) void startFastPath(compute);
  };
  const offCompute = listen(model, ["change:compute"], followCompute);
  followCompute();
  const offRefusals = showRefusals(model, notice);
  sync();
  return () => {
    off();
    offValue();
    offCompute();
    stopFastPath.run();
    offRefusals();
    el.replaceChildren();
  };
}

/** The Gauge model and view classes. */
export const { Model: GaugeModel, View: GaugeView } = defineWidget<GaugeTraits>({ contract: GAUGE, render });
