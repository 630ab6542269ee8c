import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { JoinResponse, StateView } from '@roundtable/shared';
import { ru as ruCore } from '../../client/src/lib/i18n/ru.js';
import { kkConsole } from '../../client/src/lib/i18n/kk.console.js';
import { ruConsole } from '../../client/src/lib/i18n/ru.console.js';
import { ruRefusals } from '../../client/src/lib/i18n/ru.refusals.js';
import { closeAll, connect, connected, deviceToken, nextState, send, type TestSocket } from '../support/clients.js';
import { createRoundtable, expect, openConsole, test, type RunningServer } from './fixtures.js';
import { scanQr } from './qr.js';

test.afterEach(() => closeAll());

const SHOTS = '/tmp/shots';
const LAPTOP = { width: 1280, height: 800 };
const TABLET = { width: 820, height: 1180 };
const ZONE = 'Asia/Almaty';
const ru = { ...ruCore, ...ruConsole };

const row = { function: '', language: 'ru', role: 'participant', email: '', note: '' };
const INVITEES = [
  { ...row, name: 'Наталья Иванова', function: 'Посол', delegation: 'Frontex' },
  { ...row, name: 'Әлихан Бөкейхан', function: 'Советник', delegation: 'Kazakhstan', language: 'kk' },
  { ...row, name: 'José Ramírez', function: 'Head of unit', delegation: 'Europol', language: 'en' },
  { ...row, name: 'Жанар Ахметова', delegation: 'Europol' },
];

const venueClock = (ms: number) =>
  new Intl.DateTimeFormat('ru', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: ZONE }).format(ms);
const person = (s: StateView, name: string) => s.participants.find((p) => p.name === name);

/** WCAG 2.1 A and AA as axe-core checks them (as accessibility.spec.ts does). */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** What a phone does with a personal link it opened: takes up the invitation with its own token. */
async function claim(server: RunningServer, url: string): Promise<JoinResponse> {
  const { pathname, hash } = new URL(url);
  const [, , roundtableId, participantId] = pathname.split('/');
  const key = new URLSearchParams(hash.slice(1)).get('key');
  const res = await fetch(`${server.url}/api/invitations/claim`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ roundtableId, participantId, key, deviceToken: deviceToken() }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as JoinResponse;
}

/** Mints the desk's link in the console's Links panel, as the moderator does. */
async function mintDeskLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Joining and links', exact: true }).click();
  await page.getByLabel('Role').selectOption('desk');
  await page.getByRole('button', { name: 'Create link' }).click();
  const url = await page.locator('.minted input').inputValue();
  expect(new URL(url).pathname).toMatch(/\/desk$/);
  return url;
}

const arrivedFor = (moderator: TestSocket, name: string, arrived: boolean) =>
  nextState(moderator, (s) => (person(s, name)?.status === 'active') === arrived);

