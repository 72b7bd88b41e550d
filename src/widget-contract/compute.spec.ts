import { fleetAvailability } from "../model/reliability";
import { computeRows, computeValue, controlIds, sweepValues } from "./compute";
import { fleetMtbf } from "../model/reliability";
import type { PlotCompute } from "./traits";

const FN = "fleetAvailability"; // registered by src/model/registry.ts

const compute = (over: Partial<PlotCompute> = {}): PlotCompute => ({
  fn: FN, sweep: { param: "nodes", from: 1, to: 1000, points: 4, scale: "log" },
  args: { nodeAvailability: { control: "c1" } }, as: "availability", ...over,
});

describe("sweepValues", () => {
  it("spaces log sweeps by decades and linear sweeps evenly", () => {
    sweepValues({ param: "n", from: 1, to: 1000, points: 4, scale: "log" })
      .forEach((x, i) => expect(x).toBeCloseTo([1, 10, 100, 1000][i], 9));
    expect(sweepValues({ param: "n", from: 0, to: 1, points: 3, scale: "linear" })).toEqual([0, 0.5, 1]);
  });
  it("names the bad field", () => {
    expect(() => sweepValues({ param: "n", from: 0, to: 10, points: 5, scale: "log" })).toThrow(/> 0 on a log scale/);
    expect(() => sweepValues({ param: "n", from: 0, to: 10, points: 1, scale: "linear" })).toThrow(/compute.sweep.points/);
  });
});

describe("computeRows", () => {
  it("matches direct model calls at every sweep point (worked example: 0.999 over 1..1000 nodes)", () => {
    const rows = computeRows(compute(), { c1: 0.999 });
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row.availability).toBe(fleetAvailability(0.999, row.nodes as number));
    expect(rows[3].availability).toBeCloseTo(0.3677, 4); // figures.md ★ 0.999^1000
  });

  it("reads constants and defaults, and lists its controls", () => {
    const c = compute({ args: { nodeAvailability: 0.99 }, as: undefined });
    expect(computeRows(c, {})[1]).toEqual({ nodes: 10, value: fleetAvailability(0.99, 10) });
    expect(controlIds(compute())).toEqual(["c1"]);
  });

  it("names the argument that is missing, unknown or has no control value", () => {
    expect(() => computeRows(compute(), {})).toThrow("compute.args.nodeAvailability: control c1 has no finite value (got undefined)");
    expect(() => computeRows(compute({ args: {} }), {})).toThrow(/compute.args.nodeAvailability is required/);
    expect(() => computeRows(compute({ args: { nodeAvailability: 0.9, gpus: 8 } }), {})).toThrow(/compute.args.gpus is not a parameter/);
    expect(() => computeRows(compute({ fn: "noSuchFunction" }), {})).toThrow(/unknown model function/);
  });

  it("lets the model's own validation speak for out-of-domain values", () =>
    expect(() => computeRows(compute(), { c1: 1.5 })).toThrow(/nodeAvailability/));
});

describe("computeValue", () => {
  it("calls the model function with constants and control values (fleetMtbf 50,000 h over 1,000 nodes = 50 h)", () => {
    const compute = { fn: "fleetMtbf", args: { nodeMtbf: 50_000, nodes: { control: "c2" } } };
    expect(computeValue(compute, { c2: 1000 })).toBe(fleetMtbf(50_000, 1000));
    expect(computeValue(compute, { c2: 1000 })).toBeCloseTo(50, 12);
    expect(controlIds(compute)).toEqual(["c2"]);
  });
  it("names a bad argument", () => {
    expect(() => computeValue({ fn: "fleetMtbf", args: { nodeMtbf: 1, nodez: 2 } }, {})).toThrow(/compute.args.nodez is not a parameter of fleetMtbf/);
    expect(() => computeValue({ fn: "fleetMtbf", args: { nodeMtbf: 1, nodes: { control: "c" } } }, {})).toThrow(/control c has no finite value/);
  });
});
