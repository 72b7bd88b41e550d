import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { filesToExport, missionFileRefs } from "./export";

let base: string;
let course: string;

const notebook = (cells: string[], missionFile?: string) => JSON.stringify({
  nbformat: 4, nbformat_minor: 5, metadata: missionFile ? { fleetlab: { missionFile } } : {},
  cells: cells.map((source) => ({ cell_type: "code", source, metadata: {}, outputs: [], execution_count: null })),
});

beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-site-"));
  course = path.join(base, "course");
  fs.mkdirSync(course);
  fs.writeFileSync(path.join(course, "15_demo.ipynb"), notebook(['import { mission } from "fleetlab/mission";', 'const m = mission.open("15_demo.ts", "cloud_titan");'], "15_demo.ts"));
  fs.writeFileSync(path.join(course, "15_demo.ts"), "export default 1;");
  fs.writeFileSync(path.join(course, "16_other.ipynb"), notebook(['mission.open("01_ml_intro", "cloud_titan")']));
});
afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

describe("the files of an export", () => {
  it("finds the mission file a notebook names, and none for a built-in mission's", () => {
    expect(missionFileRefs(path.join(course, "15_demo.ipynb"))).toEqual(["15_demo.ts"]);
    expect(missionFileRefs(path.join(course, "16_other.ipynb"))).toEqual([]);
  });
  it("takes a named notebook's mission file along", () => {
    expect(filesToExport(["15_demo.ipynb"], course)).toEqual([path.join(course, "15_demo.ipynb"), path.join(course, "15_demo.ts")]);
  });
  it("names a notebook whose mission file is missing or in another folder", () => {
    fs.writeFileSync(path.join(course, "17.ipynb"), notebook(['mission.open("17.ts", "cloud_titan")'], "17.ts"));
    expect(() => filesToExport(["17.ipynb"], course)).toThrow(/17\.ipynb opens 17\.ts, which is not beside it/);
    fs.writeFileSync(path.join(course, "18.ipynb"), notebook(['mission.open("missions/18.ts", "cloud_titan")'], "missions/18.ts"));
    expect(() => filesToExport(["18.ipynb"], course)).toThrow(/beside its notebook/);
  });
  it("says when a folder has no notebooks", () => {
    const empty = path.join(base, "empty");
    fs.mkdirSync(empty);
    expect(() => filesToExport([], empty)).toThrow(/no notebooks to export/);
  });
});
