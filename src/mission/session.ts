/**
 * The thin-cell API: `mission.open(id, track)` and, per part, `m.part(id)`, which builds
 * the part's widgets (lock gating workbench, target and reflect), recomputes every
 * instrument from the model on each control change, and records the part's decisions
 * in the design ledger. Rendered parts are listed on globalThis so a headless runner can
 * drive them over their comms, as a front end would.
 *
 * Track switch (the Track control under the briefing, or `m.switchTrack(t)`):
 *
 *   lock ledger ── "track" event {from, to} ── (one at open too: {from: null, to})
 *   briefing    ── update_display_data under its display id
 *   each shown part's Box ── children swapped to that track's widgets (built on first visit)
 *   each shown visual     ── update_display_data with the new track's instrument
 *
 * Each track has its own lock per part: a prediction locked on one track stays with that
 * track (switching back shows it locked), and the other track's lock starts open, with its
 * own question, ranges and target. verifyLedger counts commits per track and part, so a
 * prediction is still committed once per track, and never after that track's results of
 * the part were revealed. Cells rendered after a switch use the new track too.
 */
import { MIME_BUNDLE, requireKernelRuntime } from "../kernel/runtime";
import { Box, Choice, Gauge, MathPeek, NumberInput, PredictionLock, Reflect, Slider, Stakeholder, Toggle, VegaPlot } from "../widgets/index";
import { LockLedger } from "../widgets/lock-ledger";
import { answerKey, lockMatches, withinTolerance } from "./answer-key";
import { findPart } from "./answer-key";
import { ledgerPath, readLedger, wordCount, writeLedgerEntry } from "./ledger";
import { missionById } from "./missions/index";
import { TRACK_NAMES } from "./notebook";
import { defaultValues, resolve, resolveControl, trackContext } from "./resolve";
import type { ControlValues, InstrumentSpec, LedgerEntry, Mission, PartSpec, TrackContext, TrackId } from "./types";

/**
 * Comm ids of one rendered part's widgets, for a headless front end. A track switch
 * updates the object in place: it always names the widgets of the track on screen.
 */
export interface RenderedPart {
  mission: string;
  part: string;
  track: TrackId;
  lock: string;
  controls: Record<string, string>;
  target: string | null;
  reflect: string;
  /** The widget that shows the model's answer once the lock is committed. */
  answer: string;
  instruments: Record<string, string>;
}

const PARTS_KEY = Symbol.for("fleetlab.renderedParts");
type Holder = { [PARTS_KEY]?: RenderedPart[] };

/** Every part rendered in this process, in order. */
export function renderedParts(): RenderedPart[] {
  return ((globalThis as Holder)[PARTS_KEY] ??= []);
}

const LOCK_LEDGER_KEY = Symbol.for("fleetlab.notebookLockLedger");
type LedgerHolder = { [LOCK_LEDGER_KEY]?: LockLedger };

/**
 * The lock ledger every part of this notebook appends to (one hash chain per kernel,
 * saved as `metadata.fleetlab.ledger`); on globalThis so a runner can read and reset it.
 */
export function notebookLockLedger(): LockLedger {
  return ((globalThis as LedgerHolder)[LOCK_LEDGER_KEY] ??= new LockLedger());
}

/** Starts a fresh lock ledger and part list (the headless runner calls this per notebook). */
export function resetNotebookRecords(): void {
  (globalThis as LedgerHolder)[LOCK_LEDGER_KEY] = new LockLedger();
  renderedParts().length = 0;
}

/** The text the answer widget shows once the lock is committed: the model's answer and the prediction. */
export function answerText(key: { answer: number | string; unit: string | null; kind: string }, prediction: number | string, matched: boolean): string {
  const show = (v: number | string) => (typeof v === "number" ? `${Number(v.toPrecision(4))}${key.unit ? ` ${key.unit}` : ""}` : v);
  const verdict = key.kind === "text" ? "" : matched ? " Your prediction matches." : ` Your prediction was ${show(prediction)}.`;
  return `The model says: ${show(key.answer)}.${verdict}`;
}

