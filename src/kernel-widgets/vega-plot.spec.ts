import { execFileSync } from "node:child_process";
import { installFakeRuntime, settle, type FakeRuntime } from "../../test/helpers/fake-runtime";
import { MIME_BUNDLE, setKernelRuntime } from "../kernel/runtime";
import { fleetAvailability } from "../model/reliability";
import { LockRecord, verifyLockRecord } from "./lock-record";
import { sweepSpec } from "./plots/sweep-spec";
import { toVegaLiteV5, usesOnlyV5 } from "./plots/vegalite-v5";
import { PredictionLock } from "./prediction-lock";
import { Slider } from "./slider";
import { VegaPlot } from "./vega-plot";

/** Compiles Vega-Lite specs with the installed vega-lite (ESM, so in a child node process). */
function compileAll(specs: unknown[]): { ok: boolean; error?: string; marks?: number }[] {
  const script = `
    import { compile } from "vega-lite";
    let input = ""; process.stdin.on("data", (d) => (input += d)).on("end", () => {
      const out = JSON.parse(input).map((s) => {
        try { const v = compile(s).spec; return { ok: true, marks: JSON.stringify(v.marks ?? []).length }; }
        catch (e) { return { ok: false, error: String(e.message) }; }
      });
      process.stdout.write(JSON.stringify(out));
    });`;
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    input: JSON.stringify(specs), cwd: __dirname,
  }).toString());
}

const spec = () => sweepSpec({
  title: "P(all nodes up)", x: { field: "nodes", title: "Nodes", scale: "log" },
  y: { field: "availability", title: "Fleet availability", format: ".0%" }, params: { nodeAvailability: 0.999 },
});

let rt: FakeRuntime;
beforeEach(() => {
  rt = installFakeRuntime();
});
afterAll(() => setKernelRuntime(undefined));

const avail = (values: { [id: string]: unknown }, id: string) =>
  [1, 10, 100, 1000].map((n) => ({ nodes: n, availability: fleetAvailability(values[id] as number, n) }));

