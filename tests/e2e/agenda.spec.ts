import fs from 'node:fs';
import { createRoundtable, expect, openConsole, test } from './fixtures.js';

const scenario = JSON.parse(
  fs.readFileSync(new URL('../../server/src/demo/eu-kazakhstan-roundtable.json', import.meta.url), 'utf8'),
) as { agenda: { kind: string; minutes: number; title: Record<string, string> }[] };

test('the scenario’s agenda is built, the first item started, and a phone shows it', async ({
  page,
  phone,
  server,
}) => {
  const rt = await createRoundtable(server, {
    startsAt: '2026-12-03T09:30',
    timeZone: 'Asia/Almaty',
    organisers: ['Delegation of the European Union to Kazakhstan'],
  });
  const agenda = scenario.agenda.map((a) => ({ title: a.title, kind: a.kind, plannedMinutes: a.minutes }));
  await openConsole(page, rt);
  await page.getByLabel('Import (JSON)').setInputFiles({
    name: 'agenda.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ agenda })),
  });
  await expect(page.getByTestId('agenda-row')).toHaveCount(8);
  await expect(page.getByTestId('agenda-row').nth(3)).toContainText('Coffee break');
  await expect(page.getByTestId('projection')).toContainText('Planned end 13:10 · Starts on 3 Dec at 09:30');

  const { page: mobile } = await phone();
  await mobile.goto(`/j/${rt.joinCode}`);
  await mobile.getByLabel('Your name').fill('Ruslan Bekov');
  await mobile.getByRole('button', { name: 'Join' }).click();
  await expect(mobile.getByText('The roundtable has not started yet.')).toBeVisible();

  await page.getByTestId('agenda-row').first().getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('agenda-row').first()).toContainText('in progress');
  await expect(mobile.getByTestId('current-item')).toHaveText('Opening remarks');
  await expect(mobile.getByText('in progress').first()).toBeVisible();

  // The phone in Kazakh shows the item's Kazakh title.
  await mobile.getByLabel('Language').first().selectOption('kk');
  await expect(mobile.getByTestId('current-item')).toHaveText('Кіріспе сөз');
});

/** Someone joining by the code over HTTP, as a phone does; the console only needs them in its roster. */
async function joinAs(server: { url: string }, code: string, name: string, delegation: string) {
  const res = await fetch(`${server.url}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      code,
      deviceToken: `device-${name.replace(/\W/g, '')}-${code}`,
      profile: { name, function: 'Head of delegation', delegation: { name: delegation }, language: 'en' },
    }),
  });
  expect(res.status).toBe(200);
}

test('an agenda exported from one roundtable imports into another: invited speakers by name, the absent as placeholders', async ({
  page,
  server,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const delegations = [{ name: 'Europol' }, { name: 'OSCE Programme Office in Astana' }];
  const last = await createRoundtable(server, { delegations });
  await joinAs(server, last.joinCode, 'Ruslan Bekov', 'Europol');
  await joinAs(server, last.joinCode, 'Aigerim Sultanova', 'OSCE Programme Office in Astana');
  await openConsole(page, last);
  await page.getByRole('button', { name: 'Add an agenda item' }).click();
  await page.getByLabel('Title (English)').fill('Opening remarks');
  for (const name of ['Ruslan Bekov', 'Aigerim Sultanova']) {
    await page.getByLabel('Invite', { exact: true }).selectOption({ label: name });
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
  }
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('agenda-row')).toHaveCount(1);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export agenda (JSON)' }).click();
  const file = fs.readFileSync((await (await download).path()) ?? '');

  // This year: Ruslan has joined already, Aigerim has not.
  const next = await createRoundtable(server, { delegations });
  await joinAs(server, next.joinCode, 'Ruslan Bekov', 'Europol');
  await openConsole(page, next);
  await page
    .getByLabel('Import (JSON)')
    .setInputFiles({ name: 'agenda.json', mimeType: 'application/json', buffer: file });
  await expect(page.getByTestId('agenda-row')).toHaveCount(1);
  await expect(page.getByTestId('placeholders')).toContainText('Invited speakers not here yet: 1.');
  await page.getByTestId('agenda-row').getByRole('button', { name: 'Edit' }).click();
  const speakers = page.locator('fieldset.speakers li');
  await expect(speakers).toHaveCount(2);
  await expect(speakers.first()).toHaveText(/^\s*Ruslan Bekov/);
  await expect(speakers.nth(1).getByTestId('placeholder')).toContainText(
    'Aigerim Sultanova, Head of delegation · OSCE Programme Office in Astana not here yet',
  );
  await page.locator('fieldset.speakers').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/shots/agenda-placeholder.png' });
  await page.getByRole('button', { name: 'Cancel' }).click();

  // She joins: the placeholder becomes her, and starting the item puts both in the queue in protocol order.
  await joinAs(server, next.joinCode, 'Aigerim Sultanova', 'OSCE Programme Office in Astana');
  await expect(page.getByTestId('placeholders')).toHaveCount(0);
  await page.getByTestId('agenda-row').getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('queue-row')).toHaveCount(2);
  await expect(page.getByTestId('queue-row').first()).toContainText('Ruslan Bekov');
  await expect(page.getByTestId('queue-row').nth(1)).toContainText('Aigerim Sultanova');
  await page.getByTestId('agenda-row').getByRole('button', { name: 'Edit' }).click();
  await expect(speakers.nth(1)).toHaveText(/^\s*Aigerim Sultanova/);
  await expect(page.getByTestId('placeholder')).toHaveCount(0);
  await page.locator('fieldset.speakers').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/shots/agenda-matched.png' });
});
