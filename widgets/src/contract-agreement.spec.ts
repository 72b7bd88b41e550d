/** @jest-environment jsdom */
/**
 * The kernel widgets (src/kernel-widgets/) and the front end agree, shown by behaviour:
 * every kernel widget opens with exactly the traits and defaults its front-end model starts
 * from; a trait value gets the same verdict, with the same requirement, from the kernel and
 * from the front-end model; what a student enters is refused by the view exactly when the
 * kernel would refuse it; and a reading is written alike in text/plain and in the view.
 */
jest.mock("vega-embed", () => ({ __esModule: true, default: jest.fn() }));

import { DOMWidgetModel } from "@jupyter-widgets/base";
import { installFakeRuntime, type FakeRuntime } from "../../test/helpers/fake-runtime";
import { setKernelRuntime } from "../../src/kernel/runtime";
import {
  Box, Choice, Gauge, LockRecord, MathPeek, NumberInput, PredictionLock, Reflection, Slider, Stakeholder, Toggle, VegaPlot,
  type PredictionLockOptions,
} from "../../src/kernel-widgets/index";
import { CONTRACTS } from "../../src/widget-contract/contracts";
import { MODEL_NAMES, type WidgetKind } from "../../src/widget-contract/traits";
import { render as renderGauge } from "./gauge";
import { WIDGET_EXPORTS } from "./index";
import { render as renderMathPeek } from "./math-peek";
import { invalidFromKernel, invalidInput } from "./messages";
import { render as renderNumberInput } from "./number-input";
import { render as renderLock } from "./prediction-lock";
import { render as renderReflection } from "./reflection";
import { render as renderSlider } from "./slider";
import { createFakeComm, createFakeManager } from "./testing/fake-comm";
import { createFakeModel, mount } from "./testing/fake-model";
import { INVALID_EVENT, type RenderFn } from "./widget-base";

/** Any kernel widget, as these checks use it. */
interface AnyWidget {
  readonly id: string;
  readonly label: string;
  getState(): object;
  setMany(patch: never): void;
}
type State = Record<string, unknown>;

let rt: FakeRuntime;
beforeEach(() => {
  rt = installFakeRuntime();
});
afterAll(() => setKernelRuntime(undefined));

/**
 * Each kind opened in the kernel with only what its constructor requires. `required` traits
 * are the caller's choice, so they are not compared; `derived` ones follow from them.
 */
const OPEN: { [K in WidgetKind]: { required: State; derived?: string[]; open(required: State): AnyWidget } } = {
  slider: { required: { value: 0, min: 0, max: 100 }, open: (o) => new Slider(o as never) as never },
  toggle: { required: {}, open: (o) => new Toggle(o) as never },
  choice: { required: { options: ["spot", "reserved"] }, open: (o) => new Choice(o as never) as never },
  numberInput: { required: { value: 0 }, open: (o) => new NumberInput(o as never) as never },
  predictionLock: {
    required: { part: "07.1", prompt: "How many hours?", kind: "number" },
    open: (o) => new PredictionLock(o as never, { ledger: new LockRecord() }) as never,
  },
  vegaPlot: { required: { spec: {} }, open: (o) => new VegaPlot(o as never) as never },
  gauge: { required: { min: 0, max: 1 }, open: (o) => new Gauge(o as never) as never },
  mathPeek: { required: { expression: "2 * x" }, derived: ["tex"], open: (o) => new MathPeek(o as never) as never },
  reflection: { required: { part: "07.R", prompt: "Why?" }, open: (o) => new Reflection(o as never) as never },
  stakeholder: { required: { persona: "Safety Director", message: "" }, open: (o) => new Stakeholder(o as never) as never },
  box: { required: {}, open: () => new Box([]) as never },
};
const KINDS = Object.keys(OPEN) as WidgetKind[];
const open = (kind: WidgetKind) => OPEN[kind].open(OPEN[kind].required);

const defaultsOf = (Model: unknown): State => (Model as { prototype: { defaults(): State } }).prototype.defaults();
const BASE_DEFAULTS = defaultsOf(DOMWidgetModel);
const IDENTITY = ["_model_module", "_model_module_version", "_model_name", "_view_module", "_view_module_version", "_view_name"];
const pick = (o: State, keys: string[]) => Object.fromEntries(keys.map((k) => [k, o[k]]));

/** A front-end model of `kind`, as the widget manager builds one, holding `state` from the kernel. */
function frontModel(kind: WidgetKind, state: State): { model: DOMWidgetModel; refusals: string[] } {
  const Model = WIDGET_EXPORTS[MODEL_NAMES[kind]._model_name as keyof typeof WIDGET_EXPORTS] as unknown as
    new (attrs: object, options: object) => DOMWidgetModel;
  const model = new Model({}, { model_id: `m-${kind}`, widget_manager: createFakeManager(), comm: createFakeComm() });
  const refusals: string[] = [];
  model.on(INVALID_EVENT, (m: unknown) => refusals.push(String(m)));
  model.set_state(state);
  return { model, refusals };
}

