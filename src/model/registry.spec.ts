import { unit } from "mathjs";
import { MODEL_FUNCTIONS, modelFunction } from "./registry";
import { youngDalyInterval } from "./checkpoint-interval";
import { ModelInputError } from "./errors";
import * as model from "./index";

/** One worked example per registry entry: positional arguments in the entry's units and the expected result. */
const EXAMPLES: Record<string, [number[], number, number]> = {
  fleetAvailability: [[0.999, 1000], 0.3677, 4],
  fleetMtbf: [[50_000, 10_000], 5, 9],
  failuresPerDay: [[50_000, 10_000], 4.8, 9],
  observedMtbf: [[1296, 419], 3.093, 3],
  replicatedAvailability: [[0.99, 2], 0.9999, 9],
  expectedFailures: [[16_384, 50_677, 1296], 419, 0],
  probabilityNoFailure: [[25_000, 50_000, 24], Math.exp(-12), 9],
  youngDalyInterval: [[120, 10_800], 1609.97, 2],
  dalyInterval: [[300, 86_400], 7001, 0],
  youngOverhead: [[youngDalyInterval(120, 10_800), 120, 10_800], 0.149, 3],
  fleetLostTimeFraction: [[24, 1, 116.69, 300, 600], 0.0874, 4], // the expectedWallTime run: useful 91.26%
  checkpointBytes: [[70_553_706_496, 14], 987.75e9, -8],
  checkpointStormStall: [[16_384, 4e9, 50e9, 2e12, 8], 4.096, 3],
  // Cloud Titan (mission 07): 60.29 MB × (1 − 25 GB/s / (16,384 × 862.5 MB/s)) = 60.18 MB
  stormFreeStagingBuffer: [[16_384, 987.8e9 / 16_384, 862.5e6, 25e9, 1], 60.1839e6, -2],
  ringAllReduceTime: [[350e9, 1024, 12.5e9, 0], 55.945, 3],
  treeAllReduceTime: [[350e9, 1024, 12.5e9, 0], 55.945, 3],
  recursiveDoublingAllReduceTime: [[1e9, 8, 1e9, 0], 3, 9],
  criticalNodeCount: [[1000, 350e9, 50e9, 0.001], 702, 9],
  communicationIntensity: [[699.3e9, 1.025e15], 6.82e-4, 5],
  harmonicNumber: [[3], 11 / 6, 12],
  dataParallelCommunicationIntensity: [[350e9, 1024, 1.05e18], 6.82e-4, 5],
  expectedSlowestStepTime: [[1024, 1, 0.1], 1.751, 3],
  backupWorkersStepTime: [[1024, 32, 1, 0.1], 1.348, 3],
  pollaczekKhinchineWait: [[0.8, 3600, 3], 72_000, 6],
  erlangC: [[1, 0.5, 1], 0.5, 9],
  erlangCWait: [[1, 0.5, 1], 1, 9],
  littlesLaw: [[2, 5], 10, 12],
  canarySampleSize: [[0.95, 0.001], 2995, 12],
  ruleOfThree: [[3000, 0.95], 9.986e-4, 6],
  zeroFailureUpperBound: [[2995, 0.95], 0.0009998, 6],
  shadowDuration: [[2995, 2000, 0.01], 149.75, 9],
  sprtExpectedSamplesH0: [[0.01, 0.02, 0.05, 0.2], 430.0, 0],
  sprtExpectedSamplesH1: [[0.01, 0.02, 0.05, 0.2], 487.1, 0],
  familywiseFalseAlarm: [[0.01, 50], 0.395, 3],
  bonferroniThreshold: [[0.05, 50], 3.2905, 3],
  falseAlarmRate: [[3], 0.0027, 4],
  detectionProbability: [[4, 3.29], 0.761, 3],
  manualToil: [[20, 0.5], 367_877.12, 1],
  platformRoi: [[20, 0.5, 500_000, 0.1, 1], -168_910.59, 1],
  platformBreakEven: [[500_000, 0.5, 0.1, 1], 26.616, 2],
};

describe("MODEL_FUNCTIONS", () => {
  const entries = Object.entries(MODEL_FUNCTIONS);
  it("includes the functions the calc command documents", () => {
    for (const name of ["fleetAvailability", "fleetMtbf", "youngDalyInterval", "dalyInterval", "ringAllReduceTime", "criticalNodeCount", "canarySampleSize", "platformBreakEven"]) {
      expect(MODEL_FUNCTIONS).toHaveProperty(name);
    }
  });
  it("keys equal names; units parse in mathjs; optional parameters come last", () => {
    for (const [key, spec] of entries) {
      expect(spec.name).toBe(key);
      for (const u of [spec.returns, ...spec.params.map((q) => q.unit)]) if (u !== null) expect(() => unit(1, u)).not.toThrow();
      const firstOptional = spec.params.findIndex((q) => q.default !== undefined);
      if (firstOptional >= 0) expect(spec.params.slice(firstOptional).every((q) => q.default !== undefined)).toBe(true);
    }
  });
  it.each(Object.keys(MODEL_FUNCTIONS))("%s matches its worked example", (name) => {
    const example = EXAMPLES[name];
    expect(example).toBeDefined();
    const [args, expected, digits] = example;
    expect(modelFunction(name).evaluate(...args)).toBeCloseTo(expected, digits);
  });
  // Bad input fails loudly, never as NaN: each parameter in turn made NaN (and, where the
  // parameter is a count or a size, negative) is refused with an error naming the model
  // function that refused it and the parameter, as the calc command and the widgets show it.
  const badInputs = Object.entries(EXAMPLES).flatMap(([name, [args]]) =>
    args.flatMap((_, i) => [NaN, -1].map((bad) => [name, i, bad] as const)));
  it.each(badInputs)("%s refuses argument %i = %d with a named error", (name, i, bad) => {
    const args = [...EXAMPLES[name][0]];
    args[i] = bad;
    let error: unknown;
    let value: number | undefined;
    try {
      value = modelFunction(name).evaluate(...args);
    } catch (e) {
      error = e;
    }
    if (error === undefined) {
      // -1 is in the domain of a few parameters (a log-scale z, a difference); NaN never is.
      expect(Number.isNaN(bad)).toBe(false);
      expect(Number.isFinite(value)).toBe(true);
      return;
    }
    expect(error).toBeInstanceOf(ModelInputError);
    const { fn, parameter, message } = error as ModelInputError;
    expect(typeof (model as Record<string, unknown>)[fn]).toBe("function");
    expect(parameter).toMatch(/^[A-Za-z_][\w.[\]]*$/);
    expect(message).toContain(`${fn}: ${parameter} must be`);
  });
  it("propagates the model's domain errors", () => expect(() => modelFunction("fleetMtbf").evaluate(-1, 2)).toThrow(/nodeMtbfHours/));
  it("names the known functions, sorted and comma-separated, when one is missing", () => {
    expect(() => modelFunction("nope")).toThrow(/^unknown model function "nope"; known: .*fleetMtbf/);
    let message = "";
    try { modelFunction("nope"); } catch (e) { message = (e as Error).message; }
    const known = message.slice(message.indexOf("known: ") + "known: ".length).split(", ");
    expect(known.length).toBeGreaterThan(10);
    expect(known).toEqual([...known].sort());
    for (const name of known) expect(name).toMatch(/^[A-Za-z]\w*$/);
  });
  it("is frozen: nothing can register by side effect", () => expect(Object.isFrozen(MODEL_FUNCTIONS)).toBe(true));
});
