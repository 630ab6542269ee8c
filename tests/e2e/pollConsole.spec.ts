import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { isOpen, type Command, type CommandAck, type StateView } from '@roundtable/shared';
import { closeAll, connect, connected, join, nextState, send, type TestSocket } from '../support/clients.js';
import { createRoundtable, expect, openConsole, test, type RunningServer } from './fixtures.js';
import { fitProblems, longNamesRoom } from './projectorRoom.js';

const SHOTS = '/tmp/shots';
const CONSOLE = { width: 1280, height: 800 };
const SCREENS = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
  // A 4:3 beamer, as the projector's own specs check.
  { width: 1024, height: 768 },
];

test.afterEach(() => closeAll());

const ok = async (socket: TestSocket, command: Command): Promise<CommandAck> => {
  const ack = await send(socket, command);
  expect(ack, command.type).toMatchObject({ ok: true });
  return ack;
};

/** People who join from their phones, as the server sees them: joined over HTTP, on a socket each. */
async function phones(server: RunningServer, roundtableId: string, code: string, people: [string, string | null][]) {
  const sockets: { socket: TestSocket; id: string }[] = [];
  for (const [name, delegation] of people) {
    const joined = await join(server.url, code, name, undefined, delegation ? { name: delegation } : null);
    expect(joined.status, name).toBe(200);
    const socket = connect(server.url, roundtableId, joined.token);
    await connected(socket);
    sockets.push({ socket, id: joined.body.participantId });
  }
  return sockets;
}

const openPoll = (moderator: TestSocket) => nextState(moderator, (s) => s.polls.some(isOpen));
const pollIn = (s: StateView | undefined) => s?.polls.at(-1);

async function projectorPage(browser: Browser, server: RunningServer, moderator: TestSocket): Promise<Page> {
  const link = await ok(moderator, { type: 'link.create', role: 'projector', label: 'Hall screen' });
  const url = new URL((link.ok && link.result?.url) || '');
  // A context of its own: axe-core checks only pages made in one.
  const context = await browser.newContext({ viewport: SCREENS[0], locale: 'en-GB' });
  const screen = await context.newPage();
  await screen.goto(`${server.url}${url.pathname}${url.hash}`);
  return screen;
}

/** The chart on a page: each option's label and exact count, in order. */
async function expectBars(scope: ReturnType<Page['getByTestId']>, expected: [string, number][]) {
  const bars = scope.getByTestId('poll-bar');
  await expect(bars).toHaveCount(expected.length);
  for (const [n, [label, count]] of expected.entries()) {
    await expect(bars.nth(n).getByTestId('poll-option')).toHaveText(label);
    await expect(bars.nth(n).getByTestId('poll-count')).toHaveText(String(count));
  }
}

/** What a box that scales its type (fitContent) still could not fit: it would be cut without a sign. */
const clipped = (screen: Page) =>
  screen.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.projector .fit')]
      .filter((box) => box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1)
      .map((box) => `${box.scrollWidth}×${box.scrollHeight} in ${box.clientWidth}×${box.clientHeight}`),
  );

