// A static file server on loopback, for the demo (scripts/demo.mjs) and the browser tests.
import { createServer } from "node:http";
import { createReadStream, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
};

/**
 * Serves folders under URL prefixes, e.g. `{ "/": "www", "/pkg/": "pkg" }` (the longest prefix
 * wins), plus `generated` answers: `{ "/config.js": () => ["text/javascript", "…"] }`.
 * Paths never leave their folder. Binds 127.0.0.1 on `port` (0 picks a free one); resolves to
 * `{ url, close() }`, or rejects with the listen error (EADDRINUSE for a busy port).
 * `headScript` (tests only): JavaScript put first in the <head> of every HTML page served.
 * `handle(req, res)`: asked first for every request; true when it answered (the demo's API).
 */
export function serveStatic({ mounts, generated = {}, port = 0, headScript, handle }) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = createServer(async (req, res) => {
    if (handle && (await handle(req, res))) return;
    const path = decodeURIComponent(new URL(req.url, "http://static").pathname);
    if (generated[path]) {
      const [type, body] = generated[path]();
      res.writeHead(200, { "content-type": type, "cache-control": "no-store" }).end(body);
      return;
    }
    const prefix = prefixes.find((p) => path.startsWith(p));
    const base = prefix === undefined ? undefined : mounts[prefix];
    let file = base === undefined ? undefined : normalize(join(base, path.slice(prefix.length)));
    if (file === undefined || (file !== base && !file.startsWith(base + sep))) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" };
      if (headScript !== undefined && extname(file) === ".html") {
        const page = readFileSync(file, "utf8").replace(/<head[^>]*>/i, (head) => `${head}<script>${headScript}</script>`);
        res.writeHead(200, headers).end(page);
        return;
      }
      res.writeHead(200, { ...headers, "content-length": statSync(file).size });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
