import {
  EXTRACTOR_V1,
  EXTRACTOR_V2,
  FeatureExtractor,
  LinearClassifier,
  accuracy,
  checkFeatureContract,
  createFeatureContract,
  ensembleSkewExperiment,
  fnv1a32,
  trainLeastSquares,
  wakeWordFrames,
} from "./ensemble";
import { normalCdf } from "./monitoring";
import { Rng, createRng } from "./sim/rng";

/** An Rng that replays fixed uniforms and normals, so generated frames can be worked by hand. */
function scriptedRng(uniforms: number[], normals: number[]): Rng {
  let u = 0;
  let z = 0;
  return {
    next: () => uniforms[u++],
    normal: () => normals[z++],
    exponential: () => Number.NaN,
    int: () => Number.NaN,
    fork() {
      return this;
    },
  };
}

/** A seeded Rng that counts its label draws (next) and noise draws (normal). */
function countingRng(seed: number): { rng: Rng; counts: { next: number; normal: number } } {
  const base = createRng(seed);
  const counts = { next: 0, normal: 0 };
  const rng: Rng = {
    ...base,
    next: () => {
      counts.next++;
      return base.next();
    },
    normal: () => {
      counts.normal++;
      return base.normal();
    },
  };
  return { rng, counts };
}

/** A pass-through extractor, so a contract's statistics are those of the frames themselves. */
const identity = (names: string[]): FeatureExtractor => ({ version: "id", names, extract: (f) => f });

describe("wakeWordFrames", () => {
  it("draws the label from one uniform (< 0.5 is a wake word) and adds one N(0, 1) per band", () => {
    // frame 0: u = 0.49 → y = 1 → +0.5·(+,−,+,−,+,−), no noise
    // frame 1: u = 0.5  → y = 0 → −0.5·(+,−,+,−,+,−), noise +0.25 on band 0 only: −0.5 + 0.25 = −0.25
    const rng = scriptedRng([0.49, 0.5], [0, 0, 0, 0, 0, 0, 0.25, 0, 0, 0, 0, 0]);
    expect(wakeWordFrames(rng, 2)).toEqual({
      frames: [
        [0.5, -0.5, 0.5, -0.5, 0.5, -0.5],
        [-0.25, 0.5, -0.5, 0.5, -0.5, 0.5],
      ],
      labels: [1, 0],
    });
  });
  it("returns exactly count frames, drawing one uniform and six normals per frame", () => {
    const { rng, counts } = countingRng(3);
    const batch = wakeWordFrames(rng, 3);
    expect(batch.frames).toHaveLength(3);
    expect(batch.labels).toHaveLength(3);
    expect(counts).toEqual({ next: 3, normal: 18 }); // 3 frames × (1 + 6)
  });
  it("accepts a single frame and refuses zero", () => {
    expect(wakeWordFrames(createRng(1), 1).frames).toHaveLength(1);
    expect(() => wakeWordFrames(createRng(1), 0)).toThrow(
      "wakeWordFrames: count must be an integer in [1, 9007199254740991] (got 0)",
    );
  });
});

describe("feature extractors", () => {
  const frame = [1, 2, 3, 4, 5, 7];
  it("v1 passes the first three bands through unchanged", () => expect(EXTRACTOR_V1.extract(frame)).toEqual([1, 2, 3]));
  it("v2 averages band pairs in centi-units, in its own order", () => {
    // pair13 = 10·(2 + 4)/2 = 30; pair02 = 10·(1 + 3)/2 = 20; diff45 = 10·(5 − 7)/2 = −10
    expect(EXTRACTOR_V2.extract(frame)).toEqual([30, 20, -10]);
  });
  it("refuses frames that are not six numbers, naming the extractor version", () => {
    expect(() => EXTRACTOR_V1.extract([1, 2, 3, 4, 5])).toThrow(
      "extractor v1: frame must be an array of 6 numbers (got array of length 5)",
    );
    expect(() => EXTRACTOR_V2.extract([1, 2, 3, 4, 5, 6, 7])).toThrow(
      "extractor v2: frame must be an array of 6 numbers (got array of length 7)",
    );
    expect(() => EXTRACTOR_V2.extract([1, 2, 3])).toThrow(/frame must be an array of 6/);
  });
  it("refuses a six-character string even though its length is 6", () =>
    expect(() => EXTRACTOR_V2.extract("abcdef" as unknown as number[])).toThrow(
      'extractor v2: frame must be an array of 6 numbers (got "abcdef")',
    ));
});

