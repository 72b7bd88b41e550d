import { memoizeRuns } from "./update-work";
import { missionSeed, withRunSeed } from "./seeds";

describe("mission seeds", () => {
  it("are the published seeds outside a seeded run", () => {
    expect([missionSeed(3), missionSeed(11)]).toEqual([3, 11]);
  });
  it("derive from the run seed inside one: distinct per published seed and per run seed, the same for the same pair", () => {
    const under = (run: number) => withRunSeed(run, () => [missionSeed(3), missionSeed(11)]);
    const [a, b] = under(1);
    expect(a).not.toBe(b);
    expect(under(1)).toEqual([a, b]);
    expect(under(2)).not.toEqual([a, b]);
    expect([a, b].every((s) => Number.isInteger(s) && s >= 0 && s < 2 ** 32)).toBe(true);
    expect(missionSeed(3)).toBe(3);
  });
  it("never let a memoised run of one seed answer under another, and restore the published seeds after a throw", () => {
    const run = memoizeRuns((published: number) => String(published), (published: number) => missionSeed(published));
    expect(run(7)).toBe(7);
    const seeded = withRunSeed(5, () => run(7));
    expect(seeded).not.toBe(7);
    expect(run(7)).toBe(7);
    expect(() => withRunSeed(6, () => { throw new Error("boom"); })).toThrow("boom");
    expect(missionSeed(7)).toBe(7);
  });
  it("refuse a run seed that is not a non-negative integer", () => {
    for (const bad of [-1, 1.5, NaN, 2 ** 60]) expect(() => withRunSeed(bad, () => 0)).toThrow(/non-negative integer/);
  });
});
