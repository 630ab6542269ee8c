import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import type { CreateRoundtableResponse } from '@roundtable/shared';
import * as Y from 'yjs';
import { closeDocuments, openDocument } from '../support/documents.js';
import { pdfText } from '../support/exportText.js';
import { createRoundtable, expect, mintLink, openConsole, test, type RunningServer } from './fixtures.js';

const SHOTS = '/tmp/shots';
const DRAFT = {
  'Border security': 'Border agencies share watch lists within a week of a new alert.',
  'Key lessons learned': 'Joint training of customs officers in Almaty and Aktobe pays off; Қазақстан leads it.',
};
const OBJECTION = 'The week is too short for Frontex: say “within a month”.';

/** The rapporteurs' draft, written under its headings through the real document endpoint. */
async function writeDraft(server: RunningServer, rt: CreateRoundtableResponse) {
  const { doc, synced } = openDocument(server.url, rt.roundtableId, rt.moderatorSecret);
  await synced;
  const fragment = doc.getXmlFragment('default');
  for (const [title, words] of Object.entries(DRAFT)) {
    const at = fragment.toArray().findIndex((n) => n instanceof Y.XmlElement && n.toString().includes(title));
    const p = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    text.insert(0, words);
    p.insert(0, [text]);
    fragment.insert(at + 1, [p]);
  }
  const md = () =>
    fetch(`${server.url}/api/roundtables/${rt.roundtableId}/document.md`, {
      headers: { authorization: `Bearer ${rt.moderatorSecret}` },
    }).then((r) => r.text());
  for (const words of Object.values(DRAFT)) await expect.poll(md).toContain(words);
  closeDocuments();
}

