/**
 * A course's own mission, as a TA writes it: `fleetlab new` in an empty folder, `fleetlab check`
 * listing what is left (TODOs with file and line, compiler errors with line and column), and
 * every host finding the mission file the notebook names, beside the notebook. Needs dist/ built.
 */
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";

const root = path.resolve(__dirname, "../..");
const fleetlab = (args: string[], cwd: string) =>
  spawnSync(process.execPath, [path.join(root, "bin/fleetlab.js"), ...args], { cwd, encoding: "utf8", timeout: 300_000 });
const course = () => fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-course-"));
const readJson = (f: string) => JSON.parse(fs.readFileSync(f, "utf8"));

describe("fleetlab new --example in an empty course folder", () => {
  const dir = course();
  beforeAll(() => {
    const r = fleetlab(["new", "15_demo", "--example"], dir);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("writes a mission file on the public API and a notebook that names it", () => {
    const source = fs.readFileSync(path.join(dir, "15_demo.ts"), "utf8");
    const imports = [...source.matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(imports)).toEqual(new Set(["fleetlab", "fleetlab/mission"]));
    const nb = readJson(path.join(dir, "15_demo.ipynb"));
    expect(nb.metadata.fleetlab).toEqual({ mission: "15_demo", missionFile: "15_demo.ts" });
    expect(nb.cells.map((c: { source: string[] }) => c.source.join("")).join("\n")).toContain('mission.open("15_demo.ts", track)');
  });

  it("checks clean, file and notebook", () => {
    const r = fleetlab(["check", "15_demo.ts", "15_demo.ipynb"], dir);
    expect(r.stdout).toBe("ok  15_demo.ts\nok  15_demo.ipynb\n");
    expect(r.status).toBe(0);
  });

  it("runs headless on every track with the model's answers", () => {
    const r = fleetlab(["run", "15_demo.ipynb", "--track", "all", "--answer-key", "--out", "out"], dir);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    for (const t of ["cloud_titan", "edge_guardian", "mobile_nomad", "tiny_pioneer"]) {
      const nb = readJson(path.join(dir, "out", t, "15_demo.ipynb"));
      const outputs = nb.cells.flatMap((c: { outputs?: { output_type: string }[] }) => c.outputs ?? []);
      expect(outputs.filter((o: { output_type: string }) => o.output_type === "error")).toEqual([]);
      expect(nb.metadata.fleetlab.design.map((e: { part: string; lock: unknown }) => [e.part, e.lock !== null]))
        .toEqual([["fleet_law", true], ["checkpoint_interval", true], ["failure_budget", true]]);
    }
  });

  it("grades a student's run against the course's pristine copy of the mission (--missions), never the file beside the submission", () => {
    const words = Array.from({ length: 40 }, (_, i) => `word${i}`).join(" ");
    const played = fleetlab(["run", "15_demo.ipynb", "--track", "tiny_pioneer", "--out", "submitted",
      "--set", "1.lock=0.4", "--set", "1.nodes=2000", "--set", "1.nodes=3000", "--set", "1.p_node=0.9999", "--set", "1.target=6931", "--set", `1.reflect=${words}`], dir);
    expect(played.stderr).toBe("");
    fs.mkdirSync(path.join(dir, "pristine"));
    fs.copyFileSync(path.join(dir, "15_demo.ts"), path.join(dir, "pristine", "15_demo.ts"));
    // The submission folder holds a tampered mission file of its own: it must not be the one used.
    fs.writeFileSync(path.join(dir, "submitted", "15_demo.ts"), "export const broken = true;\n");
    const graded = fleetlab(["grade", path.join("submitted", "15_demo.ipynb"), "--missions", "pristine", "--out", "graded"], dir);
    expect(graded.status).toBe(0);
    const [, row] = fs.readFileSync(path.join(dir, "graded", "grades.csv"), "utf8").trim().split("\n");
    expect(row.split(",").slice(0, 3)).toEqual(["15_demo", "15_demo", "tiny_pioneer"]);
    expect(row.split(",")[5]).toBe("");
    const results = readJson(path.join(dir, "graded", "15_demo", "results.json"));
    const part1 = results.tests.filter((t: { name: string }) => t.name.startsWith("Part 1 "));
    expect(part1.map((t: { status: string }) => t.status)).toEqual(["passed", "passed", "passed", "passed"]);
    const unfound = fleetlab(["grade", path.join("submitted", "15_demo.ipynb"), "--out", "graded-without"], dir);
    expect(unfound.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "graded-without", "grades.csv"), "utf8")).toMatch(/unknown-mission/);
  });

  it("--regenerate rewrites the notebook from the edited mission file", () => {
    const file = path.join(dir, "15_demo.ts");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('title: "The Fleet Law"', 'title: "The Law of the Fleet"'));
    expect(fleetlab(["new", "--regenerate", "15_demo.ts"], dir).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "15_demo.ipynb"), "utf8")).toContain("Part 1: The Law of the Fleet");
  });
});

