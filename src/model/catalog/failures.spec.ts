import { expectedFailures, fleetMtbf } from "../reliability";
import { LLAMA3_405B_RUN, LLAMA3_ROOT_CAUSES, MLSYSIM_MTTF_HOURS } from "./failures";

describe("Llama 3 failure data", () => {
  const run = LLAMA3_405B_RUN;
  it("Table 5 counts sum to the 419 unexpected interruptions", () => {
    expect(LLAMA3_ROOT_CAUSES.value.reduce((s, r) => s + r.count, 0)).toBe(run.unexpectedInterruptions.value);
    expect(run.plannedInterruptions.value + run.unexpectedInterruptions.value).toBe(run.totalInterruptions.value);
  });
  it("printed percentages match count / 419 except the Faulty GPU row", () => {
    for (const r of LLAMA3_ROOT_CAUSES.value) {
      const pct = (100 * r.count) / 419;
      if (r.component === "Faulty GPU") expect(Math.abs(pct - r.printedPercent)).toBeGreaterThan(5);
      else expect(Math.abs(pct - r.printedPercent)).toBeLessThan(0.06);
    }
    const gpuPrinted = LLAMA3_ROOT_CAUSES.value.filter((r) => r.category === "GPU").reduce((s, r) => s + r.printedPercent, 0);
    expect(gpuPrinted).toBeCloseTo(58.7, 6);
    expect(LLAMA3_ROOT_CAUSES.value.filter((r) => r.category === "GPU").reduce((s, r) => s + r.count, 0)).toBe(268);
  });
  it("derived values ★ follow from their inputs", () => {
    expect(run.windowHours.value).toBe(1296);
    expect(run.fleetMtbfHours.value).toBeCloseTo(3.09, 2);
    expect(run.fleetMtbfAllHours.value).toBeCloseTo(2.78, 2);
    expect(run.gpuHoursPerInterruption.value).toBeCloseTo((16_384 * 1296) / 419, 9);
    expect(Math.round(run.gpuHoursPerInterruption.value)).toBe(50_677);
    expect(run.gpuHoursPerSdcEvent.value).toBe(3_538_944);
    expect(1 / run.gpuHoursPerSdcEvent.value).toBeCloseTo(2.8e-7, 8);
    expect(run.sdcEvents.value).toBe(LLAMA3_ROOT_CAUSES.value.find((r) => r.component === "Silent data corruption")?.count);
  });
  it("closes the loop with the reliability formulas", () => {
    expect(fleetMtbf(run.gpuHoursPerInterruption.value, run.gpus.value)).toBeCloseTo(run.fleetMtbfHours.value, 12);
    expect(expectedFailures({ nodes: run.gpus.value, nodeMtbfHours: run.gpuHoursPerInterruption.value, horizonHours: run.windowHours.value })).toBeCloseTo(419, 9);
  });
  it("marks derived and teaching values as such", () => {
    expect(run.fleetMtbfHours.provenance.status).toBe("derived");
    expect(LLAMA3_ROOT_CAUSES.provenance.status).toBe("confirmed");
    expect(MLSYSIM_MTTF_HOURS.gpu.provenance.status).toBe("unconfirmed");
    expect(MLSYSIM_MTTF_HOURS.gpu.value).toBe(50_000);
  });
});
