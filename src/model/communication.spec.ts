import fc from "fast-check";
import {
  allReduceTime, communicationIntensity, dataParallelCommunicationIntensity, recursiveDoublingAllReduceTime,
  ringAllReduceTime, treeAllReduceTime,
} from "./communication";

const base = { messageBytes: 350e9, gpus: 1024 };

describe("ringAllReduceTime", () => {
  it("matches the golden ring examples ★ (figures.md §3)", () => {
    expect(ringAllReduceTime({ ...base, linkBytesPerSecond: 12.5e9 })).toBeCloseTo(55.95, 2);
    expect(ringAllReduceTime({ ...base, linkBytesPerSecond: 50e9 })).toBeCloseTo(13.99, 2);
    expect(ringAllReduceTime({ ...base, linkBytesPerSecond: 450e9 })).toBeCloseTo(1.554, 3);
  });
  it("approaches the 2·S/B bound from below as n grows, and is 0 for one GPU", () => {
    expect(ringAllReduceTime({ messageBytes: 1e9, gpus: 1, linkBytesPerSecond: 1e9, latencySeconds: 1 })).toBe(0);
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), fc.double({ min: 0, max: 1e12, noNaN: true }), (n, s) => {
      const t = ringAllReduceTime({ messageBytes: s, gpus: n, linkBytesPerSecond: 1e10 });
      expect(t).toBeLessThanOrEqual((2 * s) / 1e10 + 1e-12);
      expect(ringAllReduceTime({ messageBytes: s, gpus: n + 1, linkBytesPerSecond: 1e10 })).toBeGreaterThanOrEqual(t - 1e-12);
    }));
  });
  it("rejects bad input", () => {
    expect(() => ringAllReduceTime({ ...base, linkBytesPerSecond: 0 })).toThrow(/ringAllReduceTime: linkBytesPerSecond must be finite and > 0/);
    expect(() => ringAllReduceTime({ ...base, gpus: 1.5, linkBytesPerSecond: 1 })).toThrow(/gpus/);
    expect(() => ringAllReduceTime({ ...base, linkBytesPerSecond: 1, latencySeconds: -1 })).toThrow(/latencySeconds/);
  });
});

describe("tree and recursive doubling", () => {
  it("match their worked examples", () => {
    const o = { ...base, linkBytesPerSecond: 50e9, latencySeconds: 5e-6 };
    expect(treeAllReduceTime(o)).toBeCloseTo(13.99, 2);
    expect(treeAllReduceTime({ ...o, messageBytes: 1e6 })).toBeCloseTo(1.4e-4, 6);
    expect(ringAllReduceTime({ ...o, messageBytes: 1e6 })).toBeCloseTo(1.03e-2, 4);
    expect(recursiveDoublingAllReduceTime({ ...o, messageBytes: 1e6 })).toBeCloseTo(2.5e-4, 9);
    expect(recursiveDoublingAllReduceTime(o)).toBeCloseTo(70.00005, 9);
  });
  it("share the ring's bandwidth term; the tree never pays more latency than the ring", () =>
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e5 }), fc.double({ min: 0, max: 1e-3, noNaN: true }), (n, a) => {
      const o = { messageBytes: 1e9, gpus: n, linkBytesPerSecond: 1e10, latencySeconds: a };
      expect(treeAllReduceTime(o)).toBeLessThanOrEqual(ringAllReduceTime(o) + 1e-12);
      expect(treeAllReduceTime({ ...o, latencySeconds: 0 })).toBeCloseTo(ringAllReduceTime({ ...o, latencySeconds: 0 }), 12);
    })));
  it("recursive doubling equals log2(n) full exchanges at powers of two", () =>
    expect(recursiveDoublingAllReduceTime({ messageBytes: 8e9, gpus: 64, linkBytesPerSecond: 8e9, latencySeconds: 0.5 })).toBe(9));
  it("dispatches by name and rejects an unknown algorithm", () => {
    expect(allReduceTime("tree", { ...base, linkBytesPerSecond: 50e9 })).toBe(treeAllReduceTime({ ...base, linkBytesPerSecond: 50e9 }));
    expect(allReduceTime("recursive-doubling", { ...base, linkBytesPerSecond: 50e9 })).toBe(70);
    expect(() => allReduceTime("mesh" as never, { ...base, linkBytesPerSecond: 50e9 })).toThrow(/algorithm must be one of "ring", "tree"/);
  });
  it("names itself and every algorithm when refusing an unknown one", () =>
    expect(() => allReduceTime("mesh" as never, { ...base, linkBytesPerSecond: 50e9 }))
      .toThrow('allReduceTime: algorithm must be one of "ring", "tree", "recursive-doubling" (got "mesh")'));
});

describe("communication intensity", () => {
  it("matches the worked example", () => {
    expect(dataParallelCommunicationIntensity({ gradientBytes: 350e9, gpus: 1024, flopsPerStep: 1.05e18 })).toBeCloseTo(6.82e-4, 6);
    expect(communicationIntensity(699.3e9, 1.025e15)).toBeCloseTo(6.82e-4, 6);
  });
  it("is zero for one GPU and grows with n", () =>
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), (n) => {
      const ci = (g: number) => dataParallelCommunicationIntensity({ gradientBytes: 1e9, gpus: g, flopsPerStep: 1e15 });
      expect(ci(1)).toBe(0);
      expect(ci(n + 1)).toBeGreaterThan(ci(n));
    })));
  it("rejects bad input", () => {
    expect(() => communicationIntensity(1, 0)).toThrow(/flops/);
    expect(() => dataParallelCommunicationIntensity({ gradientBytes: -1, gpus: 2, flopsPerStep: 1 })).toThrow(/gradientBytes/);
  });
  it("data-parallel intensity refuses a GPU count below 1 and non-positive FLOPs in its own name", () => {
    expect(() => dataParallelCommunicationIntensity({ gradientBytes: 1, gpus: 0, flopsPerStep: 1 }))
      .toThrow("dataParallelCommunicationIntensity: gpus must be an integer in [1, 9007199254740991] (got 0)");
    expect(() => dataParallelCommunicationIntensity({ gradientBytes: 1, gpus: 2, flopsPerStep: 0 }))
      .toThrow("dataParallelCommunicationIntensity: flopsPerStep must be finite and > 0 (got 0)");
  });
});