async function joinAs(page: Page, rt: CreateRoundtableResponse, name: string, delegation: string) {
  await page.goto(`/j/${rt.joinCode}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Delegation', { exact: true }).selectOption({ label: delegation });
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('heading', { name: 'Ask for the floor' })).toBeVisible();
}

/** One section of the draft on a phone, found by its heading as a reader finds it. */
const sectionOn = (page: Page, title: string): Locator =>
  page
    .getByTestId('phone-review')
    .locator('section')
    .filter({ has: page.getByRole('heading', { name: title }) });

const fitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test('two heads of delegation answer the draft on their phones, the console sees it live, the final text reaches them', async ({
  browser,
  phone,
  server,
}) => {
  const rt = await createRoundtable(server, {
    timeZone: 'Asia/Almaty',
    delegations: [{ name: 'Europol' }, { name: 'Frontex' }],
    agenda: [
      { title: { en: 'Border security' }, kind: 'discussion', plannedMinutes: 30 },
      { title: { en: 'Coffee' }, kind: 'break', plannedMinutes: 15 },
    ],
  });
  await writeDraft(server, rt);
  const { page: europol } = await phone();
  const { page: frontex } = await phone();
  await joinAs(europol, rt, 'Aigerim Bekova', 'Europol');
  await joinAs(frontex, rt, 'Bruno Keller', 'Frontex');

  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await openConsole(page, rt);
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  const panel = page.getByTestId('review-panel');
  await expect(panel.getByRole('heading', { name: 'Review of the outcome document' })).toBeVisible();
  await expect(panel.getByTestId('review-status')).toHaveText('Open for writing (rounds held: 0)');
  // The moderator names who answers for each delegation, from the people who joined it.
  const heads = () =>
    fetch(`${server.url}/api/roundtables/${rt.roundtableId}`, {
      headers: { authorization: `Bearer ${rt.moderatorSecret}` },
    }).then(async (r) => ((await r.json()) as { review: { heads: string[] } }).review.heads.length);
  const europolHead = panel.getByLabel('Head of delegation Europol');
  await europolHead.selectOption({ label: 'Aigerim Bekova' });
  await expect.poll(heads).toBe(1);
  // A slip is undone by choosing nobody.
  await europolHead.selectOption({ label: 'Mark the head…' });
  await expect.poll(heads).toBe(0);
  await europolHead.selectOption({ label: 'Aigerim Bekova' });
  await expect.poll(heads).toBe(1);
  await panel.getByLabel('Head of delegation Frontex').selectOption({ label: 'Bruno Keller' });
  await expect(panel.getByLabel('Head of delegation Frontex').locator('option:checked')).toHaveText('Bruno Keller');
  await panel.getByRole('button', { name: 'Open the review' }).click();
  await expect(panel.getByTestId('review-status')).toContainText('Round 1 under review: the document is frozen');
  await expect(panel.getByTestId('review-status')).toContainText('Answers until');
  // The break has no section to answer; the item and the two closing sections have.
  await expect(panel.getByRole('columnheader')).toHaveText([
    'Delegation',
    'Border security',
    'Key lessons learned',
    'Next steps',
  ]);
  await expect(panel.getByTestId('review-silent')).toHaveText('Not answered yet: 2: Europol, Frontex');

  // Each phone shows the draft section by section, with its answers.
  for (const mobile of [europol, frontex]) {
    await expect(mobile.getByRole('heading', { name: 'The draft for your delegation to sign off' })).toBeVisible();
    await expect(sectionOn(mobile, 'Border security')).toContainText(DRAFT['Border security']);
    await expect(sectionOn(mobile, 'Key lessons learned')).toContainText(DRAFT['Key lessons learned']);
    await expect(mobile.getByTestId('phone-review').getByRole('heading', { name: 'Coffee' })).toBeVisible();
    await expect(sectionOn(mobile, 'Coffee').getByRole('button')).toHaveCount(0);
  }
  await expect(sectionOn(europol, 'Border security').getByRole('button', { name: 'Endorse' })).toBeVisible();
  expect(await fitsWidth(europol)).toBe(true);
  await europol.screenshot({ path: `${SHOTS}/review-phone-before.png` });
  await europol.screenshot({ path: `${SHOTS}/review-phone-before-full.png`, fullPage: true });

  // Europol endorses every section: it signs the final text.
  for (const title of ['Border security', 'Key lessons learned', 'Next steps']) {
    const section = sectionOn(europol, title);
    await section.getByRole('button', { name: 'Endorse' }).click();
    await expect(section.getByTestId('given')).toHaveText('Your delegation endorses this section');
  }
  const cell = (delegation: string, title: string) =>
    panel
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${delegation}`) }) })
      .getByRole('cell')
      .nth(['Border security', 'Key lessons learned', 'Next steps'].indexOf(title));
  await expect(cell('Europol', 'Border security')).toContainText('Endorses');
  await expect(cell('Europol', 'Next steps')).toContainText('Endorses');
  await expect(panel.getByTestId('review-silent')).toHaveText('Not answered yet: 1: Frontex');

  // Frontex objects to the item, in its own words; a bare objection cannot be sent.
  const border = sectionOn(frontex, 'Border security');
  await border.getByRole('button', { name: 'Object' }).click();
  const why = border.getByLabel('What do you object to?');
  await expect(border.getByRole('button', { name: 'Send' })).toBeDisabled();
  await why.fill(OBJECTION);
  await frontex.screenshot({ path: `${SHOTS}/review-phone-objecting.png` });
  await border.getByRole('button', { name: 'Send' }).click();
  await expect(border.getByTestId('given')).toHaveText('Your delegation objects to this section');
  await expect(why).toHaveCount(0);
  // Each phone shows its own delegation's answers, not the other's.
  await expect(sectionOn(frontex, 'Key lessons learned').getByTestId('given')).toHaveCount(0);
  await expect(border.getByRole('button', { name: 'Endorse' })).toBeVisible();
  expect(await fitsWidth(frontex)).toBe(true);
  await border.scrollIntoViewIfNeeded();
  await frontex.screenshot({ path: `${SHOTS}/review-phone-after.png` });
  await europol.screenshot({ path: `${SHOTS}/review-phone-after-endorsed.png`, fullPage: true });

  await expect(cell('Frontex', 'Border security')).toContainText('Objects');
  await expect(cell('Frontex', 'Border security')).toContainText(OBJECTION);
  await expect(cell('Frontex', 'Key lessons learned')).toHaveText('—');
  await expect(panel.getByTestId('review-silent')).toHaveText('Not answered yet: 0');
  expect(await fitsWidth(page)).toBe(true);
  await panel.screenshot({ path: `${SHOTS}/review-console-panel.png` });
  await page.screenshot({ path: `${SHOTS}/review-console-1280x800.png` });

  // Finalising cannot be undone: the console asks first, saying what it freezes and who signs.
  await panel.getByRole('button', { name: 'Finalise' }).click();
  const confirm = page.getByRole('dialog', { name: 'Finalise the outcome document?' });
  await expect(confirm).toContainText('frozen for good');
  await expect(confirm).toContainText('Endorsed by (every section): Europol. Did not endorse: Frontex.');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.screenshot({ path: `${SHOTS}/review-finalise-confirm-1280x800.png` });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(panel.getByTestId('review-status')).toContainText('Round 1 under review');
  await panel.getByRole('button', { name: 'Finalise' }).click();
  await confirm.getByRole('button', { name: 'Finalise' }).click();
  await expect(panel.getByTestId('review-status')).toHaveText('Final after round 1');
  await expect(panel.getByTestId('review-final')).toContainText('Endorsed by: Europol');
  await expect(panel.getByRole('button', { name: 'Finalise' })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/review-console-final-1280x800.png` });

  // Both phones now read the final text, with nothing left to answer.
  for (const mobile of [europol, frontex]) {
    await expect(mobile.getByRole('heading', { name: 'The final outcome document' })).toBeVisible();
    await expect(sectionOn(mobile, 'Border security')).toContainText(DRAFT['Border security']);
    await expect(sectionOn(mobile, 'Key lessons learned')).toContainText(DRAFT['Key lessons learned']);
    await expect(mobile.getByTestId('phone-review').getByRole('button')).toHaveCount(0);
  }
  await frontex.screenshot({ path: `${SHOTS}/review-phone-final.png`, fullPage: true });

  // The projector shows the final text, and says it is final.
  const projectorUrl = await mintLink(page, 'projector');
  const screen = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await screen.goto(projectorUrl);
  await page.getByLabel('Publish the outcome document').check();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('button', { name: 'Outcome document' }).click();
  const projected = screen.getByTestId('projector-document');
  await expect(projected.getByRole('heading', { name: 'The final outcome document' })).toBeVisible();
  await expect(projected).toContainText(DRAFT['Border security']);
  await screen.screenshot({ path: `${SHOTS}/review-projector-final-1920x1080.png` });
  await screen.close();
  await page.getByRole('button', { name: 'Review', exact: true }).click();

  // The moderator downloads the final text as PDF from the same tab: the text, then the sign-off record.
  const download = page.waitForEvent('download');
  await page
    .getByRole('region', { name: 'The outcome document as a file' })
    .getByRole('button', { name: 'PDF', exact: true })
    .click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.pdf$/);
  const pdf = await pdfText(new Uint8Array(fs.readFileSync((await file.path()) ?? '')));
  for (const words of Object.values(DRAFT)) expect(pdf).toContain(words);
  expect(pdf).toContain('Sign-off of the outcome document');
  expect(pdf).toMatch(/Finalised: .+ \(UTC\+05:00\)/);
  expect(pdf).toContain('Endorsed by: Europol');
  expect(pdf).toContain('Did not endorse: Frontex');
  expect(pdf.indexOf('Sign-off')).toBeGreaterThan(pdf.indexOf(DRAFT['Key lessons learned']));

  // The series list says this edition's outcome was finalised, and the next edition's not yet.
  const next = await fetch(`${server.url}/api/roundtables/${rt.roundtableId}/editions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${rt.moderatorSecret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ startsAt: '2027-12-02T10:00' }),
  });
  expect(next.status).toBe(201);
  await page.getByRole('button', { name: 'Editions', exact: true }).click();
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1).getByRole('cell').nth(4)).toHaveText(/^Finalised on \w+ \d+, \d{4}$/);
  await expect(rows.nth(2).getByRole('cell').nth(4)).toHaveText('Not finalised');
  await page.screenshot({ path: `${SHOTS}/series-finalised-1280x800.png` });
  await context.close();
});

