/**
 * `defineMission`: checks a mission definition's shape and returns it marked as checked;
 * `missionProblems`: every check, the model's computations included.
 *
 * The checks are the contract every mission keeps, listed once so `fleetlab check`
 * and the notebook tests report the same problems:
 *   1. identity: id, title, chapter context, at least one track, a default track;
 *   2. exactly three parts with unique ids, each with a lock, a workbench (at least
 *      one control and one instrument) and a reflect prompt;
 *   3. for every track: the track's parameters load, each lock's answer and each
 *      target compute to a valid value, every control's default lies in its range,
 *      every gauge's range is finite with its danger line inside, every instrument computes
 *      at the defaults;
 *   4. once 1–3 hold, for every track and part: every instrument stays finite and every
 *      widget update within its work budget at each control's extremes, and every gauge's
 *      range holds all it shows there without being absurdly wide (control-extremes.ts);
 *   5. every Math Peek formula parses as a mathjs expression, labels are unique within a part,
 *      and, for every track, a formula with a scope binds every free symbol of its expression
 *      to a finite number at the part's default control values;
 *   6. every name a control `feeds` is a model function;
 *   7. no text still says TODO.
 *
 * `defineMission` runs 1, 2, 6 and 7 (5 but for parsing), which compute nothing: every host loads a mission at
 * once (a simulated mission's answers and extremes take tens of seconds, paid by a kernel,
 * `fleetlab run` and each grader process alike). 3–5 run the model, so `fleetlab check` and
 * the tests run them (`missionProblems`), as a compiler's checks run before a program ships
 * rather than each time it starts; a problem they would find shows at run time as the
 * instrument's or lock's own error.
 *
 * The types already hold some of these (three parts, values by control id) for a TypeScript
 * author; the checks repeat them for a definition the compiler did not see (JavaScript, or a
 * file loaded despite type errors).
 */
import { extremeProblems, gaugeRangeProblems } from "./control-extremes";
import { formulaNumbers } from "./formula";
import { MissionDefinitionError } from "./messages";
import { defaultValues, resolve, resolveControl, trackContext } from "./resolve";
import * as model from "../../model/index";
import { mathjs } from "../../model/mathjs";
import { MODEL_FUNCTIONS } from "../../model/registry";
import { computeRows, computeValue } from "../../widget-contract/compute";
import { resolveFast } from "./fast-path";
import type { Controls, ControlValues, FastSweep, InstrumentSpec, Mission, MissionSpec, PartSpec, TrackContext, TrackId } from "./types";
import { TRACK_IDS } from "./types";

/**
 * Checks `spec`'s shape and returns it as a Mission; throws MissionDefinitionError listing every
 * problem. Computes nothing: `missionProblems` runs the model (see above).
 *
 * Infers the mission's parameters `P` from `params` and each part's controls, so that part's
 * instruments and formulas see its values typed by control id (`PartValues`). Give no type
 * arguments: TypeScript infers all of them or none, and `defineMission<P>(...)` leaves the
 * controls untyped (values are plain `ControlValues`).
 */
export function defineMission<P, const C1 extends Controls<P> = Controls<P>, const C2 extends Controls<P> = Controls<P>, const C3 extends Controls<P> = Controls<P>>(
  spec: MissionSpec<P, C1, C2, C3>,
): Mission<P>;
// The implementation handles any mission, as the runtime holds it; the signature above is the author's.
export function defineMission(spec: MissionSpec): Mission {
  const problems = shapeProblems(spec);
  if (problems.length > 0) throw new MissionDefinitionError(spec && spec.id ? String(spec.id) : "(no id)", problems);
  return Object.freeze({ ...spec, checked: true as const });
}

/** Every problem with a definition, each naming the field at fault; empty when it is sound. Runs the model. */
export function missionProblems<P>(spec: MissionSpec<P>): string[] {
  const problems = structureProblems(spec);
  if (problems.length === 0) problems.push(...formulaProblems(spec));
  if (problems.length === 0) {
    for (const t of Object.keys(spec.tracks) as TrackId[]) problems.push(...trackProblems(spec, t));
    // The sweep needs a sound definition: every control resolvable, every default computing.
    if (problems.length === 0) problems.push(...extremeProblems(spec));
  }
  return [...problems, ...namingProblems(spec)];
}

/** The problems found without running the model (checks 1, 2, 6, 7). */
export function shapeProblems<P>(spec: MissionSpec<P>): string[] {
  return [...structureProblems(spec), ...namingProblems(spec)];
}

