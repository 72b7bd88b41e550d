/**
 * Maps a slider's track position to a value and back, for linear and log10 scales.
 * Which tracks are valid is the contract's slider rule (src/widget-contract/contracts.ts).
 *
 * Linear: value = min + position · step, position ∈ [0, (max − min) / step].
 * Log:    value = 10^(log10(min) + position · step), `step` in decades (0.01 = 100 stops per decade).
 * The track is an integer count of steps, so keyboard and drag land on the same stops.
 *
 * Worked example (log, min = 0.1 h, max = 1000 h, step = 0.01): 4 decades = 400 stops;
 * position 200 ↦ 10^(−1 + 2) = 10 h, and 10 h ↦ position 200.
 */
import { tidy } from "../../src/widget-contract/numbers";
import type { SliderTraits } from "../../src/widget-contract/traits";

/** The traits that define a track. */
export type TrackSpec = Pick<SliderTraits, "min" | "max" | "step" | "scale">;

/** Returns the number of steps from min to max (the track's last position). */
export function stopCount(spec: TrackSpec): number {
  const span = spec.scale === "log" ? Math.log10(spec.max) - Math.log10(spec.min) : spec.max - spec.min;
  return Math.max(1, Math.round(span / spec.step));
}

/** Returns the value at integer track `position`, clamped to [min, max]. */
export function valueAt(spec: TrackSpec, position: number): number {
  const p = Math.min(Math.max(Math.round(position), 0), stopCount(spec));
  if (p === stopCount(spec)) return spec.max;
  const raw = spec.scale === "log" ? 10 ** (Math.log10(spec.min) + p * spec.step) : spec.min + p * spec.step;
  return Math.min(Math.max(tidy(raw), spec.min), spec.max);
}

/** Returns the nearest integer track position of `value`. */
export function positionOf(spec: TrackSpec, value: number): number {
  const v = Math.min(Math.max(value, spec.min), spec.max);
  const raw = spec.scale === "log" ? (Math.log10(v) - Math.log10(spec.min)) / spec.step : (v - spec.min) / spec.step;
  return Math.min(Math.max(Math.round(raw), 0), stopCount(spec));
}
