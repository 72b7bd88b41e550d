/**
 * EASY backfill behind a strict topology-aware head: the head reserves the earliest time a block
 * of its shape is free (one node with k GPUs free if k ≤ gpusPerNode, else ⌈k/g⌉ adjacent wholly
 * free nodes inside one rack, or anywhere when bigger than a rack), and a job behind it backfills
 * only if it ends by then. Each scenario is worked out by hand:
 *
 *   - every node is its own device generation (capability i+1, memory 100−i: an antichain), so a
 *     "filler" class pinned to node i (minCapability i+1, memoryGb 100−i) can only run there;
 *   - serviceCv 0 and gradientBytes 0: every job runs exactly its meanServiceHours;
 *   - arrivals at 10⁶ per hour: all jobs arrive within microseconds of 0, in job-id order, each
 *     arrival followed by a scheduling pass;
 *   - the class of each job is drawn from the arrival stream (first fork of the seed's generator:
 *     the first arrival gap, then per job a class draw and the next gap). `seedFor` replays that
 *     stream to pick a seed whose jobs come as fillers, then the head H, then the probe S; the
 *     test checks the fillers really sit where intended (snapshot at 0.5 h).
 *
 * The probe S is the last job; its wait says whether the reservation let it backfill (wait 0) or
 * held it until GPUs freed up after the head started.
 */
import { simulateCluster, type ClusterConfig, type ClusterReport } from "./cluster-simulator";
import type { JobClass } from "./cluster-config";
import { createRng } from "../sim/rng";

interface Filler { node: number; gpus: number; hours: number }
interface Scenario {
  racks: number; nodesPerRack: number; gpusPerNode: number;
  /** Running before H arrives, each on its own node (slots from 0). */
  fillers: Filler[];
  /** Fillers must arrive in the listed order (job ids 0, 1, ...); else in any order before H. */
  ordered?: boolean;
  /** H: strict topology-aware gang of headGpus; pinned to one node's generation if headNode is given. */
  headGpus: number; headNode?: number; headHours?: number;
  /** S: a best-fit gang behind H. */
  probeGpus: number; probeHours: number;
  /** A node reclaimed (spot) before the first arrival and not back during the run. */
  downNode?: number;
}

const pinned = (node: number): Partial<JobClass> => ({ minCapability: node + 1, memoryGb: 100 - node });

function configOf(s: Scenario): ClusterConfig {
  const nodes = s.racks * s.nodesPerRack;
  const jobClasses: JobClass[] = [
    ...s.fillers.map((f): JobClass => ({ name: `F${f.node}`, gpus: f.gpus, meanServiceHours: f.hours, serviceCv: 0, ...pinned(f.node) })),
    {
      name: "H", gpus: s.headGpus, meanServiceHours: s.headHours ?? 1, serviceCv: 0, placement: "topology-aware", locality: "strict",
      ...(s.headNode !== undefined ? pinned(s.headNode) : {}),
    },
    { name: "S", gpus: s.probeGpus, meanServiceHours: s.probeHours, serviceCv: 0 },
  ];
  return {
    racks: s.racks, nodesPerRack: s.nodesPerRack, gpusPerNode: s.gpusPerNode, jobs: s.fillers.length + 2,
    arrivalRatePerHour: 1e6, placement: "best-fit", backfill: "easy", network: { gradientBytes: 0 }, snapshotAtHours: 0.5,
    generations: Array.from({ length: nodes }, (_, i) => ({ name: `N${i}`, fraction: 1 / nodes, capability: i + 1, memoryGb: 100 - i })),
    jobClasses,
    ...(s.downNode !== undefined
      ? { spot: { spotFraction: 1 / nodes, meanHoursBetweenPreemptions: 1e-12, meanHoursToRestore: 1e9, mode: "static" as const } }
      : {}),
  };
}