/** WCAG 2.1 AA as axe-core checks it, as accessibility.spec.ts does for the pages at rest. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

async function fitsEverywhere(screen: Page, name: string) {
  for (const size of SCREENS) {
    await screen.setViewportSize(size);
    await expect.poll(() => fitProblems(screen), `${name} at ${size.width}×${size.height}`).toEqual([]);
    await expect.poll(() => clipped(screen), `${name} cut at ${size.width}×${size.height}`).toEqual([]);
    await screen.screenshot({ path: `${SHOTS}/${name}-${size.width}x${size.height}.png` });
  }
}

test('the moderator starts an agreement poll in two taps, follows it live, projects, closes and records it', async ({
  page,
  browser,
  server,
}) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const rt = await createRoundtable(server, {
    delegations: [{ name: 'Europol' }, { name: 'Frontex' }],
    agenda: [{ title: { en: 'Border protection' }, kind: 'discussion', plannedMinutes: 30 }],
  });
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  const initial = await connected(moderator);
  await ok(moderator, { type: 'agenda.start', itemId: initial.agenda[0]?.id ?? '' });
  const [aigerim, bruno, chen] = await phones(server, rt.roundtableId, rt.joinCode, [
    ['Aigerim Bekova', 'Europol'],
    ['Bruno Keller', 'Frontex'],
    ['Chen Wei', null],
  ]);
  // A speech before the poll, to find the poll after it in the speech log.
  const given = await ok(moderator, {
    type: 'floor.give',
    participantId: aigerim?.id ?? '',
    kind: 'speech',
    expectedSpeechId: null,
  });
  await ok(moderator, { type: 'floor.end', speechId: (given.ok && given.result?.speechId) || '' });

  await page.setViewportSize(CONSOLE);
  await openConsole(page, rt);
  const polls = page.getByRole('region', { name: 'Polls' });
  await polls.getByRole('button', { name: 'Agree / Disagree / Abstain' }).click();
  await polls.getByRole('button', { name: 'Start the poll' }).click();
  const pollId = pollIn(await openPoll(moderator))?.id ?? '';
  expect(pollIn(moderator.latest)).toMatchObject({ preset: 'agreement', anonymous: false, voters: 'person' });

  const running = polls.getByTestId('poll-result');
  await expect(running).toContainText('Voting');
  await expectBars(running, [
    ['Agree', 0],
    ['Disagree', 0],
    ['Abstain', 0],
  ]);
  for (const [socket, choice] of [
    [aigerim, 0],
    [bruno, 0],
    [chen, 1],
  ] as const)
    await ok(socket!.socket, { type: 'poll.vote', pollId, choices: [choice] });
  await expectBars(running, [
    ['Agree', 2],
    ['Disagree', 1],
    ['Abstain', 0],
  ]);
  await expect(running.getByTestId('poll-answered')).toHaveText('3 of 3 answered');
  // Named: the moderator sees who voted what.
  await running.getByText('Who voted what (3)').click();
  await expect(running.getByTestId('poll-ballots')).toContainText('Chen Wei');
  await expect(running.getByTestId('poll-ballots').getByRole('row', { name: /Chen Wei/ })).toContainText('Disagree');
  await polls.screenshot({ path: `${SHOTS}/console-poll-panel.png` });
  expect(await violations(page), 'console, a named poll running').toEqual([]);

  const screen = await projectorPage(browser, server, moderator);
  await running.getByRole('button', { name: 'Show on the projector' }).click();
  const chart = screen.getByTestId('projector-poll');
  await expect(chart).toBeVisible();
  await expectBars(chart, [
    ['Agree', 2],
    ['Disagree', 1],
    ['Abstain', 0],
  ]);
  await expect(chart.getByTestId('poll-answered')).toHaveText('3 answered');
  await expect(chart.getByTestId('poll-status')).toHaveText('Vote on your phone');
  expect(await violations(screen), 'projector, a poll').toEqual([]);
  // Live: a changed vote moves the bars on the screen.
  await ok(chen!.socket, { type: 'poll.vote', pollId, choices: [2] });
  await expectBars(chart, [
    ['Agree', 2],
    ['Disagree', 0],
    ['Abstain', 1],
  ]);

  await running.getByRole('button', { name: 'Close the poll' }).click();
  await expect(chart.getByTestId('poll-status')).toHaveText('Closed');
  await expect(chart.getByTestId('poll-answered')).toHaveText('3 answered');
  // Closed, the form for the next one is back, and the result waits beside it.
  await expect(polls.getByRole('button', { name: 'Start the poll' })).toBeVisible();
  const result = polls.getByTestId('closed-polls').getByTestId('poll-result');
  await expect(result).toHaveCount(1);
  await expect(result).toContainText('Closed');
  const record = result.getByRole('button', { name: 'Add to the document' });
  await record.click();
  await expect(result.getByRole('button', { name: 'Added' })).toBeDisabled();
  await expect.poll(() => pollIn(moderator.latest)?.recordedAt ?? null).not.toBeNull();
  await polls.screenshot({ path: `${SHOTS}/console-poll-closed.png` });
  expect(await violations(page), 'console, a poll closed').toEqual([]);
  expect(await violations(screen), 'projector, a poll closed').toEqual([]);

  // The speech log has the poll after the speech it followed.
  await page.getByRole('button', { name: 'Speech log', exact: true }).click();
  const pollRow = page.getByTestId('poll-row');
  await expect(pollRow).toHaveText(/Poll\s+— Agree 2 · Disagree 0 · Abstain 1 \(3 answered\)/);
  await expect(pollRow).toContainText('Border protection');
  await expect(page.getByTestId('speech-log').locator('tbody tr').nth(1)).toContainText('Aigerim Bekova');
  await expect(page.getByTestId('speech-row')).toHaveCount(1);
  await page.getByTestId('speech-log').screenshot({ path: `${SHOTS}/console-log-poll.png` });
  expect(await violations(page), 'speech log with a poll').toEqual([]);
  await page.getByLabel('Type').selectOption('poll');
  await expect(page.getByTestId('speech-row')).toHaveCount(0);
  await expect(pollRow).toHaveCount(1);
  await screen.context().close();
});

const LONG_OPTIONS = [
  'Joint investigation teams under the existing bilateral agreements, with a permanent liaison officer',
  'A regional information-sharing platform hosted by the Programme Office in Astana',
  'Common risk indicators for the Central Asian routes, revised every six months',
  'Training of border guards at the new regional centre, with European Union funding',
  'A single contact point for victims of trafficking in each participating country',
  'Financial investigations into smuggling networks, led by the financial intelligence units',
  'Postpone the decision until the ministers have met in the spring',
  'None of these: the current arrangements are enough for the next two years',
].map((o) => o.slice(0, 80));
const LONG_QUESTION =
  'Which of the following measures should the roundtable recommend to the governments of the European Union and of Central Asia as the first priority for the coming year, bearing in mind the resources already committed and the conclusions of last year’s meeting in Almaty?';

test('a multiple choice typed on the spot: eight long options, several answers, anonymous, fitted on the projector', async ({
  page,
  browser,
  server,
}) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const room = await longNamesRoom(server);
  const state = await connected(room.moderator);
  const voters = await phones(
    server,
    state.id,
    room.joinCode,
    ['Arman Karimov', 'Dana Seitkali', 'Erik Lindqvist'].map((n) => [n, null] as [string, null]),
  );

  await page.setViewportSize(CONSOLE);
  const url = new URL(room.moderatorUrl);
  await page.goto(url.pathname + url.hash);
  const polls = page.getByRole('region', { name: 'Polls' });
  await polls.getByRole('button', { name: 'Multiple choice' }).click();
  await expect(polls.getByRole('button', { name: 'Start the poll' })).toBeDisabled();
  await polls.getByLabel('Question (optional)').fill(LONG_QUESTION);
  for (let n = 2; n < LONG_OPTIONS.length; n++) await polls.getByRole('button', { name: 'Add an option' }).click();
  await expect(polls.getByRole('button', { name: 'Add an option' })).toBeDisabled();
  for (const [n, option] of LONG_OPTIONS.entries())
    await polls.getByLabel(`Option ${n + 1}`, { exact: true }).fill(option);
  await polls.getByLabel('Several answers allowed').check();
  await polls.getByLabel('Anonymous').check();
  await polls.screenshot({ path: `${SHOTS}/console-poll-choice-form.png` });
  expect(await violations(page), 'console, a multiple choice typed').toEqual([]);
  await polls.getByRole('button', { name: 'Start the poll' }).click();
  const poll = pollIn(await openPoll(room.moderator));
  expect(poll).toMatchObject({ preset: 'choice', options: LONG_OPTIONS, multiple: true, anonymous: true });

  const votes = [[0, 2], [0, 5, 7], [0]];
  for (const [n, { socket }] of voters.entries())
    await ok(socket, { type: 'poll.vote', pollId: poll?.id ?? '', choices: votes[n] ?? [] });
  const running = polls.getByTestId('poll-result');
  await expectBars(
    running,
    LONG_OPTIONS.map((o, i) => [o, votes.filter((v) => v.includes(i)).length]),
  );
  await expect(running.getByTestId('poll-answered')).toHaveText('3 of 9 answered');
  // Shares of the 3 who answered, as the document writes them (not of the 6 ticks): all 3 chose the first.
  await expect(running.getByTestId('poll-bar').locator('.percent')).toHaveText(
    LONG_OPTIONS.map((_, i) => `${Math.round((100 * votes.filter((v) => v.includes(i)).length) / 3)}%`),
  );
  await expect(running.getByTestId('poll-bar').first().locator('.percent')).toHaveText('100%');
  await expect(running).toContainText('nobody, the moderator included, sees who voted what');
  await expect(running.getByTestId('poll-ballots')).toHaveCount(0);
  await polls.screenshot({ path: `${SHOTS}/console-poll-choice-live.png` });

  const screen = await projectorPage(browser, server, room.moderator);
  await running.getByRole('button', { name: 'Show on the projector' }).click();
  const chart = screen.getByTestId('projector-poll');
  await expect(chart.getByTestId('poll-question')).toHaveText(LONG_QUESTION);
  await expect(chart.getByTestId('poll-answered')).toHaveText('3 answered');
  await fitsEverywhere(screen, 'projector-poll-choice');
  await running.getByRole('button', { name: 'Close the poll' }).click();
  await expect(chart.getByTestId('poll-status')).toHaveText('Closed');
  await fitsEverywhere(screen, 'projector-poll-choice-closed');
  await screen.context().close();
});

const CONTRIBUTION = Array.from(
  { length: 20 },
  (_, n) =>
    `${n + 1}. Our delegation proposes that the joint investigation teams share their risk analyses within a week, in a common format agreed by the services.`,
)
  .join(' ')
  .slice(0, 2000);

test('a 2,000-character contribution fits the projector with its author; the moderator closes contributions', async ({
  page,
  browser,
  server,
}) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const room = await longNamesRoom(server);
  const state = await connected(room.moderator);
  const delegation = state.delegations[1];
  const joined = await join(server.url, room.joinCode, 'Gulnara Serikbayevna Abdrakhmanova', undefined, {
    id: delegation?.id,
  });
  const writer = connect(server.url, state.id, joined.token);
  await connected(writer);
  const sent = await ok(writer, { type: 'contribution.submit', topic: 'item', text: CONTRIBUTION });
  expect(CONTRIBUTION).toHaveLength(2000);

  const screen = await projectorPage(browser, server, room.moderator);
  await ok(room.moderator, {
    type: 'projector.show',
    view: { mode: 'contribution', contributionId: (sent.ok && sent.result?.contributionId) || '' },
  });
  const slide = screen.getByTestId('projector-contribution');
  await expect(slide.getByTestId('contribution-text')).toHaveText(CONTRIBUTION);
  await expect(slide.getByTestId('contribution-author')).toHaveText(
    `Gulnara Serikbayevna Abdrakhmanova (${delegation?.name ?? ''})`,
  );
  await fitsEverywhere(screen, 'projector-contribution');
  expect(await violations(screen), 'projector, a contribution').toEqual([]);
  await screen.context().close();

  const url = new URL(room.moderatorUrl);
  await page.goto(url.pathname + url.hash);
  const polls = page.getByRole('region', { name: 'Polls' });
  await expect(polls.getByTestId('contributions-state')).toHaveText('Written contributions: open');
  await polls.getByRole('button', { name: 'Close contributions' }).click();
  await expect(polls.getByTestId('contributions-state')).toHaveText('Written contributions: closed');
  expect(await send(writer, { type: 'contribution.submit', topic: 'item', text: 'One more' })).toMatchObject({
    ok: false,
    reason: 'contributions_closed',
  });
  await polls.getByRole('button', { name: 'Reopen contributions' }).click();
  await expect(polls.getByTestId('contributions-state')).toHaveText('Written contributions: open');
});

/** How far a page is wider than its window: 0 when nothing makes it scroll sideways. */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('options typed without a space or in emoji, counted as the server counts; no result added to a frozen document', async ({
  page,
  browser,
  server,
}) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const rt = await createRoundtable(server, {
    agenda: [{ title: { en: 'Border protection' }, kind: 'discussion', plannedMinutes: 30 }],
  });
  const moderator = connect(server.url, rt.roundtableId, rt.moderatorSecret);
  const initial = await connected(moderator);
  await ok(moderator, { type: 'agenda.start', itemId: initial.agenda[0]?.id ?? '' });
  const [voter] = await phones(server, rt.roundtableId, rt.joinCode, [['Arman Karimov', null]]);

  await page.setViewportSize(CONSOLE);
  await openConsole(page, rt);
  const polls = page.getByRole('region', { name: 'Polls' });
  await polls.getByRole('button', { name: 'Multiple choice' }).click();
  const question = polls.getByLabel('Question (optional)');
  const first = polls.getByLabel('Option 1', { exact: true });
  const second = polls.getByLabel('Option 2', { exact: true });
  // 80 emoji are 160 UTF-16 units: a maxlength would keep 40 of them, the server takes all 80.
  await first.fill('🚢'.repeat(80));
  await expect(first).toHaveValue('🚢'.repeat(80));
  await expect(polls).toContainText('80 of 80 characters');
  await second.fill('🚢'.repeat(81));
  await expect(second).toHaveAttribute('aria-invalid', 'true');
  await expect(second).toHaveAccessibleDescription('Too long: 81 characters, at most 80. Shorten it to continue.');
  await expect(polls.getByRole('button', { name: 'Start the poll' })).toBeDisabled();
  await question.fill('❓'.repeat(301));
  await expect(question).toHaveAccessibleDescription(/Too long: 301 characters, at most 300/);
  await polls.screenshot({ path: `${SHOTS}/console-poll-emoji-form.png` });

  // A question and an option without a space (links): they break, on the console and on the projector.
  const longQuestion = `https://example.org/${'q'.repeat(280)}`;
  const link = `https://example.org/${'a'.repeat(60)}`;
  await question.fill(longQuestion);
  await second.fill(link);
  await polls.getByRole('button', { name: 'Start the poll' }).click();
  const poll = pollIn(await openPoll(moderator));
  expect(poll?.options).toEqual(['🚢'.repeat(80), link]);
  await ok(voter!.socket, { type: 'poll.vote', pollId: poll?.id ?? '', choices: [1] });
  const running = polls.getByTestId('poll-result');
  await running.getByText('Who voted what (1)').click();
  await expect(running.getByTestId('poll-ballots')).toContainText(link);
  expect(await overflow(page), 'console, the poll running').toBe(0);
  await polls.screenshot({ path: `${SHOTS}/console-poll-long-words.png` });
  const screen = await projectorPage(browser, server, moderator);
  await running.getByRole('button', { name: 'Show on the projector' }).click();
  await expect(screen.getByTestId('poll-question')).toHaveText(longQuestion);
  await fitsEverywhere(screen, 'projector-poll-long-words');
  await screen.context().close();

  // Closed, under review: the result cannot go into the document, and the console says why.
  await running.getByRole('button', { name: 'Close the poll' }).click();
  const result = polls.getByTestId('closed-polls').getByTestId('poll-result');
  await expect(result).toHaveCount(1);
  expect(await overflow(page), 'console, the poll closed').toBe(0);
  const record = result.getByRole('button', { name: 'Add to the document' });
  await expect(record).toBeEnabled();
  await ok(moderator, { type: 'review.open', deadline: Date.now() + 3_600_000 });
  const frozen = 'The document is frozen for the review: the result can be added once it reopens for writing.';
  await expect(record).toBeDisabled();
  await expect(record).toHaveAccessibleDescription(frozen);
  await expect(result.getByTestId('poll-record-frozen')).toHaveText(frozen);
  await polls.screenshot({ path: `${SHOTS}/console-poll-record-frozen.png` });
  expect(await violations(page), 'console, a result the frozen document cannot take').toEqual([]);
  await ok(moderator, { type: 'review.reopen' });
  await expect(record).toBeEnabled();
});
