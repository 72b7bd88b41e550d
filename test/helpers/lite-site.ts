/**
 * FleetLab's JupyterLite site for browser tests and benches: the app lite/build.js builds
 * (skipped when up to date), the mission notebooks exported beside it, served by `fleetlab
 * serve`'s server and driven in Debian's Chromium. Each `openPage` is a fresh browser
 * context, so its IndexedDB (the drive, the lock journals) starts empty.
 *
 *   const site = await startLiteSite();
 *   const lab = await site.openPage();
 *   await lab.load();
 *   const { panel } = await lab.open("01_ml_intro.ipynb");
 *   expect(await lab.runAll("01_ml_intro.ipynb")).toBe(true);
 *   expect(lab.problems).toEqual([]);
 *   await site.close();
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { startSiteServer, type SiteServer } from "../../src/cli/site-server";
import { exportSite } from "../../src/lite/site";
import { launchChromium } from "./chromium";
import { waitFor, type NotebookJson } from "./jupyterlab";

/** The checkout: two levels up from this file, also when it runs compiled from dist/ (bench:lite). */
export const REPO = [path.resolve(__dirname, "..", ".."), path.resolve(__dirname, "..", "..", "..")].find((dir) => fs.existsSync(path.join(dir, "lite", "build.js")))!;
export const SITE = path.join(REPO, "out", "lite");
export const NOTEBOOKS = fs.readdirSync(path.join(REPO, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort();

/* The page objects the evaluated functions touch (this file compiles without the DOM lib). */
interface PagePanel {
  id: string;
  context: { path: string; ready: Promise<void>; model: { dirty: boolean } };
  sessionContext: { ready: Promise<void>; session: { kernel: { name: string; status: string } | null } | null };
  content: { activate(): void };
}
interface PageGlobals {
  jupyterapp: {
    restored: Promise<void>;
    shell: { widgets(area: string): Iterable<PagePanel>; activateById(id: string): void };
    commands: { execute(id: string, args?: object): Promise<unknown> };
    serviceManager: { contents: { get(path: string, options?: object): Promise<{ content: unknown }> } };
  };
}
/** The page's JupyterLab, inside evaluated functions (installPageHelpers defines it in the page). */
declare function app(): PageGlobals["jupyterapp"];
/** The notebook panel showing `path`, inside evaluated functions. */
declare function panelOf(path: string): PagePanel;

function installPageHelpers(): void {
  const g = globalThis as unknown as { app(): PageGlobals["jupyterapp"]; panelOf(p: string): PagePanel } & Partial<PageGlobals>;
  g.app = () => g.jupyterapp!;
  g.panelOf = (p) => {
    const panel = [...g.jupyterapp!.shell.widgets("main")].find((w) => w.context?.path === p);
    if (!panel) throw new Error(`${p} is not open`);
    return panel;
  };
}

/** One browser context on the site. */
export interface LitePage {
  readonly page: Page;
  /** Page errors and console errors so far (a test removes the ones it provoked). */
  readonly problems: string[];
  /** Loads `urlPath` of the site and waits until JupyterLab has restored its layout; returns the time it took. */
  load(urlPath?: string): Promise<number>;
  /** Opens (or shows) `file`; its panel's locator once its kernel is idle, with the time that took. */
  open(file: string): Promise<{ panel: Locator; kernelReadyMs: number }>;
  /** The kernel's name and status (null when it has none) and whether the notebook has unsaved changes. */
  state(file: string): Promise<{ kernel: { name: string; status: string } | null; dirty: boolean }>;
  /** Waits until `file`'s kernel is idle. */
  idle(file: string, timeoutMs?: number): Promise<void>;
  /** Run > Run All Cells in `file`; true when no cell failed. */
  runAll(file: string): Promise<boolean>;
  /** Saves `file` (File > Save in its panel) and waits until it is clean. */
  save(file: string): Promise<void>;
  /** The notebook as the site's drive holds it. */
  stored(file: string): Promise<NotebookJson>;
  /** The parts' outputs (each holds a prediction lock) in `panel`. */
  parts(panel: Locator): Locator;
  close(): Promise<void>;
}

export interface LiteSite {
  readonly url: string;
  readonly browser: Browser;
  openPage(): Promise<LitePage>;
  close(): Promise<void>;
}

/** Builds the app if needed, exports the mission notebooks into out/lite/, serves it and launches Chromium. */
export async function startLiteSite(): Promise<LiteSite> {
  // A cold build installs and bundles first; a warm one returns at once (lite/build.js compares hashes).
  execFileSync(process.execPath, [path.join(REPO, "lite", "build.js")], { cwd: REPO, stdio: ["ignore", "ignore", "inherit"] });
  exportSite(path.join(REPO, "dist", "lite", "app"), SITE, NOTEBOOKS.map((f) => path.join(REPO, "notebooks", f)));
  const server: SiteServer = await startSiteServer(SITE);
  const browser = await launchChromium();
  const pages: LitePage[] = [];
  return {
    url: server.url,
    browser,
    async openPage() {
      const lab = await openLitePage(browser, server.url);
      pages.push(lab);
      return lab;
    },
    async close() {
      for (const p of pages) await p.close().catch(() => undefined);
      await browser.close();
      await server.close();
    },
  };
}

async function openLitePage(browser: Browser, siteUrl: string): Promise<LitePage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.addInitScript(installPageHelpers);
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console.error: ${m.text()}`);
  });
  const state = (file: string) => page.evaluate((p) => {
    const kernel = panelOf(p).sessionContext.session?.kernel;
    // Plain values: the kernel's name and status are getters, which do not cross to Node.
    return { kernel: kernel ? { name: kernel.name, status: kernel.status } : null, dirty: panelOf(p).context.model.dirty };
  }, file);
  const idle = async (file: string, timeoutMs = 180_000) => {
    await waitFor(`${file}'s kernel to be idle`, async () => ((await state(file)).kernel?.status === "idle" ? true : undefined), timeoutMs);
  };
  return {
    page,
    problems,
    async load(urlPath = "lab/index.html") {
      const started = Date.now();
      await page.goto(new URL(urlPath, siteUrl).href);
      await page.waitForFunction(() => "jupyterapp" in globalThis, null, { timeout: 120_000 });
      await page.evaluate(() => app().restored);
      return Date.now() - started;
    },
    async open(file) {
      const started = Date.now();
      const id = await page.evaluate(async (p) => {
        await app().commands.execute("docmanager:open", { path: p, factory: "Notebook" });
        const panel = panelOf(p);
        await panel.context.ready;
        await panel.sessionContext.ready;
        return panel.id;
      }, file);
      await idle(file);
      return { panel: page.locator(`[id="${id}"]`), kernelReadyMs: Date.now() - started };
    },
    state,
    idle,
    async runAll(file) {
      await page.evaluate((p) => {
        app().shell.activateById(panelOf(p).id);
        panelOf(p).content.activate();
      }, file);
      const ok = await page.evaluate(() => app().commands.execute("notebook:run-all-cells"));
      await idle(file);
      return ok === true;
    },
    async save(file) {
      await page.evaluate((p) => {
        app().shell.activateById(panelOf(p).id);
        panelOf(p).content.activate();
      }, file);
      await page.evaluate(() => app().commands.execute("docmanager:save"));
      await waitFor(`${file} to be saved`, async () => ((await state(file)).dirty ? undefined : true));
    },
    stored: (file) => page.evaluate(async (p) => (await app().serviceManager.contents.get(p, { content: true })).content, file) as Promise<NotebookJson>,
    parts: (panel) => panel.locator(".jp-OutputArea-output").filter({ has: page.locator(".fleetlab-lock") }),
    close: () => context.close(),
  };
}
