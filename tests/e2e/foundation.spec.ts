import { expect, test } from './fixtures.js';

test('a moderator creates a roundtable and sees a phone join without reloading', async ({ page, phone }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Create a roundtable' }).click();
  await page.getByLabel('Title (English)').fill('Roundtable on transnational threats');
  await page.getByLabel('Title (Қазақша)').fill('Трансұлттық қауіп-қатерлер жөніндегі дөңгелек үстел');
  await page.getByLabel('Venue').fill('Astana');
  await page.getByRole('textbox', { name: 'Delegation 1' }).fill('Europol');
  await page.getByRole('button', { name: 'Create the roundtable' }).click();

  await expect(page.getByText('Save your moderator link now')).toBeVisible();
  await page.getByRole('button', { name: 'Joining and links' }).click();
  const code = (await page.getByTestId('join-code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
  await page.getByRole('button', { name: 'Roster' }).click();
  await expect(page.getByTestId('roster-row')).toHaveCount(0);

  const { page: mobile } = await phone();
  await mobile.goto(`/j/${code}`);
  await expect(mobile.getByRole('heading', { name: 'Roundtable on transnational threats' })).toBeVisible();
  await mobile.getByLabel('Your name').fill('Aigerim Seitkali');
  await mobile.getByLabel('Function or title').fill('Director');
  await mobile.getByLabel('Delegation', { exact: true }).selectOption({ label: 'Europol' });
  await mobile.getByRole('button', { name: 'Join' }).click();
  await expect(mobile.getByText('Aigerim Seitkali')).toBeVisible();

  const row = page.getByTestId('roster-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Aigerim Seitkali');
  await expect(row).toContainText('Europol');
  await expect(row.locator('.dot.on')).toHaveCount(1);

  // The same phone reloading is the same participant, never a second one.
  await mobile.reload();
  await expect(mobile.getByText('Aigerim Seitkali')).toBeVisible();
  await expect(page.getByTestId('roster-row')).toHaveCount(1);
});
