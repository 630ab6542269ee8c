import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { forecast, type Command } from '@roundtable/shared';
import { closeAll } from '../support/clients.js';
import { expect, test } from './fixtures.js';
import { fitProblems, longNamesRoom, SPEAKER, WAITING } from './projectorRoom.js';

const SCREENS = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
];
const SHOTS = '/tmp/shots';
const venue = (ms: number) =>
  new Intl.DateTimeFormat('en', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Asia/Almaty',
  }).format(ms);

test.afterEach(() => closeAll());

/** Russian and Kazakh run longer than English: the floor must fit in them too, at every size. */
async function fitsIn(screen: Page, lang: string) {
  for (const size of SCREENS) {
    await screen.setViewportSize(size);
    await expect.poll(() => fitProblems(screen), `${lang} at ${size.width}×${size.height}`).toEqual([]);
    await screen.screenshot({ path: `${SHOTS}/projector-floor-${lang}-${size.width}x${size.height}.png` });
  }
}

test('the projector fits five long names, long delegations and the join code on 16:9 and 4:3 screens, in every mode', async ({
  browser,
  server,
}) => {
  const room = await longNamesRoom(server);
  fs.mkdirSync(SHOTS, { recursive: true });
  // A laptop in New York with a 12-hour locale: the screen must still say the venue's time, on 24 hours.
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'America/New_York' });
  const screen = await context.newPage();
  await screen.setViewportSize(SCREENS[0] ?? { width: 1920, height: 1080 });
  await screen.goto(`${server.url}${room.projectorPath}`);
  await expect(screen.getByTestId('speaker-name')).toHaveCount(1 + WAITING.length);
  await expect(screen.getByTestId('speaker-name').first()).toHaveText(SPEAKER);
  for (const [n, name] of WAITING.entries())
    await expect(screen.getByTestId('speaker-name').nth(n + 1)).toHaveText(name);

  await expect.poll(() => screen.getByTestId('venue-clock').innerText()).toBe(venue(Date.now()));
  const projectedEnd = () => {
    const state = room.moderator.latest;
    const end = state ? forecast(state, Date.now()).projectedEnd : null;
    return end === null ? '' : venue(end);
  };
  await expect
    .poll(async () => (await screen.getByTestId('session-end').innerText()).includes(projectedEnd()))
    .toBe(true);
  await expect(screen.getByTestId('current-item')).toHaveText(/^Migrant smuggling/);

  const modes: { mode: string; command: Command; ready: () => Promise<void> }[] = [
    {
      mode: 'floor',
      command: { type: 'projector.show', view: { mode: 'floor', breakUntil: null } },
      ready: () => expect(screen.getByTestId('countdown')).toBeVisible(),
    },
    {
      mode: 'agenda',
      command: { type: 'projector.show', view: { mode: 'agenda', breakUntil: null } },
      ready: async () => {
        const agenda = screen.getByTestId('projector-agenda');
        await expect(agenda.locator('[aria-current="step"]')).toContainText('Migrant smuggling');
        await expect(agenda).toContainText('Closing remarks');
      },
    },
    {
      mode: 'break',
      command: { type: 'projector.show', view: { mode: 'break', breakUntil: '11:15' } },
      ready: () => expect(screen.getByTestId('projector-break')).toContainText('Back at 11:15'),
    },
    {
      mode: 'document',
      command: { type: 'projector.show', view: { mode: 'document', breakUntil: null } },
      // The document scrolls by itself to the section of the item under discussion, at every size.
      ready: () =>
        expect(
          screen.getByTestId('projector-document').getByRole('heading', { name: /^Migrant smuggling/ }),
        ).toBeInViewport({
          ratio: 0.95,
        }),
    },
  ];
  await room.run({ type: 'document.setPublished', published: true });
  for (const { mode, command, ready } of modes) {
    await room.run(command);
    await expect(screen.getByTestId(`projector-${mode}`)).toBeVisible();
    for (const size of SCREENS) {
      await screen.setViewportSize(size);
      await ready();
      await expect(screen.getByTestId('join-code')).toHaveText(room.joinCode);
      await expect.poll(() => fitProblems(screen), `${mode} at ${size.width}×${size.height}`).toEqual([]);
      await screen.screenshot({ path: `${SHOTS}/projector-${mode}-${size.width}x${size.height}.png` });
    }
  }
  await context.close();
});

test('the moderator makes the projector speak Russian, then Russian and Kazakh in turn', async ({
  page,
  browser,
  server,
}) => {
  const room = await longNamesRoom(server);
  fs.mkdirSync(SHOTS, { recursive: true });
  const screen = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-GB' });
  await screen.goto(`${server.url}${room.projectorPath}`);
  const speaking = screen.locator('#projector-speaker');
  await expect(speaking).toHaveText('Speaking now');
  await expect(screen.getByTestId('current-item')).toHaveText(/^Migrant smuggling/);

  const url = new URL(room.moderatorUrl);
  await page.goto(url.pathname + url.hash);
  const languages = page.getByRole('group', { name: 'Languages on the projector' });
  await expect(languages.getByLabel('English')).toBeChecked();
  // The only language cannot be unticked: the screen always speaks one.
  await expect(languages.getByLabel('English')).toBeDisabled();
  // The box shows what the server holds: retry the click until the server has taken it.
  await expect(() => languages.getByLabel('Русский').check({ timeout: 1_000 })).toPass();
  // The last language on the projector cannot be unticked: retry until the server has Russian as well.
  await expect(() => languages.getByLabel('English').uncheck({ timeout: 1_000 })).toPass();
  await expect(speaking).toHaveText('Сейчас выступает');
  await expect(screen.getByTestId('current-item')).toHaveText(/^Незаконный ввоз мигрантов/);
  await expect(screen.locator('#projector-next')).toHaveText('Далее');
  await expect(screen.locator('html')).toHaveAttribute('lang', 'ru');
  await fitsIn(screen, 'ru');

  await expect(() => languages.getByLabel('Қазақша').check({ timeout: 1_000 })).toPass();
  await languages.getByLabel('each for (seconds)').fill('5');
  await languages.getByLabel('each for (seconds)').blur();
  await expect.poll(() => room.moderator.latest?.projector.languages).toEqual({ shown: ['ru', 'kk'], everySeconds: 5 });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page
    .getByRole('group', { name: 'Projector shows' })
    .screenshot({ path: `${SHOTS}/projector-console-controls.png` });
  // Turns of 5 s: the label goes to Kazakh, back to Russian and to Kazakh again, by itself.
  const turns: string[] = [];
  await expect
    .poll(
      async () => {
        const now = (await speaking.textContent()) ?? '';
        if (turns.at(-1) !== now) turns.push(now);
        return turns.join(' → ');
      },
      { timeout: 25_000, intervals: [250] },
    )
    .toMatch(/Қазір сөйлеп тұр → Сейчас выступает → Қазір сөйлеп тұр/);

  await expect(() => languages.getByLabel('Русский').uncheck({ timeout: 1_000 })).toPass();
  await expect(speaking).toHaveText('Қазір сөйлеп тұр');
  await expect(screen.getByTestId('current-item')).toHaveText(/^Орталық Азия бағыттарындағы/);
  await fitsIn(screen, 'kk');
  // The device's own language choice is untouched: the projector follows the room, it does not remember.
  expect(await screen.evaluate(() => localStorage.getItem('roundtable.lang'))).toBeNull();
  await screen.close();
});
