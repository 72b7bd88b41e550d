/**
 * A loopback HTTP server for browser tests and benches: serves fixed bodies by path
 * on 127.0.0.1 at a free port, and nothing else.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One served file: its body and content type. */
export interface Served {
  body: string | Buffer;
  type: string;
}

/** A running server: its base URL and how to stop it. */
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Starts a server for `routes` (path -> file) on 127.0.0.1; resolves when it listens. */
export function startStaticServer(routes: Record<string, Served>): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const route = routes[(req.url ?? "/").split("?")[0]];
    if (!route) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": route.type, "cache-control": "no-store" }).end(route.body);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
