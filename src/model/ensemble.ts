/**
 * Ensemble skew (mission 12, part 3; Tiny Pioneer's "Dependency Domino"): a
 * downstream wake-word classifier trained on an upstream feature extractor's v1
 * output silently breaks when the extractor is upgraded to a v2 that is better on
 * its own but scales and orders its features differently. Retraining fixes it;
 * a versioned feature contract (schema + summary statistics, fingerprinted)
 * catches it before deploy.
 *
 * Source: "Changing Anything Changes Everything" and unstable data dependencies,
 * Sculley et al., "Hidden Technical Debt in Machine Learning Systems", NIPS 2015
 * (figures.md §6). The data and extractors are synthetic teaching fixtures.
 */
import { ModelInputError, requireInteger, requirePositive } from "./errors";
import type { Rng } from "./sim/rng";

/** Width of a raw audio frame (six band energies, in σ units). */
export const RAW_WIDTH = 6;
/** Per-band class separation: wake-word frames sit at +a·sⱼ, background at −a·sⱼ. */
const SEPARATION = 0.5;
const BAND_SIGN = [1, -1, 1, -1, 1, -1];

/** A labelled batch: raw frames and labels (1 = wake word). */
export interface RawBatch {
  frames: number[][];
  labels: number[];
}

/**
 * Seeded synthetic frames: xⱼ = (2y − 1)·a·sⱼ + ε, ε ~ N(0, 1), a = 0.5, s = (+,−,+,−,+,−),
 * y ∈ {0, 1} with equal probability.
 */
export function wakeWordFrames(rng: Rng, count: number): RawBatch {
  requireInteger("wakeWordFrames", { count });
  const frames: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < count; i++) {
    const y = rng.next() < 0.5 ? 1 : 0;
    frames.push(BAND_SIGN.map((s) => (2 * y - 1) * SEPARATION * s + rng.normal()));
    labels.push(y);
  }
  return { frames, labels };
}

/** A versioned upstream feature extractor. */
export interface FeatureExtractor {
  version: string;
  /** Feature names in output order. */
  names: string[];
  extract(frame: number[]): number[];
}

function checkFrame(version: string, frame: number[]): void {
  if (!Array.isArray(frame) || frame.length !== RAW_WIDTH) {
    throw new ModelInputError(`extractor ${version}`, "frame", `an array of ${RAW_WIDTH} numbers`, frame);
  }
}

/** v1: the first three bands as they are (each has separation 2a at σ = 1). */
export const EXTRACTOR_V1: FeatureExtractor = Object.freeze({
  version: "v1",
  names: ["band0", "band1", "band2"],
  extract(frame: number[]): number[] {
    checkFrame("v1", frame);
    return [frame[0], frame[1], frame[2]];
  },
});

/**
 * v2: averages band pairs (noise σ falls to 1/√2, so it separates the classes better),
 * but emits them in a different order and in centi-units (×10).
 */
export const EXTRACTOR_V2: FeatureExtractor = Object.freeze({
  version: "v2",
  names: ["pair13", "pair02", "diff45"],
  extract(frame: number[]): number[] {
    checkFrame("v2", frame);
    return [10 * (frame[1] + frame[3]) / 2, 10 * (frame[0] + frame[2]) / 2, 10 * (frame[4] - frame[5]) / 2];
  },
});

/** A linear classifier: score = w·f + b; predicts 1 when score > 0. */
export interface LinearClassifier {
  weights: number[];
  bias: number;
  /** Extractor version it was trained on. */
  trainedOn: string;
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and square). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (Math.abs(m[pivot][col]) < 1e-12) throw new ModelInputError("trainLeastSquares", "features", "linearly independent columns", "a singular design");
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = col + 1; r < n; r++) {
      const f = m[r][col] / m[col][col];
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let c = r + 1; c < n; c++) s -= m[r][c] * x[c];
    x[r] = s / m[r][r];
  }
  return x;
}

/**
 * Trains a least-squares linear classifier on targets ±1 (Fisher's discriminant up to scale).
 *
 * Equation: [w; b] = (XᵀX)⁻¹ Xᵀ t,  X = [features | 1], t = 2y − 1
 * Cost:     O(n·d² + d³) for n examples of width d.
 */
export function trainLeastSquares(features: number[][], labels: number[], trainedOn: string): LinearClassifier {
  if (features.length === 0 || features.length !== labels.length) {
    throw new ModelInputError("trainLeastSquares", "labels", `one label per feature row (${features.length} rows)`, labels);
  }
  const d = features[0].length + 1;
  const xtx = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  const xtt = new Array<number>(d).fill(0);
  features.forEach((row, i) => {
    const x = [...row, 1];
    const t = 2 * labels[i] - 1;
    for (let p = 0; p < d; p++) {
      xtt[p] += x[p] * t;
      for (let q = 0; q < d; q++) xtx[p][q] += x[p] * x[q];
    }
  });
  const w = solve(xtx, xtt);
  return { weights: w.slice(0, -1), bias: w[d - 1], trainedOn };
}

/** Share of rows the classifier labels correctly. */
export function accuracy(clf: LinearClassifier, features: number[][], labels: number[]): number {
  if (features.length === 0) throw new ModelInputError("accuracy", "features", "non-empty", features);
  let right = 0;
  features.forEach((f, i) => {
    if (f.length !== clf.weights.length) throw new ModelInputError("accuracy", "features", `rows of width ${clf.weights.length}`, f);
    const score = f.reduce((s, v, j) => s + v * clf.weights[j], clf.bias);
    if ((score > 0 ? 1 : 0) === labels[i]) right++;
  });
  return right / features.length;
}

