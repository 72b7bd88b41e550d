/**
 * Silent data corruption (mission 07, part 3; Edge Guardian): flip a real bit in
 * a float32 weight buffer, see what it does to a real classifier, and compare
 * three detectors on seeded injected faults — what each catches and what it
 * costs in FLOPs.
 *
 *   weight checksum (CRC-32 over the weight bytes)  catches every flip in stored weights,
 *                                                   misses compute faults; cost ∝ weight bytes
 *   dual modular redundancy (run twice, compare)    catches transient compute faults, misses
 *                                                   flips in stored weights (both runs read them);
 *                                                   cost = one extra forward pass
 *   activation checksum (ABFT: Σy = (1ᵀW)x + Σb)    catches both above its rounding tolerance;
 *                                                   cost Σ(2·in + out) per pass, ~13× less than DMR here
 *
 * Sources: field rates in figures.md §1.3 (Gemini: SDC "every week or two"; Llama 3: 6 SDC
 * interruptions in 54 days on 16,384 GPUs; Dixit et al. 2021/2022). Checksummed matrix
 * products: K.-H. Huang and J. A. Abraham, "Algorithm-Based Fault Tolerance for Matrix
 * Operations", IEEE Trans. Computers C-33(6):518–528, 1984. CRC-32: ISO-HDLC / IEEE 802.3
 * polynomial 0xEDB88320 (reflected), check value CRC("123456789") = 0xCBF43926.
 */
import { ModelInputError, requireInteger, requirePositive } from "./errors";
import {
  argmax,
  bitsToFloat32,
  cloneModel,
  float32ToBits,
  forwardFlops,
  forwardTrace,
  meanCrossEntropy,
  softmax,
  type ComputeFault,
  type ForwardTrace,
  type LightBatch,
  type PerceptionModel,
} from "./perception-model";
import type { Rng } from "./sim/rng";
import { tallyWork } from "./sim/work-tally";

/** What one bit flip did to one float32. */
export interface BitFlip {
  index: number;
  bit: number;
  oldValue: number;
  newValue: number;
  /** |new − old| / |old|; Infinity when old is 0 or new is not finite; 0 for +0 ↔ −0. */
  relativeChange: number;
}

/**
 * Flips bit `bit` (0 = mantissa LSB, 23–30 = exponent, 31 = sign) of the float32 at
 * `index`, in place, in the real buffer.
 *
 * Equation: float32 = (−1)^s · 2^(e−127) · 1.m; flipping exponent bit k multiplies
 *           by 2^(±2^(k−23)), flipping mantissa bit k changes the value by ≤ 2^(k−23)·|x|.
 * Worked example: 0.5 = 0x3F000000; bit 30 → 0x7F000000 = 2^127 ≈ 1.70e38,
 *   relative change ≈ 3.4e38. Mantissa bit 0 of 0.5 → 0.50000006 (relative 1.2e-7).
 *
 * @throws ModelInputError if index is outside the buffer or bit outside 0–31 (buffer unchanged)
 */
export function flipBit(weights: Float32Array, index: number, bit: number): BitFlip {
  if (!(weights instanceof Float32Array)) throw new ModelInputError("flipBit", "weights", "a Float32Array", weights);
  requireInteger("flipBit", { index }, 0, weights.length - 1);
  requireInteger("flipBit", { bit }, 0, 31);
  const oldValue = weights[index];
  const newValue = bitsToFloat32((float32ToBits(oldValue) ^ (1 << bit)) >>> 0);
  weights[index] = newValue;
  let relativeChange: number;
  if (oldValue === newValue) relativeChange = 0; // +0 ↔ −0
  else if (oldValue === 0 || !Number.isFinite(newValue)) relativeChange = Infinity;
  else relativeChange = Math.abs(newValue - oldValue) / Math.abs(oldValue);
  return { index, bit, oldValue, newValue, relativeChange };
}

const CRC_TABLE: Uint32Array = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/**
 * CRC-32 (IEEE 802.3) of a byte array. Detects every single-bit and every burst error up to
 * 32 bits. Cost: one table lookup and XOR per byte, O(bytes).
 *
 * Worked example: crc32(ASCII "123456789") = 0xCBF43926
 */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** CRC-32 over a weight buffer's bytes (its little-endian float32 storage). */
