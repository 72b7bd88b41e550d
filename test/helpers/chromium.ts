/**
 * Debian's Chromium for browser tests and benches, driven by playwright-core.
 * Never a downloaded browser: if /usr/bin/chromium is absent, callers skip.
 */
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";

/** Path of the system Chromium. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Returns why browser tests cannot run here, or null when Chromium is present. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM_PATH) ? null : `${CHROMIUM_PATH} is not installed (apt-get install chromium)`;
}

/** Launches headless Chromium with the project's flags. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
