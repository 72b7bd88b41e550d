/**
 * `fleetlab serve DIR [--port N] [--host ADDR] [--open]`: serves a built static site (the
 * JupyterLite site of `npm run build:lite` or `fleetlab export --site`) and prints the URL to
 * open; it opens a browser only when asked. Runs until interrupted (Ctrl-C).
 * Exit 2 on a usage error, a missing folder or a port in use.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startSiteServer } from "../site-server";

const USAGE = "usage: fleetlab serve DIR [--port N] [--host ADDR] [--open]";
const DEFAULT_PORT = 8000;

interface Options {
  dir: string;
  port: number;
  host: string;
  open: boolean;
}

function parse(argv: string[]): Options | string {
  const o: Partial<Options> = { port: DEFAULT_PORT, host: "127.0.0.1", open: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--open") o.open = true;
    else if (a === "--port") {
      const p = argv[++i];
      if (p === undefined || !/^\d+$/.test(p) || Number(p) > 65_535) return `--port must be an integer from 0 to 65535 (got ${p === undefined ? "nothing" : `"${p}"`})`;
      o.port = Number(p);
    } else if (a === "--host") {
      const h = argv[++i];
      if (!h) return "--host needs an address";
      o.host = h;
    } else if (a.startsWith("-")) return `unknown option "${a}"`;
    else if (o.dir !== undefined) return `one folder only (got "${o.dir}" and "${a}")`;
    else o.dir = a;
  }
  if (o.dir === undefined) return "the site folder is required";
  return o as Options;
}

/** The page a student opens: the lab of a JupyterLite site, else the folder's index. */
export function entryPath(dir: string): string {
  return fs.existsSync(path.join(dir, "lab", "index.html")) ? "lab/index.html" : "";
}

function openInBrowser(url: string): void {
  const [cmd, args] = process.platform === "darwin" ? ["open", [url]] : process.platform === "win32" ? ["cmd", ["/c", "start", "", url]] : ["xdg-open", [url]];
  spawn(cmd, args, { stdio: "ignore", detached: true }).on("error", () => process.stderr.write(`fleetlab serve: could not open a browser; open ${url}\n`)).unref();
}

export async function run(argv: string[]): Promise<number> {
  const o = parse(argv);
  if (typeof o === "string") {
    process.stderr.write(`fleetlab serve: ${o} (${USAGE})\n`);
    return 2;
  }
  if (!fs.existsSync(o.dir) || !fs.statSync(o.dir).isDirectory()) {
    process.stderr.write(`fleetlab serve: ${o.dir} is not a folder (build the site first: npm run build:lite)\n`);
    return 2;
  }
  let server;
  try {
    server = await startSiteServer(o.dir, { port: o.port, host: o.host });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "EADDRINUSE" ? `port ${o.port} is in use (choose another with --port, or --port 0 for any free one)` : (err as Error).message;
    process.stderr.write(`fleetlab serve: ${why}\n`);
    return 2;
  }
  const url = server.url + entryPath(o.dir);
  process.stdout.write(`FleetLab is served at ${url}\n(Ctrl-C stops it)\n`);
  if (o.open) openInBrowser(url);
  await new Promise<void>((resolve) => {
    const stop = () => void server.close().then(resolve);
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return 0;
}
