import { evaluateCalc, formatNumber, registryTable, run, CalcError } from "./calc";
import { MODEL_FUNCTIONS } from "../../model/registry";

describe("catalog figures in calc", () => {
  it("reads a figure by its catalog name, as a quantity in its unit", () => {
    expect(evaluateCalc("B200.hbmBytes / H100_SXM.hbmBytes").value).toBeCloseTo(180 / 80, 12);
    expect(evaluateCalc("to(B200.hbmBytes, GB)").text).toBe("180 GB");
  });
  it("feeds model functions: a 1,024-GPU ring on InfiniBand NDR for the 175B model's gradients, against the α–β closed form", () => {
    const n = 1024, alpha = 5e-6, bytes = 175e9 * 2, bandwidth = 50e9;
    const closedForm = 2 * (n - 1) * alpha + ((2 * (n - 1)) / n) * (bytes / bandwidth);
    const r = evaluateCalc("ringAllReduceTime(MODEL_175B_GRADIENT_BYTES, 1024, INFINIBAND_NDR.bytesPerSecond, INFINIBAND_NDR.latencySeconds)");
    expect(r.unit).toBe("s");
    expect(r.value).toBeCloseTo(closedForm, 9);
  });
  it("reads FLOP/s as a rate: a petaFLOP at an H100's dense BF16 peak takes 1.01 s", () => {
    expect(evaluateCalc("1e15 / H100_SXM.denseBf16FlopsPerSecond").value).toBeCloseTo(1e15 / 989.4e12, 12);
  });
  it("reads table rows and counts: Faulty GPUs were 148 of the 419 interruptions", () => {
    expect(evaluateCalc("LLAMA3_ROOT_CAUSES.faultyGpu.count / LLAMA3_405B_RUN.unexpectedInterruptions").value).toBeCloseTo(148 / 419, 12);
  });
  it("shows a time computed from bytes over bandwidth in a readable unit", () => {
    // Young: √(2 · 987.8 GB / 2 TB/s · 3.093 h) = 105 s
    const delta = (70_553_706_496 * 14) / 2e12, mtbf = (54 * 24 * 3600) / 419;
    const r = evaluateCalc("youngDalyInterval(LLAMA3_70B_SIZES.adamNoGradientsBytes / STORAGE_TIERS.tectonicSustained, LLAMA3_405B_RUN.fleetMtbfHours)");
    expect(r.unit).toBe("min");
    expect(r.value * 60).toBeCloseTo(Math.sqrt(2 * delta * mtbf), 6);
  });
  it("an expression cannot change a figure for the next one", () => {
    evaluateCalc("B200.hbmBytes = 1 B");
    expect(evaluateCalc("B200.hbmBytes / H100_SXM.hbmBytes").value).toBeCloseTo(2.25, 12);
  });
  it("names an unknown figure", () => {
    expect(() => evaluateCalc("H200.hbmBytes")).toThrow(/H200/);
  });
});

