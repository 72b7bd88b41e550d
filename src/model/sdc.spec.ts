import { denseLayers, trafficLightSamples } from "./perception-model";
import {
  activationChecksumOk,
  crc32,
  createActivationChecksums,
  detectorCosts,
  findMisclassifyingFlip,
  findQuietFlip,
  flipBit,
  flipImpact,
  flipPopulation,
  injectFaults,
  weightChecksum,
} from "./sdc";
import { argmax, cloneModel, forwardTrace, meanCrossEntropy, type LightBatch, type PerceptionModel } from "./perception-model";
import { createRng, type Rng } from "./sim/rng";
import { workTally } from "./sim/work-tally";
import { bruteForcePopulation } from "../../test/helpers/flip-brute-force";
import { publishedPerceptionModel } from "../../test/helpers/published-perception-model";

const model = publishedPerceptionModel();
const batch = trafficLightSamples(createRng(100), 60);

describe("flipBit", () => {
  it("matches the worked example: exponent bit 30 of 0.5 → 2^127", () => {
    const w = new Float32Array([0.5]);
    const f = flipBit(w, 0, 30);
    expect(f.oldValue).toBe(0.5);
    expect(f.newValue).toBe(2 ** 127);
    expect(w[0]).toBe(2 ** 127);
    expect(f.relativeChange).toBeCloseTo(2 ** 128, -30);
  });
  it("a mantissa LSB flip changes 0.5 by one ulp (2^-24), relative 2^-23", () => {
    const f = flipBit(new Float32Array([0.5]), 0, 0);
    expect(f.newValue - 0.5).toBe(2 ** -24);
    expect(f.relativeChange).toBe(2 ** -23);
  });
  it("flipping twice restores the value; the sign bit negates", () => {
    const w = new Float32Array([0.1, -3]);
    const before = w[0];
    flipBit(w, 0, 17);
    flipBit(w, 0, 17);
    expect(w[0]).toBe(before);
    expect(flipBit(w, 1, 31).newValue).toBe(3);
    expect(flipBit(new Float32Array([0]), 0, 31).relativeChange).toBe(0);
  });
  it("rejects a bit outside 0–31 and leaves the buffer unchanged", () => {
    const w = new Float32Array([0.5]);
    expect(() => flipBit(w, 0, 32)).toThrow(/flipBit: bit must be an integer in \[0, 31\]/);
    expect(w[0]).toBe(0.5);
  });
  it("rejects an index outside the buffer", () => expect(() => flipBit(new Float32Array(2), 2, 0)).toThrow(/index/));
});

describe("crc32 and weight checksums", () => {
  it("matches the standard check value 0xCBF43926", () => expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926));
  it("detects every single-bit flip in a seeded sample of the model's weights", () => {
    const golden = weightChecksum(model.weights);
    const rng = createRng(5);
    for (let t = 0; t < 200; t++) {
      const w = new Float32Array(model.weights);
      flipBit(w, rng.int(w.length), rng.int(32));
      expect(weightChecksum(w)).not.toBe(golden);
    }
  });
});

describe("what a flip does to the perception model", () => {
  it("a high-exponent flip turns a red light green, confidently", () => {
    const hit = findMisclassifyingFlip(model, batch, 30, 0, 2);
    expect(hit).not.toBeNull();
    expect(hit!.changedPredictions).toBeGreaterThan(0);
    expect(hit!.confidenceOnChanged).toBeGreaterThan(0.99);
  });
  it("a low-mantissa flip changes no prediction, for every weight", () => {
    for (let i = 0; i < model.weights.length; i += 7) expect(flipImpact(model, i, 0, batch).changedPredictions).toBe(0);
  });
  it("a flip can change outputs while the loss stays far below chance level (ln 3)", () => {
    const quiet = findQuietFlip(model, trafficLightSamples(createRng(100), 300), [25, 24, 31], 0.15);
    expect(quiet).not.toBeNull();
    expect(quiet!.changedPredictions).toBeGreaterThan(0);
    expect(quiet!.accuracyAfter).toBeLessThan(1);
    expect(quiet!.lossAfter).toBeLessThan(Math.log(3) / 5);
  });
});