describe("defaults: a kernel widget opens with what its front-end model starts from", () => {
  it.each(KINDS)("%s", (kind) => {
    const kernel = open(kind).getState() as unknown as State;
    const front = defaultsOf(WIDGET_EXPORTS[MODEL_NAMES[kind]._model_name as keyof typeof WIDGET_EXPORTS]);
    const frontTraits = Object.keys(front).filter((k) => !(k in BASE_DEFAULTS));
    // The same traits, own traits in the same (wire) order.
    expect(Object.keys(kernel)).toEqual([...IDENTITY, ...frontTraits]);
    const skip = [...Object.keys(OPEN[kind].required), ...(OPEN[kind].derived ?? [])];
    const compared = Object.keys(kernel).filter((k) => !skip.includes(k));
    expect(pick(kernel, compared)).toEqual(pick(front, compared));
  });

  it("the front end accepts every state a kernel widget opens with", () => {
    for (const kind of KINDS) expect(frontModel(kind, open(kind).getState() as unknown as State).refusals).toEqual([]);
  });
});

// ----- trait rules -------------------------------------------------------------------

const CANDIDATES: unknown[] = [
  null, true, false, 0, -1, 1, 0.5, 2, 50, 100, 101, 1e9, -1e9, Number.NaN, Number.POSITIVE_INFINITY, "", "x", "07.2",
  "linear", "log", "radio", "select", "hbox", "tab", "info", "critical", "ok", "bad", "number", "text", "choice", "spot",
  [], ["a"], ["a", "a"], ["spot", "reserved"], ["IPY_MODEL_a"], [{ x: 1 }], [1, 2], [{ at: 0, level: "ok", label: "" }],
  [{ at: 1, level: "bad", label: "" }, { at: 0, level: "ok", label: "" }], {}, { a: 1 }, { n: [1] }, { value: 1, label: "p" },
  { fn: "fleetMtbf", args: { nodes: { control: "c" } } },
  { fn: "fleetAvailability", sweep: { param: "n", from: 1, to: 10, points: 2, scale: "log" }, args: {} },
];
// Traits only the kernel writes and checks further than the contract: it alone parses a formula.
const KERNEL_ONLY: { [kind: string]: string[] } = { mathPeek: ["expression"] };

/** The kernel's verdict on `trait` = `value`: null (accepted), the requirement broken, or "other" (another trait refused). */
function kernelVerdict(kind: WidgetKind, trait: string, value: unknown): string | null | "other" {
  const w = open(kind);
  try {
    w.setMany({ [trait]: value } as never);
    return null;
  } catch (err) {
    const { trait: refused, message } = err as { trait: string; message: string };
    if (refused !== trait) return "other";
    const prefix = `${w.label}.${trait} must be `;
    if (!message.startsWith(prefix)) return "other"; // immutable (a plot's spec): nothing for the front end to agree on
    return message.slice(prefix.length, message.lastIndexOf(" (got "));
  }
}

