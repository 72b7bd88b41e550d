/**
 * A real JupyterLab 4 for browser tests: the front end test/jupyterlab/ builds from npm
 * (JupyterLab 4.6.3, the ipywidgets manager, FleetLab's prebuilt extension), served by
 * Debian's jupyter_server + jupyterlab_server (test/jupyterlab/server.py), driven in Debian's
 * Chromium. Each lab gets a scratch folder: notebooks are served from `root`, the FleetLab
 * kernelspec is installed into a prefix on JUPYTER_PATH (so kernels run on this Node).
 *
 *   const lab = await startJupyterLab({ notebooks: ["notebooks/01_ml_intro.ipynb"] });
 *   const nb = await lab.open("01_ml_intro.ipynb");
 *   expect(await nb.runAll()).toBe(true);
 *   await nb.save();
 *   const saved = nb.saved();      // the .ipynb as JupyterLab wrote it
 *   expect(lab.problems).toEqual([]);
 *   await lab.close();
 *
 * `problems` collects page errors and console errors, except the one JupyterLab's debugger
 * logs for every kernel without debugging support.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { chromiumMissing, launchChromium } from "./chromium";

/** The checkout: two levels up from this file, also when it runs compiled from dist/ (bench:widgets). */
const REPO = [path.resolve(__dirname, "..", ".."), path.resolve(__dirname, "..", "..", "..")].find((dir) => fs.existsSync(path.join(dir, "test", "jupyterlab", "build.js")))!;
const LAB_DIR = path.join(REPO, "test", "jupyterlab");
const PYTHON = "/usr/bin/python3";
/** Page errors allowed: JupyterLab's debugger throws this for kernels without debugger support. */
const IGNORED_PROBLEMS = [/No active debugger session/];

/** Why a JupyterLab cannot run here, or null. */
export function jupyterLabMissing(): string | null {
  const chromium = chromiumMissing();
  if (chromium) return chromium;
  if (!fs.existsSync(PYTHON)) return `${PYTHON} is not installed`;
  const check = spawnSync(PYTHON, ["-c", "import jupyter_server, jupyterlab_server"], { encoding: "utf8" });
  if (check.status !== 0) {
    return "Debian's jupyter_server/jupyterlab_server are not installed (apt-get install python3-jupyter-server python3-jupyterlab-server)";
  }
  return null;
}

