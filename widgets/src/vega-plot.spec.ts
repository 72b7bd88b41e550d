/** @jest-environment jsdom */
jest.mock("vega-embed", () => ({ __esModule: true, default: jest.fn() }));
jest.mock("../../src/widget-contract/compute", () => ({ computeRows: jest.fn() }), { virtual: true });

import { VEGA_PLOT } from "../../src/widget-contract/contracts";
import type { PlotCompute, PlotRow, VegaPlotTraits } from "../../src/widget-contract/traits";
import { REDRAWN_EVENT, createPlotRender, type PlotDeps, type PlotView } from "./vega-plot";
import { LIVE_EVENT, rulesOf, type OwnTraits, type WidgetHost } from "./widget-base";
import { createFakeModel, mount } from "./testing/fake-model";

function fakeView() {
  const calls: string[] = [];
  let release: (() => void) | null = null;
  const view: PlotView & { calls: string[]; datasets: Record<string, PlotRow[]>; finish(): void; hold: boolean } = {
    calls,
    datasets: {},
    hold: false,
    data(name, values) {
      calls.push(`data:${name}`);
      view.datasets[name] = values;
    },
    signal(name, value) {
      calls.push(`signal:${name}=${value}`);
    },
    runAsync() {
      calls.push("run");
      if (!view.hold) return Promise.resolve();
      return new Promise<void>((resolve) => (release = resolve));
    },
    finish() {
      release?.();
    },
    finalize() {
      calls.push("finalize");
    },
  };
  return view;
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const compute: PlotCompute = {
  fn: "fleetAvailability",
  sweep: { param: "nodes", from: 1, to: 1000, points: 4, scale: "log" },
  args: { nodeAvailability: { control: "slider-1" } },
  as: "availability",
};

async function setup(over: Partial<OwnTraits<VegaPlotTraits>> = {}, host?: WidgetHost) {
  const view = fakeView();
  const deps: PlotDeps = {
    embed: jest.fn(async () => ({ view })),
    computeRows: jest.fn((_c: PlotCompute, values: Record<string, number>) => [{ nodes: 1, availability: values["slider-1"] }]),
  };
  const model = createFakeModel<OwnTraits<VegaPlotTraits>>(
    { ...VEGA_PLOT.defaults, spec: { mark: "line", data: { name: "table" } }, data: [{ nodes: 1, availability: 0.9 }], ...over },
    rulesOf(VEGA_PLOT),
  );
  const el = mount();
  const cleanup = createPlotRender(deps)({ model: model as never, el, host });
  await flush();
  return { view, deps, model, el, cleanup, notice: el.querySelector(".fleetlab-notice") as HTMLElement };
}

describe("VegaPlot view", () => {
  it("embeds once and loads the datasets and signals into the view", async () => {
    const { deps, view } = await setup({ signals: { nodes: 8 } });
    expect(deps.embed).toHaveBeenCalledTimes(1);
    expect(view.calls).toEqual(["data:table", "data:prediction", "signal:nodes=8", "run"]);
  });

  it("swaps data and signals on trait changes without embedding again", async () => {
    const { deps, view, model } = await setup();
    view.calls.length = 0;
    model.fromKernel({ data: [{ nodes: 2, availability: 0.5 }] });
    await flush();
    model.fromKernel({ signals: { nodes: 1024 } });
    await flush();
    model.fromKernel({ prediction: [{ nodes: 2, availability: 0.8 }] });
    await flush();
    expect(view.calls).toEqual(["data:table", "run", "signal:nodes=1024", "run", "data:prediction", "run"]);
    expect(view.datasets.table).toEqual([{ nodes: 2, availability: 0.5 }]);
    expect(deps.embed).toHaveBeenCalledTimes(1);
  });

  it("embeds again in the new theme's colours when JupyterLab switches theme, with the current data", async () => {
    document.body.dataset.jpThemeName = "JupyterLab Light";
    const { deps, view, model, el, cleanup } = await setup();
    model.fromKernel({ data: [{ nodes: 4, availability: 0.7 }] });
    await flush();
    el.style.setProperty("--jp-ui-font-color1", "rgba(255, 255, 255, 0.87)");
    document.body.dataset.jpThemeName = "JupyterLab Dark";
    await flush();
    await flush();
    expect(deps.embed).toHaveBeenCalledTimes(2);
    expect((deps.embed as jest.Mock).mock.calls[1][2]).toMatchObject({ config: { axis: { titleColor: "rgba(255, 255, 255, 0.87)" } } });
    expect(view.calls).toContain("finalize");
    expect(view.datasets.table).toEqual([{ nodes: 4, availability: 0.7 }]);
    cleanup();
  });

  it("embeds each time into a container of its own, so a theme switch during an embedding cannot collide with it", async () => {
    document.body.dataset.jpThemeName = "JupyterLab Light";
    const stale = fakeView();
    let finishFirst: (v: { view: PlotView }) => void = () => undefined;
    const deps: PlotDeps = {
      embed: jest.fn()
        .mockImplementationOnce(() => new Promise((resolve) => (finishFirst = resolve)))
        .mockImplementation(async () => ({ view: fakeView() })),
      computeRows: jest.fn(),
    };
    const model = createFakeModel<OwnTraits<VegaPlotTraits>>({ ...VEGA_PLOT.defaults, spec: { mark: "line" } }, rulesOf(VEGA_PLOT));
    const el = mount();
    createPlotRender(deps)({ model: model as never, el });
    document.body.dataset.jpThemeName = "JupyterLab Dark";
    await flush();
    const [first, second] = (deps.embed as jest.Mock).mock.calls.map((c) => c[0] as HTMLElement);
    expect(first).not.toBe(second);
    expect(first.isConnected).toBe(false);
    expect(second.isConnected).toBe(true);
    finishFirst({ view: stale }); // the stale embedding lands late: finalized, nothing drawn from it
    await flush();
    expect(stale.calls).toEqual(["finalize"]);
  });

  it("keeps one run in flight and draws only the newest parked rows", async () => {
    const { view, model } = await setup();
    view.hold = true;
    view.calls.length = 0;
    for (const a of [0.1, 0.2, 0.3]) model.fromKernel({ data: [{ nodes: 1, availability: a }] });
    expect(view.calls).toEqual(["data:table", "run"]);
    view.finish();
    await flush();
    expect(view.calls).toEqual(["data:table", "run", "data:table", "run"]);
    expect(view.datasets.table).toEqual([{ nodes: 1, availability: 0.3 }]);
  });

  it("starts the fast path when the kernel sends compute after the embed (a lock's results opening)", async () => {
    const control = createFakeModel({ value: 0.99 });
    const host: WidgetHost = { getModel: jest.fn(async () => control as never), displayChild: jest.fn() };
    const { view, model } = await setup({}, host);
    control.trigger(LIVE_EVENT, 0.9);
    await flush();
    expect(host.getModel).not.toHaveBeenCalled();
    model.fromKernel({ compute });
    await flush();
    control.trigger(LIVE_EVENT, 0.95);
    await flush();
    expect(view.datasets.table).toEqual([{ nodes: 1, availability: 0.95 }]);
  });

  it("recomputes rows in the browser on every control input (fast path)", async () => {
    const control = createFakeModel({ value: 0.99 });
    const host: WidgetHost = { getModel: jest.fn(async () => control as never), displayChild: jest.fn() };
    const { view, deps, model } = await setup({ compute }, host);
    await flush();
    expect(host.getModel).toHaveBeenCalledWith("slider-1");
    const redraws: unknown[] = [];
    model.on(REDRAWN_EVENT, () => redraws.push(1));
    control.trigger(LIVE_EVENT, 0.95);
    await flush();
    expect(deps.computeRows).toHaveBeenLastCalledWith(compute, { "slider-1": 0.95 });
    expect(view.datasets.table).toEqual([{ nodes: 1, availability: 0.95 }]);
    expect(redraws).toHaveLength(1);
  });

  it("shows a fast-path failure as a [fleetlab] message and keeps the last rows", async () => {
    const control = createFakeModel({ value: 0.99 });
    const host: WidgetHost = { getModel: async () => control as never, displayChild: jest.fn() };
    const { view, deps, notice } = await setup({ compute }, host);
    await flush();
    (deps.computeRows as jest.Mock).mockImplementation(() => {
      throw new RangeError("fleetAvailability: nodeAvailability must be in [0, 1] (got 2)");
    });
    const before = view.datasets.table;
    control.trigger(LIVE_EVENT, 2);
    expect(view.datasets.table).toBe(before);
    expect(notice.textContent).toBe("[fleetlab] could not draw the fast-path rows: fleetAvailability: nodeAvailability must be in [0, 1] (got 2)");
  });

  it("reports an embed failure to the kernel and beside the chart", async () => {
    const model = createFakeModel<OwnTraits<VegaPlotTraits>>({ ...VEGA_PLOT.defaults }, rulesOf(VEGA_PLOT));
    const el = mount();
    createPlotRender({ embed: async () => Promise.reject(new Error("Invalid spec")), computeRows: jest.fn() })({ model: model as never, el });
    await flush();
    expect(model.sent).toEqual([{ type: "render_error", message: "Invalid spec" }]);
    expect(el.querySelector(".fleetlab-notice")!.textContent).toBe("[fleetlab] could not draw the chart: Invalid spec");
  });

  it("refuses rows that are not objects from the kernel", async () => {
    const { model, notice, view } = await setup();
    view.calls.length = 0;
    model.fromKernel({ data: [1, 2] as never });
    expect(view.calls).toEqual([]);
    expect(notice.textContent).toMatch(/kernel sent data that is not a list of row objects/);
  });
});
