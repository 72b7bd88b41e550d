/**
 * The summary of executed mission notebooks: per part, the answer key the notebook
 * revealed after its lock was committed and the 10-iteration target it recorded,
 * both read from the executed notebook's design ledger (`metadata.fleetlab.design`).
 */
import { findPart } from "../answer-key";
import { missionById } from "../missions/index";
import type { Notebook } from "../nbformat";
import { TRACK_NAMES } from "../notebook";
import { resolve, trackContext } from "../resolve";
import { formatValue } from "../summary";
import type { LedgerEntry, TrackId } from "../types";

/** Summary lines of one executed notebook (empty when it is not a mission notebook). */
export function runSummaryLines(nb: Notebook): string[] {
  const fl = nb.metadata.fleetlab as { mission?: string; track?: TrackId; design?: LedgerEntry[] } | undefined;
  if (!fl?.mission || !fl.track) return [];
  const mission = missionById(fl.mission);
  const lines = [`${mission.title} (${mission.id}), ${TRACK_NAMES[fl.track]}`];
  mission.parts.forEach((p, i) => {
    const e = (fl.design ?? []).find((x) => x.part === p.id && x.track === fl.track);
    const part = findPart(mission, p.id);
    const lock = e && e.answer !== null && e.answer !== undefined ? formatValue(e.answer, part.lock.unit ?? null) : "not revealed (lock not committed)";
    const target = !part.target ? "none" : e?.target ? `${formatValue(e.target.value, resolve(part.target.unit, trackContext(mission, fl.track!)))} (${e.target.attempts}/${part.target.maxAttempts} tries used)` : "not recorded";
    lines.push(`  Part ${i + 1} ${p.id}: lock answer key = ${lock}; ${part.target?.maxAttempts ?? 10}-iteration target = ${target}`);
  });
  return lines;
}
