import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Contribution, Poll } from '@roundtable/shared';
import { en } from '../../client/src/lib/i18n/en.js';
import { kk } from '../../client/src/lib/i18n/kk.js';
import { kkRefusals } from '../../client/src/lib/i18n/kk.refusals.js';
import { closeAll, connect, connected, join as joinOver, send } from '../support/clients.js';
import { createRoundtable, expect, test, type RunningServer } from './fixtures.js';

const SHOTS = '/tmp/shots';

test.afterEach(() => closeAll());

/** The moderator's view of the roundtable, read over HTTP as a script would. */
async function moderatorState(server: RunningServer, rt: { roundtableId: string; moderatorSecret: string }) {
  const res = await fetch(`${server.url}/api/roundtables/${rt.roundtableId}`, {
    headers: { authorization: `Bearer ${rt.moderatorSecret}` },
  });
  return (await res.json()) as { polls: Poll[]; contributions: { closed: boolean; items: Contribution[] } };
}

async function join(page: Page, code: string, name: string, labels: { name: string; join: string; ask: string }) {
  await page.goto(`/j/${code}`);
  await page.getByLabel(labels.name).fill(name);
  await page.getByRole('button', { name: labels.join }).click();
  await expect(page.getByRole('heading', { name: labels.ask })).toBeVisible();
}

/** WCAG 2.1 AA as axe-core checks it (accessibility.spec.ts checks the pages; this, the cards in use). */
const violations = async (page: Page) =>
  (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );

const KK = { name: kk['join.name'], join: kk['join.submit'], ask: kk['queue.yourRequests'] };
const EN = { name: en['join.name'], join: en['join.submit'], ask: en['queue.yourRequests'] };

