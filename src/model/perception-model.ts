/**
 * A small, real perception network for the SDC lesson (mission 07, part 3; Edge
 * Guardian): a 3-layer ReLU MLP that classifies traffic-light feature vectors as
 * red, yellow or green. Its parameters live in one Float32Array — the "weight
 * buffer" a cosmic ray can hit — so a bit flip in that buffer changes the model
 * exactly as it would on a device.
 *
 * Shape: 8 → 32 → 32 → 3 (1,443 float32 parameters, 5,772 bytes); forward pass
 * 2,819 FLOPs. Trained deterministically (seeded data and initialisation, full-batch
 * gradient descent on softmax cross-entropy), so every seed gives the same weights.
 */
import { ModelInputError, requireInteger } from "./errors";
import { createRng, type Rng } from "./sim/rng";

/** Output classes, in logit order. */
export const TRAFFIC_LIGHTS = ["red", "yellow", "green"] as const;
export type TrafficLight = (typeof TRAFFIC_LIGHTS)[number];

/**
 * Input features: lamp colour channels, lamp position in the housing (0 top, 1 bottom),
 * brightness, saturation and hue as (sin, cos). Prototypes per class;
 * samples add N(0, 0.1²) noise per feature.
 */
export const FEATURE_NAMES = ["red", "green", "blue", "position", "brightness", "saturation", "hueSin", "hueCos"] as const;
export const INPUT_WIDTH = FEATURE_NAMES.length;
const PROTOTYPES: Record<TrafficLight, number[]> = {
  red: [0.9, 0.1, 0.1, 0.0, 0.8, 0.9, 0.0, 1.0],
  yellow: [0.9, 0.7, 0.1, 0.5, 0.8, 0.8, 0.64, 0.77],
  green: [0.1, 0.9, 0.5, 1.0, 0.7, 0.8, 0.87, -0.5],
};

/** Where one dense layer's weights (row-major, outputs × inputs) and biases sit in the buffer. */
export interface LayerShape {
  inputs: number;
  outputs: number;
  weightOffset: number;
  biasOffset: number;
  /** ReLU after this layer (all but the last). */
  relu: boolean;
}

/** The network: layer shapes plus the single float32 parameter buffer. */
export interface PerceptionModel {
  readonly layers: readonly LayerShape[];
  readonly weights: Float32Array;
}

/** A transient fault in compute: one bit of one pre-activation value flips during one pass. */
export interface ComputeFault {
  layer: number;
  unit: number;
  bit: number;
}

/** Forward-pass record: each layer's input and pre-activation output, and the logits. */
export interface ForwardTrace {
  layerInputs: number[][];
  preActivations: number[][];
  logits: number[];
}

/** A labelled batch of feature vectors. */
export interface LightBatch {
  inputs: number[][];
  labels: number[];
}

function layout(widths: number[]): { layers: LayerShape[]; size: number } {
  const layers: LayerShape[] = [];
  let offset = 0;
  for (let i = 0; i + 1 < widths.length; i++) {
    const inputs = widths[i];
    const outputs = widths[i + 1];
    layers.push({ inputs, outputs, weightOffset: offset, biasOffset: offset + inputs * outputs, relu: i + 2 < widths.length });
    offset += inputs * outputs + outputs;
  }
  return { layers, size: offset };
}

const WIDTHS = [INPUT_WIDTH, 32, 32, TRAFFIC_LIGHTS.length];

/**
 * Layer shapes of a dense ReLU network with these widths (input, hidden..., output), laid
 * out as in a PerceptionModel's buffer: what cost formulas (forwardFlops, detectorCosts) need
 * for a network too large to build, e.g. one Llama-3-70B FFN block [8192, 28672, 8192].
 *
 * Worked example: denseLayers([8, 32, 32, 3]) are the traffic-light model's three layers.
 * @throws ModelInputError unless there are at least two widths, each an integer >= 1
 */
export function denseLayers(widths: number[]): LayerShape[] {
  if (!Array.isArray(widths) || widths.length < 2) throw new ModelInputError("denseLayers", "widths", "at least two layer widths", widths);
  widths.forEach((w, i) => requireInteger("denseLayers", { [`widths[${i}]`]: w }, 1));
  return layout(widths).layers;
}

