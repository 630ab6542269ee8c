import type { Browser, Page } from '@playwright/test';
import type { CommandAck, CreateRoundtableResponse } from '@roundtable/shared';
import { createRoundtable, expect, test, type RunningServer } from './fixtures.js';

/** Sends a command over HTTP with the moderator's key, as a script would. */
async function command(server: RunningServer, rt: CreateRoundtableResponse, body: object): Promise<CommandAck> {
  const state = await fetch(`${server.url}/api/roundtables/${rt.roundtableId}`, {
    headers: { authorization: `Bearer ${rt.moderatorSecret}` },
  }).then((r) => r.json() as Promise<{ version: number }>);
  const res = await fetch(`${server.url}/api/roundtables/${rt.roundtableId}/commands`, {
    method: 'POST',
    headers: { authorization: `Bearer ${rt.moderatorSecret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ baseVersion: state.version, command: body }),
  });
  return (await res.json()) as CommandAck;
}

async function rapporteurLink(server: RunningServer, rt: CreateRoundtableResponse): Promise<string> {
  const ack = await command(server, rt, { type: 'link.create', role: 'rapporteur', label: 'Note-takers' });
  if (!ack.ok || !ack.result?.url) throw new Error(`no link: ${JSON.stringify(ack)}`);
  const url = new URL(ack.result.url);
  return url.pathname + url.hash;
}

/** Every outcome-document WebSocket the pages opened, by URL: what a proxy in front would log. */
const documentSockets: string[] = [];
const recordSockets = (page: Page) =>
  page.on('websocket', (ws) => ws.url().includes('/yjs/') && documentSockets.push(ws.url()));

async function rapporteur(browser: Browser, server: RunningServer, link: string, name: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  recordSockets(page);
  await page.goto(link);
  await page.getByLabel('Your name as other editors see it').fill(name);
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
  return page;
}

const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Outcome document, editable' });

test('two rapporteurs write together and see each other’s text and carets; a participant reads it published', async ({
  browser,
  phone,
  server,
}) => {
  const rt = await createRoundtable(server, {
    agenda: [{ title: { en: 'Cyber threats', kk: 'Киберқауіптер' }, kind: 'discussion', plannedMinutes: 30 }],
  });
  const link = await rapporteurLink(server, rt);
  const aigerim = await rapporteur(browser, server, link, 'Aigerim');
  const pieter = await rapporteur(browser, server, link, 'Pieter');

  await editorOf(aigerim).getByRole('paragraph').first().click();
  await aigerim.keyboard.type('Қазақстан мен ЕО ақпарат алмасуды күшейтеді.');
  await expect(editorOf(pieter)).toContainText('Қазақстан мен ЕО ақпарат алмасуды күшейтеді.');
  await expect(pieter.locator('.collab-caret-label', { hasText: 'Aigerim' })).toBeVisible();
  await expect(pieter.getByTestId('editors')).toContainText('Aigerim');

  await editorOf(pieter).getByRole('paragraph').last().click();
  await pieter.keyboard.type('Next meeting in Brussels.');
  await expect(editorOf(aigerim)).toContainText('Next meeting in Brussels.');
  await expect(aigerim.locator('.collab-caret-label', { hasText: 'Pieter' })).toBeVisible();
  await expect(aigerim.getByTestId('save-status')).toHaveText('Saved');
  await expect(pieter.getByTestId('save-status')).toHaveText('Saved');

  // A participant's phone: nothing before publication, then the text, read-only.
  const { page: reader } = await phone();
  recordSockets(reader);
  await reader.goto(`/j/${rt.joinCode}`);
  await reader.getByLabel('Your name').fill('Dana Zhaksylykova');
  await reader.getByRole('button', { name: 'Join' }).click();
  await expect(reader.getByRole('region', { name: 'Ask for the floor' })).toBeVisible();
  await expect(reader.getByRole('button', { name: 'Read the outcome document' })).toHaveCount(0);
  expect(await command(server, rt, { type: 'document.setPublished', published: true })).toMatchObject({ ok: true });
  await reader.getByRole('button', { name: 'Read the outcome document' }).click();
  const published = reader.locator('article.document');
  await expect(published).toContainText('Қазақстан мен ЕО ақпарат алмасуды күшейтеді.');
  await expect(published).toContainText('Next meeting in Brussels.');
  await expect(reader.locator('[contenteditable="true"]')).toHaveCount(0);

  // It stays live: a new sentence reaches the phone, and the reader is not listed as an editor.
  await aigerim.keyboard.type(' Agreed.');
  await expect(published).toContainText('ақпарат алмасуды күшейтеді. Agreed.');
  await expect(aigerim.getByTestId('editors').getByRole('listitem')).toHaveCount(2);

  // Made rapporteur by the moderator, the same phone opens the editor and writes.
  const people = await fetch(`${server.url}/api/roundtables/${rt.roundtableId}`, {
    headers: { authorization: `Bearer ${rt.moderatorSecret}` },
  }).then((r) => r.json() as Promise<{ participants: { id: string }[] }>);
  const participantId = people.participants[0]!.id;
  expect(await command(server, rt, { type: 'participant.setRole', participantId, role: 'rapporteur' })).toMatchObject({
    ok: true,
  });
  await reader.getByRole('link', { name: 'You are a rapporteur: write the outcome document' }).click();
  await expect(reader.getByTestId('save-status')).toHaveText('Saved');
  await editorOf(reader).getByRole('paragraph').last().click();
  await reader.keyboard.type('Dana: agreed.');
  await expect(editorOf(aigerim)).toContainText('Dana: agreed.');

  // Two rapporteurs, the phone reading and then writing: the key rode in a subprotocol, never in a URL.
  expect(documentSockets.length).toBeGreaterThanOrEqual(4);
  for (const url of documentSockets) expect(url).toBe(`${server.url.replace('http', 'ws')}/yjs/${rt.roundtableId}`);
});

test('a rapporteur inserts a speaker line from the speech log, undoes only their own typing, and saves a version', async ({
  browser,
  phone,
  server,
}) => {
  const rt = await createRoundtable(server, {
    agenda: [{ title: { en: 'Border protection' }, kind: 'discussion', plannedMinutes: 30 }],
    delegations: [{ name: 'Frontex' }],
  });
  const { page: speaker } = await phone();
  await speaker.goto(`/j/${rt.joinCode}`);
  await speaker.getByLabel('Your name').fill('Pieter de Vries');
  await speaker.getByLabel('Delegation').selectOption({ label: 'Frontex' });
  await speaker.getByRole('button', { name: 'Join' }).click();
  await expect(speaker.getByRole('region', { name: 'Ask for the floor' })).toBeVisible();

  const link = await rapporteurLink(server, rt);
  const writer = await rapporteur(browser, server, link, 'Aigerim');
  const other = await rapporteur(browser, server, link, 'Yerlan');
  const state = await fetch(`${server.url}/api/roundtables/${rt.roundtableId}`, {
    headers: { authorization: `Bearer ${rt.moderatorSecret}` },
  }).then((r) => r.json() as Promise<{ agenda: { id: string }[]; participants: { id: string }[] }>);
  await command(server, rt, { type: 'agenda.start', itemId: state.agenda[0]!.id });
  await command(server, rt, {
    type: 'floor.give',
    participantId: state.participants[0]!.id,
    kind: 'speech',
    expectedSpeechId: null,
  });

  await editorOf(writer).getByRole('paragraph').first().click();
  await writer.getByRole('button', { name: 'Insert a line for Pieter de Vries' }).click();
  await expect(editorOf(writer)).toContainText(/Pieter de Vries \(Frontex, \d\d:\d\d( [AP]M)?, Border protection\):/);
  await writer.keyboard.type('calls for joint patrols.');
  await expect(editorOf(other)).toContainText('calls for joint patrols.');

  // Undo takes back this writer's typing, not what the other writer added meanwhile.
  await editorOf(other).getByRole('paragraph').last().click();
  await other.keyboard.type('Yerlan’s note.');
  await expect(editorOf(writer)).toContainText('Yerlan’s note.');
  await editorOf(writer).focus();
  await writer.getByRole('button', { name: 'Undo your last change' }).click();
  await expect(editorOf(writer)).not.toContainText('calls for joint patrols.');
  await expect(editorOf(writer)).toContainText('Yerlan’s note.');

  await writer.getByLabel('Name of the version').fill('Draft for delegations’ review');
  await writer.getByRole('button', { name: 'Save version' }).click();
  await expect(writer.getByTestId('versions')).toContainText('Draft for delegations’ review');
  await writer.getByRole('button', { name: 'View' }).click();
  await expect(writer.getByRole('dialog')).toContainText('Yerlan’s note.');
  await writer.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

  // Exports: a Word file named after the roundtable, and a print page that opens on its own.
  const download = writer.waitForEvent('download');
  await writer.getByRole('button', { name: 'Word (DOCX)', exact: true }).click();
  expect((await download).suggestedFilename()).toBe('Roundtable-on-transnational-threats.docx');
  const popup = writer.waitForEvent('popup');
  await writer.getByRole('button', { name: 'Print or PDF' }).click();
  const print = await popup;
  await expect(print.getByRole('heading', { level: 1 })).toHaveText('Roundtable on transnational threats');
  await expect(print.locator('main')).toContainText('Yerlan’s note.');
});

test('a rapporteur who goes offline keeps writing, survives a reload, and syncs when back', async ({
  browser,
  pageErrors,
  server,
}) => {
  const rt = await createRoundtable(server, {
    agenda: [{ title: { en: 'Migrant smuggling' }, kind: 'discussion', plannedMinutes: 30 }],
  });
  const link = await rapporteurLink(server, rt);
  const writer = await rapporteur(browser, server, link, 'Aigerim');
  const other = await rapporteur(browser, server, link, 'Pieter');
  // Under the service worker, so the page itself opens without a network.
  await writer.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await writer.reload();
  await expect.poll(() => writer.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  const status = writer.getByTestId('save-status');
  await expect(status).toHaveText('Saved');

  await writer.context().setOffline(true);
  await expect(status).toHaveText('Offline — nothing unsaved');
  await editorOf(writer).getByRole('paragraph').first().click();
  await writer.keyboard.type('Жазылды желісіз: Routes shift to the Caspian.');
  await expect(status).toHaveText('Offline — changes kept on this device');

  // Leaving with unsaved changes asks first.
  const asked: string[] = [];
  writer.on('dialog', (dialog) => {
    asked.push(dialog.type());
    void dialog.accept();
  });
  await writer.reload();
  expect(asked).toEqual(['beforeunload']);
  await expect(editorOf(writer)).toContainText('Жазылды желісіз: Routes shift to the Caspian.');
  await expect(status).toHaveText('Offline — changes kept on this device');
  await expect(editorOf(other)).not.toContainText('Routes shift');

  await writer.context().setOffline(false);
  await expect(status).toHaveText('Saved', { timeout: 20_000 });
  // While offline the browser reports every failed attempt to connect; those, and only those, were expected.
  pageErrors.allow(/net::ERR_INTERNET_DISCONNECTED/);
  await expect(editorOf(other)).toContainText('Жазылды желісіз: Routes shift to the Caspian.');
  const markdown = await fetch(`${server.url}/api/roundtables/${rt.roundtableId}/document.md`, {
    headers: { authorization: `Bearer ${rt.moderatorSecret}` },
  }).then((r) => r.text());
  expect(markdown).toContain('Жазылды желісіз: Routes shift to the Caspian.');
});
