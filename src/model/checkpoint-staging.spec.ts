import fc from "fast-check";
import { checkpointBytes, checkpointStorm, stagingPlan, type StagingOptions } from "./checkpoint-staging";

const LLAMA3_70B = 70_553_706_496;

describe("checkpointBytes", () => {
  it("matches the golden Llama-3-70B sizes ★ (figures.md §2)", () => {
    expect(checkpointBytes({ parameters: LLAMA3_70B, bytesPerParameter: 2 }) / 1e9).toBeCloseTo(141.1, 1);
    expect(checkpointBytes({ parameters: LLAMA3_70B, bytesPerParameter: 14 }) / 1e9).toBeCloseTo(987.8, 1);
    expect(checkpointBytes({ parameters: LLAMA3_70B, bytesPerParameter: 16 }) / 1e9).toBeCloseTo(1128.9, 1);
  });
  it("is parameters times bytes per parameter: 1e9 parameters at ZeRO's 16 B (bf16 weights and gradients, fp32 master, m, v) are 16 GB", () => {
    expect(checkpointBytes({ parameters: 1e9, bytesPerParameter: 16 })).toBe(16e9);
    expect(checkpointBytes({ parameters: 3e9, bytesPerParameter: 14 })).toBe(42e9);
  });
  it("rejects bad input", () => {
    expect(() => checkpointBytes({ parameters: -1, bytesPerParameter: 2 })).toThrow(/checkpointBytes: parameters/);
    expect(() => checkpointBytes({ parameters: 1, bytesPerParameter: 0 })).toThrow(/bytesPerParameter/);
  });
});

describe("checkpointStorm", () => {
  const llama = { writers: 16_384, bytesPerWriter: 4e9, writerBytesPerSecond: 50e9, storageBytesPerSecond: 2e12 };
  it("matches the Llama 3 scale worked example", () => {
    const all = checkpointStorm(llama);
    expect(all.peakDemandBytesPerSecond).toBeCloseTo(819.2e12, -9);
    expect(all.saturation).toBeCloseTo(409.6, 9);
    expect(all.effectiveWriterBytesPerSecond / 1e6).toBeCloseTo(122.07, 2);
    expect(all.groupWriteSeconds).toBeCloseTo(32.77, 2);
    const g8 = checkpointStorm({ ...llama, groups: 8 });
    expect(g8.concurrentWriters).toBe(2048);
    expect(g8.peakDemandBytesPerSecond).toBeCloseTo(102.4e12, -9);
    expect(g8.effectiveWriterBytesPerSecond / 1e6).toBeCloseTo(976.6, 1);
    expect(g8.groupWriteSeconds).toBeCloseTo(4.096, 3);
    expect(g8.windowSeconds).toBeCloseTo(32.77, 2);
  });
  it("a lone writer is link-bound; staggering divides the peak and never shortens the window", () => {
    expect(checkpointStorm({ ...llama, writers: 1 }).groupWriteSeconds).toBeCloseTo(0.08, 12);
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e5 }), fc.integer({ min: 1, max: 64 }), (n, g) => {
      const groups = Math.min(g, n);
      const a = checkpointStorm({ ...llama, writers: n });
      const b = checkpointStorm({ ...llama, writers: n, groups });
      expect(b.peakDemandBytesPerSecond).toBeLessThanOrEqual(a.peakDemandBytesPerSecond);
      expect(b.windowSeconds).toBeGreaterThanOrEqual(a.windowSeconds * (1 - 1e-12));
      expect(b.effectiveWriterBytesPerSecond * b.concurrentWriters).toBeLessThanOrEqual(llama.storageBytesPerSecond * (1 + 1e-12));
    }));
  });
  it("rejects bad input", () => {
    expect(() => checkpointStorm({ ...llama, groups: 0 })).toThrow(/groups must be an integer in \[1, 16384\]/);
    expect(() => checkpointStorm({ ...llama, storageBytesPerSecond: 0 })).toThrow(/storageBytesPerSecond/);
  });
});

describe("stagingPlan", () => {
  const base: Omit<StagingOptions, "mode"> = {
    stateBytes: checkpointBytes({ parameters: LLAMA3_70B, bytesPerParameter: 14 }) / 64,
    intervalSeconds: 1800, objectStoreBytesPerSecond: 0.5e9, nvmeBytesPerSecond: 6.9e9, dramBytesPerSecond: 64e9,
  };
  it("matches the worked example", () => {
    expect(base.stateBytes / 1e9).toBeCloseTo(15.43, 2);
    expect(stagingPlan({ ...base, mode: "blocking-object-store" }).mathStopSeconds).toBeCloseTo(30.87, 2);
    expect(stagingPlan({ ...base, mode: "local-nvme" }).mathStopSeconds).toBeCloseTo(2.237, 3);
    const dram = stagingPlan({ ...base, mode: "async-dram" });
    expect(dram.mathStopSeconds).toBeCloseTo(0.241, 3);
    expect(dram.drainSeconds).toBeCloseTo(30.87, 2);
    expect(dram.drainUtilization).toBeCloseTo(0.01715, 5);
    expect(dram.isSustainable).toBe(true);
    expect(dram.stagingBufferBytes).toBe(base.stateBytes);
  });
  it("staging never stops the math longer than blocking when the local tier is faster; a slow drain is a storm", () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1e11, noNaN: true }), (s) => {
      const blocking = stagingPlan({ ...base, stateBytes: s, mode: "blocking-object-store" });
      for (const mode of ["local-nvme", "async-dram"] as const) {
        const p = stagingPlan({ ...base, stateBytes: s, mode });
        expect(p.mathStopSeconds).toBeLessThanOrEqual(blocking.mathStopSeconds);
        expect(p.drainSeconds).toBeCloseTo(blocking.mathStopSeconds, 9);
      }
    }));
    const storm = stagingPlan({ ...base, mode: "async-dram", intervalSeconds: 20 });
    expect(storm.isSustainable).toBe(false);
    expect(storm.minDrainBytesPerSecond).toBeGreaterThan(base.objectStoreBytesPerSecond);
  });
  it("rejects bad input", () => {
    expect(() => stagingPlan({ ...base, mode: "tape" as never })).toThrow(/stagingPlan: mode must be one of/);
    expect(() => stagingPlan({ ...base, mode: "local-nvme", nvmeBytesPerSecond: -1 })).toThrow(/nvmeBytesPerSecond/);
  });
});
