// A static file server for dist/ on 127.0.0.1 with the single-page fallback for paths
// without an extension (a missing file is a 404), so the tests exercise exactly the files
// Trunk built. Usage: startServer({ root, port }).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

// With `compress`, files are sent brotli- or gzip-encoded as a static host would (the
// benchmark's Lighthouse runs); each file is compressed once.
export async function startServer({ root = resolve('dist'), port = 0, compress = false } = {}) {
  const packed = new Map();
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      let file = normalize(join(root, decodeURIComponent(url.pathname)));
      if (!file.startsWith(root)) {
        res.writeHead(403).end();
        return;
      }
      let info = await stat(file).catch(() => null);
      // Views live in the query string, so only a path with no file extension is the
      // app; a missing file (favicon.ico, a list) is a plain 404, as on a static host.
      if (!info && extname(url.pathname)) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      if (!info || info.isDirectory()) {
        file = join(root, 'index.html');
        info = await stat(file);
      }
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
      let body = await readFile(file);
      const accepts = String(req.headers['accept-encoding'] ?? '');
      const encoding = compress && (accepts.includes('br') ? 'br' : accepts.includes('gzip') ? 'gzip' : null);
      if (encoding && !/\.(png|jpg)$/.test(file)) {
        const key = `${encoding}:${file}`;
        if (!packed.has(key)) packed.set(key, encoding === 'br' ? brotliCompressSync(body) : gzipSync(body, { level: 9 }));
        body = packed.get(key);
        headers['content-encoding'] = encoding;
        headers.vary = 'accept-encoding';
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const { port: actual } = server.address();
  return { url: `http://127.0.0.1:${actual}`, close: () => new Promise((ok) => server.close(ok)) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 8080);
  const s = await startServer({ port });
  console.log(`serving dist/ on ${s.url}`);
}
