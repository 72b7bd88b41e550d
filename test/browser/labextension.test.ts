/**
 * The prebuilt JupyterLab 4 extension (widgets/labextension/) loaded in Debian's Chromium the
 * way JupyterLab 4 loads federated extensions (widgets/src/testing/lab-host.ts lists the steps
 * and their source): its remoteEntry script defines the container, the container is
 * initialised from a "default" share scope holding the real @jupyter-widgets/base and @lumino
 * packages, `get("./extension")` yields the plugin, a Lumino PluginRegistry activates it
 * against a provider of IJupyterWidgetRegistry, and a Slider is created from the registered
 * classes and drawn. No JupyterLab runs here: the lab's server, shell and jupyterlab-manager
 * are stood in for by the page config, the registry and a ManagerBase subclass.
 */
import { execFileSync } from "node:child_process";
import { whenAvailable } from "../helpers/requires";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { MODEL_NAMES, WIDGET_MODULE, WIDGET_MODULE_VERSION } from "../../src/widget-contract/traits";
import { chromiumMissing, launchChromium } from "../helpers/chromium";
import { startStaticServer, type Served, type StaticServer } from "../helpers/static-server";
import type { FederatedExtension, SharedOffer, StartReport } from "../../widgets/src/testing/lab-host-types";

/** The page globals the evaluated functions touch (this file compiles without the DOM lib). */
interface PageGlobals {
  labHost: {
    start(options: { shared: SharedOffer[] }): Promise<StartReport>;
    render(options: { modelId: string; state: Record<string, unknown>; hostId: string }): Promise<void>;
    sentStates(modelId: string): Record<string, unknown>[];
  };
}

const root = path.resolve(__dirname, "../..");
const outDir = path.join(root, "widgets/labextension");
/** Where JupyterLab serves installed extensions (its `fullLabextensionsUrl`). */
const LABEXTENSIONS_URL = "/lab/extensions";
const describeBrowser = whenAvailable(chromiumMissing(), "labextension browser tests").describe;

