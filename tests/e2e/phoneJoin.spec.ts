import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { LIMITS } from '@roundtable/shared';
import { PHONE, createRoundtable, expect, loadDemo, test } from './fixtures.js';

/** The Astana scenario's titles: the longest a phone's header and join page have to show. */
const demo = JSON.parse(
  fs.readFileSync(new URL('../../server/src/demo/eu-kazakhstan-roundtable.json', import.meta.url), 'utf8'),
) as { title: Record<'en' | 'ru' | 'kk', string> };

const LANGS = [
  { lang: 'en', locale: 'en-GB', name: 'Your name', join: 'Join' },
  { lang: 'ru', locale: 'ru-RU', name: 'Ваше имя', join: 'Присоединиться' },
  { lang: 'kk', locale: 'kk-KZ', name: 'Аты-жөніңіз', join: 'Қосылу' },
] as const;

/** Wholly inside the phone's screen as it first shows: nothing to scroll to, nothing cut at the sides. */
async function expectOnScreen(locator: Locator, viewport: { width: number; height: number } = PHONE.viewport) {
  const box = await locator.boundingBox();
  expect(box, 'rendered').not.toBeNull();
  if (!box) return;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
}

/** Whether an element shows all of its text (no ellipsis, nothing clipped). */
const showsAll = (locator: Locator) =>
  locator.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight);

test('a mistyped join code says the code is wrong, in English and in Kazakh, and keeps it for correcting', async ({
  phone,
  pageErrors,
}) => {
  pageErrors.allow(/status of 404/);
  const { page } = await phone();
  await page.goto('/j/abc234');
  const alert = page.getByRole('alert');
  await expect(alert).toHaveText('No roundtable has the code ABC234. Check the code on the screen and try again.');
  await expect(page.getByLabel('Join code')).toHaveValue('ABC234');
  await page.screenshot({ path: '/tmp/shots/phone-wrong-code-en.png' });

  const { page: kk } = await phone({ locale: 'kk-KZ' });
  await kk.goto('/j/ABC234');
  await expect(kk.getByRole('alert')).toHaveText(
    'ABC234 коды бар дөңгелек үстел жоқ. Экрандағы кодты тексеріп, қайталап көріңіз.',
  );
  await expect(kk.locator('main')).not.toContainText(/[A-Za-z]{4,}/);
  await kk.screenshot({ path: '/tmp/shots/phone-wrong-code-kk.png' });
});

test('a name over the limit is never cut: the form counts, says so, and waits until it is shortened', async ({
  phone,
  server,
}) => {
  const rt = await createRoundtable(server);
  const { page } = await phone();
  await page.goto(`/j/${rt.joinCode}`);
  const name = page.getByLabel('Your name');
  const join = page.getByRole('button', { name: 'Join' });
  const long = `Aigerim ${'Seitkali-'.repeat(12)}`.slice(0, LIMITS.name + 7);
  await name.fill(long);
  await expect(name).toHaveValue(long);
  await expect(page.getByText(`Too long: ${LIMITS.name + 7} characters, at most ${LIMITS.name}.`)).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(join).toBeDisabled();
  await page.screenshot({ path: '/tmp/shots/phone-long-name.png' });

  await name.press('End');
  for (let i = 0; i < 7; i++) await name.press('Backspace');
  await expect(page.getByText(`${LIMITS.name} of ${LIMITS.name} characters`)).toBeVisible();
  await expect(join).toBeEnabled();
  await join.click();
  await expect(page.getByRole('heading', { name: 'Ask for the floor' })).toBeVisible();
  await expect(page.locator('.profile .me')).toHaveText(long.slice(0, LIMITS.name).trim());

  // Changing one's name later holds to the same rule.
  await page.getByRole('button', { name: 'Edit my details' }).click();
  const again = page.getByLabel('Your name');
  await again.fill(`${long} Jr.`);
  await expect(again).toHaveValue(`${long} Jr.`);
  await expect(page.getByText(`Too long: ${LIMITS.name + 11} characters, at most ${LIMITS.name}.`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
  await again.fill('Aigerim Seitkali');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.profile .me')).toHaveText('Aigerim Seitkali');
});

test('the join form shows without scrolling on a 360×640 phone, with one language selector, in every language', async ({
  phone,
  server,
}) => {
  const rt = await loadDemo(server);
  for (const { lang, locale, name, join } of LANGS) {
    for (const viewport of [PHONE.viewport, { width: 390, height: 844 }]) {
      const { page } = await phone({ locale });
      await page.setViewportSize(viewport);
      await page.goto(`/j/${rt.joinCode}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(demo.title[lang]);
      await expectOnScreen(page.getByLabel(name), viewport);
      await expectOnScreen(page.getByRole('button', { name: join }), viewport);
      await expect(page.getByRole('combobox', { name: /^(Language|Язык|Тіл)$/ })).toHaveCount(1);
      await page.screenshot({ path: `/tmp/shots/phone-join-${lang}-${viewport.width}.png` });
    }
  }
});

async function joinDemo(page: Page, code: string, name: string) {
  await page.goto(`/j/${code}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('heading', { name: 'Ask for the floor' })).toBeVisible();
}

test('the phone header shows the whole title in every language; no stray separator without a delegation', async ({
  phone,
  server,
}) => {
  const rt = await loadDemo(server);
  const { page } = await phone();
  // Neither a function nor a delegation: only the language is left to show.
  await joinDemo(page, rt.joinCode, 'Dana Akhmetova');
  const title = page.locator('.page-header .brand-name');
  const profile = page.getByRole('region', { name: 'You', exact: true });
  await expect(profile.locator('.hint').first()).toHaveText('English');

  const live = { en: 'Live', ru: 'В эфире', kk: 'Тікелей эфир' };
  for (const { lang } of LANGS) {
    await page.getByRole('combobox').first().selectOption(lang);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(title).toHaveText(demo.title[lang]);
    expect(await showsAll(title), `the ${lang} title is cut`).toBe(true);
    await expectOnScreen(title);
    await expect(page.getByRole('status').filter({ hasText: live[lang] })).toBeVisible();
    await page.screenshot({ path: `/tmp/shots/phone-participant-${lang}.png` });
  }
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await showsAll(title)).toBe(true);
  await page.screenshot({ path: '/tmp/shots/phone-participant-kk-390.png' });
});
