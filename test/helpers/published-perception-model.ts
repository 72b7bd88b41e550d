/**
 * The published traffic-light model (seed 7) as stored in test/fixtures: specs that study a
 * trained network read it rather than train one, since training dominates their run time
 * (and under mutation testing it runs instrumented). perception-model.spec.ts checks that
 * createPerceptionModel(7) still reproduces it bit for bit.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { denseLayers, type PerceptionModel } from "../../src/model/perception-model";

export const PUBLISHED_SEED = 7;

export function publishedPerceptionModel(): PerceptionModel {
  const stored = JSON.parse(readFileSync(join(__dirname, "../fixtures/perception-model-seed-7.json"), "utf8")) as { seed: number; widths: number[]; weights: number[] };
  return { layers: denseLayers(stored.widths), weights: Float32Array.from(stored.weights) };
}