export function weightChecksum(weights: Float32Array): number {
  return crc32(new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength));
}

/** Golden per-layer column sums, stored apart from the weights they protect. */
export interface ActivationChecksums {
  /** For layer ℓ: cⱼ = Σ_o W[o][j]. */
  columnSums: number[][];
  /** For layer ℓ: Σ_o b[o]. */
  biasSums: number[];
  /** Relative tolerance for rounding (float64 arithmetic on float32 weights). */
  tolerance: number;
}

/** Precomputes the ABFT checksum vectors from known-good weights. Cost once: one pass over the weights. */
export function createActivationChecksums(model: PerceptionModel, tolerance = 1e-9): ActivationChecksums {
  requirePositive("createActivationChecksums", { tolerance });
  const w = model.weights;
  return {
    columnSums: model.layers.map((l) => {
      const c = new Array<number>(l.inputs).fill(0);
      for (let o = 0; o < l.outputs; o++) for (let i = 0; i < l.inputs; i++) c[i] += w[l.weightOffset + o * l.inputs + i];
      return c;
    }),
    biasSums: model.layers.map((l) => {
      let s = 0;
      for (let o = 0; o < l.outputs; o++) s += w[l.biasOffset + o];
      return s;
    }),
    tolerance,
  };
}

/**
 * Verifies a forward trace against the golden checksums: for every layer,
 * |Σ_o y_o − (c·x + Σb)| ≤ tolerance · (Σ|c_j x_j| + |Σb| + Σ|y_o|).
 * Returns false (a detection) if any layer disagrees, or a value is not finite.
 */
export function activationChecksumOk(checksums: ActivationChecksums, trace: ForwardTrace): boolean {
  return trace.preActivations.every((y, li) => {
    const x = trace.layerInputs[li];
    const c = checksums.columnSums[li];
    let expected = checksums.biasSums[li];
    let scale = Math.abs(expected);
    for (let i = 0; i < x.length; i++) {
      expected += c[i] * x[i];
      scale += Math.abs(c[i] * x[i]);
    }
    let observed = 0;
    for (const v of y) {
      observed += v;
      scale += Math.abs(v);
    }
    return Number.isFinite(observed) && Math.abs(observed - expected) <= checksums.tolerance * scale;
  });
}

/** FLOPs to check one forward pass: per layer 2·inputs (c·x) + outputs (Σy) + 2 (add Σb, compare). */
export function activationChecksumFlops(model: Pick<PerceptionModel, "layers">): number {
  return model.layers.reduce((s, l) => s + 2 * l.inputs + l.outputs + 2, 0);
}

/** Compute and memory cost of each detector for one inference, and the DMR/ABFT ratio. */
export interface DetectorCosts {
  forwardFlops: number;
  /** Weight bytes read by one checksum pass (cost ∝ bytes; amortised over checks). */
  checksumBytes: number;
  /** Extra FLOPs DMR adds per inference: one more forward pass. */
  dmrExtraFlops: number;
  activationChecksumFlops: number;
  /** dmrExtraFlops / activationChecksumFlops. */
  dmrToActivationRatio: number;
}

/**
 * Detector costs for a model.
 *
 * Worked example (8 → 32 → 32 → 3): forward 2,819 FLOPs; DMR +2,819; activation checksum
 * (16+32+2) + (64+32+2) + (64+3+2) = 217 FLOPs → DMR costs 13.0× more; CRC reads 5,772 B.
 * For square layers of width w the ratio tends to (2w² + w)/(3w + 2) ≈ 2w/3. Takes only the
 * layer shapes, so it also costs networks too large to build (`denseLayers`).
 */
export function detectorCosts(model: Pick<PerceptionModel, "layers">): DetectorCosts {
  const f = forwardFlops(model);
  const a = activationChecksumFlops(model);
  // float32 weights and biases: the bytes a CRC pass reads (the buffer's byteLength for a built model).
  const checksumBytes = 4 * model.layers.reduce((s, l) => s + l.inputs * l.outputs + l.outputs, 0);
  return { forwardFlops: f, checksumBytes, dmrExtraFlops: f, activationChecksumFlops: a, dmrToActivationRatio: f / a };
}

/** Where an injected fault lands. */
export type FaultKind = "weight" | "compute";

