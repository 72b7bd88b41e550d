import { ModelInputError } from "../errors";
import { DEFAULT_MAX_EVENTS, readMaxEvents, SimulationBudgetError } from "./event-budget";

describe("SimulationBudgetError", () => {
  const budget = { maxEvents: 2_500_000, events: 2_500_000, exhausted: true };
  it("is an Error named SimulationBudgetError, carrying the function, budget and detail", () => {
    const error = new SimulationBudgetError("simulateCluster", budget, "42 jobs still queued");
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("SimulationBudgetError");
    expect(String(error)).toBe("SimulationBudgetError: simulation stopped at its budget of 2,500,000 events: 42 jobs still queued");
    expect(error).toMatchObject({ fn: "simulateCluster", budget, detail: "42 jobs still queued" });
  });
});

describe("readMaxEvents", () => {
  it("is DEFAULT_MAX_EVENTS (10,000,000) when absent, else the given budget", () => {
    expect(DEFAULT_MAX_EVENTS).toBe(10_000_000);
    expect(readMaxEvents("simulateCluster", undefined)).toBe(10_000_000);
    expect(readMaxEvents("simulateCluster", 1)).toBe(1);
  });
  it("refuses a budget that is not an integer >= 1, under the parameter name given", () => {
    expect(() => readMaxEvents("simulateCluster", 0)).toThrow(ModelInputError);
    expect(() => readMaxEvents("simulateCluster", 0)).toThrow(`simulateCluster: maxEvents must be an integer in [1, ${Number.MAX_SAFE_INTEGER}] (got 0)`);
    expect(() => readMaxEvents("simulateRun", 2.5, "budget")).toThrow(`simulateRun: budget must be an integer in [1, ${Number.MAX_SAFE_INTEGER}] (got 2.5)`);
  });
});
