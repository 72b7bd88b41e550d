import {
  INPUT_WIDTH,
  bitsToFloat32,
  classify,
  cloneModel,
  createPerceptionModel,
  float32ToBits,
  forwardFlops,
  forwardTrace,
  meanCrossEntropy,
  softmax,
  trafficLightSamples,
} from "./perception-model";
import { createRng } from "./sim/rng";

describe("perception model", () => {
  const model = createPerceptionModel(7);
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
  it("is deterministic per seed and differs across seeds", () => {
    expect(createPerceptionModel(7).weights).toEqual(model.weights);
    expect(createPerceptionModel(8).weights).not.toEqual(model.weights);
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
