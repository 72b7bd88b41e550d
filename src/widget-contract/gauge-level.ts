/**
 * Which threshold a gauge reading has reached: the kernel derives the `level` trait from it,
 * and the front end colours and labels a reading it recomputes itself (the fast path) by it.
 */
import type { GaugeThreshold, GaugeTraits } from "./traits";

/** The last threshold with at <= value (thresholds ascend), or undefined. */
export function reachedThreshold(value: number | null, thresholds: readonly GaugeThreshold[]): GaugeThreshold | undefined {
  if (value === null) return undefined;
  let reached: GaugeThreshold | undefined;
  for (const t of thresholds) if (t.at <= value) reached = t;
  return reached;
}

/** The level of `value`: that of the last threshold with at <= value, or null. */
export function gaugeLevel(value: number | null, thresholds: readonly GaugeThreshold[]): GaugeTraits["level"] {
  return reachedThreshold(value, thresholds)?.level ?? null;
}
