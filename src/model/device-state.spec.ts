import fc from "fast-check";
import { brownoutSave, capacitorEnergy, incrementalResumeTime, maxDirtyFractionForDeadline } from "./device-state";

describe("incremental resume", () => {
  const phone = { stateBytes: 500e6, flashBytesPerSecond: 2e9, baseSeconds: 0.02 };
  it("matches the worked example", () => {
    expect(incrementalResumeTime({ ...phone, dirtyFraction: 1 })).toBeCloseTo(0.27, 12);
    expect(incrementalResumeTime({ ...phone, dirtyFraction: 0.1 })).toBeCloseTo(0.045, 12);
    expect(maxDirtyFractionForDeadline({ ...phone, deadlineSeconds: 0.1 })).toBeCloseTo(0.32, 12);
  });
  it("resuming at f_max takes exactly the deadline; f = 0 costs only the base", () => {
    expect(incrementalResumeTime({ ...phone, dirtyFraction: 0 })).toBe(0.02);
    fc.assert(fc.property(fc.double({ min: 1e6, max: 1e10, noNaN: true }), fc.double({ min: 0.021, max: 0.5, noNaN: true }), (s, deadline) => {
      const f = maxDirtyFractionForDeadline({ ...phone, stateBytes: s, deadlineSeconds: deadline });
      const t = incrementalResumeTime({ ...phone, stateBytes: s, dirtyFraction: f });
      if (f < 1) expect(t).toBeCloseTo(deadline, 9); else expect(t).toBeLessThanOrEqual(deadline + 1e-12);
    }));
    expect(maxDirtyFractionForDeadline({ ...phone, deadlineSeconds: 0.01 })).toBe(0);
  });
  it("rejects bad input", () => {
    expect(() => incrementalResumeTime({ ...phone, dirtyFraction: 1.5 })).toThrow(/incrementalResumeTime: dirtyFraction must be in \[0, 1\]/);
    expect(() => maxDirtyFractionForDeadline({ ...phone, stateBytes: 0, deadlineSeconds: 1 })).toThrow(/stateBytes/);
  });
});

describe("brown-out save", () => {
  const stored = capacitorEnergy({ capacitanceFarads: 100e-6, startVolts: 3.3, cutoffVolts: 1.8 });
  const ring = { stateBytes: 4096, baseWatts: 1e-3, storedJoules: stored };
  it("matches the worked example: flash loses the state, FRAM saves it", () => {
    expect(stored).toBeCloseTo(3.825e-4, 12);
    const flash = brownoutSave({ ...ring, writeBytesPerSecond: 12e3, writeJoulesPerByte: 5.5e-7 });
    expect(flash.writeSeconds).toBeCloseTo(0.3413, 4);
    expect(flash.holdUpSeconds).toBeCloseTo(0.0503, 4);
    expect(flash.completes).toBe(false);
    const fram = brownoutSave({ ...ring, writeBytesPerSecond: 1.4e6, writeJoulesPerByte: 2.2e-9 });
    expect(fram.writeSeconds).toBeCloseTo(2.926e-3, 6);
    expect(fram.holdUpSeconds).toBeCloseTo(0.09375, 6);
    expect(fram.completes).toBe(true);
  });
  it("completes exactly when the margin is non-negative", () =>
    fc.assert(fc.property(fc.double({ min: 1, max: 1e6, noNaN: true }), fc.double({ min: 1e3, max: 1e7, noNaN: true }), fc.double({ min: 1e-10, max: 1e-6, noNaN: true }), fc.double({ min: 1e-6, max: 1e-2, noNaN: true }),
      (s, b, e, joules) => {
        const r = brownoutSave({ stateBytes: s, writeBytesPerSecond: b, writeJoulesPerByte: e, baseWatts: 1e-3, storedJoules: joules });
        if (Math.abs(r.marginSeconds) > 1e-9 * r.writeSeconds) expect(r.completes).toBe(r.marginSeconds >= 0);
      })));
  it("rejects bad input", () => {
    expect(() => capacitorEnergy({ capacitanceFarads: 1e-4, startVolts: 1.8, cutoffVolts: 3.3 })).toThrow(/cutoffVolts must be in \[0, 1.8\]/);
    expect(() => brownoutSave({ ...ring, writeBytesPerSecond: 0, writeJoulesPerByte: 1e-9 })).toThrow(/brownoutSave: writeBytesPerSecond/);
  });
});
