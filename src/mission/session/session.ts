/**
 * The thin-cell API: `mission.open(id, track)` and, per part, `m.part(id)`, which builds
 * the part's widgets (lock gating workbench, target and reflect), recomputes every
 * instrument from the model on each control change, and records the part's decisions
 * in the design record. Rendered parts are listed on globalThis so a headless runner can
 * drive them over their comms, as a front end would.
 *
 * Track switch (the Track control under the briefing, or `m.switchTrack(t)`):
 *
 *   lock record ── "track" event {from, to} ── (one at open too: {from: null, to})
 *   briefing    ── update_display_data under its display id
 *   each shown part's Box ── children swapped to that track's widgets (built on first visit)
 *   each shown visual     ── update_display_data with the new track's instrument
 *
 * Each track has its own lock per part: a prediction locked on one track stays with that
 * track (switching back shows it locked), and the other track's lock starts open, with its
 * own question, ranges and target. verifyLockRecord counts commits per track and part, so a
 * prediction is still committed once per track, and never after that track's results of
 * the part were revealed. Cells rendered after a switch use the new track too.
 */
import { MIME_BUNDLE, requireKernelRuntime, type JournalStore, type JsonObject, type KernelRuntime, type MimeBundle } from "../../kernel/runtime";
import { Box, Choice, Gauge, MathPeek, NumberInput, PredictionLock, Reflection, Slider, Stakeholder, Toggle, VegaPlot } from "../../kernel-widgets/index";
import { committedPrediction, LockRecord, targetAttempts } from "../../kernel-widgets/lock-record";
import { withPredictionOverlay } from "../../kernel-widgets/plots/sweep-spec";
import { resolveFast } from "../authoring/fast-path";
import { message } from "../../kernel-widgets/messages";
import { LOCK_RECORD_MIME } from "../../widget-contract/traits";
import { answerKey, lockMatches, withinTolerance, type AnswerKey } from "../grading/answer-key";
import { nonFinite } from "../authoring/control-extremes";
import { findPart } from "../grading/answer-key";
import { designView, storedEntries, storeEntry } from "./design-store";
import { missionByRef, missionHost } from "./host";
import { plotSpec } from "./plot-spec";
import { wordCount } from "../../widget-contract/words";
import { TRACK_NAMES } from "../authoring/notebook";
import { defaultValues, resolve, resolveControl, trackContext } from "../authoring/resolve";
import { formulaNumbers, noValueScope } from "../authoring/formula";
import type { ControlValues, FastSweep, FastValue, FormulaSpec, InstrumentSpec, DesignEntry, Mission, PartSpec, TrackContext, TrackId } from "../authoring/types";

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
  /** The Math Peek widgets, by formula label. */
  peeks: Record<string, string>;
}

const PARTS_KEY = Symbol.for("fleetlab.renderedParts");
type Holder = { [PARTS_KEY]?: RenderedPart[] };

/** Every part rendered in this process, in order. */
export function renderedParts(): RenderedPart[] {
  return ((globalThis as Holder)[PARTS_KEY] ??= []);
}

const LOCK_LEDGER_KEY = Symbol.for("fleetlab.notebookLockRecord");
type LedgerHolder = { [LOCK_LEDGER_KEY]?: LockRecord };

/**
 * The lock record every part of this notebook appends to (one hash chain per kernel,
 * saved as `metadata.fleetlab.ledger`); on globalThis so a runner can read and reset it.
 */
export function notebookLockRecord(): LockRecord {
  return ((globalThis as LedgerHolder)[LOCK_LEDGER_KEY] ??= new LockRecord());
}

const JOURNAL_KEY = Symbol.for("fleetlab.lockJournalName");
type JournalHolder = { [JOURNAL_KEY]?: string };

/**
 * Binds the notebook's lock record to the host's journal under `name` (once per process):
 * the record saved there is resumed, so commits survive a kernel restart and a reopened
 * notebook, and every new event is appended to it. A record that does not verify is set
 * aside (kept, never replaced silently) and a fresh one started; returns why, or null.
 */
