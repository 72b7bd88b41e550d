/**
 * The reference flipPopulation is checked against: every single-bit flip of a model's weights
 * by brute force (clone, flip, re-run every input and the loss), shared by the model's spec on
 * small networks and the sweep test on the trained one.
 */
import { argmax, cloneModel, float32ToBits, forwardTrace, meanCrossEntropy, type LightBatch, type PerceptionModel } from "../../src/model/perception-model";
import { flipBit } from "../../src/model/sdc";

export /** The population by brute force: clone, flip, re-run every input and the loss, for every flip. */
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