/** Checks 1 and 2: identity, tracks, three sound parts. */
function structureProblems<P>(spec: MissionSpec<P>): string[] {
  const problems: string[] = [];
  const need = (ok: unknown, what: string) => { if (!ok) problems.push(what); };
  if (!spec || typeof spec !== "object") return ["the definition must be an object"];
  need(isText(spec.id), "id: missing");
  need(isText(spec.title), "title: missing");
  need(spec.chapter && isText(spec.chapter.title), "chapter.title: missing");
  need(spec.chapter && isText(spec.chapter.invariant), "chapter.invariant: missing");
  need(spec.chapter && isText(spec.chapter.struggle), "chapter.struggle: missing");
  need(spec.visuals && isText(spec.visuals.primary) && isText(spec.visuals.secondary) && isText(spec.visuals.mathPeek),
    "visuals: primary, secondary and mathPeek are required (plan section 4)");
  need(typeof spec.params === "function", "params: must be a function of the track returning the track's parameters");
  const tracks = Object.keys(spec.tracks ?? {}) as TrackId[];
  need(tracks.length > 0, "tracks: at least one track is required");
  for (const t of tracks) {
    need((TRACK_IDS as readonly string[]).includes(t), `tracks.${t}: unknown track; known: ${TRACK_IDS.join(", ")}`);
    const story = spec.tracks[t];
    need(story && isText(story.persona) && isText(story.crisisTitle) && isText(story.crisis) && isText(story.northStar),
      `tracks.${t}: persona, northStar, crisisTitle and crisis are required`);
  }
  need(tracks.includes(spec.defaultTrack), `defaultTrack: must be one of the mission's tracks (got "${spec.defaultTrack}")`);
  const parts = Array.isArray(spec.parts) ? spec.parts : [];
  need(parts.length === 3, `parts: exactly 3 parts are required (got ${parts.length})`);
  const seen = new Set<string>();
  parts.forEach((part, i) => {
    const where = `parts[${i}]${part && isText(part.id) ? ` (${part.id})` : ""}`;
    if (!part || !isText(part.id)) problems.push(`${where}.id: missing`);
    else if (seen.has(part.id)) problems.push(`${where}.id: duplicate part id`);
    else seen.add(part.id);
    problems.push(...partShapeProblems(part, where));
  });
  return problems;
}

/** Math Peek formulas mathjs cannot parse (check 5; mathjs loads on first use, so not at load). */
function formulaProblems<P>(spec: MissionSpec<P>): string[] {
  return spec.parts.flatMap((part, i) => part.mathPeek.flatMap((f, k) => {
    try {
      mathjs().parse(f.expression);
      return [];
    } catch (e) {
      return [`parts[${i}] (${part.id}).mathPeek[${k}] (${f.label}): not a mathjs expression: ${(e as Error).message}`];
    }
  }));
}

/** Checks 6 and 7, after the others: a stale name or a TODO computes nothing wrong. */
function namingProblems<P>(spec: MissionSpec<P>): string[] {
  if (!spec || typeof spec !== "object") return [];
  const parts = Array.isArray(spec.parts) ? spec.parts : [];
  return [
    ...parts.flatMap((part, i) => feedsProblems(part, `parts[${i}]${part && isText(part.id) ? ` (${part.id})` : ""}`)),
    ...todoProblems(spec),
  ];
}

/**
 * The names a control may list in `feeds`: the functions the `fleetlab` module exports and the
 * registry's (src/model/registry.ts). Not the registry alone: it holds the scalar functions of
 * positional numbers (for `fleetlab calc` and the browser's fast paths), while most controls
 * feed structured model functions (simulateCluster, stagingPlan) that it cannot hold.
 */
const MODEL_FUNCTION_NAMES: ReadonlySet<string> = new Set([
  ...Object.entries(model).flatMap(([name, v]) => (typeof v === "function" ? [name] : [])),
  ...Object.keys(MODEL_FUNCTIONS),
]);

function isText(v: unknown): v is string {
  return typeof v === "string" && v.trim().length > 0;
}

