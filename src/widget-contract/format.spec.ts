import { formatReading, formatValue, withUnit } from "./format";

describe("formatValue (readouts and text/plain alike)", () => {
  it("shows 4 significant digits, exponent form outside [1e-3, 1e6)", () => {
    expect(formatValue(2939.387)).toBe("2939");
    expect(formatValue(0.12345)).toBe("0.1235");
    expect(formatValue(1.5e7)).toBe("1.50e+7");
    expect(formatValue(0)).toBe("0");
  });
  it("shows every decimal a linear step resolves", () => {
    expect(formatValue(0.99999, 0.00001)).toBe("0.99999");
    expect(formatValue(0.99, 0.00001)).toBe("0.99");
    expect(formatValue(2.5, 0.5)).toBe("2.5");
  });
  it("writes a reading with its unit, and no reading as a dash", () => {
    expect(formatReading(4, "h")).toBe("4 h");
    expect(formatReading(0.995, "")).toBe("0.995");
    expect(formatReading(null, "h")).toBe("—");
    expect(withUnit("300", "s")).toBe("300 s");
  });
});