test('the desk finds invitees by a Cyrillic name or a delegation, marks an arrival the roster shows, takes its mark back, and admits a walk-in who scans their QR', async ({
  browser,
  page,
  server,
}) => {
  const rt = await createRoundtable(server, { timeZone: ZONE });
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  await connected(moderator);
  expect(await send(moderator, { type: 'invitee.import', invitees: INVITEES })).toMatchObject({ ok: true });

  await page.setViewportSize(LAPTOP);
  await openConsole(page, rt);
  const deskUrl = await mintDeskLink(page);

  // A laptop at the door in New York's zone: what the desk shows is the venue's time.
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: LAPTOP,
    locale: 'ru-RU',
    timezoneId: 'America/New_York',
  });
  const desk = await context.newPage();
  await desk.goto(deskUrl);
  await expect(desk.getByRole('heading', { name: ru['desk.title'], level: 1 })).toBeVisible();
  await expect(desk.getByTestId('desk-expected')).toHaveText('4');
  await expect(desk.getByTestId('desk-arrived')).toHaveText('0');
  await expect(desk.getByTestId('desk-total')).toHaveText('4');
  const people = desk.getByTestId('desk-person');
  await expect(people).toHaveCount(4);
  await expect(desk.getByTestId('desk-group').locator('h2')).toHaveText([/^Europol/, /^Frontex/, /^Kazakhstan/]);

  const search = desk.getByLabel(ru['desk.search']);
  await search.fill('НАТАЛЬЯ');
  await expect(people).toHaveCount(1);
  await expect(people).toContainText('Наталья Иванова');
  await search.fill('europol');
  await expect(people).toHaveCount(2);
  await expect(desk.getByTestId('desk-group')).toHaveCount(1);
  await search.fill('ramirez');
  await expect(people).toHaveText([/José Ramírez/]);
  await search.fill('наталья');

  const natalya = people.filter({ hasText: 'Наталья Иванова' });
  await natalya.getByRole('button', { name: `${ru['desk.markArrived']}: Наталья Иванова` }).click();
  const marked = await arrivedFor(moderator, 'Наталья Иванова', true);
  const at = person(marked, 'Наталья Иванова')?.arrivedAt ?? 0;
  await expect(natalya.getByTestId('desk-status')).toHaveText(ru['desk.status.desk'].replace('{time}', venueClock(at)));
  await expect(desk.getByTestId('desk-arrived')).toHaveText('1');
  await expect(desk.getByTestId('desk-expected')).toHaveText('3');

  // The moderator's roster: arrived, with the time, and the others still expected.
  await page.getByRole('button', { name: 'Roster', exact: true }).click();
  const rosterRow = (name: string) => page.getByTestId('roster-row').filter({ hasText: name });
  await expect(rosterRow('Наталья Иванова').getByTestId('roster-arrived')).toHaveText(`arrived ${venueClock(at)}`);
  await expect(rosterRow('Наталья Иванова')).toContainText('active');
  await expect(rosterRow('Жанар Ахметова')).toContainText('expected');
  await page.screenshot({ path: `${SHOTS}/desk-roster-1280.png` });
  await page.locator('#roster-status').selectOption({ label: 'Expected (3)' });
  await expect(page.getByTestId('roster-row')).toHaveCount(3);

  await search.fill('');
  await desk.screenshot({ path: `${SHOTS}/desk-1280.png` });
  expect(await violations(desk), 'the desk').toEqual([]);

  // Undo: the desk's own mark, taken back.
  await natalya.getByRole('button', { name: `${ru['desk.undo']}: Наталья Иванова` }).click();
  await arrivedFor(moderator, 'Наталья Иванова', false);
  await expect(natalya.getByTestId('desk-status')).toHaveText(ru['desk.status.expected']);
  await expect(desk.getByTestId('desk-arrived')).toHaveText('0');
  await expect(page.getByTestId('roster-row')).toHaveCount(4);
  await expect(rosterRow('Наталья Иванова').getByTestId('roster-arrived')).toHaveCount(0);

  // A walk-in: admitted at the desk, their personal QR on screen at once.
  await desk.getByText(ru['desk.walkIn']).click();
  await desk.getByLabel(ru['moderator.roster.name'], { exact: true }).fill('Ерлан Сапаров');
  await desk.getByLabel(ru['join.function'], { exact: true }).fill('Эксперт');
  await desk.getByLabel(ru['join.delegation'], { exact: true }).fill('UNODC');
  await desk.getByRole('button', { name: ru['desk.walkIn.admit'] }).click();
  const dialog = desk.getByTestId('personal-qr');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText('Ерлан Сапаров');
  await expect(dialog.locator('svg.qr')).toBeVisible();
  const box = await dialog.locator('svg.qr').boundingBox();
  expect(box?.width ?? 0).toBeGreaterThanOrEqual(300);
  const admitted = await nextState(moderator, (s) => person(s, 'Ерлан Сапаров')?.status === 'invited');
  const erlanId = person(admitted, 'Ерлан Сапаров')?.id ?? '';
  await expect(desk.getByTestId('desk-total')).toHaveText('5');
  await desk.screenshot({ path: `${SHOTS}/desk-walk-in-qr-1280.png` });
  expect(await violations(desk), 'the desk, a personal QR shown').toEqual([]);

  // Scanned by the walk-in's phone: they are that person, arrived, and the desk sees it as it happens.
  const link = await scanQr(dialog);
  expect(new URL(link).pathname).toBe(`/i/${rt.roundtableId}/${erlanId}`);
  expect((await claim(server, link)).participantId).toBe(erlanId);
  await expect(dialog.getByRole('status')).toHaveText(`✓ ${ru['desk.qr.arrived'].replace('{name}', 'Ерлан Сапаров')}`);
  await dialog.getByRole('button', { name: ru['common.close'] }).click();
  await expect(dialog).toHaveCount(0);
  const erlan = people.filter({ hasText: 'Ерлан Сапаров' });
  await expect(erlan.getByTestId('desk-status')).toContainText('по своему телефону');
  // A phone's arrival is the person's own: the desk has nothing to take back.
  await expect(erlan.getByRole('button', { name: new RegExp(ru['desk.undo']) })).toHaveCount(0);
  await expect(desk.getByTestId('desk-arrived')).toHaveText('1');

  // The same walk-in admitted twice: refused, in the desk's language.
  await desk.getByLabel(ru['moderator.roster.name'], { exact: true }).fill('Ерлан Сапаров');
  await desk.getByLabel(ru['join.delegation'], { exact: true }).fill('UNODC');
  await desk.getByRole('button', { name: ru['desk.walkIn.admit'] }).click();
  const refusal = desk.getByRole('alert');
  await expect(refusal).toHaveAttribute('data-reason', 'invitee_duplicate');
  await expect(refusal).toHaveText(ruRefusals['refusal.invitee_duplicate'].replace('{name}', 'Ерлан Сапаров'));

  // A tablet at the door, upright; a guest who lost their badge gets their QR from the list.
  await desk.setViewportSize(TABLET);
  await search.fill('жанар');
  await desk.screenshot({ path: `${SHOTS}/desk-820.png` });
  const zhanar = people.filter({ hasText: 'Жанар Ахметова' });
  const arrive = zhanar.getByRole('button', { name: `${ru['desk.markArrived']}: Жанар Ахметова` });
  const arriveBox = await arrive.boundingBox();
  expect(arriveBox?.height ?? 0).toBeGreaterThanOrEqual(48);
  await zhanar.getByRole('button', { name: `${ru['desk.qr.show']}: Жанар Ахметова` }).click();
  await expect(dialog.locator('svg.qr')).toBeVisible();
  const zhanarId = person(admitted, 'Жанар Ахметова')?.id ?? '';
  expect(new URL(await scanQr(dialog)).pathname).toBe(`/i/${rt.roundtableId}/${zhanarId}`);
  await desk.screenshot({ path: `${SHOTS}/desk-qr-820.png` });
  // No phone: marked arrived from the QR's own screen.
  await dialog.getByRole('button', { name: ru['desk.qr.noPhone'] }).click();
  await arrivedFor(moderator, 'Жанар Ахметова', true);
  await expect(dialog.getByRole('status')).toBeVisible();
  await dialog.getByRole('button', { name: ru['common.close'] }).click();
  await expect(zhanar.getByTestId('desk-status')).toContainText('отмечено на стойке');
  // In Kazakh, as the door may want it.
  await desk.getByRole('banner').getByLabel(ru['common.language']).selectOption('kk');
  await expect(desk.getByRole('heading', { level: 1 })).toHaveText(kkConsole['desk.title']);
  await desk.getByLabel(kkConsole['desk.search']).fill('');
  await expect(desk.getByTestId('desk-person')).toHaveCount(5);
  await desk.screenshot({ path: `${SHOTS}/desk-820-kk.png` });
  await context.close();

  // The moderator's own key opens the desk too.
  await page.goto(`/r/${rt.roundtableId}/desk`);
  await expect(page.getByRole('heading', { name: 'Registration desk', level: 1 })).toBeVisible();
  await expect(page.getByTestId('desk-arrived')).toHaveText('2');
});