/** The first seed whose arrival stream gives the fillers, then H, then S (and reclaims downNode). */
function seedFor(s: Scenario): { seed: number; classOf: number[] } {
  const m = s.fillers.length, C = m + 2, N = m + 2, nodes = s.racks * s.nodesPerRack;
  const cdf = Array.from({ length: C }, (_, i) => (i === C - 1 ? 1 : (i + 1) / C));
  for (let seed = 1; seed < 2_000_000; seed++) {
    const root = createRng(seed);
    const arrive = root.fork(); root.fork(); root.fork(); const setup = root.fork();
    if (s.downNode !== undefined && setup.int(nodes) !== s.downNode) continue;
    arrive.next(); // first arrival gap
    const classOf: number[] = [];
    for (let j = 0; j < N; j++) {
      const u = arrive.next();
      let c = 0;
      while (u >= cdf[c] && c < C - 1) c++;
      classOf.push(c);
      if (j + 1 < N) arrive.next();
    }
    const fillersFirst = s.ordered
      ? classOf.slice(0, m).every((c, j) => c === j)
      : [...classOf.slice(0, m)].sort((a, b) => a - b).every((c, j) => c === j);
    if (fillersFirst && classOf[m] === m && classOf[m + 1] === m + 1) return { seed, classOf };
  }
  throw new Error("no seed");
}

/** Runs the scenario and checks its set-up (fillers on their nodes, the reclaimed node down); returns S's wait. */
function probeWait(s: Scenario): { wait: number; report: ClusterReport } {
  const { seed, classOf } = seedFor(s);
  const r = simulateCluster(configOf(s), seed);
  const m = s.fillers.length, g = s.gpusPerNode, npr = s.nodesPerRack;
  expect(r.jobsCompleted).toBe(m + 2);
  r.waitByClass.forEach((c) => expect(c.count).toBe(1));
  const owner = (node: number, slot: number) => r.snapshot.grid[Math.floor(node / npr)][(node % npr) * g + slot];
  s.fillers.forEach((f, i) => { for (let slot = 0; slot < f.gpus; slot++) expect(owner(f.node, slot)).toBe(classOf.indexOf(i)); });
  if (s.downNode !== undefined) {
    expect(r.preemption.reclaims).toBe(1);
    for (let slot = 0; slot < g; slot++) expect(owner(s.downNode, slot)).toBe(-2);
  }
  return { wait: r.waitByClass[m + 1].meanHours, report: r };
}

describe("EASY backfill behind a strict topology-aware head: one node (k ≤ gpusPerNode)", () => {
  // 1 rack, 2 nodes of 2 GPUs; H wants 2 GPUs on one node. Each node holds one 1-GPU filler in slot 0
  // and has slot 1 free, so H cannot start; the earliest block is the node whose filler ends first:
  // its GPUs free at [now, 4] → 4 (the other node: [now, 10] → 10). Reservation = 4 h.
  const base = { racks: 1, nodesPerRack: 2, gpusPerNode: 2, headGpus: 2, probeGpus: 1 };
  const late = { node: 0, gpus: 1, hours: 10 }, early = { node: 1, gpus: 1, hours: 4 };

  it("lets a 3 h job backfill (ends at 3 ≤ 4) but holds a 5 h one until the 4 h filler ends (early block on node 1)", () => {
    expect(probeWait({ ...base, fillers: [late, early], probeHours: 3 }).wait).toBe(0);
    // 5 h > 4 h: S waits; at 4 h node 1 is wholly free, H takes it and S the free GPU of node 0.
    expect(probeWait({ ...base, fillers: [late, early], probeHours: 5 }).wait).toBeCloseTo(4, 3);
  });

  it("does the same with the early block on node 0, filled by job 0", () => {
    const fillers = [{ ...early, node: 0 }, { ...late, node: 1 }];
    expect(probeWait({ ...base, fillers, ordered: true, probeHours: 3 }).wait).toBe(0);
    expect(probeWait({ ...base, fillers, ordered: true, probeHours: 5 }).wait).toBeCloseTo(4, 3);
  });

  it("counts only nodes the head can run on: pinned to node 0 (free at 10 h), a 5 h job backfills", () => {
    // Node 1 frees at 4 h but H cannot use it: the reservation is 10 h and S (5 h) starts at once.
    // Were node 1 counted, S would wait until H starts at 10 h and S takes node 1.
    expect(probeWait({ ...base, fillers: [late, early], headNode: 0, probeHours: 5 }).wait).toBe(0);
  });
});

