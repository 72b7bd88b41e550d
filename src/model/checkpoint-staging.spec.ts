import fc from "fast-check";
import { checkpointBytes, checkpointStorm, staggeredCheckpoint, stagingBuffer, stagingPlan, type StagingOptions } from "./checkpoint-staging";

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
    expect(() => checkpointStorm({ ...llama, writers: 0, groups: 1 })).toThrow(/^checkpointStorm: writers must be an integer in \[1, /);
    expect(() => checkpointStorm({ ...llama, writers: 2.5, groups: 1 })).toThrow(/^checkpointStorm: writers must be an integer/);
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
    expect(() => stagingPlan({ ...base, mode: "local-nvme", stateBytes: -1 })).toThrow(/^stagingPlan: stateBytes must be/);
  });
  it("a drain that takes exactly the interval is sustainable; the minimum drain rate is state / interval", () => {
    // 100 GB drained at 1 GB/s takes 100 s: sustainable at T = 100 s (drain ≤ T), not at 99 s; 100 GB / 100 s = 1 GB/s.
    const edge = { stateBytes: 100e9, objectStoreBytesPerSecond: 1e9, nvmeBytesPerSecond: 10e9, dramBytesPerSecond: 100e9 };
    const at = stagingPlan({ ...edge, intervalSeconds: 100, mode: "local-nvme" });
    expect(at).toEqual({ mathStopSeconds: 10, drainSeconds: 100, stagingBufferBytes: 100e9, drainUtilization: 1, isSustainable: true, minDrainBytesPerSecond: 1e9 });
    expect(stagingPlan({ ...edge, intervalSeconds: 99, mode: "local-nvme" }).isSustainable).toBe(false);
    expect(stagingPlan({ ...edge, intervalSeconds: 50, mode: "blocking-object-store" }))
      .toEqual({ mathStopSeconds: 100, drainSeconds: 0, stagingBufferBytes: 0, drainUtilization: 0, isSustainable: true, minDrainBytesPerSecond: 2e9 });
  });
});

describe("staggeredCheckpoint", () => {
  // Llama-3-70B at 14 B/param over 1,024 GPUs, 50 GB/s links, Tectonic's 2 TB/s (figures.md §2).
  const job = { writers: 1024, bytesPerWriter: 987.8e9 / 1024, writerBytesPerSecond: 50e9, storageBytesPerSecond: 2e12, stepSeconds: 1.75 };
  it("matches the worked example: all at once the store's fair share, staggered each group at its link", () => {
    const all = staggeredCheckpoint(job);
    // 964.6 MB at 2 TB/s / 1,024 = 1.953 GB/s
    expect(all.stallSeconds).toBeCloseTo(0.9646e9 / 1.953125e9, 3);
    expect(all.stallSeconds).toBeCloseTo(0.4939, 4);
    expect(all.checkpointStepSeconds).toBeCloseTo(2.2439, 4);
    expect(all.stalledSteps).toBe(1);
    expect(all.peakDemandBytesPerSecond).toBe(51.2e12);
    const g26 = staggeredCheckpoint({ ...job, groups: 26 });
    // ⌈1,024 / 26⌉ = 40 writers × 50 GB/s = 2 TB/s: each group link-bound
    expect(g26.peakDemandBytesPerSecond).toBe(2e12);
    expect(g26.stallSeconds).toBeCloseTo(0.019293, 6);
    expect(g26.totalStallSeconds).toBeCloseTo(26 * 0.019293, 5);
  });
  it("the worst step shrinks by G while storage-bound; past G* = ⌈N b_w / B_s⌉ it stops shrinking and the total grows", () => {
    const gStar = Math.ceil((job.writers * job.writerBytesPerSecond) / job.storageBytesPerSecond);
    expect(gStar).toBe(26);
    const at = (groups: number) => staggeredCheckpoint({ ...job, groups });
    expect(at(2).stallSeconds).toBeCloseTo(at(1).stallSeconds / 2, 12);
    expect(at(gStar).stallSeconds).toBeCloseTo(job.bytesPerWriter / job.writerBytesPerSecond, 12);
    expect(at(4 * gStar).stallSeconds).toBeCloseTo(at(gStar).stallSeconds, 12);
    expect(at(4 * gStar).totalStallSeconds).toBeGreaterThan(at(gStar).totalStallSeconds);
  });
  it("rejects a negative step", () => {
    expect(() => staggeredCheckpoint({ ...job, stepSeconds: -1 })).toThrow(/staggeredCheckpoint: stepSeconds/);
  });
});

