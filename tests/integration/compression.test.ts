import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.js';

/** A built client as `pnpm build` leaves it: each text file with its brotli and gzip copies beside it. */
function fakeDist(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-dist-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  const files: Record<string, string> = {
    'index.html': `<!doctype html><html><head><title>Roundtable</title></head><body>${'<div id="app"></div>'.repeat(80)}</body></html>`,
    'assets/index-Bx3k9Qa1.js': Array.from({ length: 800 }, (_, i) => `export const item${i} = "speaker ${i}";`).join(
      '\n',
    ),
    'assets/index-D5T63ol7.css': Array.from({ length: 200 }, (_, i) => `.row-${i} { padding: ${i}px; }`).join('\n'),
  };
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(text));
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(text, { level: 9 }));
  }
  // Too small to be worth a compressed copy: it has none.
  fs.writeFileSync(path.join(dir, 'manifest.webmanifest'), '{"name":"Roundtable"}');
  return dir;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A raw request: fetch() would add its own Accept-Encoding and decompress what it gets. */
function get(urlPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const decode: Record<string, (b: Buffer) => Buffer> = {
  br: zlib.brotliDecompressSync,
  gzip: zlib.gunzipSync,
  none: (b) => b,
};

let server: TestServer;
let dist = '';
beforeAll(async () => {
  dist = fakeDist();
  server = await startServer({ clientDist: dist });
});
afterAll(async () => {
  await server.stop();
  fs.rmSync(dist, { recursive: true, force: true });
});

const ASKED: [string | undefined, string][] = [
  ['br', 'br'],
  ['gzip', 'gzip'],
  ['br;q=0, gzip', 'gzip'],
  // What Chrome sends: all alike, gzip first. Brotli's copy is the smaller, so it wins.
  ['gzip, deflate, br, zstd', 'br'],
  ['identity', 'none'],
  ['deflate', 'none'],
  [undefined, 'none'],
];

describe('the built client goes out precompressed', () => {
  for (const [file, urlPath, type, cache] of [
    ['assets/index-Bx3k9Qa1.js', '/assets/index-Bx3k9Qa1.js', 'text/javascript; charset=utf-8', 'immutable'],
    ['assets/index-D5T63ol7.css', '/assets/index-D5T63ol7.css', 'text/css; charset=utf-8', 'immutable'],
    ['index.html', '/j/ABCDEF', 'text/html; charset=utf-8', 'no-cache'],
  ] as const) {
    for (const [accept, encoding] of ASKED) {
      it(`${urlPath} asked with Accept-Encoding ${accept ?? '(none)'} comes as ${encoding}`, async () => {
        const res = await get(urlPath, accept === undefined ? {} : { 'accept-encoding': accept });
        expect(res.status).toBe(200);
        expect(res.headers['content-encoding']).toBe(encoding === 'none' ? undefined : encoding);
        expect(res.headers.vary).toMatch(/accept-encoding/i);
        // The original's type (a charset is named in any case: RFC 9110, 8.3.2).
        expect(res.headers['content-type']?.toLowerCase()).toBe(type);
        expect(res.headers['cache-control']).toContain(cache);
        expect(Number(res.headers['content-length'])).toBe(res.body.length);
        const original = fs.readFileSync(path.join(dist, file));
        expect(decode[encoding]?.(res.body).equals(original)).toBe(true);
      });
    }
  }

  it('gives each encoding its own validator, so no cache mixes them up', async () => {
    const tags = await Promise.all(
      ['br', 'gzip', 'identity'].map(
        async (e) => (await get('/assets/index-Bx3k9Qa1.js', { 'accept-encoding': e })).headers.etag,
      ),
    );
    expect(new Set(tags).size).toBe(3);
    const again = await get('/assets/index-Bx3k9Qa1.js', { 'accept-encoding': 'br', 'if-none-match': tags[0] ?? '' });
    expect(again.status).toBe(304);
  });

  it('answers HEAD with the headers of the copy it would send, and no body', async () => {
    const res = await get('/j/ABCDEF', { 'accept-encoding': 'br' }, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(Number(res.headers['content-length'])).toBe(fs.statSync(path.join(dist, 'index.html.br')).size);
    expect(res.body.length).toBe(0);
  });

  it('serves ranges of the bytes it sends: of the compressed copy, or of the file itself', async () => {
    const file = path.join(dist, 'assets/index-Bx3k9Qa1.js');
    const br = await get('/assets/index-Bx3k9Qa1.js', { 'accept-encoding': 'br', range: 'bytes=0-99' });
    expect(br.status).toBe(206);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-range']).toBe(`bytes 0-99/${fs.statSync(`${file}.br`).size}`);
    expect(br.body.equals(fs.readFileSync(`${file}.br`).subarray(0, 100))).toBe(true);
    const plain = await get('/assets/index-Bx3k9Qa1.js', { range: 'bytes=100-199' });
    expect(plain.status).toBe(206);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(fs.readFileSync(file).subarray(100, 200))).toBe(true);
  });

  it('sends a file without compressed copies as it is', async () => {
    const res = await get('/manifest.webmanifest', { 'accept-encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-type']).toBe('application/manifest+json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body.toString()).toBe('{"name":"Roundtable"}');
  });
});
