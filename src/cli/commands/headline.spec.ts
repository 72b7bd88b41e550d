import { formatDuration, headlineRows, headlineTable, run } from "./headline";

const row = (figure: string) => {
  const r = headlineRows().find((x) => x.figure === figure);
  if (!r) throw new Error(`no row ${figure}`);
  return r;
};

describe("headline", () => {
  it("Tiny Pioneer's fleet availability is the golden 0.999^10000 = 4.52e-5 ★", () =>
    expect(row("fleet availability P_node^N").values[3]).toBe("4.52e-5"));
  it("a billion-device fleet's availability is shown as a power of ten, not 0", () =>
    expect(row("fleet availability P_node^N").values[2]).toBe(`10^${Math.round(1e9 * Math.log10(0.99))}`));
  it("Cloud Titan's mission 07 fleet MTBF is the plan's 4 h and its Young interval √(2 · 39.5 s · 4 h)", () => {
    expect(headlineRows().filter((r) => r.mission === "07" && r.figure === "fleet MTBF")[0].values[0]).toBe("4 h");
    expect(row("Young-Daly interval √(2δM)").raw[0]).toBeCloseTo(Math.sqrt(2 * ((70_553_706_496 * 14) / 25e9) * 14_400), 6);
  });
  it("the canary sample size is 2,995 ★ on every track (95%, 1-in-1,000)", () =>
    expect(row("canary sample size").values).toEqual(["2995", "2995", "2995", "2995"]));
  it("DRAM staging stops the math for less time than local staging, on every track", () => {
    const local = row("math-stop, local staging").raw;
    row("math-stop, DRAM staging").raw.forEach((v, i) => expect(v).toBeLessThan(local[i]));
  });
  it("prints an aligned table: every line has the columns at the same offsets", () => {
    const lines = headlineTable().split("\n");
    expect(lines[0]).toMatch(/^mission\s+figure\s+Cloud Titan\s+Edge Guardian\s+Mobile Nomad\s+Tiny Pioneer$/);
    expect(lines).toHaveLength(1 + headlineRows().length);
    const end = [...lines[0]].length;
    for (const l of lines.slice(1)) expect([...l].length).toBe(end);
  });
  it("formats durations in the largest readable unit", () => {
    expect(formatDuration(14_400)).toBe("4 h");
    expect(formatDuration(0.1)).toBe("100 ms");
    expect(formatDuration(1610)).toBe("26.8 min");
  });
  it("rejects arguments with exit code 2", async () => {
    const spy = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(await run(["--bogus"])).toBe(2);
    spy.mockRestore();
  });
});

describe("headline brown-out", () => {
  it("Tiny Pioneer's 8 kB state fits its 10 ms hold-up in FeRAM (5.7 ms) though flash would take 667 ms", () => {
    const fits = headlineRows().find((r) => r.figure === "DRAM/FeRAM save fits the hold-up")!;
    expect(fits.values[3]).toBe("yes");
    expect(headlineRows().find((r) => r.figure === "math-stop, local staging")!.raw[3]).toBeCloseTo(8e3 / 12e3, 9);
  });
});
