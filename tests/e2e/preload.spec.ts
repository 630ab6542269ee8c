import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { createRoundtable, expect, test, type RunningServer } from './fixtures.js';

/**
 * The shell of a phone page comes with a `Link` header naming the page's modules, styles and (on the
 * join page) its preview (server/src/http/preloadLinks.ts, from client/build/routePreload.ts), so the
 * browser asks for them beside the entry script, not one round trip after another. Proved by holding
 * the entry back: whatever is asked for meanwhile, the shell's header asked for.
 */

/** Every request the page makes, by path, counted; the browser's warnings about preloads; the entry held. */
async function watch(page: Page) {
  const requests = new Map<string, number>();
  const warnings: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    requests.set(pathname, (requests.get(pathname) ?? 0) + 1);
  });
  page.on('console', (message) => {
    if (/preload/i.test(message.text())) warnings.push(message.text());
  });
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  const asked = () => [...requests.keys()];
  return { requests, warnings, release, asked };
}

/** A phone whose device has joined a new roundtable (what client/src/lib/identity.ts keeps), on a page that loads no app. */
async function joinedPhone({ page }: { page: Page }, server: RunningServer) {
  const rt = await createRoundtable(server);
  const deviceToken = randomBytes(16).toString('base64url');
  const res = await fetch(`${server.url}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      code: rt.joinCode,
      deviceToken,
      profile: { name: 'Aliya Omarova', function: 'Expert', delegation: null, language: 'en' },
    }),
  });
  const { participantId } = (await res.json()) as { participantId: string };
  await page.goto('/healthz');
  await page.evaluate(
    (identity) => localStorage.setItem('roundtable.identity.v1', identity),
    JSON.stringify({ devices: { [rt.roundtableId]: { token: deviceToken, participantId } }, links: {} }),
  );
  return { page, rt };
}

/** Every layout shift of the page so far, summed as the browser scores them (CLS). */
const layoutShift = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let sum = 0;
        const observer = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) sum += (e as PerformanceEntry & { value: number }).value;
        });
        observer.observe({ type: 'layout-shift', buffered: true });
        // The buffered entries come in a task of their own.
        setTimeout(() => {
          for (const e of observer.takeRecords()) sum += (e as PerformanceEntry & { value: number }).value;
          resolve(sum);
        }, 100);
      }),
  );

/** Layout shifts that moved the whole page (a margin collapsing through <body>), as the browser recorded them. */
const bodyShifts = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        type Shift = PerformanceEntry & { sources: { node?: Node }[] };
        const seen: Shift[] = [];
        const observer = new PerformanceObserver((list) => seen.push(...(list.getEntries() as Shift[])));
        observer.observe({ type: 'layout-shift', buffered: true });
        // The buffered entries come in a task of their own; with none, the callback never runs.
        setTimeout(() => {
          seen.push(...(observer.takeRecords() as Shift[]));
          resolve(seen.filter((e) => e.sources.some((s) => s.node === document.body)).length);
        }, 100);
      }),
  );

test('the join page asks for its modules and its preview before its entry script has come, each once', async ({
  phone,
  server,
}) => {
  const rt = await createRoundtable(server);
  const { page } = await phone();
  const seen = await watch(page);
  await page.goto(`/j/${rt.joinCode}`, { waitUntil: 'commit' });

  await expect.poll(seen.asked).toContain(`/api/join/${rt.joinCode}`);
  await expect.poll(() => seen.asked().some((p) => /\/assets\/Join-[\w-]+\.js$/.test(p))).toBe(true);
  // The page's styles come with the rest of what only the join page needs (client/build/phoneChunks.ts).
  await expect.poll(() => seen.asked().some((p) => /\/assets\/join-[\w-]+\.css$/.test(p))).toBe(true);
  seen.release();
  await expect(page.getByLabel('Your name')).toBeVisible();

  // What the shell asked for is what the page used: each fetched once, no warning of a preload unused.
  for (const [path, count] of seen.requests) expect(count, path).toBe(1);
  expect(seen.warnings).toEqual([]);
  expect(await bodyShifts(page)).toBe(0);
});

test('the participant page asks for its modules and styles before its entry script has come', async ({
  phone,
  server,
}) => {
  const { page, rt } = await joinedPhone(await phone(), server);
  const seen = await watch(page);
  await page.goto(`/r/${rt.roundtableId}`, { waitUntil: 'commit' });

  await expect.poll(() => seen.asked().some((p) => /\/assets\/Participant-[\w-]+\.js$/.test(p))).toBe(true);
  await expect.poll(() => seen.asked().some((p) => /\/assets\/room-[\w-]+\.js$/.test(p))).toBe(true);
  await expect.poll(() => seen.asked().some((p) => /\/assets\/room-[\w-]+\.css$/.test(p))).toBe(true);
  seen.release();
  await expect(page.getByRole('link', { name: /Roundtable on transnational threats/ })).toBeVisible();
  for (const [path, count] of seen.requests) expect(count, path).toBe(1);
  expect(seen.warnings).toEqual([]);
});

test('the participant page paints the floor first, then the ask form, then the agenda, each in a later frame', async ({
  phone,
  server,
}) => {
  const { page, rt } = await joinedPhone(await phone(), server);
  // Counts animation frames, and notes in which one each section entered the document.
  await page.addInitScript(() => {
    const seen: Record<string, number> = {};
    let frame = 0;
    const tick = () => {
      frame++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    new MutationObserver(() => {
      for (const name of ['floor-now', 'ask', 'agenda'])
        if (!(name in seen) && document.querySelector(`section.${name}`)) seen[name] = frame;
    }).observe(document, { childList: true, subtree: true });
    Object.assign(window, { sectionFrames: seen });
  });
  await page.goto(`/r/${rt.roundtableId}`);
  await expect(page.getByRole('heading', { name: 'Agenda' })).toBeVisible();
  const frames = await page.evaluate(
    () => (window as unknown as { sectionFrames: Record<string, number> }).sectionFrames,
  );
  // Three short tasks rather than one long one holding the countdown (the page's largest paint) back.
  expect(frames['ask']).toBeGreaterThan(frames['floor-now'] ?? Infinity);
  expect(frames['agenda']).toBeGreaterThan(frames['ask'] ?? Infinity);
});

test('a joined phone reopening its page sees it laid out once: the header does not grow when the state comes', async ({
  phone,
  server,
}) => {
  const rt = await createRoundtable(server);
  const { page } = await phone();
  await page.goto(`/j/${rt.joinCode}`);
  await page.getByLabel('Your name').fill('Aliya Omarova');
  await page.getByRole('button', { name: 'Join' }).click();
  await page.waitForURL(`**/r/${rt.roundtableId}`);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Speaking now' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  // The title came from what the device kept when it joined; before, the header grew by a line and a row (0.07).
  expect(await layoutShift(page)).toBeLessThan(0.01);
});
