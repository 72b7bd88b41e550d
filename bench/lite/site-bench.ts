/**
 * FleetLab's JupyterLite site in Debian's Chromium (test/helpers/lite-site.ts: the built site
 * in out/lite/ served by `fleetlab serve`'s server), per mission notebook, each in a fresh
 * browser context (empty cache and storage, as a student's first visit):
 *
 *   load -> kernel ready  page.goto of the lab until the notebook's FleetLab kernel (a web
 *                         worker) is idle: the app, the worker, its TypeScript library
 *   run all               Run > Run All Cells until every cell ran and the kernel is idle
 *   slider -> chart       part 1 committed with the model's answer, its first slider set step by
 *                         step: t0 just before the slider's `input` event, then the first change
 *                         of any chart or gauge of the part (the page's fast path, or the worker's update),
 *                         and the next animation frame after it. Goal: one frame, 16.7 ms, at p95.
 *
 * Then the site's size: every file of out/lite/, raw and each gzipped (node:zlib, level 9),
 * as a static host serves it.
 *
 * Usage: npm run bench:lite  (= npm run build:lite && node dist/bench/lite/site-bench.js [steps=60])
 */
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { missionById } from "../../src/mission/find-mission";
import { answerKey } from "../../src/mission/grading/answer-key";
import type { TrackId } from "../../src/mission/authoring/types";
import { chromiumMissing } from "../../test/helpers/chromium";
import { commitPrediction, waitFor } from "../../test/helpers/jupyterlab";
import { NOTEBOOKS, REPO, SITE, startLiteSite } from "../../test/helpers/lite-site";
import { dragInPage, FRAME_MS, percentile } from "../widgets/slider-drag";

/** Every file under `dir`. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [header, ...rows]) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  "));
}

async function main(): Promise<void> {
  const steps = Number(process.argv[2] ?? 60);
  if (!Number.isInteger(steps) || steps < 30) throw new Error(`steps must be an integer >= 30 (got ${process.argv[2]})`);
  const missing = chromiumMissing();
  if (missing) {
    console.log(`lite site-bench: skipped, ${missing}`);
    return;
  }
  const site = await startLiteSite();
  const rows: string[][] = [];
  try {
    for (const file of NOTEBOOKS) {
      const source = JSON.parse(fs.readFileSync(path.join(REPO, "notebooks", file), "utf8")) as { metadata: { fleetlab: { mission: string } }; cells: { source: string | string[] }[] };
      const mission = missionById(source.metadata.fleetlab.mission);
      const track = /const track = "(\w+)"/.exec(source.cells.map((c) => [c.source].flat().join("")).join("\n"))?.[1] as TrackId;
      const lab = await site.openPage();
      try {
        const t0 = performance.now();
        await lab.load();
        const { panel } = await lab.open(file);
        const ready = (performance.now() - t0) / 1000;
        const t1 = performance.now();
        if (!(await lab.runAll(file))) throw new Error(`${file}: Run All failed`);
        const runAll = (performance.now() - t1) / 1000;

        const parts = lab.parts(panel);
        await waitFor(`${file}: every part's widgets`, async () => ((await parts.count()) === mission.parts.length ? true : undefined), 60_000);
        const part = mission.parts[0];
        const first = parts.first();
        await commitPrediction(first, part.lock.kind, answerKey(mission, part.id, track).lock.answer);
        await waitFor(`${file}: the slider enabled`, async () => ((await first.locator(".fleetlab-slider input[type=range]").first().isEnabled()) ? true : undefined));
        const r = await lab.page.evaluate(dragInPage, { steps, timeoutMs: 3_000, part: await first.elementHandle() });
        const change = [...r.change].sort((a, b) => a - b), frame = [...r.frame].sort((a, b) => a - b);
        const ms = (xs: number[], p: number) => (xs.length ? percentile(xs, p).toFixed(1) : "-");
        rows.push([mission.id, `${ready.toFixed(1)} s`, `${runAll.toFixed(1)} s`, `${change.length}/${change.length + r.unchanged}`, ms(change, 50), ms(change, 95), ms(frame, 50), ms(frame, 95),
          change.length ? (percentile(change, 95) <= FRAME_MS ? "met" : "not met") : "no change"]);
      } finally {
        await lab.close();
      }
    }
  } finally {
    await site.close();
  }
  console.log(`FleetLab's JupyterLite site (Chromium, this machine, a fresh browser context per mission): part 1's first slider set ${steps} times after the commit`);
  table(["mission", "load -> kernel ready", "run all", "changed", "slider -> first change p50 (ms)", "p95", "next frame p50", "p95", `p95 <= ${FRAME_MS.toFixed(1)} ms`], rows);

  const files = filesUnder(SITE);
  let raw = 0, gzipped = 0;
  for (const f of files) {
    const bytes = fs.readFileSync(f);
    raw += bytes.length;
    gzipped += gzipSync(bytes, { level: 9 }).length;
  }
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  console.log(`\nsite size (out/lite, ${files.length} files): ${mb(raw)} raw, ${mb(gzipped)} gzipped (each file with node:zlib, level 9)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
