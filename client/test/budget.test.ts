import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The phone's JavaScript budget (issue 6): what a participant's phone loads before it can ask for the floor. */
const PHONE_BUDGET_BYTES = 40 * 1024;

type Chunk = { file: string; imports?: string[]; dynamicImports?: string[] };
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

describe('the phone bundle', () => {
  for (const page of ['src/pages/Join.svelte', 'src/pages/Participant.svelte']) {
    it(`${page} loads at most 40 KiB of gzipped JavaScript`, () => {
      const bytes = gzipBytes(pageChunks(page));
      expect(bytes, `${(bytes / 1024).toFixed(1)} KiB`).toBeGreaterThan(10 * 1024);
      expect(bytes, `${(bytes / 1024).toFixed(1)} KiB`).toBeLessThanOrEqual(PHONE_BUDGET_BYTES);
    });
  }

  it('keeps Yjs and the document view out of the participant page until the document is opened', () => {
    const loaded = pageChunks('src/pages/Participant.svelte');
    const documentChunks = Object.keys(manifest).filter((key) => key.includes('components/document/'));
    expect(documentChunks.length).toBeGreaterThan(0);
    for (const key of documentChunks) expect(loaded).not.toContain(key);
  });
});