describe("trainLeastSquares", () => {
  it("fits the least-squares line to ±1 targets (one feature, worked by hand)", () => {
    // x = 0..3, t = (−1, −1, +1, +1): x̄ = 1.5, t̄ = 0, Sxx = 5, Sxt = 4 → w = 0.8, b = −1.2
    const clf = trainLeastSquares([[0], [1], [2], [3]], [0, 0, 1, 1], "toy");
    expect(clf.weights).toHaveLength(1);
    expect(clf.weights[0]).toBeCloseTo(0.8, 12);
    expect(clf.bias).toBeCloseTo(-1.2, 12);
    expect(clf.trainedOn).toBe("toy");
  });
  it("interpolates an exactly determined two-feature set and returns one weight per feature", () => {
    // b = −1 at (0, 0); 2·1 + b = +1 at (1, 0); 2·1 + b = +1 at (0, 1) → w = (2, 2), b = −1
    const clf = trainLeastSquares([[0, 0], [1, 0], [0, 1]], [0, 1, 1], "toy");
    expect(clf.weights).toHaveLength(2);
    expect(clf.weights[0]).toBeCloseTo(2, 12);
    expect(clf.weights[1]).toBeCloseTo(2, 12);
    expect(clf.bias).toBeCloseTo(-1, 12);
  });
  it("solves a centred feature, whose column sum (the bias coupling) is zero", () => {
    // XᵀX = [[2, 0], [0, 2]], Xᵀt = [2, 0] → w = 1, b = 0
    const clf = trainLeastSquares([[-1], [1]], [0, 1], "toy");
    expect(clf.weights[0]).toBeCloseTo(1, 12);
    expect(clf.bias).toBeCloseTo(0, 12);
  });
  it("solves features on a tiny scale (Σx² = 1e−13 is not mistaken for a singular design)", () => {
    // two points: w·1e−7 + b = −1, w·3e−7 + b = +1 → w = 2 / 2e−7 = 1e7, b = −2
    const clf = trainLeastSquares([[1e-7], [3e-7]], [0, 1], "toy");
    expect(clf.weights[0] / 1e7).toBeCloseTo(1, 6);
    expect(clf.bias).toBeCloseTo(-2, 6);
  });
  it("regresses on the targets t = 2y − 1 (soft labels 0.25 and 0.75 are targets ∓0.5)", () => {
    // x = (−1, 1), t = (−0.5, 0.5): XᵀX = [[2, 0], [0, 2]], Xᵀt = [1, 0] → w = 0.5, b = 0
    const clf = trainLeastSquares([[-1], [1]], [0.25, 0.75], "toy");
    expect(clf.weights[0]).toBeCloseTo(0.5, 12);
    expect(clf.bias).toBeCloseTo(0, 12);
  });
  it("separates a linearly separable set perfectly, with the boundary midway", () => {
    const feats = [[0], [1], [2], [3], [4], [5]];
    const labels = [0, 0, 0, 1, 1, 1];
    const clf = trainLeastSquares(feats, labels, "toy");
    expect(accuracy(clf, feats, labels)).toBe(1);
    expect(-clf.bias / clf.weights[0]).toBeCloseTo(2.5, 9);
  });
  it("rejects a singular design (a constant feature duplicates the bias)", () =>
    expect(() => trainLeastSquares([[1], [1], [1]], [0, 1, 0], "toy")).toThrow(
      'trainLeastSquares: features must be linearly independent columns (got "a singular design")',
    ));
  it("rejects an empty training set", () =>
    expect(() => trainLeastSquares([], [], "toy")).toThrow(
      "trainLeastSquares: labels must be one label per feature row (0 rows) (got array of length 0)",
    ));
  it("rejects too few or too many labels", () => {
    expect(() => trainLeastSquares([[1], [2]], [0], "toy")).toThrow(
      "trainLeastSquares: labels must be one label per feature row (2 rows) (got array of length 1)",
    );
    expect(() => trainLeastSquares([[1], [2]], [0, 1, 1], "toy")).toThrow(
      "trainLeastSquares: labels must be one label per feature row (2 rows) (got array of length 3)",
    );
  });
});

