/**
 * Saving state on small devices (mission 07, Mobile and Tiny tracks): resuming a
 * preempted model from an incremental checkpoint, and saving state to
 * non-volatile memory before a brown-out cuts the power. Bytes, seconds, watts, joules.
 */
import { requireInRange, requireNonNegative, requirePositive } from "./errors";

/** Inputs of an incremental resume. */
export interface IncrementalResumeOptions {
  /** Full model/session state, bytes (>= 0). */
  stateBytes: number;
  /** Share of the state changed since the base snapshot, in [0, 1]. */
  dirtyFraction: number;
  /** Flash read bandwidth, bytes per second (> 0). */
  flashBytesPerSecond: number;
  /** Fixed cost: process start and mapping the base snapshot, seconds (>= 0). */
  baseSeconds: number;
}

function readResume(fn: string, o: IncrementalResumeOptions): void {
  requireNonNegative(fn, { stateBytes: o.stateBytes, baseSeconds: o.baseSeconds });
  requireInRange(fn, { dirtyFraction: o.dirtyFraction }, 0, 1);
  requirePositive(fn, { flashBytesPerSecond: o.flashBytesPerSecond });
}

/**
 * Time to resume from an incremental checkpoint: a fixed start-up plus reading
 * only the pages dirtied since the base snapshot.
 *
 * Equation: t_resume = t_base + f_dirty · S / B_flash   (f_dirty = 1: full checkpoint)
 * Source:   incremental checkpointing of dirty pages (Plank, Beck, Kingsley & Li,
 *           "Libckpt: Transparent Checkpointing under Unix", USENIX Winter 1995).
 * Holds:    the base snapshot is memory-mapped lazily; reads are sequential.
 *
 * Worked example (Mobile Nomad, 100 ms target): S = 500 MB, B_flash = 2 GB/s
 *   (illustrative UFS figure), t_base = 20 ms: full 20 + 250 = 270 ms; 10% dirty → 45 ms.
 *
 * @param options `{ stateBytes, dirtyFraction, flashBytesPerSecond, baseSeconds }`
 * @returns seconds
 * @throws ModelInputError on a negative size or time, f outside [0, 1] or B <= 0
 */
export function incrementalResumeTime(options: IncrementalResumeOptions): number {
  readResume("incrementalResumeTime", options);
  return options.baseSeconds + (options.dirtyFraction * options.stateBytes) / options.flashBytesPerSecond;
}

/**
 * Largest dirty fraction that still resumes within a deadline (the inverse of
 * `incrementalResumeTime`).
 *
 * Equation: f_max = clamp((t_deadline − t_base) · B_flash / S, 0, 1)
 * Source:   rearranged `incrementalResumeTime`.
 * Holds:    as `incrementalResumeTime`.
 *
 * Worked example: 100 ms deadline, the phone above → (0.1 − 0.02) · 2e9 / 5e8 = 0.32.
 *
 * @param options `{ stateBytes, flashBytesPerSecond, baseSeconds, deadlineSeconds }` (S > 0, deadline >= 0)
 * @returns f_max in [0, 1]; 0 when even the fixed cost misses the deadline
 * @throws ModelInputError on bad input
 */
export function maxDirtyFractionForDeadline(options: { stateBytes: number; flashBytesPerSecond: number; baseSeconds: number; deadlineSeconds: number }): number {
  const fn = "maxDirtyFractionForDeadline";
  const { stateBytes, flashBytesPerSecond, baseSeconds, deadlineSeconds } = options;
  requirePositive(fn, { stateBytes, flashBytesPerSecond });
  requireNonNegative(fn, { baseSeconds, deadlineSeconds });
  return Math.min(1, Math.max(0, ((deadlineSeconds - baseSeconds) * flashBytesPerSecond) / stateBytes));
}

