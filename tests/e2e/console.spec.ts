import type { Browser, Page } from '@playwright/test';
import { zonedDate, type CommandAck, type CreateRoundtableResponse, type StateView } from '@roundtable/shared';
import { createRoundtable, expect, openConsole, test, type RunningServer } from './fixtures.js';

const CONSOLE_SIZE = { width: 1280, height: 800 };
const ZONE = 'Asia/Almaty';
const DAY = 86_400_000;

async function state(server: RunningServer, rt: CreateRoundtableResponse): Promise<StateView> {
  const res = await fetch(`${server.url}/api/roundtables/${rt.roundtableId}`, {
    headers: { authorization: `Bearer ${rt.moderatorSecret}` },
  });
  return (await res.json()) as StateView;
}

/** Sends a command over HTTP with the moderator's key, as a script would; returns its result. */
async function command(server: RunningServer, rt: CreateRoundtableResponse, body: object) {
  const { version } = await state(server, rt);
  const res = await fetch(`${server.url}/api/roundtables/${rt.roundtableId}/commands`, {
    method: 'POST',
    headers: { authorization: `Bearer ${rt.moderatorSecret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ baseVersion: version, command: body }),
  });
  const ack = (await res.json()) as CommandAck;
  if (!ack.ok) throw new Error(`${JSON.stringify(body)}: ${JSON.stringify(ack)}`);
  return (ack.result ?? {}) as { participantId?: string; speechId?: string };
}

async function addPerson(
  server: RunningServer,
  rt: CreateRoundtableResponse,
  name: string,
  delegation: string | null,
  fn = '',
  role = 'participant',
): Promise<string> {
  const { participantId } = await command(server, rt, {
    type: 'participant.add',
    role,
    profile: { name, function: fn, delegation: delegation ? { name: delegation } : null, language: 'en' },
  });
  if (!participantId) throw new Error('no participant');
  return participantId;
}

async function speak(server: RunningServer, rt: CreateRoundtableResponse, participantId: string, kind: string) {
  const { speechId } = await command(server, rt, { type: 'floor.give', participantId, kind, expectedSpeechId: null });
  await command(server, rt, { type: 'floor.end', speechId });
}

/** A moderator's laptop set to New York and American English: what the console must not follow. */
async function newYorkConsole(browser: Browser, server: RunningServer, rt: CreateRoundtableResponse): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: CONSOLE_SIZE,
    timezoneId: 'America/New_York',
    locale: 'en-US',
  });
  const page = await context.newPage();
  await openConsole(page, rt);
  return page;
}

const venueClock = (ms: number) =>
  new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: ZONE }).format(ms);

test('the speech log lists speeches newest first, narrows by search and type, and tells the venue’s time', async ({
  browser,
  server,
}) => {
  // A month ahead: the moderator rehearses before the day, which once read "530 min early".
  const day = zonedDate(Date.now() + 30 * DAY, ZONE);
  const rt = await createRoundtable(server, {
    timeZone: ZONE,
    startsAt: `${day}T09:30`,
    delegations: [{ name: 'Europol' }, { name: 'Frontex' }, { name: 'OSCE' }],
    agenda: [
      { title: { en: 'Border protection' }, kind: 'discussion', plannedMinutes: 30 },
      { title: { en: 'Cyber threats' }, kind: 'discussion', plannedMinutes: 20 },
    ],
  });
  const aigerim = await addPerson(server, rt, 'Aigerim Bekova', 'Europol');
  const bruno = await addPerson(server, rt, 'Bruno Keller', 'Frontex');
  const chen = await addPerson(server, rt, 'Chen Wei', 'OSCE');
  const [border, cyber] = (await state(server, rt)).agenda.map((i) => i.id);
  await command(server, rt, { type: 'agenda.start', itemId: border });
  await speak(server, rt, aigerim, 'speech');
  await speak(server, rt, bruno, 'question');
  await command(server, rt, { type: 'agenda.start', itemId: cyber });
  await speak(server, rt, chen, 'speech');

  const page = await newYorkConsole(browser, server, rt);
  // The agenda's times and its schedule line are the venue's, on the 24-hour clock.
  const projection = page.getByTestId('projection');
  const startsOn = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: ZONE }).format(
    Date.parse(`${day}T12:00:00Z`),
  );
  await expect(projection).toContainText(`Starts on ${startsOn} at 09:30`);
  await expect(projection).not.toContainText(/early|late|over/);
  const agendaTimes = page.getByTestId('agenda-row').locator('.times span:first-child');
  await expect(agendaTimes).toHaveText(['09:30', '10:00']);
  await page.screenshot({ path: '/tmp/shots/console-agenda.png' });

  await page.getByRole('button', { name: 'Speech log', exact: true }).click();
  const rows = page.getByTestId('speech-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('Chen Wei');
  await expect(rows.nth(1)).toContainText('Bruno Keller');
  await expect(rows.nth(2)).toContainText('Aigerim Bekova');
  await expect(rows.nth(1)).toContainText('Frontex');
  await expect(rows.nth(1)).toContainText('Border protection');
  await expect(rows.nth(1)).toContainText('Question');

  const speeches = (await state(server, rt)).speeches;
  const starts = await page.getByTestId('speech-start').allTextContents();
  expect(starts.map((s) => s.trim())).toEqual([...speeches].reverse().map((s) => venueClock(s.start)));
  for (const s of starts) expect(s.trim()).toMatch(/^\d\d:\d\d$/);

  // A speech that ends while the log is open arrives on top.
  await speak(server, rt, aigerim, 'reply');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText('Aigerim Bekova');
  await expect(rows.nth(0)).toContainText('2× in all');

  const search = page.getByLabel('Search by speaker, delegation or agenda item');
  await search.fill('frontex');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Bruno Keller');
  await search.fill('Cyber');
  await expect(rows).toHaveCount(2);
  await search.fill('aigerim');
  await expect(rows).toHaveCount(2);
  await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Direct reply' });
  await expect(rows).toHaveCount(1);
  await search.fill('Chen');
  await expect(rows).toHaveCount(0);
  await expect(page.getByText('No speech matches.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear the filters' }).click();
  await expect(rows).toHaveCount(4);
  await page.screenshot({ path: '/tmp/shots/console-log.png' });

  // When a link was made reads the same way.
  await page.getByRole('button', { name: 'Joining and links', exact: true }).click();
  const made = (await state(server, rt)).links[0]?.createdAt ?? 0;
  await expect(page.getByTestId('link-row').first()).toContainText(`created ${venueClock(made)}`);
});

test('a speech over its limit shows by how much', async ({ browser, server }) => {
  const rt = await createRoundtable(server, {
    timeZone: ZONE,
    agenda: [{ title: { en: 'Cyber threats' }, kind: 'discussion', plannedMinutes: 20 }],
  });
  const who = await addPerson(server, rt, 'Dana Sultan', 'Europol', 'Analyst');
  await command(server, rt, {
    type: 'floor.setSettings',
    settings: { speakingLimits: { speech: 180, reply: 60, point_of_order: 60, question: 10, opening: 420 } },
  });
  await command(server, rt, { type: 'agenda.start', itemId: (await state(server, rt)).agenda[0]?.id });
  const page = await newYorkConsole(browser, server, rt);
  const { speechId } = await command(server, rt, {
    type: 'floor.give',
    participantId: who,
    kind: 'question',
    expectedSpeechId: null,
  });
  // The floor's own clock says when the ten seconds are up.
  await expect(page.getByTestId('countdown')).toContainText('−0:01', { timeout: 20_000 });
  await command(server, rt, { type: 'floor.end', speechId });
  await page.getByRole('button', { name: 'Speech log', exact: true }).click();
  const row = page.getByTestId('speech-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('limit 0:10');
  await expect(row.locator('td').last()).toContainText(/^\+0:0\d$/);
  await expect(page.getByTestId('log-summary')).toContainText('1 over the limit');
  await page.screenshot({ path: '/tmp/shots/console-log-overtime.png' });
});

test('the roster is searched by name, function and delegation, and filtered by delegation and role', async ({
  page,
  server,
}) => {
  const rt = await createRoundtable(server, { delegations: [{ name: 'Europol' }, { name: 'Frontex' }] });
  await addPerson(server, rt, 'Arman Karimov', 'Europol', 'Analyst');
  await addPerson(server, rt, 'Aliya Nurlanova', 'Europol', 'Head of unit');
  await addPerson(server, rt, 'Bruno Keller', 'Frontex', 'Liaison officer');
  await addPerson(server, rt, 'Chen Wei', null, 'Analyst', 'rapporteur');
  await page.setViewportSize(CONSOLE_SIZE);
  await openConsole(page, rt);
  await page.getByRole('button', { name: 'Roster', exact: true }).click();
  const rows = page.getByTestId('roster-row');
  await expect(rows).toHaveCount(4);
  // Nothing destructive sits on the rows themselves.
  await expect(page.getByRole('button', { name: /^(Ban|Remove)/ })).toHaveCount(0);

  const search = page.getByLabel('Search by name, function or delegation');
  await search.fill('analyst');
  await expect(rows).toHaveCount(2);
  await search.fill('frontex');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Bruno Keller');
  await search.fill('');

  const delegation = page.locator('#roster-delegation');
  await delegation.selectOption({ label: 'Europol (2)' });
  await expect(rows).toHaveCount(2);
  await delegation.selectOption({ label: 'No delegation (1)' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Chen Wei');
  await delegation.selectOption({ label: 'All delegations' });
  await page.locator('#roster-role').selectOption({ label: 'Rapporteur' });
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId('roster-summary')).toContainText('showing 1 of 4');
  await page.locator('#roster-role').selectOption({ label: 'All roles' });
  await expect(rows).toHaveCount(4);
  await page.screenshot({ path: '/tmp/shots/console-roster.png' });
});

test('banning and removing sit behind a row’s menu and ask first', async ({ page, server }) => {
  const rt = await createRoundtable(server, { delegations: [{ name: 'Europol' }] });
  await addPerson(server, rt, 'Arman Karimov', 'Europol', 'Analyst');
  await addPerson(server, rt, 'Aliya Nurlanova', 'Europol', 'Head of unit');
  await page.setViewportSize(CONSOLE_SIZE);
  await openConsole(page, rt);
  await page.getByRole('button', { name: 'Roster', exact: true }).click();
  const arman = page.getByTestId('roster-row').filter({ hasText: 'Arman Karimov' });

  await page.getByRole('button', { name: 'More…: Arman Karimov' }).click();
  await page.screenshot({ path: '/tmp/shots/console-roster-menu.png' });
  await page.getByRole('button', { name: 'Ban…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ban Arman Karimov?' });
  await expect(dialog).toContainText('will not be able to join again');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.screenshot({ path: '/tmp/shots/console-ban-dialog.png' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(arman).toContainText('active');
  await expect(page.getByRole('button', { name: 'More…: Arman Karimov' })).toBeFocused();

  await page.getByRole('button', { name: 'More…: Arman Karimov' }).click();
  await page.getByRole('button', { name: 'Ban…' }).click();
  await dialog.getByRole('button', { name: 'Ban', exact: true }).click();
  await expect(arman).toContainText('banned');
  expect((await state(server, rt)).participants.find((p) => p.name === 'Arman Karimov')?.status).toBe('banned');

  await page.getByRole('button', { name: 'More…: Aliya Nurlanova' }).click();
  await page.getByRole('button', { name: 'Remove from the roster…' }).click();
  const remove = page.getByRole('dialog', { name: 'Remove Aliya Nurlanova?' });
  await remove.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(page.getByTestId('roster-row').filter({ hasText: 'Aliya Nurlanova' })).toContainText('removed');
});
