import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import jsQR from 'jsqr';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Locator, Page } from '@playwright/test';
import type { InvitationList, StateView } from '@roundtable/shared';
import { connect, connected, join, nextState, send } from '../support/clients.js';
import { createRoundtable, expect, openConsole, test, type RunningServer } from './fixtures.js';

// Twice the pixels: the screenshots of the QR codes are what a phone's camera would see of the paper.
test.use({ deviceScaleFactor: 2 });

const SHOTS = '/tmp/shots';
// As long as a name may be (100 letters), with a function of 148.
const LONG_NAME =
  'Александра-Мария Константиновна Преображенская-Рождественская фон Шлезвиг-Гольштейн-Зондербургская I';
const LONG_FUNCTION =
  'Чрезвычайный и полномочный посол, постоянный представитель при международных организациях в Вене, советник по вопросам безопасности и сотрудничества';
const LONG_DELEGATION =
  'Постоянное представительство Республики Казахстан при Организации по безопасности и сотрудничеству в Европе';

const row = { function: '', delegation: 'Kazakhstan', language: 'kk', role: 'participant', email: '', note: '' };
const INVITEES = [
  { ...row, name: 'Әлихан Бөкейхан', function: 'Елші' },
  { ...row, name: 'Айгүл Сәрсенбайқызы Жұмабаева', function: 'Бас кеңесші', role: 'head' },
  {
    ...row,
    name: 'Наталья Сергеевна Иванова',
    function: 'Советник',
    delegation: 'Российская Федерация',
    language: 'ru',
  },
  { ...row, name: 'Дмитрий Воскресенский', function: 'Атташе', delegation: 'Российская Федерация', language: 'ru' },
  { ...row, name: 'Sofia Marin', function: 'Head of Unit', delegation: 'European Union', language: 'en' },
  { ...row, name: LONG_NAME, function: LONG_FUNCTION, delegation: LONG_DELEGATION, language: 'ru' },
];
const WALK_IN = 'Pieter de Vries';

/** A roundtable with the invitees imported by its moderator and one walk-in who joined with the code. */
async function withInvitees(server: RunningServer) {
  expect(LONG_NAME).toHaveLength(100);
  const rt = await createRoundtable(server, {
    title: {
      en: 'Roundtable on border security',
      ru: 'Круглый стол по безопасности границ',
      kk: 'Шекара қауіпсіздігі жөніндегі дөңгелек үстел',
    },
  });
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  await connected(moderator);
  expect(await send(moderator, { type: 'invitee.import', invitees: INVITEES })).toMatchObject({ ok: true });
  expect((await join(server.url, rt.joinCode, WALK_IN)).status).toBe(200);
  const state = await nextState(moderator, (s) => s.participants.length === INVITEES.length + 1);
  const res = await fetch(`${server.url}/api/roundtables/${rt.roundtableId}/invitations`, {
    headers: { authorization: `Bearer ${rt.moderatorSecret}` },
  });
  const { invitations } = (await res.json()) as InvitationList;
  const linkOf = (name: string) => {
    const id = state.participants.find((p) => p.name === name)?.id;
    return invitations.find((i) => i.participantId === id)?.url;
  };
  return { rt, moderator, state, linkOf };
}

/** Opens the badges from the moderator console's roster, as a moderator does. */
async function openBadges(page: Page, rt: Awaited<ReturnType<typeof withInvitees>>['rt']): Promise<Page> {
  await openConsole(page, rt);
  await page.getByRole('button', { name: 'Roster', exact: true }).click();
  const [sheet] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('link', { name: 'Print badges' }).click(),
  ]);
  await expect(sheet).toHaveURL(new RegExp(`/r/${rt.roundtableId}/badges$`));
  return sheet;
}

