import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { startSiteServer, type SiteServer } from "./site-server";

let root: string;
let outside: string;
let server: SiteServer;

beforeAll(async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "fleetlab-site-"));
  root = path.join(base, "site");
  outside = path.join(base, "secret.txt");
  fs.mkdirSync(path.join(root, "lab"), { recursive: true });
  fs.writeFileSync(path.join(root, "lab", "index.html"), "<!doctype html><title>lab</title>");
  fs.writeFileSync(path.join(root, "jupyter-lite.json"), '{"jupyter-config-data":{}}');
  fs.writeFileSync(path.join(root, "kernel.wasm"), Buffer.from([0, 97, 115, 109]));
  fs.writeFileSync(path.join(root, "a b.js"), "export {};");
  fs.writeFileSync(outside, "not for the web");
  fs.symlinkSync(outside, path.join(root, "link-out.txt"));
  server = await startSiteServer(root);
});
afterAll(() => server.close());

const get = (p: string, init?: RequestInit) => fetch(server.url + p, { redirect: "manual", ...init });

/** GET with the path sent exactly as written (fetch would resolve `..` before sending). */
function rawGet(p: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get(`${server.url}x`, { path: `/${p}` }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c)).on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    }).on("error", reject);
  });
}

describe("the site server", () => {
  it("listens on loopback at a free port", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it("serves files with the content type a browser needs", async () => {
    const json = await get("jupyter-lite.json");
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await json.json()).toEqual({ "jupyter-config-data": {} });
    expect((await get("kernel.wasm")).headers.get("content-type")).toBe("application/wasm");
    const js = await get("a%20b.js?v=1");
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await js.text()).toBe("export {};");
  });

  it("serves a folder's index.html, redirecting a folder URL without its slash", async () => {
    const page = await get("lab/");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<title>lab</title>");
    const bare = await get("lab?path=x.ipynb");
    expect(bare.status).toBe(301);
    expect(bare.headers.get("location")).toBe("/lab/?path=x.ipynb");
  });

  it("answers HEAD without a body and refuses other methods", async () => {
    const head = await get("jupyter-lite.json", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(fs.statSync(path.join(root, "jupyter-lite.json")).size));
    expect(await head.text()).toBe("");
    const post = await get("jupyter-lite.json", { method: "POST", body: "x" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });

  it.each([
    ["a missing file", "nope.js"],
    ["a parent folder", "../secret.txt"],
    ["a parent folder, escaped", "%2e%2e/secret.txt"],
    ["a parent folder, doubly nested", "lab/../../secret.txt"],
    ["an escaped separator", "lab%2f..%2f..%2fsecret.txt"],
    ["a symbolic link leading out", "link-out.txt"],
    ["a malformed escape", "%E0%A4%A.js"],
    ["a NUL byte", "jupyter-lite.json%00.html"],
  ])("answers 404 for %s", async (_what, p) => {
    const res = await rawGet(p);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain("not for the web");
  });

  it("refuses a folder that does not exist", () => {
    expect(() => startSiteServer(path.join(root, "missing"))).toThrow(/does not exist/);
  });
});
