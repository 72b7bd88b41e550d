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
});
