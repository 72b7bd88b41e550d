import {
  argmax,
  INPUT_WIDTH,
  bitsToFloat32,
  classify,
  cloneModel,
  createPerceptionModel,
  denseLayers,
  float32ToBits,
  forwardFlops,
  forwardTrace,
  gradientDescent,
  heInitialise,
  meanCrossEntropy,
  softmax,
  trafficLightSamples,
  type PerceptionModel,
} from "./perception-model";
import { createRng } from "./sim/rng";
import { PUBLISHED_SEED, publishedPerceptionModel } from "../../test/helpers/published-perception-model";

describe("perception model", () => {
  const model = publishedPerceptionModel();
  it("createPerceptionModel(7) still trains exactly the published weights", () => {
    const trained = createPerceptionModel(PUBLISHED_SEED);
    expect(trained.layers).toEqual(model.layers);
    expect(trained.weights).toEqual(model.weights);
  });
  const test = trafficLightSamples(createRng(100), 300);
  it("has the documented shape: 1,443 float32 parameters, 2,819 forward FLOPs", () => {
    expect(model.weights).toBeInstanceOf(Float32Array);
    expect(model.weights.length).toBe(1443);
    expect(model.weights.byteLength).toBe(5772);
    expect(forwardFlops(model)).toBe(2 * (8 * 32 + 32 * 32 + 32 * 3) + 32 + 32 + 3);
  });
  it("classifies fresh seeded traffic lights perfectly, with low loss", () => {
    expect(test.inputs.every((x, i) => classify(model, x) === test.labels[i])).toBe(true);
    expect(meanCrossEntropy(model, test)).toBeLessThan(0.05);
  });
  it("a clone has its own buffer", () => {
    const c = cloneModel(model);
    c.weights[0] = 42;
    expect(model.weights[0]).not.toBe(42);
  });
  it("a transient compute fault changes only that pass", () => {
    const x = test.inputs[0];
    const faulty = forwardTrace(model, x, { layer: 2, unit: 0, bit: 30 });
    expect(faulty.logits).not.toEqual(forwardTrace(model, x).logits);
    expect(forwardTrace(model, x).logits).toEqual(forwardTrace(model, x).logits);
  });
  it("float32 bit helpers round-trip: 0.5 = 0x3F000000", () => {
    expect(float32ToBits(0.5)).toBe(0x3f000000);
    expect(bitsToFloat32(0x3f000000)).toBe(0.5);
  });
  it("softmax sums to 1 even for huge logits", () => {
    const p = softmax([1e38, 0, -1e38]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
  it("rejects an input of the wrong width", () =>
    expect(() => classify(model, new Array(INPUT_WIDTH - 1).fill(0))).toThrow(/input must be an array of 8/));
  it("rejects a fault on a missing layer", () =>
    expect(() => forwardTrace(model, test.inputs[0], { layer: 3, unit: 0, bit: 1 })).toThrow(/layer/));
});

describe("training", () => {
  // [8 → 4 → 4 → 3]: two ReLU layers, so backpropagation passes through a ReLU twice.
  const layers = denseLayers([8, 4, 4, 3]);
  /** Mean cross-entropy of float64 parameters, read through the model's own forward pass. */
  const loss = (p: Float64Array, batch: ReturnType<typeof trafficLightSamples>) =>
    meanCrossEntropy({ layers, weights: p as unknown as Float32Array } as PerceptionModel, batch);

  it("one epoch of gradient descent moves each parameter by −η times its central-difference derivative of the mean loss", () => {
    const rng = createRng(5);
    const p0 = heInitialise(layers, rng);
    for (const l of layers) for (let o = 0; o < l.outputs; o++) p0[l.biasOffset + o] = 0.2 * rng.normal(); // non-zero biases
    const batch = trafficLightSamples(createRng(6), 9);
    const p1 = Float64Array.from(p0);
    gradientDescent(layers, p1, batch, 1, 0.5);
    const h = 1e-6;
    let checked = 0;
    for (let i = 0; i < p0.length; i++) {
      const up = Float64Array.from(p0), down = Float64Array.from(p0);
      up[i] += h; down[i] -= h;
      const derivative = (loss(up, batch) - loss(down, batch)) / (2 * h);
      expect((p0[i] - p1[i]) / 0.5).toBeCloseTo(derivative, 6);
      if (Math.abs(derivative) > 1e-3) checked++;
    }
    expect(checked).toBeGreaterThan(p0.length / 2); // most parameters move, so the check has teeth
  });

  it("lowers the batch loss epoch after epoch at a small learning rate, and leaves the parameters alone for 0 epochs", () => {
    const p = heInitialise(layers, createRng(8));
    const batch = trafficLightSamples(createRng(9), 30);
    const same = Float64Array.from(p);
    gradientDescent(layers, same, batch, 0, 0.1);
    expect(same).toEqual(p);
    const losses = [loss(p, batch)];
    for (let e = 0; e < 5; e++) { gradientDescent(layers, p, batch, 1, 0.1); losses.push(loss(p, batch)); }
    for (let e = 1; e < losses.length; e++) expect(losses[e]).toBeLessThan(losses[e - 1]);
  });

  it("He-initialises weights with standard deviation √(2/inputs) per layer and zero biases", () => {
    const wide = denseLayers([200, 50, 8]);
    const p = heInitialise(wide, createRng(10));
    expect(p.length).toBe(200 * 50 + 50 + 50 * 8 + 8);
    wide.forEach((l) => {
      const w = Array.from(p.subarray(l.weightOffset, l.weightOffset + l.inputs * l.outputs));
      const mean = w.reduce((a, b) => a + b, 0) / w.length;
      const sd = Math.sqrt(w.reduce((a, b) => a + (b - mean) ** 2, 0) / w.length);
      // Sample sd of n normals has relative standard error 1/√(2n): 0.7 % for 10,000, 2.5 % for 400.
      expect(sd / Math.sqrt(2 / l.inputs)).toBeCloseTo(1, 1);
      expect(Math.abs(mean)).toBeLessThan(4 * sd / Math.sqrt(w.length));
      expect(Array.from(p.subarray(l.biasOffset, l.biasOffset + l.outputs)).every((b) => b === 0)).toBe(true);
    });
  });

});

/** [8 → 2 → 3] by hand: hidden = ReLU(W0·x + b0), logits = W1·hidden + b1. */
function handModel(): PerceptionModel {
  const layers = denseLayers([8, 2, 3]);
  const weights = new Float32Array(layers[1].biasOffset + 3);
  weights.set([1, 2, 0, 0, 0, 0, 0, 0, /* unit 1 */ -1, 0, 0, 0, 0, 0, 0, 1], 0);
  weights.set([0.5, -0.5], layers[0].biasOffset);
  weights.set([1, 0, /* */ 0, 1, /* */ 1, 1], layers[1].weightOffset);
  weights.set([0, 0, -4], layers[1].biasOffset);
  return { layers, weights };
}
const x8 = (...v: number[]) => [...v, ...new Array(8 - v.length).fill(0)];

describe("the forward pass on a hand-built network", () => {
  const m = handModel();
  it("lays out the buffer layer by layer: weights row-major, then biases", () => {
    expect(m.layers.map((l) => [l.inputs, l.outputs, l.weightOffset, l.biasOffset, l.relu])).toEqual([[8, 2, 0, 16, true], [2, 3, 18, 24, false]]);
    expect(forwardFlops(m)).toBe(2 * 16 + 2 + 2 * 6 + 3);
  });
  it("computes pre-activations, ReLU and logits: x = (1, 1, 0 …, 0, 2)", () => {
    // Unit 0: 1 + 2 + 0.5 = 3.5; unit 1: −1 + 2 − 0.5 = 0.5. Logits: 3.5, 0.5, 3.5 + 0.5 − 4 = 0.
    const t = forwardTrace(m, [1, 1, 0, 0, 0, 0, 0, 2]);
    expect(t.preActivations).toEqual([[3.5, 0.5], [3.5, 0.5, 0]]);
    expect(t.layerInputs).toEqual([[1, 1, 0, 0, 0, 0, 0, 2], [3.5, 0.5]]);
    expect(t.logits).toEqual([3.5, 0.5, 0]);
    expect(classify(m, [1, 1, 0, 0, 0, 0, 0, 2])).toBe(0);
  });
  it("passes a negative pre-activation on as 0 and keeps the last layer linear", () => {
    // Unit 0: −3 + 0.5 = −2.5 → 0; unit 1: 3 − 0.5 = 2.5. Logits: 0, 2.5, 2.5 − 4 = −1.5.
    const t = forwardTrace(m, x8(-3));
    expect(t.layerInputs[1]).toEqual([0, 2.5]);
    expect(t.logits).toEqual([0, 2.5, -1.5]);
    expect(classify(m, x8(-3))).toBe(1);
  });
  it("a compute fault flips one bit of one pre-activation before the ReLU: sign bit 31 of 3.5 gives −3.5, then 0", () => {
    const t = forwardTrace(m, [1, 1, 0, 0, 0, 0, 0, 2], { layer: 0, unit: 0, bit: 31 });
    expect(t.preActivations[0]).toEqual([-3.5, 0.5]);
    expect(t.logits).toEqual([0, 0.5, -3.5]);
    // Bit 22 (mantissa MSB) of a logit 0.5 = 2^-1 · 1.0 makes it 0.75; the other layers are untouched.
    const u = forwardTrace(m, [1, 1, 0, 0, 0, 0, 0, 2], { layer: 1, unit: 1, bit: 22 });
    expect(u.preActivations[0]).toEqual([3.5, 0.5]);
    expect(u.logits).toEqual([3.5, 0.75, 0]);
  });
  it("names a fault's unit or bit outside the layer", () => {
    expect(() => forwardTrace(m, x8(1), { layer: 0, unit: 2, bit: 0 })).toThrow("forward: unit must be an integer in [0, 1] (got 2)");
    expect(() => forwardTrace(m, x8(1), { layer: 1, unit: 2, bit: 32 })).toThrow("forward: bit must be an integer in [0, 31] (got 32)");
    expect(() => forwardTrace(m, x8(1), { layer: -1, unit: 0, bit: 0 })).toThrow("forward: layer must be an integer in [0, 1] (got -1)");
  });
  it("refuses inputs that are not 8 finite numbers", () => {
    for (const bad of [x8(Number.NaN), x8(Infinity), ["1", 0, 0, 0, 0, 0, 0, 0], "12345678", new Array(9).fill(0)]) {
      expect(() => forwardTrace(m, bad as number[])).toThrow(/^forward: input must be an array of 8 finite numbers/);
    }
  });
  it("a clone copies the layer shapes too", () => {
    const c = cloneModel(m);
    expect(c.layers).toEqual(m.layers);
    expect(c.layers[0]).not.toBe(m.layers[0]);
    expect(c.weights).toEqual(m.weights);
  });
});

describe("argmax, softmax and the loss", () => {
  it("argmax picks the largest, the first of equals, and never a NaN (all-NaN reads as the last)", () => {
    expect(argmax([1, 3, 2])).toBe(1);
    expect(argmax([2, 3, 3])).toBe(1);
    expect(argmax([Number.NaN, 1, 0])).toBe(1);
    expect(argmax([1, Number.NaN, 2])).toBe(2);
    expect(argmax([5, Number.NaN, 2])).toBe(0);
    expect(argmax([Number.NaN, Number.NaN, Number.NaN])).toBe(2);
  });
  it("softmax of [0, ln 2, ln 5] is [1/8, 2/8, 5/8], and of logits ±1e38 a one-hot", () => {
    const p = softmax([0, Math.log(2), Math.log(5)]);
    [1 / 8, 2 / 8, 5 / 8].forEach((v, i) => expect(p[i]).toBeCloseTo(v, 15));
    expect(softmax([1e38, 0, -1e38])).toEqual([1, 0, 0]);
  });
  it("mean cross-entropy is the mean of −ln p(label): logits [3.5, 0.5, 0] and [0, 2.5, −1.5]", () => {
    const m = handModel();
    const lse = (z: number[]) => Math.log(z.reduce((s, v) => s + Math.exp(v), 0));
    const want = (lse([3.5, 0.5, 0]) - 0.5 + lse([0, 2.5, -1.5]) - 2.5) / 2; // labels 1 and 1
    expect(meanCrossEntropy(m, { inputs: [[1, 1, 0, 0, 0, 0, 0, 2], x8(-3)], labels: [1, 1] })).toBeCloseTo(want, 14);
    // A logit of 1e4 stays finite: −ln p = 1e4 − 0 for the label with logit 0 (the others underflow).
    const big = handModel();
    big.weights[big.layers[1].biasOffset] = 1e4;
    expect(meanCrossEntropy(big, { inputs: [x8(-3)], labels: [2] })).toBeCloseTo(1e4 + 1.5, 9);
  });
});

describe("traffic-light samples and float32 bits", () => {
  it("rotates red, yellow, green and, without noise, returns the prototypes", () => {
    const s = trafficLightSamples(createRng(1), 4, 0);
    expect(s.labels).toEqual([0, 1, 2, 0]);
    expect(s.inputs[0]).toEqual([0.9, 0.1, 0.1, 0.0, 0.8, 0.9, 0.0, 1.0]);
    expect(s.inputs[2]).toEqual([0.1, 0.9, 0.5, 1.0, 0.7, 0.8, 0.87, -0.5]);
    expect(s.inputs[0].length).toBe(INPUT_WIDTH);
  });
  it("adds N(0, noise²) per feature: sample sd ≈ 0.1 around the prototype", () => {
    const s = trafficLightSamples(createRng(2), 3000);
    const d = s.inputs.filter((_, i) => s.labels[i] === 1).map((x) => x[1] - 0.7);
    const sd = Math.sqrt(d.reduce((a, v) => a + v * v, 0) / d.length);
    expect(sd).toBeCloseTo(0.1, 2);
  });
  it("refuses a count that is not a non-negative integer", () => {
    expect(() => trafficLightSamples(createRng(1), 1.5)).toThrow("trafficLightSamples: count must be an integer");
    expect(() => trafficLightSamples(createRng(1), -1)).toThrow(/count/);
  });
  it("reads and writes IEEE-754 single patterns: 1 = 0x3F800000, −2 = 0xC0000000, ∞, −0 and NaN", () => {
    expect(float32ToBits(1)).toBe(0x3f800000);
    expect(float32ToBits(-2)).toBe(0xc0000000);
    expect(bitsToFloat32(0x7f800000)).toBe(Infinity);
    expect(Object.is(bitsToFloat32(0x80000000), -0)).toBe(true);
    expect(bitsToFloat32(-1)).toBeNaN(); // −1 >>> 0 = 0xFFFFFFFF, a NaN pattern
    expect(bitsToFloat32(0xc0000000 | 0)).toBe(-2); // a signed 32-bit int reads the same
  });
  it("denseLayers names a missing or invalid width", () => {
    expect(() => denseLayers([8])).toThrow("denseLayers: widths must be at least two layer widths (got array of length 1)");
    expect(() => denseLayers([8, 0])).toThrow("denseLayers: widths[1] must be an integer in [1,");
  });
});
