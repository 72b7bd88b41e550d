import {
  ModelInputError,
  requireFinite,
  requireInRange,
  requireInteger,
  requireNonNegative,
  requireOneOf,
  requirePositive,
  requireProbability,
} from "./errors";

/** The message a refusal must carry, word for word: students and TAs read it. */
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ModelInputError);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).name).toBe("ModelInputError");
    return (error as Error).message;
  }
  throw new Error("no refusal");
}

describe("ModelInputError", () => {
  it("names the function, the parameter, the requirement and what it got", () => {
    const error = new ModelInputError("youngInterval", "mtbfHours", "finite and > 0", -1);
    expect(error.message).toBe("youngInterval: mtbfHours must be finite and > 0 (got -1)");
    expect([error.fn, error.parameter, error.requirement, error.received]).toEqual(["youngInterval", "mtbfHours", "finite and > 0", -1]);
  });
  it.each([
    [Number.NaN, "NaN"],
    ["3 h", '"3 h"'],
    [null, "null"],
    [undefined, "undefined"],
    [[1, 2, 3], "array of length 3"],
    [{ a: 1 }, "object"],
    [true, "boolean"],
  ])("shows %p as %s", (received, shown) => {
    expect(new ModelInputError("f", "x", "ok", received).message).toBe(`f: x must be ok (got ${shown})`);
  });
});

describe("argument checks", () => {
  it("requireFinite accepts any finite number and refuses the rest, naming the first bad argument", () => {
    expect(() => requireFinite("f", { a: -1e300, b: 0 })).not.toThrow();
    expect(refusal(() => requireFinite("f", { a: 1, b: Number.POSITIVE_INFINITY }))).toBe("f: b must be a finite number (got Infinity)");
    expect(refusal(() => requireFinite("f", { a: "1" }))).toBe('f: a must be a finite number (got "1")');
  });
  it("requirePositive and requireNonNegative draw the line at zero", () => {
    expect(() => requirePositive("f", { a: Number.MIN_VALUE })).not.toThrow();
    expect(refusal(() => requirePositive("f", { a: 0 }))).toBe("f: a must be finite and > 0 (got 0)");
    expect(() => requireNonNegative("f", { a: 0 })).not.toThrow();
    expect(refusal(() => requireNonNegative("f", { a: -Number.MIN_VALUE }))).toMatch(/^f: a must be finite and >= 0 \(got -/);
    expect(refusal(() => requireNonNegative("f", { a: Number.NaN }))).toBe("f: a must be finite and >= 0 (got NaN)");
  });
  it.each([
    ["closed", "in [0, 1]", [0, 1], [-1e-9, 1 + 1e-9]],
    ["open", "in (0, 1)", [1e-9, 1 - 1e-9], [0, 1]],
    ["openLow", "in (0, 1]", [1e-9, 1], [0, 1 + 1e-9]],
    ["openHigh", "in [0, 1)", [0, 1 - 1e-9], [-1e-9, 1]],
  ] as const)("requireProbability %s is %s at both ends", (bounds, label, inside, outside) => {
    for (const p of inside) expect(() => requireProbability("f", { p }, bounds)).not.toThrow();
    for (const p of outside) expect(refusal(() => requireProbability("f", { p }, bounds))).toBe(`f: p must be ${label} (got ${p})`);
  });
  it("requireProbability is closed unless told otherwise", () => {
    expect(() => requireProbability("f", { p: 0 })).not.toThrow();
    expect(() => requireProbability("f", { p: 1 })).not.toThrow();
    expect(refusal(() => requireProbability("f", { p: 2 }))).toBe("f: p must be in [0, 1] (got 2)");
  });
  it("requireInteger keeps whole numbers within its bounds, from 1 by default", () => {
    expect(() => requireInteger("f", { n: 1 })).not.toThrow();
    expect(() => requireInteger("f", { n: Number.MAX_SAFE_INTEGER })).not.toThrow();
    expect(refusal(() => requireInteger("f", { n: 0 }))).toBe(`f: n must be an integer in [1, ${Number.MAX_SAFE_INTEGER}] (got 0)`);
    expect(refusal(() => requireInteger("f", { n: Number.MAX_SAFE_INTEGER + 1 }))).toMatch(/^f: n must be an integer in \[1, 9007199254740991\]/);
    expect(refusal(() => requireInteger("f", { n: 2.5 }, 0, 10))).toBe("f: n must be an integer in [0, 10] (got 2.5)");
    expect(() => requireInteger("f", { n: 0 }, 0, 10)).not.toThrow();
    expect(() => requireInteger("f", { n: 10 }, 0, 10)).not.toThrow();
    expect(refusal(() => requireInteger("f", { n: 11 }, 0, 10))).toBe("f: n must be an integer in [0, 10] (got 11)");
  });
  it("requireInRange includes both ends", () => {
    expect(() => requireInRange("f", { x: 2 }, 2, 3)).not.toThrow();
    expect(() => requireInRange("f", { x: 3 }, 2, 3)).not.toThrow();
    expect(refusal(() => requireInRange("f", { x: 1.5 }, 2, 3))).toBe("f: x must be in [2, 3] (got 1.5)");
    expect(refusal(() => requireInRange("f", { x: 3.5 }, 2, 3))).toBe("f: x must be in [2, 3] (got 3.5)");
  });
  it("requireOneOf returns the option and lists all of them when refusing", () => {
    expect(requireOneOf("f", "mode", "b", ["a", "b"])).toBe("b");
    expect(refusal(() => requireOneOf("f", "mode", "c", ["a", "b"]))).toBe('f: mode must be one of "a", "b" (got "c")');
    expect(refusal(() => requireOneOf("f", "mode", 1, ["a", "b"]))).toBe('f: mode must be one of "a", "b" (got 1)');
  });
});