describe("fleetlab new without --example: a scaffold to fill in", () => {
  const dir = course();
  beforeAll(() => expect(fleetlab(["new", "16_todo"], dir).status).toBe(0));

  it("check lists every TODO with its file and line, and exits 1", () => {
    const r = fleetlab(["check", "16_todo.ts"], dir);
    expect(r.status).toBe(1);
    const todoLines = fs.readFileSync(path.join(dir, "16_todo.ts"), "utf8").split("\n").flatMap((l, i) => (/\bTODO\b/.test(l) ? [i + 1] : []));
    expect(todoLines.length).toBeGreaterThan(20);
    const listed = [...r.stdout.matchAll(/^ {2}- 16_todo\.ts:(\d+): .*TODO/gm)].map((m) => Number(m[1]));
    expect(listed).toEqual(todoLines);
    // The scaffold compiles: what is left is to fill it in, not to fix it.
    expect(r.stdout).not.toMatch(/16_todo\.ts:\d+:\d+:/);
  });

  it("check on its notebook names the cells still saying TODO and how to rewrite them", () => {
    const r = fleetlab(["check", "16_todo.ipynb"], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/16_todo\.ipynb: cell "intro" still says TODO; once 16_todo\.ts is filled in, rewrite the notebook with `fleetlab new --regenerate 16_todo\.ts`/);
  });

  it("refuses an id that is not a notebook stem, and a built-in mission's id", () => {
    expect(fleetlab(["new", "edge-ai"], dir).stderr).toMatch(/the mission id must look like 15_edge_ai/);
    expect(fleetlab(["new", "07_fault_tolerance"], dir).stderr).toMatch(/one of FleetLab's own missions/);
  });
});

describe("a broken or missing mission file is reported with its path and the compiler's message", () => {
  const dir = course();
  beforeAll(() => expect(fleetlab(["new", "15_demo", "--example"], dir).status).toBe(0));
  const variant = (name: string, edit: (s: string) => string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, edit(fs.readFileSync(path.join(dir, "15_demo.ts"), "utf8")));
    return file;
  };

  it("a syntax error: file, line, column and message; nothing runs", () => {
    variant("syntax.ts", (s) => s.replace('id: "fleet_law",', 'id: "fleet_law",,'));
    const r = fleetlab(["check", "syntax.ts"], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^ {2}- syntax\.ts:\d+:\d+: (Property assignment expected|Expression expected)/m);
  });

  it("a type error: an unknown control read in an instrument", () => {
    variant("typo.ts", (s) => s.replace("nodeAvailability: { control: \"p_node\" }, nodes: { control: \"nodes\" } } }) },", "nodeAvailability: { control: \"p_node\" }, nodes: { control: \"nodes\" } } }) },\n          { kind: \"gauge\", id: \"typo\", name: \"Typo\", unit: null, min: 0, max: 1, compute: (v) => v.nodez },"));
    const r = fleetlab(["check", "typo.ts"], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^ {2}- typo\.ts:\d+:\d+: Property 'nodez' does not exist/m);
  });

  it("a private import: only the public entry points", () => {
    variant("private.ts", (s) => s.replace('from "fleetlab";', 'from "fleetlab";\nimport { fleetMtbf as m } from "fleetlab/dist/src/model/reliability";\nvoid m;'));
    const r = fleetlab(["check", "private.ts"], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('imports "fleetlab/dist/src/model/reliability"; a mission imports only "fleetlab" and "fleetlab/mission"');
  });

  it("a notebook whose mission file is missing: run and check name the path", () => {
    const nb = readJson(path.join(dir, "15_demo.ipynb"));
    nb.metadata.fleetlab.missionFile = "gone.ts";
    fs.writeFileSync(path.join(dir, "gone.ipynb"), JSON.stringify(nb));
    const checked = fleetlab(["check", "gone.ipynb"], dir);
    expect(checked.status).toBe(1);
    expect(checked.stdout).toContain(`no such mission file: ${path.join(dir, "gone.ts")}`);
    const ran = fleetlab(["run", "gone.ipynb", "--out", "out"], dir);
    expect(ran.status).not.toBe(0);
    expect(ran.stderr).toContain(path.join(dir, "gone.ts"));
  });
});
