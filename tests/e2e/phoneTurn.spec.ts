import type { BrowserContext, Page } from '@playwright/test';
import { createRoundtable, expect, openConsole, test } from './fixtures.js';

type Notice = { via: 'page' | 'worker'; title: string; body?: string; tag?: string };
type Recorded = { vibrations: VibratePattern[]; notices: Notice[]; permissionAsked: number };
declare global {
  interface Window {
    recorded: Recorded;
  }
}

/**
 * Records what the page asks of the phone: vibrations, notices (from the page or through the service
 * worker) and permission requests. The browser's own permission answers stay real.
 */
async function recordPhone(context: BrowserContext) {
  await context.addInitScript(() => {
    const recorded: Recorded = { vibrations: [], notices: [], permissionAsked: 0 };
    window.recorded = recorded;
    navigator.vibrate = (pattern: VibratePattern | Iterable<number>) => {
      recorded.vibrations.push(typeof pattern === 'number' ? pattern : [...pattern]);
      return true;
    };
    const Real = window.Notification;
    window.Notification = new Proxy(Real, {
      construct(_target, [title, options]: [string, NotificationOptions?]) {
        recorded.notices.push({ via: 'page', title, body: options?.body, tag: options?.tag });
        return { close() {} } as unknown as Notification;
      },
      get(target, key) {
        if (key !== 'requestPermission') return Reflect.get(target, key) as unknown;
        return () => {
          recorded.permissionAsked++;
          return Real.requestPermission();
        };
      },
    });
    ServiceWorkerRegistration.prototype.showNotification = async (title: string, options?: NotificationOptions) => {
      recorded.notices.push({ via: 'worker', title, body: options?.body, tag: options?.tag });
    };
  });
}

const recorded = (page: Page) => page.evaluate(() => window.recorded);

/** What a phone in a pocket looks like to its page: the same tab, hidden. */
const toBackground = (page: Page) =>
  page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });

async function join(page: Page, code: string, name: string) {
  await page.goto(`/j/${code}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.getByRole('button', { name: 'Ask for the floor' }).click();
  await expect(page.getByTestId('my-request')).toBeVisible();
}

test('a phone buzzes once when its person is next and once when they have the floor; in the background it shows a notice they allowed', async ({
  page,
  phone,
  server,
}) => {
  const rt = await createRoundtable(server, {
    title: { en: 'Roundtable on transnational threats' },
    agenda: [{ title: { en: 'Cyber threats' }, kind: 'discussion', plannedMinutes: 20 }],
  });
  await openConsole(page, rt);
  await page.getByTestId('agenda-row').first().getByRole('button', { name: 'Start' }).click();

  const first = await phone();
  const waiting = await phone();
  for (const p of [first, waiting]) await recordPhone(p.context);
  await waiting.context.grantPermissions(['notifications']);
  await join(first.page, rt.joinCode, 'Speaker First');
  await join(waiting.page, rt.joinCode, 'Speaker Waiting');
  await expect(waiting.page.getByText('You are number 2 in the queue')).toBeVisible();
  // First in the queue at once, on a visible page: a buzz and no notice.
  await expect.poll(async () => (await recorded(first.page)).vibrations).toEqual([[200]]);

  // Nothing was asked on page load; the labelled control asks, once tapped.
  expect((await recorded(waiting.page)).permissionAsked).toBe(0);
  await waiting.page.getByRole('button', { name: 'Notify me of my turn' }).scrollIntoViewIfNeeded();
  await waiting.page.screenshot({ path: '/tmp/shots/phone-notify-offer.png' });
  await waiting.page.getByRole('button', { name: 'Notify me of my turn' }).click();
  await expect(waiting.page.getByText('Notifications for your turn are on.')).toBeVisible();
  expect((await recorded(waiting.page)).permissionAsked).toBe(1);
  await waiting.page.screenshot({ path: '/tmp/shots/phone-notify-on.png' });
  await toBackground(waiting.page);

  await page.getByRole('button', { name: 'Next speaker' }).click();
  await expect(first.page.getByRole('alertdialog')).toContainText('You have the floor');
  await expect
    .poll(async () => (await recorded(waiting.page)).notices.map((n) => n.title))
    .toEqual(['You are next to speak']);
  let seen = await recorded(waiting.page);
  expect(seen.vibrations).toEqual([[200]]);
  expect(seen.notices[0]).toMatchObject({
    body: 'Roundtable on transnational threats',
    tag: expect.stringMatching(/^next:/),
  });

  // More broadcasts while still next (someone else asks): no second buzz or notice for the same turn.
  const late = await phone();
  await join(late.page, rt.joinCode, 'Speaker Late');
  await expect(page.getByTestId('queue-row')).toHaveCount(2);
  await expect(waiting.page.getByText('You are number 1 in the queue')).toBeVisible();
  seen = await recorded(waiting.page);
  expect(seen.vibrations).toEqual([[200]]);
  expect(seen.notices).toHaveLength(1);

  await page.getByRole('button', { name: 'Next speaker' }).click();
  await expect
    .poll(async () => (await recorded(waiting.page)).notices.map((n) => n.title))
    .toEqual(['You are next to speak', 'You have the floor']);
  seen = await recorded(waiting.page);
  expect(seen.vibrations).toEqual([[200], [300, 150, 300]]);
  expect(seen.notices[1]?.tag).toMatch(/^floor:/);

  // The first phone never allowed notices and stayed in front: buzzes only, and no question asked.
  const firstSeen = await recorded(first.page);
  expect(firstSeen.vibrations).toEqual([[200], [300, 150, 300]]);
  expect(firstSeen.notices).toEqual([]);
  expect(firstSeen.permissionAsked).toBe(0);
});
