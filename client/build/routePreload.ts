import type { Plugin, Rolldown } from 'vite';

type OutputBundle = Rolldown.OutputBundle;
type OutputChunk = Rolldown.OutputChunk;

/** The phone pages, by the first part of their path (client/src/lib/router.svelte.ts): /j/CODE and /r/ID. */
const PHONE_PAGES = { j: 'src/pages/Join.svelte', r: 'src/pages/Participant.svelte' } as const;

/** Where the list goes: a dot folder, which the server never serves, beside Vite's own manifest. */
export const PRELOAD_MANIFEST = '.vite/phone-preload.json';

type Files = { js: string[]; css: string[] };

/**
 * A phone opening /j/CODE would otherwise wait for the entry script to arrive and run before it asks
 * for the page's chunk, then for that to run before it asks for the join preview: three round trips
 * in a row, 150 ms each on slow 4G. This writes, for each phone page, the modules and styles it loads
 * (the entry's first); the server sends them with the shell as a `Link` header
 * (server/src/http/preloadLinks.ts), so the browser asks for them with the HTML and the phone runs
 * no extra script.
 */
export function routePreload(): Plugin {
  return {
    name: 'roundtable:route-preload',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      this.emitFile({ type: 'asset', fileName: PRELOAD_MANIFEST, source: JSON.stringify(pageFiles(bundle)) + '\n' });
    },
  };
}

/** For each phone page: the entry and its imports, then the page's chunk and everything else it imports statically. */
function pageFiles(bundle: OutputBundle): Record<keyof typeof PHONE_PAGES, Files> {
  const chunks = Object.values(bundle).filter((c): c is OutputChunk => c.type === 'chunk');
  const entry = chunks.find((c) => c.isEntry);
  if (!entry) throw new Error('route-preload: no entry chunk');
  const loaded = closure(entry, bundle);
  const files = (page: string): Files => {
    const chunk = chunks.find((c) => c.facadeModuleId?.endsWith(page));
    if (!chunk) throw new Error(`route-preload: no chunk for ${page}`);
    // The entry and what it imports first: the page shows nothing before they run, and their requests must
    // not queue behind the page's.
    const needed = [...loaded, ...[...closure(chunk, bundle)].filter((c) => !loaded.has(c))];
    return {
      js: needed.map((c) => `/${c.fileName}`),
      css: needed.flatMap((c) => [...(c.viteMetadata?.importedCss ?? [])].map((f) => `/${f}`)),
    };
  };
  return { j: files(PHONE_PAGES.j), r: files(PHONE_PAGES.r) };
}

function closure(chunk: OutputChunk, bundle: OutputBundle, seen = new Set<OutputChunk>()): Set<OutputChunk> {
  if (seen.has(chunk)) return seen;
  seen.add(chunk);
  for (const name of chunk.imports) {
    const next = bundle[name];
    if (next?.type === 'chunk') closure(next, bundle, seen);
  }
  return seen;
}
