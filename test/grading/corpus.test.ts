/**
 * `fleetlab grade` on the hostile corpus (test/fixtures/submissions/, verdicts in
 * expected.json) plus a 100 MB notebook made here: every notebook gets its stated score and
 * integrity flags, Gradescope results and feedback, and the run exits 0. Then what a run
 * must survive: a worker killed on its time limit or its memory cap, a bad rubric, a
 * submission of the wrong mission; and shards merged equal one run, and Gradescope's layout.
 * Runs the built CLI (npm run build), as a teacher would.
 */
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";

const root = path.resolve(__dirname, "../..");
const corpusDir = path.join(root, "test/fixtures/submissions");
const expected = JSON.parse(fs.readFileSync(path.join(corpusDir, "expected.json"), "utf8")) as Record<string, { score: number | "max"; flags: string[] }>;
delete (expected as Record<string, unknown>)["//"];

const grade = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, "bin/fleetlab.js"), "grade", ...args], { cwd: root, encoding: "utf8", timeout: 600_000 });

type Row = { name: string; mission: string; track: string; score: number; max: number; flags: string[]; record: string };
function rows(dir: string): Map<string, Row> {
  const lines = fs.readFileSync(path.join(dir, "grades.csv"), "utf8").trim().split("\n").slice(1);
  return new Map(lines.map((l) => {
    const [name, mission, track, score, max, flags, record] = l.split(",");
    return [name, { name, mission, track, score: Number(score), max: Number(max), flags: flags ? flags.split(" ") : [], record }];
  }));
}

