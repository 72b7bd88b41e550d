/**
 * The slowest widget update of the four missions: every update the control-extremes sweep
 * makes (each part, track and control extreme; src/mission/control-extremes.ts), timed from
 * cold memos after the part's answer key and defaults are computed, as when a student has
 * the part open and moves one control. Prints the slowest updates side by side with the goal
 * (< 200 ms on the 2-core reference machine) and the most model work of any update against
 * the per-update budget. Figures only, no pass/fail. Run: npm run build && node dist/bench/missions/control-extremes.js
 */
import { answerKey } from "../../src/mission/grading/answer-key";
import { extremeUpdates, UPDATE_WORK_BUDGET, type UpdateOutcome } from "../../src/mission/authoring/control-extremes";
import { MISSIONS } from "../../src/mission/missions/index";
import { forgetRuns } from "../../src/mission/authoring/update-work";

const GOAL_MS = 200;

type Timed = UpdateOutcome & { ms: number };
const timed: Timed[] = [];
const started = process.hrtime.bigint();
for (const mission of MISSIONS) {
  const byPart = new Map<string, () => UpdateOutcome>();
  for (const update of extremeUpdates(mission)) {
    const key = `${update.track}/${update.part}`;
    if (update.setting.label === "defaults") byPart.set(key, update.run);
    forgetRuns();
    answerKey(mission, update.part, update.track); // what the open part has computed already
    byPart.get(key)!();
    // Best of two cold runs: the update's cost without a stray GC pause or JIT warm-up.
    let best = Infinity, outcome: UpdateOutcome | null = null;
    for (let i = 0; i < 2; i++) {
      if (i > 0) { forgetRuns(); answerKey(mission, update.part, update.track); byPart.get(key)!(); }
      const t0 = process.hrtime.bigint();
      outcome = update.run();
      best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
    }
    timed.push({ ...outcome!, ms: best });
  }
}
const totalSeconds = Number(process.hrtime.bigint() - started) / 1e9;

const describe = (u: Timed) => `${u.mission} ${u.track} ${u.part}: ${u.setting.label}`;
const bySpeed = [...timed].sort((a, b) => b.ms - a.ms);
const byWork = [...timed].sort((a, b) => b.steps - a.steps);
const over = timed.filter((u) => u.overBudget);
const failing = timed.filter((u) => u.problems.length > 0);

console.log(`widget updates at control extremes: ${timed.length} updates (4 missions, every part, track and control extreme), timed from cold memos in ${totalSeconds.toFixed(1)} s`);
console.log(`slowest update   ${bySpeed[0].ms.toFixed(1).padStart(7)} ms  (goal < ${GOAL_MS} ms: ${bySpeed[0].ms < GOAL_MS ? "met" : "NOT met"})  ${describe(bySpeed[0])}`);
for (const u of bySpeed.slice(1, 5)) console.log(`                 ${u.ms.toFixed(1).padStart(7)} ms  ${describe(u)}`);
console.log(`most model work  ${byWork[0].steps.toLocaleString("en-US").padStart(9)} steps  (budget ${UPDATE_WORK_BUDGET.toLocaleString("en-US")} per update; ${over.length} over)  ${describe(byWork[0])}`);
console.log(`updates with a non-finite, failing or stopped instrument: ${failing.length}`);
for (const u of failing) console.log(`  ${describe(u)}: ${u.problems.map((p) => `${p.instrument}: ${p.detail}`).join("; ")}`);
