import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { gzipAsync as zopfliGzip } from '@gfx/zopfli';
import type { Plugin } from 'vite';

/** Text the browser fetches; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(?:js|css|html|svg|webmanifest|json)$/;
/**
 * Below this the copy saves less than the headers announcing it cost. Not the usual 1 KiB: the phone
 * page loads several modules of 300–900 bytes, and each saves 30–45 % compressed.
 */
const MIN_BYTES = 256;

const brotli = promisify(zlib.brotliCompress);

/**
 * Writes `file.br` (brotli at its best quality) and `file.gz` (zopfli: a gzip every browser reads, about
 * 5 % smaller than zlib's best, for the phones on plain HTTP, which get no brotli) beside each compressible
 * file of the build, public files included. Compressing once at build time gets the smallest bytes
 * for free; the server sends these as they are (server/src/http/static.ts) and never compresses on
 * the fly. A copy that would not be smaller is not written.
 */
export function precompress(): Plugin {
  let written: string | undefined;
  return {
    name: 'roundtable:precompress',
    apply: 'build',
    writeBundle({ dir }) {
      written = dir;
    },
    // Once the bundle is written and the bundler done: inside writeBundle, rolldown would call this
    // plugin slow at every build (brotli at its best quality takes seconds).
    async closeBundle() {
      if (!written) return;
      const files = await compressible(written);
      written = undefined;
      await Promise.all(files.map(compressBeside));
    },
  };
}

async function compressible(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const candidates = entries
    .filter((e) => e.isFile() && COMPRESSIBLE.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    // Dot folders (Vite's .vite/manifest.json) are never served.
    .filter(
      (file) =>
        !path
          .relative(dir, file)
          .split(path.sep)
          .some((part) => part.startsWith('.')),
    );
  const sized = await Promise.all(candidates.map(async (file) => ({ file, bytes: (await stat(file)).size })));
  return sized.filter(({ bytes }) => bytes >= MIN_BYTES).map(({ file }) => file);
}

async function compressBeside(file: string): Promise<void> {
  const original = await readFile(file);
  const copies: [string, Buffer][] = [
    [
      '.br',
      await brotli(original, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: original.length,
        },
      }),
    ],
    ['.gz', Buffer.from(await zopfliGzip(original, { numiterations: 15 }))],
  ];
  await Promise.all(
    copies.filter(([, bytes]) => bytes.length < original.length).map(([ext, bytes]) => writeFile(file + ext, bytes)),
  );
}
