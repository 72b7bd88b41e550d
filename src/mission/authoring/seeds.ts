/**
 * Simulation seeds. A mission seeds each of its simulators with a published seed, so every
 * student, notebook and grader sees the same numbers: `createRng(missionSeed(11))`. A run can
 * re-seed them all (`fleetlab missions --seed N`) to show that no answer hangs on one seed:
 * inside `withRunSeed(n, fn)` each published seed maps to a seed derived from both.
 */
import { forgetRuns } from "./update-work";

let runSeed: number | null = null;

/** The seed a simulator uses: `published`, or within withRunSeed one derived from the run's seed and it. */
export function missionSeed(published: number): number {
  if (runSeed === null) return published;
  // splitmix32-style mix: distinct published seeds stay distinct under one run seed.
  let h = (Math.imul(runSeed ^ 0x9e3779b9, 0x85ebca6b) ^ published) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Runs `fn` with every mission seed derived from `seed` (a non-negative integer). Memoised
 * simulation runs are forgotten before and after, so no result of one seed is read under another.
 */
export function withRunSeed<T>(seed: number, fn: () => T): T {
  if (!(Number.isSafeInteger(seed) && seed >= 0)) throw new RangeError(`a run seed is a non-negative integer (got ${seed})`);
  const outer = runSeed;
  runSeed = seed;
  forgetRuns();
  try {
    return fn();
  } finally {
    runSeed = outer;
    forgetRuns();
  }
}
