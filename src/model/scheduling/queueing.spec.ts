import { erlangC, erlangCWait, littlesLaw, pollaczekKhinchineWait } from "./queueing";

describe("pollaczekKhinchineWait", () => {
  const ratio = (utilization: number, serviceCv: number) =>
    pollaczekKhinchineWait({ utilization, meanServiceTime: 1, serviceCv });

  it("matches the golden W_q/E[S] table (figures.md §5)", () => {
    expect(ratio(0.8, 1)).toBeCloseTo(4, 12);
    expect(ratio(0.8, 3)).toBeCloseTo(20, 12);
    expect(ratio(0.8, 5)).toBeCloseTo(52, 12);
    expect(ratio(0.9, 3)).toBeCloseTo(45, 12);
    expect(ratio(0.5, 1)).toBeCloseTo(1, 12);
  });

  it("equals λE[S²]/(2(1−ρ)) written the other way", () => {
    const lambda = 0.35, meanS = 2, cv = 1.5;
    const es2 = meanS * meanS * (1 + cv * cv);
    expect(pollaczekKhinchineWait({ utilization: lambda * meanS, meanServiceTime: meanS, serviceCv: cv }))
      .toBeCloseTo((lambda * es2) / (2 * (1 - lambda * meanS)), 9);
  });

  it("halves from M/M/1 to M/D/1 and scales with E[S]", () => {
    expect(pollaczekKhinchineWait({ utilization: 0.6, meanServiceTime: 3, serviceCv: 0 }))
      .toBeCloseTo(pollaczekKhinchineWait({ utilization: 0.6, meanServiceTime: 3, serviceCv: 1 }) / 2, 12);
    expect(pollaczekKhinchineWait({ utilization: 0.6, meanServiceTime: 3, serviceCv: 1 })).toBeCloseTo(3 * ratio(0.6, 1), 12);
  });

  it("rejects ρ ≥ 1 and a negative C_s, naming the field", () => {
    expect(() => ratio(1, 1)).toThrow(/utilization/);
    expect(() => ratio(0.5, -1)).toThrow(/serviceCv/);
    expect(() => pollaczekKhinchineWait({ utilization: 0.5, meanServiceTime: 0, serviceCv: 1 })).toThrow(/meanServiceTime/);
  });
});

describe("littlesLaw", () => {
  it("matches the worked example", () => expect(littlesLaw(2, 5)).toBe(10));
  it("rejects a negative rate", () => expect(() => littlesLaw(-1, 5)).toThrow(/arrivalRate/));
});

describe("erlangC", () => {
  it("matches the worked example", () => {
    expect(erlangC({ servers: 2, arrivalRate: 1, meanServiceTime: 1 })).toBeCloseTo(1 / 3, 12);
    expect(erlangCWait({ servers: 2, arrivalRate: 1, meanServiceTime: 1 })).toBeCloseTo(1 / 3, 12);
  });
  it("reduces to M/M/1 (P-K with C_s = 1) for one server", () => {
    expect(erlangCWait({ servers: 1, arrivalRate: 0.8, meanServiceTime: 1 })).toBeCloseTo(ratio(0.8), 9);
    function ratio(rho: number) { return pollaczekKhinchineWait({ utilization: rho, meanServiceTime: 1, serviceCv: 1 }); }
  });
  it("waits less with pooled servers at equal utilisation", () => {
    expect(erlangCWait({ servers: 8, arrivalRate: 6.4, meanServiceTime: 1 }))
      .toBeLessThan(erlangCWait({ servers: 1, arrivalRate: 0.8, meanServiceTime: 1 }));
  });
  it("rejects an overloaded system", () => expect(() => erlangC({ servers: 2, arrivalRate: 3, meanServiceTime: 1 })).toThrow(/arrivalRate/));
});
