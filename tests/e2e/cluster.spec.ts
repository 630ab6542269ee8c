import type { Page } from '@playwright/test';
import type { CommandAck, CreateRoundtableResponse } from '@roundtable/shared';
import { failuresOf, lastUpstream, nodeOf, test } from './clusterFixture.js';
import { expect, openConsole, PHONE } from './fixtures.js';

// Issue 17's deployment, for real: two nodes on one PostgreSQL and one Redis behind nginx running
// docs/deploy/nginx.conf. Every page reaches the cluster only through nginx; a node killed under them is
// one they were using, and they carry on through nginx on the other.

async function rapporteurLink(url: string, rt: CreateRoundtableResponse): Promise<string> {
  const auth = { authorization: `Bearer ${rt.moderatorSecret}` };
  const { version } = await fetch(`${url}/api/roundtables/${rt.roundtableId}`, { headers: auth }).then(
    (r) => r.json() as Promise<{ version: number }>,
  );
  const ack = await fetch(`${url}/api/roundtables/${rt.roundtableId}/commands`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ baseVersion: version, command: { type: 'link.create', role: 'rapporteur', label: 'Pens' } }),
  }).then((r) => r.json() as Promise<CommandAck>);
  if (!ack.ok || !ack.result?.url) throw new Error(`no link: ${JSON.stringify(ack)}`);
  const link = new URL(ack.result.url);
  return link.pathname + link.hash;
}