describe("rules: the kernel and the front-end model give a value the same verdict", () => {
  it.each(KINDS)("%s", (kind) => {
    let compared = 0;
    for (const trait of Object.keys(CONTRACTS[kind].defaults)) {
      if (KERNEL_ONLY[kind]?.includes(trait)) continue;
      for (const value of CANDIDATES) {
        const verdict = kernelVerdict(kind, trait, value);
        if (verdict === "other") continue; // a moved bound refused under another trait
        const { model, refusals } = frontModel(kind, open(kind).getState() as unknown as State);
        refusals.length = 0;
        model.set_state({ [trait]: value });
        expect({ trait, value, refusals }).toEqual({ trait, value, refusals: verdict === null ? [] : [invalidFromKernel(trait, verdict, value)] });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(CANDIDATES.length * 3);
  });
});

// ----- what a student enters ----------------------------------------------------------------

/** The requirement in a kernel `rejected` message about `value`, or null when the kernel accepted. */
function kernelAnswer(w: AnyWidget): string | null {
  const rejected = rt.messagesOf(w.id, "custom").map((m) => (m.data.content as { type: string; message: string }))
    .filter((c) => c.type === "rejected");
  if (rejected.length === 0) return null;
  const { message } = rejected[0];
  return message.slice("value must be ".length, message.lastIndexOf(" (got "));
}

/** A view drawn over a fake model that holds the kernel widget's state. */
function view<T>(w: AnyWidget, renderFn: RenderFn<T>) {
  const model = createFakeModel(w.getState() as unknown as State);
  const el = mount();
  renderFn({ model: model as never, el });
  const notice = el.querySelector(".fleetlab-notice") as HTMLElement;
  return { model, el, refused: () => (notice.hidden ? null : notice.textContent) };
}

describe("entries: the view refuses what the kernel would refuse, in the kernel's words", () => {
  it.each(["64", "1", "1024", "0", "2048", "-5", "1e3", "lots", "0x10"])("number box, typed %j", (typed) => {
    const w = new NumberInput({ description: "GPUs", value: 8, min: 1, max: 1024 });
    const { model, el, refused } = view(w, renderNumberInput);
    const input = el.querySelector("input") as HTMLInputElement;
    input.value = typed;
    input.dispatchEvent(new Event("change"));
    rt.update(w.id, { value: Number(typed) });
    const kernel = kernelAnswer(w);
    expect(refused()).toBe(kernel === null ? null : invalidInput("value", kernel, typed));
    expect(model.saved).toEqual(kernel === null && Number(typed) !== 8 ? [{ value: Number(typed) }] : []);
  });

  it.each(["", "short", "x".repeat(20), "x".repeat(21), "failures compound with scale"])("reflection, typed %j", (typed) => {
    const w = new Reflection({ part: "07.R", prompt: "Why?", min_words: 3, max_chars: 20 });
    const { model, el, refused } = view(w, renderReflection);
    const area = el.querySelector("textarea") as HTMLTextAreaElement;
    area.value = typed;
    area.dispatchEvent(new Event("input"));
    rt.update(w.id, { value: typed });
    const kernel = kernelAnswer(w);
    expect(refused()).toBe(kernel === null ? null : invalidInput("value", kernel, typed));
    expect(model.get("value")).toBe(kernel === null ? typed : "");
    // The live count and the kernel's derived word_count are one rule.
    if (kernel === null) expect(el.querySelector(".fleetlab-count")!.textContent).toMatch(new RegExp(`^${w.get("word_count")} / 3 words`));
  });

  const LOCKS: { [kind: string]: Omit<PredictionLockOptions, "part" | "prompt"> } = {
    number: { kind: "number", min: 0.01, max: 10_000 },
    text: { kind: "text", max_length: 12 },
    choice: { kind: "choice", choices: ["rise", "fall"] },
  };
  it.each([
    ["number", "4"], ["number", "0"], ["number", "20000"], ["number", "abc"], ["number", "1e3"],
    ["text", "it falls"], ["text", "   "], ["text", "x".repeat(13)],
    ["choice", "fall"], ["choice", "up"],
  ] as const)("prediction lock (%s), draft %j", (kind, draft) => {
    const w = new PredictionLock({ part: "07.1", prompt: "?", ...LOCKS[kind] }, { ledger: new LockRecord() });
    const { model, el, refused } = view(w, renderLock);
    if (kind === "choice") {
      // A radio can only pick a choice; a draft that is none is what a stale page could send.
      const radio = [...el.querySelectorAll<HTMLInputElement>("input[type=radio]")].find((r) => r.value === draft);
      radio?.click();
    } else {
      const field = el.querySelector("input[type=text], textarea") as HTMLInputElement;
      field.value = draft;
      field.dispatchEvent(new Event("input"));
    }
    (el.querySelector(".fleetlab-commit") as HTMLButtonElement).click();
    rt.custom(w.id, { type: "lock_request", value: kind === "number" ? Number(draft) : draft });
    const kernel = kernelAnswer(w);
    if (kind === "choice" && kernel !== null) {
      expect(model.sent).toEqual([]); // nothing picked, nothing sent
      return;
    }
    expect(refused()).toBe(kernel === null ? null : invalidInput("prediction", kernel, draft));
    expect(model.sent).toEqual(kernel === null ? [{ type: "lock_request", value: w.value }] : []);
  });
});

// ----- how a reading is written ---------------------------------------------------------------

describe("formatting: text/plain and the view write a reading alike", () => {
  it.each([
    { description: "P_node", value: 0.99999, min: 0.99, max: 0.99999, step: 0.00001 },
    { description: "Nodes", value: 1024, min: 8, max: 65536, scale: "log" as const, unit: "nodes" },
    { description: "MTBF", value: 2939.387, min: 0, max: 1e4, unit: "h" },
  ])("slider $description", (options) => {
    const w = new Slider(options);
    const { el } = view(w, renderSlider);
    expect(w.toString()).toBe(`Slider(${JSON.stringify(options.description)}, value=${el.querySelector(".fleetlab-readout")!.textContent})`);
  });

  it.each([0.995, 12_345.6, null])("gauge reading %p", (value) => {
    const w = new Gauge({ description: "Load", value, unit: "h", min: 0, max: 1 });
    const { el } = view(w, renderGauge);
    expect(w.toString()).toBe(`Gauge("Load", value=${el.querySelector(".fleetlab-readout")!.textContent})`);
  });

  it("math peek", () => {
    const w = new MathPeek({ expression: "sqrt(2 * delta * M)", unit: "s", scope: { delta: 300, M: 14_400 } });
    const { el } = view(w, renderMathPeek);
    expect(w.toString()).toBe(`MathPeek(sqrt(2 * delta * M) = ${el.querySelector(".fleetlab-readout")!.textContent})`);
  });
});
