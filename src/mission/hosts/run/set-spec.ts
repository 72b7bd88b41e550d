/**
 * `--set [MISSION:]PART.CONTROL=VALUE`: what a headless run does to a part's widgets,
 * as a student would in JupyterLab, checked against the mission definition before
 * anything runs.
 *
 *   PART     1-based part number or part id           1, reliability_gap
 *   CONTROL  a workbench control id, or one of:       nodes, p_node
 *            lock     commit the prediction           (custom lock_request)
 *            target   one try in the target box       (update {value}); repeat for more tries
 *            reflect  the written reflection          (update {value})
 *   MISSION  optional mission id; without it the setting applies to every notebook given
 *
 * Examples: `1.lock=0.37`, `1.nodes=2000`, `07_fault_tolerance:2.tier=Local SSD`,
 * `3.reflect=Synchronous updates waste the slowest node's time ...`.
 *
 * Ranges are those of the track being run (with an empty design record); the widget
 * checks the value again when it arrives, exactly as for a browser.
 */
import { findPart } from "../../grading/answer-key";
import { resolveControl, trackContext } from "../../authoring/resolve";
import type { ControlValue, Mission, TrackId } from "../../authoring/types";

/** One parsed `--set`, before it is checked against a mission. */
export interface SetSpec {
  /** The text as given, for messages. */
  text: string;
  mission: string | null;
  part: string;
  control: string;
  raw: string;
}

/** A `--set` resolved for one mission and track: which widget of which part gets which message. */
export interface Drive {
  text: string;
  partIndex: number;
  partId: string;
  /** "lock" | "target" | "reflect" | a control id. */
  control: string;
  value: ControlValue;
}

/** A `--set` that cannot apply: the CLI prints `message` and exits 2. */
export class SetError extends Error {
  override name = "SetError";
}

/** A setting or value as messages show it: quoted, cut to 80 characters. */
function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

const SET_PATTERN = /^(?:([A-Za-z0-9_-]+):)?([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)=(.*)$/s;

/**
 * Parses `[MISSION:]PART.CONTROL=VALUE`.
 * @throws SetError naming the expected form
 */
export function parseSet(text: string): SetSpec {
  const m = SET_PATTERN.exec(text);
  if (!m) throw new SetError(`--set ${quote(text)}: expected [MISSION:]PART.CONTROL=VALUE, e.g. 1.nodes=2000 or 1.lock=0.37`);
  return { text, mission: m[1] ?? null, part: m[2], control: m[3], raw: m[4] };
}

function numberValue(spec: SetSpec, what: string, min: number | null, max: number | null): number {
  const v = spec.raw.trim() === "" ? NaN : Number(spec.raw);
  const range = min === null && max === null ? "" : ` within [${min ?? "-∞"}, ${max ?? "∞"}]`;
  if (!Number.isFinite(v)) throw new SetError(`--set ${quote(spec.text)}: ${what} takes a finite number${range} (got ${quote(spec.raw)})`);
  if ((min !== null && v < min) || (max !== null && v > max)) {
    throw new SetError(`--set ${quote(spec.text)}: ${what} must be within [${min ?? "-∞"}, ${max ?? "∞"}] (got ${v})`);
  }
  return v;
}

function choiceValue(spec: SetSpec, what: string, choices: string[]): string {
  if (!choices.includes(spec.raw)) throw new SetError(`--set ${quote(spec.text)}: ${what} must be one of ${choices.map((c) => `"${c}"`).join(", ")} (got ${quote(spec.raw)})`);
  return spec.raw;
}

/**
 * The drives of `specs` that apply to `mission` on `track`, in the order to send them:
 * per part, the lock first (the workbench opens only after it), then the rest as given.
 * @throws SetError naming the setting, the part or control, and what is allowed
 */
export function resolveDrives(specs: SetSpec[], mission: Mission<unknown>, track: TrackId): Drive[] {
  const ctx = trackContext(mission, track);
  const drives: Drive[] = [];
  for (const spec of specs) {
    if (spec.mission !== null && spec.mission !== mission.id) continue;
    const where = `mission ${mission.id}`;
    const n = /^\d+$/.test(spec.part) ? Number(spec.part) : NaN;
    const partIndex = Number.isInteger(n) ? n - 1 : mission.parts.findIndex((p) => p.id === spec.part);
    if (partIndex < 0 || partIndex >= mission.parts.length) {
      throw new SetError(`--set ${quote(spec.text)}: ${where} has no part ${quote(spec.part)}; parts: ` +
        mission.parts.map((p, i) => `${i + 1} (${p.id})`).join(", "));
    }
    const part = findPart(mission, mission.parts[partIndex].id);
    const what = `part ${partIndex + 1} ${spec.control}`;
    let value: ControlValue;
    if (spec.control === "lock") {
      const l = part.lock;
      value = l.kind === "number" ? numberValue(spec, what, l.min, l.max)
        : l.kind === "choice" ? choiceValue(spec, what, l.choices)
        : spec.raw;
      if (typeof value === "string" && value.trim() === "") throw new SetError(`--set ${quote(spec.text)}: ${what} takes a non-empty answer`);
    } else if (spec.control === "target") {
      if (!part.target) throw new SetError(`--set ${quote(spec.text)}: ${where} part ${partIndex + 1} has no target`);
      value = numberValue(spec, what, null, null);
    } else if (spec.control === "reflect") {
      value = spec.raw;
    } else {
      const c = part.workbench.controls.find((x) => x.id === spec.control);
      if (!c) {
        throw new SetError(`--set ${quote(spec.text)}: ${where} part ${partIndex + 1} (${part.id}) has no control ${quote(spec.control)}; ` +
          `controls: ${[...part.workbench.controls.map((x) => x.id), "lock", ...(part.target ? ["target"] : []), "reflect"].join(", ")}`);
      }
      const r = resolveControl(c, ctx);
      if (r.kind === "slider") value = numberValue(spec, what, r.min, r.max);
      else if (r.kind === "choice") value = choiceValue(spec, what, r.choices);
      else {
        if (spec.raw !== "true" && spec.raw !== "false") throw new SetError(`--set ${quote(spec.text)}: ${what} takes true or false (got ${quote(spec.raw)})`);
        value = spec.raw === "true";
      }
    }
    drives.push({ text: spec.text, partIndex, partId: part.id, control: spec.control, value });
  }
  // Stable: locks move to the front of their part, everything else keeps its order.
  return drives
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.partIndex - b.d.partIndex || Number(b.d.control === "lock") - Number(a.d.control === "lock") || a.i - b.i)
    .map((x) => x.d);
}
