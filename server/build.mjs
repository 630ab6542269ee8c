// `pnpm --filter @roundtable/server build`: the server as plain JavaScript in dist/, run with `node dist/main.js`
// (production runs this, not TypeScript through tsx). @roundtable/shared ships TypeScript source, so it is
// bundled in; every npm package stays external and is loaded from node_modules as under tsx, native
// better-sqlite3 included.
import { copyFile, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');
const manifest = JSON.parse(await readFile(path.join(here, 'package.json'), 'utf8'));
const WORKSPACE = '@roundtable/';
// esbuild keeps `pkg/sub/path` external too when `pkg` is listed.
const external = Object.keys(manifest.dependencies).filter((name) => !name.startsWith(WORKSPACE));

await rm(dist, { recursive: true, force: true });
const { metafile } = await build({
  absWorkingDir: here,
  entryPoints: { main: 'src/main.ts', demo: 'src/demo.ts' },
  outdir: dist,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external,
  metafile: true,
  logLevel: 'warning',
});

// A package that shared (or server) imports without server listing it would be bundled from node_modules:
// a second copy of yjs or zod beside the external one, or a native module that cannot be bundled at all.
// (The metafile's paths are relative and use /.)
const bundled = Object.keys(metafile.inputs).filter((input) => input.split('/').includes('node_modules'));
if (bundled.length > 0) {
  console.error(`add these to server/package.json dependencies, they would be bundled:\n  ${bundled.join('\n  ')}`);
  process.exit(1);
}

// Files read at run time next to the module that reads them (new URL('./…', import.meta.url)): in the
// bundle that module is dist/*.js. The client (CLIENT_DIST) and the fonts (from node_modules) are found
// from dist as from src, being as deep in the tree.
await copyFile(
  path.join(here, 'src/demo/eu-kazakhstan-roundtable.json'),
  path.join(dist, 'eu-kazakhstan-roundtable.json'),
);