function partShapeProblems<P>(part: PartSpec<P>, where: string): string[] {
  const out: string[] = [];
  if (!part) return [`${where}: missing`];
  if (!isText(part.title)) out.push(`${where}.title: missing`);
  if (!isText(part.objective)) out.push(`${where}.objective: missing`);
  const lock = part.lock;
  if (!lock) out.push(`${where}.lock: missing (every part needs a prediction lock)`);
  else {
    if (!lock.question) out.push(`${where}.lock.question: missing`);
    if (typeof lock.answer !== "function") out.push(`${where}.lock.answer: must compute the answer key from the model`);
    if (lock.kind === "choice" && (!Array.isArray(lock.choices) || lock.choices.length < 2)) out.push(`${where}.lock.choices: at least 2 choices`);
    if (lock.kind === "number" && !(Number.isFinite(lock.min) && Number.isFinite(lock.max) && lock.min < lock.max)) out.push(`${where}.lock: min < max required`);
    if (lock.kind === "number" && !(lock.tolerance > 0)) out.push(`${where}.lock.tolerance: must be > 0`);
    if (lock.kind === "number" && lock.shownOn) {
      const on = lock.shownOn;
      const ins = part.workbench?.instruments?.find((i) => i.id === on.instrument);
      if (!ins) out.push(`${where}.lock.shownOn.instrument: "${on.instrument}" is not an instrument of this part`);
      else if (ins.kind === "plot" && on.axis !== "x" && on.axis !== "y") out.push(`${where}.lock.shownOn.axis: "x" or "y" (the plot's axis the prediction is drawn across)`);
      else if (ins.kind === "gauge" && on.axis !== undefined) out.push(`${where}.lock.shownOn.axis: a gauge has no axis (the prediction is a marker on its bar)`);
      else if (ins.kind === "plot" && ins.mark === "radar") out.push(`${where}.lock.shownOn.instrument: a radar has no axis to draw a prediction across`);
      else if (ins.kind === "plot" && (ins[on.axis!].type ?? "quantitative") !== "quantitative") {
        out.push(`${where}.lock.shownOn.axis: the plot's ${on.axis} axis must be quantitative to draw a number on it`);
      }
    }
    if (!["number", "choice", "text"].includes((lock as { kind: string }).kind)) out.push(`${where}.lock.kind: must be number, choice or text`);
  }
  const wb = part.workbench;
  if (!wb) out.push(`${where}.workbench: missing (every part needs a workbench)`);
  else {
    if (!Array.isArray(wb.controls) || wb.controls.length === 0) out.push(`${where}.workbench.controls: at least one control`);
    if (!Array.isArray(wb.instruments) || wb.instruments.length === 0) out.push(`${where}.workbench.instruments: at least one instrument`);
    const ids = new Set<string>();
    for (const c of [...(wb.controls ?? []), ...(wb.instruments ?? [])]) {
      if (!c || !isText(c.id)) out.push(`${where}.workbench: a control or instrument has no id`);
      else if (ids.has(c.id)) out.push(`${where}.workbench.${c.id}: duplicate id`);
      else ids.add(c.id);
    }
  }
  if (!part.reflect || !part.reflect.prompt) out.push(`${where}.reflect: missing (every part needs a reflect prompt)`);
  else if (!(Number.isInteger(part.reflect.minWords) && part.reflect.minWords > 0)) out.push(`${where}.reflect.minWords: a positive integer`);
  if (part.target) {
    if (typeof part.target.compute !== "function") out.push(`${where}.target.compute: must compute the target from the model`);
    if (!(part.target.tolerance > 0)) out.push(`${where}.target.tolerance: must be > 0`);
    if (!(Number.isInteger(part.target.maxAttempts) && part.target.maxAttempts > 0)) out.push(`${where}.target.maxAttempts: a positive integer`);
  }
  const labels = new Set<string>();
  for (const [k, f] of (part.mathPeek ?? []).entries()) {
    if (labels.has(f.label)) out.push(`${where}.mathPeek[${k}] (${f.label}): duplicate label`);
    labels.add(f.label);
    if (f.scope !== undefined && typeof f.scope !== "function") out.push(`${where}.mathPeek[${k}] (${f.label}).scope: must be a function of the control values and the track`);
  }
  if (!Array.isArray(part.mathPeek) || part.mathPeek.length === 0) out.push(`${where}.mathPeek: at least one formula`);
  return out;
}

/** Controls whose `feeds` names something other than a model function (a name still TODO is the TODO check's). */
function feedsProblems<P>(part: PartSpec<P>, where: string): string[] {
  const out: string[] = [];
  for (const c of part?.workbench?.controls ?? []) {
    if (!c || c.feeds === undefined) continue;
    if (!Array.isArray(c.feeds)) out.push(`${where}.workbench.${c.id}.feeds: a list of model function names`);
    else for (const f of c.feeds) {
      if (!MODEL_FUNCTION_NAMES.has(f) && !/\bTODO\b/.test(f)) out.push(`${where}.workbench.${c.id}.feeds: "${f}" is not a model function (a function "fleetlab" exports or the model registry lists)`);
    }
  }
  return out;
}