describe("detectors on seeded injected faults", () => {
  const probes = batch.inputs.slice(0, 12);
  it("weight faults: checksum catches all, DMR none, activation checksum every class-changing one", () => {
    const c = injectFaults({ model, probes, kind: "weight", trials: 300, rng: createRng(1) });
    expect(c.checksum.rate).toBe(1);
    expect(c.dmr.rate).toBe(0);
    expect(c.activationChecksum.changedClassRate).toBe(1);
    expect(c.activationChecksum.consequentialRate).toBeGreaterThan(0.85);
  });
  it("compute faults: checksum catches none, DMR every consequential one, activation checksum nearly all", () => {
    const c = injectFaults({ model, probes, kind: "compute", trials: 300, rng: createRng(2) });
    expect(c.checksum.rate).toBe(0);
    expect(c.dmr.consequentialRate).toBe(1);
    expect(c.activationChecksum.consequentialRate).toBeGreaterThan(0.95);
    expect(c.activationChecksum.changedClassRate).toBe(1);
  });
  it("a clean pass never trips the activation checksum", () => {
    const sums = createActivationChecksums(model);
    expect(batch.inputs.every((x) => activationChecksumOk(sums, forwardTrace(model, x)))).toBe(true);
  });
  it("rejects an unknown fault kind", () =>
    expect(() => injectFaults({ model, probes, kind: "cosmic" as never, trials: 1, rng: createRng(1) })).toThrow(/kind/));
});

describe("detectorCosts", () => {
  it("matches the worked example: activation checksum ~13× cheaper than DMR", () => {
    const c = detectorCosts(model);
    expect(c.forwardFlops).toBe(2819);
    expect(c.dmrExtraFlops).toBe(2819);
    expect(c.activationChecksumFlops).toBe(217);
    expect(c.dmrToActivationRatio).toBeCloseTo(12.99, 2);
    expect(c.dmrToActivationRatio).toBeGreaterThanOrEqual(10);
    expect(c.checksumBytes).toBe(5772);
  });
});

describe("detectorCosts from layer shapes alone", () => {
  it("denseLayers([8, 32, 32, 3]) costs the same as the built traffic-light model (13.0x)", () => {
    const built = detectorCosts(model);
    expect(detectorCosts({ layers: denseLayers([8, 32, 32, 3]) })).toEqual(built);
    expect(built.dmrToActivationRatio).toBeCloseTo(2819 / 217, 9);
  });
  it("square layers tend to (2w² + w)/(3w + 2)", () =>
    expect(detectorCosts({ layers: denseLayers([512, 512]) }).dmrToActivationRatio).toBeCloseTo((2 * 512 * 512 + 512) / (3 * 512 + 2), 9));
  it("rejects bad widths, naming them", () => {
    expect(() => denseLayers([8])).toThrow(/denseLayers: widths/);
    expect(() => denseLayers([8, 0])).toThrow(/widths\[1\]/);
  });
});

/**
 * A small seeded network [8, 4, 4, 3] (71 weights): every code path of the sweep, in milliseconds.
 * Weights in (−0.9, 0.9): an exponent flip then stays finite (below 2^127), so are the losses.
 */
function smallModel(seed: number, weight = (rng: Rng) => 1.8 * rng.next() - 0.9): PerceptionModel {
  const layers = denseLayers([8, 4, 4, 3]);
  const last = layers[layers.length - 1];
  const rng = createRng(seed);
  const weights = new Float32Array(last.biasOffset + last.outputs);
  for (let i = 0; i < weights.length; i++) weights[i] = weight(rng);
  return { layers, weights };
}