/** Detection counts for one detector. */
export interface DetectorScore {
  detected: number;
  /** detected / injected. */
  rate: number;
  /** Detected among faults that changed some output bit. */
  detectedConsequential: number;
  consequentialRate: number;
  /** Detected among faults that changed a predicted class (the harmful ones). */
  detectedChangedClass: number;
  changedClassRate: number;
}

/** Outcome of a seeded fault-injection campaign. */
export interface SdcCampaign {
  kind: FaultKind;
  injected: number;
  /** Faults that changed any logit on any probe input. */
  consequential: number;
  /** Faults that changed a predicted class. */
  changedClass: number;
  checksum: DetectorScore;
  dmr: DetectorScore;
  activationChecksum: DetectorScore;
}

function sameLogits(a: number[], b: number[]): boolean {
  return a.every((v, i) => Object.is(v, b[i]));
}

/**
 * Injects `trials` seeded faults and scores each detector. Weight faults flip a uniformly
 * chosen bit of a uniformly chosen parameter (persistent); compute faults flip a uniformly
 * chosen bit of one pre-activation during one pass on one probe input (transient).
 *
 * Property (weight faults): checksum rate = 1, DMR rate = 0. (Compute faults): checksum
 * rate = 0, DMR consequential rate = 1. Activation checksum catches nearly all consequential
 * faults of both kinds; the ones it misses are low-mantissa flips below its tolerance.
 */
export function injectFaults(opts: { model: PerceptionModel; probes: number[][]; kind: FaultKind; trials: number; rng: Rng }): SdcCampaign {
  const { model, probes, kind, rng } = opts;
  requireInteger("injectFaults", { trials: opts.trials });
  if (kind !== "weight" && kind !== "compute") throw new ModelInputError("injectFaults", "kind", '"weight" or "compute"', kind);
  if (!Array.isArray(probes) || probes.length === 0) throw new ModelInputError("injectFaults", "probes", "a non-empty array of inputs", probes);
  const goldenCrc = weightChecksum(model.weights);
  const sums = createActivationChecksums(model);
  const clean = probes.map((x) => forwardTrace(model, x));
  const counts = { consequential: 0, changedClass: 0, checksum: [0, 0, 0], dmr: [0, 0, 0], abft: [0, 0, 0] };
  const tally = (slot: number[], hit: boolean, consequential: boolean, changedClass: boolean): void => {
    if (hit) {
      slot[0]++;
      if (consequential) slot[1]++;
      if (changedClass) slot[2]++;
    }
  };
  for (let t = 0; t < opts.trials; t++) {
    let traces: ForwardTrace[];
    let reruns: ForwardTrace[];
    let checksumHit: boolean;
    if (kind === "weight") {
      const faulty = cloneModel(model);
      flipBit(faulty.weights, rng.int(faulty.weights.length), rng.int(32));
      traces = probes.map((x) => forwardTrace(faulty, x));
      reruns = probes.map((x) => forwardTrace(faulty, x));
      checksumHit = weightChecksum(faulty.weights) !== goldenCrc;
    } else {
      const p = rng.int(probes.length);
      const layer = rng.int(model.layers.length);
      const fault: ComputeFault = { layer, unit: rng.int(model.layers[layer].outputs), bit: rng.int(32) };
      traces = clean.slice();
      traces[p] = forwardTrace(model, probes[p], fault);
      reruns = clean;
      checksumHit = weightChecksum(model.weights) !== goldenCrc;
    }
    const consequential = traces.some((tr, i) => !sameLogits(tr.logits, clean[i].logits));
    const changedClass = traces.some((tr, i) => argmax(tr.logits) !== argmax(clean[i].logits));
    if (consequential) counts.consequential++;
    if (changedClass) counts.changedClass++;
    tally(counts.checksum, checksumHit, consequential, changedClass);
    tally(counts.dmr, traces.some((tr, i) => !sameLogits(tr.logits, reruns[i].logits)), consequential, changedClass);
    tally(counts.abft, traces.some((tr) => !activationChecksumOk(sums, tr)), consequential, changedClass);
  }
  tallyWork(opts.trials);
  // A detector with nothing to find in a category scores 1 there (vacuously complete).
  const share = (hits: number, of: number): number => (of === 0 ? 1 : hits / of);
  const score = ([d, dc, dk]: number[]): DetectorScore => ({
    detected: d,
    rate: d / opts.trials,
    detectedConsequential: dc,
    consequentialRate: share(dc, counts.consequential),
    detectedChangedClass: dk,
    changedClassRate: share(dk, counts.changedClass),
  });
  return {
    kind,
    injected: opts.trials,
    consequential: counts.consequential,
    changedClass: counts.changedClass,
    checksum: score(counts.checksum),
    dmr: score(counts.dmr),
    activationChecksum: score(counts.abft),
  };
}

