/**
 * How the session draws two instrument details: a gauge's danger line (level and label once a
 * reading passes it) and mission 01's waterfall, whose fleet is a bar of its own.
 */
import { openPart, scratchLedger } from "../../../test/helpers/headless-part";

describe("instrument details", () => {
  scratchLedger();

  it("a gauge with a danger line turns bad and names the limit once a reading passes it (12 part 2's one-week clock)", async () => {
    const { shown, state, commit, move } = openPart("12_ops_scale", "cloud_titan", "canary_duration");
    const clock = shown.instruments.clock;
    expect(state(clock).thresholds).toEqual([{ at: 0, level: "ok", label: "" }, { at: 7, level: "bad", label: "above 7 days" }]);
    await commit(3000);
    expect(state(clock).level).toBe("ok");
    await move("request_rate", 0.1);
    await move("failure_rate", 1e-6);
    expect(state(clock).value as number).toBeGreaterThan(7);
    expect(state(clock).level).toBe("bad");
  });

  it("mission 01's waterfall shows your fleet as a bar of its own, also when it is one of the decades", async () => {
    const { shown, state, commit, move } = openPart("01_ml_intro", "cloud_titan", "reliability_gap");
    await commit(0.4);
    await move("nodes", 1000);
    const labels = (state(shown.instruments.waterfall).data as { fleet: string }[]).map((r) => r.fleet);
    expect(labels).toEqual(["N = 1", "N = 10", "N = 100", "N = 1,000", "N = 10,000", "your N = 1,000"]);
  });
});
