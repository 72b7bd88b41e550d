/**
 * Routes for startStaticServer that serve a built static site folder as any static host
 * would: every file at its path, a folder's index.html at the folder's path.
 */
import fs from "node:fs";
import path from "node:path";
import type { Served } from "./static-server";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".ipynb": "application/json",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".eot": "application/vnd.ms-fontobject",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
};

/** Every file under `dir` by URL path (and each index.html also at its folder's path). */
export function siteRoutes(dir: string): Record<string, Served> {
  const routes: Record<string, Served> = {};
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        walk(file);
        continue;
      }
      const urlPath = `/${path.relative(dir, file).split(path.sep).join("/")}`;
      const served = { body: fs.readFileSync(file), type: TYPES[path.extname(file)] ?? "application/octet-stream" };
      routes[urlPath] = served;
      if (entry.name === "index.html") routes[urlPath.slice(0, -"index.html".length)] = served;
    }
  };
  walk(dir);
  return routes;
}
