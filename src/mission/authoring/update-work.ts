/**
 * The model work one widget update needs, counted in steps of the model's work tally
 * (simulated events, samples, trials; src/model/sim/work-tally.ts), and the memo that
 * missions keep their simulation runs in.
 *
 * A memoised run costs nothing when it is read again, so what an update does now depends
 * on what ran before it. Its budget is about the worst case instead, an update from a cold
 * start, so each memo entry keeps the steps it took to compute, and a measurement counts
 * every entry the update reads once: computed now (the tally counts it) or read from the
 * memo (its recorded steps are added). The result does not depend on the order updates run in.
 */
import { workTally } from "../../model/sim/work-tally";

interface Entry<R> { value: R; steps: number }
interface Measurement { extra: number; seen: Set<object> }

// Shared through globalThis so a mission bundled with its own copy of this module (as
// `fleetlab check` loads a definition file) still reports to the host's measurement.
const KEY = Symbol.for("fleetlab.updateWork");
type Holder = { [KEY]?: Measurement[] };
const active = ((globalThis as Holder)[KEY] ??= []);

/** Every memo made by memoizeRuns in this copy of the module. */
const memos: Map<string, unknown>[] = [];

/** Empties every memo, so the next update computes its runs again (benchmarks time updates from cold). */
export function forgetRuns(): void {
  for (const m of memos) m.clear();
}

/** Runs `fn` and returns its result (or what it threw) with the steps it needs from cold memos. */
export function measureWork<T>(fn: () => T): { steps: number } & ({ ok: true; value: T } | { ok: false; error: unknown }) {
  const m: Measurement = { extra: 0, seen: new Set() };
  const before = workTally();
  active.push(m);
  try {
    const value = fn();
    return { ok: true, value, steps: workTally() - before + m.extra };
  } catch (error) {
    return { ok: false, error, steps: workTally() - before + m.extra };
  } finally {
    active.splice(active.indexOf(m), 1);
  }
}

/**
 * `compute` memoised by `key`, recording each entry's steps for measureWork. A call that
 * throws is not remembered. Entries are kept for the life of the process (a mission's
 * runs are few and small: one per distinct control setting).
 */
export function memoizeRuns<A extends unknown[], R>(key: (...args: A) => string, compute: (...args: A) => R): (...args: A) => R {
  const entries = new Map<string, Entry<R>>();
  memos.push(entries);
  return (...args: A): R => {
    const k = key(...args);
    let entry = entries.get(k);
    if (entry) {
      for (const m of active) if (!m.seen.has(entry)) { m.seen.add(entry); m.extra += entry.steps; }
      return entry.value;
    }
    const before = workTally();
    const value = compute(...args);
    entry = { value, steps: workTally() - before };
    entries.set(k, entry);
    for (const m of active) m.seen.add(entry); // counted by the tally already
    return value;
  };
}