/** Seeded traffic-light samples, classes in rotation (red, yellow, green, red, …). */
export function trafficLightSamples(rng: Rng, count: number, noise = 0.1): LightBatch {
  requireInteger("trafficLightSamples", { count });
  const inputs: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < count; i++) {
    const label = i % TRAFFIC_LIGHTS.length;
    inputs.push(PROTOTYPES[TRAFFIC_LIGHTS[label]].map((v) => v + noise * rng.normal()));
    labels.push(label);
  }
  return { inputs, labels };
}

/** Converts a 32-bit float to its float32 bit pattern, and back: the bits a flip acts on. */
export function float32ToBits(value: number): number {
  const f = new Float32Array([value]);
  return new Uint32Array(f.buffer)[0];
}

/** Reads a float32 from its 32-bit pattern. */
export function bitsToFloat32(bits: number): number {
  const u = new Uint32Array([bits >>> 0]);
  return new Float32Array(u.buffer)[0];
}

function checkInput(fn: string, input: number[]): void {
  if (!Array.isArray(input) || input.length !== INPUT_WIDTH || input.some((v) => !Number.isFinite(v))) {
    throw new ModelInputError(fn, "input", `an array of ${INPUT_WIDTH} finite numbers`, input);
  }
}

/**
 * Runs the network on one input. Weights are read from the float32 buffer; arithmetic is
 * float64. A `fault` flips one bit of one pre-activation (as float32) on this pass only.
 * Cost: `forwardFlops(model)`.
 */
export function forwardTrace(model: PerceptionModel, input: number[], fault?: ComputeFault): ForwardTrace {
  checkInput("forward", input);
  if (fault) {
    requireInteger("forward", { layer: fault.layer }, 0, model.layers.length - 1);
    requireInteger("forward", { unit: fault.unit }, 0, model.layers[fault.layer].outputs - 1);
    requireInteger("forward", { bit: fault.bit }, 0, 31);
  }
  const w = model.weights;
  const layerInputs: number[][] = [];
  const preActivations: number[][] = [];
  let x = input;
  model.layers.forEach((l, li) => {
    layerInputs.push(x);
    const y = new Array<number>(l.outputs);
    for (let o = 0; o < l.outputs; o++) {
      let s = w[l.biasOffset + o];
      const row = l.weightOffset + o * l.inputs;
      for (let i = 0; i < l.inputs; i++) s += w[row + i] * x[i];
      y[o] = s;
    }
    if (fault && fault.layer === li) y[fault.unit] = bitsToFloat32((float32ToBits(y[fault.unit]) ^ (1 << fault.bit)) >>> 0);
    preActivations.push(y);
    x = l.relu ? y.map((v) => (v > 0 ? v : 0)) : y;
  });
  return { layerInputs, preActivations, logits: x };
}

/** Index of the largest logit (a NaN never beats a number; all-NaN gives the last index). */
export function argmax(values: number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best] || Number.isNaN(values[best])) best = i;
  return best;
}

