/**
 * File and folder watchers that start after the kernel's start-up instead of during it.
 *
 * tslab's compiler is a TypeScript watch program: it watches every file it reads (the
 * standard library and @types declarations: 150 to 400 files) and, recursively, the
 * node_modules folders where a module lookup failed. On Linux TypeScript emulates a
 * recursive watch by walking the tree and watching each folder: in this repository that
 * is 3,800 inotify watches and about 300 ms, all spent before the first cell can run.
 *
 * The watchers only matter to later cells (a local module edited, a package installed),
 * so while start-up is under way `watchFile` / `watchDirectory` only record the request
 * and a stamp (mtime) of its target; `start()` then creates the real watchers and reports
 * any target whose stamp changed in between, as the watcher would have. Requests after
 * `start()` pass straight through.
 */
import fs from "fs";

interface Watcher {
  close(): void;
}

/** The part of TypeScript's `sys` that creates watchers. */
export interface WatchSys {
  watchFile?(path: string, callback: (fileName: string, eventKind: number) => void, ...rest: unknown[]): Watcher;
  watchDirectory?(path: string, callback: (fileName: string) => void, ...rest: unknown[]): Watcher;
}

/** TypeScript's FileWatcherEventKind. */
const CREATED = 0;
const CHANGED = 1;
const DELETED = 2;

function stamp(p: string): number | undefined {
  return fs.statSync(p, { throwIfNoEntry: false })?.mtimeMs;
}

export interface DeferredWatchers {
  /** Creates the recorded watchers and reports changes since each was requested. Idempotent. */
  start(): void;
  readonly started: boolean;
}

/**
 * Makes `sys.watchFile` / `sys.watchDirectory` record requests until `start()`.
 * Call before the compiler host is created: TypeScript binds these methods when it is.
 */
export function deferWatchers(sys: WatchSys): DeferredWatchers {
  let pending: (() => void)[] | undefined = [];

  function defer<C extends (...a: never[]) => void>(watch: ((path: string, callback: C, ...rest: unknown[]) => Watcher) | undefined, onChanged: (path: string, callback: C, before: number | undefined, after: number | undefined) => void) {
    if (!watch) return undefined;
    return (path: string, callback: C, ...rest: unknown[]): Watcher => {
      if (!pending) return watch(path, callback, ...rest);
      const before = stamp(path);
      let real: Watcher | undefined;
      let closed = false;
      pending.push(() => {
        if (closed) return;
        real = watch(path, callback, ...rest);
        const after = stamp(path);
        if (after !== before) onChanged(path, callback, before, after);
      });
      return {
        close() {
          closed = true;
          real?.close();
        },
      };
    };
  }

  const watchFile = sys.watchFile?.bind(sys);
  const watchDirectory = sys.watchDirectory?.bind(sys);
  sys.watchFile = defer(watchFile, (path, callback: (fileName: string, eventKind: number) => void, before, after) =>
    callback(path, before === undefined ? CREATED : after === undefined ? DELETED : CHANGED),
  );
  // A folder's mtime changes when an entry is added or removed; reporting the folder itself
  // makes TypeScript recheck every failed lookup beneath it.
  sys.watchDirectory = defer(watchDirectory, (path, callback: (fileName: string) => void) => callback(path));

  return {
    start() {
      const queued = pending;
      pending = undefined;
      for (const create of queued ?? []) create();
    },
    get started() {
      return pending === undefined;
    },
  };
}
