import {
  communicationEfficiency, DEFAULT_NETWORK, defaultNetwork, hopAllReduceSeconds, ringHops, switchHops,
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
});

describe("communicationEfficiency", () => {
  it("matches the worked example", () => {
    expect(communicationEfficiency(16, 1, net)).toBeCloseTo(0.888, 3);
    expect(communicationEfficiency(16, 3, net)).toBeCloseTo(0.666, 3);
  });
  it("is 1 for a single GPU", () => expect(communicationEfficiency(1, 0, net)).toBe(1));
  it("rejects zero compute time", () => expect(() => communicationEfficiency(8, 1, { ...net, stepComputeSeconds: 0 })).toThrow(/stepComputeSeconds/));
});

describe("DEFAULT_NETWORK", () => {
  it("carries provenance for every constant", () => {
    for (const v of Object.values(DEFAULT_NETWORK)) {
      expect(v.provenance.ref.length).toBeGreaterThan(0);
      expect(v.value).toBeGreaterThan(0);
    }
  });
});
