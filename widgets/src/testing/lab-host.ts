/**
 * JupyterLab 4's start-up of prebuilt (federated) extensions, reproduced in a plain page so
 * a browser test can load widgets/labextension/ exactly as the lab does, with no JupyterLab.
 *
 * The steps and their source (jupyterlab/jupyterlab 4.x, dev_mode/bootstrap.js and index.js):
 *
 *   page config  `jupyter-config-data`: fullLabextensionsUrl + federated_extensions, one entry
 *                per labextensions/<name>/package.json: { name, load: _build.load, extension, ... }
 *   loadComponent(url, name)   <script src="{fullLabextensionsUrl}/{name}/{load}">  -> window._JUPYTERLAB[name]
 *                              __webpack_init_sharing__("default"); container.init(__webpack_share_scopes__.default)
 *   createModule(name, "./extension")   factory = await container.get(module); m = factory(); m.__scope__ = name
 *   activePlugins(m)           m.default when m has own __esModule, else m; an array or a single plugin
 *   lab.start()                the PluginRegistry activates autoStart plugins, resolving `requires` by token
 *
 * Here the share scope is the one the lab would hold once jupyterlab_widgets'
 * @jupyter-widgets/jupyterlab-manager has initialised: @jupyter-widgets/base and the @lumino
 * packages it uses, all from this one bundle (so tokens and classes are the host's own).
 * A provider plugin stands in for jupyterlab-manager's registry, and a ManagerBase subclass
 * for its WidgetManager: classes come from what the extension registered, never from imports.
 *
 * Example (in the page): `await labHost.start({ shared: [{ name: "@jupyter-widgets/base", version: "6.0.12" }] })`
 * -> { loaded: [{ name: "@fleetlab/widgets", error: null }], plugins: [{ id: "@fleetlab/widgets:plugin", ... }], ... }
 */
import * as widgetsBase from "@jupyter-widgets/base";
import { ManagerBase } from "@jupyter-widgets/base-manager";
import * as luminoCoreutils from "@lumino/coreutils";
import * as luminoMessaging from "@lumino/messaging";
import * as luminoSignaling from "@lumino/signaling";
import * as luminoWidgets from "@lumino/widgets";
import { createFakeComm, type FakeComm } from "./fake-comm";
import type { FederatedExtension, SharedOffer, StartReport } from "./lab-host-types";

/** The module objects this host shares, by package name. */
const HOST_MODULES = {
  "@jupyter-widgets/base": widgetsBase,
  "@lumino/coreutils": luminoCoreutils,
  "@lumino/messaging": luminoMessaging,
  "@lumino/signaling": luminoSignaling,
  "@lumino/widgets": luminoWidgets,
} as const;

interface ShareEntry {
  get: () => Promise<() => unknown>;
  from: string;
  eager: boolean;
  loaded?: number;
}
type ShareScope = Record<string, Record<string, ShareEntry>>;
interface Container {
  init(scope: ShareScope): unknown;
  get(module: string): Promise<() => Record<string, unknown>>;
}
interface LabPlugin {
  id: string;
  autoStart?: boolean | "defer";
  requires?: luminoCoreutils.Token<unknown>[];
  optional?: luminoCoreutils.Token<unknown>[];
  provides?: luminoCoreutils.Token<unknown> | null;
  activate(app: unknown, ...services: unknown[]): unknown;
}

declare global {
  interface Window {
    _JUPYTERLAB?: Record<string, Container>;
    labHost: typeof labHost;
  }
}

/** jupyterlab's getOption: the page config in `<script id="jupyter-config-data">`. */
function getOption(name: string): unknown {
  const el = document.getElementById("jupyter-config-data");
  const config = JSON.parse(el?.textContent || "{}") as Record<string, unknown>;
  return config[name] ?? "";
}

function loadScript(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.onerror = () => reject(new Error(`could not load ${url}`));
    script.onload = () => resolve();
    script.async = true;
    document.head.appendChild(script);
    script.src = url;
  });
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The widget registry jupyterlab-manager provides, reduced to what it records. */
const registered: widgetsBase.IWidgetRegistryData[] = [];
const registry: widgetsBase.IJupyterWidgetRegistry = { registerWidget: (data) => void registered.push(data) };

/** A WidgetManager like jupyterlab-manager's: classes from the registered modules, comms supplied per model. */
class RegistryManager extends ManagerBase {
  protected async loadClass(className: string, moduleName: string, moduleVersion: string): Promise<typeof widgetsBase.WidgetModel | typeof widgetsBase.WidgetView> {
    const data = registered.find((d) => d.name === moduleName && d.version === moduleVersion.replace(/^[\^~]/, ""));
    if (!data) throw new Error(`lab host: no registered widget module ${moduleName}@${moduleVersion}`);
    const exports = (await (typeof data.exports === "function" ? (data.exports as () => unknown)() : data.exports)) as Record<string, unknown>;
    const cls = exports[className];
    if (typeof cls !== "function") throw new Error(`lab host: ${moduleName} has no class ${className}`);
    return cls as typeof widgetsBase.WidgetModel;
  }
  protected _create_comm(): Promise<widgetsBase.IClassicComm> {
    return Promise.reject(new Error("lab host: no kernel"));
  }
  protected _get_comm_info(): Promise<{}> {
    return Promise.resolve({});
  }
}

