import fs from "fs";
import os from "os";
import path from "path";
import { readLedger, writeLedgerEntry } from "./ledger";
import type { LedgerEntry } from "./types";

const entry = (part: string, nodes: number): LedgerEntry => ({
  mission: "01_ml_intro", part, track: "cloud_titan", lock: 0.37, answer: 0.3677, controls: { nodes }, target: null, reflectionWords: 42, updatedAt: "2026-01-01T00:00:00Z",
});

describe("design ledger", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledger-"));
  const file = path.join(dir, "fleetlab-ledger.json");
  it("is empty before any write", () => expect(readLedger(file).entries).toEqual([]));
  it("replaces a part's entry and keeps others", () => {
    writeLedgerEntry(entry("a", 1000), file);
    writeLedgerEntry(entry("b", 5), file);
    writeLedgerEntry(entry("a", 2000), file);
    const l = readLedger(file);
    expect(l.entries.map((e) => e.part)).toEqual(["b", "a"]);
    expect(l.control("01_ml_intro", "a", "nodes", 1)).toBe(2000);
    expect(l.control("01_ml_intro", "z", "nodes", 7)).toBe(7);
    expect(l.control("01_ml_intro", "a", "nodes", "x")).toBe("x"); // wrong type falls back
  });
  it("names the file when it is not a ledger", () => {
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, "{");
    expect(() => readLedger(bad)).toThrow(/bad\.json: not valid JSON/);
  });
});
