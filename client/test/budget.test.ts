import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The phone's JavaScript budget (issue 6): what a participant's phone loads before it can ask for the floor. */
const PHONE_BUDGET_BYTES = 40 * 1024;

type Chunk = { file: string; imports?: string[]; dynamicImports?: string[]; css?: string[] };
type Manifest = Record<string, Chunk>;

const clientRoot = fileURLToPath(new URL('..', import.meta.url));
let outDir = '';
let manifest: Manifest = {};

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'roundtable-budget-'));
  // The real CLI in its own process: under vitest NODE_ENV is "test", which would build Svelte's dev runtime.
  const env = { ...process.env, NODE_ENV: 'production' };
  execFileSync(join(clientRoot, 'node_modules/.bin/vite'), ['build', '--outDir', outDir, '--logLevel', 'warn'], {
    cwd: clientRoot,
    env,
  });
  manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
}, 120_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** The entry plus a page's chunk and everything they import statically: what loads before the page shows. */
function pageChunks(page: string): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest`);
    seen.add(key);
    for (const next of chunk.imports ?? []) visit(next);
  };
  visit('index.html');
  visit(page);
  return seen;
}

function gzipBytes(keys: Set<string>): number {
  let total = 0;
  for (const key of keys) {
    const file = manifest[key]?.file ?? '';
    if (file.endsWith('.js')) total += gzipSync(readFileSync(join(outDir, file))).length;
  }
  return total;
}

/** What the server sends for these chunks' JavaScript: the copy the build wrote (`.br`, `.gz`), or the file itself. */
function wireBytes(keys: Set<string>, copy: '.br' | '.gz'): number {
  let total = 0;
  for (const key of keys) {
    const file = join(outDir, manifest[key]?.file ?? '');
    if (file.endsWith('.js')) total += statSync(existsSync(file + copy) ? file + copy : file).size;
  }
  return total;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

describe('the phone bundle', () => {
  for (const page of ['src/pages/Join.svelte', 'src/pages/Participant.svelte']) {
    it(`${page} loads at most 40 KiB of gzipped JavaScript, and less as sent (brotli)`, () => {
      // The gzip the server sends (the build's zopfli copy), which phones on plain HTTP get; over HTTPS
      // (and from localhost) browsers ask for brotli, smaller still. zlib's own gzip is shown for comparison.
      const plain = wireBytes(pageChunks(page), '.gz');
      const sent = wireBytes(pageChunks(page), '.br');
      const zlibGzip = gzipBytes(pageChunks(page));
      console.log(`${page}: ${kib(plain)} gzip as sent, ${kib(sent)} brotli as sent (zlib's gzip: ${kib(zlibGzip)})`);
      expect(plain, kib(plain)).toBeGreaterThan(10 * 1024);
      expect(plain, kib(plain)).toBeLessThanOrEqual(PHONE_BUDGET_BYTES);
      expect(sent, kib(sent)).toBeLessThan(plain);
    });
  }

  // Over slow 4G each file costs a phone a round trip on one of six connections: the participant page
  // came as 14 scripts and 6 styles before client/build/phoneChunks.ts grouped them.
  for (const [page, scripts, styles] of [
    ['src/pages/Join.svelte', 5, 2],
    ['src/pages/Participant.svelte', 4, 2],
  ] as const) {
    it(`${page} comes as at most ${scripts} scripts and ${styles} stylesheets`, () => {
      const chunks = [...pageChunks(page)];
      const css = new Set(chunks.flatMap((key) => manifest[key]?.css ?? []));
      expect(chunks.length, chunks.map((key) => manifest[key]?.file).join(' ')).toBeLessThanOrEqual(scripts);
      expect(css.size, [...css].join(' ')).toBeLessThanOrEqual(styles);
    });
  }

  it('writes a brotli and a gzip copy of each text file but the tiniest, each the same bytes once decompressed', () => {
    const built = readdirSync(outDir, { recursive: true, encoding: 'utf8' });
    const text = built.filter((f) => /\.(js|css|html|svg|webmanifest)$/.test(f) && !f.startsWith('.'));
    const size = (f: string) => statSync(join(outDir, f)).size;
    expect(text).toEqual(expect.arrayContaining(['index.html', 'sw.js', 'manifest.webmanifest']));
    for (const f of text.filter((t) => size(t) >= 1024)) {
      const original = readFileSync(join(outDir, f));
      expect(brotliDecompressSync(readFileSync(join(outDir, `${f}.br`))).equals(original), f).toBe(true);
      expect(gunzipSync(readFileSync(join(outDir, `${f}.gz`))).equals(original), f).toBe(true);
    }
    for (const f of text.filter((t) => size(t) < 256)) expect(existsSync(join(outDir, `${f}.br`)), f).toBe(false);
  });

  it('keeps Yjs and the document view out of the participant page until the document is opened', () => {
    const loaded = pageChunks('src/pages/Participant.svelte');
    const documentChunks = Object.keys(manifest).filter((key) => key.includes('components/document/'));
    expect(documentChunks.length).toBeGreaterThan(0);
    for (const key of documentChunks) expect(loaded).not.toContain(key);
  });
});
