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
  it("rejects a negative size or time and a non-positive bandwidth, naming the function and argument", () => {
    expect(() => incrementalResumeTime({ ...phone, dirtyFraction: 0.5, stateBytes: -1 }))
      .toThrow("incrementalResumeTime: stateBytes must be finite and >= 0 (got -1)");
    expect(() => incrementalResumeTime({ ...phone, dirtyFraction: 0.5, baseSeconds: -0.5 }))
      .toThrow("incrementalResumeTime: baseSeconds must be finite and >= 0 (got -0.5)");
    expect(() => incrementalResumeTime({ ...phone, dirtyFraction: 0.5, flashBytesPerSecond: 0 }))
      .toThrow("incrementalResumeTime: flashBytesPerSecond must be finite and > 0 (got 0)");
    expect(() => maxDirtyFractionForDeadline({ ...phone, stateBytes: 0, deadlineSeconds: 1 }))
      .toThrow("maxDirtyFractionForDeadline: stateBytes must be finite and > 0 (got 0)");
    expect(() => maxDirtyFractionForDeadline({ ...phone, baseSeconds: -0.5, deadlineSeconds: 0.1 }))
      .toThrow("maxDirtyFractionForDeadline: baseSeconds must be finite and >= 0 (got -0.5)");
    expect(() => maxDirtyFractionForDeadline({ ...phone, deadlineSeconds: -1 }))
      .toThrow("maxDirtyFractionForDeadline: deadlineSeconds must be finite and >= 0 (got -1)");
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
  it("rejects a non-positive capacitance and negative voltages, naming the argument", () => {
    expect(() => capacitorEnergy({ capacitanceFarads: 0, startVolts: 3.3, cutoffVolts: 1.8 }))
      .toThrow("capacitorEnergy: capacitanceFarads must be finite and > 0 (got 0)");
    expect(() => capacitorEnergy({ capacitanceFarads: 1e-4, startVolts: -1, cutoffVolts: 0 }))
      .toThrow("capacitorEnergy: startVolts must be finite and >= 0 (got -1)");
  });
  it("rejects each negative brown-out input, naming it", () => {
    const ok = { ...ring, writeBytesPerSecond: 1e3, writeJoulesPerByte: 1e-9 };
    expect(() => brownoutSave({ ...ok, stateBytes: -1 })).toThrow("brownoutSave: stateBytes must be finite and >= 0 (got -1)");
    expect(() => brownoutSave({ ...ok, writeJoulesPerByte: -1 })).toThrow("brownoutSave: writeJoulesPerByte must be finite and >= 0 (got -1)");
    expect(() => brownoutSave({ ...ok, baseWatts: -1 })).toThrow("brownoutSave: baseWatts must be finite and >= 0 (got -1)");
    expect(() => brownoutSave({ ...ok, storedJoules: -1 })).toThrow("brownoutSave: storedJoules must be finite and >= 0 (got -1)");
  });
  it("completes when the save needs exactly the stored energy (margin 0)", () => {
    // t_w = 100 / 50 = 2 s; E = 100·0.25 + 1·2 = 27 J; P = 1 + 50·0.25 = 13.5 W; t_hold = 27 / 13.5 = 2 s.
    const r = brownoutSave({ stateBytes: 100, writeBytesPerSecond: 50, writeJoulesPerByte: 0.25, baseWatts: 1, storedJoules: 27 });
    expect(r).toEqual({ writeSeconds: 2, energyJoules: 27, holdUpSeconds: 2, marginSeconds: 0, completes: true });
  });
  it("holds up forever when nothing draws power, even with no stored energy", () => {
    // P = 0 + 50·0 = 0 W: t_hold is Infinity, not 0 / 0 = NaN; the save needs E = 0 J <= 0 J.
    const r = brownoutSave({ stateBytes: 100, writeBytesPerSecond: 50, writeJoulesPerByte: 0, baseWatts: 0, storedJoules: 0 });
    expect(r).toEqual({ writeSeconds: 2, energyJoules: 0, holdUpSeconds: Infinity, marginSeconds: Infinity, completes: true });
  });
});
