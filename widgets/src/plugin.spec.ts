/** @jest-environment jsdom */
jest.mock("vega-embed", () => ({ __esModule: true, default: jest.fn() }));
jest.mock("../../src/widget-contract/compute", () => ({ computeRows: jest.fn() }), { virtual: true });

import plugin from "./plugin";
import { WIDGET_EXPORTS } from "./index";
import { DOMWidgetModel, IJupyterWidgetRegistry } from "@jupyter-widgets/base";
import { MODEL_NAMES, WIDGET_MODULE, WIDGET_MODULE_VERSION } from "../../src/widget-contract/traits";

describe("JupyterLab plugin", () => {
  it("requires the widget registry and registers every model and view of MODEL_NAMES", () => {
    expect(plugin.requires).toEqual([IJupyterWidgetRegistry]);
    const registerWidget = jest.fn();
    plugin.activate({}, { registerWidget });
    expect(registerWidget).toHaveBeenCalledWith({ name: WIDGET_MODULE, version: WIDGET_MODULE_VERSION, exports: WIDGET_EXPORTS });
    const names = Object.values(MODEL_NAMES).flatMap((n) => [n._model_name, n._view_name]).sort();
    expect(Object.keys(WIDGET_EXPORTS).sort()).toEqual(names);
    for (const [name, cls] of Object.entries(WIDGET_EXPORTS)) expect(cls.name).toBe(name);
  });

  it("declares no trait that DOMWidgetModel reads as a model reference (layout, style)", () => {
    // Every DOMWidgetView turns a `layout` or `style` value into a child view: a plain string
    // there makes JupyterLab's widget manager fail in create_view.
    const reserved = Object.keys((DOMWidgetModel as unknown as { serializers: object }).serializers);
    expect(reserved).toEqual(expect.arrayContaining(["layout", "style"]));
    const clashes = Object.entries(WIDGET_EXPORTS)
      .filter(([name]) => name.endsWith("Model"))
      .flatMap(([name, Model]) => {
        const defaults = (Model.prototype as unknown as { defaults(): object }).defaults();
        return reserved.filter((trait) => trait in defaults).map((trait) => `${name}.${trait}`);
      });
    expect(clashes).toEqual([]);
  });
});
