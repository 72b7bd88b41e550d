/**
 * Mission 07 part 2's Staging Buffer Size and SSD saturation against closed forms computed here
 * from the mission's figures: each writer's shard s = C / N bursts out at b_w (its share of the
 * local SSD); a buffer S takes min(S, s) and the rest streams to the store, so the burst is
 * N · b_w · (1 − min(S, s) / s) and the storm ends at S_min = s · (1 − B_s / (N · b_w)); the SSD
 * writes min(S, s) at b_ssd = b_w every Daly interval T of the tier, saturating at S = b_ssd · T.
 */
import { dalyInterval } from "../../src/model";
import { defaultValues, resolveControl, trackContext } from "../../src/mission/authoring/resolve";
import { TRACK_IDS, type TrackId } from "../../src/mission/authoring/types";
import { answerKey } from "../../src/mission/grading/answer-key";
import { missionById } from "../../src/mission/find-mission";
import { FAULT_TOLERANCE_FIGURES } from "../../src/mission/missions/fault-tolerance";

const mission = missionById("07_fault_tolerance");
const part = mission.parts.find((p) => p.id === "async_staging")!;
const STORM_TRACKS: TrackId[] = ["cloud_titan", "edge_guardian"];

/** The track's figures as the closed forms take them. */
function figures(t: TrackId) {
  const f = FAULT_TOLERANCE_FIGURES[t];
  const n = f.nodes.value, shard = f.checkpointBytes.value / n, bw = f.localWriteBytesPerSecond.value / n, store = f.remoteWriteBytesPerSecond.value;
  const mtbf = (f.nodeMtbfHours.value * 3600) / n;
  const tier = { "Blocking S3": store, "Local SSD": f.localWriteBytesPerSecond.value, "Async DRAM": f.dramStageBytesPerSecond.value } as Record<string, number>;
  const interval = (name: string) => dalyInterval(f.checkpointBytes.value / tier[name], mtbf);
  return { n, shard, bw, store, interval };
}

/** Reads a gauge of the part at the defaults with `overrides`. */
function reader(t: TrackId) {
  const c = trackContext(mission, t);
  const defaults = defaultValues(part.workbench.controls, c);
  const gauge = (id: string) => part.workbench.instruments.find((i) => i.id === id)! as unknown as { compute: (v: object, c: object, e: object[]) => number };
  return (id: string, overrides: Record<string, unknown>) => gauge(id).compute({ ...defaults, ...overrides }, c, []);
}

