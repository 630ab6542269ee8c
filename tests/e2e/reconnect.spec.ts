import { createRoundtable, expect, openConsole, test } from './fixtures.js';

test('a phone whose connection drops says so, catches up when back, and never duplicates its request', async ({
  page,
  phone,
  server,
  pageErrors,
}) => {
  const rt = await createRoundtable(server, {
    languages: ['en'],
    agenda: [{ title: { en: 'Drug and arms trafficking' }, kind: 'discussion', plannedMinutes: 30 }],
  });
  await openConsole(page, rt);
  await page.getByTestId('agenda-row').first().getByRole('button', { name: 'Start' }).click();

  const first = (await phone()).page;
  const flaky = await phone();
  for (const [p, name] of [
    [first, 'First Speaker'],
    [flaky.page, 'Flaky Phone'],
  ] as const) {
    await p.goto(`/j/${rt.joinCode}`);
    await p.getByLabel('Your name').fill(name);
    await p.getByRole('button', { name: 'Join' }).click();
    await p.getByRole('button', { name: 'Ask for the floor' }).click();
  }
  await expect(flaky.page.getByText('You are number 2 in the queue')).toBeVisible();

  // The browser's own report of the requests it could not make while offline.
  pageErrors.allow(/net::ERR_INTERNET_DISCONNECTED/);
  await flaky.context.setOffline(true);
  await expect(flaky.page.getByRole('status').filter({ hasText: 'Reconnecting' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Next speaker' }).click();
  await expect(page.getByTestId('queue-row')).toHaveCount(1);

  await flaky.context.setOffline(false);
  await expect(flaky.page.getByText('You are number 1 in the queue')).toBeVisible({ timeout: 30_000 });
  await expect(flaky.page.getByRole('region', { name: 'Speaking now' })).toContainText('First Speaker');
  await expect(flaky.page.getByTestId('my-request')).toHaveCount(1);
  await expect(page.getByTestId('queue-row')).toHaveCount(1);
});
