import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { InvitationList, StateView } from '@roundtable/shared';
import { ruConsole } from '../../client/src/lib/i18n/ru.console.js';
import { closeAll, connect, connected, nextState, send, type TestSocket } from '../support/clients.js';
import { createRoundtable, expect, openConsole, test } from './fixtures.js';

test.afterEach(() => closeAll());

const SHOTS = '/tmp/shots';
const row = { function: 'Посол', email: '', note: '' };
const INVITEES = [
  { ...row, name: 'Наталья Иванова', delegation: 'Frontex', language: 'ru', role: 'speaker' },
  { ...row, name: 'Әлихан Бөкейхан', function: 'Кеңесші', delegation: 'Kazakhstan', language: 'kk', role: 'speaker' },
];
const PARAGRAPH =
  'Уважаемые коллеги! Позвольте поблагодарить организаторов за приглашение и за возможность выступить. ' +
  'Трансграничная преступность не знает границ, и наш ответ должен быть столь же согласованным. ';
const REMARKS = Array.from({ length: 12 }, (_, n) => `${n + 1}. ${PARAGRAPH}`).join('\n\n');
const NEXT_REMARKS = 'Құрметті әріптестер! Біз деректер алмасуды жеделдетуді ұсынамыз.';

const byName = (s: StateView, name: string) => s.participants.find((p) => p.name === name)?.id ?? '';

/** Mints the booth's link in the console's Links panel, as the moderator does. */
async function mintBoothLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Joining and links', exact: true }).click();
  await page.getByLabel('Role').selectOption('booth');
  await page.getByRole('button', { name: 'Create link' }).click();
  const url = await page.locator('.minted input').inputValue();
  expect(new URL(url).pathname).toMatch(/\/booth$/);
  return url;
}