function bindLockJournal(name: string, journal: JournalStore): string | null {
  const holder = globalThis as JournalHolder & LedgerHolder;
  if (holder[JOURNAL_KEY] === name) return null;
  let ledger: LockRecord;
  let problem: string | null = null;
  const lines = journal.read(name);
  try {
    ledger = LockRecord.resume({ version: 1, algorithm: "sha256", events: lines.map((l) => JSON.parse(l) as unknown) });
  } catch (e) {
    const aside = journal.setAside(name);
    problem = `The saved lock record of this mission could not be read (${(e as Error).message.slice(0, 300)}). It was kept as ${aside} and a new record started.`;
    ledger = new LockRecord();
  }
  ledger.onAppend((event) => journal.append(name, JSON.stringify(event)));
  holder[LOCK_LEDGER_KEY] = ledger;
  holder[JOURNAL_KEY] = name;
  return problem;
}

const RECORD_DISPLAY_KEY = Symbol.for("fleetlab.lockRecordDisplay");
type RecordDisplayHolder = { [RECORD_DISPLAY_KEY]?: { ledger: LockRecord; displayId: string } };

/** The lock record as an output: the record for graders, a one-line summary for people. */
function lockRecordBundle(ledger: LockRecord): MimeBundle {
  const events = ledger.events;
  const commits = events.filter((e) => e.kind === "commit").length;
  return {
    [LOCK_RECORD_MIME]: ledger.toJSON() as unknown as JsonObject,
    "text/plain": `FleetLab lock record: ${events.length} event${events.length === 1 ? "" : "s"}, ${commits} prediction${commits === 1 ? "" : "s"} committed (saved with this notebook for grading).`,
  };
}

/**
 * Shows the notebook's lock record as an output of the current cell and keeps that output
 * current (one update per turn however many events it brings). Showing it again (the cell
 * re-run) moves it to the new output.
 */
function showLockRecord(runtime: KernelRuntime): void {
  const holder = globalThis as RecordDisplayHolder;
  const ledger = notebookLockRecord();
  const displayId = `fleetlab-lock-record-${randomId()}`;
  runtime.display(lockRecordBundle(ledger), { displayId });
  const known = holder[RECORD_DISPLAY_KEY]?.ledger === ledger;
  holder[RECORD_DISPLAY_KEY] = { ledger, displayId };
  if (known) return;
  let pending = false;
  ledger.onAppend(() => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      const shown = holder[RECORD_DISPLAY_KEY];
      if (shown?.ledger === ledger) runtime.updateDisplay(lockRecordBundle(ledger), { displayId: shown.displayId });
    });
  });
}

const randomId = () => Math.random().toString(36).slice(2, 10);

/**
 * The design record of one mission as a table a student can read: per part and track, the
 * committed prediction and the model's answer (only once committed), the target (its value
 * only once found or every try used), and the reflection's length.
 */
