/**
 * The grading worker, started by sandbox.ts under Node's permission model (reads: the
 * package, the submissions and the course's mission files; writes: its scratch folder; no
 * child processes, worker threads or addons) with a heap cap. It loads each mission the
 * first time a submission names it (only that mission's file), and grades one submission at
 * a time as the parent hands them over (worker-job.ts), each from a fresh session and an
 * empty design record. It runs no code from a submission:
 * it reads the notebook as data and replays its lock record into the pristine widgets, judged
 * by the answer keys the grading process sends (worker-job.ts).
 *
 *   node worker.js '<WorkerSettings JSON>'
 */
import fs from "fs";
import path from "path";
import readline from "readline";
import { gatherEvidence } from "../../grading/evidence";
import { pristineMissions } from "../../grading/pristine-missions";
import { EVIDENCE_FILE, type GraderReference, type ReferenceRequest, type WorkerJob, type WorkerSettings } from "./worker-job";

async function main(): Promise<void> {
  const settings = JSON.parse(process.argv[2]) as WorkerSettings;
  const missions = pristineMissions(settings.courseMissions);
  const designRecordFile = path.join(settings.scratch, "fleetlab-design-record.json");
  const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  const nextLine = async (): Promise<string | null> => {
    for (let r = await lines.next(); !r.done; r = await lines.next()) if (r.value.trim()) return r.value;
    return null;
  };
  const reference = async (request: ReferenceRequest): Promise<GraderReference> => {
    process.stdout.write(`reference ${JSON.stringify(request)}\n`);
    const reply = await nextLine();
    if (reply === null) throw new Error("the grader closed the pipe before sending its reference");
    const answer = JSON.parse(reply) as Partial<GraderReference> & { error?: string };
    if (!answer.keys || !answer.handedOut) throw new Error(`the grader sent no reference: ${answer.error ?? "no reason given"}`);
    return answer as GraderReference;
  };
  for (let line = await nextLine(); line !== null; line = await nextLine()) {
    const job = JSON.parse(line) as WorkerJob;
    fs.rmSync(designRecordFile, { force: true });
    const evidence = await gatherEvidence(job.file, {
      maxBytes: job.maxBytes, designRecordFile, missionFor: missions.missionFor, reference,
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
