import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeAll, connect, connected, join, nextState, send } from '../support/clients.js';
import { PHONE, createRoundtable, expect, test } from './fixtures.js';

/**
 * A venue's proxy that forwards plain HTTP but refuses every WebSocket upgrade (issue 14), in
 * front of the real server. It counts what it refused and the long-polling requests it carried.
 */
async function upgradeRefusingProxy(target: string) {
  const seen = { upgradesRefused: 0, polling: 0 };
  const proxy = http.createServer((req, res) => {
    if (req.url?.startsWith('/socket.io/') && req.url.includes('transport=polling')) seen.polling++;
    const forward = http.request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  proxy.on('upgrade', (_req, socket) => {
    seen.upgradesRefused++;
    socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      proxy.closeAllConnections();
      proxy.close(() => resolve());
    });
  return { url: `http://127.0.0.1:${port}`, seen, close };
}

test.afterEach(() => closeAll());

test('behind a proxy that refuses WebSocket, a phone joins, follows the floor and the queue live, asks and withdraws over long-polling', async ({
  browser,
  server,
  pageErrors,
}) => {
  const proxy = await upgradeRefusingProxy(server.url);
  // The browser's own report of each upgrade the proxy refused, before the page switches to polling.
  pageErrors.allow(/WebSocket connection to .* failed/);
  const rt = await createRoundtable(server, {
    languages: ['en'],
    agenda: [{ title: { en: 'Cyber threats' }, kind: 'discussion', plannedMinutes: 20 }],
  });
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  const item = (await connected(moderator)).agenda[0];
  if (!item) throw new Error('no agenda item');
  expect(await send(moderator, { type: 'agenda.start', itemId: item.id })).toMatchObject({ ok: true });
  const other = await join(server.url, rt.joinCode, 'Ambassador Other');
  const otherSocket = connect(server.url, rt.roundtableId, other.token);
  await connected(otherSocket);
  expect(await send(otherSocket, { type: 'queue.request', kind: 'speech', topic: '' })).toMatchObject({ ok: true });

  const context = await browser.newContext({ ...PHONE, locale: 'en-GB', baseURL: proxy.url });
  try {
    const page = await context.newPage();
    await page.goto(`/j/${rt.joinCode}`);
    await page.getByLabel('Your name').fill('Behind Proxy');
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByRole('button', { name: 'Ask for the floor' }).click();
    await expect(page.getByText('You are number 2 in the queue')).toBeVisible();
    const mine = await nextState(moderator, (s) => s.queue.requests.length === 2);
    expect(mine.participants.map((p) => p.name)).toContain('Behind Proxy');

    // The moderator gives the floor; the phone sees it, and its own place move, without reloading.
    const before = moderator.latest?.floor?.speechId ?? null;
    expect(await send(moderator, { type: 'floor.next', expectedSpeechId: before })).toMatchObject({ ok: true });
    await expect(page.getByRole('region', { name: 'Speaking now' })).toContainText('Ambassador Other');
    await expect(page.getByText('You are number 1 in the queue')).toBeVisible();
    await page.screenshot({ path: '/tmp/shots/fallback-queued.png' });

    await page.getByRole('button', { name: 'Withdraw' }).click();
    await nextState(moderator, (s) => s.queue.requests.length === 0);
    await expect(page.getByTestId('my-request')).toHaveCount(0);
    await page.screenshot({ path: '/tmp/shots/fallback-withdrawn.png' });

    // All of it went through the proxy, which never let a WebSocket through.
    expect(proxy.seen.upgradesRefused).toBeGreaterThanOrEqual(2);
    expect(proxy.seen.polling).toBeGreaterThan(0);
  } finally {
    await context.close();
    await proxy.close();
  }
});
