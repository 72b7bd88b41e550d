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

  it("accepts an idle queue (ρ = 0), refuses ρ < 0 and ρ = 1 with the exact message", () => {
    expect(ratio(0, 1)).toBe(0); // 0/(1 − 0) · 1 · 1 = 0
    const message = (rho: number) => `pollaczekKhinchineWait: utilization must be in [0, 1) (a queue with ρ ≥ 1 never empties) (got ${rho})`;
    expect(() => ratio(-0.1, 1)).toThrow(message(-0.1));
    expect(() => ratio(1, 1)).toThrow(message(1));
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

  it("offers a = λ·E[S] and waits C·E[S]/(c − a) in the unit of E[S]", () => {
    // One server, λ = 0.25/h, E[S] = 2 h: a = ρ = 0.5, and for c = 1 Erlang C is ρ itself.
    expect(erlangC({ servers: 1, arrivalRate: 0.25, meanServiceTime: 2 })).toBeCloseTo(0.5, 12);
    // c = 2, λ = 0.5/h, E[S] = 2 h: a = 1, ρ = 0.5 as in the worked example, so C = 1/3;
    // W_q = (1/3) · 2 h / (2 − 1) = 2/3 h.
    expect(erlangC({ servers: 2, arrivalRate: 0.5, meanServiceTime: 2 })).toBeCloseTo(1 / 3, 12);
    expect(erlangCWait({ servers: 2, arrivalRate: 0.5, meanServiceTime: 2 })).toBeCloseTo(2 / 3, 12);
  });

  it("refuses ρ = 1 exactly with the exact message, naming the largest stable rate c/E[S]", () => {
    // c = 2, E[S] = 2 h: the servers clear 2/2 = 1 job/h, so λ = 1 gives ρ = 1.
    expect(() => erlangC({ servers: 2, arrivalRate: 1, meanServiceTime: 2 }))
      .toThrow("erlangC: arrivalRate must be < servers / meanServiceTime = 1 (ρ < 1) (got 1)");
    expect(erlangC({ servers: 2, arrivalRate: 0.999, meanServiceTime: 2 })).toBeLessThan(1);
  });
});
