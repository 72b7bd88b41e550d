/**
 * Replays a verified lock record into a fresh session of the pristine mission, over the
 * widgets' comms exactly as a front end sends them (the headless runtime): each commit as a
 * lock_request, each control change and reflection as an update, each target try into the
 * target box, each track switch through the session. The pristine widgets judge every
 * message again (ranges, choices, the lock's gate, the target's tries), so a value the
 * student's notebook accepted only because its code was edited is refused here.
 *
 * A recorded change names its widget by comm id, which a kernel draws at random, so the
 * replay routes it by value: to the part's first control (in definition order) whose kind
 * and range take it, else to the reflection when it is text. Routing never changes what is
 * graded (the number of accepted changes and the reflection) except by refusing a value no
 * widget of the part could have sent.
 */
import type { JsonValue } from "../../kernel/runtime";
import { setKernelRuntime } from "../../kernel/runtime";
import type { LockEvent } from "../../kernel-widgets/lock-record";
import { liveWidgets } from "../../kernel-widgets/widget-state";
import { wordCount } from "../../widget-contract/words";
import { resolveControl, trackContext } from "../authoring/resolve";
import type { ControlSpec, Mission, TrackId } from "../authoring/types";
import { createHeadlessRuntime, type HeadlessRuntime } from "../hosts/headless/runtime";
import { notebookLockRecord, open, resetNotebookRecords, type OpenOptions, type RenderedPart } from "../session/session";
import { DESIGN_RECORD_ENV } from "./design-record";
import type { Finding } from "./lock-evidence";

/** What the pristine session accepted for one part on one track. */
export interface ReplayedPart {
  part: string;
  track: TrackId;
  /** The prediction the pristine lock took, or null. */
  committed: JsonValue;
  /** Control changes the pristine workbench took after the commit. */
  changes: number;
  /** Target tries the pristine target box took (it takes none after the target is found or the tries are used). */
  tries: number[];
  /** The last reflection the pristine Reflect took. */
  reflection: string;
  reflectionWords: number;
}

export interface Replay {
  parts: ReplayedPart[];
  /** Every recorded message a pristine widget refused, with its reason. */
  findings: Finding[];
}