function plotSpec(ins: Extract<InstrumentSpec, { kind: "plot" }>): Record<string, unknown> {
  const axis = (a: { field: string; title: string; scale?: "linear" | "log"; type?: string }) => ({
    field: a.field, title: a.title, type: a.type ?? "quantitative", ...(a.scale === "log" ? { scale: { type: "log" } } : {}),
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: ins.name, width: 360, height: 220, data: { name: "table" }, mark: { type: ins.mark, tooltip: true },
    encoding: { x: axis(ins.x), y: axis(ins.y), ...(ins.color ? { color: { field: ins.color.field, title: ins.color.title, type: ins.mark === "rect" ? "quantitative" : "nominal" } } : {}) },
  };
}

type Instrument = { set(values: ControlValues): void; id: string; widget: VegaPlot | Gauge };

function buildInstrument<P>(ins: InstrumentSpec<P>, values: ControlValues, ctx: TrackContext<P>): Instrument {
  if (ins.kind === "plot") {
    const plot = new VegaPlot({ description: ins.name, spec: plotSpec(ins as Extract<InstrumentSpec, { kind: "plot" }>), data: ins.compute(values, ctx) });
    return { id: plot.id, widget: plot, set: (v) => plot.setRows(ins.compute(v, ctx)) };
  }
  const min = resolve(ins.min, ctx), max = resolve(ins.max, ctx);
  const value = ins.compute(values, ctx);
  const gauge = new Gauge({ description: ins.name, unit: ins.unit ?? "", min: Math.min(min, value), max: Math.max(max, value), value });
  return {
    id: gauge.id,
    widget: gauge,
    set: (v) => {
      const x = ins.compute(v, ctx);
      gauge.setMany({ value: x, min: Math.min(min, x), max: Math.max(max, x) });
    },
  };
}

/** The widget's view bundle, pending state sent first (as a cell result shows it). */
const viewBundle = (w: { [MIME_BUNDLE](): import("../kernel/runtime").MimeBundle }) => w[MIME_BUNDLE]();

/** One part's widgets for one track. */
interface TrackView {
  children: { id: string }[];
  ids: Omit<RenderedPart, "mission" | "part">;
  values: ControlValues;
}

/** A part on screen: its Box (kept) and the views built for it so far, one per track. */
interface ShownPart {
  part: PartSpec<unknown>;
  box: Box;
  views: Map<TrackId, TrackView>;
  rendered: RenderedPart;
}

/** A visual on screen, redrawn under its display id on a switch. */
interface ShownVisual {
  part: PartSpec<unknown>;
  spec: InstrumentSpec<unknown>;
  displayId: string;
}

/** A mission opened for one track in a notebook. */
export interface MissionSession {
  readonly mission: Mission<unknown>;
  /** The track on screen now (changes with the Track control or `switchTrack`). */
  readonly track: TrackId;
  /** Shows the track's crisis and the Track control that switches the whole session. */
  briefing(): void;
  /** Builds and displays one part: lock, then workbench, target, stakeholder, reflect, Math Peek. */
  part(partId: string): RenderedPart;
  /** Shows the mission's primary and secondary visuals (plan section 4) at the current values. */
  visuals(): void;
  /** Shows the design ledger recorded so far. */
  ledger(): void;
  /**
   * Switches every part, visual and briefing already shown to `track`, in place, and
   * records a "track" event in the lock ledger. Each track keeps its own lock per part.
   * @throws RangeError naming `track` when the mission has no such track; nothing changes
   */
  switchTrack(track: TrackId): void;
}

/** Opens mission `id` for `track` (reads the design ledger for decisions of earlier missions). */
export function open(id: string, track: TrackId): MissionSession {
  const mission = missionById(id);
  const contexts = new Map<TrackId, TrackContext<unknown>>([[track, trackContext(mission, track, readLedger())]]);
  const contextFor = (t: TrackId) => {
    let ctx = contexts.get(t);
    if (!ctx) contexts.set(t, (ctx = trackContext(mission, t, readLedger())));
    return ctx;
  };
  let current: TrackId = track;
  const shownParts: ShownPart[] = [];
  const shownVisuals: ShownVisual[] = [];
  const briefings: string[] = [];
  const switches: Choice[] = [];
  const runtime = () => requireKernelRuntime();
  const recordTrack = (from: TrackId | null, to: TrackId, widgetId: string) =>
    notebookLockLedger().append({ kind: "track", widget_id: widgetId, part: mission.id, trait: "track", value: { from, to } });
  recordTrack(null, track, "");

  const briefingBundle = (t: TrackId) => {
    const s = mission.tracks[t]!;
    return {
      "text/markdown": `### ${TRACK_NAMES[t]}: ${s.crisisTitle}\n\n**${s.persona}.** North Star: ${s.northStar}\n\n${s.crisis}`,
      "text/plain": `${TRACK_NAMES[t]}: ${s.crisisTitle} ${s.crisis}`,
    };
  };

  /** Builds one part's widgets for track `t` (not displayed: the caller puts them in a Box). */
  function buildView(part: PartSpec<unknown>, t: TrackId): TrackView {
    const ctx = contextFor(t);
    const values = defaultValues(part.workbench.controls, ctx);
    const lock = new PredictionLock({
      part: `${mission.id}.${part.id}`, prompt: resolve(part.lock.question, ctx), kind: part.lock.kind,
      unit: part.lock.kind === "number" ? part.lock.unit ?? "" : "",
      ...(part.lock.kind === "number" ? { min: part.lock.min, max: part.lock.max } : {}),
      ...(part.lock.kind === "choice" ? { choices: part.lock.choices } : {}),
    }, { ledger: notebookLockLedger() });
    // The model's answer is computed now but shown (and recorded) only after the commit.
    const lockKey = answerKey(mission, part.id, t, ctx.ledger).lock;
    const answer = new Stakeholder({ persona: "The model", role: "answer key", message: "Lock your prediction to see what the model says.", severity: "info" });
    const instruments = part.workbench.instruments.map((ins) => ({ spec: ins, w: buildInstrument(ins, values, ctx) }));
    const controls: Record<string, Slider | Toggle | Choice> = {};
    const record = () => writeLedgerEntry(entry(), ledgerPath());
    for (const c of part.workbench.controls) {
      const r = resolveControl(c, ctx);
      const w = r.kind === "slider"
        ? new Slider({ description: r.label, value: r.default, min: r.min, max: r.max, step: r.step, scale: r.scale, unit: r.unit ?? "" })
        : r.kind === "toggle" ? new Toggle({ description: r.label, value: r.default }) : new Choice({ description: r.label, options: r.choices, value: r.default });
      controls[c.id] = w;
      (w as Slider).observe("value", (ch) => {
        values[c.id] = ch.new as number;
        for (const i of instruments) i.w.set(values);
        record();
      });
    }
    const key = part.target ? answerKey(mission, part.id, t, ctx.ledger).target : null;
    const tries: number[] = [];
    let found = false;
    const target = part.target && key
      ? new NumberInput({ description: `Target (${key.maxAttempts} tries): ${key.prompt}`, value: 0, unit: key.unit ?? "" })
      : null;
    target?.observe("value", (ch) => {
      if (found || tries.length >= key!.maxAttempts) return;
      tries.push(ch.new as number);
      found = withinTolerance(ch.new as number, key!.value, key!.tolerance);
      if (found || tries.length >= key!.maxAttempts) target.setDisabled(found ? "target found" : "no tries left");
      record();
    });
    const reflect = new Reflect({ part: `${mission.id}.${part.id}`, prompt: resolve(part.reflect.prompt, ctx), min_words: part.reflect.minWords });
    reflect.observe("value", () => record());
    const entry = (): LedgerEntry => ({
      mission: mission.id, part: part.id, track: t, lock: lock.value, answer: lock.isLocked ? lockKey.answer : null, controls: { ...values },
      target: key ? { value: key.value, tries: [...tries], found, attempts: tries.length } : null,
      reflectionWords: wordCount(reflect.get("value")), updatedAt: new Date().toISOString(),
    });
    lock.observe("locked", () => {
      const prediction = lock.value as number | string;
      answer.set("message", answerText(lockKey, prediction, lockMatches(lockKey, prediction)));
      record();
    });
    lock.gates(...(Object.values(controls) as unknown as Parameters<PredictionLock["gates"]>), ...((target ? [target] : []) as never[]), reflect as never);
    const children: { id: string }[] = [lock, answer, ...Object.values(controls), ...instruments.map((i) => i.w)];
    if (target) children.push(target);
    if (part.stakeholder) {
      const s = part.stakeholder;
      const evidence = s.evidence ? `\n\nEvidence from the model: ${s.evidence(ctx)}` : "";
      children.push(new Stakeholder({ persona: s.who, role: s.role, message: resolve(s.message, ctx) + evidence, severity: "warning" }));
    }
    children.push(reflect);
    for (const f of part.mathPeek) children.push(new MathPeek({ description: f.label, expression: f.expression }));
    return {
      children, values,
      ids: {
        track: t, lock: lock.id, reflect: reflect.id, answer: answer.id, target: target?.id ?? null,
        controls: Object.fromEntries(Object.entries(controls).map(([k, w]) => [k, w.id])),
        instruments: Object.fromEntries(instruments.map((i) => [i.spec.id, i.w.id])),
      },
    };
  }

  /** The values a visual of `part` draws with on track `t`: the shown part's, else the defaults. */
  const valuesFor = (part: PartSpec<unknown>, t: TrackId): ControlValues => {
    const shown = [...shownParts].reverse().find((p) => p.part.id === part.id);
    return shown?.views.get(t)?.values ?? defaultValues(part.workbench.controls, contextFor(t));
  };

  const session: MissionSession = {
    mission,
    get track() { return current; },
    briefing() {
      const sw = new Choice({ description: "Track", options: Object.keys(mission.tracks), value: current, variant: "select" });
      const displayId = `fleetlab-briefing-${sw.id}`;
      runtime().display(briefingBundle(current), { displayId });
      briefings.push(displayId);
      switches.push(sw);
      sw.observe("value", (c) => session.switchTrack(c.new as TrackId));
      sw.display();
    },
    part(partId) {
      const part = findPart(mission, partId);
      const view = buildView(part, current);
      const box = new Box(view.children, { arrangement: "vbox" });
      box.display();
      const rendered: RenderedPart = { mission: mission.id, part: part.id, ...view.ids };
      // A re-run of the cell replaces the earlier rendering of the part (its output is gone).
      const again = shownParts.findIndex((p) => p.part.id === part.id);
      if (again >= 0) shownParts.splice(again, 1);
      shownParts.push({ part, box, views: new Map([[current, view]]), rendered });
      renderedParts().push(rendered);
      return rendered;
    },
    visuals() {
      for (const role of ["primary", "secondary"] as const) {
        for (const part of mission.parts) {
          for (const ins of part.workbench.instruments.filter((i) => i.role === role)) {
            const w = buildInstrument(ins, valuesFor(part, current), contextFor(current)).widget;
            const displayId = `fleetlab-visual-${w.id}`;
            runtime().display(viewBundle(w), { displayId });
            shownVisuals.push({ part, spec: ins, displayId });
          }
        }
      }
      runtime().display({ "text/markdown": `**Math Peek:** ${mission.visuals.mathPeek}`, "text/plain": mission.visuals.mathPeek });
    },
    ledger() {
      const entries = readLedger().entries.filter((e) => e.mission === mission.id);
      runtime().display({ "application/json": JSON.parse(JSON.stringify(entries)), "text/plain": JSON.stringify(entries, null, 1) });
    },
    switchTrack(to) {
      contextFor(to); // throws a RangeError naming the track before anything changes
      if (to === current) return;
      const from = current;
      current = to;
      recordTrack(from, to, switches[switches.length - 1]?.id ?? "");
      for (const sw of switches) if (sw.get("value") !== to) sw.set("value", to);
      for (const displayId of briefings) runtime().updateDisplay(briefingBundle(to), { displayId });
      for (const shown of shownParts) {
        let view = shown.views.get(to);
        if (!view) shown.views.set(to, (view = buildView(shown.part, to)));
        shown.box.setChildren(view.children);
        Object.assign(shown.rendered, view.ids);
      }
      for (const v of shownVisuals) {
        const w = buildInstrument(v.spec, valuesFor(v.part, to), contextFor(to)).widget;
        runtime().updateDisplay(viewBundle(w), { displayId: v.displayId });
      }
    },
  };
  return session;
}
