/**
 * `fleetlab missions [--mission ID ...] [--track NAME]`: every mission headless, printing
 * each part's lock answer key and 10-iteration target for every track.
 */
import { summaryLines } from "../../mission/grading/summary";
import { TRACK_IDS, type TrackId } from "../../mission/authoring/types";


export async function run(argv: string[]): Promise<number> {
  const missions: string[] = [];
  let tracks: readonly TrackId[] = TRACK_IDS;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--mission" && argv[i + 1]) missions.push(argv[++i]);
    else if (a === "--track" && argv[i + 1]) {
      const t = argv[++i];
      if (!(TRACK_IDS as readonly string[]).includes(t)) {
        process.stderr.write(`fleetlab missions: --track must be one of ${TRACK_IDS.join(", ")} (got "${t}")\n`);
        return 2;
      }
      tracks = [t as TrackId];
    } else {
      process.stderr.write(`fleetlab missions: unknown option "${a}"\nusage: fleetlab missions [--mission ID ...] [--track NAME]\n`);
      return 2;
    }
  }
  try {
    process.stdout.write(summaryLines(missions.length ? missions : undefined, tracks).join("\n") + "\n");
    return 0;
  } catch (e) {
    process.stderr.write(`fleetlab missions: ${(e as Error).message}\n`);
    return 1;
  }
}
