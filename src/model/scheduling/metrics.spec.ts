import { fragmentation, fragmentationFromNodes, percentileSorted, waitStats } from "./metrics";

const rack = { racks: 1, nodesPerRack: 4, gpusPerNode: 8 };

describe("percentileSorted", () => {
  it("matches the worked example", () => expect(percentileSorted([1, 2, 3, 4], 0.5)).toBe(2.5));
  it("returns the extremes at q = 0 and 1", () => {
    expect(percentileSorted([1, 5, 9], 0)).toBe(1);
    expect(percentileSorted([1, 5, 9], 1)).toBe(9);
  });
  it("rejects an empty sample and q outside [0, 1]", () => {
    expect(() => percentileSorted([], 0.5)).toThrow(/sorted/);
    expect(() => percentileSorted([1], 1.5)).toThrow(/q/);
  });
  it("accepts q at 0 and 1 and refuses just outside, with the exact message", () => {
    expect(percentileSorted([4], 0)).toBe(4);
    expect(percentileSorted([4], 1)).toBe(4);
    expect(() => percentileSorted([], 0.5)).toThrow("percentileSorted: sorted must be non-empty (got 0)");
    expect(() => percentileSorted([4], -0.01)).toThrow("percentileSorted: q must be in [0, 1] (got -0.01)");
    expect(() => percentileSorted([4], 1.01)).toThrow("percentileSorted: q must be in [0, 1] (got 1.01)");
    expect(() => percentileSorted([4], NaN)).toThrow("percentileSorted: q must be in [0, 1] (got NaN)");
  });
});

