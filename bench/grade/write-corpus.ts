/**
 * Writes the grader's hostile corpus to test/fixtures/submissions/ (or the folder given):
 * one honest submission per mission (each on another track), the HOSTILE variants of the
 * honest 01 notebook, a 01 notebook carrying 07's lock record, and a pair sharing one
 * record (peer-original, peer-copy). The expected verdict of each is stated by hand in
 * expected.json beside them; the 100 MB notebook is made by the test itself, not committed.
 *
 *   npm run build && node dist/bench/grade/write-corpus.js [DIR]
 */
import fs from "fs";
import os from "os";
import path from "path";
import { serializeNotebook } from "../../src/mission/authoring/notebook";
import { missionById } from "../../src/mission/find-mission";
import type { Notebook } from "../../src/mission/authoring/nbformat";
import type { TrackId } from "../../src/mission/authoring/types";
import { foreignRecord, HOSTILE, honestSubmission, recordOf, withRecord } from "./submissions";

export const HONEST: { mission: string; track: TrackId }[] = [
  { mission: "01_ml_intro", track: "edge_guardian" },
  { mission: "07_fault_tolerance", track: "cloud_titan" },
  { mission: "08_fleet_orch", track: "mobile_nomad" },
  { mission: "12_ops_scale", track: "tiny_pioneer" },
];

/** Every corpus notebook by case name (contents as written: a notebook, or raw text). */
export async function corpus(): Promise<Record<string, Notebook | string>> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-corpus-"));
  const out: Record<string, Notebook | string> = {};
  const honest: Record<string, Notebook> = {};
  for (const h of HONEST) {
    honest[h.mission] = await honestSubmission(h.mission, h.track, path.join(scratch, h.mission));
    out[`honest-${h.mission}`] = honest[h.mission];
  }
  const base = HONEST[0];
  for (const [name, make] of Object.entries(HOSTILE)) out[name] = make(honest[base.mission], missionById(base.mission), base.track);
  out["record-foreign"] = foreignRecord(honest[base.mission], honest["07_fault_tolerance"]);
  const peer = await honestSubmission(base.mission, "cloud_titan", path.join(scratch, "peer"));
  out["peer-original"] = peer;
  out["peer-copy"] = withRecord(honest[base.mission], recordOf(peer));
  fs.rmSync(scratch, { recursive: true, force: true });
  return out;
}

export function writeCase(dir: string, name: string, nb: Notebook | string): void {
  fs.writeFileSync(path.join(dir, `${name}.ipynb`), typeof nb === "string" ? nb : serializeNotebook(nb));
}

if (require.main === module) {
  const dir = process.argv[2] ?? path.join(__dirname, "..", "..", "..", "test", "fixtures", "submissions");
  corpus().then((cases) => {
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, nb] of Object.entries(cases)) writeCase(dir, name, nb);
    process.stdout.write(`wrote ${Object.keys(cases).length} submissions to ${dir}\n`);
    setImmediate(() => process.exit(0));
  }, (e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exit(1);
  });
}