test('phones answer a quick poll in one tap and change it; a Kazakh phone writes to the rapporteurs, up to the limit', async ({
  phone,
  server,
}) => {
  const rt = await createRoundtable(server, {
    agenda: [
      {
        title: { en: 'Cyber threats', ru: 'Киберугрозы', kk: 'Киберқауіптер' },
        kind: 'discussion',
        plannedMinutes: 30,
      },
    ],
  });
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  const itemId = (await connected(moderator)).agenda[0]!.id;
  expect(await send(moderator, { type: 'agenda.start', itemId })).toMatchObject({ ok: true });

  const { page: aigul } = await phone({ locale: 'kk-KZ' });
  const { page: anna } = await phone();
  await join(aigul, rt.joinCode, 'Айгүл Сейтқали', KK);
  await join(anna, rt.joinCode, 'Anna Novak', EN);
  const counts = async () => {
    const poll = (await moderatorState(server, rt)).polls.at(-1);
    return { counts: poll?.counts, answered: poll?.answered };
  };

  // The moderator asks a temperature check, without a question: the phones show it at once.
  const started = await send(moderator, {
    type: 'poll.start',
    setup: { question: '', preset: 'temperature', anonymous: true },
  });
  expect(started).toMatchObject({ ok: true });
  const card = aigul.getByTestId('phone-poll');
  await expect(card.getByRole('heading')).toHaveText(kk['poll.title']);
  await expect(card).toContainText(kk['poll.anonymous']);
  const positive = card.getByRole('button', { name: `👍 ${kk['poll.option.yes']}`, exact: true });
  const confused = card.getByRole('button', { name: `❓ ${kk['poll.option.confused']}`, exact: true });
  await expect(card.getByRole('button')).toHaveCount(6);
  await expect(positive).toHaveText(`👍 ${kk['poll.option.yes']}`);
  // Where the phone shows it, unscrolled: under the ask card.
  await aigul.screenshot({ path: `${SHOTS}/phone-poll-top-kk.png` });

  // One tap votes; a tap on another option moves the vote.
  await positive.click();
  await expect(positive).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(counts).toEqual({ counts: [0, 1, 0, 0, 0, 0], answered: 1 });
  await confused.click();
  await expect(confused).toHaveAttribute('aria-pressed', 'true');
  await expect(positive).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(counts).toEqual({ counts: [0, 0, 0, 1, 0, 0], answered: 1 });

  const annaCard = anna.getByTestId('phone-poll');
  await expect(annaCard.getByRole('heading')).toHaveText('Quick poll');
  await annaCard.getByRole('button', { name: '👀 Following' }).click();
  await expect(annaCard.getByRole('button', { name: '👀 Following' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(counts).toEqual({ counts: [0, 0, 1, 1, 0, 0], answered: 2 });
  await annaCard.scrollIntoViewIfNeeded();
  await anna.screenshot({ path: `${SHOTS}/phone-poll-en.png` });

  // The same option again takes the vote back; the phone remembers its answer across a reload.
  await confused.click();
  await expect(confused).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(counts).toEqual({ counts: [0, 0, 1, 0, 0, 0], answered: 1 });
  await confused.click();
  await expect.poll(counts).toEqual({ counts: [0, 0, 1, 1, 0, 0], answered: 2 });
  await aigul.reload();
  await expect(confused).toHaveAttribute('aria-pressed', 'true');
  await card.scrollIntoViewIfNeeded();
  await aigul.screenshot({ path: `${SHOTS}/phone-poll-kk.png` });
  expect(await violations(aigul), 'an open poll, answered').toEqual([]);

  // Closed: the phone says so, with its own answer, and no chart.
  const pollId = (await moderatorState(server, rt)).polls[0]!.id;
  expect(await send(moderator, { type: 'poll.close', pollId })).toMatchObject({ ok: true });
  await expect(card.getByTestId('poll-closed')).toHaveText(kk['poll.closed']);
  await expect(card).toContainText(kk['poll.yourChoice'].replace('{choice}', `❓ ${kk['poll.option.confused']}`));
  await expect(card.getByRole('button')).toHaveCount(0);
  await aigul.screenshot({ path: `${SHOTS}/phone-poll-closed-kk.png` });

  // A delegation poll: a phone with no delegation hears why it cannot answer, in Kazakh.
  await send(moderator, { type: 'poll.start', setup: { question: '', preset: 'agreement', voters: 'delegation' } });
  await expect(card).toContainText(kk['poll.forDelegation']);
  await card.getByRole('button', { name: kk['poll.option.agree'] }).click();
  await expect(card.getByRole('alert')).toHaveText(kkRefusals['refusal.poll_no_delegation']);
  await expect(card.getByRole('button', { name: kk['poll.option.agree'] })).toHaveAttribute('aria-pressed', 'false');

  // A multiple choice with the moderator's question: each tap adds or takes back one option.
  const delegationPoll = (await moderatorState(server, rt)).polls[1]!.id;
  await send(moderator, { type: 'poll.close', pollId: delegationPoll });
  await send(moderator, {
    type: 'poll.start',
    setup: {
      question: 'Кімдер бірлескен оқуларға қатысуы керек?',
      preset: 'choice',
      options: ['Кеден', 'Полиция', 'Прокуратура'],
      multiple: true,
    },
  });
  await expect(card.getByRole('heading')).toHaveText('Кімдер бірлескен оқуларға қатысуы керек?');
  await expect(card).toContainText(kk['poll.hintMultiple']);
  await card.getByRole('button', { name: 'Кеден' }).click();
  await expect(card.getByRole('button', { name: 'Кеден' })).toHaveAttribute('aria-pressed', 'true');
  await card.getByRole('button', { name: 'Полиция' }).click();
  await expect.poll(counts).toEqual({ counts: [1, 1, 0], answered: 1 });
  await card.getByRole('button', { name: 'Кеден' }).click();
  await expect(card.getByRole('button', { name: 'Кеден' })).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(counts).toEqual({ counts: [0, 1, 0], answered: 1 });

  // A contribution in Kazakh for the item under way: acknowledged, and in the moderator's state.
  const write = aigul.getByTestId('phone-contribution');
  await expect(write.getByRole('heading', { level: 2 })).toHaveText(kk['contribution.title']);
  // The form comes with a tap (it is not in the page's first load), ready to type in.
  await write.scrollIntoViewIfNeeded();
  await aigul.screenshot({ path: `${SHOTS}/phone-contribution-entry-kk.png` });
  await write.getByRole('button', { name: kk['contribution.write'] }).click();
  const text = write.getByLabel(kk['contribution.text']);
  await expect(text).toBeFocused();
  const sendButton = write.getByRole('button', { name: kk['contribution.send'] });
  const words = 'Кедендік қызметтердің бірлескен оқуларын жыл сайын өткізу керек.';
  await text.fill(words);
  await expect(write).toContainText(`${words.length} / 2000`);
  await sendButton.click();
  await expect(write.getByRole('status')).toHaveText(kk['contribution.received']);
  await expect(text).toHaveValue('');
  await expect
    .poll(async () => (await moderatorState(server, rt)).contributions.items.map((c) => [c.text, c.itemId]))
    .toEqual([[words, itemId]]);
  await write.getByRole('list').scrollIntoViewIfNeeded();
  await aigul.screenshot({ path: `${SHOTS}/phone-contribution-sent-kk.png` });

  // Two more for the item, then the polite refusal; the lessons learned still take one.
  for (const n of [2, 3]) {
    await text.fill(`${n}-ұсыныс: ақпарат алмасуды жеделдету.`);
    await sendButton.click();
    await expect(write.getByRole('listitem')).toHaveCount(n);
  }
  await expect(write).toContainText(kk['contribution.noneLeft']);
  await text.fill('Төртінші ұсыныс.');
  await sendButton.click();
  await expect(write.getByRole('alert')).toHaveText(kkRefusals['refusal.contribution_limit'].replace('{max}', '3'));
  await aigul.screenshot({ path: `${SHOTS}/phone-contribution-limit-kk.png` });
  expect(await violations(aigul), 'a contribution refused').toEqual([]);
  await write.getByLabel(kk['contribution.forLessons']).check();
  await sendButton.click();
  await expect(write.getByRole('status')).toHaveText(kk['contribution.received']);
  await expect
    .poll(async () => (await moderatorState(server, rt)).contributions.items.map((c) => c.itemId))
    .toEqual([itemId, itemId, itemId, null]);

  // The moderator closes contributions: the card says so instead of offering to write.
  expect(await send(moderator, { type: 'contribution.setClosed', closed: true })).toMatchObject({ ok: true });
  await expect(write.getByTestId('contributions-closed')).toHaveText(kk['contribution.closed']);
  await expect(write.getByRole('textbox')).toHaveCount(0);
  await write.scrollIntoViewIfNeeded();
  await aigul.screenshot({ path: `${SHOTS}/phone-contributions-closed-kk.png` });
});

/** How far the page is wider than the phone's screen: 0 when nothing makes it scroll sideways. */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('a question, an option and a contribution typed without a space fit the phone; emoji count as the server counts them', async ({
  phone,
  server,
}) => {
  const rt = await createRoundtable(server, {
    agenda: [{ title: { en: 'Cyber threats' }, kind: 'discussion', plannedMinutes: 30 }],
  });
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  const itemId = (await connected(moderator)).agenda[0]!.id;
  expect(await send(moderator, { type: 'agenda.start', itemId })).toMatchObject({ ok: true });
  const { page: anna } = await phone();
  await join(anna, rt.joinCode, 'Anna Novak', EN);

  // 300 and 80 characters without a space: what a pasted link is.
  const question = `https://example.org/${'q'.repeat(280)}`;
  const link = `https://example.org/${'a'.repeat(60)}`;
  expect([question.length, link.length]).toEqual([300, 80]);
  const started = await send(moderator, {
    type: 'poll.start',
    setup: { question, preset: 'choice', options: [link, 'No'], voters: 'person' },
  });
  expect(started).toMatchObject({ ok: true });
  const card = anna.getByTestId('phone-poll');
  await expect(card.getByRole('heading')).toHaveText(question);
  expect(await overflow(anna), 'an open poll').toBe(0);
  await card.scrollIntoViewIfNeeded();
  await anna.screenshot({ path: `${SHOTS}/phone-poll-long-words.png` });
  await card.getByRole('button', { name: link }).click();
  await expect(card.getByRole('button', { name: link })).toHaveAttribute('aria-pressed', 'true');
  const pollId = (await moderatorState(server, rt)).polls[0]!.id;
  expect(await send(moderator, { type: 'poll.close', pollId })).toMatchObject({ ok: true });
  await expect(card).toContainText(en['poll.yourChoice'].replace('{choice}', link));
  expect(await overflow(anna), 'a closed poll').toBe(0);

  // 1,001 emoji: 2,002 UTF-16 units, 1,001 characters, which the server takes (it allows 2,000).
  const write = anna.getByTestId('phone-contribution');
  await write.getByRole('button', { name: en['contribution.write'] }).click();
  const text = write.getByLabel(en['contribution.text']);
  await text.fill('😀'.repeat(1001));
  await expect(write).toContainText('1001 / 2000');
  await expect(write.getByRole('alert')).toHaveCount(0);
  await write.getByRole('button', { name: en['contribution.send'] }).click();
  await expect(write.getByRole('status')).toHaveText(en['contribution.received']);
  await text.fill('😀'.repeat(2001));
  await expect(write).toContainText(en['field.tooLong'].replace('{count}', '2001').replace('{max}', '2000'));
  await expect(write.getByRole('button', { name: en['contribution.send'] })).toBeDisabled();
  await text.fill(link);
  await write.getByRole('button', { name: en['contribution.send'] }).click();
  await expect(write.getByRole('listitem')).toHaveCount(2);
  expect((await moderatorState(server, rt)).contributions.items.map((c) => [...c.text].length)).toEqual([1001, 80]);
  expect(await overflow(anna), 'the contributions sent').toBe(0);
  await write.getByRole('list').scrollIntoViewIfNeeded();
  await anna.screenshot({ path: `${SHOTS}/phone-contribution-emoji.png` });
});

test('a phone in a delegation poll says what it sent for the delegation, which its head may have replaced', async ({
  phone,
  server,
}) => {
  const rt = await createRoundtable(server, {
    delegations: [{ name: 'Europol' }],
    agenda: [{ title: { en: 'Cyber threats' }, kind: 'discussion', plannedMinutes: 30 }],
  });
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  const state = await connected(moderator);
  expect(await send(moderator, { type: 'agenda.start', itemId: state.agenda[0]!.id })).toMatchObject({ ok: true });
  const { page: anna } = await phone();
  await anna.goto(`/j/${rt.joinCode}`);
  await anna.getByLabel(EN.name).fill('Anna Novak');
  await anna.getByLabel(en['join.delegation']).selectOption({ label: 'Europol' });
  await anna.getByRole('button', { name: EN.join }).click();
  await expect(anna.getByRole('heading', { name: EN.ask })).toBeVisible();
  const joined = await joinOver(server.url, rt.joinCode, 'Bruno Keller', undefined, { id: state.delegations[0]!.id });
  const bruno = connect(server.url, rt.roundtableId, joined.token);
  await connected(bruno);

  // No head in the room: Anna, the first to answer, answers for Europol.
  await send(moderator, { type: 'poll.start', setup: { question: '', preset: 'agreement', voters: 'delegation' } });
  const card = anna.getByTestId('phone-poll');
  await card.getByRole('button', { name: en['poll.option.agree'], exact: true }).click();
  const sent = en['poll.sentForDelegation'].replace('{choice}', en['poll.option.agree']);
  await expect(card.getByTestId('poll-sent')).toHaveText(sent);
  await expect(card).toContainText(en['poll.forDelegation']);

  // Bruno is made head and answers for Europol: his ballot replaces Anna's, which her phone cannot know.
  const participant = { participantId: joined.body.participantId, head: true };
  expect(await send(moderator, { type: 'participant.setHead', ...participant })).toMatchObject({ ok: true });
  const pollId = (await moderatorState(server, rt)).polls[0]!.id;
  expect(await send(bruno, { type: 'poll.vote', pollId, choices: [1] })).toMatchObject({ ok: true });
  expect((await moderatorState(server, rt)).polls[0]!.counts).toEqual([0, 1, 0]);
  expect(await send(moderator, { type: 'poll.close', pollId })).toMatchObject({ ok: true });
  await expect(card.getByTestId('poll-closed')).toBeVisible();
  // Not "Your answer: Agree": what this phone sent, and who answers for the delegation.
  await expect(card.getByTestId('poll-sent')).toHaveText(sent);
  await expect(card).not.toContainText(en['poll.yourChoice'].replace('{choice}', ''));
  await expect(card).toContainText(en['poll.forDelegation']);
  await card.scrollIntoViewIfNeeded();
  await anna.screenshot({ path: `${SHOTS}/phone-poll-delegation-closed.png` });
  expect(await violations(anna), 'a delegation poll closed').toEqual([]);
});