describe("accuracy", () => {
  // score = 2·f₀ − 1·f₁ − 1
  const clf: LinearClassifier = { weights: [2, -1], bias: -1, trainedOn: "toy" };
  const predictsWake = (f: number[]): boolean => accuracy(clf, [f], [1]) === 1;
  it("predicts a wake word only when w·f + b > 0", () => {
    expect(predictsWake([1, 0])).toBe(true); // 2 − 0 − 1 = 1
    expect(predictsWake([3, 1])).toBe(true); // 6 − 1 − 1 = 4
    expect(predictsWake([1, 1])).toBe(false); // 2 − 1 − 1 = 0: a tie is background
    expect(predictsWake([0, 3])).toBe(false); // 0 − 3 − 1 = −4
  });
  it("counts a background frame predicted as background as right", () =>
    expect(accuracy(clf, [[0, 3]], [0])).toBe(1));
  it("is the share of rows labelled correctly", () => {
    // predictions 1, 0, 0, 1 against labels 1, 0, 1, 1 → 3 of 4 right
    expect(accuracy(clf, [[1, 0], [1, 1], [0, 3], [3, 1]], [1, 0, 1, 1])).toBe(0.75);
  });
  it("rejects an empty batch", () =>
    expect(() => accuracy(clf, [], [])).toThrow("accuracy: features must be non-empty (got array of length 0)"));
  it("rejects rows narrower or wider than the weights", () => {
    expect(() => accuracy(clf, [[1]], [1])).toThrow("accuracy: features must be rows of width 2 (got array of length 1)");
    expect(() => accuracy(clf, [[1, 0], [1, 2, 3]], [1, 1])).toThrow(
      "accuracy: features must be rows of width 2 (got array of length 3)",
    );
  });
});

describe("ensembleSkewExperiment", () => {
  it("matches the worked example (seed 12) and the closed-form Bayes accuracies Φ(a√3), Φ(a√6), a = 0.5", () => {
    const r = ensembleSkewExperiment({ rng: createRng(12) });
    expect(r.v1System).toBeCloseTo(0.81, 2);
    expect(r.swappedWithoutRetrain).toBeCloseTo(0.35, 2);
    expect(r.retrainedOnV2).toBeCloseTo(0.9, 2);
    expect(Math.abs(r.v1System - normalCdf(0.5 * Math.sqrt(3)))).toBeLessThan(0.02);
    expect(Math.abs(r.retrainedOnV2 - normalCdf(0.5 * Math.sqrt(6)))).toBeLessThan(0.02);
  });
  it("for every seed: v2 alone beats v1, but swapping it in without retraining is worse than v1", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const s = ensembleSkewExperiment({ rng: createRng(seed), trainCount: 500, testCount: 1000 });
      expect(s.retrainedOnV2).toBeGreaterThan(s.v1System);
      expect(s.swappedWithoutRetrain).toBeLessThan(s.v1System - 0.2);
    }
  });
  it("draws trainCount + testCount frames from the rng", () => {
    const { rng, counts } = countingRng(7);
    ensembleSkewExperiment({ rng, trainCount: 10, testCount: 12 });
    expect(counts).toEqual({ next: 22, normal: 132 }); // 10 + 12 = 22 frames, 22 × 6 bands = 132 normals
  });
  it("scores each pairing on the testCount held-out frames (accuracies are multiples of 1/testCount)", () => {
    const r = ensembleSkewExperiment({ rng: createRng(2), trainCount: 10, testCount: 10 });
    for (const a of [r.v1System, r.swappedWithoutRetrain, r.retrainedOnV2]) {
      expect(a).toBeGreaterThanOrEqual(0);
      expect(a).toBeLessThanOrEqual(1);
      expect(Math.abs(a * 10 - Math.round(a * 10))).toBeLessThan(1e-9);
    }
  });
  it("refuses fewer than 10 training or test frames", () => {
    expect(() => ensembleSkewExperiment({ rng: createRng(1), trainCount: 9 })).toThrow(
      "ensembleSkewExperiment: trainCount must be an integer in [10, 9007199254740991] (got 9)",
    );
    expect(() => ensembleSkewExperiment({ rng: createRng(1), trainCount: 10, testCount: 9 })).toThrow(
      "ensembleSkewExperiment: testCount must be an integer in [10, 9007199254740991] (got 9)",
    );
  });
});

