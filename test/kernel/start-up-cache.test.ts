/**
 * The kernel's start-up cache (Node's compile cache in the user's cache folder,
 * src/cli/compile-cache.ts) is an optimisation only: the kernel behaves the same with
 * the cache absent, freshly written, corrupt, or impossible to create.
 */
import fs from "fs";
import os from "os";
import path from "path";
import type { Message } from "../../src/kernel/messages";
import { startKernel } from "../helpers/kernel-client";

function resultText(iopub: Message[]): unknown {
  return iopub.find((m) => m.header.msg_type === "execute_result")?.content.data;
}

/** Starts a kernel with `cacheHome` as XDG_CACHE_HOME, checks typed cells, shuts it down cleanly. */
async function runCells(cacheHome: string): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: cacheHome };
  delete env.NODE_COMPILE_CACHE;
  delete env.NODE_DISABLE_COMPILE_CACHE;
  const k = await startKernel({ env });
  try {
    const ok = await k.execute("const fleet: number = 6 * 7;\nfleet");
    expect(ok.reply.content.status).toBe("ok");
    expect(resultText(ok.iopub)).toEqual({ "text/plain": "42" });
    const typeError = await k.execute('const label: string = fleet;\nconsole.log("must not run")');
    expect(typeError.reply.content).toMatchObject({ status: "error", ename: "TypeScriptError" });
    expect(typeError.iopub.some((m) => m.header.msg_type === "stream")).toBe(false);
    const shutdown = await k.request("control", "shutdown_request", { restart: false });
    expect(shutdown.reply.content).toEqual({ status: "ok", restart: false });
    expect(await k.exited()).toBe(0);
  } finally {
    await k.close();
  }
}

function cacheFiles(cacheHome: string): string[] {
  const root = path.join(cacheHome, "fleetlab", "compile-cache");
  return fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name)) : [];
}

describe("fleetlab kernel: start-up cache", () => {
  const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-cache-home-"));

  it("runs with no cache, and leaves one in the user's cache folder", async () => {
    expect(cacheFiles(cacheHome)).toEqual([]);
    await runCells(cacheHome);
    expect(cacheFiles(cacheHome).length).toBeGreaterThan(0);
  });

  it("runs the same with every cache entry corrupt (garbage, truncated, empty)", async () => {
    const files = cacheFiles(cacheHome);
    expect(files.length).toBeGreaterThan(0);
    files.forEach((file, i) => {
      const size = fs.statSync(file).size;
      if (i % 3 === 0) fs.writeFileSync(file, Buffer.alloc(size, 0x5a));
      else if (i % 3 === 1) fs.truncateSync(file, Math.floor(size / 2));
      else fs.writeFileSync(file, "");
    });
    await runCells(cacheHome);
  });

  it("runs when the cache folder cannot be created", async () => {
    const notAFolder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-cache-file-")), "cache");
    fs.writeFileSync(notAFolder, "a file where the cache folder would go\n");
    await runCells(notAFolder);
  });
});
