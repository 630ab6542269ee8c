import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { createRoundtable, expect, mintLink, openConsole, test } from './fixtures.js';

/** WCAG 2.1 A and AA, as axe-core checks them: contrast, names, roles, labels, landmarks. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.nodes
        .slice(0, 5)
        .map((n) => `${n.target.join(' ')} ${n.any[0]?.message ?? ''}`)
        .join(' | ')}`,
  );
}

test('every page people look at meets WCAG 2.1 AA as axe-core checks it, in light and dark', async ({
  page,
  phone,
  browser,
  server,
}) => {
  test.setTimeout(120_000);
  const demo = await createRoundtable(server, {
    agenda: [{ title: { en: 'Cyber threats' }, kind: 'discussion', plannedMinutes: 30 }],
    delegations: [{ name: 'Europol' }, { name: 'Ministry of Internal Affairs of Kazakhstan' }],
  });
  await openConsole(page, demo);
  await page.getByTestId('agenda-row').first().getByRole('button', { name: 'Start' }).click();

  const { page: mobile } = await phone();
  await mobile.goto(`/j/${demo.joinCode}`);
  await expect(mobile.getByLabel('Your name')).toBeVisible();
  expect(await violations(mobile), 'join page').toEqual([]);
  await mobile.getByLabel('Your name').fill('Aliya Omarova');
  await mobile.getByRole('button', { name: 'Join' }).click();
  await mobile.getByRole('button', { name: 'Ask for the floor' }).click();
  await expect(mobile.getByTestId('my-request')).toBeVisible();
  expect(await violations(mobile), 'participant page, waiting').toEqual([]);

  expect(await violations(page), 'moderator console, run').toEqual([]);
  await page.getByRole('button', { name: 'Next speaker' }).click();
  await expect(mobile.getByRole('alertdialog')).toBeVisible();
  expect(await violations(mobile), 'participant page, your turn').toEqual([]);
  for (const tab of ['Speech log', 'Roster', 'Joining and links', 'Settings']) {
    await page.getByRole('button', { name: tab, exact: true }).click();
    expect(await violations(page), `moderator console, ${tab}`).toEqual([]);
  }

  const projectorUrl = await mintLink(page, 'projector');
  const screen = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await screen.goto(projectorUrl);
  await expect(screen.getByTestId('projector-floor')).toContainText('Aliya Omarova');
  expect(await violations(screen), 'projector').toEqual([]);
  await screen.context().close();

  const rapporteur = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const consoleUrl = new URL(demo.moderatorUrl);
  // The moderator's key opens the document too (the console links to it).
  await rapporteur.goto(demo.moderatorUrl.replace(consoleUrl.origin, server.url));
  await expect(rapporteur.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
  await rapporteur.goto(`${server.url}${consoleUrl.pathname.replace(/moderate$/, 'report')}`);
  await expect(rapporteur.getByTestId('save-status')).toHaveText('Saved');
  expect(await violations(rapporteur), 'rapporteur page').toEqual([]);
  await rapporteur.context().close();
});