describe("stagingBuffer", () => {
  // Mission 07's Cloud Titan: 987.8 GB over 16,384 GPUs, each GPU 1/8 of a 6.9 GB/s NVMe, a 25 GB/s store.
  const shard = 987.8e9 / 16_384, bw = 6.9e9 / 8;
  const job = { writers: 16_384, bytesPerWriter: shard, writerBytesPerSecond: bw, storageBytesPerSecond: 25e9, ssdBytesPerSecond: bw, intervalSeconds: 1041, bufferBytes: 0 };
  it("matches the worked example: 565x the store without a buffer, 60.18 MB stops the storm", () => {
    const none = stagingBuffer(job);
    expect(none.burstDemandBytesPerSecond).toBeCloseTo(14.1312e12, -6);
    expect(none.saturation).toBeCloseTo(565.248, 3);
    expect(none.isStorm).toBe(true);
    expect(none.ssdUtilization).toBe(0);
    expect(shard / 1e6).toBeCloseTo(60.29, 2);
    expect(none.minBufferBytes / 1e6).toBeCloseTo(60.18, 2);
    const enough = stagingBuffer({ ...job, bufferBytes: none.minBufferBytes * (1 + 1e-9) });
    expect(enough.isStorm).toBe(false);
    expect(enough.peakDemandBytesPerSecond).toBeCloseTo(25e9, -3);
    expect(enough.ssdWriteSeconds).toBeCloseTo(0.06978, 5);
    expect(enough.ssdUtilization * 100).toBeCloseTo(0.0067, 4);
    expect(stagingBuffer({ ...job, bufferBytes: none.minBufferBytes * 0.99 }).isStorm).toBe(true);
  });
  it("a lone writer on a 12 kB/s flash behind 1.2 kB/s BLE needs 90 % of its 8 kB state buffered; the flash saturates at b_ssd T", () => {
    const ring = { writers: 1, bytesPerWriter: 8e3, writerBytesPerSecond: 12e3, storageBytesPerSecond: 1.2e3, ssdBytesPerSecond: 12e3, intervalSeconds: 0.5, bufferBytes: 0 };
    expect(stagingBuffer(ring).minBufferBytes).toBeCloseTo(7200, 9);
    // b_ssd · T = 6,000 B: below it the flash writes part of each interval, at it and above the whole interval.
    expect(stagingBuffer({ ...ring, bufferBytes: 3000 }).ssdUtilization).toBeCloseTo(0.5, 12);
    expect(stagingBuffer({ ...ring, bufferBytes: 5999 }).ssdUtilization).toBeLessThan(1);
    expect(stagingBuffer({ ...ring, bufferBytes: 6000 }).ssdUtilization).toBe(1);
    expect(stagingBuffer({ ...ring, bufferBytes: 1e6 }).stagedBytes).toBe(8e3);
  });
  it("a writer with nothing to write makes no burst and no drain, whatever its buffer", () => {
    // 4 writers at 10 B/s against a 20 B/s store: 40 B/s of link demand, but 0 B each to write.
    const empty = stagingBuffer({ writers: 4, bytesPerWriter: 0, writerBytesPerSecond: 10, storageBytesPerSecond: 20, ssdBytesPerSecond: 5, intervalSeconds: 10, bufferBytes: 100 });
    expect(empty).toEqual({ stagedBytes: 0, burstDemandBytesPerSecond: 0, peakDemandBytesPerSecond: 0, saturation: 0, isStorm: false, minBufferBytes: 0, ssdWriteSeconds: 0, ssdUtilization: 0 });
  });
  it("a burst exactly at the store's bandwidth is no storm", () => {
    // 4 writers × 10 B/s = 40 B/s; half of each 100 B shard staged leaves a 20 B/s burst on a 20 B/s store.
    const half = { writers: 4, bytesPerWriter: 100, writerBytesPerSecond: 10, storageBytesPerSecond: 20, ssdBytesPerSecond: 5, intervalSeconds: 20 };
    expect(stagingBuffer({ ...half, bufferBytes: 50 })).toMatchObject({ burstDemandBytesPerSecond: 20, saturation: 1, isStorm: false, minBufferBytes: 50, peakDemandBytesPerSecond: 20 });
    expect(stagingBuffer({ ...half, bufferBytes: 49 }).isStorm).toBe(true);
  });
  it("staggering lowers the buffer a storm needs; G = ⌈N / ⌊B_s / b_w⌋⌉ = 586 groups need none", () => {
    const g = Math.ceil(job.writers / Math.floor(job.storageBytesPerSecond / bw));
    expect(g).toBe(586);
    expect(stagingBuffer({ ...job, groups: 2 }).minBufferBytes).toBeLessThan(stagingBuffer(job).minBufferBytes);
    expect(stagingBuffer({ ...job, groups: g }).minBufferBytes).toBe(0);
    expect(stagingBuffer({ ...job, groups: g }).isStorm).toBe(false);
  });
  it("the burst falls linearly with the buffer and the storm ends exactly at S_min", () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 2, noNaN: true }), (x) => {
      const r = stagingBuffer({ ...job, bufferBytes: x * shard });
      expect(r.burstDemandBytesPerSecond).toBeCloseTo(14.1312e12 * Math.max(0, 1 - x), -6);
      expect(r.isStorm).toBe(x * shard < r.minBufferBytes);
    }));
  });
  it("rejects bad input", () => {
    expect(() => stagingBuffer({ ...job, bufferBytes: -1 })).toThrow(/stagingBuffer: bufferBytes/);
    expect(() => stagingBuffer({ ...job, intervalSeconds: 0 })).toThrow(/intervalSeconds/);
  });
});
