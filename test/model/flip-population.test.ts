/**
 * The full population sweep on the trained traffic-light model, against brute force and the
 * figures mission 07 part 3 quotes. Too heavy for the model's unit specs (tens of seconds);
 * `src/model/sdc.spec.ts` checks the same sweep on a small network.
 */
import { createPerceptionModel, float32ToBits, trafficLightSamples } from "../../src/model/perception-model";
import { flipPopulation } from "../../src/model/sdc";
import { createRng } from "../../src/model/sim/rng";
import { bruteForcePopulation } from "../helpers/flip-brute-force";

const model = createPerceptionModel(7);

describe("flipPopulation over the traffic-light model's 46,176 single-bit flips", () => {
  it("agrees, count for count, with cloning and re-running the model for each of the 46,176 flips (24 inputs)", () => {
    const small = trafficLightSamples(createRng(5), 24);
    const fast = flipPopulation(model, small);
    const slow = bruteForcePopulation(model, small, 0.01);
    expect(fast).toMatchObject({ flips: slow.flips, oneToZero: slow.oneToZero, changing: slow.changing, changingOneToZero: slow.changingOneToZero,
      alarmed: slow.alarmed, alarmedOneToZero: slow.alarmedOneToZero, changingAlarmed: slow.changingAlarmed });
    expect(slow.changing).toBeGreaterThan(0);
    expect(fast.minLossChangeChanging).toBeCloseTo(slow.min, 9);
    expect(fast.maxLossChangeChanging / slow.max).toBeCloseTo(1, 9);
  }, 60_000);
  it("on mission 07's testbed (256 inputs): 32 x 1,443 flips, 1 -> 0 flips = the set bits of the buffer, and the 766 prediction-changing flips the issue measured", () => {
    const testbed = trafficLightSamples(createRng(11), 256);
    const pop = flipPopulation(model, testbed);
    let setBits = 0;
    for (const v of model.weights) for (let u = float32ToBits(v); u; u >>>= 1) setBits += u & 1;
    expect(pop.flips).toBe(32 * 1443);
    expect(pop.oneToZero).toBe(setBits);
    expect(pop.changing).toBe(766);
    // Every prediction-changing flip moves the loss by far more than the 1 % alarm: a confident
    // wrong class costs several nats on one input out of 256, against a clean loss of 0.0084.
    expect(pop.changingAlarmed).toBe(pop.changing);
    expect(pop.minLossChangeChanging).toBeGreaterThan(1);
    // Most 1 -> 0 flips (they shrink a weight or flip its sign) leave the loss within 1 %.
    expect(pop.alarmedOneToZero / pop.oneToZero).toBeLessThan(0.5);
  });
});