describe("flipPopulation: every single-bit flip of the weights", () => {
  it.each([1, 2, 3])("agrees, count for count, with cloning and re-running a small network for each of its 2,272 flips (seed %i)", (seed) => {
    const m = smallModel(seed);
    const b = trafficLightSamples(createRng(seed + 10), 6);
    for (const alarm of [0.01, 0.5]) {
      const fast = flipPopulation(m, b, alarm);
      const slow = bruteForcePopulation(m, b, alarm);
      expect(fast).toMatchObject({ flips: 32 * 71, oneToZero: slow.oneToZero, changing: slow.changing, changingOneToZero: slow.changingOneToZero,
        alarmed: slow.alarmed, alarmedOneToZero: slow.alarmedOneToZero, changingAlarmed: slow.changingAlarmed });
      expect(slow.changing).toBeGreaterThan(0);
      expect(slow.alarmed).toBeLessThan(slow.flips);
      expect(Number.isFinite(slow.max)).toBe(true);
      expect(fast.minLossChangeChanging / slow.min).toBeCloseTo(1, 9);
      expect(fast.maxLossChangeChanging / slow.max).toBeCloseTo(1, 9);
    }
  });
  it("counts a flip that makes the loss non-finite as alarmed, as brute force does", () => {
    // Standard-normal weights: some lie in [1, 2), whose exponent flip (bit 30) gives ±Infinity or NaN.
    const m = smallModel(1, (rng) => rng.normal());
    const b = trafficLightSamples(createRng(11), 6);
    const fast = flipPopulation(m, b);
    const slow = bruteForcePopulation(m, b, 0.01);
    expect(fast).toMatchObject({ oneToZero: slow.oneToZero, changing: slow.changing, changingOneToZero: slow.changingOneToZero,
      alarmed: slow.alarmed, alarmedOneToZero: slow.alarmedOneToZero, changingAlarmed: slow.changingAlarmed });
    expect(slow.max).toBeNaN(); // some changing flip's loss is NaN
    expect(fast.maxLossChangeChanging).toBeNaN();
  });
  // [8 → 1 → 3] with every weight 0: the logits are the output biases [0, 0, 1]. Bit 29 of the
  // 1.0 makes it 2^-64, and 1 + (2^-64 − 1) rounds to 0 in float64: an update of the clean value
  // would tie the logits [0, 0, 0] and count a changed prediction that re-running does not see.
  it("re-sums a flipped unit instead of cancelling a tiny flipped bias into a tie: the counts equal brute force", () => {
    const layers = denseLayers([8, 1, 3]);
    const m: PerceptionModel = { layers, weights: new Float32Array(layers[1].biasOffset + 3) };
    m.weights.set([0, 0, 1], layers[1].biasOffset);
    const b = trafficLightSamples(createRng(3), 3);
    expect(forwardTrace(m, b.inputs[0]).logits).toEqual([0, 0, 1]);
    const slow = bruteForcePopulation(m, b, 0.01);
    expect(flipPopulation(m, b)).toMatchObject({ flips: 32 * 15, oneToZero: slow.oneToZero, changing: slow.changing,
      changingOneToZero: slow.changingOneToZero, alarmed: slow.alarmed, changingAlarmed: slow.changingAlarmed });
  });
  it("agrees with brute force on a network that already holds an infinite weight (its NaNs included)", () => {
    const m = smallModel(2);
    m.weights[14] = -Infinity;
    const b = trafficLightSamples(createRng(12), 6);
    const slow = bruteForcePopulation(m, b, 0.01);
    expect(flipPopulation(m, b)).toMatchObject({ oneToZero: slow.oneToZero, changing: slow.changing, changingOneToZero: slow.changingOneToZero,
      alarmed: slow.alarmed, alarmedOneToZero: slow.alarmedOneToZero, changingAlarmed: slow.changingAlarmed });
    expect([slow.changing, slow.alarmed]).toEqual([31, 156]); // neither none nor all of the 2,272
  });
  /** A network of these widths with every parameter 0, to be set by hand. */
  const zeroNetwork = (widths: number[]): PerceptionModel => {
    const layers = denseLayers(widths);
    const last = layers[layers.length - 1];
    return { layers, weights: new Float32Array(last.biasOffset + last.outputs) };
  };
  /** The hand-built networks' batch: one input x = (1, 0.25, 0, …), labelled 1. */
  const lone: LightBatch = { inputs: [features(1, 0.25)], labels: [1] };
  /** Checks flipPopulation's counts on `lone` against brute force's, and returns brute force's. */
  const countsAsBruteForce = (m: PerceptionModel) => {
    const slow = bruteForcePopulation(m, lone, 0.01);
    expect(flipPopulation(m, lone)).toMatchObject({ changing: slow.changing, changingOneToZero: slow.changingOneToZero, alarmed: slow.alarmed });
    return slow;
  };
  // [8 → 2 → 1 → 3] on x: hidden units 1 + 0.25² = 1.0625 and 0.625; the next weights
  // [+∞, 1] make the second layer's unit +∞, and the output weights (−1, 1, −1) give logits
  // [−∞, +∞, −∞]: class 1. Moving that +∞ by W·Δ would give ∞ − ∞ = NaN for a flip that lowers
  // unit 0 (ReLU(NaN) = 0, logits [0, 0, 0], class 0), where re-running keeps +∞ and class 1.
  it("agrees with brute force when the layer after a flip holds an infinite weight", () => {
    const m = zeroNetwork([8, 2, 1, 3]);
    m.weights.set([1, 0.25], m.layers[0].weightOffset);
    m.weights.set([0.5, 0.5], m.layers[0].weightOffset + 8);
    m.weights.set([Infinity, 1], m.layers[1].weightOffset);
    m.weights.set([-1, 1, -1], m.layers[2].weightOffset);
    expect(forwardTrace(m, lone.inputs[0]).logits).toEqual([-Infinity, Infinity, -Infinity]);
    const slow = countsAsBruteForce(m);
    expect(slow.changing).toBeGreaterThan(0);
    expect(slow.changing).toBeLessThan(slow.flips);
  });
  // [8 → 2 → 2 → 3], the same hidden units 1.0625 and 0.625. The next layer's rows [1, −∞] and [1, 1]
  // with biases +∞ make its units NaN and +∞; the outputs read only the second, with weights
  // (−1, 1, −1) and biases (10, 0, 0): logits [−∞, +∞, −∞], class 1. Re-summing the +∞ unit after
  // a flip must read its own bias and row: any other bias, weight or one slot too far would leave
  // it finite or NaN, and the class 0.
  it("re-sums a non-finite unit of the next layer from its own bias and row", () => {
    const m = zeroNetwork([8, 2, 2, 3]);
    m.weights.set([1, 0.25], m.layers[0].weightOffset);
    m.weights.set([0.5, 0.5], m.layers[0].weightOffset + 8);
    m.weights.set([1, -Infinity, 1, 1, Infinity, Infinity], m.layers[1].weightOffset);
    m.weights.set([0, -1, 0, 1, 0, -1, 10, 0, 0], m.layers[2].weightOffset);
    const t = forwardTrace(m, lone.inputs[0]);
    expect(t.preActivations[1]).toEqual([NaN, Infinity]);
    expect(t.logits).toEqual([-Infinity, Infinity, -Infinity]);
    const slow = countsAsBruteForce(m);
    expect(slow.changing).toBeGreaterThan(0);
    expect(slow.changing).toBeLessThan(slow.flips);
  });
  // [8 → 1 → 1 → 2]: hidden units 1.0625 and 1.0625, output rows [1] and [2] with biases [−∞, 0]:
  // logits [−∞, 2.125], class 1. Recomputing the output layer after a flip in layer 0 must read
  // each row's own weights only; the slot after the last row is the −∞ bias, and −∞ · 0 is NaN.
  it("recomputes a later layer from exactly its rows, next to an infinite bias", () => {
    const m = zeroNetwork([8, 1, 1, 2]);
    m.weights.set([1, 0.25], m.layers[0].weightOffset);
    m.weights[m.layers[1].weightOffset] = 1;
    m.weights.set([1, 2, -Infinity, 0], m.layers[2].weightOffset);
    expect(forwardTrace(m, lone.inputs[0]).logits).toEqual([-Infinity, 2.125]);
    expect(countsAsBruteForce(m).changing).toBeLessThan(32 * m.weights.length / 2);
  });
  // [8 → 2 → 3]: hidden units 0.9 + 0.3·0.25 = 0.975 and 0.625 (in float32 weights); output rows
  // [−∞, 0], [1, 1], [0, 0] give logits [−∞, ≈1.6, 0]: class 1 with a finite loss. A flip that
  // lowers unit 0 a little (a mantissa bit of 0.9 or 0.3 going 1 → 0) must re-sum the −∞ logit
  // (moving it by −∞·Δ gives NaN, and an alarm) while the finite one moves by W·Δ: the losses, and
  // which flips alarm, must match re-running the network.
  it("updates the finite units of a layer that also holds a non-finite one", () => {
    const m = zeroNetwork([8, 2, 3]);
    m.weights.set([0.9, 0.3], m.layers[0].weightOffset);
    m.weights.set([0.5, 0.5], m.layers[0].weightOffset + 8);
    m.weights.set([-Infinity, 0, 1, 1], m.layers[1].weightOffset);
    const logits = forwardTrace(m, lone.inputs[0]).logits;
    expect(logits[0]).toBe(-Infinity);
    expect(logits[1]).toBeCloseTo(1.6, 6);
    const slow = countsAsBruteForce(m);
    expect(slow.alarmed).toBeGreaterThan(0);
    expect(slow.alarmed).toBeLessThan(slow.flips);
  });
  it("rejects a non-positive alarm threshold", () => expect(() => flipPopulation(model, batch, 0)).toThrow(/lossAlarm/));
});

