import { createRoundtable, expect, openConsole, test } from './fixtures.js';

test('a phone reads how its data is used, sees what the roundtable holds about it, and deletes its profile', async ({
  phone,
  server,
  page,
}) => {
  const rt = await createRoundtable(server, { organisers: ['EU Delegation to Kazakhstan'] });
  const { page: p } = await phone();
  await p.goto(`/j/${rt.joinCode}`);
  // The default notice: collapsed, and loaded only when opened.
  await p.getByText('How your data is used').click();
  await expect(p.getByText(/^EU Delegation to Kazakhstan run this roundtable\./)).toBeVisible();
  await expect(p.getByText(/until 90 days after the roundtable ends/)).toBeVisible();
  await p.screenshot({ path: '/tmp/shots/privacy-join-notice.png', fullPage: true });

  await p.getByLabel('Your name').fill('Жанар Ермекова');
  await p.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(p.getByRole('heading', { name: 'Ask for the floor' })).toBeVisible();

  // The moderator's console says when the data goes, and the person is on the roster.
  await openConsole(page, rt);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(
    page.getByText('Personal data will be erased automatically 90 days after the roundtable ends.'),
  ).toBeVisible();
  await page.getByRole('region', { name: 'Personal data' }).screenshot({ path: '/tmp/shots/privacy-console.png' });

  await p.getByRole('button', { name: 'Edit my details' }).click();
  const mine = p.getByRole('region', { name: 'What this roundtable holds about me' });
  await expect(mine).toContainText('Жанар Ермекова');
  await expect(mine).toContainText('Speeches');
  await expect(mine).toContainText('Participant');
  await expect(mine).not.toContainText('role.');
  await p.screenshot({ path: '/tmp/shots/privacy-my-data.png', fullPage: true });
  await mine.getByRole('button', { name: 'Delete my profile' }).click();
  const dialog = p.getByRole('dialog');
  await expect(dialog).toContainText('Your speeches stay in the record under your delegation');
  await dialog.getByRole('button', { name: 'Delete my profile' }).click();
  await expect(
    p.getByText('Your profile was deleted from this roundtable, so this phone is signed out.'),
  ).toBeVisible();
  await p.screenshot({ path: '/tmp/shots/privacy-deleted.png', fullPage: true });
  // The moderator erases everyone's data: confirmed first, then the panel says when it happened.
  await page.getByRole('button', { name: 'Erase personal data now' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Erase personal data now' }).click();
  await expect(page.getByText(/^The personal data of this roundtable was erased on /)).toBeVisible();
  // Nothing of the name is left on the phone.
  const stored = await p.evaluate(() => JSON.stringify({ ...localStorage }));
  expect(stored).not.toContain('Жанар');
});
