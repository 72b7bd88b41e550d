/**
 * The missions' own path in a real JupyterLab 4.6.3 (test/helpers/jupyterlab.ts), per mission
 * notebook: Run All (seconds until every cell ran and the kernel is idle), then part 1 committed
 * with the model's answer and its first slider dragged step by step.
 *
 * Per step: t0 = performance.now() just before the slider's `input` event;
 *   first change = the first mutation of any chart or gauge of that part (the browser fast path
 *                  redraws in the page; otherwise the kernel recomputes and sends the update);
 *   frame        = the next requestAnimationFrame after it (the frame that shows it).
 * A step whose setting changes nothing on screen is left out (nothing to wait for).
 * Goal: one frame, 16.7 ms, at p95 of the first change.
 *
 * Usage: npm run build && node dist/bench/widgets/missions-in-lab.js [steps=60]
 */
import fs from "node:fs";
import path from "node:path";
import { answerKey } from "../../src/mission/grading/answer-key";
import { missionById } from "../../src/mission/find-mission";
import { commitPrediction, jupyterLabMissing, startJupyterLab, waitFor } from "../../test/helpers/jupyterlab";
import { dragInPage, FRAME_MS, percentile } from "./slider-drag";

const REPO = path.resolve(__dirname, "../../..");

async function main(): Promise<void> {
  const steps = Number(process.argv[2] ?? 60);
  if (!Number.isInteger(steps) || steps < 30) throw new Error(`steps must be an integer >= 30 (got ${process.argv[2]})`);
  const missing = jupyterLabMissing();
  if (missing) {
    console.log(`widgets missions-in-lab: skipped, ${missing}`);
    return;
  }
  const notebooks = fs.readdirSync(path.join(REPO, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort();
  const lab = await startJupyterLab({ notebooks: notebooks.map((f) => `notebooks/${f}`) });
  const rows: string[][] = [];
  try {
    for (const file of notebooks) {
      const nb = await lab.open(file);
      const saved = nb.saved();
      const id = (saved.metadata.fleetlab as { mission: string }).mission;
      const track = /const track = "(\w+)"/.exec(saved.cells.map((c) => [c.source].flat().join("")).join("\n"))?.[1] as never;
      const mission = missionById(id);
      const t0 = performance.now();
      if (!(await nb.runAll())) throw new Error(`${file}: Run All failed`);
      const runAll = (performance.now() - t0) / 1000;

      const parts = nb.locator.locator(".jp-OutputArea-output").filter({ has: lab.page.locator(".fleetlab-lock") });
      await waitFor(`${file}: every part's widgets`, async () => ((await parts.count()) === mission.parts.length ? true : undefined));
      const part = mission.parts[0];
      const first = parts.first();
      await commitPrediction(first, part.lock.kind, answerKey(mission, part.id, track).lock.answer);
      await waitFor(`${file}: the slider enabled`, async () => ((await first.locator(".fleetlab-slider input[type=range]").first().isEnabled()) ? true : undefined));

      const r = await lab.page.evaluate(dragInPage, { steps, timeoutMs: 5_000, part: await first.elementHandle() });
      const change = [...r.change].sort((a, b) => a - b), frame = [...r.frame].sort((a, b) => a - b);
      const ms = (v: number) => v.toFixed(1);
      rows.push([id, `${runAll.toFixed(1)} s`, String(change.length), ms(percentile(change, 50)), ms(percentile(change, 95)), ms(percentile(frame, 50)), ms(percentile(frame, 95)),
        percentile(change, 95) <= FRAME_MS ? "met" : "not met"]);
      await nb.close();
    }
  } finally {
    await lab.close();
  }
  console.log(`Missions in JupyterLab 4.6.3 (Chromium, this machine): Run All, then part 1's first slider dragged ${steps} steps after the commit`);
  const header = ["mission", "run all", "changes", "first change p50 (ms)", "p95", "next frame p50", "p95", `p95 <= ${FRAME_MS.toFixed(1)} ms`];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [header, ...rows]) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  "));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