/** Eight input features, the first three given, the rest 0. */
function features(a: number, b: number, c = 0): number[] {
  return [a, b, c, 0, 0, 0, 0, 0];
}

/**
 * A one-layer linear network [8 → 2] built by hand: logits = W·x + b. Buffer layout:
 * W row 0 at indices 0–7, row 1 at 8–15, biases at 16 and 17.
 */
function linearModel(row0: number[], row1: number[], bias: number[]): PerceptionModel {
  const pad = (r: number[]) => [...r, ...new Array(8 - r.length).fill(0)];
  return { layers: denseLayers([8, 2]), weights: new Float32Array([...pad(row0), ...pad(row1), ...bias]) };
}

/** An Rng whose int() replays a script (the only draw injectFaults makes). */
function scriptedInts(values: number[]): Rng {
  let i = 0;
  const unused = (): never => { throw new Error("scriptedInts: only int() is scripted"); };
  return {
    int(n: number): number {
      if (i >= values.length) throw new Error("scriptedInts: script exhausted");
      const v = values[i++];
      if (v >= n) throw new Error(`scriptedInts: ${v} is not below ${n}`);
      return v;
    },
    next: unused, exponential: unused, normal: unused, fork: unused,
  };
}

/** log(1 + e^z): the cross-entropy of a two-class sample whose wrong logit leads by z. */
const softplus = (z: number) => Math.log1p(Math.exp(z));
/** Top softmax probability of two logits a gap z apart. */
const topProbability = (z: number) => 1 / (1 + Math.exp(-z));