describe("EASY backfill behind a strict topology-aware head: adjacent whole nodes (k > gpusPerNode)", () => {
  // 1 rack, 3 nodes of 2 GPUs; H wants 4 GPUs = 2 adjacent wholly free nodes; fillers take whole nodes.
  const base = { racks: 1, nodesPerRack: 3, gpusPerNode: 2, headGpus: 4, probeGpus: 2 };

  it("node 0 free, node 1 until 4 h, node 2 until 10 h: windows (0,1) → 4, (1,2) → 10, reservation 4 h", () => {
    const fillers = [{ node: 1, gpus: 2, hours: 4 }, { node: 2, gpus: 2, hours: 10 }];
    expect(probeWait({ ...base, fillers, probeHours: 3 }).wait).toBe(0); // on node 0, ends at 3 ≤ 4
    // 5 h > 4 h: S waits; at 4 h H takes nodes 0-1 for 1 h, and S starts on them at 5 h (node 2 frees only at 10 h).
    expect(probeWait({ ...base, fillers, probeHours: 5 }).wait).toBeCloseTo(5, 3);
  });

  it("node 0 until 10 h, node 1 until 4 h, node 2 free: windows (0,1) → 10, (1,2) → 4, reservation 4 h", () => {
    const fillers = [{ node: 0, gpus: 2, hours: 10 }, { node: 1, gpus: 2, hours: 4 }];
    expect(probeWait({ ...base, fillers, probeHours: 3 }).wait).toBe(0); // on node 2
    // At 4 h H takes nodes 1-2 for 1 h; S starts on them at 5 h (node 0 frees only at 10 h).
    expect(probeWait({ ...base, fillers, probeHours: 5 }).wait).toBeCloseTo(5, 3);
  });

  it("takes the earliest window, not the last: 4 nodes, free | 6 h | 4 h | 10 h → windows 6, 6, 10, reservation 6 h", () => {
    const four = { ...base, nodesPerRack: 4, fillers: [{ node: 1, gpus: 2, hours: 6 }, { node: 2, gpus: 2, hours: 4 }, { node: 3, gpus: 2, hours: 10 }] };
    expect(probeWait({ ...four, probeHours: 5 }).wait).toBe(0); // on node 0, ends at 5 ≤ 6
    // 8 h > 6 h: S waits. At 4 h nodes 0 and 2 are free but not adjacent; at 6 h H takes nodes 0-1 (first of the
    // free run 0-2) and S the remaining free node 2.
    expect(probeWait({ ...four, probeHours: 8 }).wait).toBeCloseTo(6, 3);
  });

  it("never counts a reclaimed node as ready: node 0 until 10 h, node 1 free, node 2 down → reservation 10 h", () => {
    // Window (1,2) never completes (node 2 is away for ~10⁹ h); (0,1) at 10 h, so a 5 h job backfills on node 1.
    // Were node 2 taken as ready, the reservation would be "now" and S would wait past H (10 → 11 h).
    const r = probeWait({ ...base, fillers: [{ node: 0, gpus: 2, hours: 10 }], downNode: 2, probeHours: 5 });
    expect(r.wait).toBe(0);
    expect(r.report.makespanHours).toBeCloseTo(11, 3); // H runs 10 → 11 on nodes 0-1
  });
});

describe("EASY backfill behind a strict topology-aware head: racks", () => {
  it("a block bigger than a rack may span racks: 2 racks of 1 node, node 0 until 4 h → reservation 4 h", () => {
    const base = { racks: 2, nodesPerRack: 1, gpusPerNode: 2, headGpus: 4, probeGpus: 2, fillers: [{ node: 0, gpus: 2, hours: 4 }] };
    expect(probeWait({ ...base, probeHours: 3 }).wait).toBe(0); // on node 1, ends at 3 ≤ 4
    // 5 h > 4 h: at 4 h H takes both nodes (1 h), S starts at 5 h.
    expect(probeWait({ ...base, probeHours: 5 }).wait).toBeCloseTo(5, 3);
  });

  it("a block that fits a rack stays inside one: nodes 1 and 2 (free now, free at 4 h) straddle racks and do not count", () => {
    // 2 racks of 2 nodes: node 0 until 10 h, node 1 free | node 2 until 4 h, node 3 until 10 h.
    // In-rack windows (0,1) and (2,3) are both ready at 10 h: a 5 h job backfills on node 1 at once.
    // Counting the cross-rack pair (1,2) would give 4 h, and S would wait until 10 h.
    const r = probeWait({
      racks: 2, nodesPerRack: 2, gpusPerNode: 2, headGpus: 4, probeGpus: 2, probeHours: 5,
      fillers: [{ node: 0, gpus: 2, hours: 10 }, { node: 2, gpus: 2, hours: 4 }, { node: 3, gpus: 2, hours: 10 }],
    });
    expect(r.wait).toBe(0);
  });
});
