import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { restore, save } from "./results-store";

describe("the stored mutation results", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mutation-store-"));
  const report = path.join(dir, "reports/mutation/incremental.json");
  const store = path.join(dir, "incremental.json.gz");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("round-trips a report through the compressed store, byte for byte, and stores equal results as equal bytes", () => {
    const text = JSON.stringify({ schemaVersion: "2", files: { "src/model/a.ts": { source: "x", mutants: [] } } });
    fs.mkdirSync(path.dirname(report), { recursive: true });
    fs.writeFileSync(report, text);
    save(store, report);
    const first = fs.readFileSync(store);
    expect(first.length).toBeGreaterThan(0);
    fs.rmSync(report);
    expect(restore(store, report)).toMatch(/^restored/);
    expect(fs.readFileSync(report, "utf8")).toBe(text);
    save(store, report);
    expect(fs.readFileSync(store).equals(first)).toBe(true);
  });
  it("keeps a report that is already there", () => {
    fs.writeFileSync(report, '{"local":true}');
    expect(restore(store, report)).toBe("kept the report already here");
    expect(fs.readFileSync(report, "utf8")).toBe('{"local":true}');
  });
  it("says when nothing is stored, and refuses to store a missing or damaged report", () => {
    expect(restore(path.join(dir, "none.gz"), path.join(dir, "new/report.json"))).toMatch(/no stored results/);
    expect(() => save(store, path.join(dir, "missing.json"))).toThrow(/no report at/);
    fs.writeFileSync(report, "{not json");
    expect(() => save(store, report)).toThrow(SyntaxError);
  });
});
