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
});

describe("waitStats", () => {
  it("summarises 1..100", () => {
    const s = waitStats(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(s).toMatchObject({ count: 100, meanHours: 50.5, p50Hours: 50.5, maxHours: 100 });
    expect(s.p95Hours).toBeCloseTo(95.05, 10);
    expect(s.p99Hours).toBeCloseTo(99.01, 10);
  });
  it("is all zeros for no jobs", () => expect(waitStats([]).maxHours).toBe(0));
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
});