/** Accuracy of each upstream/downstream pairing on the same held-out frames. */
export interface EnsembleSkewResult {
  /** v1 extractor → classifier trained on v1 (what is in production). */
  v1System: number;
  /** v2 extractor → classifier still trained on v1 (the "deploy tonight" plan). */
  swappedWithoutRetrain: number;
  /** v2 extractor → classifier retrained on v2. */
  retrainedOnV2: number;
}

/**
 * Trains on `trainCount` seeded frames and scores three pairings on `testCount` fresh frames.
 *
 * Worked example (seed 12, 2,000 train, 5,000 test): v1 system ≈ 0.81 (closed form Φ(a√3) = 0.807),
 * v2 swapped in without retraining ≈ 0.35, v2 retrained ≈ 0.90 (closed form Φ(a√6) = 0.890).
 */
export function ensembleSkewExperiment(opts: { rng: Rng; trainCount?: number; testCount?: number }): EnsembleSkewResult {
  const trainCount = opts.trainCount ?? 2000;
  const testCount = opts.testCount ?? 5000;
  requireInteger("ensembleSkewExperiment", { trainCount, testCount }, 10);
  const train = wakeWordFrames(opts.rng, trainCount);
  const test = wakeWordFrames(opts.rng, testCount);
  const feats = (e: FeatureExtractor, b: RawBatch): number[][] => b.frames.map((f) => e.extract(f));
  const clfV1 = trainLeastSquares(feats(EXTRACTOR_V1, train), train.labels, EXTRACTOR_V1.version);
  const clfV2 = trainLeastSquares(feats(EXTRACTOR_V2, train), train.labels, EXTRACTOR_V2.version);
  return {
    v1System: accuracy(clfV1, feats(EXTRACTOR_V1, test), test.labels),
    swappedWithoutRetrain: accuracy(clfV1, feats(EXTRACTOR_V2, test), test.labels),
    retrainedOnV2: accuracy(clfV2, feats(EXTRACTOR_V2, test), test.labels),
  };
}

/** Summary statistics of one feature column. */
export interface FeatureStats {
  mean: number;
  sd: number;
}

/** The versioned promise an upstream makes to its consumers. */
export interface FeatureContract {
  version: string;
  names: string[];
  stats: FeatureStats[];
  /** FNV-1a 32-bit hash of names + stats at 3 significant digits, hex. */
  fingerprint: string;
}

/** FNV-1a, 32-bit (Fowler–Noll–Vo), over the UTF-16 code units of a string; hex. */
export function fnv1a32(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

function columnStats(rows: number[][]): FeatureStats[] {
  const width = rows[0].length;
  return Array.from({ length: width }, (_, j) => {
    const col = rows.map((r) => r[j]);
    const mean = col.reduce((s, v) => s + v, 0) / col.length;
    const sd = Math.sqrt(col.reduce((s, v) => s + (v - mean) ** 2, 0) / (col.length - 1)); // callers require ≥ 2 rows
    return { mean, sd };
  });
}

function fingerprint(names: string[], stats: FeatureStats[]): string {
  const rounded = stats.map((s) => [Number(s.mean.toPrecision(3)), Number(s.sd.toPrecision(3))]);
  return fnv1a32(JSON.stringify({ names, stats: rounded }));
}

/** Records the contract of an extractor from a reference batch of its output. */
export function createFeatureContract(extractor: FeatureExtractor, frames: number[][]): FeatureContract {
  if (frames.length < 2) throw new ModelInputError("createFeatureContract", "frames", "at least 2 frames", frames);
  const stats = columnStats(frames.map((f) => extractor.extract(f)));
  return { version: extractor.version, names: [...extractor.names], stats, fingerprint: fingerprint(extractor.names, stats) };
}

/** Outcome of checking a candidate extractor against a consumer's contract. */
export interface ContractCheck {
  ok: boolean;
  violations: string[];
  observedFingerprint: string;
}

/**
 * Checks a candidate upstream against the contract its consumer was trained on: same
 * feature names in the same order, each mean within `meanToleranceSd` contract σ, each σ
 * within a factor `sdRatioLimit`. Cost: one pass over the batch, O(n·d).
 */
export function checkFeatureContract(
  contract: FeatureContract,
  candidate: FeatureExtractor,
  frames: number[][],
  opts: { meanToleranceSd?: number; sdRatioLimit?: number } = {},
): ContractCheck {
  const meanTol = opts.meanToleranceSd ?? 0.25;
  const ratioLimit = opts.sdRatioLimit ?? 1.5;
  requirePositive("checkFeatureContract", { meanToleranceSd: meanTol });
  if (!(ratioLimit > 1)) throw new ModelInputError("checkFeatureContract", "sdRatioLimit", "> 1", ratioLimit);
  if (frames.length < 2) throw new ModelInputError("checkFeatureContract", "frames", "at least 2 frames", frames);
  const violations: string[] = [];
  if (candidate.names.length !== contract.names.length || candidate.names.some((n, i) => n !== contract.names[i])) {
    violations.push(`schema: expected [${contract.names.join(", ")}], got [${candidate.names.join(", ")}]`);
  }
  const stats = columnStats(frames.map((f) => candidate.extract(f)));
  stats.slice(0, contract.stats.length).forEach((s, j) => {
    const c = contract.stats[j];
    if (Math.abs(s.mean - c.mean) > meanTol * c.sd) violations.push(`${contract.names[j]}: mean ${s.mean.toPrecision(3)} vs ${c.mean.toPrecision(3)}`);
    const ratio = s.sd / c.sd;
    if (ratio > ratioLimit || ratio < 1 / ratioLimit) violations.push(`${contract.names[j]}: sd ${s.sd.toPrecision(3)} vs ${c.sd.toPrecision(3)}`);
  });
  return { ok: violations.length === 0, violations, observedFingerprint: fingerprint(candidate.names, stats) };
}
