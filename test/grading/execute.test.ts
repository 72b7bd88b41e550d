/**
 * `fleetlab grade --execute` on the hostile code cells of the corpus (verdicts in
 * test/fixtures/submissions/expected-execute.json): a cell that ends the process, loops
 * forever, awaits forever, exhausts memory, starts a child process, patches the model or floods the output
 * is named in the feedback with its cell, the run exits 0 with a row for every notebook,
 * and the replayed grade is the honest notebook's whatever the cells did. Runs the built
 * CLI (npm run build).
 */
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";

const root = path.resolve(__dirname, "../..");
const corpusDir = path.join(root, "test/fixtures/submissions");
const expected = JSON.parse(fs.readFileSync(path.join(corpusDir, "expected-execute.json"), "utf8")) as Record<string, { score: number | "max"; flags: string[] }>;
delete (expected as Record<string, unknown>)["//"];

type Test = { name: string; score: number; max_score: number; status: string; output: string };
type Row = { score: number; max: number; flags: string[] };

let tmp: string;
let out: string;
let run: ReturnType<typeof spawnSync>;
let rows: Map<string, Row>;
const results = (name: string) => JSON.parse(fs.readFileSync(path.join(out, name, "results.json"), "utf8")) as { score: number; tests: Test[] };
const feedback = (name: string) => fs.readFileSync(path.join(out, name, "feedback.md"), "utf8");

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-execute-test-"));
  const submissions = path.join(tmp, "submissions");
  out = path.join(tmp, "out");
  fs.mkdirSync(submissions);
  for (const name of Object.keys(expected)) fs.copyFileSync(path.join(corpusDir, `${name}.ipynb`), path.join(submissions, `${name}.ipynb`));
  const marker = path.join(tmp, "pwned");
  // The child-process cell writes this file if it ever runs a command: it must not.
  const shell = JSON.parse(fs.readFileSync(path.join(submissions, "code-child-process.ipynb"), "utf8"));
  for (const c of shell.cells) c.source = [c.source].flat().join("").replace("/tmp/fleetlab-grade-pwned", marker);
  fs.writeFileSync(path.join(submissions, "code-child-process.ipynb"), JSON.stringify(shell));
  // 20 s a part: the honest notebook and a memory bomb's heap exhaustion finish well inside it on a busy
  // two-core grader, so only the cells that never end are stopped by it.
  run = spawnSync(process.execPath, [path.join(root, "bin/fleetlab.js"), "grade", submissions, "--out", out, "--workers", "2", "--execute", "--part-time-limit", "20"], { cwd: root, encoding: "utf8", timeout: 600_000 });
  const lines = fs.readFileSync(path.join(out, "grades.csv"), "utf8").trim().split("\n").slice(1);
  rows = new Map(lines.map((l) => {
    const [name, , , score, max, flags] = l.split(",");
    return [name, { score: Number(score), max: Number(max), flags: flags ? flags.split(" ").filter((f) => f !== "record-copied") : [] }];
  }));
}, 600_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("fleetlab grade --execute on hostile code cells", () => {
  it("finishes with exit 0 and a row for every notebook", () => {
    expect(run.stderr).not.toMatch(/fleetlab: /);
    expect(run.status).toBe(0);
    expect([...rows.keys()].sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))("%s: its stated score and flags", (name, verdict) => {
    const row = rows.get(name)!;
    expect(row.flags.sort()).toEqual([...verdict.flags].sort());
    expect(row.score).toBe(verdict.score === "max" ? row.max : verdict.score);
    const r = results(name);
    expect(r.score).toBe(row.score);
    const code = r.tests.find((t) => t.name === "Code cells run without error")!;
    expect(code).toBeDefined();
    expect(code.status).toBe(verdict.flags.some((f) => /^code-|not-json/.test(f)) ? "failed" : "passed");
  });

  it("grades the replayed work of every code-* notebook as the honest notebook's, whatever its cells did", () => {
    const replayed = (name: string) => results(name).tests.filter((t) => t.name.startsWith("Part ")).map((t) => [t.name, t.score]);
    const honest = replayed("honest-01_ml_intro");
    expect(honest.length).toBeGreaterThan(0);
    for (const name of Object.keys(expected).filter((n) => n.startsWith("code-"))) expect(replayed(name)).toEqual(honest);
  });

  it("names the cell at fault and why, in the feedback", () => {
    expect(feedback("code-process-exit")).toMatch(/cell \d+ \(id "exit"\) ended the process \(process\.exit\(0\)\)/);
    expect(feedback("code-infinite-loop")).toMatch(/cell \d+ \(id "loop"\) was stopped after 20 s/);
    // Awaiting a promise nothing can settle: timed out, not the process ending as if the notebook had.
    expect(feedback("code-never-settles")).toMatch(/cell \d+ \(id "wait"\) was stopped after 20 s/);
    expect(feedback("code-memory-bomb")).toMatch(/cell \d+ \(id "hog"\) ran out of memory/);
    expect(feedback("code-child-process")).toMatch(/cell \d+ \(id "shell"\) tried something the grading sandbox does not allow/);
    expect(feedback("code-monkey-patch")).toMatch(/id "patch"\) changed [^)]*Math\.exp/);
    expect(feedback("code-output-flood")).toMatch(/printed 300\.0 MB/);
    // Cells after the one that ended the process are listed as not run.
    expect(feedback("code-process-exit")).toMatch(/\| \d+ \(`part2-run`\) \| not run \|/);
    expect(feedback("honest-01_ml_intro")).toMatch(/\| \d+ \(`design-record-run`\) \| ok \|/);
  });

  it("ran no command: the child process was refused", () => {
    expect(fs.existsSync(path.join(tmp, "pwned"))).toBe(false);
  });

  it("carries --execute into a Gradescope autograder's run_autograder", () => {
    const dir = path.join(tmp, "zip");
    const r = spawnSync(process.execPath, [path.join(root, "bin/fleetlab.js"), "grade", "--gradescope-autograder", dir, "--mission", "01_ml_intro", "--execute"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "run_autograder"), "utf8")).toContain("fleetlab grade --gradescope --mission 01_ml_intro --execute");
  });
});
