import { positionOf, stopCount, valueAt } from "./track";

const log = { min: 0.1, max: 1000, step: 0.01, scale: "log" as const };
const lin = { min: 0, max: 10, step: 0.5, scale: "linear" as const };

describe("slider track", () => {
  it("matches the worked example (log, 0.1..1000 h, 100 stops per decade)", () => {
    expect(stopCount(log)).toBe(400);
    expect(valueAt(log, 200)).toBeCloseTo(10, 9);
    expect(positionOf(log, 10)).toBe(200);
  });
  it("puts equal ratios at equal distances on a log track", () => {
    expect(positionOf(log, 1) - positionOf(log, 0.1)).toBe(positionOf(log, 1000) - positionOf(log, 100));
  });
  it("round-trips every stop of a linear track", () => {
    for (let p = 0; p <= stopCount(lin); p++) expect(positionOf(lin, valueAt(lin, p))).toBe(p);
    expect(valueAt(lin, 3)).toBe(1.5);
  });
  it("clamps positions and values to the track", () => {
    expect(valueAt(lin, -4)).toBe(0);
    expect(valueAt(lin, 99)).toBe(10);
    expect(positionOf(log, 1e9)).toBe(400);
  });
});