describe("flipBit: input checks and the relative-change rule", () => {
  it("refuses a buffer that is not a Float32Array, naming it", () =>
    expect(() => flipBit([0.5] as unknown as Float32Array, 0, 0)).toThrow("flipBit: weights must be a Float32Array (got array of length 1)"));
  it("names the index and its range when it is outside the buffer", () =>
    expect(() => flipBit(new Float32Array(2), 2, 0)).toThrow("flipBit: index must be an integer in [0, 1] (got 2)"));
  it("reports an infinite relative change when the flip gives NaN", () => {
    // 1.5 = 0x3FC00000; setting bit 30 gives 0x7FC00000, a quiet NaN.
    const f = flipBit(new Float32Array([1.5]), 0, 30);
    expect(f.newValue).toBeNaN();
    expect(f.relativeChange).toBe(Infinity);
  });
  it("reports an infinite relative change from 0 (0 → smallest subnormal 2^-149)", () => {
    const f = flipBit(new Float32Array([0]), 0, 0);
    expect(f.newValue).toBe(2 ** -149);
    expect(f.relativeChange).toBe(Infinity);
  });
});

describe("activation checksums on a hand-built layer", () => {
  it("column sums are Σ_o W[o][j] over exactly the layer's inputs, bias sums Σ_o b[o]", () => {
    // W = [[1, 0.5, 0…], [2, −1, 0…]], b = [0.25, 0.5]: c = [3, −0.5, 0…], Σb = 0.75.
    const sums = createActivationChecksums(linearModel([1, 0.5], [2, -1], [0.25, 0.5]));
    expect(sums).toEqual({ columnSums: [[3, -0.5, 0, 0, 0, 0, 0, 0]], biasSums: [0.75], tolerance: 1e-9 });
  });
  it("refuses a non-positive tolerance, naming it", () =>
    expect(() => createActivationChecksums(model, 0)).toThrow("createActivationChecksums: tolerance must be finite and > 0 (got 0)"));
  it("accepts a discrepancy exactly at tolerance · scale and flags one just beyond it", () => {
    // c = [2, −1], x = [3, 1], Σb = 0: expected Σy = 6 − 1 = 5; Σ|c_j x_j| = 6 + 1 = 7.
    const sums = { columnSums: [[2, -1]], biasSums: [0], tolerance: 0.25 };
    const trace = (y: number[]) => ({ layerInputs: [[3, 1]], preActivations: [y], logits: y });
    // y = [4, 5]: |9 − 5| = 4; scale = 0 + 7 + 9 = 16; 0.25 · 16 = 4 → at the edge, accepted.
    expect(activationChecksumOk(sums, trace([4, 5]))).toBe(true);
    // y = [4, 5.5]: |9.5 − 5| = 4.5 > 0.25 · 16.5 = 4.125 → flagged.
    expect(activationChecksumOk(sums, trace([4, 5.5]))).toBe(false);
  });
});

