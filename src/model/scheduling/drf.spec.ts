import { DEFAULT_MAX_EVENTS } from "../sim/event-budget";
import { workTally } from "../sim/work-tally";
import { dominantResourceFairness, dominantShare } from "./drf";

describe("dominantResourceFairness", () => {
  const golden = () => dominantResourceFairness({ capacity: [9, 18], demands: [[1, 4], [3, 1]] });

  it("matches the worked example (figures.md §5 ★)", () => {
    const r = golden();
    expect(r.tasks).toEqual([3, 2]);
    expect(r.allocation).toEqual([[3, 12], [6, 2]]);
    expect(r.dominantShares[0]).toBeCloseTo(2 / 3, 12);
    expect(r.dominantShares[1]).toBeCloseTo(2 / 3, 12);
    expect(r.dominantResource).toEqual([1, 0]);
    expect(r.remaining).toEqual([0, 4]);
  });

  it("is plain max-min fairness with one resource", () => {
    const r = dominantResourceFairness({ capacity: [12], demands: [[1], [1], [1]] });
    expect(r.tasks).toEqual([4, 4, 4]);
  });

  it("gives leftovers to users still able to grow once others saturate (maxTasks)", () => {
    const r = dominantResourceFairness({ capacity: [10], demands: [[1], [1]], maxTasks: [2, 100] });
    expect(r.tasks).toEqual([2, 8]);
  });

  it("never exceeds capacity and is max-min fair on dominant shares (randomised)", () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let trial = 0; trial < 50; trial++) {
      const capacity = [10 + Math.floor(rnd() * 50), 10 + Math.floor(rnd() * 50)];
      const demands = [0, 1, 2].map(() => [1 + Math.floor(rnd() * 4), 1 + Math.floor(rnd() * 4)]);
      const r = dominantResourceFairness({ capacity, demands });
      for (let k = 0; k < 2; k++) expect(r.remaining[k]).toBeGreaterThanOrEqual(0);
      // A user may lead another by more than one of its own tasks only if the other cannot grow.
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
        const oneTaskOfJ = dominantShare(demands[j], capacity);
        const iCanGrow = demands[i].every((d, k) => d <= r.remaining[k]);
        if (r.dominantShares[j] - oneTaskOfJ > r.dominantShares[i] + 1e-12) expect(iCanGrow).toBe(false);
      }
      // Pareto: nobody can take one more task.
      expect(demands.some((d) => d.every((x, k) => x <= r.remaining[k]))).toBe(false);
    }
  });

  it("stops filling at its event budget and says so; within it, grants the same as without", () => {
    const input = { capacity: [9, 18], demands: [[1, 4], [3, 1]] };
    const free = dominantResourceFairness(input);
    expect(free.budget).toEqual({ maxEvents: DEFAULT_MAX_EVENTS, events: 5, exhausted: false });
    expect(dominantResourceFairness({ ...input, maxEvents: 5 })).toEqual({ ...free, budget: { maxEvents: 5, events: 5, exhausted: false } });
    const cut = dominantResourceFairness({ ...input, maxEvents: 4 });
    expect(cut.budget).toEqual({ maxEvents: 4, events: 4, exhausted: true });
    expect(cut.tasks.reduce((a, b) => a + b, 0)).toBe(4);
    // A billion tiny tasks would take a billion steps: the budget bounds them.
    const before = workTally();
    const huge = dominantResourceFairness({ capacity: [1e9], demands: [[1], [1]], maxEvents: 10_000 });
    expect(huge.budget.exhausted).toBe(true);
    expect(huge.tasks).toEqual([5000, 5000]);
    expect(workTally() - before).toBe(10_000);
    expect(() => dominantResourceFairness({ ...input, maxEvents: 0 })).toThrow(/dominantResourceFairness: maxEvents must be an integer/);
  });
  it("dominantShare matches its worked example", () => expect(dominantShare([3, 12], [9, 18])).toBeCloseTo(2 / 3, 12));

  it("rejects malformed input, naming the field", () => {
    expect(() => dominantResourceFairness({ capacity: [9, 0], demands: [[1, 1]] })).toThrow(/capacity\[1\]/);
    expect(() => dominantResourceFairness({ capacity: [9, 18], demands: [[1]] })).toThrow(/demands\[0\]/);
    expect(() => dominantResourceFairness({ capacity: [9, 18], demands: [[0, 0]] })).toThrow(/demands\[0\]/);
    expect(() => dominantResourceFairness({ capacity: [9, 18], demands: [[1, -1]] })).toThrow(/demands\[0\]\[1\]/);
  });

  it("rejects malformed input with the exact message", () => {
    const fails = (input: unknown) => () => dominantResourceFairness(input as Parameters<typeof dominantResourceFairness>[0]);
    const fn = "dominantResourceFairness";
    expect(fails({ capacity: [], demands: [[1]] })).toThrow(`${fn}: capacity must be a non-empty array (got array of length 0)`);
    expect(fails({ capacity: 9, demands: [[1]] })).toThrow(`${fn}: capacity must be a non-empty array (got 9)`);
    expect(fails({ capacity: [9], demands: [] })).toThrow(`${fn}: demands must be a non-empty array (got array of length 0)`);
    expect(fails({ capacity: [9] })).toThrow(`${fn}: demands must be a non-empty array (got undefined)`);
    expect(fails({ capacity: [9, 18], demands: [[1]] })).toThrow(`${fn}: demands[0] must be an array of 2 numbers (got array of length 1)`);
    expect(fails({ capacity: [9, 18], demands: [[1, 1], [0, 0]] })).toThrow(`${fn}: demands[1] must be non-zero in at least one resource (got "all zeros")`);
    expect(fails({ capacity: [9], demands: [[1], [1]], maxTasks: [2] })).toThrow(`${fn}: maxTasks must be an array of 2 integers (got array of length 1)`);
    expect(fails({ capacity: [9], demands: [[1], [1]], maxTasks: 2 })).toThrow(`${fn}: maxTasks must be an array of 2 integers (got 2)`);
    expect(fails({ capacity: [9], demands: [[1], [1]], maxTasks: [2, -1] })).toThrow(`${fn}: maxTasks[1] must be an integer in [0, ${Number.MAX_SAFE_INTEGER}] (got -1)`);
  });

  it("accepts a cap of 0 tasks: that user gets none and the others share everything", () => {
    const r = dominantResourceFairness({ capacity: [6], demands: [[1], [1], [2]], maxTasks: [0, 10, 10] });
    // Lowest share first: B 1/6, C 2/6, B 2/6, tie → B 3/6; C's next 2 no longer fit in the 1 left, B's 1 does.
    expect(r.tasks).toEqual([0, 4, 1]);
    expect(r.dominantShares).toEqual([0, 4 / 6, 2 / 6]);
    expect(r.remaining).toEqual([0]);
  });

  it("gives ties to the lower user index, also when the shares differ only by rounding", () => {
    expect(dominantResourceFairness({ capacity: [3], demands: [[1], [1]] }).tasks).toEqual([2, 1]);
    // Capacity 1, tasks of 0.1 and 0.3: after A's third task A and B both hold 0.3 (A's as 0.1 + 0.1 + 0.1 =
    // 0.30000000000000004), so the tie goes to A; then B, and neither fits again: exact arithmetic gives [4, 2].
    expect(dominantResourceFairness({ capacity: [1], demands: [[0.1], [0.3]] }).tasks).toEqual([4, 2]);
  });

  it("counts shares exactly 1e-15 apart as a tie, that bound included", () => {
    // Tasks of 1e-15 of a capacity of 1: after A's first task A holds 1e-15 and B 0, a gap of exactly
    // 1e-15, so the tie still goes to A; two grants give [2, 0].
    const r = dominantResourceFairness({ capacity: [1], demands: [[1e-15], [1e-15]], maxEvents: 2 });
    expect(r.tasks).toEqual([2, 0]);
  });

  it("fills a resource exactly even when the demands sum with rounding error", () => {
    // 3 · 0.1 exceeds 0.3 in floating point by 4e-17; the third task still fits.
    const r = dominantResourceFairness({ capacity: [0.3], demands: [[0.1]] });
    expect(r.tasks).toEqual([3]);
    expect(r.remaining[0]).toBeCloseTo(0, 15);
  });

  it("fits a task up to a relative 1e-12 over capacity, that bound included", () => {
    expect(dominantResourceFairness({ capacity: [1], demands: [[1 * (1 + 1e-12)]] }).tasks).toEqual([1]);
    expect(dominantResourceFairness({ capacity: [1], demands: [[1 + 2e-12]] }).tasks).toEqual([0]);
  });

  it("accepts demands of zero in some resources", () => {
    // A ⟨1, 0⟩ and B ⟨0, 1⟩ of ⟨2, 3⟩ never compete: each fills its own resource.
    const r = dominantResourceFairness({ capacity: [2, 3], demands: [[1, 0], [0, 1]] });
    expect(r.tasks).toEqual([2, 3]);
    expect(r.dominantResource).toEqual([0, 1]);
    expect(r.dominantShares).toEqual([1, 1]);
  });

  it("names the first resource dominant when two shares tie, also for a user granted nothing", () => {
    // A wants ⟨1, 2⟩ of ⟨2, 4⟩: half of each. B wants ⟨3, 1⟩ of ⟨2, 4⟩: never fits, CPU-dominant.
    const r = dominantResourceFairness({ capacity: [2, 4], demands: [[1, 2], [3, 1]] });
    expect(r.tasks).toEqual([2, 0]);
    expect(r.dominantResource).toEqual([0, 0]);
    expect(r.dominantShares).toEqual([1, 0]);
    expect(r.allocation).toEqual([[2, 4], [0, 0]]);
    expect(dominantResourceFairness({ capacity: [4, 2], demands: [[1, 1]] }).dominantResource).toEqual([1]);
  });

  it("dominantShare is the largest share over all resources, wherever it is", () => {
    expect(dominantShare([1, 1, 6], [2, 4, 8])).toBe(0.75);
    expect(dominantShare([3, 1, 1], [4, 4, 8])).toBe(0.75);
    expect(dominantShare([0, 0], [4, 8])).toBe(0);
  });
});
