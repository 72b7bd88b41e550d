import fs from "fs";
import os from "os";
import path from "path";
import { deferWatchers, type WatchSys } from "./deferred-watchers";

/** A sys whose watchers only log what was asked of them. */
function fakeSys() {
  const log: string[] = [];
  const sys: WatchSys = {
    watchFile: (p) => (log.push(`watchFile ${path.basename(p)}`), { close: () => log.push(`close ${path.basename(p)}`) }),
    watchDirectory: (p) => (log.push(`watchDirectory ${path.basename(p)}`), { close: () => log.push(`close ${path.basename(p)}`) }),
  };
  return { sys, log };
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-watch-"));
}

/** Moves a file's or folder's mtime, as a write an instant later would. */
function touchLater(p: string): void {
  const later = new Date(fs.statSync(p).mtimeMs + 5000);
  fs.utimesSync(p, later, later);
}

describe("deferWatchers", () => {
  it("creates no watcher until start(), then every recorded one; later requests pass through", () => {
    const dir = tmp();
    const { sys, log } = fakeSys();
    const watchers = deferWatchers(sys);
    sys.watchFile!(path.join(dir, "a.d.ts"), () => undefined);
    sys.watchDirectory!(path.join(dir, "node_modules"), () => undefined, true);
    expect(log).toEqual([]);
    expect(watchers.started).toBe(false);
    watchers.start();
    expect(log).toEqual(["watchFile a.d.ts", "watchDirectory node_modules"]);
    watchers.start();
    sys.watchFile!(path.join(dir, "b.ts"), () => undefined);
    expect(log).toEqual(["watchFile a.d.ts", "watchDirectory node_modules", "watchFile b.ts"]);
    expect(watchers.started).toBe(true);
  });

  it("never creates a watcher closed before start(), and closes one closed after", () => {
    const dir = tmp();
    const { sys, log } = fakeSys();
    const watchers = deferWatchers(sys);
    sys.watchFile!(path.join(dir, "gone.ts"), () => undefined).close();
    const kept = sys.watchFile!(path.join(dir, "kept.ts"), () => undefined);
    watchers.start();
    kept.close();
    expect(log).toEqual(["watchFile kept.ts", "close kept.ts"]);
  });

  it("reports what changed between the request and start(), as the watcher would have", () => {
    const dir = tmp();
    const changed = path.join(dir, "changed.ts");
    const deleted = path.join(dir, "deleted.ts");
    const created = path.join(dir, "created.ts");
    const same = path.join(dir, "same.ts");
    const folder = path.join(dir, "node_modules");
    for (const f of [changed, deleted, same]) fs.writeFileSync(f, "export {};\n");
    fs.mkdirSync(folder);
    const { sys } = fakeSys();
    const watchers = deferWatchers(sys);
    const events: string[] = [];
    for (const f of [changed, deleted, created, same]) sys.watchFile!(f, (name, kind) => events.push(`${path.basename(name)} ${kind}`));
    sys.watchDirectory!(folder, (name) => events.push(`${path.basename(name)} folder`), true);

    touchLater(changed);
    fs.rmSync(deleted);
    fs.writeFileSync(created, "export {};\n");
    fs.mkdirSync(path.join(folder, "late-package"));
    touchLater(folder);
    expect(events).toEqual([]);
    watchers.start();
    // TypeScript's FileWatcherEventKind: Created 0, Changed 1, Deleted 2.
    expect(events.sort()).toEqual(["changed.ts 1", "created.ts 0", "deleted.ts 2", "node_modules folder"]);
  });
});