/** What a weight flip does to predictions, and what each signal would show. */
export interface FlipImpact {
  flip: BitFlip;
  /** Probe inputs whose predicted class changed. */
  changedPredictions: number;
  accuracyBefore: number;
  accuracyAfter: number;
  /** Training loss on the labelled batch — only computable when labels exist. */
  lossBefore: number;
  lossAfter: number;
  /** Mean top-class softmax probability on the changed inputs (1 = confidently wrong). */
  confidenceOnChanged: number;
}

/**
 * Flips one weight bit in a copy of the model and measures the damage on a labelled batch.
 * The lesson of the part 3 lock: at inference there are no labels, so no loss is computed;
 * what is observable — the softmax output — stays confident while the class is wrong.
 */
export function flipImpact(model: PerceptionModel, index: number, bit: number, batch: LightBatch): FlipImpact {
  const faulty = cloneModel(model);
  const flip = flipBit(faulty.weights, index, bit);
  let changed = 0;
  let before = 0;
  let after = 0;
  let confidence = 0;
  batch.inputs.forEach((x, i) => {
    const a = argmax(forwardTrace(model, x).logits);
    const logits = forwardTrace(faulty, x).logits;
    const b = argmax(logits);
    if (a === batch.labels[i]) before++;
    if (b === batch.labels[i]) after++;
    if (a !== b) {
      changed++;
      confidence += Math.max(...softmax(logits));
    }
  });
  const n = batch.inputs.length;
  return {
    flip,
    changedPredictions: changed,
    accuracyBefore: before / n,
    accuracyAfter: after / n,
    lossBefore: meanCrossEntropy(model, batch),
    lossAfter: meanCrossEntropy(faulty, batch),
    confidenceOnChanged: changed === 0 ? 0 : confidence / changed,
  };
}

/**
 * Finds the first weight (scanning the buffer in order) whose flip of `bit` makes an input
 * labelled `fromClass` come out as `toClass` — the "red light read as green" event.
 * Returns null if no single flip of that bit does it. Cost: O(parameters × batch × forward).
 */
export function findMisclassifyingFlip(model: PerceptionModel, batch: LightBatch, bit: number, fromClass: number, toClass: number): FlipImpact | null {
  requireInteger("findMisclassifyingFlip", { bit }, 0, 31);
  const probes = batch.inputs.filter((_, i) => batch.labels[i] === fromClass);
  for (let index = 0; index < model.weights.length; index++) {
    const faulty = cloneModel(model);
    flipBit(faulty.weights, index, bit);
    if (probes.some((x) => argmax(forwardTrace(faulty, x).logits) === toClass)) return flipImpact(model, index, bit, batch);
  }
  return null;
}

/**
 * Finds a "quiet" weight flip: one that changes at least one prediction on the labelled batch
 * while the mean training loss stays at or below `lossCeiling`. Scans `bits` in order, then
 * the buffer in order; returns null if none qualifies. Shows that a loss-spike alarm is not an
 * SDC detector: the outputs change while the loss stays far below, say, chance level (ln 3).
 */
export function findQuietFlip(model: PerceptionModel, batch: LightBatch, bits: number[], lossCeiling: number): FlipImpact | null {
  requirePositive("findQuietFlip", { lossCeiling });
  for (const bit of bits) {
    requireInteger("findQuietFlip", { bit }, 0, 31);
    for (let index = 0; index < model.weights.length; index++) {
      const faulty = cloneModel(model);
      flipBit(faulty.weights, index, bit);
      if (!batch.inputs.some((x) => argmax(forwardTrace(faulty, x).logits) !== argmax(forwardTrace(model, x).logits))) continue;
      const impact = flipImpact(model, index, bit, batch);
      if (impact.lossAfter <= lossCeiling) return impact;
    }
  }
  return null;
}

