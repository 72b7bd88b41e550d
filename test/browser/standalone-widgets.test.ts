/**
 * The saved-state page in Debian's Chromium: the standalone bundle renders a
 * PredictionLock, a Slider and a VegaPlot from the standard embed format with no
 * kernel; the lock commits and stays locked, and a slider drag redraws the chart
 * through the browser fast path.
 */
import { execFileSync } from "node:child_process";
import { whenAvailable } from "../helpers/requires";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { IDS, savedStatePage } from "../fixtures/widgets/saved-state";
import { chromiumMissing, launchChromium } from "../helpers/chromium";
import { startStaticServer, type StaticServer } from "../helpers/static-server";

/** The page globals the evaluated functions touch (this file compiles without the DOM lib). */
interface PageGlobals {
  document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null };
  fleetlab: { ready: Promise<{ models: Record<string, { get(key: string): unknown }> }> };
}

const root = path.resolve(__dirname, "../..");
const bundle = path.join(root, "widgets/standalone/dist/fleetlab-widgets.js");
const describeBrowser = whenAvailable(chromiumMissing(), "browser tests").describe;

/** The plot's line path and the table rows in the live Vega view. */
async function chartState(page: Page): Promise<{ d: string; first: number; last: number }> {
  return page.evaluate(() => {
    const path = (globalThis as unknown as PageGlobals).document.querySelector(".fleetlab-vegaPlot .mark-line path");
    const d = path?.getAttribute("d") ?? "";
    const nums = d.match(/-?\d+(\.\d+)?/g)?.map(Number) ?? [];
    return { d, first: nums[1] ?? NaN, last: nums[nums.length - 1] ?? NaN };
  });
}

describeBrowser("standalone widget page in Chromium", () => {
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(root, "widgets/build.mjs"), "standalone"], { stdio: "inherit" });
    server = await startStaticServer({
      "/": { body: savedStatePage("/fleetlab-widgets.js"), type: "text/html; charset=utf-8" },
      "/fleetlab-widgets.js": { body: readFileSync(bundle), type: "text/javascript" },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 900, height: 800 } });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.evaluate(() => (globalThis as unknown as PageGlobals).fleetlab.ready.then(() => undefined));
    await page.waitForSelector(".fleetlab-vegaPlot .mark-line path");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("draws all three widgets from the saved state without page errors", async () => {
    expect(await page.locator(".fleetlab-predictionLock").count()).toBe(1);
    expect(await page.locator(".fleetlab-slider input[type=range]").count()).toBe(1);
    expect(await page.locator(".fleetlab-vegaPlot svg").count()).toBe(1);
    expect(await page.locator(".fleetlab-slider .fleetlab-readout").textContent()).toBe("0.999");
    expect(errors).toEqual([]);
  });

  it("locks a prediction, then refuses any change and keeps the committed value", async () => {
    const input = page.locator(".fleetlab-predictionLock input[type=text]");
    await input.fill("0.37");
    await page.locator(".fleetlab-predictionLock .fleetlab-commit").click();
    await page.waitForSelector(".fleetlab-lock.is-locked");
    expect(await input.getAttribute("readonly")).not.toBeNull();
    expect(await page.locator(".fleetlab-lock-status").textContent()).toMatch(/^Locked: 0\.37 at \d{4}-/);

    await input.focus();
    await page.keyboard.type("9");
    expect(await input.inputValue()).toBe("0.37");
    const notice = page.locator(".fleetlab-predictionLock .fleetlab-notice");
    await expect(notice.textContent()).resolves.toBe("[fleetlab] value: prediction for part 01.1 is locked; it cannot change (locked 0.37)");
    expect(await page.locator(".fleetlab-lock-commit, .fleetlab-commit").isHidden()).toBe(true);
  });

  it("redraws the chart when the slider is moved by keyboard and by mouse", async () => {
    const before = await chartState(page);
    const slider = page.locator(".fleetlab-slider input[type=range]");
    await slider.focus();
    await page.keyboard.press("Home");
    await page.waitForFunction((d) => (globalThis as unknown as PageGlobals).document.querySelector(".fleetlab-vegaPlot .mark-line path")?.getAttribute("d") !== d, before.d);
    const atMin = await chartState(page);
    expect(await page.locator(".fleetlab-slider .fleetlab-readout").textContent()).toBe("0.99");
    expect(atMin.d).not.toBe(before.d);

    const box = (await slider.boundingBox())!;
    await page.mouse.move(box.x + 4, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2, { steps: 12 });
    await page.mouse.up();
    await page.waitForFunction((d) => (globalThis as unknown as PageGlobals).document.querySelector(".fleetlab-vegaPlot .mark-line path")?.getAttribute("d") !== d, atMin.d);
    const dragged = await chartState(page);
    const readout = Number(await page.locator(".fleetlab-slider .fleetlab-readout").textContent());
    expect(readout).toBeGreaterThan(0.999);
    expect(dragged.d).not.toBe(atMin.d);
    // Higher P_node keeps the curve higher at the far end: its last point sits nearer the top (smaller y).
    expect(dragged.last).toBeLessThan(atMin.last);

    mkdirSync(path.join(root, "test-results"), { recursive: true });
    await page.screenshot({ path: path.join(root, "test-results/standalone-widgets.png"), fullPage: true });
    expect(errors).toEqual([]);
  });

  it("keeps the lock after the workbench moved", async () => {
    const state = await page.evaluate(async (id) => {
      const { models } = await (globalThis as unknown as PageGlobals).fleetlab.ready;
      return { locked: models[id].get("locked"), value: models[id].get("value") };
    }, IDS.lock);
    expect(state).toEqual({ locked: true, value: 0.37 });
  });
});
