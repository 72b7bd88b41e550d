import {
  EXTRACTOR_V1,
  EXTRACTOR_V2,
  FeatureExtractor,
  accuracy,
  checkFeatureContract,
  createFeatureContract,
  ensembleSkewExperiment,
  fnv1a32,
  trainLeastSquares,
  wakeWordFrames,
} from "./ensemble";
import { normalCdf } from "./monitoring";
import { createRng } from "./sim/rng";

describe("ensembleSkewExperiment", () => {
  const r = ensembleSkewExperiment({ rng: createRng(12) });
  it("matches the worked example (seed 12)", () => {
    expect(r.v1System).toBeCloseTo(0.81, 2);
    expect(r.swappedWithoutRetrain).toBeCloseTo(0.35, 2);
    expect(r.retrainedOnV2).toBeCloseTo(0.9, 2);
  });
  it("agrees with the closed-form Bayes accuracies Φ(a√3) and Φ(a√6), a = 0.5", () => {
    expect(Math.abs(r.v1System - normalCdf(0.5 * Math.sqrt(3)))).toBeLessThan(0.02);
    expect(Math.abs(r.retrainedOnV2 - normalCdf(0.5 * Math.sqrt(6)))).toBeLessThan(0.02);
  });
  it("for every seed: v2 alone beats v1, but swapping it in without retraining is worse than v1", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const s = ensembleSkewExperiment({ rng: createRng(seed), trainCount: 1000, testCount: 2000 });
      expect(s.retrainedOnV2).toBeGreaterThan(s.v1System);
      expect(s.swappedWithoutRetrain).toBeLessThan(s.v1System - 0.2);
    }
  });
  it("rejects a tiny training set", () =>
    expect(() => ensembleSkewExperiment({ rng: createRng(1), trainCount: 3 })).toThrow(/trainCount/));
});

describe("trainLeastSquares and accuracy", () => {
  it("separates a linearly separable set perfectly", () => {
    const feats = [[0], [1], [2], [3], [4], [5]];
    const labels = [0, 0, 0, 1, 1, 1];
    const clf = trainLeastSquares(feats, labels, "toy");
    expect(accuracy(clf, feats, labels)).toBe(1);
    expect(-clf.bias / clf.weights[0]).toBeCloseTo(2.5, 9);
  });
  it("rejects a singular design (a constant feature duplicates the bias)", () =>
    expect(() => trainLeastSquares([[1], [1], [1]], [0, 1, 0], "toy")).toThrow(/linearly independent/));
  it("rejects mismatched labels", () => expect(() => trainLeastSquares([[1], [2]], [0], "toy")).toThrow(/labels/));
  it("rejects rows of the wrong width", () => {
    const clf = trainLeastSquares([[0, 1], [1, 0], [2, 2], [3, 1]], [0, 0, 1, 1], "toy");
    expect(() => accuracy(clf, [[1]], [1])).toThrow(/width 2/);
  });
});

describe("feature contract", () => {
  const rng = createRng(4);
  const contract = createFeatureContract(EXTRACTOR_V1, wakeWordFrames(rng, 1000).frames);
  const fresh = wakeWordFrames(rng, 500).frames;
  it("passes the same extractor on fresh data", () => expect(checkFeatureContract(contract, EXTRACTOR_V1, fresh).ok).toBe(true));
  it("catches v2 before deploy: schema and scale both violate", () => {
    const check = checkFeatureContract(contract, EXTRACTOR_V2, fresh);
    expect(check.ok).toBe(false);
    expect(check.violations[0]).toMatch(/^schema/);
    expect(check.violations.some((v) => /sd/.test(v))).toBe(true);
    expect(check.observedFingerprint).not.toBe(contract.fingerprint);
  });
  it("catches a v2 that keeps the v1 names (statistics alone)", () => {
    const disguised: FeatureExtractor = { ...EXTRACTOR_V2, names: [...EXTRACTOR_V1.names] };
    const check = checkFeatureContract(contract, disguised, fresh);
    expect(check.ok).toBe(false);
    expect(check.violations.every((v) => !/^schema/.test(v))).toBe(true);
  });
  it("fingerprint is deterministic and FNV-1a of the empty string is 811c9dc5", () => {
    expect(fnv1a32("")).toBe("811c9dc5");
    expect(fnv1a32("a")).toBe("e40c292c");
    expect(createFeatureContract(EXTRACTOR_V1, fresh).fingerprint).toBe(createFeatureContract(EXTRACTOR_V1, fresh).fingerprint);
  });
  it("rejects a frame of the wrong width", () => expect(() => EXTRACTOR_V2.extract([1, 2, 3])).toThrow(/frame must be an array of 6/));
  it("rejects sdRatioLimit ≤ 1", () => expect(() => checkFeatureContract(contract, EXTRACTOR_V1, fresh, { sdRatioLimit: 1 })).toThrow(/sdRatioLimit/));
});
