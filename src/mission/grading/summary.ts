/**
 * The headline summary: every mission, every track, each part's lock answer key and
 * 10-iteration target, as computed by the model.
 */
import { missionKeys, type AnswerKey } from "./answer-key";
import { missionById } from "../find-mission";
import { BUILT_IN_MISSION_IDS } from "../missions/catalog";
import { TRACK_NAMES } from "../authoring/notebook";
import { TRACK_IDS, type TrackId } from "../authoring/types";

/** A number with 4 significant digits and thousands separators; text unchanged. */
export function formatValue(v: number | string, unit?: string | null): string {
  if (typeof v === "string") return v;
  const s = Math.abs(v) >= 1000 ? Math.round(v).toLocaleString("en-US") : Number(v.toPrecision(4)).toString();
  return unit ? `${s} ${unit}` : s;
}

/** Lines of the summary for the given missions and tracks. */
export function summaryLines(missionIds: readonly string[] = BUILT_IN_MISSION_IDS, tracks: readonly TrackId[] = TRACK_IDS): string[] {
  const lines: string[] = [];
  for (const m of missionIds.map(missionById)) {
    lines.push(`${m.title} (${m.id})`);
    for (const t of tracks.filter((x) => m.tracks[x])) {
      lines.push(`  ${TRACK_NAMES[t]}`);
      missionKeys(m, t).forEach((k: AnswerKey, i) => {
        const target = k.target ? `${formatValue(k.target.value, k.target.unit)} (±${Math.round(k.target.tolerance * 100)}%, ${k.target.maxAttempts} tries)` : "none";
        lines.push(`    Part ${i + 1} ${k.part}: lock = ${formatValue(k.lock.answer, k.lock.unit)}; target = ${target}`);
      });
    }
  }
  return lines;
}
