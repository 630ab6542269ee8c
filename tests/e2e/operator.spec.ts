import fs from 'node:fs';
import type { Page } from '@playwright/test';
import type { CreateRoundtableResponse } from '@roundtable/shared';
import { test as base, expect, openConsole, startServer, type RunningServer } from './fixtures.js';

const ORGANISER_KEY = 'organiser-key-for-the-e2e-01';
const OPERATOR_KEY = 'operator-key-for-the-e2e-001';
const SHOTS = '/tmp/shots';
const SCREEN = { width: 1280, height: 800 };

// A server of its own, with both keys set: the other specs' server lets anyone create and has no operator page.
const test = base.extend<object, { server: RunningServer }>({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startServer({ organiserKey: ORGANISER_KEY, operatorKey: OPERATOR_KEY });
      await use(server);
      await server.app.close();
      fs.rmSync(server.dataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

async function create(server: RunningServer, title: object, languages = ['en']): Promise<CreateRoundtableResponse> {
  const res = await fetch(`${server.url}/api/roundtables`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-organiser-key': ORGANISER_KEY },
    body: JSON.stringify({ title, languages, delegations: [{ name: 'Europol' }] }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as CreateRoundtableResponse;
}

async function joinPhone(server: RunningServer, rt: CreateRoundtableResponse, name: string): Promise<void> {
  const res = await fetch(`${server.url}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      code: rt.joinCode,
      deviceToken: `device-token-of-${name.replace(/\W/g, '-')}-0000`,
      profile: { name, function: 'Expert', delegation: null, language: 'en' },
    }),
  });
  expect(res.status).toBe(200);
}

const rowOf = (page: Page, title: string) => page.getByRole('row').filter({ hasText: title });

test('the create page asks for the organiser key, says when it is wrong and remembers it', async ({
  page,
  pageErrors,
}) => {
  pageErrors.allow(/status of 401 \(Unauthorized\)/); // the wrong key, refused on purpose
  await page.setViewportSize(SCREEN);
  await page.goto('/new');
  const key = page.getByLabel('Organiser key');
  await expect(page.getByRole('group', { name: 'Organisers only' })).toBeVisible();
  await page.getByLabel('Title (English)').fill('Roundtable with a key');
  await key.fill('not-the-organiser-key');
  await page.getByRole('button', { name: 'Create the roundtable' }).click();
  await expect(page.getByRole('alert')).toHaveText('That is not this server’s organiser key. Check it and try again.');
  await expect(key).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: `${SHOTS}/create-organiser-key.png`, fullPage: true });

  await key.fill(ORGANISER_KEY);
  await page.getByRole('button', { name: 'Create the roundtable' }).click();
  await expect(page).toHaveURL(/\/r\/[^/]+\/moderate/);
  // Next time, the browser has it.
  await page.goto('/new');
  await expect(page.getByLabel('Organiser key')).toHaveValue(ORGANISER_KEY);
});

test('the demo asks for the key in the person’s language', async ({ browser, pageErrors }) => {
  pageErrors.allow(/status of 401 \(Unauthorized\)/);
  const context = await browser.newContext({ locale: 'ru-RU', viewport: SCREEN });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: 'Открыть демо' }).click();
  const key = page.getByLabel('Ключ организатора');
  await key.fill('неверный-ключ-организатора');
  await page.getByRole('button', { name: 'Открыть демо' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Это не ключ организатора этого сервера. Проверьте его и попробуйте ещё раз.',
  );
  await page.screenshot({ path: `${SHOTS}/landing-organiser-key-ru.png`, fullPage: true });
  await key.fill(ORGANISER_KEY);
  await page.getByRole('button', { name: 'Открыть демо' }).click();
  await expect(page).toHaveURL(/\/r\/[^/]+\/moderate/);
  await context.close();
});

test('a next edition asks the moderator for the organiser key too', async ({ page, server, pageErrors }) => {
  pageErrors.allow(/status of 401 \(Unauthorized\)/); // the wrong key, refused on purpose
  const rt = await create(server, { en: 'Annual dialogue' });
  await page.setViewportSize(SCREEN);
  await openConsole(page, rt);
  await page.getByRole('button', { name: 'Editions', exact: true }).click();
  const key = page.getByLabel('Organiser key');
  await key.fill('a-wrong-organiser-key');
  await page.getByRole('button', { name: 'Create the next edition' }).click();
  await expect(page.getByRole('alert')).toHaveText('That is not this server’s organiser key. Check it and try again.');
  await page.screenshot({ path: `${SHOTS}/next-edition-organiser-key.png`, fullPage: true });
  await key.fill(ORGANISER_KEY);
  await page.getByRole('button', { name: 'Create the next edition' }).click();
  await expect(page).toHaveURL(new RegExp(`/r/(?!${rt.roundtableId})[^/]+/moderate\\?created=1`));
});

test('the operator lists the roundtables, archives one (its console says so) and deletes one by typing its title', async ({
  page,
  browser,
  server,
  pageErrors,
}) => {
  pageErrors.allow(/status of 401 \(Unauthorized\)/); // the wrong operator key, refused on purpose
  const quiet = await create(server, { en: 'Quiet consultation' });
  const busy = await create(server, { en: 'Roundtable on border security', ru: 'Круглый стол по границам' }, [
    'en',
    'ru',
  ]);
  for (const name of ['Aigerim Sadykova', 'Jan de Vries', 'Marta Novak']) await joinPhone(server, busy, name);

  await page.setViewportSize(SCREEN);
  await page.goto('/operator');
  await expect(page.getByRole('heading', { name: 'Operator sign-in' })).toBeVisible();
  await page.getByLabel('Operator key').fill(ORGANISER_KEY);
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('alert')).toHaveText('That is not this server’s operator key.');
  await page.screenshot({ path: `${SHOTS}/operator-sign-in.png` });
  await page.getByLabel('Operator key').fill(OPERATOR_KEY);
  await page.getByRole('button', { name: 'Open' }).click();

  await expect(page.getByRole('heading', { name: 'Roundtables on this server' })).toBeVisible();
  // The most recently active first: the one people joined.
  const titles = page.locator('tbody th[scope="row"]');
  await expect(titles.nth(0)).toContainText('Roundtable on border security');
  await expect(titles.nth(1)).toContainText('Quiet consultation');
  const busyRow = rowOf(page, 'Roundtable on border security');
  await expect(busyRow.getByRole('cell').nth(1)).toHaveText('3');
  await expect(busyRow).toContainText(`Code ${busy.joinCode}`);
  await expect(busyRow.getByRole('cell').nth(3)).toContainText(/^\s*\d+(\.\d)?\skB/);
  await page.screenshot({ path: `${SHOTS}/operator-list.png` });

  // Archiving: asked first; its open console is told, and its link is refused until it is restored.
  const moderator = await browser.newPage();
  await openConsole(moderator, busy);
  const rosterTab = moderator.getByRole('button', { name: 'Roster', exact: true });
  await expect(rosterTab).toBeVisible();
  await busyRow.getByRole('button', { name: 'Archive' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Archive “Roundtable on border security”?');
  await page.screenshot({ path: `${SHOTS}/operator-archive-dialog.png` });
  await dialog.getByRole('button', { name: 'Archive' }).click();
  await expect(busyRow.locator('.badge')).toContainText('Archived');
  await expect(page.getByRole('status')).toHaveText('“Roundtable on border security” was archived.');
  await expect(moderator.getByRole('alert')).toHaveText(
    'This roundtable has been archived by the server’s operator. Ask them to restore it.',
  );
  await moderator.screenshot({ path: `${SHOTS}/operator-archived-console.png` });
  await page.screenshot({ path: `${SHOTS}/operator-archived.png` });

  await busyRow.getByRole('button', { name: 'Restore' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Restore' }).click();
  await expect(busyRow.locator('.badge')).toHaveCount(0);
  await moderator.reload();
  await expect(rosterTab).toBeVisible();
  await moderator.close();

  // Deleting: the button waits for the title, typed.
  await rowOf(page, 'Quiet consultation').getByRole('button', { name: 'Delete' }).click();
  const deletion = page.getByRole('dialog');
  const confirm = deletion.getByRole('button', { name: 'Delete' });
  await expect(confirm).toBeDisabled();
  await deletion.getByLabel('To confirm, type its title: Quiet consultation').fill('Quiet');
  await expect(confirm).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/operator-delete-dialog.png` });
  await deletion.getByLabel('To confirm, type its title: Quiet consultation').fill('Quiet consultation');
  await confirm.click();
  await expect(page.getByRole('status')).toHaveText('“Quiet consultation” was deleted.');
  await expect(rowOf(page, 'Quiet consultation')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/operator-deleted.png` });
  const join = await fetch(`${server.url}/api/join/${quiet.joinCode}`);
  expect(join.status).toBe(404);

  // The key stays with the tab: a reload lists at once, and sign-out forgets it.
  await page.reload();
  await expect(titles.nth(0)).toContainText('Roundtable on border security');
  await expect(rowOf(page, 'Quiet consultation')).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Operator sign-in' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Operator key')).toHaveValue('');
});

test('the operator page in Kazakh', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'kk-KZ', viewport: SCREEN });
  // As if typed earlier in this tab (the first, blank page of a context has no storage of its own).
  await context.addInitScript((key) => {
    if (location.protocol.startsWith('http')) sessionStorage.setItem('roundtable.operatorKey', key);
  }, OPERATOR_KEY);
  const page = await context.newPage();
  await page.goto('/operator');
  await expect(page.getByRole('heading', { name: 'Осы сервердегі дөңгелек үстелдер' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Соңғы белсенділік' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/operator-list-kk.png` });
  await context.close();
});

base('without OPERATOR_KEY the operator page says it is off, and asks for no key', async ({ page }) => {
  await page.setViewportSize(SCREEN);
  await page.goto('/operator');
  await expect(page.getByText('The operator page is off on this server.')).toBeVisible();
  await expect(page.getByLabel('Operator key')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/operator-off.png` });
});
