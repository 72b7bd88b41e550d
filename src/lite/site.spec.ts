import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { exportSite, isApp, SiteError } from "./site";

let base: string;
let app: string;
let course: string;

const notebook = (cells: string[]) => JSON.stringify({
  nbformat: 4, nbformat_minor: 5, metadata: {},
  cells: cells.map((source) => ({ cell_type: "code", source, metadata: {}, outputs: [], execution_count: null })),
});

beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-site-"));
  app = path.join(base, "app");
  for (const [f, text] of [["jupyter-lite.json", "{}"], ["lab/index.html", "<title>lab</title>"], ["fleetlab/worker.js", "self.onmessage=null"]]) {
    fs.mkdirSync(path.dirname(path.join(app, f)), { recursive: true });
    fs.writeFileSync(path.join(app, f), text);
  }
  course = path.join(base, "course");
  fs.mkdirSync(course);
  fs.writeFileSync(path.join(course, "15_demo.ipynb"), notebook(['import { mission } from "fleetlab/mission";', 'const m = mission.open("15_demo.ts", "cloud_titan");']));
  fs.writeFileSync(path.join(course, "15_demo.ts"), "export default 1;");
  fs.writeFileSync(path.join(course, "16_other.ipynb"), notebook(['mission.open("01_ml_intro", "cloud_titan")']));
});
afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

const listing = (site: string) => JSON.parse(fs.readFileSync(path.join(site, "api", "contents", "all.json"), "utf8"));

describe("exportSite", () => {
  it("copies the app and serves the files from the drive's root, listed as the Contents API lists a folder", () => {
    const out = path.join(base, "site");
    exportSite(app, out, ["15_demo.ipynb", "15_demo.ts", "16_other.ipynb"].map((f) => path.join(course, f)));
    expect(isApp(out)).toBe(true);
    expect(fs.readdirSync(path.join(out, "files")).sort()).toEqual(["15_demo.ipynb", "15_demo.ts", "16_other.ipynb"]);
    const root = listing(out);
    expect(root).toMatchObject({ type: "directory", path: "" });
    expect(root.content.map((m: { name: string; type: string }) => [m.name, m.type])).toEqual([["15_demo.ipynb", "notebook"], ["15_demo.ts", "file"], ["16_other.ipynb", "notebook"]]);
    expect(root.content[0].size).toBe(fs.statSync(path.join(course, "15_demo.ipynb")).size);
  });

  it("replaces an earlier site, but never a folder holding anything else", () => {
    const out = path.join(base, "site");
    exportSite(app, out, [path.join(course, "16_other.ipynb")]);
    exportSite(app, out, [path.join(course, "15_demo.ipynb")]);
    expect(fs.readdirSync(path.join(out, "files"))).toEqual(["15_demo.ipynb"]);
    const home = path.join(base, "home");
    fs.mkdirSync(home);
    fs.writeFileSync(path.join(home, "thesis.tex"), "keep me");
    expect(() => exportSite(app, home, [path.join(course, "15_demo.ipynb")])).toThrow(/not empty and is no FleetLab site/);
    expect(fs.readdirSync(home)).toEqual(["thesis.tex"]);
  });

  it("checks every file before it writes anything: a broken notebook leaves the earlier site as it was", () => {
    const out = path.join(base, "site");
    exportSite(app, out, [path.join(course, "16_other.ipynb")]);
    const before = fs.readFileSync(path.join(out, "api", "contents", "all.json"), "utf8");
    const broken = path.join(course, "broken.ipynb");
    fs.writeFileSync(broken, '{"cells": [');
    expect(() => exportSite(app, out, [path.join(course, "15_demo.ipynb"), broken])).toThrow(SiteError);
    fs.writeFileSync(broken, '{"nbformat": 3, "worksheets": []}');
    expect(() => exportSite(app, out, [broken])).toThrow(/not an nbformat 4 notebook/);
    expect(fs.readFileSync(path.join(out, "api", "contents", "all.json"), "utf8")).toBe(before);
  });

  it.each([
    ["two files of one name", () => {
      fs.mkdirSync(path.join(course, "b"));
      fs.copyFileSync(path.join(course, "16_other.ipynb"), path.join(course, "b", "16_other.ipynb"));
      return [path.join(course, "16_other.ipynb"), path.join(course, "b", "16_other.ipynb")];
    }, /have the same name/],
    ["a file it does not serve", () => [path.join(course, "run.sh")], /is not a file|serves notebooks/],
    ["a folder", () => [course], /is not a file/],
  ])("refuses %s", (_what, files, message) => {
    fs.writeFileSync(path.join(course, "run.sh"), "rm -rf /");
    expect(() => exportSite(app, path.join(base, "site"), files())).toThrow(message);
    expect(fs.existsSync(path.join(base, "site"))).toBe(false);
  });

  it("refuses a folder without the app, and an output that overlaps the app or holds an input", () => {
    expect(() => exportSite(course, path.join(base, "site"), [])).toThrow(/holds no FleetLab site app/);
    expect(() => exportSite(app, path.join(app, "nested"), [])).toThrow(/overlap/);
    const out = path.join(base, "site");
    exportSite(app, out, [path.join(course, "16_other.ipynb")]);
    expect(() => exportSite(app, out, [path.join(out, "files", "16_other.ipynb")])).toThrow(/inside/);
  });
});

