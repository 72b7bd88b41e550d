/**
 * The grading worker, started by sandbox.ts under Node's permission model (reads: the
 * package, the submissions and the course's mission files; writes: its scratch folder; no
 * child processes, worker threads or addons) with a heap cap. It loads each mission the
 * first time a submission names it (only that mission's file), and grades one submission at
 * a time as the parent hands them over (worker-job.ts), each from a fresh session and an
 * empty design record. It runs no code from a submission:
 * it reads the notebook as data and replays its lock record into the pristine widgets.
 *
 *   node worker.js '<WorkerSettings JSON>'
 */
import fs from "fs";
import path from "path";
import readline from "readline";
import { gatherEvidence } from "../../grading/evidence";
import { pristineMissions } from "../../grading/pristine-missions";
import { EVIDENCE_FILE, type WorkerJob, type WorkerSettings } from "./worker-job";

async function main(): Promise<void> {
  const settings = JSON.parse(process.argv[2]) as WorkerSettings;
  const missions = pristineMissions(settings.courseMissions);
  const designRecordFile = path.join(settings.scratch, "fleetlab-design-record.json");
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const job = JSON.parse(line) as WorkerJob;
    fs.rmSync(designRecordFile, { force: true });
    const evidence = await gatherEvidence(job.file, {
      maxBytes: job.maxBytes, designRecordFile, missionFor: missions.missionFor,
      onPart: (part) => process.stdout.write(`part ${part}\n`),
    });
    fs.writeFileSync(path.join(settings.scratch, EVIDENCE_FILE), JSON.stringify(evidence));
    process.stdout.write("done\n");
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`grading worker: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(70);
  },
);
