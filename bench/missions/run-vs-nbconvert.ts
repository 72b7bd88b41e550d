/**
 * All four mission notebooks on all four tracks, executed two ways, side by side:
 *   in-process   `fleetlab run notebooks/*.ipynb --track all` (one process, no Jupyter)
 *   nbconvert    `jupyter nbconvert --to notebook --execute` with the fleetlab kernelspec,
 *                one notebook copy per track (its parameters cell rewritten as --track does)
 * Prints wall times and the ratio; goal: in-process at least 3x faster. Prints only.
 * Run: npm run build && node dist/bench/missions/run-vs-nbconvert.js
 */
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { MISSIONS } from "../../src/mission/missions/index";
import { serializeNotebook } from "../../src/mission/authoring/notebook";
import { planNotebook, readNotebook } from "../../src/mission/hosts/run/execute-notebook";
import { TRACK_IDS } from "../../src/mission/authoring/types";

const REPO = path.resolve(__dirname, "..", "..", "..");
const BIN = path.join(REPO, "bin", "fleetlab.js");
const JUPYTER = "/usr/bin/jupyter";

function timed(label: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env, encoding: "utf8", timeout: 1_800_000 });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${label} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return s;
}

function main(): void {
  const notebooks = MISSIONS.map((m) => path.join(REPO, "notebooks", `${m.id}.ipynb`));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-bench-missions-"));
  const n = notebooks.length * TRACK_IDS.length;
  process.stdout.write(`${MISSIONS.length} notebooks x ${TRACK_IDS.length} tracks = ${n} runs\n`);

  const inProcess = timed("fleetlab run", process.execPath, [BIN, "run", ...notebooks, "--track", "all", "--out", path.join(work, "in-process")]);
  process.stdout.write(`in-process  fleetlab run       ${inProcess.toFixed(1)} s  (${(inProcess / n).toFixed(2)} s per notebook)\n`);

  if (!fs.existsSync(JUPYTER)) {
    process.stdout.write(`nbconvert   skipped: ${JUPYTER} not found\n`);
    return;
  }
  const prefix = path.join(work, "prefix");
  timed("install-kernel", process.execPath, [BIN, "install-kernel", "--prefix", prefix]);
  const copies: string[] = [];
  for (const t of TRACK_IDS) {
    const dir = path.join(work, "tracks", t);
    fs.mkdirSync(dir, { recursive: true });
    for (const file of notebooks) {
      const copy = path.join(dir, path.basename(file));
      fs.writeFileSync(copy, serializeNotebook(planNotebook(file, readNotebook(file), t, []).notebook));
      copies.push(copy);
    }
  }
  const env = { ...process.env, JUPYTER_PATH: path.join(prefix, "share", "jupyter"), JUPYTER_PLATFORM_DIRS: "1", FLEETLAB_DESIGN_RECORD: path.join(work, "nbconvert-ledger.json") };
  let nbconvert = 0;
  for (const t of TRACK_IDS) {
    nbconvert += timed(`nbconvert ${t}`, JUPYTER, ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=fleetlab",
      "--ExecutePreprocessor.timeout=600", "--output-dir", path.join(work, "nbconvert", t), ...copies.filter((c) => c.includes(`${path.sep}${t}${path.sep}`))], env);
  }
  process.stdout.write(`nbconvert   jupyter --execute  ${nbconvert.toFixed(1)} s  (${(nbconvert / n).toFixed(2)} s per notebook)\n`);
  const ratio = nbconvert / inProcess;
  process.stdout.write(`ratio       ${ratio.toFixed(2)}x faster in-process (goal >= 3x: ${ratio >= 3 ? "met" : "not met"})\n`);
  fs.rmSync(work, { recursive: true, force: true });
}

main();
