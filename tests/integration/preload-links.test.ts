import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.js';

/** A built client with the list client/build/routePreload.ts writes: each phone page's files, the entry's first. */
function fakeDist(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roundtable-dist-'));
  fs.mkdirSync(path.join(dir, '.vite'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Roundtable</title><div id="app"></div>');
  const files = {
    j: { js: ['/assets/index-A1.js', '/assets/Join-B2.js'], css: ['/assets/index-C3.css', '/assets/Join-D4.css'] },
    r: { js: ['/assets/index-A1.js', '/assets/Participant-E5.js', '/assets/connection-F6.js'], css: [] },
  };
  fs.writeFileSync(path.join(dir, '.vite/phone-preload.json'), JSON.stringify(files));
  return dir;
}

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

const linkOf = async (pagePath: string) => {
  const res = await fetch(server.url + pagePath);
  expect(res.status).toBe(200);
  return res.headers.get('link');
};

describe('the shell of a phone page names what the page will load', () => {
  it('on the join page: the entry, the styles, the page and the preview of the code, normalised', async () => {
    expect(await linkOf('/j/abc-def')).toBe(
      [
        '</assets/index-A1.js>; rel=modulepreload; crossorigin',
        '</assets/index-C3.css>; rel=preload; as=style; crossorigin',
        '</assets/Join-D4.css>; rel=preload; as=style; crossorigin',
        '</assets/Join-B2.js>; rel=modulepreload; crossorigin',
        '</api/join/ABCDEF>; rel=preload; as=fetch; crossorigin',
      ].join(', '),
    );
  });

  it('preloads no preview for what cannot be a join code, so a bad link spends no extra join attempt', async () => {
    const link = await linkOf('/j/HELLO0');
    expect(link).toContain('</assets/Join-B2.js>');
    expect(link).not.toContain('/api/');
  });

  it('on the participant page: its modules, and nothing on the console pages or the landing page', async () => {
    expect(await linkOf('/r/rt_123/')).toBe(
      [
        '</assets/index-A1.js>; rel=modulepreload; crossorigin',
        '</assets/Participant-E5.js>; rel=modulepreload; crossorigin',
        '</assets/connection-F6.js>; rel=modulepreload; crossorigin',
      ].join(', '),
    );
    for (const other of ['/r/rt_123/moderate', '/r/rt_123/report', '/', '/new']) expect(await linkOf(other)).toBeNull();
  });

  it('does not serve the list itself', async () => {
    expect((await fetch(`${server.url}/.vite/phone-preload.json`)).headers.get('content-type')).toMatch(/html/);
  });
});
