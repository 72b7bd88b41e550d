/**
 * The files of a Gradescope autograder zip (Gradescope's autograder specification):
 * `setup.sh` installs Node.js and this version of FleetLab once per image; `run_autograder`
 * grades `/autograder/submission/` with `fleetlab grade --gradescope`, which writes
 * `/autograder/results/results.json`. A rubric and a course's mission files, when given,
 * travel in the zip beside them.
 */
import fs from "fs";
import path from "path";
import { packageInfo } from "../../../kernel/package-info";

export interface AutograderOptions {
  rubricFile: string | null;
  missionsDir: string | null;
  mission: string | null;
  /** Run the students' code cells too (`--execute`). */
  execute?: boolean;
}

/** Node.js major version the autograder image installs (FleetLab needs >= 22). */
const NODE_MAJOR = 24;

/** File name → contents and mode, relative to the zip's root. */
export function autograderFiles(options: AutograderOptions): Record<string, { text: string; mode: number }> {
  const version = packageInfo().version;
  const flags = [
    ...(options.rubricFile ? ["--rubric /autograder/source/rubric.json"] : []),
    ...(options.missionsDir ? ["--missions /autograder/source/missions"] : []),
    ...(options.mission ? [`--mission ${shellWord(options.mission)}`] : []),
    ...(options.execute ? ["--execute"] : []),
  ];
  const files: Record<string, { text: string; mode: number }> = {
    "setup.sh": {
      mode: 0o755,
      text: [
        "#!/usr/bin/env bash",
        "# Gradescope runs this once when it builds the autograder image.",
        "set -euo pipefail",
        "apt-get update",
        "apt-get install -y ca-certificates curl",
        `curl -fsSL https://deb.nodesource.com/setup_${NODE_MAJOR}.x | bash -`,
        "apt-get install -y nodejs",
        `npm install --global fleetlab@${version}`,
        "",
      ].join("\n"),
    },
    run_autograder: {
      mode: 0o755,
      text: [
        "#!/usr/bin/env bash",
        "# Gradescope runs this for every submission: the student's files are in /autograder/submission/,",
        "# the grade goes to /autograder/results/results.json. fleetlab grade exits 0 whatever the notebook does.",
        "set -euo pipefail",
        `fleetlab grade --gradescope${flags.length ? ` ${flags.join(" ")}` : ""}`,
        "",
      ].join("\n"),
    },
  };
  if (options.rubricFile) files["rubric.json"] = { mode: 0o644, text: fs.readFileSync(options.rubricFile, "utf8") };
  if (options.missionsDir) {
    for (const name of fs.readdirSync(options.missionsDir).filter((n) => /\.[cm]?ts$/.test(n)).sort()) {
      files[`missions/${name}`] = { mode: 0o644, text: fs.readFileSync(path.join(options.missionsDir, name), "utf8") };
    }
  }
  return files;
}

function shellWord(s: string): string {
  return /^[A-Za-z0-9_.-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}