describe("waitStats", () => {
  it("summarises 1..100", () => {
    const s = waitStats(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(s).toMatchObject({ count: 100, meanHours: 50.5, p50Hours: 50.5, maxHours: 100 });
    expect(s.p95Hours).toBeCloseTo(95.05, 10);
    expect(s.p99Hours).toBeCloseTo(99.01, 10);
  });
  it("is all zeros for no jobs", () => expect(waitStats([]).maxHours).toBe(0));
  it("sorts a copy of unsorted input and leaves the input alone", () => {
    // Sorted [1, 2, 3, 10]: median (1.5 → 2 + 0.5·1) 2.5, max 10, mean 16/4 = 4.
    const hours = [10, 1, 3, 2];
    expect(waitStats(hours)).toMatchObject({ count: 4, meanHours: 4, p50Hours: 2.5, maxHours: 10 });
    expect(hours).toEqual([10, 1, 3, 2]);
  });
});

describe("fragmentation", () => {
  it("matches the worked example", () => {
    const strict = fragmentationFromNodes([2, 8, 3, 8], rack, 8, "topology-aware");
    expect(strict).toMatchObject({ freeGpus: 21, usableGpus: 16, unusableGpus: 5 });
    expect(strict.unusableFraction).toBeCloseTo(5 / 21, 12);
    expect(fragmentationFromNodes([2, 8, 3, 8], rack, 8, "random").unusableGpus).toBe(0);
  });

  it("needs adjacent free nodes for a multi-node block", () => {
    expect(fragmentationFromNodes([8, 0, 8, 0], rack, 16, "topology-aware").usableGpus).toBe(0);
    expect(fragmentationFromNodes([0, 8, 8, 0], rack, 16, "topology-aware").usableGpus).toBe(16);
    expect(fragmentationFromNodes([8, 0, 8, 0], rack, 16, "topology-aware", "loose").usableGpus).toBe(16);
  });

  it("counts partly free nodes with at least k free GPUs when k fits in a node (strict)", () => {
    // k = 2: nodes with 2, 8, 3, 8 free all qualify → all 21 usable; k = 3: the node with 2 does not → 19.
    expect(fragmentationFromNodes([2, 8, 3, 8], rack, 2, "topology-aware")).toMatchObject({ freeGpus: 21, usableGpus: 21, unusableGpus: 0 });
    expect(fragmentationFromNodes([2, 8, 3, 8], rack, 3, "topology-aware", "strict")).toMatchObject({ usableGpus: 19, unusableGpus: 2 });
    // The same k = 3 loose: any 3 of the 21 will do.
    expect(fragmentationFromNodes([2, 8, 3, 8], rack, 3, "topology-aware", "loose").usableGpus).toBe(21);
  });

  it("counts a run of wholly free nodes that ends at the last node of a rack", () => {
    // k = 16 needs 2 adjacent free nodes: nodes 2 and 3 → 16 usable, node 0's 8 are not.
    expect(fragmentationFromNodes([8, 0, 8, 8], rack, 16, "topology-aware")).toMatchObject({ freeGpus: 24, usableGpus: 16 });
  });

  describe("on two racks of 4 nodes × 8 GPUs", () => {
    const two = { racks: 2, nodesPerRack: 4, gpusPerNode: 8 };

    it("does not join runs across a rack boundary while the job fits in one rack", () => {
      // k = 16 (2 nodes): free nodes 3 | 4 are adjacent ids but in different racks → nothing usable.
      expect(fragmentationFromNodes([0, 0, 0, 8, 8, 0, 0, 0], two, 16, "topology-aware").usableGpus).toBe(0);
      // Rack 0 ends with a free pair (nodes 2, 3) and rack 1 starts with a free node: only the pair counts.
      expect(fragmentationFromNodes([0, 0, 8, 8, 8, 0, 0, 0], two, 16, "topology-aware")).toMatchObject({ freeGpus: 24, usableGpus: 16 });
    });

    it("needs a whole free rack for a job of exactly one rack", () => {
      // k = 32 = 4 nodes = one rack: nodes 2–5 are free and adjacent, but straddle the racks.
      expect(fragmentationFromNodes([0, 0, 8, 8, 8, 8, 0, 0], two, 32, "topology-aware").usableGpus).toBe(0);
      expect(fragmentationFromNodes([0, 0, 0, 0, 8, 8, 8, 8], two, 32, "topology-aware").usableGpus).toBe(32);
    });

    it("joins adjacent racks for a job larger than one rack", () => {
      // k = 40 = 5 nodes > 4 per rack: 6 free nodes = 48 GPUs; nodes 0–4 run across the boundary → 40 usable, node 6's 8 not.
      expect(fragmentationFromNodes([8, 8, 8, 8, 8, 0, 8, 0], two, 40, "topology-aware")).toMatchObject({ freeGpus: 48, usableGpus: 40, unusableGpus: 8 });
    });

    it("reads free GPUs of the second rack from the grid", () => {
      // Rack 0 all busy; rack 1 has nodes 4 and 5 wholly free and 3 GPUs of node 6 → free 19, usable (k = 8) 16.
      const busy = Array(32).fill(1);
      const rack1 = [...Array(16).fill(-1), -1, -1, -1, ...Array(13).fill(2)];
      expect(fragmentation([busy, rack1], two, 8, "topology-aware")).toMatchObject({ freeGpus: 19, usableGpus: 16, unusableGpus: 3 });
    });
  });

  it("reads only the nodes of the shape from a longer per-node array", () => {
    // A fifth entry past the 4 nodes of the rack is not part of the cluster.
    expect(fragmentationFromNodes([8, 8, 8, 8, 8], rack, 8, "topology-aware")).toMatchObject({ freeGpus: 32, usableGpus: 32 });
    expect(fragmentationFromNodes([8, 8, 8, 8, 8, 8], rack, 16, "topology-aware")).toMatchObject({ freeGpus: 32, usableGpus: 32 });
  });

  it("reads a snapshot grid (−1 free)", () => {
    const row = [...Array(6).fill(-1), 7, 7, ...Array(8).fill(-1), ...Array(8).fill(3), ...Array(8).fill(-1)];
    const r = fragmentation([row], rack, 8, "topology-aware");
    expect(r).toMatchObject({ freeGpus: 22, usableGpus: 16, unusableGpus: 6 });
  });

  it("never counts more usable than free GPUs (randomised)", () => {
    let seed = 3;
    const rnd = (n: number) => (seed = (seed * 16807) % 2147483647) % n;
    for (let i = 0; i < 200; i++) {
      const nodes = Array.from({ length: 4 }, () => rnd(9));
      const k = 1 + rnd(32);
      for (const policy of ["random", "best-fit", "topology-aware"] as const) {
        const r = fragmentationFromNodes(nodes, rack, k, policy);
        expect(r.usableGpus).toBeLessThanOrEqual(r.freeGpus);
        expect(r.usableGpus === 0 || r.usableGpus >= Math.min(k, 8)).toBe(true);
      }
    }
  });

  it("rejects a grid of the wrong shape, naming it", () => {
    expect(() => fragmentation([[-1]], rack, 8, "random")).toThrow(/grid\[0\]/);
    expect(() => fragmentation([], rack, 8, "random")).toThrow(/grid/);
    expect(() => fragmentationFromNodes([8, 8, 8, 8], rack, 0, "random")).toThrow(/jobGpus/);
  });

  it("rejects a malformed shape, grid or job size with the exact message", () => {
    const max = Number.MAX_SAFE_INTEGER;
    const row = Array(32).fill(-1);
    expect(fragmentationFromNodes([8, 8, 8, 8], rack, 1, "random").usableGpus).toBe(32); // k = 1 is the smallest job
    expect(() => fragmentationFromNodes([8, 8, 8, 8], rack, 0, "random")).toThrow(`fragmentation: jobGpus must be an integer in [1, ${max}] (got 0)`);
    expect(() => fragmentation([row], rack, 0, "random")).toThrow(`fragmentation: jobGpus must be an integer in [1, ${max}] (got 0)`);
    expect(() => fragmentation([row], { ...rack, gpusPerNode: 0 }, 8, "random")).toThrow(`fragmentation: gpusPerNode must be an integer in [1, ${max}] (got 0)`);
    expect(() => fragmentation([row], { ...rack, nodesPerRack: 0 }, 8, "random")).toThrow(`fragmentation: nodesPerRack must be an integer in [1, ${max}] (got 0)`);
    expect(() => fragmentation([], { ...rack, racks: 0 }, 8, "random")).toThrow(`fragmentation: racks must be an integer in [1, ${max}] (got 0)`);
    expect(() => fragmentation([], rack, 8, "random")).toThrow("fragmentation: grid must be an array of 1 racks (got array of length 0)");
    expect(() => fragmentation([[-1]], rack, 8, "random")).toThrow("fragmentation: grid[0] must be an array of 32 slots (got array of length 1)");
  });
});
