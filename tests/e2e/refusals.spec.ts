import { kkRefusals } from '../../client/src/lib/i18n/kk.refusals.js';
import { closeAll, connect, connected, nextState, send } from '../support/clients.js';
import { createRoundtable, expect, test } from './fixtures.js';

test.afterEach(() => closeAll());

test('a Kazakh phone reads the server’s refusals in Kazakh', async ({ phone, server, pageErrors }) => {
  // The browser logs the refused request itself; the page shows the refusal (checked below).
  pageErrors.allow(/status of 423 \(Locked\)/);
  const rt = await createRoundtable(server);
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  await connected(moderator);
  const { page } = await phone({ locale: 'kk-KZ' });
  await page.goto(`/j/${rt.joinCode}`);
  await page.getByLabel('Аты-жөніңіз').fill('Айгүл Сейтқали');

  // The page showed an open roundtable; the moderator closes joining before the form is sent.
  expect(await send(moderator, { type: 'joining.setLocked', locked: true })).toMatchObject({ ok: true });
  await page.getByRole('button', { name: 'Қосылу' }).click();
  const refusal = page.getByRole('alert');
  await expect(refusal).toHaveAttribute('data-reason', 'joining_locked');
  await expect(refusal).toHaveText(kkRefusals['refusal.joining_locked']);
  await page.screenshot({ path: '/tmp/shots/refusal-kk-locked.png' });

  await send(moderator, { type: 'joining.setLocked', locked: false });
  await page.getByRole('button', { name: 'Қосылу' }).click();
  const joined = await nextState(moderator, (s) => s.participants.some((p) => p.name === 'Айгүл Сейтқали'));
  const person = joined.participants.find((p) => p.name === 'Айгүл Сейтқали');
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Removed from the roster: the phone's session ends with the reason, in Kazakh.
  expect(await send(moderator, { type: 'participant.remove', participantId: person!.id })).toMatchObject({ ok: true });
  const ended = page.getByRole('alert');
  await expect(ended).toHaveAttribute('data-reason', 'removed');
  await expect(ended).toHaveText(kkRefusals['refusal.removed']);
  await page.screenshot({ path: '/tmp/shots/refusal-kk-removed.png' });
});
