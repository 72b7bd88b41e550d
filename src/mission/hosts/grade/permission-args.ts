/**
 * The Node flags that sandbox a grading process: the permission model with reads only in
 * the given folders (and the package, under its real path too, since node_modules may be a
 * link), writes only in its scratch folder, none of child processes, worker threads, native
 * addons, WASI or the inspector (no --allow-* for them), and the V8 heap capped.
 */
import fs from "fs";
import path from "path";
import { packageRoot } from "../../../kernel/package-info";

export function permissionArgs(readable: string[], scratch: string, heapMb: number): string[] {
  const root = packageRoot();
  const reads = new Set([root, realpath(root), realpath(path.join(root, "node_modules")), scratch, ...readable.flatMap((r) => [r, realpath(r)])]);
  return ["--permission", ...[...reads].map((r) => `--allow-fs-read=${r}`), `--allow-fs-write=${scratch}`, `--max-old-space-size=${heapMb}`];
}

function realpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}
