import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import type { CommandAck, CreateRoundtableResponse, StateView } from '@roundtable/shared';
import { createRoundtable, expect, openConsole, test, type RunningServer } from './fixtures.js';

/** Sends a command over HTTP with a secret (the moderator's link, or a participant's device token), as a script would. */
async function command(server: RunningServer, rt: CreateRoundtableResponse, secret: string, body: object) {
  const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
  const state = await view(server, rt);
  const res = await fetch(`${server.url}/api/roundtables/${rt.roundtableId}/commands`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ baseVersion: state.version, command: body }),
  });
  const ack = (await res.json()) as CommandAck;
  expect(ack, JSON.stringify(body)).toMatchObject({ ok: true });
  return ack;
}

const view = (server: RunningServer, rt: CreateRoundtableResponse) =>
  fetch(`${server.url}/api/roundtables/${rt.roundtableId}`, {
    headers: { authorization: `Bearer ${rt.moderatorSecret}` },
  }).then((r) => r.json() as Promise<StateView>);

/** Joins over HTTP as a phone would; returns the device token that is this participant's secret. */
async function join(server: RunningServer, rt: CreateRoundtableResponse, name: string, delegationId: string) {
  const deviceToken = `device-${name.replace(/\W/g, '')}-${'x'.repeat(24)}`;
  const res = await fetch(`${server.url}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      code: rt.joinCode,
      deviceToken,
      profile: { name, function: 'Expert', delegation: { id: delegationId }, language: 'en' },
    }),
  });
  expect(res.status).toBe(200);
  return deviceToken;
}

async function rapporteur(browser: Browser, server: RunningServer, link: string, size = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ baseURL: server.url, viewport: size });
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
  return page;
}

/** The inbox's WCAG 2.1 AA failures as axe-core finds them (the whole page is accessibility.spec.ts's). */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .include('[data-testid="inbox"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Outcome document, editable' });
const inboxOf = (page: Page) => page.getByRole('region', { name: 'Written contributions' });
const rowOf = (page: Page, text: string) => inboxOf(page).getByTestId('contribution').filter({ hasText: text });
const tab = (page: Page, name: string, count: number) =>
  inboxOf(page).getByRole('button', { name: `${name} ${count}`, exact: true });

test('a contribution reaches the rapporteurs’ inbox live, goes into the document at the cursor, and is saved', async ({
  browser,
  server,
}) => {
  const rt = await createRoundtable(server, {
    agenda: [
      { title: { en: 'Cyber threats', ru: 'Киберугрозы' }, kind: 'discussion', plannedMinutes: 30 },
      { title: { en: 'Border protection' }, kind: 'discussion', plannedMinutes: 30 },
    ],
    delegations: [{ name: 'Europol' }, { name: 'OSCE' }],
  });
  const moderator = rt.moderatorSecret;
  const link = await command(server, rt, moderator, { type: 'link.create', role: 'rapporteur', label: 'Notes' });
  const url = new URL(link.ok ? (link.result?.url ?? '') : '');
  const linkPath = url.pathname + url.hash;
  const state = await view(server, rt);
  await command(server, rt, moderator, { type: 'agenda.start', itemId: state.agenda[0]!.id });
  const dana = await join(server, rt, 'Dana Zhaksylykova', state.delegations[0]!.id);
  const pieter = await join(server, rt, 'Pieter de Vries', state.delegations[1]!.id);

  const writer = await rapporteur(browser, server, linkPath);
  await expect(inboxOf(writer)).toContainText('Nothing new.');

  // Live: sent from the phones after the page opened, shown by item with name, delegation and time.
  await command(server, rt, dana, {
    type: 'contribution.submit',
    topic: 'item',
    text: 'Share threat data within 24 hours.',
  });
  await command(server, rt, pieter, {
    type: 'contribution.submit',
    topic: 'lessons',
    text: 'Train border guards together.',
  });
  const danas = rowOf(writer, 'Share threat data');
  await expect(danas).toContainText(/Dana Zhaksylykova\s*\(Europol\)\s*\d\d:\d\d/);
  await expect(inboxOf(writer).getByRole('region', { name: 'Cyber threats (1)' })).toContainText('Dana Zhaksylykova');
  await expect(inboxOf(writer).getByRole('region', { name: 'Lessons learned (1)' })).toContainText('Pieter de Vries');
  await expect(tab(writer, 'New', 2)).toHaveAttribute('aria-pressed', 'true');
  // A rapporteur does not run the projector.
  await expect(inboxOf(writer).getByRole('button', { name: 'Show on projector' })).toHaveCount(0);

  expect(await violations(writer)).toEqual([]);
  await writer.screenshot({ path: '/tmp/shots/inbox-1280.png' });
  const wide = await rapporteur(browser, server, linkPath, { width: 1920, height: 1080 });
  await expect(rowOf(wide, 'Train border guards')).toBeVisible();
  await wide.screenshot({ path: '/tmp/shots/inbox-1920.png' });
  // In Russian, the item's own Russian title heads its group.
  await wide.getByLabel('Language', { exact: true }).selectOption('ru');
  await expect(wide.getByRole('region', { name: 'Киберугрозы (1)' })).toContainText('Dana Zhaksylykova');
  await expect(wide.getByRole('region', { name: 'Извлечённые уроки (1)' })).toBeVisible();
  await wide.screenshot({ path: '/tmp/shots/inbox-1920-ru.png' });
  await wide.context().close();

  // Into the document at the cursor, the name in bold, then the delegation; then it is used.
  await editorOf(writer).getByRole('paragraph').first().click();
  await writer.keyboard.type('Summary of the discussion.');
  await danas.getByRole('button', { name: 'Insert at cursor' }).click();
  await expect(editorOf(writer)).toContainText('Dana Zhaksylykova (Europol): Share threat data within 24 hours.');
  await expect(editorOf(writer).locator('strong')).toHaveText('Dana Zhaksylykova');
  // A paragraph of its own after the one the cursor was in, not spliced into its sentence.
  await expect(editorOf(writer).getByRole('paragraph').filter({ hasText: 'Summary' })).toHaveText(
    'Summary of the discussion.',
  );
  await expect(tab(writer, 'Used', 1)).toBeVisible();
  await expect(tab(writer, 'New', 1)).toBeVisible();
  await expect(danas).toHaveCount(0);
  await expect(writer.getByTestId('save-status')).toHaveText('Saved');
  await writer.screenshot({ path: '/tmp/shots/inbox-inserted-1280.png' });

  // Set aside, then found on its tab, and back to new from there.
  await rowOf(writer, 'Train border guards').getByRole('button', { name: 'Set aside' }).click();
  await expect(tab(writer, 'Set aside', 1)).toBeVisible();
  await expect(inboxOf(writer)).toContainText('Nothing new.');
  await tab(writer, 'Used', 1).click();
  await expect(rowOf(writer, 'Share threat data')).toHaveAttribute('data-status', 'used');
  await tab(writer, 'Set aside', 1).click();
  await expect(rowOf(writer, 'Train border guards')).toHaveAttribute('data-status', 'aside');
  expect((await view(server, rt)).contributions.items.map((c) => c.status)).toEqual(['used', 'aside']);

  // Saved and shared: another rapporteur opening the document reads it, in bold.
  const other = await rapporteur(browser, server, linkPath);
  await expect(editorOf(other).locator('strong')).toHaveText('Dana Zhaksylykova');
  await expect(editorOf(other)).toContainText('Dana Zhaksylykova (Europol): Share threat data within 24 hours.');
  await expect(tab(other, 'Used', 1)).toBeVisible();

  // Frozen for the review: the insert button is off, and says why.
  await command(server, rt, moderator, { type: 'review.open', deadline: Date.now() + 3_600_000 });
  await tab(writer, 'All', 2).click();
  const reason = 'The document is frozen while the delegations review it';
  await expect(inboxOf(writer)).toContainText(reason);
  for (const button of await inboxOf(writer).getByRole('button', { name: 'Insert at cursor' }).all()) {
    await expect(button).toBeDisabled();
    await expect(button).toHaveAccessibleDescription(new RegExp(reason));
  }
});

test('the moderator reaches the inbox from the console and shows a contribution on the projector', async ({
  page,
  server,
}) => {
  const rt = await createRoundtable(server, {
    agenda: [{ title: { en: 'Cyber threats' }, kind: 'discussion', plannedMinutes: 30 }],
    delegations: [{ name: 'Europol' }],
  });
  const state = await view(server, rt);
  await command(server, rt, rt.moderatorSecret, { type: 'agenda.start', itemId: state.agenda[0]!.id });
  const dana = await join(server, rt, 'Dana Zhaksylykova', state.delegations[0]!.id);
  await command(server, rt, dana, { type: 'contribution.submit', topic: 'item', text: 'Share threat data.' });

  // The console's own link to the document: the moderator's key opens the rapporteurs' page.
  await openConsole(page, rt);
  await page.getByRole('button', { name: 'Joining and links', exact: true }).click();
  const [report] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('link', { name: /^Open the outcome document/ }).click(),
  ]);
  const row = rowOf(report, 'Share threat data');
  await row.getByRole('button', { name: 'Show on projector' }).click();
  await expect(row).toContainText('On the projector');
  expect(await violations(report)).toEqual([]);
  await report.setViewportSize({ width: 1280, height: 800 });
  await report.screenshot({ path: '/tmp/shots/inbox-moderator-1280.png' });
  const after = await view(server, rt);
  expect(after.projector).toMatchObject({ mode: 'contribution', contributionId: after.contributions.items[0]!.id });
  await row.getByRole('button', { name: 'Projector back to the floor' }).click();
  await expect(row).not.toContainText('On the projector');
  expect((await view(server, rt)).projector.mode).toBe('floor');
});

/** The document's top-level blocks as the editor shows them: "h2 Cyber threats", "p …", "ul …". */
const blocksOf = (page: Page) =>
  editorOf(page).evaluate((el) =>
    [...el.children].map((b) => `${b.tagName.toLowerCase()} ${(b.textContent ?? '').trim()}`.trim()),
  );

test('with no cursor placed a contribution goes to the end of its item’s section; in a list, after the whole list', async ({
  browser,
  server,
}) => {
  const rt = await createRoundtable(server, {
    agenda: [
      { title: { en: 'Cyber threats' }, kind: 'discussion', plannedMinutes: 30 },
      { title: { en: 'Border protection' }, kind: 'discussion', plannedMinutes: 30 },
    ],
    delegations: [{ name: 'Europol' }, { name: 'OSCE' }],
  });
  const moderator = rt.moderatorSecret;
  const link = await command(server, rt, moderator, { type: 'link.create', role: 'rapporteur', label: 'Notes' });
  const url = new URL(link.ok ? (link.result?.url ?? '') : '');
  const state = await view(server, rt);
  await command(server, rt, moderator, { type: 'agenda.start', itemId: state.agenda[1]!.id });
  const dana = await join(server, rt, 'Dana Zhaksylykova', state.delegations[0]!.id);
  const pieter = await join(server, rt, 'Pieter de Vries', state.delegations[1]!.id);
  await command(server, rt, dana, { type: 'contribution.submit', topic: 'item', text: 'Patrol jointly.' });
  await command(server, rt, pieter, { type: 'contribution.submit', topic: 'lessons', text: 'Meet every year.' });

  const writer = await rapporteur(browser, server, url.pathname + url.hash);
  const outline = [
    'h2 Cyber threats',
    'p',
    'h2 Border protection',
    'p',
    'h2 Key lessons learned',
    'p',
    'h2 Next steps',
    'p',
  ];
  expect(await blocksOf(writer)).toEqual(outline);
  // Nobody has touched the document: each goes into its own section, not after the first heading.
  await rowOf(writer, 'Patrol jointly').getByRole('button', { name: 'Insert at cursor' }).click();
  await expect(editorOf(writer)).toContainText('Patrol jointly.');
  await rowOf(writer, 'Meet every year').getByRole('button', { name: 'Insert at cursor' }).click();
  await expect(editorOf(writer)).toContainText('Meet every year.');
  expect(await blocksOf(writer)).toEqual([
    'h2 Cyber threats',
    'p',
    'h2 Border protection',
    'p Dana Zhaksylykova (Europol): Patrol jointly.',
    'h2 Key lessons learned',
    'p Pieter de Vries (OSCE): Meet every year.',
    'h2 Next steps',
    'p',
  ]);
  await writer.screenshot({ path: '/tmp/shots/inbox-inserted-sections.png' });

  // The cursor in a bullet list: the contribution follows the whole list, as a paragraph of its own.
  await editorOf(writer).getByRole('paragraph').first().click();
  await writer.keyboard.type('- First point');
  await writer.keyboard.press('Enter');
  await writer.keyboard.type('Second point');
  await expect(editorOf(writer).locator('ul > li')).toHaveCount(2);
  await command(server, rt, dana, { type: 'contribution.submit', topic: 'item', text: 'Share radar data.' });
  await rowOf(writer, 'Share radar data').getByRole('button', { name: 'Insert at cursor' }).click();
  await expect(editorOf(writer)).toContainText('Share radar data.');
  expect((await blocksOf(writer)).slice(0, 4)).toEqual([
    'h2 Cyber threats',
    'ul First pointSecond point',
    'p Dana Zhaksylykova (Europol): Share radar data.',
    'h2 Border protection',
  ]);
  await expect(editorOf(writer).locator('ul > li')).toHaveCount(2);
  await expect(writer.getByTestId('save-status')).toHaveText('Saved');
  await writer.screenshot({ path: '/tmp/shots/inbox-inserted-after-list.png' });
});
