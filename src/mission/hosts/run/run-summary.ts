/**
 * The summary of executed mission notebooks: per part, the answer key the notebook
 * revealed after its lock was committed (read from the executed notebook's design record,
 * `metadata.fleetlab.design`) and the 10-iteration target with the tries it recorded.
 */
import { answerKey, findPart } from "../../grading/answer-key";
import { missionById } from "../../find-mission";
import type { Notebook } from "../../authoring/nbformat";
import { TRACK_NAMES } from "../../authoring/notebook";
import { formatValue } from "../../grading/summary";
import type { DesignEntry, DesignView, TrackId } from "../../authoring/types";

/**
 * Summary lines of one executed notebook (empty when it is not a mission notebook).
 * @param ledger the design record the notebook ran with (its keys depend on earlier missions)
 */
export function runSummaryLines(nb: Notebook, ledger: DesignView): string[] {
  const fl = nb.metadata.fleetlab as { mission?: string; track?: TrackId; design?: DesignEntry[] } | undefined;
  if (!fl?.mission || !fl.track) return [];
  const mission = missionById(fl.mission);
  const lines = [`${mission.title} (${mission.id}), ${TRACK_NAMES[fl.track]}`];
  mission.parts.forEach((p, i) => {
    const e = (fl.design ?? []).find((x) => x.part === p.id && x.track === fl.track);
    const part = findPart(mission, p.id);
    const lock = e && e.answer !== null && e.answer !== undefined ? formatValue(e.answer, part.lock.unit ?? null) : "not revealed (lock not committed)";
    // The key comes from the model (the notebook records a target's value only once found).
    const key = part.target ? answerKey(mission, p.id, fl.track!, ledger).target : null;
    const target = !key ? "none" : e?.target ? `${formatValue(key.value, key.unit)} (${e.target.attempts}/${key.maxAttempts} tries used${e.target.found ? ", found" : ""})` : "not recorded";
    lines.push(`  Part ${i + 1} ${p.id}: lock answer key = ${lock}; ${part.target?.maxAttempts ?? 10}-iteration target = ${target}`);
  });
  return lines;
}
