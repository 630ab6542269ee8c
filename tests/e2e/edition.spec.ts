import type { CommandAck, CreateRoundtableResponse } from '@roundtable/shared';
import * as Y from 'yjs';
import { closeDocuments, openDocument } from '../support/documents.js';
import { createRoundtable, expect, openConsole, test, type RunningServer } from './fixtures.js';

const SHOTS = '/tmp/shots';
const LESSON = 'Share watch lists across borders within a week; Қазақстан hosts the next round.';

async function command(server: RunningServer, rt: CreateRoundtableResponse, body: object): Promise<CommandAck> {
  const state = await fetch(`${server.url}/api/roundtables/${rt.roundtableId}`, {
    headers: { authorization: `Bearer ${rt.moderatorSecret}` },
  }).then((r) => r.json() as Promise<{ version: number; agenda: { id: string }[] }>);
  const res = await fetch(`${server.url}/api/roundtables/${rt.roundtableId}/commands`, {
    method: 'POST',
    headers: { authorization: `Bearer ${rt.moderatorSecret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ baseVersion: state.version, command: body }),
  });
  return (await res.json()) as CommandAck;
}

/** The lessons written under "Key lessons learned", as a rapporteur would, through the real document endpoint. */
async function writeLessons(server: RunningServer, rt: CreateRoundtableResponse) {
  const { doc, synced } = openDocument(server.url, rt.roundtableId, rt.moderatorSecret);
  await synced;
  const fragment = doc.getXmlFragment('default');
  const at = fragment.toArray().findIndex((n) => n.toString().includes('Key lessons learned'));
  const p = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  text.insert(0, LESSON);
  p.insert(0, [text]);
  fragment.insert(at + 1, [p]);
  const md = () =>
    fetch(`${server.url}/api/roundtables/${rt.roundtableId}/document.md`, {
      headers: { authorization: `Bearer ${rt.moderatorSecret}` },
    }).then((r) => r.text());
  await expect.poll(md).toContain(LESSON);
  closeDocuments();
}

test('the moderator ends the roundtable and creates its next edition, which opens with the follow-up', async ({
  browser,
  phone,
  server,
}) => {
  const rt = await createRoundtable(server, {
    startsAt: '2026-12-03T09:30',
    timeZone: 'Asia/Almaty',
    delegations: [{ name: 'Europol' }],
    agenda: [
      {
        title: { en: 'Opening remarks' },
        kind: 'opening',
        plannedMinutes: 20,
        invitedSpeakers: [{ name: 'Ruslan Bekov', function: 'Head of delegation', delegation: 'Europol' }],
      },
      { title: { en: 'Closing' }, kind: 'closing', plannedMinutes: 15 },
    ],
  });
  await writeLessons(server, rt);
  const { page: mobile } = await phone();
  await mobile.goto(`/j/${rt.joinCode}`);
  await mobile.getByLabel('Your name').fill('Dana Akhmetova');
  await mobile.getByRole('button', { name: 'Join' }).click();
  await expect(mobile.getByRole('heading', { name: 'Ask for the floor' })).toBeVisible();

  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await openConsole(page, rt);
  // Nothing offers to end the roundtable while its agenda is still ahead.
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'End the roundtable' })).toHaveCount(0);
  const state = (await fetch(`${server.url}/api/roundtables/${rt.roundtableId}`, {
    headers: { authorization: `Bearer ${rt.moderatorSecret}` },
  }).then((r) => r.json())) as { agenda: { id: string }[] };
  for (const item of state.agenda) {
    expect((await command(server, rt, { type: 'agenda.start', itemId: item.id })).ok).toBe(true);
    expect((await command(server, rt, { type: 'agenda.finish', itemId: item.id })).ok).toBe(true);
  }

  await expect(page.getByRole('heading', { name: 'The last item has finished. End the roundtable?' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/edition-end-offer.png` });
  await page.getByRole('button', { name: 'End the roundtable' }).click();
  const dialog = page.getByRole('dialog', { name: 'End the roundtable?' });
  await dialog.getByRole('button', { name: 'End the roundtable' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'This roundtable has ended' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reopen the roundtable' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/edition-ended.png` });
  await expect(mobile.getByRole('status').filter({ hasText: 'This roundtable has ended' })).toBeVisible();
  // The ask card says why nobody can ask now, not that an item is still to come.
  await expect(mobile.getByText('once the moderator opens an agenda item')).toHaveCount(0);
  await mobile.screenshot({ path: `${SHOTS}/edition-phone-ended.png` });

  await page.getByRole('button', { name: 'Editions', exact: true }).click();
  const table = page.getByRole('table');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText('Ended');
  await page.getByLabel('Date and time of the next edition').fill('2027-12-02T10:00');
  await page.getByRole('button', { name: 'Create the next edition' }).click();

  // The new edition's console, its link to keep shown once.
  await expect(page.getByText('Save your moderator link now')).toBeVisible();
  await expect(page).not.toHaveURL(new RegExp(rt.roundtableId));
  const nextId = new URL(page.url()).pathname.split('/')[2] ?? '';
  await page.screenshot({ path: `${SHOTS}/edition-new-console.png` });
  await page.getByRole('button', { name: 'Editions', exact: true }).click();
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('row').nth(1)).toContainText('2026');
  await expect(table.getByRole('row').nth(1)).toContainText('Ended');
  await expect(table.getByRole('row').nth(2)).toContainText('2027');
  await expect(table.getByRole('row').nth(2)).toContainText('Not finalised');
  await page.screenshot({ path: `${SHOTS}/edition-series.png` });
  // The previous edition's outcome downloads from here, with this edition's key.
  const download = page.waitForEvent('download');
  await table.getByRole('row').nth(1).getByRole('button', { name: 'Outcome (Markdown)' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.md$/);

  await page.goto(`/r/${nextId}/report`);
  const editor = page.getByRole('textbox', { name: 'Outcome document, editable' });
  await expect(editor.getByRole('heading').first()).toHaveText('Follow-up on the previous edition');
  await expect(editor).toContainText(LESSON);
  await page.screenshot({ path: `${SHOTS}/edition-followup.png` });
  await context.close();
});