const versionOf = (pkg: string): string =>
  (JSON.parse(readFileSync(path.join(root, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

/** Builds widgets/labextension/ unless `npm run build` already did from the current sources. */
function ensureLabextension(): void {
  const marker = path.join(outDir, "package.json");
  const inputs = [
    ...filesUnder(path.join(root, "widgets/src")).filter((f) => f.endsWith(".ts") && !f.endsWith(".spec.ts")),
    ...filesUnder(path.join(root, "src/widget-contract")).filter((f) => f.endsWith(".ts") && !f.endsWith(".spec.ts")),
    path.join(root, "widgets/package.json"),
    path.join(root, "widgets/build.mjs"),
  ];
  const builtAt = existsSync(marker) ? statSync(marker).mtimeMs : 0;
  const load = builtAt ? (JSON.parse(readFileSync(marker, "utf8")).jupyterlab?._build?.load as string | undefined) : undefined;
  if (load && existsSync(path.join(outDir, load)) && inputs.every((f) => statSync(f).mtimeMs <= builtAt)) return;
  execFileSync(process.execPath, [path.join(root, "widgets/build.mjs"), "lib"], { cwd: root, stdio: "inherit" });
  execFileSync(process.execPath, [
    path.join(root, "node_modules/@jupyter/builder/lib/build-labextension.js"),
    "--core-package-file", path.join(root, "node_modules/@jupyterlab/core-meta/core.package.json"),
    path.join(root, "widgets"),
  ], { cwd: root, stdio: "inherit" });
}

/** The page config entry jupyterlab_server derives from labextensions/<name>/package.json. */
function federatedEntry(): FederatedExtension {
  const pkg = JSON.parse(readFileSync(path.join(outDir, "package.json"), "utf8"));
  const b = pkg.jupyterlab._build;
  return { name: pkg.name, load: b.load, extension: b.extension, mimeExtension: b.mimeExtension, style: b.style };
}

function contentType(file: string): string {
  if (file.endsWith(".js")) return "text/javascript";
  if (file.endsWith(".json")) return "application/json";
  if (file.endsWith(".css")) return "text/css";
  return "application/octet-stream";
}

/** Serves the extension folder under LABEXTENSIONS_URL/<name>/, the host script and the page. */
async function startLabServer(hostScript: string): Promise<StaticServer> {
  const entry = federatedEntry();
  const routes: Record<string, Served> = {};
  for (const file of filesUnder(outDir)) {
    const rel = path.relative(outDir, file).split(path.sep).join("/");
    routes[`${LABEXTENSIONS_URL}/${entry.name}/${rel}`] = { body: readFileSync(file), type: contentType(file) };
  }
  const config = { fullLabextensionsUrl: LABEXTENSIONS_URL, federated_extensions: [entry] };
  routes["/lab-host.js"] = { body: hostScript, type: "text/javascript" };
  routes["/"] = {
    type: "text/html; charset=utf-8",
    body: `<!doctype html><html><head><meta charset="utf-8"><title>lab host</title><link rel="icon" href="data:,">
<script id="jupyter-config-data" type="application/json">${JSON.stringify(config)}</script>
<script src="/lab-host.js"></script></head><body><div id="output-1"></div></body></html>`,
  };
  return startStaticServer(routes);
}

/** What the lab would share once jupyterlab_widgets is installed, at the installed versions. */
function labShares(baseVersion = versionOf("@jupyter-widgets/base")): SharedOffer[] {
  return [
    { name: "@jupyter-widgets/base", version: baseVersion },
    ...(["@lumino/coreutils", "@lumino/messaging", "@lumino/signaling", "@lumino/widgets"] as const)
      .map((name) => ({ name, version: versionOf(name) })),
  ];
}

const sliderState = {
  ...MODEL_NAMES.slider,
  _model_module: WIDGET_MODULE, _model_module_version: WIDGET_MODULE_VERSION,
  _view_module: WIDGET_MODULE, _view_module_version: WIDGET_MODULE_VERSION,
  description: "P_node", value: 0.999, min: 0.99, max: 0.99999, step: 0.00001, scale: "linear",
  unit: "", continuous_update: true, readout: true, disabled: false,
};

describeBrowser("prebuilt JupyterLab extension loaded as JupyterLab 4 loads it", () => {
  let server: StaticServer;
  let browser: Browser;

  /** A fresh page with console warnings/errors and page errors collected. */
  async function openPage(): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width: 800, height: 400 } });
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("response", (r) => {
      if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
    });
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
    });
    await page.goto(server.url);
    return { page, problems };
  }

  beforeAll(async () => {
    ensureLabextension();
    const host = await build({
      entryPoints: [path.join(root, "widgets/src/testing/lab-host.ts")],
      bundle: true, write: false, format: "iife", platform: "browser", target: "es2022", logLevel: "warning",
      define: { "process.env.NODE_ENV": '"production"' },
      loader: { ".css": "empty", ".woff": "empty", ".woff2": "empty", ".ttf": "empty", ".eot": "empty", ".svg": "empty" },
    });
    server = await startLabServer(host.outputFiles[0].text);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe("with jupyterlab_widgets' shared packages in the share scope", () => {
    let page: Page;
    let problems: string[];
    let report: StartReport;

    beforeAll(async () => {
      ({ page, problems } = await openPage());
      report = await page.evaluate((shared) => (globalThis as unknown as PageGlobals).labHost.start({ shared }), labShares());
    });
    afterAll(() => page?.close());

    it("loads remoteEntry, initialises the container and gets ./extension", () => {
      expect(report.loaded).toEqual([{ name: WIDGET_MODULE, error: null }]);
      expect(report.modules).toEqual([{ name: WIDGET_MODULE, error: null }]);
      // The container added its own package to the scope and took the host's @jupyter-widgets/base.
      expect(report.shareScope[WIDGET_MODULE]).toEqual({ [WIDGET_MODULE_VERSION]: expect.objectContaining({ loaded: false }) });
      expect(report.shareScope["@jupyter-widgets/base"][versionOf("@jupyter-widgets/base")].loaded).toBe(true);
    });

    it("exports one autoStart plugin that requires the host's IJupyterWidgetRegistry token", () => {
      expect(report.plugins).toEqual([{
        id: "@fleetlab/widgets:plugin",
        scope: WIDGET_MODULE,
        autoStart: true,
        requires: ["jupyter.extensions.jupyterWidgetRegistry"],
        requiresHostRegistryToken: true,
        provides: null,
      }]);
    });

    it("activates through the PluginRegistry and registers every model and view of traits.ts", () => {
      expect(report.activationError).toBeNull();
      expect(report.activated).toEqual(expect.arrayContaining(["@fleetlab/widgets:plugin", "@jupyter-widgets/jupyterlab-manager:plugin"]));
      const names = Object.values(MODEL_NAMES).flatMap((n) => [n._model_name, n._view_name]).sort();
      expect(report.registered).toEqual([{ name: WIDGET_MODULE, version: WIDGET_MODULE_VERSION, exportNames: names, notHostClasses: [] }]);
    });

    it("draws a Slider from the registered classes and sends value updates on its comm", async () => {
      await page.evaluate((state) => (globalThis as unknown as PageGlobals).labHost.render({ modelId: "slider-1", state, hostId: "output-1" }), sliderState);
      const slider = page.locator("#output-1 .fleetlab-slider input[type=range]");
      expect(await slider.count()).toBe(1);
      expect(await page.locator("#output-1 .fleetlab-slider .fleetlab-readout").textContent()).toBe("0.999");
      expect(await page.locator("#output-1 > .lm-Widget").count()).toBe(1);

      await slider.focus();
      await page.keyboard.press("Home");
      await page.waitForFunction(() => (globalThis as unknown as PageGlobals).labHost.sentStates("slider-1").length > 0);
      expect(await page.locator("#output-1 .fleetlab-slider .fleetlab-readout").textContent()).toBe("0.99");
      const sent = await page.evaluate(() => (globalThis as unknown as PageGlobals).labHost.sentStates("slider-1"));
      expect(sent[0]).toEqual({ value: 0.99 });
      expect(problems).toEqual([]);
    });
  });

  it("loads against the @jupyter-widgets/base 6.0.0 that the first ipywidgets 8 lab manager shares", async () => {
    const { page, problems } = await openPage();
    const report = await page.evaluate((shared) => (globalThis as unknown as PageGlobals).labHost.start({ shared }), labShares("6.0.0"));
    await page.close();
    expect(report.modules).toEqual([{ name: WIDGET_MODULE, error: null }]);
    expect(report.registered.map((r) => r.name)).toEqual([WIDGET_MODULE]);
    expect(problems).toEqual([]);
  });

  it("fails to load, naming the package, when the lab has no @jupyter-widgets/base (jupyterlab_widgets missing)", async () => {
    const { page } = await openPage();
    const report = await page.evaluate((shared) => (globalThis as unknown as PageGlobals).labHost.start({ shared }),
      labShares().filter((s) => s.name !== "@jupyter-widgets/base"));
    await page.close();
    expect(report.loaded).toEqual([{ name: WIDGET_MODULE, error: null }]);
    expect(report.modules).toEqual([{ name: WIDGET_MODULE, error: expect.stringContaining("@jupyter-widgets/base") }]);
    expect(report.plugins).toEqual([]);
    expect(report.registered).toEqual([]);
  });
});
