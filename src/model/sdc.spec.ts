import { createPerceptionModel, denseLayers, trafficLightSamples } from "./perception-model";
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
import { argmax, cloneModel, float32ToBits, forwardTrace, meanCrossEntropy, type LightBatch, type PerceptionModel } from "./perception-model";
import { createRng, type Rng } from "./sim/rng";

const model = createPerceptionModel(7);
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
    const built = detectorCosts(createPerceptionModel(7));
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

/** The population by brute force: clone, flip, re-run every input and the loss, for every flip. */
function bruteForcePopulation(m: PerceptionModel, b: LightBatch, alarm: number) {
  const clean = b.inputs.map((x) => argmax(forwardTrace(m, x).logits));
  const before = meanCrossEntropy(m, b);
  const r = { flips: 0, oneToZero: 0, changing: 0, changingOneToZero: 0, alarmed: 0, alarmedOneToZero: 0, changingAlarmed: 0, min: Infinity, max: -Infinity };
  for (let i = 0; i < m.weights.length; i++) for (let bit = 0; bit < 32; bit++) {
    const f = cloneModel(m);
    const oneToZero = ((float32ToBits(m.weights[i]) >>> bit) & 1) === 1;
    flipBit(f.weights, i, bit);
    const changed = b.inputs.some((x, k) => argmax(forwardTrace(f, x).logits) !== clean[k]);
    const change = Math.abs(meanCrossEntropy(f, b) - before) / before;
    const alarmed = !Number.isFinite(change) || change >= alarm;
    r.flips++;
    if (oneToZero) r.oneToZero++;
    if (alarmed) { r.alarmed++; if (oneToZero) r.alarmedOneToZero++; }
    if (changed) {
      r.changing++;
      if (oneToZero) r.changingOneToZero++;
      if (alarmed) r.changingAlarmed++;
      r.min = Math.min(r.min, change);
      r.max = Math.max(r.max, change);
    }
  }
  return r;
}

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
  it("rejects a non-positive alarm threshold", () => expect(() => flipPopulation(model, batch, 0)).toThrow(/lossAlarm/));
});
