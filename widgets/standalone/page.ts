/**
 * The saved-state page script: renders FleetLab widgets from the standard embed
 * format in a plain HTML page, live, without a kernel.
 *
 *   <script type="application/vnd.jupyter.widget-state+json">{ version_major: 2, state: {...} }</script>
 *   <script type="application/vnd.jupyter.widget-view+json">{ "model_id": "..." }</script>  ← a view is drawn here
 *
 * Controls move and plots recompute through their fast path; a prediction lock is
 * answered by the page (local-kernel.ts) and stays locked for the page's life.
 */
import { HTMLManager } from "@jupyter-widgets/html-manager/lib/htmlmanager";
import type { WidgetModel } from "@jupyter-widgets/base";
import { MODEL_NAMES, WIDGET_MODULE, WIDGET_STATE_MIME, WIDGET_VIEW_MIME } from "../../src/widget-contract/traits";
import { WIDGET_EXPORTS } from "../src/index";
import { PREFIX } from "../src/messages";
import { answerLockRequest } from "./local-kernel";

/** What the page exposes on `window.fleetlab` once drawn (used by the browser tests and the bench). */
export interface PageHandle {
  manager: HTMLManager;
  models: Record<string, WidgetModel>;
}

/** Renders every widget view in `root`; resolves with the manager and models. */
export async function renderSavedWidgets(root: ParentNode = document): Promise<PageHandle> {
  const manager = new HTMLManager({
    loader: async (moduleName: string) => {
      if (moduleName === WIDGET_MODULE) return WIDGET_EXPORTS;
      throw new Error(`${PREFIX} this page has no widget module ${moduleName}`);
    },
  });
  const models: Record<string, WidgetModel> = {};
  for (const tag of root.querySelectorAll<HTMLScriptElement>(`script[type="${WIDGET_STATE_MIME}"]`)) {
    const saved = JSON.parse(tag.textContent ?? "{}");
    for (const model of await manager.set_state(saved)) {
      models[model.model_id] = model;
      if (model.get("_model_name") === MODEL_NAMES.predictionLock._model_name) {
        // No comm here: the page answers the lock itself.
        model.send = (content: unknown) => void answerLockRequest(model as never, content);
      }
    }
  }
  for (const tag of root.querySelectorAll<HTMLScriptElement>(`script[type="${WIDGET_VIEW_MIME}"]`)) {
    const host = tag.ownerDocument.createElement("div");
    host.className = "fleetlab-saved-view";
    tag.parentElement?.insertBefore(host, tag);
    try {
      const { model_id } = JSON.parse(tag.textContent ?? "{}") as { model_id: string };
      const model = await manager.get_model(model_id);
      host.dataset.modelId = model_id;
      await manager.display_view(manager.create_view(model), host);
    } catch (error) {
      host.textContent = `${PREFIX} could not draw this widget: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return { manager, models };
}

declare global {
  interface Window {
    fleetlab?: { ready: Promise<PageHandle> };
  }
}

if (typeof window !== "undefined") {
  const start = () => renderSavedWidgets(document);
  window.fleetlab = {
    ready: document.readyState === "loading"
      ? new Promise((resolve, reject) => window.addEventListener("DOMContentLoaded", () => start().then(resolve, reject)))
      : start(),
  };
}