export function designSummary(mission: Mission<unknown>, entries: readonly DesignEntry[]): MimeBundle {
  const mine = entries.filter((e) => e.mission === mission.id);
  const show = (v: unknown) => (v === null || v === undefined ? "—" : typeof v === "number" ? String(Number(v.toPrecision(4))) : String(v));
  const rows = mission.parts.flatMap((part, i) => {
    const forPart = mine.filter((e) => e.part === part.id);
    if (forPart.length === 0) return [[`${i + 1}. ${part.title}`, "—", "not started", "—", "—", "—"]];
    return forPart.map((e) => {
      const target = !e.target ? "none" : e.target.found ? `found (${show(e.target.value)}) in ${e.target.attempts} tries` : `${e.target.attempts} tries${e.target.value === null ? "" : `; it was ${show(e.target.value)}`}`;
      return [`${i + 1}. ${part.title}`, TRACK_NAMES[e.track], e.lock === null ? "not committed" : show(e.lock), show(e.answer), target, String(e.reflectionWords)];
    });
  });
  const header = ["Part", "Track", "Your prediction", "Model's answer", "Target", "Reflection words"];
  const markdown = [`**Design record: ${mission.title}**`, "", `| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
  const plain = [`Design record: ${mission.title}`, ...rows.map((r) => r.join(" · "))].join("\n");
  return { "text/markdown": markdown, "text/plain": plain };
}

/** The design record recorded so far, from the host's store. */
const recordedDesigns = () => designView(storedEntries(missionHost().designRecord()));

/** Starts a fresh lock record and part list (the headless runner calls this per notebook). */
export function resetNotebookRecords(): void {
  (globalThis as LedgerHolder)[LOCK_LEDGER_KEY] = new LockRecord();
  delete (globalThis as JournalHolder)[JOURNAL_KEY];
  delete (globalThis as RecordDisplayHolder)[RECORD_DISPLAY_KEY];
  renderedParts().length = 0;
}

/** The text the answer widget shows once the lock is committed: the model's answer and the prediction. */
export function answerText(key: { answer: number | string; unit: string | null; kind: string }, prediction: number | string, matched: boolean): string {
  const show = (v: number | string) => (typeof v === "number" ? `${Number(v.toPrecision(4))}${key.unit ? ` ${key.unit}` : ""}` : v);
  const verdict = key.kind === "text" ? "" : matched ? " Your prediction matches." : ` Your prediction was ${show(prediction)}.`;
  return `The model says: ${show(key.answer)}.${verdict}`;
}

type Instrument = { set(values: ControlValues, explored?: readonly ControlValues[]): void; id: string; widget: VegaPlot | Gauge };
/** The settings an instrument opens at (null: withheld until the commit). */
type ShownAt = { values: ControlValues; explored: readonly ControlValues[] };

/**
 * What an instrument shows instead of a value it could not compute: a simulation that stopped
 * at its event budget says so ("simulation stopped at its budget of N events: ..."), anything
 * else is named as an error. The control change that caused it is kept; the kernel stays free.
 */
export function instrumentNote(name: string, error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  return (error as Error)?.name === "SimulationBudgetError" ? `${name}: ${message}` : `${name}: could not compute (${message})`;
}

/** The instrument's value at `values`, or the note to show instead (also for a non-finite value, which no widget takes). */
function attempt<P, T>(ins: InstrumentSpec<P>, compute: () => T): { ok: true; value: T } | { ok: false; note: string } {
  try {
    const value = compute();
    const bad = nonFinite(ins as InstrumentSpec<unknown>, value);
    return bad ? { ok: false, note: `${ins.name}: could not compute (${bad})` } : { ok: true, value };
  } catch (e) {
    return { ok: false, note: instrumentNote(ins.name, e) };
  }
}

/** Settings an instrument's `explored` keeps (the newest). */
const MAX_EXPLORED = 64;

/** What a withheld instrument says in place of its reading, until the part's prediction is committed. */
export const WITHHELD_NOTE = "opens when you lock your prediction";

/**
 * An instrument widget. Built withheld (`values` null): no data, no reading, and a label that
 * says when it opens; `set(values)` computes and shows it (the lock's commit calls it first).
 */
function buildInstrument<P>(ins: InstrumentSpec<P>, ctx: TrackContext<P>, shown: ShownAt | null, predictionAxis?: "x" | "y"): Instrument {
  const values = shown?.values ?? null, explored = shown?.explored;
  const withheld = `${ins.name} (${WITHHELD_NOTE})`;
  if (ins.kind === "plot") {
    const first = values ? attempt(ins, () => ins.compute(values, ctx, explored ?? [values])) : { ok: false as const, note: withheld };
    const chart = plotSpec(ins as Extract<InstrumentSpec, { kind: "plot" }>);
    const spec = predictionAxis ? withPredictionOverlay(chart, predictionAxis) : chart;
    const plot = new VegaPlot({ description: first.ok ? ins.name : first.note, spec, data: first.ok ? first.value : [] });
    return {
      id: plot.id, widget: plot,
      set: (v, seen) => {
        const r = attempt(ins, () => ins.compute(v, ctx, seen ?? [v]));
        plot.set("description", r.ok ? ins.name : r.note);
        plot.setRows(r.ok ? r.value : []);
      },
    };
  }
  const min = resolve(ins.min, ctx), max = resolve(ins.max, ctx);
  // A gauge that cannot compute shows no reading (null) and says why in its label.
  const reading = (v: ControlValues, seen?: readonly ControlValues[]) => {
    const r = attempt(ins, () => ins.compute(v, ctx, seen ?? [v]));
    return r.ok
      ? { description: ins.name, value: r.value, min: Math.min(min, r.value), max: Math.max(max, r.value) }
      : { description: r.note, value: null, min, max };
  };
  // A danger line colours the bar and names the limit once a reading passes it.
  const danger = ins.danger === undefined ? undefined : resolve(ins.danger, ctx);
  const thresholds = danger === undefined ? [] : [
    { at: Math.min(min, danger), level: "ok" as const, label: "" },
    { at: danger, level: "bad" as const, label: `above ${Number(danger.toPrecision(3)).toLocaleString("en-US")}${ins.unit ? ` ${ins.unit}` : ""}` },
  ];
  const gauge = new Gauge({ unit: ins.unit ?? "", thresholds, ...(values ? reading(values, explored) : { description: withheld, value: null, min, max }) });
  return { id: gauge.id, widget: gauge, set: (v, seen) => gauge.setMany(reading(v, seen)) };
}

type Peek = { show(values: ControlValues): void; widget: MathPeek };

/**
 * A Math Peek. Built withheld: no value, and a formula with a scope says in its label when it
 * opens (a formula's value is a model result, so the lock withholds it like an instrument's);
 * `show(values)` binds the scope's numbers at `values` (the lock's commit calls it first). A
 * scope that throws, leaves a symbol unbound or binds a non-finite number shows no value and
 * says why. A formula without a scope shows its TeX only.
 */
function buildPeek<P>(f: FormulaSpec<P>, ctx: TrackContext<P>): Peek {
  const widget = new MathPeek({
    description: f.scope ? `${f.label} (${WITHHELD_NOTE})` : f.noValue ? `${f.label} (no value: ${f.noValue})` : f.label, expression: f.expression, unit: f.unit ?? "", scope: noValueScope(f.expression),
  });
  return {
    widget,
    show: (values) => {
      if (!f.scope) return;
      const r = formulaNumbers(f, values, ctx);
      widget.set("description", r.ok ? f.label : `${f.label}: no value (${r.problem.slice(0, 200)})`);
      widget.setScope(r.ok ? r.numbers : noValueScope(f.expression));
    },
  };
}

/** The widget's view bundle, pending state sent first (as a cell result shows it). */
const viewBundle = (w: { [MIME_BUNDLE](): import("../../kernel/runtime").MimeBundle }) => w[MIME_BUNDLE]();

/** One part's widgets for one track. */
interface TrackView {
  children: { id: string; close(): void }[];
  lock: PredictionLock;
  ids: Omit<RenderedPart, "mission" | "part">;
  values: ControlValues;
  explored: readonly ControlValues[];
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
  /** Shows the design record recorded so far. */
  designRecord(): void;
  /**
   * Switches every part, visual and briefing already shown to `track`, in place, and
   * records a "track" event in the lock record. Each track keeps its own lock per part.
   * @throws RangeError naming `track` when the mission has no such track; nothing changes
   */
  switchTrack(track: TrackId): void;
}

/** How a host other than the notebook opens a session (the grader's replay). */
export interface OpenOptions {
  /** The answer key of a part on a track; the model computes it when not given. */
  keys?: (partId: string, track: TrackId) => AnswerKey;
  /**
   * False: no instruments, visuals, stakeholder or Math Peek, only what takes a student's input
   * (lock, controls, target, reflection). A replay judges inputs and shows nothing, so it need not
   * run a simulation nor load mathjs.
   */
  draw?: boolean;
}

/**
 * Opens mission `id` (or a checked mission not in the catalog, e.g. a TA's draft) for `track`;
 * reads the design record for decisions of earlier missions.
 */
export function open(id: string | Mission<unknown>, track: TrackId, options: OpenOptions = {}): MissionSession {
  const draw = options.draw ?? true;
  const mission = typeof id === "string" ? missionByRef(id) : id;
  const contexts = new Map<TrackId, TrackContext<unknown>>([[track, trackContext(mission, track, recordedDesigns())]]);
  const contextFor = (t: TrackId) => {
    let ctx = contexts.get(t);
    if (!ctx) contexts.set(t, (ctx = trackContext(mission, t, recordedDesigns())));
    return ctx;
  };
  let current: TrackId = track;
  const shownParts: ShownPart[] = [];
  const shownVisuals: ShownVisual[] = [];
  const briefings: string[] = [];
  const switches: Choice[] = [];
  /** Design-record summaries on screen, kept current as parts are committed and completed. */
  const ledgerDisplays: string[] = [];
  const runtime = () => requireKernelRuntime();
  const journal = runtime().journal;
  const journalProblem = journal ? bindLockJournal(`locks-${mission.id}`, journal) : null;
  if (journalProblem) runtime().display({ "text/markdown": `**Lock record:** ${journalProblem}`, "text/plain": journalProblem });
  showLockRecord(runtime());
  const recordTrack = (from: TrackId | null, to: TrackId, widgetId: string) =>
    notebookLockRecord().append({ kind: "track", widget_id: widgetId, part: mission.id, trait: "track", value: { from, to } });
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
    }, { ledger: notebookLockRecord() });
    // The model's answer and target are computed now (once: a simulated mission's take seconds),
    // from the designs recorded so far, but shown (and recorded) only after the commit.
    const partKey = options.keys ? options.keys(part.id, t) : answerKey(mission, part.id, t, ctx.designs);
    const lockKey = partKey.lock;
    const answer = new Stakeholder({ persona: "The model", role: "answer key", message: "Lock your prediction to see what the model says.", severity: "info" });
    // Withheld until the commit: a prediction must come before any result (the lock's point).
    const shownOn = part.lock.kind === "number" ? part.lock.shownOn : undefined;
    const instruments = draw ? part.workbench.instruments.map((ins) => ({ spec: ins, w: buildInstrument(ins, ctx, null, ins.id === shownOn?.instrument ? shownOn.axis : undefined) })) : [];
    const peeks = draw ? part.mathPeek.map((f) => ({ spec: f, p: buildPeek(f, ctx) })) : [];
    /** Draws the committed prediction on the instrument that answers the lock, beside the model's value. */
    const drawPrediction = () => {
      const answering = instruments.find((i) => i.spec.id === shownOn?.instrument);
      if (!shownOn || !answering || typeof lock.value !== "number") return;
      let at: number;
      try {
        at = shownOn.at ? shownOn.at(lock.value, ctx) : lock.value;
      } catch {
        return; // the answer card still states the prediction; the mark is only a picture of it
      }
      const { w: { widget }, spec } = answering;
      // Nothing to draw for a value the axis cannot show (not finite, or not positive on a log axis).
      if (!Number.isFinite(at) || (spec.kind === "plot" && spec[shownOn.axis!].scale === "log" && at <= 0)) return;
      const label = shownOn.label ?? "your prediction";
      if (widget instanceof Gauge) widget.mark({ value: at, label });
      else if (spec.kind === "plot") widget.set("prediction", [{ [spec[shownOn.axis!].field]: at, label }]);
    };
    /** Settings tried since the commit, distinct, the current one last (an instrument's `explored`). */
    const explored: ControlValues[] = [];
    const showAll = () => {
      const key = JSON.stringify(values);
      const at = explored.findIndex((e) => JSON.stringify(e) === key);
      if (at >= 0) explored.splice(at, 1);
      explored.push({ ...values });
      // Bounded: slider drags make many settings, and a chart needs the recent ones.
      if (explored.length > MAX_EXPLORED) explored.shift();
      for (const i of instruments) i.w.set(values, explored);
      for (const p of peeks) p.p.show(values);
    };
    const controls: Record<string, Slider | Toggle | Choice> = {};
    /** Hands the browser its fast paths once the results are open (the descriptors name the part's controls). */
    const openFastPaths = () => {
      for (const { spec, w } of instruments) {
        if (!spec.fast) continue;
        const key = (id: string) => controls[id].id;
        if (w.widget instanceof Gauge) w.widget.set("compute", resolveFast(spec.fast as FastValue<unknown>, ctx, key));
        else w.widget.set("compute", resolveFast(spec.fast as FastSweep<unknown>, ctx, key));
      }
    };
    const record = () => {
      const entries = storeEntry(missionHost().designRecord(), entry());
      for (const displayId of ledgerDisplays) runtime().updateDisplay(designSummary(mission, entries), { displayId });
    };
    for (const c of part.workbench.controls) {
      const r = resolveControl(c, ctx);
      const w = r.kind === "slider"
        ? new Slider({ description: r.label, value: r.default, min: r.min, max: r.max, step: r.step, scale: r.scale, unit: r.unit ?? "" })
        : r.kind === "toggle" ? new Toggle({ description: r.label, value: r.default }) : new Choice({ description: r.label, options: r.choices, value: r.default, required: true });
      controls[c.id] = w;
      (w as Slider).observe("value", (ch) => {
        values[c.id] = ch.new as number;
        if (!lock.isLocked) return;
        showAll();
        record();
      });
    }
    const key = partKey.target;
    const tries: number[] = [];
    let found = false;
    const target = part.target && key
      ? new NumberInput({ description: `Target (${key.maxAttempts} tries): ${key.prompt}`, value: 0, unit: key.unit ?? "" })
      : null;
    /** Counts one try; the lock record's "attempt" events are the tries' home, so they survive a restart. */
    const tryTarget = (x: number) => {
      tries.push(x);
      found = withinTolerance(x, key!.value, key!.tolerance);
      if (found || tries.length >= key!.maxAttempts) target!.setDisabled(found ? "target found" : "no tries left");
    };
    target?.observe("value", (ch) => {
      if (found || tries.length >= key!.maxAttempts || !lock.isLocked) return;
      notebookLockRecord().append({ kind: "attempt", widget_id: target.id, part: lock.part, trait: "value", value: ch.new as number });
      tryTarget(ch.new as number);
      if (found || tries.length >= key!.maxAttempts) stakeholder?.set("message", stakeholderMessage(evidenceOpen()));
      record();
    });
    const reflect = new Reflection({ part: `${mission.id}.${part.id}`, prompt: resolve(part.reflect.prompt, ctx), min_words: part.reflect.minWords });
    reflect.observe("value", () => record());
    const entry = (): DesignEntry => ({
      mission: mission.id, part: part.id, track: t, lock: lock.value, answer: lock.isLocked ? lockKey.answer : null, controls: { ...values },
      target: key ? { value: found || tries.length >= key.maxAttempts ? key.value : null, tries: [...tries], found, attempts: tries.length } : null,
      reflectionWords: wordCount(reflect.get("value")), updatedAt: new Date().toISOString(),
    });
    let stakeholder: Stakeholder | undefined;
    // The model's evidence often states the part's target outright ("8495x cheaper"), so it
    // waits for the commit and, in a part with a target, for the target to be found or every try used.
    const evidenceOpen = () => lock.isLocked && (!key || found || tries.length >= key.maxAttempts);
    const stakeholderMessage = (revealed: boolean) => {
      const s = part.stakeholder!;
      return resolve(s.message, ctx) + (revealed && s.evidence ? `\n\nEvidence from the model: ${s.evidence(ctx)}` : "");
    };
    lock.observe("locked", () => {
      if (target && !found && tries.length < key!.maxAttempts) target.setDisabled(null);
      const prediction = lock.value as number | string;
      answer.set("message", answerText(lockKey, prediction, lockMatches(lockKey, prediction)));
      showAll();
      openFastPaths();
      drawPrediction();
      stakeholder?.set("message", stakeholderMessage(evidenceOpen()));
      onCommit(part, t);
      record();
    });
    // The target is gated for its disabled state only: its tries are recorded as "attempt" events above.
    lock.gates(...(Object.values(controls) as unknown as Parameters<PredictionLock["gates"]>), reflect as never);
    target?.setDisabled(lock.isLocked ? null : message.gatedBy(lock.part));
    // Committed before (then a restart, or the notebook reopened): it stays committed, with the tries made.
    const earlier = committedPrediction(notebookLockRecord().events, t, lock.part);
    if (earlier && (typeof earlier.value === "number" || typeof earlier.value === "string")) {
      const made = targetAttempts(notebookLockRecord().events, t, lock.part).slice(0, key?.maxAttempts ?? 0);
      for (const x of made) if (!found) tryTarget(x);
      // Shown as the last try (the observer ignores it: the lock is not restored yet).
      if (made.length) target!.set("value", tries[tries.length - 1]);
      lock.restore(earlier.value, earlier.time);
    }
    const children: { id: string; close(): void }[] = [lock, answer, ...Object.values(controls), ...instruments.map((i) => i.w.widget)];
    if (target) children.push(target);
    if (part.stakeholder && draw) {
      const s = part.stakeholder;
      stakeholder = new Stakeholder({ persona: s.who, role: s.role, message: stakeholderMessage(evidenceOpen()), severity: "warning" });
      children.push(stakeholder);
    }
    children.push(reflect);
    for (const p of peeks) children.push(p.p.widget);
    return {
      children, values, lock, explored,
      ids: {
        track: t, lock: lock.id, reflect: reflect.id, answer: answer.id, target: target?.id ?? null,
        controls: Object.fromEntries(Object.entries(controls).map(([k, w]) => [k, w.id])),
        instruments: Object.fromEntries(instruments.map((i) => [i.spec.id, i.w.id])),
        peeks: Object.fromEntries(peeks.map((p) => [p.spec.label, p.p.widget.id])),
      },
    };
  }

  /**
   * The settings a visual of `part` draws with on track `t`: the shown part's (values and those
   * explored), once its prediction on that track is committed; null (withheld) before.
   */
  const viewFor = (part: PartSpec<unknown>, t: TrackId): TrackView | null => {
    const view = [...shownParts].reverse().find((p) => p.part.id === part.id)?.views.get(t);
    return view?.lock.isLocked ? view : null;
  };
  const drawVisual = (v: ShownVisual, t: TrackId) =>
    runtime().updateDisplay(viewBundle(buildInstrument(v.spec, contextFor(t), viewFor(v.part, t)).widget), { displayId: v.displayId });
  /** A commit opens the part's visuals on screen too. */
  function onCommit(part: PartSpec<unknown>, t: TrackId): void {
    if (t !== current) return;
    for (const v of shownVisuals) if (v.part.id === part.id) drawVisual(v, t);
  }

  const session: MissionSession = {
    mission,
    get track() { return current; },
    briefing() {
      const tracks = Object.keys(mission.tracks) as TrackId[];
      const sw = new Choice({ description: "Track", options: tracks, labels: tracks.map((t) => TRACK_NAMES[t]), value: current, variant: "select", required: true });
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
      // The part has shown itself: as a cell's last value it prints nothing more.
      Object.defineProperty(rendered, MIME_BUNDLE, { value: () => null });
      // A re-run of the cell replaces the earlier rendering of the part (its output is gone):
      // its widgets close, so their state is neither kept nor saved twice.
      const again = shownParts.findIndex((p) => p.part.id === part.id);
      if (again >= 0) {
        const [old] = shownParts.splice(again, 1);
        for (const v of old.views.values()) for (const w of v.children) w.close();
        old.box.close();
        const stale = renderedParts().indexOf(old.rendered);
        if (stale >= 0) renderedParts().splice(stale, 1);
      }
      shownParts.push({ part, box, views: new Map([[current, view]]), rendered });
      renderedParts().push(rendered);
      return rendered;
    },
    visuals() {
      if (!draw) return;
      for (const role of ["primary", "secondary"] as const) {
        for (const part of mission.parts) {
          for (const ins of part.workbench.instruments.filter((i) => i.role === role)) {
            const w = buildInstrument(ins, contextFor(current), viewFor(part, current)).widget;
            const displayId = `fleetlab-visual-${w.id}`;
            runtime().display(viewBundle(w), { displayId });
            shownVisuals.push({ part, spec: ins, displayId });
          }
        }
      }
      runtime().display({ "text/markdown": `**Math Peek:** ${mission.visuals.mathPeek}`, "text/plain": mission.visuals.mathPeek });
    },
    designRecord() {
      const displayId = `fleetlab-design-${randomId()}`;
      runtime().display(designSummary(mission, recordedDesigns().entries), { displayId });
      ledgerDisplays.push(displayId);
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
      for (const v of shownVisuals) drawVisual(v, to);
    },
  };
  return session;
}