/** Builds test/jupyterlab/.build unless it is up to date (about a minute cold, well under a second warm). */
export function buildJupyterLab(): void {
  execFileSync(process.execPath, [path.join(LAB_DIR, "build.js")], { cwd: REPO, stdio: ["ignore", "ignore", "inherit"] });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a value other than undefined, or throws after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Commits `answer` in the prediction lock inside `part` (a part's output) as a student does:
 * picks or types it, presses Commit, and waits until the lock shows "Locked".
 */
export async function commitPrediction(part: Locator, kind: "number" | "choice" | "text", answer: number | string): Promise<void> {
  const lock = part.locator(".fleetlab-lock");
  if (kind === "choice") await lock.locator(`input[type=radio][value="${answer}"]`).check();
  else await lock.locator("input, textarea").first().fill(String(answer));
  await lock.locator(".fleetlab-commit").click();
  await lock.locator(".fleetlab-lock-status", { hasText: "Locked" }).waitFor();
}

/** Page-side helpers, installed before JupyterLab's scripts run. */
function installPageHelpers(): void {
  type Panel = { id: string; context: { path: string } };
  const w = globalThis as unknown as { jupyterapp?: { shell: { widgets(area: string): Iterable<Panel> } }; fleetlabTest: unknown };
  w.fleetlabTest = {
    panel(notebookPath: string): Panel {
      for (const widget of w.jupyterapp!.shell.widgets("main")) {
        if (widget.context?.path === notebookPath) return widget;
      }
      throw new Error(`${notebookPath} is not open`);
    },
  };
}

/* The objects evaluated in the page, typed as far as the tests touch them. */
interface PageKernel { status: string; restart(): Promise<void> }
interface PagePanel {
  id: string;
  dispose(): void;
  context: { ready: Promise<void>; model: { dirty: boolean }; contentsModel: { last_modified: string } | null };
  sessionContext: { ready: Promise<void>; shutdown(): Promise<void>; session: { kernel: PageKernel | null } | null };
  content: { activate(): void };
}
interface PageGlobals {
  jupyterapp: {
    restored: Promise<void>;
    shell: { activateById(id: string): void };
    commands: { execute(id: string, args?: object): Promise<unknown> };
  };
  fleetlabTest: { panel(path: string): PagePanel };
}

/** One open notebook. */
export interface LabNotebook {
  /** Path relative to the lab's root. */
  readonly path: string;
  /** The notebook's panel in the page (open it again after a reload). */
  readonly locator: Locator;
  /** Runs every cell (Run > Run All Cells); true when none failed. Waits until the kernel is idle. */
  runAll(): Promise<boolean>;
  /** Saves with Ctrl+S and waits until JupyterLab has written the file. */
  save(): Promise<void>;
  /** The notebook as saved on disk. */
  saved(): NotebookJson;
  /** Restarts the kernel (no dialog) and waits until it is idle. */
  restartKernel(): Promise<void>;
  /** Waits until the notebook's kernel is idle. */
  idle(): Promise<void>;
  /**
   * Shuts the kernel down and closes the tab, discarding unsaved changes. (Debian's
   * jupyter_server 1.23 can answer a kernel list made during the shutdown with a 500.)
   */
  close(): Promise<void>;
}

export interface NotebookJson {
  metadata: Record<string, unknown>;
  cells: { cell_type: string; source: string | string[]; execution_count?: number | null; outputs?: { output_type: string; data?: Record<string, unknown> }[]; metadata: Record<string, unknown> }[];
}

export interface JupyterLab {
  readonly url: string;
  /** The folder JupyterLab serves notebooks from. */
  readonly root: string;
  readonly page: Page;
  /** Page errors and console errors so far, except IGNORED_PROBLEMS. */
  readonly problems: string[];
  /** Opens a notebook (path relative to `root`), or shows it if open, and waits until its kernel is idle. */
  open(notebookPath: string): Promise<LabNotebook>;
  /**
   * Reloads the page; open notebooks come back from the workspace with their kernels, and
   * their widgets from the kernels (open each again to get its LabNotebook). Known: with
   * several notebooks open, jupyterlab-manager 5.0.16 here sometimes renders a widget output
   * before its kernel's states arrive ("Error displaying widget: model not found").
   */
  reload(): Promise<void>;
  /** Closes the browser and stops the server (and so its kernels); removes the scratch folder. */
  close(): Promise<void>;
}

export interface JupyterLabOptions {
  /** Files copied into the root folder (paths relative to the repository). */
  notebooks?: string[];
}

/** Builds the lab if needed, starts the server on a free port and opens JupyterLab in Chromium. */
export async function startJupyterLab(options: JupyterLabOptions = {}): Promise<JupyterLab> {
  buildJupyterLab();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-jupyterlab-"));
  const root = path.join(scratch, "root");
  const prefix = path.join(scratch, "prefix");
  fs.mkdirSync(root);
  for (const file of options.notebooks ?? []) fs.copyFileSync(path.join(REPO, file), path.join(root, path.basename(file)));
  execFileSync(process.execPath, [path.join(REPO, "bin", "fleetlab.js"), "install-kernel", "--prefix", prefix], { stdio: "ignore" });

  // Jupyter's own folders in the scratch folder too; the design record beside each notebook.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JUPYTER_CONFIG_DIR: path.join(scratch, "config"),
    JUPYTER_DATA_DIR: path.join(scratch, "data"),
    JUPYTER_RUNTIME_DIR: path.join(scratch, "runtime"),
  };
  delete env.FLEETLAB_DESIGN_RECORD;
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(scratch, "server.log");
  const log = fs.openSync(logFile, "w");
  const server: ChildProcess = spawn(PYTHON, [
    path.join(LAB_DIR, "server.py"), `--port=${port}`, `--token=${token}`, `--root-dir=${root}`, `--state-dir=${path.join(scratch, "state")}`,
  ], {
    stdio: ["ignore", log, log],
    env: { ...env, JUPYTER_PATH: path.join(prefix, "share", "jupyter") },
  });
  fs.closeSync(log);
  let exited: string | null = null;
  server.on("exit", (code, signal) => (exited = `server exited (${signal ?? code})`));
  const serverLog = () => fs.readFileSync(logFile, "utf8");

  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close().catch(() => undefined);
    if (!exited) {
      server.kill("SIGTERM");
      await waitFor("the server to stop", () => (exited ? true : undefined), 10_000).catch(() => server.kill("SIGKILL"));
    }
    fs.rmSync(scratch, { recursive: true, force: true });
  };

  try {
    await waitFor("the Jupyter server to listen", async () => {
      if (exited) throw new Error(`${exited}:\n${serverLog()}`);
      const res = await fetch(`${url}/api/status?token=${token}`).catch(() => null);
      return res?.ok ? true : undefined;
    });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const note = (problem: string) => {
      if (!IGNORED_PROBLEMS.some((re) => re.test(problem))) problems.push(problem);
    };
    page.on("pageerror", (e) => note(`pageerror: ${e.message}${process.env.FLEETLAB_PAGE_STACKS ? `\n${e.stack}` : ""}`));
    page.on("console", (m) => {
      if (m.type() === "error") note(`console.error: ${m.text()}`);
    });
    await page.addInitScript(installPageHelpers);

    const restored = async () => {
      await page.waitForFunction(() => "jupyterapp" in globalThis, null, { timeout: 60_000 });
      await page.evaluate(() => (globalThis as unknown as PageGlobals).jupyterapp.restored);
    };
    await page.goto(`${url}/lab?token=${token}`);
    await restored();

    const notebook = (notebookPath: string, panelId: string): LabNotebook => {
      const evaluate = <R>(fn: (arg: { path: string; extra: string }) => R | Promise<R>, extra = "") =>
        page.evaluate(fn, { path: notebookPath, extra });
      const idle = async () => {
        await evaluate(async ({ path: p }) => {
          const panel = (globalThis as unknown as PageGlobals).fleetlabTest.panel(p);
          await panel.context.ready;
          await panel.sessionContext.ready;
        });
        await waitFor(`${notebookPath}'s kernel to be idle`, () => evaluate(({ path: p }) =>
          (globalThis as unknown as PageGlobals).fleetlabTest.panel(p).sessionContext.session?.kernel?.status === "idle" || undefined), 120_000);
      };
      const activate = () => evaluate(({ path: p }) => {
        const g = globalThis as unknown as PageGlobals;
        const panel = g.fleetlabTest.panel(p);
        g.jupyterapp.shell.activateById(panel.id);
        panel.content.activate();
      });
      return {
        path: notebookPath,
        locator: page.locator(`[id="${panelId}"]`),
        idle,
        async runAll() {
          await idle();
          await activate();
          const ok = await page.evaluate(() => (globalThis as unknown as PageGlobals).jupyterapp.commands.execute("notebook:run-all-cells"));
          await idle();
          return ok === true;
        },
        async save() {
          await activate();
          const before = await evaluate(({ path: p }) => (globalThis as unknown as PageGlobals).fleetlabTest.panel(p).context.contentsModel?.last_modified ?? "");
          await page.keyboard.press("Control+s");
          await waitFor(`${notebookPath} to be saved`, () => evaluate(({ path: p, extra: was }) => {
            const { context } = (globalThis as unknown as PageGlobals).fleetlabTest.panel(p);
            return (!context.model.dirty && context.contentsModel?.last_modified !== was) || undefined;
          }, before));
        },
        saved: () => JSON.parse(fs.readFileSync(path.join(root, notebookPath), "utf8")) as NotebookJson,
        async restartKernel() {
          await evaluate(async ({ path: p }) => {
            const panel = (globalThis as unknown as PageGlobals).fleetlabTest.panel(p);
            await panel.sessionContext.session!.kernel!.restart();
          });
          await idle();
        },
        async close() {
          await evaluate(async ({ path: p }) => {
            const panel = (globalThis as unknown as PageGlobals).fleetlabTest.panel(p);
            await panel.sessionContext.shutdown();
            panel.context.model.dirty = false;
            panel.dispose();
          });
        },
      };
    };

    return {
      url, root, page, problems,
      async open(notebookPath) {
        const panelId = await page.evaluate(async (p) => {
          const g = globalThis as unknown as PageGlobals;
          await g.jupyterapp.commands.execute("docmanager:open", { path: p, factory: "Notebook" });
          return g.fleetlabTest.panel(p).id;
        }, notebookPath);
        const nb = notebook(notebookPath, panelId);
        await nb.idle();
        return nb;
      },
      async reload() {
        await page.reload();
        await restored();
      },
      close: stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
