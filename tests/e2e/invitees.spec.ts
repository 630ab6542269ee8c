import type { StateView } from '@roundtable/shared';
import { kk } from '../../client/src/lib/i18n/kk.js';
import { kkRefusals } from '../../client/src/lib/i18n/kk.refusals.js';
import { closeAll, connect, connected, nextState } from '../support/clients.js';
import { createRoundtable, expect, openConsole, test } from './fixtures.js';

test.afterEach(() => closeAll());

const CONSOLE_SIZE = { width: 1280, height: 800 };

/** The organisers' list as Russian Excel saves it: semicolons, a byte order mark, one row it cannot read. */
const LIST = [
  'ФИО;Должность;Делегация;Язык;Роль;Эл. почта',
  'Әлихан Бөкейхан;Посол;Казахстан;kk;глава делегации;a.bokeikhan@mfa.kz',
  'Наталья Иванова;Эксперт;Europol;ru;;n.ivanova@europol.eu',
  'José Ramírez;Head of unit;Europol;English;invited speaker;not-an-address',
].join('\r\n');

test('the moderator imports the list, and a phone opening a personal invitation is that person at once', async ({
  page,
  phone,
  server,
  pageErrors,
}) => {
  // The re-issued link, refused on purpose: the browser logs the 401 itself.
  pageErrors.allow(/\/i\/.* status of 401 \(Unauthorized\)/);
  const rt = await createRoundtable(server, { delegations: [{ name: 'Europol' }] });
  await page.setViewportSize(CONSOLE_SIZE);
  await openConsole(page, rt);
  await page.getByRole('button', { name: 'Invitees', exact: true }).click();

  // The preview shows what will be created and the row it cannot read, and stores nothing.
  await page.getByLabel('CSV or Excel file').setInputFiles({
    name: 'invitees.csv',
    mimeType: 'text/csv',
    buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LIST, 'utf8')]),
  });
  await expect(page.getByTestId('invitee-preview-summary')).toContainText('To be added: 2.');
  await expect(page.getByTestId('invitee-preview-summary')).toContainText('New delegations: Казахстан.');
  await expect(page.getByTestId('invitee-problems')).toContainText('Row 4');
  await expect(page.getByTestId('invitee-preview-row')).toHaveCount(2);
  await expect(page.getByTestId('invitee-preview-row').first()).toContainText('Head of delegation');
  await page.screenshot({ path: '/tmp/shots/invitees-preview-1280.png', fullPage: true });
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  expect((await connected(moderator)).participants).toEqual([]);

  await page.getByRole('button', { name: 'Import (2)' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added to the list: 2.' })).toBeVisible();
  const imported = await nextState(moderator, (s) => s.participants.length === 2);
  const aliKhan = imported.participants.find((p) => p.name === 'Әлихан Бөкейхан');
  expect(aliKhan).toMatchObject({ status: 'invited', email: 'a.bokeikhan@mfa.kz', language: 'kk' });
  expect(imported.review.heads).toEqual([aliKhan?.id]);
  await expect(page.getByTestId('invitee-counts')).toContainText('Expected: 2. In the room: 0.');

  // The roster's "More…" menu holds the person's personal invitation: its QR and its link.
  await page.getByRole('button', { name: 'Roster', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Roster (0 in the room, 2 expected)' })).toBeVisible();
  await expect(page.getByTestId('roster-row').filter({ hasText: 'Әлихан Бөкейхан' })).toContainText('expected');
  await page.getByRole('button', { name: 'More…: Әлихан Бөкейхан' }).click();
  await page.getByRole('button', { name: 'Personal invitation…' }).click();
  const dialog = page.getByTestId('invitation-dialog');
  await expect(dialog.getByTestId('invitation-state')).toHaveText('Not opened on a phone yet.');
  const link = await dialog.getByLabel('Personal link').inputValue();
  expect(new URL(link).pathname).toBe(`/i/${rt.roundtableId}/${aliKhan?.id}`);
  await page.screenshot({ path: '/tmp/shots/invitees-dialog-1280.png' });

  // A phone opens it: no form, the person is in the room, the key gone from the address bar.
  const { page: mobile } = await phone();
  await mobile.goto(link);
  await expect(mobile).toHaveURL(new RegExp(`/r/${rt.roundtableId}$`));
  // In the language the organisers listed for them, with their name and delegation.
  await expect(mobile.getByRole('heading', { name: kk['queue.yourRequests'] })).toBeVisible();
  await expect(mobile.locator('.profile')).toContainText('Әлихан Бөкейхан');
  await expect(mobile.locator('.profile')).toContainText('Посол · Казахстан');
  await mobile.screenshot({ path: '/tmp/shots/invitees-phone-360.png' });
  const arrived = await nextState(moderator, (s: StateView) =>
    s.participants.some((p) => p.id === aliKhan?.id && p.status === 'active'),
  );
  expect(arrived.participantCount).toBe(1);
  await expect(dialog.getByTestId('invitation-state')).toContainText('Opened on a phone at');

  // Re-issued (a badge lost, found by someone): the printed link and the phone holding it stop at once.
  await dialog.getByRole('button', { name: 'Issue a new invitation' }).click();
  await dialog.getByRole('button', { name: 'Issue a new invitation' }).click();
  await expect(dialog.getByLabel('Personal link')).not.toHaveValue(link);
  const { page: other } = await phone();
  await other.goto(link);
  await expect(other.getByRole('alert')).toContainText('This invitation is not valid any more');
  await expect(mobile.getByRole('alert')).toHaveText(kkRefusals['refusal.invitation_reissued']);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // By invitation only, the room's code turns a walk-in to the registration desk, in their language.
  await page.getByRole('button', { name: 'Invitees', exact: true }).click();
  await page.getByLabel('By invitation only').check();
  await nextState(moderator, (s) => s.invitationOnly);
  const { page: walkIn } = await phone({ locale: 'ru-RU' });
  await walkIn.goto(`/j/${rt.joinCode}`);
  await expect(walkIn.getByRole('alert')).toContainText('Пожалуйста, обратитесь к стойке регистрации');
  await expect(walkIn.getByLabel('Ваше имя')).toHaveCount(0);
});
