/**
 * The slider measurement both mission benches make (a real JupyterLab, missions-in-lab.ts; the
 * JupyterLite site, bench/lite/site-bench.ts), so their figures compare: part 1's first slider
 * set step by step back and forth across its range; per step, t0 just before the `input` event,
 * the first mutation of any chart or gauge of the part (the page's fast path redraws at once,
 * otherwise the kernel's update lands), and the next animation frame after it. A step that
 * changes nothing on screen is counted, not timed. Goal: one frame, 16.7 ms, at p95.
 */

export const FRAME_MS = 1000 / 60;

/** The p-th percentile of ascending `sorted` (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** Runs in the page (page.evaluate): drags the first slider of `part` (an output element) and times each first change. */
export async function dragInPage({ steps, timeoutMs, part }: { steps: number; timeoutMs: number; part: unknown }): Promise<{ change: number[]; frame: number[]; unchanged: number }> {
  const el = part as { querySelector(s: string): { value: string; min: string; max: string; dispatchEvent(e: unknown): void } | null; querySelectorAll(s: string): ArrayLike<unknown> };
  const g = globalThis as unknown as {
    MutationObserver: new (cb: () => void) => { observe(n: unknown, o: object): void; disconnect(): void };
    Event: new (t: string, o: object) => unknown;
    requestAnimationFrame(cb: () => void): void;
  };
  const input = el.querySelector(".fleetlab-slider input[type=range]")!;
  const watched = Array.from(el.querySelectorAll(".fleetlab-chart, .fleetlab-gauge"));
  const lo = Number(input.min), hi = Number(input.max);
  const change: number[] = [], frame: number[] = [];
  let unchanged = 0;
  for (let i = 0; i < steps; i++) {
    // Back and forth across the range in fifteenths, as a drag visits it.
    const next = String(lo + (((i * 7) % 15) / 14) * (hi - lo));
    if (next === input.value) continue;
    const seen = new Promise<boolean>((resolve) => {
      const observer = new g.MutationObserver(() => { observer.disconnect(); resolve(true); });
      for (const w of watched) observer.observe(w, { subtree: true, childList: true, attributes: true, characterData: true });
      setTimeout(() => { observer.disconnect(); resolve(false); }, timeoutMs);
    });
    const t0 = performance.now();
    input.value = next;
    input.dispatchEvent(new g.Event("input", { bubbles: true }));
    input.dispatchEvent(new g.Event("change", { bubbles: true }));
    if (!(await seen)) { unchanged++; continue; }
    change.push(performance.now() - t0);
    await new Promise<void>((resolve) => g.requestAnimationFrame(() => resolve()));
    frame.push(performance.now() - t0);
    // Let the kernel's own update land before the next step, as between two real drags.
    await new Promise((r) => setTimeout(r, 150));
  }
  return { change, frame, unchanged };
}
