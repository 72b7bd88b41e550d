/**
 * Slider input -> chart redrawn, in Debian's Chromium, on the saved-state page
 * (test/fixtures/widgets/saved-state.ts: a 120-point fleetAvailability sweep
 * recomputed by the plot fast path on every input event).
 *
 * Per drag step: t0 = performance.now() just before the slider's `input` event;
 *   run   = the Vega view's runAsync resolved (SVG marks updated), REDRAWN_EVENT;
 *   frame = the next requestAnimationFrame after that (the frame that shows it).
 * Goal: one frame, 16.7 ms, at p95.
 *
 * Usage: npm run build && node dist/bench/widgets/slider-redraw.js [drags=240]
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { IDS, savedStatePage } from "../../test/fixtures/widgets/saved-state";
import { chromiumMissing, launchChromium } from "../../test/helpers/chromium";
import { startStaticServer } from "../../test/helpers/static-server";

const FRAME_MS = 1000 / 60;

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

// Runs in the page: drags the slider `drags` times and times each redraw.
const IN_PAGE = (drags: number, plotId: string) => `(async () => {
  const { models } = await window.fleetlab.ready;
  const plot = models[${JSON.stringify(plotId)}];
  const input = document.querySelector(".fleetlab-slider input[type=range]");
  const stops = Number(input.max);
  const run = [], frame = [];
  for (let i = 0; i < ${drags}; i++) {
    const position = (i * 37 + 11) % (stops + 1);
    if (String(position) === input.value) continue;
    const redrawn = new Promise((resolve) => plot.once("fleetlab:redrawn", resolve));
    const t0 = performance.now();
    input.value = String(position);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await redrawn;
    run.push(performance.now() - t0);
    await new Promise((resolve) => requestAnimationFrame(() => resolve()));
    frame.push(performance.now() - t0);
  }
  return { run, frame };
})()`;

async function main(): Promise<void> {
  const drags = Number(process.argv[2] ?? 240);
  if (!Number.isInteger(drags) || drags < 200) throw new Error(`drags must be an integer >= 200 (got ${process.argv[2]})`);
  const missing = chromiumMissing();
  if (missing) {
    console.log(`widgets slider-redraw: skipped, ${missing}`);
    return;
  }
  const root = path.resolve(__dirname, "../../..");
  execFileSync(process.execPath, [path.join(root, "widgets/build.mjs"), "standalone"], { stdio: "inherit" });
  const server = await startStaticServer({
    "/": { body: savedStatePage("/fleetlab-widgets.js"), type: "text/html; charset=utf-8" },
    "/fleetlab-widgets.js": { body: readFileSync(path.join(root, "widgets/standalone/dist/fleetlab-widgets.js")), type: "text/javascript" },
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
    await page.goto(server.url);
    await page.waitForSelector(".fleetlab-vegaPlot .mark-line path");
    const { run, frame } = (await page.evaluate(IN_PAGE(drags, IDS.plot))) as { run: number[]; frame: number[] };
    const report = (name: string, xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      const p50 = percentile(sorted, 50);
      const p95 = percentile(sorted, 95);
      const verdict = p95 <= FRAME_MS ? "within" : "over";
      console.log(`  ${name.padEnd(28)} p50 ${p50.toFixed(2)} ms  p95 ${p95.toFixed(2)} ms  max ${sorted[sorted.length - 1].toFixed(2)} ms  (${verdict} the ${FRAME_MS.toFixed(1)} ms goal at p95)`);
    };
    console.log(`widgets slider-redraw: ${run.length} drags, 120-point fast-path sweep, Chromium ${browser.version()}`);
    report("input -> vega run done", run);
    report("input -> next frame", frame);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