test('a review of a long agenda keeps its table inside the console at 1280×800', async ({ browser, server }) => {
  const items = [
    'Opening remarks',
    'Countering violent extremism online',
    'Trafficking of drugs along the routes',
    'Cybercrime and the digital evidence',
    'Border management',
    'Closing',
  ];
  const rt = await createRoundtable(server, {
    delegations: ['Europol', 'Frontex', 'OSCE', 'UNODC', 'Ministry of Internal Affairs of Kazakhstan'].map((name) => ({
      name,
    })),
    agenda: items.map((title) => ({
      title: { en: title },
      kind: 'discussion',
      plannedMinutes: 30,
    })),
  });
  const version = async () =>
    (
      (await fetch(`${server.url}/api/roundtables/${rt.roundtableId}`, {
        headers: { authorization: `Bearer ${rt.moderatorSecret}` },
      }).then((r) => r.json())) as { version: number }
    ).version;
  const res = await fetch(`${server.url}/api/roundtables/${rt.roundtableId}/commands`, {
    method: 'POST',
    headers: { authorization: `Bearer ${rt.moderatorSecret}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      baseVersion: await version(),
      command: { type: 'review.open', deadline: Date.now() + 3_600_000 },
    }),
  });
  expect(((await res.json()) as { ok: boolean }).ok).toBe(true);

  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await openConsole(page, rt);
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  const panel = page.getByTestId('review-panel');
  await expect(panel.getByRole('columnheader')).toHaveCount(9);
  // The page never scrolls sideways; the card holds the table, scrolling it within if it must.
  expect(await fitsWidth(page)).toBe(true);
  const card = await panel.boundingBox();
  expect((card?.x ?? 0) + (card?.width ?? Infinity)).toBeLessThanOrEqual(1280);
  await page.screenshot({ path: `${SHOTS}/review-console-long-1280x800.png` });
  await context.close();
});
