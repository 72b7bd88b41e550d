/**
 * Tests that need something outside Node (Chromium, Debian's Jupyter): on a developer's
 * machine without it they skip and say why; under CI (CI=true), where .ci/run installs
 * everything, a missing piece is a failure, never a silent skip.
 */
export function whenAvailable(missing: string | null | undefined, what: string): { describe: jest.Describe; it: jest.It } {
  if (!missing) return { describe, it };
  if (process.env.CI === "true") {
    throw new Error(`${what}: ${missing}; CI must run these tests (.ci/run installs what they need)`);
  }
  process.stdout.write(`[fleetlab] skipping ${what}: ${missing}\n`);
  return { describe: describe.skip, it: it.skip };
}
