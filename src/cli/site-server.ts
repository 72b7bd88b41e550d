/**
 * A static file server for a built site (a JupyterLite folder): GET and HEAD of files under
 * one root, nothing else. A JupyterLite site needs no server logic, only files with the right
 * content types (`.wasm`, `.json` and `.js` above all), so any static host serves it the same
 * way; this one is for `npm start` on a student's own machine and binds to loopback unless told.
 *
 * A request never reaches outside the root: the path is decoded, normalised and checked to
 * stay inside it, and symbolic links are followed only to files inside it.
 */
import fs from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

/** Content types by extension; anything else is served as bytes. */
const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".ipynb": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
};

export interface SiteServerOptions {
  /** Interface to listen on; loopback by default. */
  host?: string;
  /** Port; 0 picks a free one. */
  port?: number;
}

export interface SiteServer {
  /** Base URL, ending in "/". */
  readonly url: string;
  close(): Promise<void>;
}

/** The file a URL path names inside `root` (an index.html for a folder), or undefined when there is none or it lies outside. */
export function resolveSitePath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split(/[?#]/)[0]);
  } catch {
    return undefined; // malformed %-escape
  }
  if (decoded.includes("\0")) return undefined;
  const realRoot = fs.realpathSync(root);
  const candidate = path.resolve(realRoot, `.${path.posix.normalize(`/${decoded}`)}`);
  let real: string;
  try {
    real = fs.realpathSync(candidate);
  } catch {
    return undefined;
  }
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return undefined;
  const stat = fs.statSync(real);
  if (stat.isDirectory()) {
    const index = path.join(real, "index.html");
    return fs.existsSync(index) ? index : undefined;
  }
  return stat.isFile() ? real : undefined;
}

function handle(root: string, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("method not allowed");
    return;
  }
  const urlPath = req.url ?? "/";
  // A folder URL without its slash would resolve relative links against the parent.
  const file = resolveSitePath(root, urlPath);
  if (!file) {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    return;
  }
  const bare = urlPath.split(/[?#]/)[0];
  if (path.basename(file) === "index.html" && !bare.endsWith("/") && !bare.endsWith("index.html")) {
    res.writeHead(301, { location: `${bare}/${urlPath.slice(bare.length)}` }).end();
    return;
  }
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
  const size = fs.statSync(file).size;
  res.writeHead(200, { "content-type": type, "content-length": size, "cache-control": "no-cache", "x-content-type-options": "nosniff" });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  fs.createReadStream(file).on("error", () => res.destroy()).pipe(res);
}

/** Serves the files under `root`; resolves once it listens. */
export function startSiteServer(root: string, options: SiteServerOptions = {}): Promise<SiteServer> {
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new Error(`site folder ${root} does not exist`);
  const host = options.host ?? "127.0.0.1";
  const server: Server = createServer((req, res) => handle(root, req, res));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      const shown = host.includes(":") ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${port}/`,
        close: () => new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}