describe("fnv1a32", () => {
  it("matches the published FNV-1a 32-bit test vectors", () => {
    expect(fnv1a32("")).toBe("811c9dc5");
    expect(fnv1a32("a")).toBe("e40c292c");
    expect(fnv1a32("foobar")).toBe("bf9cf968");
  });
  it("always gives eight hex digits, zero-padded", () => {
    // "a-" hashes to 0x00248c93 (checked against a separate reference implementation)
    expect(fnv1a32("a-")).toBe("00248c93");
    // key302 … key306 hash to 0x0f4d5cef … 0x0b4d56a3, each with a leading zero nibble
    const keys = Array.from({ length: 512 }, (_, k) => `key${k}`);
    expect(keys.filter((key) => !/^[0-9a-f]{8}$/.test(fnv1a32(key)))).toEqual([]);
  });
});

describe("createFeatureContract", () => {
  // column a = (1, 2, 3): mean 2, sd √((1 + 0 + 1)/2) = 1
  // column b = (0, 2, 4): mean 2, sd √((4 + 0 + 4)/2) = 2
  const frames = [[1, 0], [2, 2], [3, 4]];
  it("records version, names and each column's mean and sample sd (n − 1)", () => {
    const c = createFeatureContract(identity(["a", "b"]), frames);
    expect(c.version).toBe("id");
    expect(c.names).toEqual(["a", "b"]);
    expect(c.stats).toEqual([
      { mean: 2, sd: 1 },
      { mean: 2, sd: 2 },
    ]);
    expect(c.fingerprint).toMatch(/^[0-9a-f]{8}$/);
  });
  it("accepts two frames: (1, 3) has mean 2 and sd √2", () => {
    const c = createFeatureContract(identity(["a"]), [[1], [3]]);
    expect(c.stats[0].mean).toBe(2);
    expect(c.stats[0].sd).toBeCloseTo(Math.SQRT2, 12);
  });
  it("refuses a single frame", () =>
    expect(() => createFeatureContract(identity(["a"]), [[1]])).toThrow(
      "createFeatureContract: frames must be at least 2 frames (got array of length 1)",
    ));
  it("fingerprints names and statistics at 3 significant digits", () => {
    const base = createFeatureContract(identity(["a", "b"]), frames).fingerprint;
    // b = (0, 2, 5): mean 2.33 instead of 2 → a different fingerprint
    expect(createFeatureContract(identity(["a", "b"]), [[1, 0], [2, 2], [3, 5]]).fingerprint).not.toBe(base);
    // same statistics under other names → a different fingerprint
    expect(createFeatureContract(identity(["a", "c"]), frames).fingerprint).not.toBe(base);
    // a shift of 1e−4 leaves every statistic unchanged at 3 digits → the same fingerprint
    const nudged = frames.map((f) => f.map((v) => v + 1e-4));
    expect(createFeatureContract(identity(["a", "b"]), nudged).fingerprint).toBe(base);
  });
});

