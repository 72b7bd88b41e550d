/**
 * Node's on-disk compile cache (module.enableCompileCache, Node >= 22.1) for the CLI and
 * the kernel: V8 code for each loaded module is kept between runs, which spares about
 * 60-100 ms of a kernel's start-up (most of it compiling the 8 MB TypeScript compiler).
 *
 * The cache is Node's own: entries are keyed by Node version and file content and checked
 * before use, so a stale or corrupt entry is recompiled, never trusted, and a cache folder
 * that cannot be written only costs the saving. It lives in the user's cache folder:
 * $XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on
 * Windows, under fleetlab/compile-cache. NODE_COMPILE_CACHE, if set, wins (Node enables
 * it before any code runs); NODE_DISABLE_COMPILE_CACHE=1 turns it off.
 */
import Module from "module";
import os from "os";
import path from "path";

/** The folder the cache goes in (Node adds a subfolder per Node version). */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform, home = os.homedir()): string {
  switch (platform) {
    case "darwin":
      return path.join(home, "Library", "Caches", "fleetlab", "compile-cache");
    case "win32":
      return path.join(env.LOCALAPPDATA || path.join(home, "AppData", "Local"), "fleetlab", "compile-cache");
    default:
      return path.join(env.XDG_CACHE_HOME || path.join(home, ".cache"), "fleetlab", "compile-cache");
  }
}

/** Turns the cache on for this process, if this Node has one; never throws. */
export function enableCompileCache(dir = compileCacheDir()): void {
  const enable = (Module as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;
  if (typeof enable !== "function") return;
  try {
    enable(dir);
  } catch {
    // No cache is only slower.
  }
}
