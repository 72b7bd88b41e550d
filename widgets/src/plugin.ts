/**
 * The JupyterLab 4 plugin: registers @fleetlab/widgets with the widget manager
 * (the IJupyterWidgetRegistry token that @jupyter-widgets/jupyterlab-manager provides),
 * so `application/vnd.jupyter.widget-view+json` outputs of FleetLab models render.
 */
import { IJupyterWidgetRegistry } from "@jupyter-widgets/base";
import { WIDGET_MODULE, WIDGET_MODULE_VERSION } from "../../src/widget-contract/traits";
import { WIDGET_EXPORTS } from "./index";

/** The plugin object JupyterLab's loader reads (JupyterFrontEndPlugin<void>). */
const plugin = {
  id: "@fleetlab/widgets:plugin",
  description: "FleetLab mission widgets: sliders, prediction locks, Vega-Lite plots and more",
  requires: [IJupyterWidgetRegistry],
  autoStart: true,
  activate(_app: unknown, registry: IJupyterWidgetRegistry): void {
    registry.registerWidget({ name: WIDGET_MODULE, version: WIDGET_MODULE_VERSION, exports: WIDGET_EXPORTS as never });
  },
};

export default plugin;
