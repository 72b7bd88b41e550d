/**
 * The Monte-Carlo checkpoint optimum against Daly's, on every seed tried: the scan's
 * statistical promise. Seconds per seed, so it sits here rather than among the model's
 * unit specs (src/model/sim/training-run.spec.ts checks the scan's arithmetic by hand).
 */
import { dalyInterval } from "../../src/model/checkpoint-interval";
import { scanCheckpointIntervals } from "../../src/model/sim/training-run";

const MIN = 60, HOUR = 3600;

describe("scanCheckpointIntervals over random failures", () => {
  const run = { workSeconds: 5_000 * HOUR, checkpointSeconds: 5 * MIN, restartSeconds: 10 * MIN, mtbfSeconds: 6 * HOUR };
  const intervalsSeconds = Array.from({ length: 15 }, (_, i) => 25 * MIN * Math.pow(130 / 25, i / 14));
  const daly = dalyInterval(run.checkpointSeconds, run.mtbfSeconds);

  // Seeds 1000 apart: each scan's 20 replicate streams (seed .. seed + 19) share none with another's.
  it.each([0, 1000, 2000, 3000, 4000, 2026])("finds an interval within 5%% of Daly's optimum (seed %i)", (seed) => {
    expect(daly / MIN).toBeCloseTo(56.7, 1);
    const scan = scanCheckpointIntervals(run, { intervalsSeconds, replicates: 20, seed });
    expect(Math.abs(scan.bestIntervalSeconds / daly - 1)).toBeLessThan(0.05);
  });

  it("reports every scanned interval and the events its runs used", () => {
    const scan = scanCheckpointIntervals(run, { intervalsSeconds, replicates: 20, seed: 2026 });
    expect(scan.rows).toHaveLength(15);
    expect(scan.budget.exhausted).toBe(false);
    expect(scan.budget.events).toBe(Math.round(scan.rows.reduce((sum, r) => sum + r.meanFailures * 20, 0)));
  });
});
