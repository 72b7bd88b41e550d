/**
 * `npm run bench:grade`: grades 100 submissions of each of the four missions (400 notebooks,
 * honest and hostile mixed) with `fleetlab grade` at its default workers and prints
 * notebooks per second beside the goal (all 400 in under 120 s on a 2-core machine).
 *
 * Submissions: per mission, the honest notebook of the corpus and the hostile variants
 * (HOSTILE) made from it, repeated with distinct names up to 100. Prints figures only.
 * Options after the script are passed to `fleetlab grade` (e.g. --submissions-per-worker 50).
 */
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { missionById } from "../../src/mission/find-mission";
import type { Notebook } from "../../src/mission/authoring/nbformat";
import { HONEST, writeCase } from "./write-corpus";
import { HOSTILE, honestSubmission } from "./submissions";

const PER_MISSION = 100;
const GOAL_SECONDS = 120;

async function main(): Promise<void> {
  const root = path.resolve(__dirname, "..", "..", "..");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-bench-grade-"));
  const dir = path.join(tmp, "submissions");
  fs.mkdirSync(dir);
  for (const h of HONEST) {
    const mission = missionById(h.mission);
    const honest = await honestSubmission(h.mission, h.track, path.join(tmp, "scratch", h.mission));
    const kinds: [string, Notebook | string][] = [["honest", honest], ...Object.entries(HOSTILE).map(([k, make]): [string, Notebook | string] => [k, make(honest, mission, h.track)])];
    for (let i = 0; i < PER_MISSION; i++) {
      // Half honest, half hostile, so the figure covers both paths.
      const [kind, nb] = i % 2 === 0 ? kinds[0] : kinds[1 + ((i >> 1) % (kinds.length - 1))];
      writeCase(dir, `${h.mission}-${String(i).padStart(3, "0")}-${kind}`, nb);
    }
  }
  const count = fs.readdirSync(dir).length;
  const workers = os.availableParallelism();
  const started = process.hrtime.bigint();
  const extra = process.argv.slice(2);
  const r = spawnSync(process.execPath, [path.join(root, "bin/fleetlab.js"), "grade", dir, "--out", path.join(tmp, "out"), ...extra], { encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`fleetlab grade exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const graded = fs.readFileSync(path.join(tmp, "out", "grades.csv"), "utf8").trim().split("\n").length - 1;
  process.stdout.write([
    `fleetlab grade${extra.length ? ` ${extra.join(" ")}` : ""}: ${graded} of ${count} notebooks (4 missions, honest and hostile) in ${seconds.toFixed(1)} s with ${workers} workers on ${os.cpus().length} cores`,
    `  ${(graded / seconds).toFixed(2)} notebooks/s; goal: ${count} in < ${GOAL_SECONDS} s (${(count / GOAL_SECONDS).toFixed(2)} notebooks/s) on 2 cores: ${seconds < GOAL_SECONDS ? "met" : "not met"}`,
    `  load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}`,
  ].join("\n") + "\n");
  fs.rmSync(tmp, { recursive: true, force: true });
}

main().then(() => setImmediate(() => process.exit(0)), (e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
