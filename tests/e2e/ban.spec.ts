import { randomBytes } from 'node:crypto';
import type { JoinResponse } from '@roundtable/shared';
import { createRoundtable, expect, openConsole, test } from './fixtures.js';

const PHONE_SIZE = { width: 390, height: 844 };
const CONSOLE_SIZE = { width: 1280, height: 800 };

test('a banned person rejoining from a new device waits until the moderator admits them', async ({
  page,
  phone,
  server,
}) => {
  const rt = await createRoundtable(server, { delegations: [{ name: 'Europol' }, { name: 'Frontex' }] });
  const europol = (await (await fetch(`${server.url}/api/join/${rt.joinCode}`)).json()) as {
    delegations: { id: string; name: string }[];
  };
  const first = await fetch(`${server.url}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      code: rt.joinCode,
      deviceToken: randomBytes(16).toString('base64url'),
      profile: { name: 'Arman Karimov', function: '', delegation: { id: europol.delegations[0]?.id }, language: 'en' },
    }),
  });
  expect(((await first.json()) as JoinResponse).pending).toBe(false);

  await page.setViewportSize(CONSOLE_SIZE);
  await openConsole(page, rt);
  await page.getByRole('button', { name: 'Roster' }).click();
  await page.getByRole('button', { name: 'More…: Arman Karimov' }).click();
  await page.getByRole('button', { name: 'Ban…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Ban', exact: true }).click();
  await expect(page.getByTestId('roster-row').filter({ hasText: 'Arman Karimov' })).toContainText('banned');

  // The same person on a new device, typing their name a little differently.
  const { page: mobile } = await phone();
  await mobile.setViewportSize(PHONE_SIZE);
  await mobile.goto(`/j/${rt.joinCode}`);
  await mobile.getByLabel('Your name').fill('arman KARIMOV ');
  await mobile.getByLabel('Delegation', { exact: true }).selectOption({ label: 'Europol' });
  await mobile.getByRole('button', { name: 'Join' }).click();
  const waiting = mobile.getByTestId('waiting');
  await expect(waiting.getByRole('heading', { name: 'Waiting for a moderator' })).toBeVisible();
  await expect(waiting).toContainText('A moderator will let you in shortly');
  await expect(mobile.getByRole('heading', { name: 'Ask for the floor' })).toHaveCount(0);
  await expect(waiting).toContainText('You joined as arman KARIMOV, Europol');
  await mobile.screenshot({ path: '/tmp/shots/ban-phone-waiting.png' });
  await mobile.getByLabel('Language').first().selectOption('kk');
  await expect(waiting.getByRole('heading', { name: 'Модераторды күту' })).toBeVisible();
  await mobile.screenshot({ path: '/tmp/shots/ban-phone-waiting-kk.png' });
  await mobile.getByLabel('Тіл').first().selectOption('en');

  const pending = page.getByTestId('pending');
  await expect(pending.getByRole('heading', { name: 'Waiting for approval (1)' })).toBeVisible();
  await expect(pending.getByTestId('pending-row')).toContainText('was banned as Arman Karimov, Europol');
  await expect(page.getByRole('button', { name: /Roster.*Waiting for approval: 1/ })).toBeVisible();
  await expect(page.getByTestId('roster-row')).toHaveCount(1);
  await page.screenshot({ path: '/tmp/shots/ban-console-pending.png' });

  await pending.getByRole('button', { name: 'Admit: arman KARIMOV' }).click();
  await expect(mobile.getByRole('heading', { name: 'Ask for the floor' })).toBeVisible();
  await expect(mobile.getByTestId('waiting')).toHaveCount(0);
  await expect(page.getByTestId('pending')).toHaveCount(0);
  // Matching by text ignores case, which would find the banned Arman Karimov too.
  await expect(page.getByTestId('roster-row').filter({ hasText: /arman KARIMOV/ })).toContainText('active');
  await mobile.screenshot({ path: '/tmp/shots/ban-phone-admitted.png' });
  await page.screenshot({ path: '/tmp/shots/ban-console-admitted.png' });
});