describe("sweepSpec and the v5 copy", () => {
  it("compiles with vega-lite 6, and so does its v5 copy with rows inlined", () => {
    const v5 = toVegaLiteV5(spec(), { table: [{ nodes: 1, availability: 0.999 }], prediction: [{ availability: 0.5, label: "p" }] });
    expect(v5?.$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
    const [a, b] = compileAll([spec(), v5]);
    expect(a).toMatchObject({ ok: true });
    expect(b).toMatchObject({ ok: true });
  });

  it("offers no v5 copy when the spec uses a key outside the v5 vocabulary", () => {
    expect(usesOnlyV5({ ...spec(), futureThing: 1 })).toBe(false);
    expect(usesOnlyV5({ mark: "hexbin" })).toBe(false);
    expect(toVegaLiteV5({ layer: [{ mark: "line" }, { mark: { type: "warp" } }] }, {})).toBeNull();
  });
});

describe("VegaPlot", () => {
  it("recomputes rows when a bound control changes and sends only data and signals", async () => {
    const a = new Slider({ description: "Node availability", value: 0.999, min: 0.9, max: 0.99999, step: 0.0001 });
    const plot = new VegaPlot({ spec: spec(), rows: (v) => avail(v, a.id), follow: { nodeAvailability: a } });
    const open = rt.messagesOf(plot.id)[0].data.state as { spec: unknown; data: unknown; signals: unknown };
    expect(open.spec).toEqual(spec());
    expect(open.data).toEqual(avail({ x: 0.999 }, "x"));
    rt.update(a.id, { value: 0.99 });
    await settle();
    const updates = rt.messagesOf(plot.id, "update");
    expect(updates).toHaveLength(1);
    expect(Object.keys(updates[0].data.state as object).sort()).toEqual(["data", "signals"]);
    expect(updates[0].data.state).toEqual({ data: avail({ x: 0.99 }, "x"), signals: { nodeAvailability: 0.99 } });
    expect(() => plot.setMany({ spec: {} })).toThrow("VegaPlot.spec is fixed when the widget opens");
  });

  it("follows controls named in `compute` and matches the model at each point", async () => {
    const fn = "fleetAvailability";
    const a = new Slider({ value: 0.999, min: 0.9, max: 1, step: 0.0001 });
    const plot = new VegaPlot({
      spec: spec(),
      compute: { fn, sweep: { param: "nodes", from: 1, to: 1000, points: 4, scale: "log" }, args: { nodeAvailability: { control: a.id } }, as: "availability" },
    });
    rt.update(a.id, { value: 0.95 });
    await settle();
    const rows = plot.rows;
    rows.forEach((r) => expect(r.availability).toBe(fleetAvailability(0.95, r.nodes as number)));
    expect(() => new VegaPlot({ spec: spec(), compute: { fn, sweep: { param: "nodes", from: 1, to: 10, points: 2, scale: "log" }, args: { nodeAvailability: { control: "nope" } } } }))
      .toThrow("VegaPlot.compute.args.nodeAvailability names control nope, which is not a live number widget");
  });

  it("displays the widget view plus a v5 bundle with the current rows inlined", () => {
    const plot = new VegaPlot({ spec: spec(), data: [{ nodes: 1, availability: 0.999 }] });
    plot.display();
    const bundle = rt.displays[0].bundle as { [mime: string]: { datasets?: { table: unknown[] } } };
    expect(Object.keys(bundle).sort()).toEqual([
      "application/vnd.jupyter.widget-view+json", "application/vnd.vegalite.v5+json", "text/plain",
    ]);
    expect(bundle["application/vnd.vegalite.v5+json"].datasets?.table).toEqual([{ nodes: 1, availability: 0.999 }]);
  });

  it("as a cell's last value gives the same bundle as display() and counts as shown", () => {
    const ledger = new LockRecord();
    const lock = new PredictionLock({ part: "01.3", prompt: "?", kind: "choice", choices: ["yes", "no"] }, { ledger });
    const plot = new VegaPlot({ spec: spec(), data: [{ nodes: 1, availability: 0.999 }] });
    const bundle = plot[MIME_BUNDLE]() as { [mime: string]: { datasets?: { table: unknown[] } } };
    expect(Object.keys(bundle).sort()).toEqual([
      "application/vnd.jupyter.widget-view+json", "application/vnd.vegalite.v5+json", "text/plain",
    ]);
    expect(bundle["application/vnd.vegalite.v5+json"].datasets?.table).toEqual([{ nodes: 1, availability: 0.999 }]);
    lock.gates(plot);
    plot.setDisabled(null);
    lock.commit("no");
    expect(ledger.events.map((e) => e.kind)).toEqual(["revealed", "commit"]);
  });

  it("withholds rows while gated, reveals them after the commit, and draws the prediction", async () => {
    const ledger = new LockRecord({ clock: () => new Date("2026-11-22T20:00:00Z") });
    const lock = new PredictionLock({ part: "01.1", prompt: "P(all 1,000 up)?", kind: "number", min: 0, max: 1 }, { ledger });
    const a = new Slider({ value: 0.999, min: 0.9, max: 1, step: 0.0001 });
    const plot = new VegaPlot({ spec: spec(), rows: (v) => avail(v, a.id), follow: { nodeAvailability: a } });
    plot.showPrediction(lock, "availability");
    lock.gates(a, plot);
    plot.display();
    await settle();
    expect(plot.get("data")).toEqual([]);
    expect(ledger.events).toHaveLength(0);
    rt.custom(lock.id, { type: "lock_request", value: 0.5 });
    await settle();
    expect(plot.get("data")).toHaveLength(4);
    expect(plot.get("prediction")).toEqual([{ availability: 0.5, label: "your prediction" }]);
    expect(ledger.events.map((e) => e.kind)).toEqual(["commit", "revealed"]);
    expect(verifyLockRecord(ledger.toJSON())).toEqual({ ok: true });
  });

  it("lets a ledger show a reveal before the commit when a result is not gated", () => {
    const ledger = new LockRecord();
    const lock = new PredictionLock({ part: "01.2", prompt: "2x GPUs, 2x faster?", kind: "choice", choices: ["yes", "no"] }, { ledger });
    const plot = new VegaPlot({ spec: spec(), data: [{ nodes: 1, availability: 1 }] });
    plot.display();
    lock.gates(plot); // gated too late: the result was already on screen
    plot.setDisabled(null);
    lock.commit("no");
    expect(ledger.events.map((e) => e.kind)).toEqual(["revealed", "commit"]);
    const verdict = verifyLockRecord(ledger.toJSON());
    expect(verdict.ok === false && verdict.problems).toEqual(["event 1: prediction for part 01.2 recorded after its results were revealed (event 0)"]);
  });
});