/** Every single-bit flip of a model's parameters, and what a loss alarm would make of them. */
export interface FlipPopulation {
  /** Flips swept: parameters × 32 bits. */
  flips: number;
  /** Flips that clear a set bit (1 → 0). */
  oneToZero: number;
  /** Flips that change at least one prediction on the batch. */
  changing: number;
  /** 1 → 0 flips that change a prediction. */
  changingOneToZero: number;
  /** Flips whose mean loss moves by at least `lossAlarm` (relative), or turns non-finite: what a loss alarm flags. */
  alarmed: number;
  alarmedOneToZero: number;
  /** Prediction-changing flips the loss alarm flags. */
  changingAlarmed: number;
  /** Smallest and largest relative loss change among prediction-changing flips (NaN if there are none). */
  minLossChangeChanging: number;
  maxLossChangeChanging: number;
  /** The clean model's mean loss on the batch. */
  lossBefore: number;
}

/**
 * Sweeps all 32 · parameters single-bit flips of the weight buffer and measures each one's
 * effect on the batch's predictions and mean loss (relative change against `lossAlarm`,
 * default 1 %). Incremental: a flip of one weight or bias changes one pre-activation, which is
 * re-summed in forwardTrace's order (an update by (new − old)·x could cancel a flipped value far
 * below the clean one to 0 and invent a logit tie); the next layer moves by W[:, unit]·Δ (a
 * non-finite clean value there is re-summed), and any later layer is recomputed densely. Equals cloning, flipping and re-running
 * `forwardTrace`/`meanCrossEntropy` per flip up to float64 rounding order in the layer after
 * the flip. Cost ≈ flips × batch × (the unit's inputs + widths after the layer); ~1.9 s for
 * the traffic-light model on 256 inputs, where cloning and re-running per flip takes about 30 s for
 * just 24 inputs (test/model/flip-population.test.ts).
 */