test('an invited speaker’s advance text reaches the booth link, large and scrolling', async ({
  page,
  browser,
  phone,
  server,
}) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const rt = await createRoundtable(server, { timeZone: 'Asia/Almaty' });
  const moderator: TestSocket = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  await connected(moderator);
  expect(await send(moderator, { type: 'invitee.import', invitees: INVITEES })).toMatchObject({ ok: true });
  const listed = await nextState(moderator, (s) => s.participants.length === 2);
  const [speaker, next] = [byName(listed, 'Наталья Иванова'), byName(listed, 'Әлихан Бөкейхан')];

  // The speaker opens their personal link on their phone and sends their remarks from it.
  const links = (await fetch(`${server.url}/api/roundtables/${rt.roundtableId}/invitations`, {
    headers: { authorization: `Bearer ${rt.moderatorSecret}` },
  }).then((r) => r.json())) as InvitationList;
  const personal = new URL(links.invitations.find((i) => i.participantId === speaker)?.url ?? '');
  const { page: mobile } = await phone();
  await mobile.goto(personal.pathname + personal.hash);
  const card = mobile.getByTestId('phone-remarks');
  await expect(card.getByRole('heading', { name: ruConsole['remarks.title'] })).toBeVisible();
  await card.getByLabel(ruConsole['remarks.language']).selectOption('ru');
  await card.getByLabel(ruConsole['remarks.text']).fill(REMARKS);
  await card.getByRole('button', { name: ruConsole['remarks.send'] }).click();
  await expect(card.getByTestId('remarks-status')).toContainText('Отправлено переводчикам в');
  await expect(card.getByRole('button', { name: ruConsole['remarks.replace'] })).toBeDisabled();
  await card.scrollIntoViewIfNeeded();
  await mobile.screenshot({ path: `${SHOTS}/booth-phone-card-360.png` });
  // The phone's room view never holds it: only the card's own field does.
  await expect(mobile.locator('main')).not.toContainText('Позвольте поблагодарить');

  // The next speaker is invited on the opening item, under way.
  await nextState(moderator, (s) => s.remarks.length === 1);
  const arrived = { type: 'participant.setArrived', participantId: next, arrived: true } as const;
  expect(await send(moderator, arrived)).toMatchObject({ ok: true });
  const fields = {
    title: { en: 'Opening remarks' },
    notes: '',
    kind: 'opening',
    plannedMinutes: 30,
    fixedStart: null,
    invitedSpeakers: [next],
    speakingLimits: null,
    orderingPolicy: null,
  } as const;
  expect(await send(moderator, { type: 'agenda.add', fields })).toMatchObject({ ok: true });
  const itemId = (await nextState(moderator, (s) => s.agenda.length === 1)).agenda[0]?.id ?? '';
  expect(await send(moderator, { type: 'agenda.start', itemId })).toMatchObject({ ok: true });

  // The moderator mints the booth's link in the console; the booth opens it on its own screen.
  await openConsole(page, rt);
  // The next speaker sent theirs by e-mail: the moderator pastes it in their invitation's dialog.
  await page.getByRole('button', { name: 'Roster', exact: true }).click();
  await page.getByRole('button', { name: 'More…: Әлихан Бөкейхан' }).click();
  await page.getByRole('button', { name: 'Personal invitation…' }).click();
  const remarks = page.getByTestId('invitation-dialog').getByTestId('moderator-remarks');
  await remarks.getByLabel('Language of the text').selectOption('kk');
  await remarks.getByLabel('Text of the remarks').fill(NEXT_REMARKS);
  await remarks.getByRole('button', { name: 'Save the text' }).click();
  await expect(remarks).toContainText('Saved at');
  expect((await nextState(moderator, (s) => s.remarks.length === 2)).remarks[1]).toMatchObject({
    participantId: next,
    language: 'kk',
    text: NEXT_REMARKS,
  });
  await page.screenshot({ path: `${SHOTS}/booth-moderator-dialog-1280.png` });
  await page.getByTestId('invitation-dialog').getByRole('button', { name: 'Close' }).click();
  const boothUrl = new URL(await mintBoothLink(page));
  const boothContext = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 720 } });
  const booth = await boothContext.newPage();
  await booth.goto(boothUrl.pathname + boothUrl.hash);
  await expect(booth.getByTestId('booth-now')).toContainText('Nobody has the floor.');
  await expect(booth.getByTestId('booth-next')).toContainText('Әлихан Бөкейхан');
  await expect(booth.getByTestId('booth-next')).toContainText(NEXT_REMARKS);
  await expect(booth.getByTestId('booth-next')).toContainText('Invited speaker');

  // The floor goes to the speaker: the booth shows them, their language and their text large.
  const give = { type: 'floor.give', participantId: speaker, kind: 'speech', expectedSpeechId: null } as const;
  expect(await send(moderator, give)).toMatchObject({ ok: true });
  const now = booth.getByTestId('booth-now');
  await expect(now.getByTestId('booth-name')).toHaveText('Наталья Иванова');
  await expect(now).toContainText('Frontex');
  await expect(now).toContainText('Language: Русский');
  const text = booth.getByTestId('booth-now-text');
  await expect(text).toContainText('12. Уважаемые коллеги!');
  const size = await text.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(28);
  await booth.screenshot({ path: `${SHOTS}/booth-1280x720.png` });
  const axe = await new AxeBuilder({ page: booth }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);

  // The booth scrolls the text itself, at its own pace, and pauses it.
  expect(await text.evaluate((el) => el.scrollTop)).toBe(0);
  await booth.getByLabel('Speed').fill('120');
  await booth.getByRole('button', { name: 'Scroll' }).click();
  await expect.poll(() => text.evaluate((el) => el.scrollTop)).toBeGreaterThan(40);
  await booth.getByRole('button', { name: 'Pause' }).click();
  // Paused, it stays put over the next frames (at this speed, one frame would move it).
  const still = await text.evaluate(async (el) => {
    const at = el.scrollTop;
    for (let n = 0; n < 10; n++) await new Promise(requestAnimationFrame);
    return el.scrollTop - at;
  });
  expect(still).toBe(0);
  await booth.getByRole('button', { name: 'Back to the top' }).click();
  await expect.poll(() => text.evaluate((el) => el.scrollTop)).toBe(0);

  await booth.setViewportSize({ width: 1920, height: 1080 });
  await booth.screenshot({ path: `${SHOTS}/booth-1920x1080.png` });
  await boothContext.close();
});
