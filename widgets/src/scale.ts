/**
 * Maps a slider's track position to a value and back, for linear and log10 scales.
 *
 * Linear: value = min + position · step, position ∈ [0, (max − min) / step].
 * Log:    value = 10^(log10(min) + position · step), `step` in decades (0.01 = 100 stops per decade).
 * The track is an integer count of steps, so keyboard and drag land on the same stops.
 *
 * Worked example (log, min = 0.1 h, max = 1000 h, step = 0.01): 4 decades = 400 stops;
 * position 200 ↦ 10^(−1 + 2) = 10 h, and 10 h ↦ position 200.
 */

/** The numbers that define a track. */
export interface TrackSpec {
  min: number;
  max: number;
  step: number;
  scale: "linear" | "log";
}

/** Returns the requirement `spec` fails, or null when it defines a usable track. */
export function trackProblem(spec: TrackSpec): string | null {
  const { min, max, step, scale } = spec;
  if (![min, max, step].every(Number.isFinite)) return "min, max and step must be finite";
  if (!(step > 0)) return "step must be > 0";
  if (!(max > min)) return "max must be > min";
  if (scale === "log" && !(min > 0)) return "min must be > 0 on a log scale";
  return null;
}

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

/**
 * Formats a value for the readout: as many decimals as a linear `step` resolves
 * (step 0.00001 shows 0.99999, not 1), else up to 4 significant digits.
 */
export function formatValue(value: number, step?: number): string {
  if (value === 0) return "0";
  if (step !== undefined && step > 0 && step < 1 && Math.abs(value) < 1e6) {
    const decimals = Math.min(12, Math.ceil(-Math.log10(step) - 1e-9));
    return String(Number(value.toFixed(decimals)));
  }
  const abs = Math.abs(value);
  if (abs >= 1e6 || abs < 1e-3) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

// Float steps accumulate error (0.1 + 0.2); 12 significant digits hide it without moving stops.
function tidy(x: number): number {
  return Number(x.toPrecision(12));
}