/**
 * Usable energy in a hold-up capacitor between its charged voltage and the
 * brown-out cut-off.
 *
 * Equation: E = ½ · C · (V₀² − V_cut²)
 * Source:   energy stored in a capacitor, ½CV² (any circuits text, e.g. Horowitz & Hill,
 *           The Art of Electronics, 3rd ed., 2015, §1.4).
 * Holds:    ideal capacitor, regulator working down to V_cut.
 *
 * Worked example: 100 µF from 3.3 V to 1.8 V → ½ · 1e-4 · (10.89 − 3.24) = 0.3825 mJ.
 *
 * @param options `{ capacitanceFarads, startVolts, cutoffVolts }`: C > 0, V₀ >= V_cut >= 0
 * @returns joules
 * @throws ModelInputError if C is not positive, a voltage is negative, or V_cut > V₀
 */
export function capacitorEnergy(options: { capacitanceFarads: number; startVolts: number; cutoffVolts: number }): number {
  const fn = "capacitorEnergy";
  const { capacitanceFarads, startVolts, cutoffVolts } = options;
  requirePositive(fn, { capacitanceFarads });
  requireNonNegative(fn, { startVolts });
  requireInRange(fn, { cutoffVolts }, 0, startVolts);
  return 0.5 * capacitanceFarads * (startVolts ** 2 - cutoffVolts ** 2);
}

/** Inputs of a brown-out save. */
export interface BrownoutSaveOptions {
  /** State to save, bytes (>= 0). */
  stateBytes: number;
  /** Write bandwidth of the non-volatile memory, bytes per second (> 0). */
  writeBytesPerSecond: number;
  /** Energy to write one byte, joules (>= 0). */
  writeJoulesPerByte: number;
  /** Power of the rest of the device while it saves, watts (>= 0). */
  baseWatts: number;
  /** Energy left before the supply drops below the cut-off, joules (>= 0); see `capacitorEnergy`. */
  storedJoules: number;
}

/** Whether a save finishes before the power does. */
export interface BrownoutSave {
  writeSeconds: number;
  /** Energy the save needs: bytes × J/B + base power × write time. */
  energyJoules: number;
  /** How long the stored energy lasts at the saving power draw. */
  holdUpSeconds: number;
  /** holdUp − write; negative means the power dies first. */
  marginSeconds: number;
  completes: boolean;
}

/**
 * Brown-out save: does writing the state to FRAM or flash finish before the
 * supply's stored energy runs out?
 *
 * Equation: t_w = S / B_w;  P = P_base + B_w · e_w;  E = S · e_w + P_base · t_w
 *           t_hold = E_stored / P;  completes ⇔ E <= E_stored (⇔ t_w <= t_hold)
 * Source:   TI MSP430 figures, figures.md §7: flash ~12 kB/s measured at up to 2.2 mA;
 *           FRAM > 1,400 kB/s at 8 MHz and "250× less energy than flash".
 * Holds:    constant power while saving; the write starts at the brown-out warning.
 *
 * Worked example (Tiny Pioneer): S = 4,096 B, P_base = 1 mW, E_stored = 0.3825 mJ;
 *   flash 12 kB/s at 5.5e-7 J/B: t_w = 341 ms > t_hold = 50 ms → state lost;
 *   FRAM 1.4 MB/s at 2.2e-9 J/B: t_w = 2.93 ms, t_hold = 93.75 ms → saved.
 *
 * @param options `{ stateBytes, writeBytesPerSecond, writeJoulesPerByte, baseWatts, storedJoules }`
 * @returns timing, energy and whether the save completes
 * @throws ModelInputError on a negative input or a non-positive bandwidth
 */
export function brownoutSave(options: BrownoutSaveOptions): BrownoutSave {
  const fn = "brownoutSave";
  const { stateBytes, writeBytesPerSecond, writeJoulesPerByte, baseWatts, storedJoules } = options;
  requireNonNegative(fn, { stateBytes, writeJoulesPerByte, baseWatts, storedJoules });
  requirePositive(fn, { writeBytesPerSecond });
  const writeSeconds = stateBytes / writeBytesPerSecond;
  const power = baseWatts + writeBytesPerSecond * writeJoulesPerByte;
  const energy = stateBytes * writeJoulesPerByte + baseWatts * writeSeconds;
  const holdUp = power > 0 ? storedJoules / power : Infinity;
  return { writeSeconds, energyJoules: energy, holdUpSeconds: holdUp, marginSeconds: holdUp - writeSeconds, completes: energy <= storedJoules };
}
