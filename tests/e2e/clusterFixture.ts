import type { Browser, BrowserContext, Page } from '@playwright/test';
import { freshDatabase } from '../../server/test/support/postgres.js';
import { freePort, redisUrl, startNode, type ClusterNode } from './clusterNodes.js';
import { test as base } from './fixtures.js';
import { startNginx, UPSTREAM_HEADER } from './nginx.js';

/** Two nodes on a fresh PostgreSQL database and the test Redis, behind nginx running docs/deploy/nginx.conf. */
export interface Cluster {
  /** nginx's address: the only one the pages are given. */
  url: string;
  nodes: ClusterNode[];
  /** A page in a browser context of its own (its own storage, so its own identity), watched as below. */
  open(options?: Parameters<Browser['newContext']>[0]): Promise<Page>;
}

/** The node that answered, `host:port`: after a refused node nginx lists every node it tried, the last one answered. */
export const lastUpstream = (headers: Record<string, string>): string | undefined =>
  Object.entries(headers)
    .find(([name]) => name.toLowerCase() === UPSTREAM_HEADER)?.[1]
    ?.split(',')
    .at(-1)
    ?.trim();

interface Watched {
  /** Each WebSocket handshake, in order, with the port of the node that answered it. */
  sockets: { url: string; port: number }[];
  /** Each HTTP response of 400 or more: `status path body`. */
  failures: string[];
}
const watched = new Map<Page, Watched>();

/** The node behind the page's newest WebSocket to `path` (/socket.io/ or /yjs/). */
export const nodeOf = (page: Page, path: string): number | undefined =>
  watched.get(page)?.sockets.findLast((s) => new URL(s.url).pathname.startsWith(path))?.port;

export const failuresOf = (page: Page): string[] => watched.get(page)?.failures ?? [];

/** Playwright's WebSocket object has no response headers: Chromium's DevTools protocol has. */
async function watchedPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const seen: Watched = { sockets: [], failures: [] };
  watched.set(page, seen);
  page.on('response', (response) => {
    if (response.status() < 400) return;
    const start = `${response.status()} ${new URL(response.url()).pathname}`;
    void response.text().then(
      (body) => seen.failures.push(`${start} ${body}`),
      () => seen.failures.push(start),
    );
  });
  const cdp = await context.newCDPSession(page);
  const urls = new Map<string, string>();
  cdp.on('Network.webSocketCreated', ({ requestId, url }) => urls.set(requestId, url));
  cdp.on('Network.webSocketHandshakeResponseReceived', ({ requestId, response }) => {
    const port = Number(lastUpstream(response.headers)?.split(':').at(-1));
    seen.sockets.push({ url: urls.get(requestId) ?? '', port });
  });
  await cdp.send('Network.enable');
  return page;
}

export const test = base.extend<{ cluster: Cluster }>({
  cluster: async ({ browser }, use) => {
    const db = await freshDatabase();
    const [listen, ...ports] = (await Promise.all([freePort(), freePort(), freePort()])) as [number, ...number[]];
    const url = `http://127.0.0.1:${listen}`;
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: redisUrl(),
      // What docs/DEPLOYMENT.md asks of a node behind the proxy.
      TRUST_PROXY: 'true',
      PUBLIC_URL: url,
    };
    const nodes = await Promise.all(ports.map((port) => startNode(port, env)));
    const nginx = await startNginx(ports, listen);
    const contexts: BrowserContext[] = [];
    const open = async (options: Parameters<Browser['newContext']>[0] = {}) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options, baseURL: url });
      contexts.push(context);
      return watchedPage(context);
    };
    await use({ url, nodes, open });
    await Promise.all(contexts.map((context) => context.close()));
    await nginx.stop();
    await Promise.all(nodes.map((node) => node.kill()));
    await db.drop();
  },
  baseURL: async ({ cluster }, use) => use(cluster.url),
});