let tmp: string;
let submissions: string;
let out: string;
let run: ReturnType<typeof grade>;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-corpus-test-"));
  submissions = path.join(tmp, "submissions");
  out = path.join(tmp, "out");
  fs.mkdirSync(submissions);
  for (const f of fs.readdirSync(corpusDir).filter((n) => n.endsWith(".ipynb"))) fs.copyFileSync(path.join(corpusDir, f), path.join(submissions, f));
  // 100 MB that starts like a notebook: refused by its size, before it is read.
  const fd = fs.openSync(path.join(submissions, "oversized.ipynb"), "w");
  fs.writeSync(fd, '{"cells": [], "metadata": {"fleetlab": {"mission": "01_ml_intro"}}, "pad": "');
  const chunk = Buffer.alloc(1024 * 1024, "x");
  for (let i = 0; i < 100; i++) fs.writeSync(fd, chunk);
  fs.writeSync(fd, '"}');
  fs.closeSync(fd);
  run = grade(submissions, "--out", out, "--workers", "2");
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("fleetlab grade on the hostile corpus", () => {
  it("finishes with exit 0 and a row for every notebook", () => {
    expect(run.stderr).not.toMatch(/fleetlab: /);
    expect(run.status).toBe(0);
    expect([...rows(out).keys()].sort()).toEqual([...Object.keys(expected), "oversized"].sort());
  });

  it.each(Object.entries(expected))("%s: its stated score and flags", (name, verdict) => {
    const row = rows(out).get(name)!;
    expect(row.flags.filter((f) => f !== "record-copied").sort()).toEqual([...verdict.flags].sort());
    expect(row.score).toBe(verdict.score === "max" ? row.max : verdict.score);
    if (verdict.score === "max") expect(row.max).toBeGreaterThan(0);
    const results = JSON.parse(fs.readFileSync(path.join(out, name, "results.json"), "utf8"));
    expect(results.score).toBe(row.score);
    expect(typeof results.execution_time).toBe("number");
    expect(results.tests.length).toBeGreaterThan(0);
    for (const t of results.tests) {
      expect(Object.keys(t).sort()).toEqual(["max_score", "name", "output", "score", "status", "visibility"]);
      expect(t.status).toBe(t.score === t.max_score && t.max_score > 0 ? "passed" : "failed");
    }
    // Every finding is named to the student.
    const feedback = fs.readFileSync(path.join(out, name, "feedback.md"), "utf8");
    if (verdict.flags.length) expect(feedback).toContain("What the grader noticed");
  });

  it("flags a lock record carried by two submissions, and only those", () => {
    const all = [...rows(out).values()];
    expect(rows(out).get("peer-original")!.flags).toContain("record-copied");
    expect(rows(out).get("peer-copy")!.flags).toContain("record-copied");
    expect(rows(out).get("peer-copy")!.record).toBe(rows(out).get("peer-original")!.record);
    for (const r of all.filter((x) => x.flags.includes("record-copied"))) {
      expect(all.filter((x) => x.record === r.record).length).toBeGreaterThan(1);
    }
    expect(rows(out).get("honest-07_fault_tolerance")!.flags).toEqual([]);
  });

  it("refuses a 100 MB notebook by its size, naming the limit", () => {
    expect(rows(out).get("oversized")).toMatchObject({ score: 0, flags: ["oversized"] });
    expect(fs.readFileSync(path.join(out, "oversized", "feedback.md"), "utf8")).toMatch(/over the limit of 20\.0 MB; it was not opened/);
  });

  it("reports the edited cell with its diff, and grades it as the original", () => {
    const feedback = fs.readFileSync(path.join(out, "cells-edited", "feedback.md"), "utf8");
    expect(feedback).toMatch(/edited: intro, part1-run/);
    expect(feedback).toContain("+ const leak = mission.answerKey");
  });

  it("names what a false claim contradicts", () => {
    expect(fs.readFileSync(path.join(out, "false-target-claim", "feedback.md"), "utf8")).toMatch(/claims the target was found, but the recorded tries do not reach the model's value/);
    expect(fs.readFileSync(path.join(out, "commit-after-reveal", "feedback.md"), "utf8")).toMatch(/committed after the part's results were shown/);
  });
});

describe("what one submission does never stops the run", () => {
  const pick = (dir: string, ...names: string[]) => {
    fs.mkdirSync(dir, { recursive: true });
    for (const n of names) fs.copyFileSync(path.join(corpusDir, `${n}.ipynb`), path.join(dir, `${n}.ipynb`));
    return dir;
  };

  it("a worker past its part time limit is killed: 0 with the reason, and the next notebook is graded", () => {
    const dir = pick(path.join(tmp, "slow"), "honest-07_fault_tolerance", "not-json");
    const r = grade(dir, "--out", path.join(tmp, "slow-out"), "--workers", "1", "--part-time-limit", "0.001");
    expect(r.status).toBe(0);
    const g = rows(path.join(tmp, "slow-out"));
    expect(g.get("honest-07_fault_tolerance")).toMatchObject({ score: 0, flags: ["timeout"] });
    expect(g.get("not-json")!.flags).toEqual(["not-json"]);
    expect(fs.readFileSync(path.join(tmp, "slow-out", "honest-07_fault_tolerance", "feedback.md"), "utf8")).toMatch(/stopped after 0\.001 s \(the time limit for one part\)/);
  });

  it("a worker over its memory cap yields 0 with the reason", () => {
    const dir = pick(path.join(tmp, "small"), "honest-12_ops_scale");
    const r = grade(dir, "--out", path.join(tmp, "small-out"), "--memory-mb", "4");
    expect(r.status).toBe(0);
    const row = rows(path.join(tmp, "small-out")).get("honest-12_ops_scale")!;
    expect(row.score).toBe(0);
    expect(["out-of-memory", "crashed"]).toContain(row.flags[0]);
  });

  it("a notebook of another mission than the assignment scores 0 out of the assignment's points", () => {
    const dir = pick(path.join(tmp, "assignment"), "honest-07_fault_tolerance");
    const r = grade(dir, "--out", path.join(tmp, "assignment-out"), "--mission", "01_ml_intro");
    expect(r.status).toBe(0);
    expect(rows(path.join(tmp, "assignment-out")).get("honest-07_fault_tolerance")).toMatchObject({ score: 0, max: 15, flags: ["wrong-mission"] });
  });

  it("a bad rubric is refused with every problem named, and nothing is graded", () => {
    const rubric = path.join(tmp, "rubric.json");
    fs.writeFileSync(rubric, JSON.stringify({ target: { points: -1 }, reflection: { minWord: 10 }, style: {} }));
    const r = grade(corpusDir, "--out", path.join(tmp, "rubric-out"), "--rubric", rubric);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("target.points: must be a number of points from 0 to 1000 (got -1)");
    expect(r.stderr).toContain("reflection.minWord: not a field of reflection");
    expect(r.stderr).toContain("style: not a criterion");
    expect(fs.existsSync(path.join(tmp, "rubric-out"))).toBe(false);
  });
});

describe("shards and Gradescope", () => {
  it("two shards merged give the rows of one run", () => {
    for (const i of [0, 1]) expect(grade(submissions, "--out", path.join(tmp, `shard${i}`), "--shard", `${i}/2`).status).toBe(0);
    const merged = spawnSync(process.execPath, [path.join(root, "bin/fleetlab.js"), "grade", "merge", path.join(tmp, "shard0"), path.join(tmp, "shard1"), "--out", path.join(tmp, "merged")], { encoding: "utf8" });
    expect(merged.status).toBe(0);
    const strip = (m: Map<string, Row>) => [...m.values()].map((r) => ({ ...r })).sort((a, b) => a.name.localeCompare(b.name));
    expect(strip(rows(path.join(tmp, "merged")))).toEqual(strip(rows(out)));
    expect(fs.existsSync(path.join(tmp, "merged", "peer-copy", "results.json"))).toBe(true);
  });

  it("--gradescope grades /autograder/submission into /autograder/results/results.json", () => {
    const gs = path.join(tmp, "autograder");
    fs.mkdirSync(path.join(gs, "submission"), { recursive: true });
    fs.copyFileSync(path.join(corpusDir, "honest-08_fleet_orch.ipynb"), path.join(gs, "submission", "mission08.ipynb"));
    const r = grade("--gradescope", "--gradescope-root", gs);
    expect(r.status).toBe(0);
    const results = JSON.parse(fs.readFileSync(path.join(gs, "results", "results.json"), "utf8"));
    expect(results.score).toBe(15);
    expect(results.tests.every((t: { status: string }) => t.status === "passed")).toBe(true);
  });

  it("--gradescope-autograder writes setup.sh and run_autograder", () => {
    const dir = path.join(tmp, "zip");
    expect(grade("--gradescope-autograder", dir, "--mission", "01_ml_intro").status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "run_autograder"), "utf8")).toContain("fleetlab grade --gradescope --mission 01_ml_intro");
    expect(fs.statSync(path.join(dir, "setup.sh")).mode & 0o111).not.toBe(0);
  });
});