describe("checkFeatureContract", () => {
  // contract: a ~ (mean 2, sd 1), b ~ (mean 2, sd 2); candidates keep a = (1, 2, 3) and vary b
  const contract = createFeatureContract(identity(["a", "b"]), [[1, 0], [2, 2], [3, 4]]);
  const withB = (b: number[]): number[][] => b.map((v, i) => [i + 1, v]);
  const check = (b: number[], opts?: { meanToleranceSd?: number; sdRatioLimit?: number }) =>
    checkFeatureContract(contract, identity(["a", "b"]), withB(b), opts);

  it("passes the same extractor on the same data, with the contract's own fingerprint", () => {
    const r = check([0, 2, 4]);
    expect(r).toEqual({ ok: true, violations: [], observedFingerprint: contract.fingerprint });
  });

  describe("means", () => {
    it("accepts a mean shifted by exactly meanToleranceSd contract σ (0.25 × 2 = 0.5)", () =>
      expect(check([0.5, 2.5, 4.5]).violations).toEqual([]));
    it("flags a mean shifted further, up or down", () => {
      expect(check([0.6, 2.6, 4.6])).toMatchObject({ ok: false, violations: ["b: mean 2.60 vs 2.00"] });
      expect(check([-0.6, 1.4, 3.4]).violations).toEqual(["b: mean 1.40 vs 2.00"]);
    });
    it("accepts that shift under a looser tolerance (0.5 × 2 = 1)", () =>
      expect(check([0.6, 2.6, 4.6], { meanToleranceSd: 0.5 }).ok).toBe(true));
  });

  describe("spreads", () => {
    it("accepts σ exactly sdRatioLimit times the contract's (3 / 2 = 1.5)", () =>
      expect(check([-1, 2, 5]).violations).toEqual([]));
    it("flags σ too wide (4 / 2 = 2 > 1.5) or too narrow (1 / 2 = 0.5 < 1/1.5)", () => {
      expect(check([-2, 2, 6]).violations).toEqual(["b: sd 4.00 vs 2.00"]);
      expect(check([1, 2, 3]).violations).toEqual(["b: sd 1.00 vs 2.00"]);
    });
    it("with sdRatioLimit 2 accepts both edges: ratio 2 and ratio 1/2", () => {
      expect(check([-2, 2, 6], { sdRatioLimit: 2 }).violations).toEqual([]);
      expect(check([1, 2, 3], { sdRatioLimit: 2 }).violations).toEqual([]);
    });
  });

  describe("schema", () => {
    it("flags a missing feature", () => {
      const r = checkFeatureContract(contract, identity(["a"]), [[1], [2], [3]]);
      expect(r).toMatchObject({ ok: false, violations: ["schema: expected [a, b], got [a]"] });
    });
    it("flags a renamed feature", () =>
      expect(checkFeatureContract(contract, identity(["a", "x"]), withB([0, 2, 4])).violations).toEqual([
        "schema: expected [a, b], got [a, x]",
      ]));
    it("flags an extra feature and checks statistics only for the contracted columns", () => {
      const r = checkFeatureContract(contract, identity(["a", "b", "c"]), [[1, 0, 7], [2, 2, 8], [3, 4, 9]]);
      expect(r.violations).toEqual(["schema: expected [a, b], got [a, b, c]"]);
    });
  });

  describe("validation", () => {
    it("refuses a non-positive mean tolerance", () =>
      expect(() => check([0, 2, 4], { meanToleranceSd: 0 })).toThrow(
        "checkFeatureContract: meanToleranceSd must be finite and > 0 (got 0)",
      ));
    it("refuses sdRatioLimit ≤ 1", () =>
      expect(() => check([0, 2, 4], { sdRatioLimit: 1 })).toThrow("checkFeatureContract: sdRatioLimit must be > 1 (got 1)"));
    it("refuses a single frame and accepts two", () => {
      expect(() => checkFeatureContract(contract, identity(["a", "b"]), [[1, 0]])).toThrow(
        "checkFeatureContract: frames must be at least 2 frames (got array of length 1)",
      );
      // a = (1, 2): mean 1.5, sd 0.707; b = (1, 3): mean 2, sd 1.41 → every check passes
      expect(checkFeatureContract(contract, identity(["a", "b"]), [[1, 1], [2, 3]], { meanToleranceSd: 1 }).ok).toBe(true);
    });
  });
});

describe("the wake-word extractors against a v1 contract", () => {
  const rng = createRng(4);
  const contract = createFeatureContract(EXTRACTOR_V1, wakeWordFrames(rng, 1000).frames);
  const fresh = wakeWordFrames(rng, 500).frames;
  it("passes the same extractor on fresh data", () => expect(checkFeatureContract(contract, EXTRACTOR_V1, fresh).ok).toBe(true));
  it("catches v2 before deploy: schema and scale both violate", () => {
    const check = checkFeatureContract(contract, EXTRACTOR_V2, fresh);
    expect(check.ok).toBe(false);
    expect(check.violations[0]).toBe("schema: expected [band0, band1, band2], got [pair13, pair02, diff45]");
    expect(check.violations.some((v) => /sd/.test(v))).toBe(true);
    expect(check.observedFingerprint).not.toBe(contract.fingerprint);
  });
  it("catches a v2 that keeps the v1 names (statistics alone)", () => {
    const disguised: FeatureExtractor = { ...EXTRACTOR_V2, names: [...EXTRACTOR_V1.names] };
    const check = checkFeatureContract(contract, disguised, fresh);
    expect(check.ok).toBe(false);
    expect(check.violations.every((v) => !/^schema/.test(v))).toBe(true);
  });
  it("fingerprints deterministically", () =>
    expect(createFeatureContract(EXTRACTOR_V1, fresh).fingerprint).toBe(createFeatureContract(EXTRACTOR_V1, fresh).fingerprint));
});
