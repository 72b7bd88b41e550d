import fc from "fast-check";
import {
  deviceHoursPerInterruption, expectedFailures, failuresPerDay, fleetAvailability, fleetMtbf, observedMtbf,
  probabilityNoFailure, replicatedAvailability, sloViolationProbability,
} from "./reliability";

describe("fleetAvailability", () => {
  it("matches the golden values ★ (figures.md §1.3)", () => {
    expect(fleetAvailability(0.999, 1000)).toBeCloseTo(0.3677, 4);
    expect(fleetAvailability(0.999, 10_000) / 4.52e-5).toBeCloseTo(1, 2);
  });
  it("agrees with the naive power and stays accurate to N = 1e7", () => {
    expect(fleetAvailability(0.97, 37)).toBeCloseTo(0.97 ** 37, 14);
    // p = 1 − 1e-9, N = 1e7: exact value exp(1e7 · log1p(−1e-9)) ≈ exp(−0.010000000005)
    expect(fleetAvailability(1 - 1e-9, 1e7)).toBeCloseTo(Math.exp(-0.01), 9);
  });
  it("is 1 for no nodes and for perfect nodes, 0 for dead nodes", () => {
    expect(fleetAvailability(0.5, 0)).toBe(1);
    expect(fleetAvailability(1, 1e7)).toBe(1);
    expect(fleetAvailability(0, 3)).toBe(0);
  });
  it("never increases as the fleet grows", () =>
    fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 1e7 }), fc.integer({ min: 0, max: 1000 }),
      (p, n, extra) => fleetAvailability(p, n + extra) <= fleetAvailability(p, n) + 1e-15)));
  it("rejects bad input", () => {
    expect(() => fleetAvailability(1.2, 10)).toThrow(/nodeAvailability must be in \[0, 1\]/);
    expect(() => fleetAvailability(0.9, -1)).toThrow(/nodes/);
    expect(() => fleetAvailability(0.9, Infinity)).toThrow(/nodes/);
  });
});

describe("fleet MTBF and horizons", () => {
  it("matches the Llama 3 worked examples", () => {
    expect(fleetMtbf(50_677, 16_384)).toBeCloseTo(3.093, 3);
    expect(expectedFailures({ nodes: 16_384, nodeMtbfHours: 50_677, horizonHours: 1_296 })).toBeCloseTo(419, 0);
    expect(failuresPerDay(50_677, 16_384)).toBeCloseTo(7.76, 2);
    expect(observedMtbf(1_296, 419)).toBeCloseTo(3.093, 3);
    expect(deviceHoursPerInterruption({ devices: 16_384, windowHours: 1_296, interruptions: 419 })).toBeCloseTo(50_677, 0);
  });
  it("P(no failure) matches the Cloud Titan example and exp(−T/MTBF_fleet)", () => {
    expect(probabilityNoFailure({ nodes: 25_000, nodeMtbfHours: 50_000, horizonHours: 24 })).toBeCloseTo(6.144e-6, 8);
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), fc.double({ min: 1, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e4, noNaN: true }),
      (n, m, t) => Math.abs(probabilityNoFailure({ nodes: n, nodeMtbfHours: m, horizonHours: t }) - Math.exp(-t / fleetMtbf(m, n))) < 1e-12));
  });
  it("failures per day equal expected failures over 24 h", () =>
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e6 }), fc.double({ min: 1, max: 1e6, noNaN: true }),
      (n, m) => Math.abs(failuresPerDay(m, n) - expectedFailures({ nodes: n, nodeMtbfHours: m, horizonHours: 24 })) <= 1e-9 * (1 + failuresPerDay(m, n)))));
  it("rejects bad input", () => {
    expect(() => fleetMtbf(0, 10)).toThrow(/nodeMtbfHours must be finite and > 0 \(got 0\)/);
    expect(() => expectedFailures({ nodes: 10, nodeMtbfHours: 100, horizonHours: -1 })).toThrow(/horizonHours/);
    expect(() => probabilityNoFailure({ nodes: 10, nodeMtbfHours: Number.NaN, horizonHours: 1 })).toThrow(/nodeMtbfHours/);
    expect(() => observedMtbf(1_296, 0)).toThrow(/interruptions/);
    expect(() => failuresPerDay(100, -3)).toThrow(/nodes/);
  });
  it("names the function and the parameter it refuses", () => {
    expect(() => observedMtbf(0, 419)).toThrow(/^observedMtbf: windowHours must be/);
    expect(() => observedMtbf(1_296, 1.5)).toThrow(/^observedMtbf: interruptions must be/);
    expect(() => deviceHoursPerInterruption({ devices: 0, windowHours: 1_296, interruptions: 419 })).toThrow(/^deviceHoursPerInterruption: devices must be/);
    expect(() => deviceHoursPerInterruption({ devices: 16_384, windowHours: -1, interruptions: 419 })).toThrow(/^deviceHoursPerInterruption: windowHours must be/);
    expect(() => deviceHoursPerInterruption({ devices: 16_384, windowHours: 1_296, interruptions: 0 })).toThrow(/^deviceHoursPerInterruption: interruptions must be/);
  });
  it("an empty fleet is always up, even of devices that never are", () => expect(fleetAvailability(0, 0)).toBe(1));
});

describe("replicas and SLO composition", () => {
  it("matches the worked examples (figures.md §6)", () => {
    expect(replicatedAvailability(0.99, 3)).toBeCloseTo(0.999999, 12);
    expect(sloViolationProbability([0.01, 0.01, 0.01, 0.01, 0.01])).toBeCloseTo(0.049, 4);
  });
  it("one replica is the node itself; more replicas never hurt", () =>
    fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 50 }), (a, k) => {
      expect(replicatedAvailability(a, 1)).toBeCloseTo(a, 12);
      expect(replicatedAvailability(a, k + 1)).toBeGreaterThanOrEqual(replicatedAvailability(a, k) - 1e-15);
    })));
  it("SLO violation is the complement of the fleet law for equal services", () =>
    fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 30 }),
      (p, n) => Math.abs(sloViolationProbability(Array(n).fill(p)) - (1 - fleetAvailability(1 - p, n))) < 1e-12)));
  it("rejects bad input", () => {
    expect(() => replicatedAvailability(0.9, 0)).toThrow(/replicas/);
    expect(() => replicatedAvailability(1.5, 2)).toThrow(/^replicatedAvailability: availability must be/);
    expect(replicatedAvailability(1, 3)).toBe(1);
    expect(replicatedAvailability(0, 3)).toBe(0);
    expect(() => replicatedAvailability(0.9, 0)).toThrow(/^replicatedAvailability: replicas must be/);
    expect(() => sloViolationProbability([])).toThrow(/^sloViolationProbability: violationProbabilities must be a non-empty array of probabilities/);
    expect(() => sloViolationProbability([0.1, 2])).toThrow(/^sloViolationProbability: violationProbabilities\[1\] must be/);
  });
});