describe("injectFaults on a hand-worked network", () => {
  // W = identity on the first two features, b = 0. Probe 0 = (1, 0.25) → logits [1, 0.25], class 0;
  // probe 1 = (0.25, 1) → logits [0.25, 1], class 1.
  const net = linearModel([1], [0, 1], [0, 0]);
  const probes = [features(1, 0.25), features(0.25, 1)];
  const score = (detected: number, rate: number, detectedConsequential: number, consequentialRate: number, detectedChangedClass: number, changedClassRate: number) =>
    ({ detected, rate, detectedConsequential, consequentialRate, detectedChangedClass, changedClassRate });

  it("weight faults: counts each detector's catches by hand, and tallies one step per trial", () => {
    // Trial 1: W[0][2] = 0, bit 30 → 2; both probes have x₂ = 0, so no logit moves (harmless).
    // Trial 2: W[0][0] = 1, bit 23 (exponent LSB) → 0.5; logit 0 moves on both probes, no class changes.
    // Trial 3: W[1][1] = 1, bit 31 → −1; probe 1 becomes [0.25, −1], class 1 → 0.
    const before = workTally();
    const c = injectFaults({ model: net, probes, kind: "weight", trials: 3, rng: scriptedInts([2, 30, 0, 23, 9, 31]) });
    expect(workTally() - before).toBe(3);
    expect(c).toEqual({
      kind: "weight", injected: 3, consequential: 2, changedClass: 1,
      checksum: score(3, 1, 2, 1, 1, 1), // every stored flip changes the CRC, the harmless one too
      dmr: score(0, 0, 0, 0, 0, 0), // both runs read the same flipped weight
      // Trial 2: Σy = 0.5 + 0.25 vs c·x = 1.25; trial 3: Σy = 0.25 − 1 vs 1.25; trial 1 sums agree.
      activationChecksum: score(2, 2 / 3, 2, 1, 1, 1),
    });
  });
  it("compute faults: a flip on the second probe only, and a one-ulp flip", () => {
    // Trial 1: probe 1, unit 1, bit 31: logits [0.25, −1], class 1 → 0.
    // Trial 2: probe 0, unit 1, bit 0: 0.25 → 0.25 + 2^-25, class unchanged; |Δ| = 3e-8 > 1e-9 · 2.5.
    const c = injectFaults({ model: net, probes, kind: "compute", trials: 2, rng: scriptedInts([1, 0, 1, 31, 0, 0, 1, 0]) });
    expect(c).toEqual({
      kind: "compute", injected: 2, consequential: 2, changedClass: 1,
      checksum: score(0, 0, 0, 0, 0, 0), // the stored weights never change
      dmr: score(2, 1, 2, 1, 1, 1),
      activationChecksum: score(2, 1, 2, 1, 1, 1),
    });
  });
  it("a category with nothing in it scores a rate of 1 (vacuously complete)", () => {
    // Only the harmless trial: no consequential and no class-changing fault to find.
    const c = injectFaults({ model: net, probes, kind: "weight", trials: 1, rng: scriptedInts([2, 30]) });
    expect(c.consequential).toBe(0);
    expect(c.checksum).toEqual(score(1, 1, 0, 1, 0, 1));
    expect(c.dmr).toEqual(score(0, 0, 0, 1, 0, 1));
    expect(c.activationChecksum).toEqual(score(0, 0, 0, 1, 0, 1));
  });
  it("names each invalid argument", () => {
    const rng = scriptedInts([]);
    expect(() => injectFaults({ model: net, probes, kind: "weight", trials: 0, rng })).toThrow("injectFaults: trials must be an integer in [1, 9007199254740991] (got 0)");
    expect(() => injectFaults({ model: net, probes, kind: "cosmic" as never, trials: 1, rng })).toThrow('injectFaults: kind must be "weight" or "compute" (got "cosmic")');
    expect(() => injectFaults({ model: net, probes: [], kind: "weight", trials: 1, rng })).toThrow("injectFaults: probes must be a non-empty array of inputs (got array of length 0)");
    expect(() => injectFaults({ model: net, probes: undefined as never, kind: "weight", trials: 1, rng })).toThrow("injectFaults: probes must be a non-empty array of inputs (got undefined)");
  });
});