async function joinAndAsk(page: Page, code: string, name: string) {
  await page.goto(`/j/${code}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.getByRole('button', { name: 'Ask for the floor' }).click();
  await expect(page.getByTestId('my-request')).toBeVisible();
}

const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Outcome document, editable' });

/** The document's text as its writer reads it: the others' carets, which carry their names, left out. */
const textOf = (page: Page): Promise<string> =>
  editorOf(page).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collab-caret').forEach((caret) => caret.remove());
    return copy.textContent ?? '';
  });

/** Every writer reads `texts` and sees them stored by the cluster. */
async function showsAndSaved(pages: Page[], ...texts: string[]) {
  for (const page of pages) {
    for (const text of texts) await expect.poll(() => textOf(page)).toContain(text);
    await expect(page.getByTestId('save-status')).toHaveText('Saved');
  }
}

/** Types at the end of the document's `which` paragraph. */
async function typeIn(page: Page, which: 'first' | 'last', text: string) {
  const paragraph = editorOf(page).getByRole('paragraph')[which]();
  await paragraph.click();
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}

const shoot = (pages: Record<string, Page>, step: string) =>
  Promise.all(
    Object.entries(pages).map(([name, p]) => p.screenshot({ path: `/tmp/shots/cluster-${step}-${name}.png` })),
  );

test.describe.configure({ timeout: 90_000 });

test('through nginx, the console, phones and two rapporteurs use two nodes, and carry on when the node they use is killed', async ({
  cluster,
  pageErrors,
}) => {
  const { url, nodes, open } = cluster;
  const created = await fetch(`${url}/api/roundtables`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      title: { en: 'Roundtable on transnational threats' },
      description: '',
      startsAt: null,
      venue: 'Astana',
      organisers: [],
      languages: ['en'],
      agenda: [{ title: { en: 'Cyber threats' }, kind: 'discussion', plannedMinutes: 30 }],
    }),
  });
  expect(created.status).toBe(201);
  const rt = (await created.json()) as CreateRoundtableResponse;
  const link = await rapporteurLink(url, rt);

  const moderator = await open();
  await openConsole(moderator, rt);
  await moderator.getByTestId('agenda-row').first().getByRole('button', { name: 'Start' }).click();

  const phone = await open(PHONE);
  await joinAndAsk(phone, rt.joinCode, 'Speaker Phone');
  await expect(moderator.getByTestId('queue-row')).toHaveCount(1);
  await expect(moderator.getByTestId('queue-row').first()).toContainText('Speaker Phone');

  // A phone whose network refuses WebSocket falls back to long-polling: its requests must all reach one node.
  const polling = await open(PHONE);
  await polling.context().routeWebSocket(/\/socket\.io\//, (ws) => ws.close());
  const pollingNodes = new Set<string | undefined>();
  polling.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/socket.io/')) pollingNodes.add(lastUpstream(response.headers()));
  });
  await joinAndAsk(polling, rt.joinCode, 'Speaker Polling');
  await expect(moderator.getByTestId('queue-row')).toHaveCount(2);
  expect(pollingNodes.size, 'nodes that served the long-polling phone').toBe(1);

  const writers = await Promise.all(
    ['Aigerim', 'Pieter'].map(async (name) => {
      const page = await open();
      await page.goto(link);
      await page.getByLabel('Your name as other editors see it').fill(name);
      await expect(page.getByTestId('save-status')).toHaveText('Saved');
      return page;
    }),
  );
  const [aigerim, pieter] = writers as [Page, Page];
  await typeIn(aigerim, 'first', 'Aigerim wrote this first.');
  await typeIn(pieter, 'last', 'Pieter wrote this next.');
  await showsAndSaved(writers, 'Aigerim wrote this first.', 'Pieter wrote this next.');
  // The writers' pages follow the room too, from whichever node their Socket.IO reached.
  for (const page of writers) await expect(page.getByText('Speaker Polling')).toBeVisible();
  const pages = { moderator, phone, aigerim, pieter };
  await shoot(pages, '1-two-nodes');
  const where = () =>
    Object.entries(pages)
      .map(([name, p]) => `${name}: ${nodeOf(p, '/socket.io/')}/${nodeOf(p, '/yjs/') ?? '-'}`)
      .join(', ');
  test.info().annotations.push({ type: 'nodes before the first kill (socket.io/yjs)', description: where() });

  // The node behind Aigerim's document dies; she goes on typing, and her page finds the other one through nginx.
  const victim = nodes.find((node) => node.port === nodeOf(aigerim, '/yjs/'));
  const survivor = nodes.find((node) => node !== victim);
  if (!victim || !survivor) throw new Error(`Aigerim's document is on no node of ours: ${where()}`);
  const everyone = [moderator, phone, polling, ...writers];
  for (const page of everyone) expect(failuresOf(page), 'HTTP failures before a node was lost').toEqual([]);
  // The long-polling session lived on the node that died: its next request reaches the other node, which
  // answers 400 "Session ID unknown" (Chromium logs that), and socket.io-client opens a new session there.
  // What else failed over HTTP is checked below: only these.
  pageErrors.allow(/Failed to load resource: the server responded with a status of 400 \(Bad Request\)/);
  await victim.kill();
  await typeIn(aigerim, 'first', ' Kept through the loss of a node.');
  await expect.poll(() => nodeOf(aigerim, '/yjs/')).toBe(survivor.port);
  await showsAndSaved(writers, 'Aigerim wrote this first. Kept through the loss of a node.');
  // A second phone asks meanwhile: the console shows the room as it is now, whichever node it was on.
  const late = await open(PHONE);
  await joinAndAsk(late, rt.joinCode, 'Speaker Late');
  await expect(moderator.getByTestId('queue-row')).toHaveCount(3);
  await shoot({ ...pages, polling, late }, '2-one-node');

  // Back, then the node that now holds every page dies too: all of them move to the one that came back.
  everyone.push(late);
  const sockets = everyone.filter((page) => page !== polling);
  for (const page of sockets) await expect.poll(() => nodeOf(page, '/socket.io/')).toBe(survivor.port);
  await victim.restart();
  // nginx sends it nothing for fail_timeout after its failures: wait until it does, as the next connections will.
  await expect
    .poll(async () => lastUpstream(Object.fromEntries((await fetch(`${url}/healthz`)).headers)))
    .toBe(`127.0.0.1:${victim.port}`);
  await survivor.kill();
  for (const page of sockets) await expect.poll(() => nodeOf(page, '/socket.io/')).toBe(victim.port);
  for (const page of writers) await expect.poll(() => nodeOf(page, '/yjs/')).toBe(victim.port);

  await moderator.getByRole('button', { name: 'Next speaker' }).click();
  await expect(phone.getByRole('alertdialog')).toContainText('You have the floor');
  await expect(polling.getByText('You are number 1 in the queue')).toBeVisible();
  await expect(late.getByText('You are number 2 in the queue')).toBeVisible();
  await expect(moderator.getByTestId('queue-row')).toHaveCount(2);
  await typeIn(pieter, 'last', ' And after the second.');
  await showsAndSaved(writers, 'Pieter wrote this next. And after the second.');
  // What the pages show is what PostgreSQL holds: the export, read through nginx from the node that came back.
  const markdown = await fetch(`${url}/api/roundtables/${rt.roundtableId}/document.md`, {
    headers: { authorization: `Bearer ${rt.moderatorSecret}` },
  }).then((r) => r.text());
  expect(markdown).toContain('Aigerim wrote this first. Kept through the loss of a node.');
  expect(markdown).toContain('Pieter wrote this next. And after the second.');
  await shoot({ ...pages, polling, late }, '3-other-node');
  for (const page of sockets) expect(failuresOf(page), 'HTTP failures').toEqual([]);
  for (const failure of failuresOf(polling)) expect(failure).toMatch(/^400 \/socket\.io\/ .*Session ID unknown/);
});