describe("evaluateCalc", () => {
  it("youngDalyInterval(2 min, 3 h) prints 26.8 min (figures.md §2 ★ 26.83 min)", () => {
    const r = evaluateCalc("youngDalyInterval(2 min, 3 h)");
    expect(r.text).toBe("26.8 min");
    expect(r.unit).toBe("min");
    expect(r.value).toBeCloseTo(26.8328, 4);
  });
  it("to(fleetMtbf(50000 h, 10000), h) prints 5 h", () => {
    expect(evaluateCalc("to(fleetMtbf(50000 h, 10000), h)")).toEqual({ value: 5, unit: "h", text: "5 h" });
  });
  it("keeps the unit of an explicit conversion, including minutes", () => {
    expect(evaluateCalc("youngDalyInterval(2 min, 3 h) to h").text).toBe("0.447 h");
    expect(evaluateCalc("to(fleetMtbf(50000 h, 10000), min)").text).toBe("300 min");
  });
  it("converts units to the parameter's unit: the same answer in any input unit", () => {
    const a = evaluateCalc("ringAllReduceTime(350 GB, 1024, 12.5 GB/s)");
    const b = evaluateCalc("ringAllReduceTime(350000 MB, 1024, 100 Gb/s)");
    expect(a.value).toBeCloseTo(55.9453, 4);
    expect(a.unit).toBe("s");
    expect(b.value).toBeCloseTo(a.value, 9);
  });
  it("picks a readable time unit when the only input unit would be awkward", () =>
    expect(evaluateCalc("ringAllReduceTime(350 GB, 1024, 100 Gb/s, 5 us)").text).toBe("56 s"));
  it("returns plain numbers for dimensionless functions, full precision in value", () => {
    expect(evaluateCalc("canarySampleSize(0.95, 0.001)")).toEqual({ value: 2995, unit: null, text: "2995" });
    expect(evaluateCalc("fleetAvailability(0.999, 1000)").value).toBeCloseTo(0.3677, 4);
    expect(evaluateCalc("round(platformBreakEven(500000, 0.5))").value).toBe(27);
  });
  it("registry results compose with mathjs arithmetic and still accept `min()` as a function", () => {
    expect(evaluateCalc("2 * fleetMtbf(50000 h, 10000)").text).toBe("10 h");
    expect(evaluateCalc("min(3, 4)").value).toBe(3);
  });
  it("applies defaults for trailing optional parameters", () =>
    expect(evaluateCalc("ruleOfThree(3000)").value).toBeCloseTo(2.9957 / 3000, 7));
  it("rejects an unknown function", () => expect(() => evaluateCalc("nope(3)")).toThrow(CalcError));
  it("rejects a wrong dimension, naming the parameter", () =>
    expect(() => evaluateCalc("fleetMtbf(50000 kg, 10)")).toThrow(/fleetMtbf: nodeMtbf must be a quantity with the dimension of h/));
  it("rejects a unit on a dimensionless parameter", () =>
    expect(() => evaluateCalc("canarySampleSize(0.95 s, 0.001)")).toThrow(/confidence must be a plain number/));
  it("rejects an out-of-domain argument with the model's message", () =>
    expect(() => evaluateCalc("fleetMtbf(-1 h, 2)")).toThrow(/fleetMtbf: nodeMtbfHours must be finite and > 0/));
  it("rejects a wrong argument count", () => expect(() => evaluateCalc("fleetMtbf(1 h)")).toThrow(/takes 2 arguments/));
  it("rejects an empty expression", () => expect(() => evaluateCalc("  ")).toThrow(/empty/));
});

describe("formatNumber", () => {
  it("keeps 3 significant digits and whole numbers whole", () => {
    expect(formatNumber(26.832815)).toBe("26.8");
    expect(formatNumber(5)).toBe("5");
    expect(formatNumber(2995)).toBe("2995");
    expect(formatNumber(4.52e-5)).toBe("4.52e-5");
    expect(formatNumber(0.3677)).toBe("0.368");
  });
});

describe("run", () => {
  let out = "";
  let err = "";
  beforeEach(() => {
    out = "";
    err = "";
    jest.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
    jest.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
  });
  afterEach(() => jest.restoreAllMocks());
  it("--json prints value and unit", async () => {
    expect(await run(["to(fleetMtbf(50000 h, 10000), h)", "--json"])).toBe(0);
    expect(JSON.parse(out)).toEqual({ value: 5, unit: "h" });
  });
  it("an error is one line on stderr with exit code 2", async () => {
    expect(await run(["fleetMtbf(1 kg, 2)"])).toBe(2);
    expect(err.trim().split("\n")).toHaveLength(1);
    expect(out).toBe("");
  });
  it("--list prints one table row per registry function", async () => {
    expect(await run(["--list"])).toBe(0);
    expect(out.trim()).toBe(registryTable());
    expect(out.trim().split("\n")).toHaveLength(2 + Object.keys(MODEL_FUNCTIONS).length);
  });
});

describe("README", () => {
  it("documents every registry function: its calc table is exactly `fleetlab calc --list`", () => {
    const readme = require("fs").readFileSync(require("path").resolve(__dirname, "../../../README.md"), "utf8") as string;
    const match = /<!-- calc-functions:start -->\n([\s\S]*?)\n<!-- calc-functions:end -->/.exec(readme);
    expect(match).not.toBeNull();
    expect(match![1]).toBe(registryTable());
    for (const name of Object.keys(MODEL_FUNCTIONS)) expect(readme).toContain(`\`${name}\``);
  });
});