export function flipPopulation(model: PerceptionModel, batch: LightBatch, lossAlarm = 0.01): FlipPopulation {
  requirePositive("flipPopulation", { lossAlarm });
  const w = model.weights;
  const layers = model.layers;
  const traces = batch.inputs.map((x) => forwardTrace(model, x));
  const cleanClass = traces.map((t) => argmax(t.logits));
  const sampleLoss = (logits: ArrayLike<number>, label: number): number => {
    let m = -Infinity;
    for (let k = 0; k < logits.length; k++) if (logits[k] > m) m = logits[k];
    let s = 0;
    for (let k = 0; k < logits.length; k++) s += Math.exp(logits[k] - m);
    return m + Math.log(s) - logits[label];
  };
  const lossBefore = traces.reduce((s, t, n) => s + sampleLoss(t.logits, batch.labels[n]), 0) / traces.length;
  const out = { flips: 0, oneToZero: 0, changing: 0, changingOneToZero: 0, alarmed: 0, alarmedOneToZero: 0, changingAlarmed: 0 };
  let minChange = Infinity;
  let maxChange = -Infinity;
  const relu = (v: number): number => (v > 0 ? v : 0); // as forwardTrace: NaN → 0
  // argmax with forwardTrace's NaN rule, on a typed or plain array.
  const top = (v: ArrayLike<number>): number => {
    let best = 0;
    for (let i = 1; i < v.length; i++) if (v[i] > v[best] || Number.isNaN(v[best])) best = i;
    return best;
  };
  const cleanLoss = traces.map((t, n) => sampleLoss(t.logits, batch.labels[n]));
  const scratch = layers.map((l) => new Float64Array(l.outputs));
  // Pre-activation `unit` of layer `li` with parameter `flipped` read as `neu`, summed in forwardTrace's order.
  const preActivation = (x: number[], li: number, unit: number, flipped: number, neu: number): number => {
    const l = layers[li];
    const bias = l.biasOffset + unit;
    const row = l.weightOffset + unit * l.inputs;
    let s = flipped === bias ? neu : w[bias];
    for (let i = 0; i < l.inputs; i++) s += (row + i === flipped ? neu : w[row + i]) * x[i];
    return s;
  };
  // Whether layer li + 1's clean pre-activations are all finite for sample n: they are unless the
  // model holds an infinite weight, and then ∞ + (−∞) would make the update NaN.
  const finiteNext = traces.map((t) => t.preActivations.slice(1).map((y) => y.every(Number.isFinite)));
  // The next layer's update where some clean value is not finite: those values are re-summed in forwardTrace's order.
  const resumNext = (t: ForwardTrace, li: number, unit: number, y: number, d: number, cur: Float64Array): void => {
    const next = layers[li + 1];
    const clean = t.preActivations[li + 1];
    const acts = t.preActivations[li];
    for (let o = 0; o < next.outputs; o++) {
      const row = next.weightOffset + o * next.inputs;
      if (Number.isFinite(clean[o])) { cur[o] = clean[o] + w[row + unit] * d; continue; }
      let s = w[next.biasOffset + o];
      for (let i = 0; i < next.inputs; i++) s += w[row + i] * (i === unit ? relu(y) : relu(acts[i]));
      cur[o] = s;
    }
  };
  // Logits of sample n after pre-activation `unit` of layer `li` becomes `y`.
  const logitsAfter = (n: number, li: number, unit: number, y: number): ArrayLike<number> => {
    const t = traces[n];
    if (!layers[li].relu) {
      const last = scratch[li];
      last.set(t.logits);
      last[unit] = y;
      return last;
    }
    const d = relu(y) - relu(t.preActivations[li][unit]);
    if (d === 0) return t.logits;
    // The next layer moves along column `unit` only: by W[:, unit] · d.
    const next = layers[li + 1];
    let cur = scratch[li + 1];
    const clean = t.preActivations[li + 1];
    if (finiteNext[n][li]) {
      for (let o = 0; o < next.outputs; o++) cur[o] = clean[o] + w[next.weightOffset + o * next.inputs + unit] * d;
    } else {
      resumNext(t, li, unit, y, d, cur);
    }
    // Any later layer is dense again: recompute it from the previous one.
    for (let lj = li + 2; lj < layers.length; lj++) {
      const l = layers[lj];
      const prev = cur;
      cur = scratch[lj];
      for (let o = 0; o < l.outputs; o++) {
        let s = w[l.biasOffset + o];
        const row = l.weightOffset + o * l.inputs;
        for (let i = 0; i < l.inputs; i++) s += w[row + i] * relu(prev[i]);
        cur[o] = s;
      }
    }
    return cur;
  };
  for (let li = 0; li < layers.length; li++) {
    const l = layers[li];
    const size = l.inputs * l.outputs + l.outputs;
    for (let p = 0; p < size; p++) {
      const isBias = p >= l.inputs * l.outputs;
      const unit = isBias ? p - l.inputs * l.outputs : Math.floor(p / l.inputs);
      const old = w[l.weightOffset + p];
      const bits = float32ToBits(old);
      for (let bit = 0; bit < 32; bit++) {
        const neu = bitsToFloat32((bits ^ (1 << bit)) >>> 0);
        const oneToZero = ((bits >>> bit) & 1) === 1;
        let changed = false;
        let loss = 0;
        for (let n = 0; n < traces.length; n++) {
          const t = traces[n];
          const logits = logitsAfter(n, li, unit, preActivation(t.layerInputs[li], li, unit, l.weightOffset + p, neu));
          if (logits === t.logits) { loss += cleanLoss[n]; continue; }
          if (top(logits) !== cleanClass[n]) changed = true;
          loss += sampleLoss(logits, batch.labels[n]);
        }
        const change = Math.abs(loss / traces.length - lossBefore) / lossBefore;
        const alarm = !Number.isFinite(change) || change >= lossAlarm;
        out.flips++;
        if (oneToZero) out.oneToZero++;
        if (alarm) out.alarmed++;
        if (alarm && oneToZero) out.alarmedOneToZero++;
        if (changed) {
          out.changing++;
          if (oneToZero) out.changingOneToZero++;
          if (alarm) out.changingAlarmed++;
          minChange = Math.min(minChange, change);
          maxChange = Math.max(maxChange, change);
        }
      }
    }
  }
  tallyWork(out.flips * traces.length);
  return { ...out, minLossChangeChanging: out.changing ? minChange : NaN, maxLossChangeChanging: out.changing ? maxChange : NaN, lossBefore };
}