/** Decodes a screenshot of a badge's QR code, as a phone's camera would: Chromium reads the PNG, jsQR the code. */
async function scan(sheet: Page, qr: Locator): Promise<string | null> {
  const png = await qr.screenshot();
  const { data, width, height } = await sheet.evaluate(async (base64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${base64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [img.naturalWidth, img.naturalHeight];
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no canvas');
    ctx.drawImage(img, 0, 0);
    // The pixels back as base64: half a million numbers as a JSON array take seconds a badge.
    const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let binary = '';
    for (let i = 0; i < pixels.length; i += 0x8000) binary += String.fromCharCode(...pixels.subarray(i, i + 0x8000));
    return { data: btoa(binary), width: canvas.width, height: canvas.height };
  }, png.toString('base64'));
  return jsQR(new Uint8ClampedArray(Buffer.from(data, 'base64')), width, height)?.data ?? null;
}

const badgeOf = (sheet: Page, name: string) => sheet.getByTestId('badge').filter({ hasText: name });

/** The PDF Chromium prints of the page: the badges on each page (their "Scan to join"), the paper in millimetres. */
async function printed(sheet: Page): Promise<{ badges: number[]; width: number; height: number }> {
  // page.pdf() prints with the screen's styles once a test has emulated the screen: print media, as a printer has.
  await sheet.emulateMedia({ media: 'print' });
  const pdf = await getDocument({ data: new Uint8Array(await sheet.pdf({ preferCSSPageSize: true })) }).promise;
  const { width, height } = (await pdf.getPage(1)).getViewport({ scale: 1 });
  const mm = (pt: number) => Math.round((pt / 72) * 25.4);
  const badges: number[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const text = (await (await pdf.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
    badges.push(text.split('Scan to join').length - 1);
  }
  return { badges, width: mm(width), height: mm(height) };
}

/** Whether any of the badge's texts is wider or taller than its box, or the badge spills out of its paper. */
async function overflows(badge: Locator): Promise<string[]> {
  return badge.evaluate((el) => {
    const wrong: string[] = [];
    const box = el.getBoundingClientRect();
    for (const part of el.querySelectorAll<HTMLElement>('p, .texts, figure')) {
      const r = part.getBoundingClientRect();
      if (part.scrollWidth > part.clientWidth + 1 || part.scrollHeight > part.clientHeight + 1)
        wrong.push(`${part.className} overflows`);
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
        wrong.push(`${part.className} leaves the badge`);
    }
    return wrong;
  });
}

test('badges show each person, and each QR code scans to that person’s own invitation', async ({
  page,
  phone,
  server,
}) => {
  const { rt, moderator, state, linkOf } = await withInvitees(server);
  const sheet = await openBadges(page, rt);
  const everyone = [...INVITEES.map((i) => i.name), WALK_IN];
  await expect(sheet.getByTestId('badge')).toHaveCount(everyone.length);
  await expect(sheet.getByTestId('badge-count')).toHaveText('Badges: 7 · pages: 2');

  for (const name of everyone) {
    const badge = badgeOf(sheet, name);
    await expect(badge.getByTestId('badge-name')).toHaveText(name);
    const link = linkOf(name);
    expect(link, name).toMatch(new RegExp(`^${server.url}/i/${rt.roundtableId}/[^/]+#key=`));
    expect(await scan(sheet, badge.locator('svg.qr')), name).toBe(link);
  }
  // By delegation, then name; the walk-in without a delegation last.
  await expect(sheet.getByTestId('badge-name')).toHaveText([
    'Sofia Marin',
    'Айгүл Сәрсенбайқызы Жұмабаева',
    'Әлихан Бөкейхан',
    LONG_NAME,
    'Дмитрий Воскресенский',
    'Наталья Сергеевна Иванова',
    WALK_IN,
  ]);

  // A phone that scans Әлихан's badge is Әлихан, with no typing.
  const kazakh = await scan(sheet, badgeOf(sheet, 'Әлихан Бөкейхан').locator('svg.qr'));
  const alikhan = state.participants.find((p) => p.name === 'Әлихан Бөкейхан');
  const { page: mobile } = await phone();
  await mobile.goto(kazakh ?? '');
  await expect(mobile).toHaveURL(new RegExp(`/r/${rt.roundtableId}$`));
  const arrived = await nextState(moderator, (s: StateView) =>
    s.participants.some((p) => p.id === alikhan?.id && p.status === 'active'),
  );
  expect(arrived.participants.find((p) => p.id === alikhan?.id)?.invitation?.claimedAt).not.toBeNull();
  const bound = await mobile.evaluate(() => localStorage.getItem('roundtable.identity.v1') ?? '');
  expect(JSON.parse(bound).devices[rt.roundtableId].participantId).toBe(alikhan?.id);

  // Re-issued: the badge carries the new link at once.
  expect(await send(moderator, { type: 'invitation.reissue', participantId: alikhan?.id ?? '' })).toMatchObject({
    ok: true,
  });
  await expect.poll(() => scan(sheet, badgeOf(sheet, 'Әлихан Бөкейхан').locator('svg.qr'))).not.toBe(kazakh);
  expect(await scan(sheet, badgeOf(sheet, 'Әлихан Бөкейхан').locator('svg.qr'))).toBe(
    (await withLinks(server.url, rt.roundtableId, rt.moderatorSecret)).get(alikhan?.id ?? ''),
  );
});

async function withLinks(url: string, roundtableId: string, key: string): Promise<Map<string, string>> {
  const res = await fetch(`${url}/api/roundtables/${roundtableId}/invitations`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return new Map(((await res.json()) as InvitationList).invitations.map((i) => [i.participantId, i.url]));
}

test('badges print four to an A4 sheet or one to an A6 page, long names fit, and the language and people can be chosen', async ({
  page,
  server,
}) => {
  const { rt } = await withInvitees(server);
  const sheet = await openBadges(page, rt);
  fs.mkdirSync(SHOTS, { recursive: true });
  await expect(sheet.getByTestId('badge')).toHaveCount(7);
  await sheet.screenshot({ path: `${SHOTS}/badges-screen.png`, fullPage: true });
  const axe = await new AxeBuilder({ page: sheet }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);

  // The A4 sheet: four badges a page, two pages for seven, on A4 paper.
  await expect(sheet.getByTestId('badge-page')).toHaveCount(2);
  await expect(sheet.getByTestId('badge-page').first().getByTestId('badge')).toHaveCount(4);
  const long = badgeOf(sheet, LONG_NAME);
  expect(await overflows(long)).toEqual([]);
  expect(await printed(sheet)).toEqual({ badges: [4, 3], width: 210, height: 297 });
  await expect(sheet.getByRole('button', { name: 'Print' })).toBeHidden();
  expect(await overflows(long)).toEqual([]);
  // Four A6 badges in a 2 × 2 grid, edge to edge.
  const boxes = await sheet
    .getByTestId('badge-page')
    .first()
    .evaluate((paper) => {
      const at = paper.getBoundingClientRect();
      const edge = [Math.round(at.left + scrollX), Math.round(at.top + scrollY)];
      const badges = [...paper.querySelectorAll('[data-testid="badge"]')].map((el) => {
        const r = el.getBoundingClientRect();
        return [Math.round(r.left - at.left), Math.round(r.top - at.top)];
      });
      return { edge, badges };
    });
  const [w, h] = [Math.round((105 / 25.4) * 96), Math.round((148 / 25.4) * 96)];
  expect(boxes.edge).toEqual([0, 0]);
  expect(boxes.badges).toEqual([
    [0, 0],
    [w, 0],
    [0, h],
    [w, h],
  ]);
  await sheet.setViewportSize({ width: Math.round((210 / 25.4) * 96), height: Math.round((297 / 25.4) * 96) });
  await sheet
    .getByTestId('badge-page')
    .nth(1)
    .screenshot({ path: `${SHOTS}/badges-print-a4.png` });
  await sheet.emulateMedia({ media: 'screen' });

  // A6: one badge a page, on A6 paper; the long name still fits, in print too.
  await sheet.getByLabel('A6, one badge a page').check();
  await expect(sheet.getByTestId('badge-page')).toHaveCount(7);
  expect(await overflows(long)).toEqual([]);
  expect(await printed(sheet)).toEqual({ badges: [1, 1, 1, 1, 1, 1, 1], width: 105, height: 148 });
  expect(await overflows(long)).toEqual([]);
  await sheet.setViewportSize({ width: Math.round((105 / 25.4) * 96), height: Math.round((148 / 25.4) * 96) });
  await long.screenshot({ path: `${SHOTS}/badges-print-a6-long.png` });
  await badgeOf(sheet, 'Әлихан Бөкейхан').screenshot({ path: `${SHOTS}/badges-print-a6.png` });
  await sheet.emulateMedia({ media: 'screen' });
  await sheet.setViewportSize({ width: 1280, height: 900 });

  // The badges in Kazakh: the title and the line under the code; the console stays English.
  await sheet.getByLabel('Badge language').selectOption('kk');
  await expect(sheet.getByTestId('badge').first()).toContainText('Шекара қауіпсіздігі жөніндегі дөңгелек үстел');
  await expect(sheet.getByTestId('badge').first().locator('figcaption')).toHaveText('Қосылу үшін сканерлеңіз');
  await expect(sheet.getByRole('button', { name: 'Print' })).toBeVisible();
  for (const badge of await sheet.getByTestId('badge').all()) expect(await overflows(badge)).toEqual([]);

  // Whose badges: the expected only (not the walk-in), or one delegation.
  await sheet.getByLabel('Badges for').selectOption({ label: 'Expected only (6)' });
  await expect(sheet.getByTestId('badge')).toHaveCount(6);
  await expect(badgeOf(sheet, WALK_IN)).toHaveCount(0);
  await sheet.getByLabel('Badges for').selectOption({ label: 'Российская Федерация (2)' });
  await expect(sheet.getByTestId('badge-name')).toHaveText(['Дмитрий Воскресенский', 'Наталья Сергеевна Иванова']);
  expect(await sheet.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  await sheet.screenshot({ path: `${SHOTS}/badges-screen-kk-delegation.png`, fullPage: true });
  await sheet
    .getByTestId('badge')
    .nth(1)
    .screenshot({ path: `${SHOTS}/badges-screen-kk.png` });
});