export interface ReplayOptions {
  /** The design record file the session writes (a scratch file). */
  designRecordFile: string;
  /** Called when the replay turns to a part's events (the grader's per-part clock). */
  onPart?: (part: string) => void;
  /** The grader's answer keys; the model's own (computed here) when absent. */
  keys?: OpenOptions["keys"];
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Replays `events` (a record that verified) into a fresh session of `mission` opened on `openedTrack`. */
export async function replayRecord(mission: Mission<unknown>, events: readonly LockEvent[], openedTrack: TrackId, options: ReplayOptions): Promise<Replay> {
  const savedEnv = process.env[DESIGN_RECORD_ENV];
  process.env[DESIGN_RECORD_ENV] = options.designRecordFile;
  const before = new Set(liveWidgets().map((w) => w.id));
  const rt = createHeadlessRuntime();
  setKernelRuntime(rt);
  resetNotebookRecords();
  const findings: Finding[] = [];
  const parts = new Map<string, ReplayedPart>();
  const routes = new Map<string, string>();
  try {
    // Nothing drawn: the replay judges the student's inputs, and a drawing would only run simulations.
    const session = open(mission, openedTrack, { keys: options.keys, draw: false });
    const rendered = new Map<string, RenderedPart>(mission.parts.map((p) => [p.id, session.part(p.id)]));
    let current: string | null = null;
    for (const e of events) {
      if (e.kind === "track") {
        const to = (e.value as { to: TrackId }).to;
        if (!mission.tracks[to]) findings.push({ code: "replay-refused", message: `Event ${e.seq}: mission ${mission.id} has no track ${to}.` });
        else session.switchTrack(to);
        continue;
      }
      if (e.kind !== "commit" && e.kind !== "interaction" && e.kind !== "attempt") continue;
      const partId = e.part.slice(mission.id.length + 1);
      const widgets = rendered.get(partId)!;
      if (partId !== current) options.onPart?.((current = partId));
      const track = session.track;
      const key = `${track}/${partId}`;
      let p = parts.get(key);
      if (!p) parts.set(key, (p = { part: partId, track, committed: null, changes: 0, tries: [], reflection: "", reflectionWords: 0 }));
      const refuse = (why: string) => findings.push({ code: "replay-refused", part: partId, track, message: `Part ${partId} on track ${track}, event ${e.seq} (${e.kind} ${short(e.value)}): ${why}.` });
      if (e.kind === "commit") {
        const r = await deliver(rt, widgets.lock, { method: "custom", content: { type: "lock_request", value: e.value } }, "commit");
        if (r.accepted) p.committed = e.value;
        else refuse(`the pristine lock refused it (${r.reason})`);
      } else if (e.kind === "attempt") {
        if (!widgets.target) {
          refuse("the part has no target");
          continue;
        }
        const r = await deliver(rt, widgets.target, update(e.value), "attempt");
        if (r.accepted) p.tries.push(e.value as number);
        else refuse(`the pristine target box refused it (${r.reason})`);
      } else {
        const route = routeChange(mission, partId, track, `${key}/${e.widget_id}`, e.value, routes);
        if (!route) {
          refuse("no control of the part and no reflection takes this value");
          continue;
        }
        const r = await deliver(rt, route === REFLECT ? widgets.reflect : widgets.controls[route], update(e.value), "interaction");
        if (!r.accepted) refuse(`the pristine ${route === REFLECT ? "reflection" : `control ${route}`} refused it (${r.reason})`);
        else if (route === REFLECT) {
          p.reflection = e.value as string;
          p.reflectionWords = wordCount(p.reflection);
        } else p.changes++;
      }
    }
  } finally {
    // This replay's widgets go, as at a kernel shutdown: the next submission starts clean.
    for (const w of liveWidgets()) if (!before.has(w.id)) (w as unknown as { close?: () => void }).close?.();
    setKernelRuntime(undefined);
    if (savedEnv === undefined) delete process.env[DESIGN_RECORD_ENV];
    else process.env[DESIGN_RECORD_ENV] = savedEnv;
  }
  return { parts: [...parts.values()], findings };
}

const REFLECT = "\u0000reflect";

const update = (value: JsonValue) => ({ method: "update", state: { value }, buffer_paths: [] });

/**
 * Sends one front-end message and reports whether the widget took it: it appended the
 * expected lock-record event and sent no rejection.
 */
async function deliver(rt: HeadlessRuntime, commId: string, data: Record<string, JsonValue>, expect: LockEvent["kind"]): Promise<{ accepted: boolean; reason: string }> {
  const comm = rt.comm(commId);
  if (!comm || comm.isClosed) return { accepted: false, reason: "its widget is gone" };
  const sentBefore = comm.sent.length, eventsBefore = notebookLockRecord().events.length;
  rt.frontendSend(commId, data as never);
  await turn();
  const rejected = comm.sent.slice(sentBefore).find((m) => m.method === "custom" && (m.content as { type?: unknown } | null)?.type === "rejected");
  if (rejected) return { accepted: false, reason: String((rejected.content as { message?: unknown }).message) };
  const appended = notebookLockRecord().events.slice(eventsBefore);
  return appended.some((a) => a.kind === expect) ? { accepted: true, reason: "" } : { accepted: false, reason: "it changed nothing" };
}

/** The control id (or REFLECT) a recorded change goes to; a widget keeps its route while its values fit. */
function routeChange(mission: Mission<unknown>, partId: string, track: TrackId, widgetKey: string, value: JsonValue, routes: Map<string, string>): string | null {
  const part = mission.parts.find((p) => p.id === partId)!;
  const ctx = trackContext(mission, track);
  const fits = (route: string) => {
    if (route === REFLECT) return typeof value === "string";
    const c = part.workbench.controls.find((x) => x.id === route);
    return !!c && takes(c, ctx, value);
  };
  const known = routes.get(widgetKey);
  if (known && fits(known)) return known;
  const route = [...part.workbench.controls.map((c) => c.id), REFLECT].find(fits) ?? null;
  if (route) routes.set(widgetKey, route);
  return route;
}

function takes(c: ControlSpec<unknown>, ctx: ReturnType<typeof trackContext>, value: JsonValue): boolean {
  const r = resolveControl(c, ctx);
  if (r.kind === "slider") return typeof value === "number" && value >= r.min && value <= r.max;
  if (r.kind === "toggle") return typeof value === "boolean";
  return typeof value === "string" && r.choices.includes(value);
}

function short(v: JsonValue): string {
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
