import { ModelInputError } from "../errors";
import { createRng } from "./rng";

const draws = (n: number, f: () => number) => Array.from({ length: n }, f);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("createRng", () => {
  it("gives the same stream for the same seed and another for a different seed", () => {
    const a = createRng(42), b = createRng(42), c = createRng(43);
    const xs = draws(5, a.next);
    expect(draws(5, b.next)).toEqual(xs);
    expect(draws(5, c.next)).not.toEqual(xs);
  });
  it("draws next() uniformly from [0, 1)", () => {
    const xs = draws(20_000, createRng(1).next);
    for (const x of xs) { expect(x).toBeGreaterThanOrEqual(0); expect(x).toBeLessThan(1); }
    expect(mean(xs)).toBeCloseTo(0.5, 2); // sd of the mean 0.002
    expect(xs.filter((x) => x < 0.25).length / xs.length).toBeCloseTo(0.25, 1);
  });
  it("draws int(n) from every integer in [0, n), each about 1/n of the time", () => {
    const rng = createRng(3);
    const xs = draws(6_000, () => rng.int(6));
    for (const x of xs) { expect(Number.isInteger(x)).toBe(true); expect(x).toBeGreaterThanOrEqual(0); expect(x).toBeLessThan(6); }
    for (let face = 0; face < 6; face++) expect(xs.filter((x) => x === face).length).toBeGreaterThan(900); // expected 1,000, sd 29
  });
  it("draws exponential(mean) with that mean and the exponential's median mean·ln 2", () => {
    const rng = createRng(5);
    const xs = draws(20_000, () => rng.exponential(30));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(mean(xs) / 30).toBeCloseTo(1, 1); // sd of the mean 0.7%
    expect(xs.filter((x) => x < 30 * Math.LN2).length / xs.length).toBeCloseTo(0.5, 1);
  });
  it("refuses a non-positive or non-finite mean with the function, parameter and value", () => {
    const rng = createRng(5);
    expect(() => rng.exponential(0)).toThrow(new ModelInputError("Rng.exponential", "mean", "finite and > 0", 0));
    expect(() => rng.exponential(-2)).toThrow("Rng.exponential: mean must be finite and > 0 (got -2)");
    expect(() => rng.exponential(Infinity)).toThrow("Rng.exponential: mean must be finite and > 0 (got Infinity)");
  });
  it("draws normal() with mean 0 and variance 1", () => {
    const rng = createRng(8);
    const xs = draws(20_000, rng.normal);
    expect(mean(xs)).toBeCloseTo(0, 1);
    expect(mean(xs.map((x) => x * x))).toBeCloseTo(1, 1);
  });
  it("forks a reproducible stream distinct from its parent's", () => {
    const a = createRng(11).fork(), b = createRng(11).fork();
    const xs = draws(5, a.next);
    expect(draws(5, b.next)).toEqual(xs);
    expect(draws(5, createRng(11).next)).not.toEqual(xs);
  });
  it("refuses a non-finite seed", () => {
    expect(() => createRng(Number.NaN)).toThrow("createRng: seed must be a finite number (got NaN)");
  });
});
