import fs from "fs";
import os from "os";
import path from "path";
import { readDesignRecord, writeDesignEntry } from "./design-record";
import type { DesignEntry } from "../authoring/types";

const entry = (part: string, nodes: number): DesignEntry => ({
  mission: "01_ml_intro", part, track: "cloud_titan", lock: 0.37, answer: 0.3677, controls: { nodes }, target: null, reflectionWords: 42, updatedAt: "2026-01-01T00:00:00Z",
});

describe("design record", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ledger-"));
  const file = path.join(dir, "fleetlab-design-record.json");
  it("is empty before any write", () => expect(readDesignRecord(file).entries).toEqual([]));
  it("replaces a part's entry and keeps others", () => {
    writeDesignEntry(entry("a", 1000), file);
    writeDesignEntry(entry("b", 5), file);
    writeDesignEntry(entry("a", 2000), file);
    const l = readDesignRecord(file);
    expect(l.entries.map((e) => e.part)).toEqual(["b", "a"]);
    expect(l.control("01_ml_intro", "a", "nodes", 1)).toBe(2000);
    expect(l.control("01_ml_intro", "z", "nodes", 7)).toBe(7);
    expect(l.control("01_ml_intro", "a", "nodes", "x")).toBe("x"); // wrong type falls back
  });
  it("names the file when it is not a ledger", () => {
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, "{");
    expect(() => readDesignRecord(bad)).toThrow(/bad\.json: not valid JSON/);
  });
});