describe("flipImpact on a hand-worked network", () => {
  // W = identity on the first two features, b = 0. Logits are (x₀, x₁).
  const net = linearModel([1], [0, 1], [0, 0]);
  // Logits [1, .25] label 0 ✓; [.25, 1] label 1 ✓; [1, .5] label 1 ✗; [.5, 1] label 1 ✓ → accuracy 3/4.
  const b: LightBatch = { inputs: [features(1, 0.25), features(0.25, 1), features(1, 0.5), features(0.5, 1)], labels: [0, 1, 1, 1] };

  it("counts accuracy before and after, changed predictions and their mean confidence", () => {
    // W[1][1] = 1 → −1 (index 9, sign bit): logits [1, −.25] ✓, [.25, −1] ✗ (changed), [1, −.5] ✗, [.5, −1] ✗ (changed).
    const r = flipImpact(net, 9, 31, b);
    expect(r.flip).toMatchObject({ index: 9, bit: 31, oldValue: 1, newValue: -1 });
    expect(r.changedPredictions).toBe(2);
    expect(r.accuracyBefore).toBe(0.75);
    expect(r.accuracyAfter).toBe(0.25);
    // The two changed inputs now lead by 1.25 and 1.5.
    expect(r.confidenceOnChanged).toBeCloseTo((topProbability(1.25) + topProbability(1.5)) / 2, 12);
    expect(r.lossBefore).toBeCloseTo((softplus(-0.75) + softplus(-0.75) + softplus(0.5) + softplus(-0.5)) / 4, 12);
    expect(r.lossAfter).toBeCloseTo((softplus(-1.25) + softplus(1.25) + softplus(1.5) + softplus(1.5)) / 4, 12);
    expect(net.weights[9]).toBe(1); // the flip happened in a copy
  });
  it("a flip that changes no prediction reports confidence 0 and unchanged accuracy", () => {
    // W[0][2] = 0 → 2, but every input has x₂ = 0.
    const r = flipImpact(net, 2, 30, b);
    expect(r).toMatchObject({ changedPredictions: 0, confidenceOnChanged: 0, accuracyBefore: 0.75, accuracyAfter: 0.75 });
  });
});

describe("findMisclassifyingFlip on a hand-worked network", () => {
  // W row 0 = (1, 0, 0…), row 1 = (0, 1, 1, 0…), b = 0.
  // A = (1, .25) → [1, .25], label 0; B = (.25, 1) → [.25, 1], label 1; D = (0, 0, 1) → [0, 1], label 1.
  const net = linearModel([1], [0, 1, 1], [0, 0]);
  const b: LightBatch = { inputs: [features(1, 0.25), features(0.25, 1), features(0, 0, 1)], labels: [0, 1, 1] };

  it("returns the first weight whose flip sends some input of the source class to the target", () => {
    // Sign flips in order: index 0 (W[0][0] → −1) leaves B and D in class 1; indices 1–8 are zeros (→ −0);
    // index 9 (W[1][1] → −1) turns B into [.25, −1], class 0. D needs index 10, A is not of class 1.
    const hit = findMisclassifyingFlip(net, b, 31, 1, 0);
    expect(hit).not.toBeNull();
    expect(hit!.flip.index).toBe(9);
    expect(hit!.changedPredictions).toBe(1);
    expect(hit!.accuracyAfter).toBeCloseTo(2 / 3, 12);
  });
  it("returns null after trying every weight, the last bias included, when no flip of that bit suffices", () =>
    // A mantissa-LSB flip moves a logit by at most 2^-23 relative: A's lead of 0.75 survives every one.
    expect(findMisclassifyingFlip(net, b, 0, 0, 1)).toBeNull());
  it("names the bit when it is outside 0–31", () =>
    expect(() => findMisclassifyingFlip(net, b, 32, 0, 1)).toThrow("findMisclassifyingFlip: bit must be an integer in [0, 31] (got 32)"));
});

describe("findQuietFlip on a hand-worked network", () => {
  // W = identity on the first two features, b = 0. A = (2, .25) label 0; B = (.25, 1) label 1.
  // Sign flip of index 0 (W[0][0] → −1): A → [−2, .25], class changes; loss (softplus(2.25) + softplus(−1.25))/2 ≈ 1.303.
  // Sign flip of index 9 (W[1][1] → −1): B → [.25, −1], class changes; loss (softplus(−2.25) + softplus(1.25))/2 ≈ 0.810.
  // Every other parameter is 0, and −0 changes nothing.
  const net = linearModel([1], [0, 1], [0, 0]);
  const b: LightBatch = { inputs: [features(2, 0.25), features(0.25, 1)], labels: [0, 1] };
  const flipped9 = () => { const m = cloneModel(net); m.weights[9] = -1; return m; };

  it("skips a prediction-changing flip above the ceiling and accepts one exactly at it", () => {
    const ceiling = meanCrossEntropy(flipped9(), b);
    expect(ceiling).toBeCloseTo((softplus(-2.25) + softplus(1.25)) / 2, 12);
    const quiet = findQuietFlip(net, b, [31], ceiling);
    expect(quiet).not.toBeNull();
    expect(quiet!.flip.index).toBe(9);
    expect(quiet!.lossAfter).toBe(ceiling);
    expect(quiet!.changedPredictions).toBe(1);
  });
  it("returns null after trying every weight when every changing flip's loss is above the ceiling", () =>
    expect(findQuietFlip(net, b, [31], meanCrossEntropy(flipped9(), b) / 2)).toBeNull());
  it("names an invalid ceiling or bit", () => {
    expect(() => findQuietFlip(net, b, [31], 0)).toThrow("findQuietFlip: lossCeiling must be finite and > 0 (got 0)");
    expect(() => findQuietFlip(net, b, [32], 1)).toThrow("findQuietFlip: bit must be an integer in [0, 31] (got 32)");
  });
});

