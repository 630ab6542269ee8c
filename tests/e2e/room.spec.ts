import { en } from '../../client/src/lib/i18n/en.js';
import { expect, loadDemo, mintLink, openConsole, test } from './fixtures.js';
import { scanQr } from './qr.js';

test('the projector shows the speaker, countdown, next speakers and a QR code that scans to the join page', async ({
  page,
  browser,
  server,
}) => {
  const demo = await loadDemo(server);
  await openConsole(page, demo);
  await page.getByTestId('agenda-row').first().getByRole('button', { name: 'Start' }).click();
  const projectorUrl = await mintLink(page, 'projector');
  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByRole('button', { name: 'Next speaker' }).click();

  const screen = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await screen.goto(projectorUrl);
  await expect(screen.getByRole('region', { name: 'Speaking now' })).toContainText('Askar Temirbekov');
  await expect(screen.getByTestId('countdown')).toHaveText(/^\s*[67]:\d\d/);
  await expect(screen.getByTestId('next-speakers')).toContainText('Sofia Marin');
  await expect(screen.getByTestId('next-speakers')).toContainText('Pieter de Vries');
  await expect(screen.getByRole('button')).toHaveCount(0);

  expect(await scanQr(screen)).toBe(`${server.url}/j/${demo.joinCode}`);
  await screen.close();
});

test('a phone switched to Kazakh shows no English interface text', async ({ phone, server }) => {
  const demo = await loadDemo(server);
  const { page: mobile } = await phone();
  await mobile.goto(`/j/${demo.joinCode}`);
  await mobile.getByLabel('Your name').fill('Dana Akhmetova');
  await mobile.getByRole('button', { name: 'Join' }).click();
  await expect(mobile.getByRole('heading', { name: 'Ask for the floor' })).toBeVisible();
  await mobile.getByLabel('Language').first().selectOption('kk');
  await expect(mobile.getByRole('heading', { name: 'Сөз сұрау' })).toBeVisible();
  const text = await mobile.locator('body').innerText();
  const english = Object.values(en).filter(
    (v) => v.length > 3 && !v.includes('{') && v !== 'Roundtable' && text.includes(v),
  );
  expect(english).toEqual([]);
  expect(text).toContain('Кіріспе сөз');
});

test('the app shell is installable and opens without a network', async ({ page, pageErrors }) => {
  await page.goto('/');
  const manifest = await page.evaluate(
    async () => (await fetch('/manifest.webmanifest')).json() as Promise<{ name: string; display: string }>,
  );
  expect(manifest).toMatchObject({ name: 'Roundtable', display: 'standalone' });
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await page.context().setOffline(true);
  // The browser's own report of what it could not fetch while offline; nothing of ours may fail.
  pageErrors.allow(/net::ERR_INTERNET_DISCONNECTED/);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Create a roundtable' })).toBeVisible();
  await page.context().setOffline(false);
});

test('the moderator switches the projector to the agenda, a break slide and the published document', async ({
  page,
  browser,
  server,
}) => {
  const demo = await loadDemo(server);
  await openConsole(page, demo);
  const projectorUrl = await mintLink(page, 'projector');
  const screen = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await screen.goto(projectorUrl);
  await expect(screen.getByTestId('projector-floor')).toBeVisible();

  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByRole('button', { name: 'Agenda', exact: true }).click();
  await expect(screen.getByTestId('projector-agenda')).toContainText('Migrant smuggling and human trafficking');
  await page.getByLabel('back at').fill('11:15');
  await page.getByRole('button', { name: 'Break slide' }).click();
  await expect(screen.getByTestId('projector-break')).toContainText('Back at 11:15');

  await expect(page.getByRole('button', { name: 'Outcome document' })).toBeDisabled();
  await page.getByRole('button', { name: 'Joining and links' }).click();
  await page.getByLabel('Publish the outcome document').check();
  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByRole('button', { name: 'Outcome document' }).click();
  const doc = screen.getByTestId('projector-document');
  await expect(doc.getByRole('heading', { name: 'Opening remarks' })).toBeVisible();
  await expect(doc.getByRole('heading', { name: 'Key lessons learned' })).toBeVisible();
  await screen.close();
});

test('printable join cards per delegation lead phones in with their delegation chosen', async ({
  page,
  phone,
  server,
}) => {
  const demo = await loadDemo(server);
  await openConsole(page, demo);
  await page.getByRole('button', { name: 'Joining and links' }).click();
  const [sheet] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('link', { name: 'Print join cards' }).click(),
  ]);
  await expect(sheet.getByTestId('join-card')).toHaveCount(18);
  const frontex = sheet.getByTestId('join-card').filter({ hasText: 'Frontex' });
  await expect(frontex).toContainText(demo.joinCode);
  const target = await scanQr(frontex);
  expect(target).toMatch(new RegExp(`/j/${demo.joinCode}\\?d=`));

  const { page: mobile } = await phone();
  await mobile.goto(target);
  await expect(mobile.getByLabel('Delegation', { exact: true }).locator('option:checked')).toHaveText('Frontex');
});
