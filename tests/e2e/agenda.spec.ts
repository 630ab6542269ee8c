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
  await expect(page.getByTestId('projection')).toContainText('Planned end 01:10');

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
