import {
  allReduceSecondsUnchecked, communicationEfficiency, DEFAULT_NETWORK, defaultNetwork, hopAllReduceSeconds, ringHops, switchHops,
} from "./topology";

const shape = { racks: 2, nodesPerRack: 4, gpusPerNode: 8 };
const net = defaultNetwork();

describe("switchHops", () => {
  it("matches the worked example", () => {
    expect(switchHops(shape, 0, 7)).toBe(0);
    expect(switchHops(shape, 0, 8)).toBe(1);
    expect(switchHops(shape, 0, 32)).toBe(3);
  });
  it("is symmetric", () => {
    for (const [a, b] of [[3, 40], [9, 30], [0, 63]]) expect(switchHops(shape, a, b)).toBe(switchHops(shape, b, a));
  });
});

describe("ringHops", () => {
  it("matches the worked example", () => expect(ringHops(shape, [40, 8, 1, 0])).toEqual({ totalHops: 7, maxHops: 3, crossRackLinks: 2 }));
  it("is zero for one GPU or one node", () => {
    expect(ringHops(shape, [5])).toEqual({ totalHops: 0, maxHops: 0, crossRackLinks: 0 });
    expect(ringHops(shape, Int32Array.from([15, 8, 9, 10]))).toEqual({ totalHops: 0, maxHops: 0, crossRackLinks: 0 });
  });

  // GPUs 0, 8 (rack 0, nodes 0 and 1) and 32, 40 (rack 1, nodes 4 and 5).
  // In id order 0→8 (1), 8→32 (3), 32→40 (1), 40→0 (3): 8 hops, 2 spine links.
  // In the given order 0→32→8→40→0 every link crosses the spine: 12 hops, 4 spine links.
  const sortedRing = { totalHops: 8, maxHops: 3, crossRackLinks: 2 };

  it("lays the ring in ascending id order whatever order the ids come in (plain array)", () => {
    const gpus = [0, 32, 8, 40];
    expect(ringHops(shape, gpus)).toEqual(sortedRing);
    expect(gpus).toStrictEqual([0, 8, 32, 40]); // sorted in place, length unchanged
  });

  it("lays the ring in ascending id order whatever order the ids come in (Int32Array)", () => {
    const gpus = Int32Array.from([0, 32, 8, 40]);
    expect(ringHops(shape, gpus)).toEqual(sortedRing);
    expect(Array.from(gpus)).toEqual([0, 8, 32, 40]);
  });

  it("sorts the ids as numbers, not as text", () => {
    // As text "100" < "16" < "9"; as numbers 9 < 16 < 100.
    const gpus = [100, 16, 9];
    ringHops({ racks: 2, nodesPerRack: 8, gpusPerNode: 8 }, gpus);
    expect(gpus).toStrictEqual([9, 16, 100]);
  });

  it("uses and sorts only the first count ids, leaving the rest of the buffer alone (plain array)", () => {
    // First 3: {32, 0, 8} → ring 0→8 (1), 8→32 (3), 32→0 (3) = 7 hops, 2 spine links.
    // Sorting the whole buffer would pick {0, 1, 8} instead: 0→1 (0), 1→8 (1), 8→0 (1) = 2 hops.
    const gpus = [32, 0, 8, 40, 1];
    expect(ringHops(shape, gpus, 3)).toEqual({ totalHops: 7, maxHops: 3, crossRackLinks: 2 });
    expect(gpus).toStrictEqual([0, 8, 32, 40, 1]);
  });

  it("uses and sorts only the first count ids, leaving the rest of the buffer alone (Int32Array)", () => {
    const gpus = Int32Array.from([32, 0, 8, 40, 1]);
    expect(ringHops(shape, gpus, 3)).toEqual({ totalHops: 7, maxHops: 3, crossRackLinks: 2 });
    expect(Array.from(gpus)).toEqual([0, 8, 32, 40, 1]);
  });
});

describe("hopAllReduceSeconds", () => {
  it("matches the worked example (S = 1 GB, n = 16)", () => {
    expect(hopAllReduceSeconds(16, 1, net)).toBeCloseTo(2 * 15 * 5.6e-6 + (30 / 16) * (1e9 / 50e9), 12);
    expect(hopAllReduceSeconds(16, 1, net) * 1e3).toBeCloseTo(37.67, 2);
    expect(hopAllReduceSeconds(16, 3, net) * 1e3).toBeCloseTo(150.20, 2);
  });
  it("is zero for one GPU and grows with hops", () => {
    expect(hopAllReduceSeconds(1, 3, net)).toBe(0);
    expect(hopAllReduceSeconds(8, 0, net)).toBeLessThan(hopAllReduceSeconds(8, 1, net));
    expect(hopAllReduceSeconds(8, 1, net)).toBeLessThan(hopAllReduceSeconds(8, 3, net));
  });
  it("approaches the bandwidth bound 2S/B for large n", () =>
    expect(hopAllReduceSeconds(4096, 3, { ...net, baseLatencySeconds: 0, perHopLatencySeconds: 0 })).toBeCloseTo(2 * 1e9 / 12.5e9, 3));
  it("rejects a fractional GPU count", () => expect(() => hopAllReduceSeconds(2.5, 1, net)).toThrow(/gpus/));

  it("accepts one GPU and zero hops, refuses zero GPUs and negative hops with the exact message", () => {
    expect(hopAllReduceSeconds(1, 0, net)).toBe(0);
    // Two GPUs on one node: 2·(5 µs + 0) + 1 · 1e9 / NVLink.
    expect(hopAllReduceSeconds(2, 0, net)).toBeCloseTo(2 * 5e-6 + 1e9 / net.nodeBytesPerSecond, 12);
    expect(() => hopAllReduceSeconds(0, 0, net)).toThrow(`hopAllReduceSeconds: gpus must be an integer in [1, ${Number.MAX_SAFE_INTEGER}] (got 0)`);
    expect(() => hopAllReduceSeconds(2, -1, net)).toThrow("hopAllReduceSeconds: maxHops must be finite and >= 0 (got -1)");
  });

  it("costs nothing for fewer than two GPUs, even on a fabric without bandwidth", () => {
    const dead = { ...net, nodeBytesPerSecond: 0, rackBytesPerSecond: 0, spineBytesPerSecond: 0 };
    expect(allReduceSecondsUnchecked(1, 0, dead)).toBe(0);
    expect(allReduceSecondsUnchecked(1, 3, dead)).toBe(0);
    expect(allReduceSecondsUnchecked(0, 3, net)).toBe(0);
  });
});

describe("communicationEfficiency", () => {
  it("matches the worked example", () => {
    expect(communicationEfficiency(16, 1, net)).toBeCloseTo(0.888, 3);
    expect(communicationEfficiency(16, 3, net)).toBeCloseTo(0.666, 3);
  });
  it("is 1 for a single GPU", () => expect(communicationEfficiency(1, 0, net)).toBe(1));
  it("rejects zero compute time", () =>
    expect(() => communicationEfficiency(8, 1, { ...net, stepComputeSeconds: 0 }))
      .toThrow("communicationEfficiency: stepComputeSeconds must be finite and > 0 (got 0)"));
});

describe("DEFAULT_NETWORK", () => {
  it("carries provenance for every constant", () => {
    for (const v of Object.values(DEFAULT_NETWORK)) {
      expect(v.provenance.ref.length).toBeGreaterThan(0);
      expect(v.value).toBeGreaterThan(0);
    }
  });
});
