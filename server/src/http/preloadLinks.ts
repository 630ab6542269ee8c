import fs from 'node:fs';
import path from 'node:path';
import { isJoinCode, normalizeJoinCode } from '@roundtable/shared';

/** Written by the client's build (client/build/routePreload.ts): what each phone page loads, the entry's files first. */
const MANIFEST = path.join('.vite', 'phone-preload.json');

type Files = { js: string[]; css: string[] };
type Manifest = Partial<Record<'j' | 'r', Files>>;

/** The join page (/j/CODE) and the participant page (/r/ID); /r/ID/… are the console's pages. */
const PHONE_PAGE = /^\/(j|r)\/([^/]+)\/?$/;

const isFiles = (v: unknown): v is Files =>
  typeof v === 'object' &&
  v !== null &&
  ['js', 'css'].every((k) => {
    const list: unknown = (v as Record<string, unknown>)[k];
    return Array.isArray(list) && list.every((f) => typeof f === 'string' && f.startsWith('/assets/'));
  });

function read(clientDist: string): Manifest | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(path.join(clientDist, MANIFEST), 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { j, r } = parsed as Record<string, unknown>;
  return { ...(isFiles(j) ? { j } : {}), ...(isFiles(r) ? { r } : {}) };
}

/**
 * The `Link` header the shell goes out with on a phone page: the page's modules (`modulepreload`) and
 * styles (`preload as=style`) and, on the join page, the preview it will fetch (`preload as=fetch`),
 * so the browser asks for them with the HTML instead of one round trip after another (entry, then
 * page chunk, then preview). Each is `crossorigin`, as the page's own requests are (module scripts,
 * Vite's stylesheet links, fetch()), or the browser would not use the preloaded response. The preview
 * is preloaded only for a well-formed code, in the form the page asks for it (normalised), so a
 * mistyped link costs the join rate limit nothing extra. Read once the build is there.
 */
export function preloadLinks(clientDist: string): (pathname: string) => string | undefined {
  let manifest: Manifest | undefined;
  return (pathname) => {
    const match = PHONE_PAGE.exec(pathname);
    if (!match) return undefined;
    manifest ??= read(clientDist);
    const files = manifest?.[match[1] as 'j' | 'r'];
    if (!files) return undefined;
    // In the order the browser asks: the entry, which everything waits for, then the styles, then the page.
    const [entry, ...page] = files.js.map((f) => `<${f}>; rel=modulepreload; crossorigin`);
    const links = [
      ...(entry ? [entry] : []),
      ...files.css.map((f) => `<${f}>; rel=preload; as=style; crossorigin`),
      ...page,
    ];
    if (match[1] === 'j') {
      let code = '';
      try {
        code = normalizeJoinCode(decodeURIComponent(match[2] ?? ''));
      } catch {
        // A malformed escape: no preview to preload.
      }
      if (isJoinCode(code)) links.push(`</api/join/${code}>; rel=preload; as=fetch; crossorigin`);
    }
    return links.length ? links.join(', ') : undefined;
  };
}