describe("07 part 2: the Staging Buffer Size that stops the Checkpoint Storm", () => {
  it("Cloud Titan and Edge Guardian: the target is s · (1 − B_s / (N · b_w)) in MB, one group", () => {
    // Cloud Titan: 987.75 GB / 16,384 = 60.288 MB × (1 − 25 GB/s / (2,048 × 6.9 GB/s)) = 60.181 MB; Edge Guardian: 31.25 MB × (1 − 0.1 / 3.5) = 30.36 MB.
    const expected: Record<string, number> = { cloud_titan: 60.1809, edge_guardian: 30.3571 };
    for (const t of STORM_TRACKS) {
      const { n, shard, bw, store } = figures(t);
      const sMin = (shard * (1 - store / (n * bw))) / 1e6;
      expect(sMin).toBeCloseTo(expected[t], 4);
      const key = answerKey(mission, "async_staging", t);
      expect(key.target!.value).toBeCloseTo(sMin, 9);
      expect(key.target!.unit).toBe("MB");
    }
  });

  it.each(STORM_TRACKS)("%s: the throughput gauge crosses the store's bandwidth exactly at the target, and bisection on the slider finds it within 10 tries", (t) => {
    const { n, shard, bw, store } = figures(t);
    const read = reader(t);
    const demand = (mb: number) => read("throughput", { staging_buffer_mb: mb, stagger_groups: 1 }) * 1e9;
    // The burst closed form, with no buffer and half the shard buffered.
    expect(demand(0)).toBeCloseTo(n * bw, -3);
    expect(demand(shard / 2e6)).toBeCloseTo((n * bw) / 2, -3);
    const target = answerKey(mission, "async_staging", t).target!;
    expect(demand(target.value * 0.999)).toBeGreaterThan(store);
    expect(demand(target.value * 1.001)).toBeLessThanOrEqual(store * (1 + 1e-9));
    // A student bisecting on the slider's grid by the storm line lands within the tolerance in <= 10 tries.
    const slider = resolveControl(part.workbench.controls.find((c) => c.id === "staging_buffer_mb")!, trackContext(mission, t));
    if (slider.kind !== "slider") throw new Error("not a slider");
    let lo = slider.min, hi = slider.max, guess = hi, tries = 0;
    while (Math.abs(guess / target.value - 1) > target.tolerance) {
      guess = Math.round((lo + hi) / 2 / slider.step) * slider.step;
      tries++;
      if (demand(guess) > store) lo = guess; else hi = guess;
    }
    expect(tries).toBeLessThanOrEqual(target.maxAttempts);
  });

  it.each(STORM_TRACKS)("%s: staggering lowers the buffer the storm needs (the groups slider moves the crossing)", (t) => {
    const { store } = figures(t);
    const read = reader(t);
    const target = answerKey(mission, "async_staging", t).target!.value;
    expect(read("throughput", { staging_buffer_mb: target * 0.9, stagger_groups: 1 }) * 1e9).toBeGreaterThan(store);
    expect(read("throughput", { staging_buffer_mb: target * 0.9, stagger_groups: 64 })).toBeLessThan(read("throughput", { staging_buffer_mb: target * 0.9, stagger_groups: 1 }));
  });

  it("Mobile Nomad and Tiny Pioneer checkpoint one device: their targets stay their crises', and their prompts say why", () => {
    for (const t of ["mobile_nomad", "tiny_pioneer"] as const) {
      expect(FAULT_TOLERANCE_FIGURES[t].nodes.value).toBe(1);
      const key = answerKey(mission, "async_staging", t);
      expect(key.target!.prompt).toMatch(/no crowd of writers to storm a store/);
    }
  });
});

describe("07 part 2: SSD saturation", () => {
  it.each([...TRACK_IDS])("%s: min(S, s) / (b_ssd · T) for each tier, rising with the buffer and flat past the shard", (t) => {
    const { shard, bw, interval } = figures(t);
    const read = reader(t);
    for (const tier of ["Blocking S3", "Local SSD", "Async DRAM"]) {
      const at = (mb: number) => read("ssd_saturation", { tier, staging_buffer_mb: mb });
      expect(at(0)).toBe(0);
      for (const x of [0.1, 0.5, 1, 2]) {
        expect(at((x * shard) / 1e6)).toBeCloseTo(100 * Math.min(1, (Math.min(x, 1) * shard) / (bw * interval(tier))), 9);
      }
      expect(at(shard / 2e6)).toBeGreaterThan(0);
      expect(at(2 * shard / 1e6)).toBe(at(shard / 1e6));
    }
  });

  it("Tiny Pioneer on Async DRAM: the flash saturates where min(S, s) reaches b_ssd · T, and leaves 100 % below it", () => {
    const { shard, bw, interval } = figures("tiny_pioneer");
    const read = reader("tiny_pioneer");
    // FeRAM staging (8 kB at 1.4 MB/s, 5.7 ms) puts Daly's interval at 0.638 s against the 36 s MTBF;
    // the 12 kB/s flash fills that interval with 7.66 kB of writes, less than the 8 kB state.
    const sat = bw * interval("Async DRAM");
    expect(interval("Async DRAM")).toBeCloseTo(0.638, 3);
    expect(sat).toBeLessThan(shard);
    const at = (bytes: number) => read("ssd_saturation", { tier: "Async DRAM", staging_buffer_mb: bytes / 1e6 });
    expect(at(sat * 1.001)).toBe(100);
    expect(at(shard)).toBe(100);
    expect(at(sat * 0.999)).toBeLessThan(100);
    expect(at(sat * 0.999)).toBeGreaterThan(99);
    // The slower tiers checkpoint less often: the same buffer does not saturate the flash.
    expect(read("ssd_saturation", { tier: "Local SSD", staging_buffer_mb: shard / 1e6 })).toBeLessThan(100);
  });
});