const manager = new RegistryManager();
const comms: Record<string, FakeComm> = {};
const models: Record<string, widgetsBase.WidgetModel> = {};

/** Runs the lab's start-up for the page config's federated extensions with `shared` in the share scope. */
async function start(options: { shared: SharedOffer[] }): Promise<StartReport> {
  // __webpack_init_sharing__("default"): the host registers what it provides.
  const shareScope: ShareScope = {};
  for (const { name, version } of options.shared) {
    const module = HOST_MODULES[name as keyof typeof HOST_MODULES];
    if (!module) throw new Error(`lab host: shared: no host module ${name}`);
    shareScope[name] = { ...shareScope[name], [version]: { get: () => Promise.resolve(() => module), from: "@jupyterlab/application-top", eager: false } };
  }
  const extensions = getOption("federated_extensions") as FederatedExtension[];
  const base = String(getOption("fullLabextensionsUrl"));

  const loaded = await Promise.allSettled(extensions.map(async (data) => {
    await loadScript(`${base}/${data.name}/${data.load}`);
    const container = window._JUPYTERLAB?.[data.name];
    if (!container) throw new Error(`${data.load} defined no container _JUPYTERLAB["${data.name}"]`);
    await container.init(shareScope);
  }));

  const wanted = extensions.filter((d) => d.extension);
  const created = await Promise.allSettled(wanted.map(async (data) => {
    const factory = await window._JUPYTERLAB![data.name].get(data.extension!);
    const instance = factory();
    instance.__scope__ = data.name;
    return instance;
  }));

  const plugins: (LabPlugin & { scope: string })[] = [];
  for (const result of created) {
    if (result.status !== "fulfilled") continue;
    const ext = result.value;
    const exports = Object.prototype.hasOwnProperty.call(ext, "__esModule") ? ext.default : ext;
    for (const plugin of (Array.isArray(exports) ? exports : [exports]) as LabPlugin[]) plugins.push({ ...plugin, scope: String(ext.__scope__) });
  }

  const pluginRegistry = new luminoCoreutils.PluginRegistry();
  pluginRegistry.application = { name: "lab host" };
  let activationError: string | null = null;
  try {
    pluginRegistry.registerPlugin({
      id: "@jupyter-widgets/jupyterlab-manager:plugin",
      provides: widgetsBase.IJupyterWidgetRegistry,
      autoStart: true,
      activate: () => registry,
    });
    pluginRegistry.registerPlugins(plugins as never);
    await pluginRegistry.activatePlugins("startUp");
  } catch (e) {
    activationError = message(e);
  }

  const hostClasses = [widgetsBase.WidgetModel, widgetsBase.WidgetView] as const;
  return {
    loaded: loaded.map((r, i) => ({ name: extensions[i].name, error: r.status === "rejected" ? message(r.reason) : null })),
    modules: created.map((r, i) => ({ name: wanted[i].name, error: r.status === "rejected" ? message(r.reason) : null })),
    shareScope: Object.fromEntries(Object.entries(shareScope).map(([pkg, versions]) => [
      pkg,
      Object.fromEntries(Object.entries(versions).map(([v, e]) => [v, { from: e.from, loaded: Boolean(e.loaded) }])),
    ])),
    plugins: plugins.map((p) => ({
      id: p.id,
      scope: p.scope,
      autoStart: p.autoStart,
      requires: (p.requires ?? []).map((t) => t.name),
      requiresHostRegistryToken: (p.requires ?? []).includes(widgetsBase.IJupyterWidgetRegistry),
      provides: p.provides?.name ?? null,
    })),
    activated: pluginRegistry.listPlugins().filter((id) => pluginRegistry.isPluginActivated(id)),
    activationError,
    registered: registered.map((d) => {
      const exports = d.exports as Record<string, { prototype: unknown }>;
      return {
        name: d.name,
        version: d.version,
        exportNames: Object.keys(exports).sort(),
        notHostClasses: Object.keys(exports).filter((k) => !hostClasses.some((c) => exports[k].prototype instanceof c)),
      };
    }),
  };
}

/**
 * Creates a model through the manager (as a kernel's comm_open would, with a recording comm)
 * and attaches its view's Lumino widget in `#${hostId}`, as jupyterlab-manager's output renderer does.
 */
async function render(options: { modelId: string; state: Record<string, unknown>; hostId: string }): Promise<void> {
  const s = options.state;
  const comm = createFakeComm();
  comm.comm_id = options.modelId;
  comms[options.modelId] = comm;
  const model = await manager.new_model({
    model_name: String(s._model_name),
    model_module: String(s._model_module),
    model_module_version: String(s._model_module_version),
    view_name: String(s._view_name),
    view_module: String(s._view_module),
    view_module_version: String(s._view_module_version),
    model_id: options.modelId,
    comm: comm as unknown as widgetsBase.IClassicComm,
  }, s);
  models[options.modelId] = model;
  const view = await manager.create_view(model);
  const host = document.getElementById(options.hostId);
  if (!host) throw new Error(`lab host: no element #${options.hostId}`);
  luminoWidgets.Widget.attach(view.luminoWidget, host);
}

/** The `update` states a model has sent to the kernel so far. */
function sentStates(modelId: string): Record<string, unknown>[] {
  return (comms[modelId]?.sent ?? []).filter((m) => m.data.method === "update").map((m) => m.data.state ?? {});
}

const labHost = { start, render, sentStates, models };
window.labHost = labHost;
