/**
 * Mission 01 part 3's Staggered Checkpoints against the closed form computed here from the
 * mission's figures: with N workers writing s bytes each over links of b_w into a store of B_s,
 * in G groups, the step carrying a group's write is longer than a plain step by
 * s / min(b_w, B_s / ⌈N/G⌉): the store's fair share when all write at once, the link once
 * staggered enough.
 */
import { defaultValues, trackContext } from "../../src/mission/authoring/resolve";
import { TRACK_IDS, type TrackId } from "../../src/mission/authoring/types";
import { missionById } from "../../src/mission/find-mission";
import { ML_INTRO_FIGURES } from "../../src/mission/missions/ml-intro";

const mission = missionById("01_ml_intro");
const part = mission.parts.find((p) => p.id === "c3_review")!;

function reader(t: TrackId) {
  const c = trackContext(mission, t);
  const defaults = defaultValues(part.workbench.controls, c);
  const gauge = (id: string) => part.workbench.instruments.find((i) => i.id === id)! as unknown as { compute: (v: object, c: object, e: object[]) => number };
  return (id: string, overrides: Record<string, unknown>) => gauge(id).compute({ ...defaults, ...overrides }, c, []);
}

function stall(t: TrackId, groups: number) {
  const f = ML_INTRO_FIGURES[t];
  const n = f.workers.value, s = f.checkpointBytesPerWorker.value, bw = f.linkBytesPerSecond.value, store = f.storageBytesPerSecond.value;
  return s / Math.min(bw, store / Math.ceil(n / groups));
}

describe("01 part 3: Staggered Checkpoints", () => {
  it.each([...TRACK_IDS])("%s: the checkpointing step is the plain step plus s / min(b_w, B_s / ⌈N/G⌉), for groups and backup workers alike", (t) => {
    const read = reader(t);
    const n = ML_INTRO_FIGURES[t].workers.value;
    for (const groups of [1, 2, 7, n]) {
      for (const backup_workers of [0, 3]) {
        for (const topology of ["ring", "tree"]) {
          const v = { stagger_groups: groups, backup_workers, topology };
          expect(read("checkpoint_step", v) - read("step_time", v)).toBeCloseTo(stall(t, groups), 9);
        }
      }
    }
  });

  it.each([...TRACK_IDS])("%s: staggering shortens the checkpointing step while the store is the bottleneck", (t) => {
    const read = reader(t);
    const all = read("checkpoint_step", { stagger_groups: 1 }), two = read("checkpoint_step", { stagger_groups: 2 });
    expect(two).toBeLessThan(all);
    // Two groups halve a store-bound write.
    expect(all - two).toBeCloseTo(stall(t, 1) / 2, 9);
  });

  it("Cloud Titan: 964.6 MB per GPU into Tectonic's 2 TB/s stalls 0.494 s all at once and 19.3 ms in 26 groups (each at its 50 GB/s link)", () => {
    expect(stall("cloud_titan", 1)).toBeCloseTo((987.8e9 / 1024) / (2e12 / 1024), 2);
    expect(stall("cloud_titan", 1)).toBeCloseTo(0.4939, 4);
    expect(stall("cloud_titan", 26)).toBeCloseTo(0.9646e9 / 50e9, 5);
    const read = reader("cloud_titan");
    expect(read("checkpoint_step", { stagger_groups: 1 }) - read("checkpoint_step", { stagger_groups: 26 })).toBeCloseTo(0.4939 - 0.019293, 4);
  });
});
