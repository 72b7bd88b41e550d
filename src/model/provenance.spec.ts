import { type Provenance, sourced } from "./provenance";

const datasheet: Provenance = { kind: "datasheet", ref: "NVIDIA H100 datasheet", status: "confirmed", verified: "2025-01-15" };

describe("sourced", () => {
  it("wraps a value with its unit and a frozen copy of its provenance", () => {
    const s = sourced(80e9, "B", datasheet);
    expect(s).toEqual({ value: 80e9, unit: "B", provenance: datasheet });
    expect(s.provenance).not.toBe(datasheet);
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.provenance)).toBe(true);
  });
  it("accepts a primary source without notes, and derived, estimate or illustrative values with notes", () => {
    expect(() => sourced(1, null, datasheet)).not.toThrow();
    for (const kind of ["derived", "estimate", "illustrative"] as const)
      expect(sourced(1, null, { ...datasheet, kind, notes: "how it was obtained" }).provenance.kind).toBe(kind);
  });
  it("refuses a derived, estimate or illustrative value without notes, naming the kind and the source", () => {
    expect(() => sourced(1, null, { ...datasheet, kind: "derived" })).toThrow(new Error("sourced: a derived value needs notes (NVIDIA H100 datasheet)"));
    expect(() => sourced(1, null, { ...datasheet, kind: "estimate", notes: "" })).toThrow("sourced: a estimate value needs notes (NVIDIA H100 datasheet)");
    expect(() => sourced(1, null, { ...datasheet, kind: "illustrative" })).toThrow("sourced: a illustrative value needs notes (NVIDIA H100 datasheet)");
  });
  it("refuses a provenance without a reference", () => {
    expect(() => sourced(1, null, { ...datasheet, ref: "" })).toThrow(new Error("sourced: provenance.ref is required"));
  });
});