describe("flipPopulation on hand-worked networks", () => {
  it("counts every flip of a network whose losses are exact, the alarm edge included", () => {
    // W = 0, b = [1024, 0], two copies of the zero input labelled 1: logits [1024, 0], and since
    // e^-1024 underflows to 0 each loss is exactly the leading logit minus the label's: 1024.
    // Weight flips change nothing (x = 0); flips of b₁ = 0 move the loss by at most 2/1024.
    // b₀ = 1024 = 0x44800000 (bits 30, 26, 23 set): mantissa bit 22 → 1536 (change +0.5, exactly);
    // bit 23 → 512 (−0.5); bits 24–29 → 4096, 16384, 4, 2^26, 2^42, 2^74; bit 30 → 2^-118 (loss ≈ ln 2);
    // bit 31 → −1024 (loss 0, change 1, the only class change). Mantissa bits 0–21 change it by ≤ 0.25.
    const net = linearModel([], [], [1024, 0]);
    const b: LightBatch = { inputs: [features(0, 0), features(0, 0)], labels: [1, 1] };
    const before = workTally();
    const p = flipPopulation(net, b, 0.5);
    expect(workTally() - before).toBe(18 * 32 * 2); // flips × inputs
    expect(p).toEqual({
      flips: 18 * 32, oneToZero: 3, changing: 1, changingOneToZero: 0,
      alarmed: 10, // b₀ bits 22–31; bits 22 and 23 sit exactly at the 0.5 threshold
      alarmedOneToZero: 3, changingAlarmed: 1, minLossChangeChanging: 1, maxLossChangeChanging: 1, lossBefore: 1024,
    });
  });
  it("a tie in the clean logits resolves to the lower class, as argmax does", () => {
    // W = 0, b = [1, 1], zero input: logits [1, 1], class 0. Weight flips change nothing.
    // b₀ = 1: exponent bits 23–29 cleared (7) and the sign (1) make it < 1 → class 1: 8 changes.
    // b₁ = 1: the 23 mantissa bits and bit 30 (→ ∞) make it > 1 → class 1: 24 changes.
    const p = flipPopulation(linearModel([], [], [1, 1]), { inputs: [features(0, 0)], labels: [0] });
    expect(p.changing).toBe(8 + 24);
  });
  it("a flip that makes every logit NaN reads as the last class, as argmax does", () => {
    // [8 → 1 → 3]: h = relu(x₀) (weight 1, bias 0); logits = b + W₂·h with W₂ = 0, b = [−.5, −.5, 1];
    // input x₀ = 1: class 2. Changes: W₂[0] or W₂[1] → 2 (bit 30) lifts that logit to 1.5; b₂ → −1 (sign): 3.
    // (b₀, b₁ = −0.5 reach at most 0.5 in one flip; zeros elsewhere reach at most 2 and meet h or x = 0 or W₂ = 0.)
    // The first weight's bit 30 makes h = ∞ and every logit 0·∞ = NaN, which argmax reads as class 2: no change.
    const layers = denseLayers([8, 1, 3]);
    const weights = new Float32Array(layers[1].biasOffset + 3);
    weights[0] = 1;
    weights.set([-0.5, -0.5, 1], layers[1].biasOffset);
    const p = flipPopulation({ layers, weights }, { inputs: [features(1, 0)], labels: [2] });
    expect(p.changing).toBe(3);
  });
  it("names a non-positive alarm threshold", () =>
    expect(() => flipPopulation(model, batch, 0)).toThrow("flipPopulation: lossAlarm must be finite and > 0 (got 0)"));
});