/** Softmax probabilities, computed stably (max subtracted). */
export function softmax(logits: number[]): number[] {
  const m = Math.max(...logits);
  const e = logits.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** The predicted class index for one input. */
export function classify(model: PerceptionModel, input: number[]): number {
  return argmax(forwardTrace(model, input).logits);
}

/** FLOPs of one forward pass: 2 per multiply-add plus one per bias add, per layer. */
export function forwardFlops(model: Pick<PerceptionModel, "layers">): number {
  return model.layers.reduce((s, l) => s + 2 * l.inputs * l.outputs + l.outputs, 0);
}

/** A deep copy with its own weight buffer (so a flip in the copy leaves the original intact). */
export function cloneModel(model: PerceptionModel): PerceptionModel {
  return { layers: model.layers.map((l) => ({ ...l })), weights: new Float32Array(model.weights) };
}

/** Mean softmax cross-entropy on a labelled batch (the training loss). */
export function meanCrossEntropy(model: PerceptionModel, batch: LightBatch): number {
  let total = 0;
  batch.inputs.forEach((x, i) => {
    const logits = forwardTrace(model, x).logits;
    const m = Math.max(...logits);
    const logSum = m + Math.log(logits.reduce((s, v) => s + Math.exp(v - m), 0));
    total += logSum - logits[batch.labels[i]];
  });
  return total / batch.inputs.length;
}

/**
 * He initialisation of a dense ReLU network's float64 master copy: weights N(0, 2/inputs) per
 * layer, biases 0 (He et al., "Delving Deep into Rectifiers", ICCV 2015, eq. 10).
 *
 * Worked example: a layer of 8 inputs draws its weights with standard deviation √(2/8) = 0.5.
 */
export function heInitialise(layers: readonly LayerShape[], rng: Rng): Float64Array {
  const last = layers[layers.length - 1];
  const p = new Float64Array(last.biasOffset + last.outputs);
  for (const l of layers) {
    const scale = Math.sqrt(2 / l.inputs);
    for (let i = 0; i < l.inputs * l.outputs; i++) p[l.weightOffset + i] = scale * rng.normal();
  }
  return p;
}

/**
 * Full-batch gradient descent on mean softmax cross-entropy, in place on the float64 master
 * copy `p`: each epoch p ← p − η·∇L(p), the gradient by backpropagation (∂L/∂logits =
 * softmax − one-hot, ReLU passing gradient where its input was positive).
 *
 * Holds: any dense network laid out as `layers` (ReLU on all but the last).
 * Worked example: one epoch at η = 0.1 moves each parameter by −0.1 × its derivative of the
 * batch's mean loss (the spec checks this against central finite differences).
 */
export function gradientDescent(layers: readonly LayerShape[], p: Float64Array, data: LightBatch, epochs: number, learningRate: number): void {
  const grad = new Float64Array(p.length);
  for (let epoch = 0; epoch < epochs; epoch++) {
    grad.fill(0);
    data.inputs.forEach((input, n) => {
      // Forward in float64 on the master copy.
      const acts: number[][] = [input];
      let x = input;
      for (const l of layers) {
        const y = new Array<number>(l.outputs);
        for (let o = 0; o < l.outputs; o++) {
          let s = p[l.biasOffset + o];
          for (let i = 0; i < l.inputs; i++) s += p[l.weightOffset + o * l.inputs + i] * x[i];
          y[o] = l.relu ? Math.max(0, s) : s;
        }
        acts.push(y);
        x = y;
      }
      // Backward: dL/dlogits = softmax − onehot.
      let delta = softmax(x).map((v, k) => v - (k === data.labels[n] ? 1 : 0));
      for (let li = layers.length - 1; li >= 0; li--) {
        const l = layers[li];
        const xin = acts[li];
        const prev = new Array<number>(l.inputs).fill(0);
        for (let o = 0; o < l.outputs; o++) {
          grad[l.biasOffset + o] += delta[o];
          for (let i = 0; i < l.inputs; i++) {
            grad[l.weightOffset + o * l.inputs + i] += delta[o] * xin[i];
            prev[i] += delta[o] * p[l.weightOffset + o * l.inputs + i];
          }
        }
        if (li > 0) delta = prev.map((g, i) => (acts[li][i] > 0 ? g : 0));
      }
    });
    const step = learningRate / data.inputs.length;
    for (let i = 0; i < p.length; i++) p[i] -= step * grad[i];
  }
}

/**
 * Builds and trains the network for a seed: He-initialised weights, 150 seeded samples,
 * 150 epochs of full-batch gradient descent (learning rate 0.1) on cross-entropy.
 * The same seed always yields the same float32 weights.
 *
 * Property: accuracy on fresh seeded samples is 100% (the prototypes are well separated).
 */
export function createPerceptionModel(seed = 7): PerceptionModel {
  const rng = createRng(seed);
  const { layers } = layout(WIDTHS);
  const p = heInitialise(layers, rng);
  gradientDescent(layers, p, trafficLightSamples(rng.fork(), 150), 150, 0.1);
  return { layers, weights: new Float32Array(p) };
}
