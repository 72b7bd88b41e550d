import { niceCeil, niceFloor } from "./ranges";

describe("niceCeil and niceFloor round a gauge's end outward to 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k", () => {
  it("rounds up (niceCeil) and down (niceFloor), keeping round numbers as they are", () => {
    expect([0.001426, 102, 545.2, 8023, 2.706, 0.5955, 1000, 3, 0.3].map(niceCeil)).toEqual([0.0015, 120, 600, 10_000, 3, 0.6, 1000, 3, 0.3]);
    expect([0.947, 102, 8023, 1000, 0.3].map(niceFloor)).toEqual([0.8, 100, 8000, 1000, 0.3]);
  });
  it("rounds negative numbers outward too, and keeps 0", () => {
    expect(niceFloor(-495_500)).toBe(-500_000);
    expect(niceCeil(-495_500)).toBe(-400_000);
    expect(niceCeil(0)).toBe(0);
    expect(niceFloor(0)).toBe(0);
  });
  it("never widens by 4/3 or more (the steps 1.5 → 2, 3 → 4, 6 → 8 are the widest)", () => {
    for (let x = 0.01; x < 1000; x *= 1.0137) {
      expect(niceCeil(x)).toBeGreaterThanOrEqual(x);
      expect(niceCeil(x) / x).toBeLessThan(4 / 3);
      expect(niceFloor(x)).toBeLessThanOrEqual(x);
      expect(x / niceFloor(x)).toBeLessThan(4 / 3);
    }
  });
  it("refuses a non-finite number", () => {
    expect(() => niceCeil(Infinity)).toThrow(RangeError);
    expect(() => niceFloor(NaN)).toThrow(RangeError);
  });
});
