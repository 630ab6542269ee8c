import type { Page } from '@playwright/test';
import { speakingStatistics, type CreateRoundtableResponse, type StateView } from '@roundtable/shared';
import { createRoundtable, expect, openConsole, test, type RunningServer } from './fixtures.js';

const ZONE = 'Asia/Almaty';

async function state(server: RunningServer, rt: CreateRoundtableResponse): Promise<StateView> {
  const res = await fetch(`${server.url}/api/roundtables/${rt.roundtableId}`, {
    headers: { authorization: `Bearer ${rt.moderatorSecret}` },
  });
  return (await res.json()) as StateView;
}

/** A command over HTTP with the moderator's key, as a script would send it. */
async function command(server: RunningServer, rt: CreateRoundtableResponse, body: object) {
  const { version } = await state(server, rt);
  const res = await fetch(`${server.url}/api/roundtables/${rt.roundtableId}/commands`, {
    method: 'POST',
    headers: { authorization: `Bearer ${rt.moderatorSecret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ baseVersion: version, command: body }),
  });
  const ack = (await res.json()) as { ok: boolean; result?: { participantId?: string; speechId?: string } };
  if (!ack.ok) throw new Error(`${JSON.stringify(body)}: ${JSON.stringify(ack)}`);
  return ack.result ?? {};
}

async function addPerson(server: RunningServer, rt: CreateRoundtableResponse, name: string, delegation: string | null) {
  const { participantId } = await command(server, rt, {
    type: 'participant.add',
    role: 'participant',
    profile: { name, function: '', delegation: delegation ? { name: delegation } : null, language: 'en' },
  });
  if (!participantId) throw new Error('no participant');
  return participantId;
}

async function give(server: RunningServer, rt: CreateRoundtableResponse, participantId: string, kind: string) {
  const { speechId } = await command(server, rt, { type: 'floor.give', participantId, kind, expectedSpeechId: null });
  if (!speechId) throw new Error('no speech');
  return speechId;
}

/** The console's m:ss (h:mm:ss past an hour), to compare what the page shows with the server's log. */
function duration(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(total % 60).padStart(2, '0')}`;
}

const venueClock = (ms: number) =>
  new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: ZONE }).format(ms);

const totalsIn = (page: Page, table: string) =>
  page
    .getByTestId(`${table}-row`)
    .evaluateAll((rows) =>
      rows.map((r) => [
        r.querySelector('th')?.textContent?.trim(),
        r.querySelector('[data-testid=total]')?.textContent?.trim(),
      ]),
    );

test('the statistics tab charts each delegation’s time and the day’s items, with tables of the right totals', async ({
  browser,
  server,
}) => {
  const rt = await createRoundtable(server, {
    timeZone: ZONE,
    delegations: [{ name: 'Europol' }, { name: 'Frontex' }, { name: 'OSCE' }],
    agenda: [
      { title: { en: 'Opening remarks' }, kind: 'opening', plannedMinutes: 20 },
      { title: { en: 'Cyber threats' }, kind: 'discussion', plannedMinutes: 30 },
    ],
  });
  const aigerim = await addPerson(server, rt, 'Aigerim Bekova', 'Europol');
  const bruno = await addPerson(server, rt, 'Bruno Keller', 'Frontex');
  const dana = await addPerson(server, rt, 'Dana Serikqyzy', null);
  const [opening] = (await state(server, rt)).agenda.map((i) => i.id);
  await command(server, rt, { type: 'agenda.start', itemId: opening });
  await command(server, rt, { type: 'floor.end', speechId: await give(server, rt, aigerim, 'speech') });
  await command(server, rt, { type: 'floor.end', speechId: await give(server, rt, bruno, 'question') });
  await command(server, rt, { type: 'floor.end', speechId: await give(server, rt, aigerim, 'reply') });

  for (const size of [
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 },
  ]) {
    const context = await browser.newContext({ baseURL: server.url, viewport: size, locale: 'en-GB' });
    const page = await context.newPage();
    await openConsole(page, rt);
    await page.getByRole('button', { name: 'Statistics', exact: true }).click();
    const bars = page.getByTestId('delegation-bar');
    // Every delegation of the roster has its bar, OSCE too, which has not spoken; "no delegation" once Dana has.
    const danaSpoke = size.width > 1280;
    await expect(bars).toHaveCount(danaSpoke ? 4 : 3);
    await expect(page.getByTestId('timeline-row')).toHaveCount(2);
    await expect(page.getByTestId('people-table-row')).toHaveCount(danaSpoke ? 3 : 2);
    await expect(page.getByTestId('people-table-row').filter({ hasText: 'Aigerim Bekova' })).toContainText(
      /2\s*Speech 1\s*Direct reply 1/,
    );
    const items = page.getByTestId('items-table-row');
    const first = (await state(server, rt)).agenda[0]?.runs[0]?.start ?? 0;
    await expect(items.first()).toContainText(new RegExp(`Opening remarks\\s*${venueClock(first)}\\s*20:00`));

    if (!danaSpoke) {
      // A speech on the floor counts as it goes: Dana, with no delegation, soon leads both tables.
      const speechId = await give(server, rt, dana, 'point_of_order');
      await expect(bars).toHaveCount(4);
      await expect(page.getByTestId('people-table-row').first()).toContainText('Dana Serikqyzy');
      await expect(page.getByTestId('people-table-row').first().getByTestId('total')).toHaveText(/^0:0[2-9]$/);
      await expect(page.getByTestId('delegation-table-row').first()).toContainText('No delegation');
      await command(server, rt, { type: 'floor.end', speechId });
    }
    await expect(page.getByTestId('people-table-row')).toHaveCount(3);

    // What the page shows is what the server's log adds up to, person by person and delegation by delegation.
    const stats = speakingStatistics(await state(server, rt), Date.now());
    await expect
      .poll(() => totalsIn(page, 'people-table'))
      .toEqual(stats.people.map((p) => [p.name, duration(p.totalMs)]));
    await expect
      .poll(() => totalsIn(page, 'delegation-table'))
      .toEqual(stats.delegations.map((d) => [d.name || 'No delegation', duration(d.totalMs)]));
    await expect(page.getByTestId('stats-summary')).toContainText(`Speeches: 4 · ${duration(stats.totalMs)} in all`);
    await page.screenshot({ path: `/tmp/shots/stats-${size.width}x${size.height}.png`, fullPage: true });
    if (!danaSpoke) {
      // In Kazakh, the longest headers of the three languages, the tables still fit the console.
      await page.getByLabel('Language').first().selectOption('kk');
      await page.getByRole('button', { name: 'Статистика', exact: true }).click();
      await expect(page.getByRole('heading', { name: 'Сөз сөйлеу статистикасы' })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
      await page.screenshot({ path: '/tmp/shots/stats-kk-1280x800.png', fullPage: true });
      await page.getByLabel('Тіл').first().selectOption('en');
    }
    // The roster says how often and how long each person spoke, too.
    await page.getByRole('button', { name: 'Roster', exact: true }).click();
    const aigerimRow = page.getByTestId('roster-row').filter({ hasText: 'Aigerim Bekova' });
    await expect(aigerimRow.getByTestId('roster-spoken')).toContainText('spoke 2×');
    if (danaSpoke) await page.screenshot({ path: '/tmp/shots/stats-roster-1920x1080.png' });
    await context.close();
  }
});