function trackProblems<P>(spec: MissionSpec<P>, track: TrackId): string[] {
  const out: string[] = [];
  let ctx: TrackContext<P>;
  try {
    ctx = trackContext(spec, track);
  } catch (e) {
    return [`track ${track}: parameters do not load: ${(e as Error).message}`];
  }
  const attempt = (what: string, fn: () => string | undefined) => {
    try {
      const problem = fn();
      if (problem) out.push(`track ${track}: ${what}: ${problem}`);
    } catch (e) {
      out.push(`track ${track}: ${what}: ${(e as Error).message}`);
    }
  };
  for (const part of spec.parts) {
    const p = part.id;
    attempt(`${p}.lock.question`, () => (isText(resolve(part.lock.question, ctx)) ? undefined : "empty"));
    attempt(`${p}.lock.answer`, () => {
      const a = part.lock.answer(ctx as never);
      if (part.lock.kind === "number") {
        if (!(typeof a === "number" && Number.isFinite(a))) return `not a finite number (got ${a})`;
        const at = part.lock.shownOn?.at;
        if (at) {
          const placed = at(a, ctx as never);
          if (!Number.isFinite(placed)) return `shownOn.at places the answer at ${placed}, not a finite number`;
        }
        return undefined;
      }
      if (part.lock.kind === "choice") return part.lock.choices.includes(a as string) ? undefined : `"${a}" is not one of the choices`;
      return isText(a) ? undefined : "empty";
    });
    if (part.target) {
      const target = part.target;
      attempt(`${p}.target`, () => {
        const v = target.compute(ctx);
        return Number.isFinite(v) ? undefined : `not computable (got ${v})`;
      });
    }
    for (const c of part.workbench.controls) {
      attempt(`${p}.workbench.${c.id}`, () => {
        const r = resolveControl(c, ctx);
        if (r.kind === "slider") {
          if (!(r.min < r.max)) return `min ${r.min} must be < max ${r.max}`;
          if (!(r.step > 0)) return `step must be > 0 (got ${r.step})`;
          if (r.scale === "log" && !(r.min > 0)) return `a log slider needs min > 0 (got ${r.min})`;
          if (!(r.default >= r.min && r.default <= r.max)) return `default ${r.default} outside [${r.min}, ${r.max}]`;
        }
        if (r.kind === "choice" && !r.choices.includes(r.default)) return `default "${r.default}" is not one of ${r.choices.join(", ")}`;
        return undefined;
      });
    }
    attempt(`${p}.workbench gauges`, () => gaugeRangeProblems(part, ctx).join("; ") || undefined);
    attempt(`${p}.workbench instruments`, () => {
      const values = defaultValues(part.workbench.controls, ctx);
      for (const ins of part.workbench.instruments) {
        const computed = ins.compute(values, ctx, [values]);
        if (ins.kind === "plot" && (!Array.isArray(computed) || computed.length === 0)) return `${ins.id} computes no rows`;
        if (ins.kind === "gauge" && !Number.isFinite(computed)) return `${ins.id} computes ${computed}`;
        const fastProblem = ins.fast ? fastPathProblem(ins, part, values, ctx, computed) : null;
        if (fastProblem) return `${ins.id}.fast: ${fastProblem}`;
      }
      return undefined;
    });
    for (const [k, f] of part.mathPeek.entries()) {
      if (!f.scope) continue;
      attempt(`${p}.mathPeek[${k}] (${f.label}) scope`, () => {
        const r = formulaNumbers(f, defaultValues(part.workbench.controls, ctx), ctx);
        return r.ok ? undefined : `${r.problem} at the default control values (expression: ${f.expression})`;
      });
    }
    if (part.stakeholder?.evidence) {
      const ev = part.stakeholder.evidence;
      attempt(`${p}.stakeholder.evidence`, () => (isText(ev(ctx)) ? undefined : "empty"));
    }
  }
  return out;
}

/** Paths of every string in the definition that still contains TODO. */
function todoProblems(spec: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: string, depth: number) => {
    if (depth > 8) return;
    if (typeof v === "string") {
      if (/\bTODO\b/.test(v)) out.push(`${path}: still TODO`);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`, depth + 1));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k, depth + 1);
  };
  walk(spec, "", 0);
  return out;
}

/**
 * Why an instrument's browser fast path would not draw what its kernel compute does, or null:
 * a control it names is not the part's, or at the defaults its numbers differ (the browser
 * would show one thing during a drag and the kernel another after it).
 */
function fastPathProblem<P>(ins: InstrumentSpec<P>, part: PartSpec<P>, values: ControlValues, ctx: TrackContext<P>, computed: unknown): string | null {
  const fast = ins.fast!;
  const ids = new Set(part.workbench.controls.map((c) => c.id));
  for (const [param, a] of Object.entries(fast.args)) {
    if (typeof a === "object" && a !== null && "control" in a && !ids.has(a.control)) return `args.${param} names "${a.control}", not a control of this part`;
  }
  const kernel = JSON.stringify(computed);
  const browser = JSON.stringify(ins.kind === "plot" ? computeRows(resolveFast(fast as FastSweep<P>, ctx), values) : computeValue(resolveFast(fast, ctx), values));
  return kernel === browser ? null : "computes other numbers than the instrument's compute at the defaults (use modelSweep / modelValue for both)";
}
