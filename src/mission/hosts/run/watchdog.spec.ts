/**
 * The watchdog in a real process (termination cannot be exercised inside jest's own
 * process): work past its deadline is stopped wherever it spins, the runner awaiting it
 * carries on, and state survives. Needs dist/ built (npm test builds it).
 */
import { spawnSync } from "child_process";
import path from "path";

const WATCHDOG = path.resolve(__dirname, "..", "..", "..", "..", "dist", "src", "mission", "hosts", "run", "watchdog.js");

const SCRIPT = `
const { createWatchdog } = require(${JSON.stringify(WATCHDOG)});
let interrupts = 0;
const watchdog = createWatchdog(() => { interrupts++; });
globalThis.kept = "kept";
(async () => {
  const results = [];
  // A loop after an await runs as a microtask: no signal reaches it.
  results.push(await watchdog.guard(300, async () => { await null; for (;;) {} }, () => "cut after await"));
  // A plain synchronous loop (as in a widget observer): not a vm script either.
  results.push(await watchdog.guard(300, () => { for (;;) {} }, () => "cut sync"));
  // A timer callback scheduled by the work (timers run their callbacks as microtasks).
  results.push(await watchdog.guard(300, () => new Promise(() => setTimeout(() => { for (;;) {} }, 10)), () => "cut in timer"));
  // Timers keep their arguments and \`this\`.
  results.push(await new Promise((r) => setInterval(function (a, b) { clearInterval(this); r(a + b); }, 1, 2, 3)));
  // Work that ends in time is untouched.
  results.push(await watchdog.guard(5000, async () => "finished", () => "cut"));
  await watchdog.close();
  console.log(JSON.stringify({ results, kept: globalThis.kept, interrupted: interrupts > 0 }));
})();
`;

describe("createWatchdog", () => {
  it("cuts off a loop after an await and a synchronous loop, and the process carries on", () => {
    const r = spawnSync(process.execPath, ["-e", SCRIPT], { encoding: "utf8", timeout: 60_000 });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ results: ["cut after await", "cut sync", "cut in timer", 5, "finished"], kept: "kept", interrupted: true });
  });
});
