import { unit } from "mathjs";
import { ModelInputError } from "./errors";
import { toBytes, toBytesPerSecond, toHours, toJoules, toPlainNumber, toSeconds, toWatts } from "./units";

describe("units at the API edge", () => {
  it("converts mathjs Units and strings to plain numbers", () => {
    expect(toSeconds(unit("2 min"))).toBe(120);
    expect(toSeconds("3 h")).toBe(10_800);
    expect(toHours("54 days")).toBeCloseTo(1_296, 9);
    expect(toBytes("350 GB")).toBe(350e9);
    expect(toBytes("1 GiB")).toBe(2 ** 30);
    expect(toBytesPerSecond("400 Gb/s")).toBe(50e9);
    expect(toBytesPerSecond(unit(12.5, "GB/s"))).toBe(12.5e9);
    expect(toWatts("1 mW")).toBeCloseTo(1e-3, 15);
    expect(toJoules("5 mJ")).toBeCloseTo(5e-3, 15);
  });
  it("passes numbers through as already in the target unit", () => {
    expect(toSeconds(42)).toBe(42);
    expect(toBytes(0)).toBe(0);
  });
  it("rejects a wrong dimension, naming the parameter", () => {
    expect(() => toSeconds("350 GB", "checkpointSeconds")).toThrow(ModelInputError);
    expect(() => toSeconds("350 GB", "checkpointSeconds")).toThrow(/checkpointSeconds/);
    expect(() => toBytesPerSecond("5 GB")).toThrow(/dimension of B\/s/);
  });
  it("rejects unparseable, unitless and non-finite values", () => {
    expect(() => toBytes("lots of bytes", "messageBytes")).toThrow(/messageBytes/);
    expect(() => toSeconds(Number.NaN)).toThrow(/finite/);
    expect(() => toSeconds(unit("s"))).toThrow(ModelInputError);
    expect(() => toPlainNumber("f", "x", {} as unknown as number, "s")).toThrow(/f: x/);
  });
  it.each([
    ["toSeconds", toSeconds, "s"],
    ["toHours", toHours, "h"],
    ["toBytes", toBytes, "B"],
    ["toBytesPerSecond", toBytesPerSecond, "B/s"],
    ["toWatts", toWatts, "W"],
    ["toJoules", toJoules, "J"],
  ] as const)("%s names itself, its parameter and its unit in every refusal", (name, convert, targetUnit) => {
    const wrongDimension = targetUnit === "B" ? "3 s" : "3 B";
    const expected = (requirement: string, got: string) => `${name}: value must be ${requirement} (got ${got})`;
    expect(() => convert(wrongDimension)).toThrow(expected(`a quantity with the dimension of ${targetUnit}`, `"${wrongDimension}"`));
    expect(() => convert("no such unit")).toThrow(expected(`a quantity in ${targetUnit} or a compatible unit`, '"no such unit"'));
    expect(() => convert(true as unknown as number)).toThrow(expected(`a number, unit string or mathjs Unit in ${targetUnit}`, "boolean"));
    expect(() => convert(Number.POSITIVE_INFINITY)).toThrow(expected("finite", "Infinity"));
  });
});
