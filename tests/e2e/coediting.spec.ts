import type { Browser, Page } from '@playwright/test';
import type { CommandAck, CreateRoundtableResponse } from '@roundtable/shared';
import { createRoundtable, expect, test, type RunningServer } from './fixtures.js';

// Writers typing at the same moment: every keystroke stays where its writer put it, whatever the others do.

const ROUNDS = Number(process.env.COEDIT_ROUNDS ?? 15);
/** Per-key delay: small enough that the writers' updates interleave keystroke by keystroke. */
const DELAY = 12;
/** Polls at a steady pace: the default backs off to a second, most of a round's time once a check has to wait. */
const POLL = { intervals: [50, 100, 200] };
const SECTIONS = ['International extremism and terrorism', 'Cyber threats', 'Border protection'];
const CLOSING = ['Key lessons learned', 'Next steps'];
const WRITERS = ['Aigerim', 'Pieter', 'Yerlan'];

async function rapporteurLink(server: RunningServer, rt: CreateRoundtableResponse): Promise<string> {
  const auth = { authorization: `Bearer ${rt.moderatorSecret}` };
  const { version } = await fetch(`${server.url}/api/roundtables/${rt.roundtableId}`, { headers: auth }).then(
    (r) => r.json() as Promise<{ version: number }>,
  );
  const ack = await fetch(`${server.url}/api/roundtables/${rt.roundtableId}/commands`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ baseVersion: version, command: { type: 'link.create', role: 'rapporteur', label: 'Pens' } }),
  }).then((r) => r.json() as Promise<CommandAck>);
  if (!ack.ok || !ack.result?.url) throw new Error(`no link: ${JSON.stringify(ack)}`);
  const url = new URL(ack.result.url);
  return url.pathname + url.hash;
}

async function rapporteur(browser: Browser, server: RunningServer, link: string, name: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel('Your name as other editors see it').fill(name);
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
  return page;
}

const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Outcome document, editable' });

/** The document as its top-level blocks, `## ` before a heading's text: what the writer sees, others' carets aside. */
const blocksOf = (page: Page): Promise<string[]> =>
  editorOf(page).evaluate((el) =>
    [...el.children].map((block) => {
      const copy = block.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.collab-caret').forEach((caret) => caret.remove());
      return /^H\d$/.test(block.tagName) ? `## ${copy.textContent}` : (copy.textContent ?? '');
    }),
  );

/** The text of the caret's block before the caret, others' carets aside: where this writer's typing will go. */
const beforeCaret = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const selection = getSelection();
    const block = selection?.anchorNode?.parentElement?.closest('.tiptap > *');
    if (!selection?.rangeCount || !block) return '';
    const range = document.createRange();
    range.setStart(block, 0);
    range.setEnd(selection.anchorNode!, selection.anchorOffset);
    const before = document.createElement('div');
    before.append(range.cloneContents());
    before.querySelectorAll('.collab-caret').forEach((caret) => caret.remove());
    return before.textContent ?? '';
  });

/** The middle of a word in the first paragraph, to double-click it. */
const wordAt = (page: Page, word: string): Promise<{ x: number; y: number }> =>
  editorOf(page).evaluate((el, word) => {
    const walker = document.createTreeWalker(el.querySelector('p')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = new RegExp(`\\b${word}\\b`).exec(node.textContent ?? '')?.index ?? -1;
      if (at < 0 || node.parentElement?.closest('.collab-caret')) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + word.length);
      const rect = range.getBoundingClientRect();
      return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
    }
    throw new Error(`no ${word}`);
  }, word);

/** Two writers' screens once each has typed the start of their text: taken while they are still typing. */
const shoot = (pages: Page[], texts: string[], name: string) =>
  Promise.all(
    pages.slice(0, 2).map(async (page, i) => {
      await expect(editorOf(page)).toContainText(texts[i]!.slice(0, 8));
      await page.screenshot({ path: `/tmp/shots/coedit-${name}-${WRITERS[i]!.toLowerCase()}.png` });
    }),
  );

/** The server's Markdown export as the same blocks (blank lines between blocks; empty paragraphs vanish). */
async function exportedBlocks(server: RunningServer, rt: CreateRoundtableResponse): Promise<string[]> {
  const markdown = await fetch(`${server.url}/api/roundtables/${rt.roundtableId}/document.md`, {
    headers: { authorization: `Bearer ${rt.moderatorSecret}` },
  }).then((r) => r.text());
  const body = markdown.slice(markdown.indexOf(`## ${SECTIONS[0]}`));
  return body
    .split(/\n\n+/)
    .map((b) => b.trim().replace(/^#{2,3} /, '## '))
    .filter(Boolean);
}

/** Every writer's editor and the export hold exactly `expected` (the export without empty paragraphs). */
async function converged(pages: Page[], server: RunningServer, rt: CreateRoundtableResponse, expected: string[]) {
  for (const page of pages) await expect.poll(() => blocksOf(page), POLL).toEqual(expected);
  for (const page of pages) await expect(page.getByTestId('save-status')).toHaveText('Saved');
  await expect.poll(() => exportedBlocks(server, rt), POLL).toEqual(expected.filter(Boolean));
}

// A round takes a few seconds on a busy machine: the budget grows with COEDIT_ROUNDS.
test.describe.configure({ timeout: 60_000 + ROUNDS * 12_000 });

test('writers pressing Enter at the end of different headings and typing at once keep every line where they put it', async ({
  browser,
  server,
}) => {
  const rt = await createRoundtable(server, {
    agenda: SECTIONS.map((en) => ({ title: { en }, kind: 'discussion', plannedMinutes: 30 })),
  });
  const link = await rapporteurLink(server, rt);
  const pages = await Promise.all(WRITERS.map((name) => rapporteur(browser, server, link, name)));
  // Each section: its heading, the lines written under it (newest first: each Enter opens a line right under it), its empty paragraph.
  const lines = SECTIONS.map(() => [] as string[]);
  const expected = () => [
    ...SECTIONS.flatMap((title, i) => [`## ${title}`, ...lines[i]!, '']),
    ...CLOSING.flatMap((title) => [`## ${title}`, '']),
  ];
  await converged(pages, server, rt, expected());

  for (let round = 1; round <= ROUNDS; round++) {
    const texts = WRITERS.map((name) => `${name} noted point ${round} for this section.`);
    // Everyone's caret at the end of their heading first (a click lands where the text was a moment ago), then all at once.
    await Promise.all(
      pages.map(async (page, i) => {
        await editorOf(page).getByRole('heading', { name: SECTIONS[i], exact: true }).click();
        await page.keyboard.press('End');
        await expect.poll(() => beforeCaret(page), POLL).toBe(SECTIONS[i]);
      }),
    );
    if (round % 2) {
      // Enter, everyone sees everyone's new empty line, then all type: each caret in an empty line among empty lines.
      await Promise.all(pages.map((page) => page.keyboard.press('Enter')));
      lines.forEach((section) => section.unshift(''));
      for (const page of pages) await expect.poll(() => blocksOf(page), POLL).toEqual(expected());
      lines.forEach((section) => section.shift());
      await Promise.all([
        ...pages.map((page, i) => page.keyboard.type(texts[i]!, { delay: DELAY })),
        round === 1 && shoot(pages, texts, 'headings'),
      ]);
    } else {
      await Promise.all(
        pages.map(async (page, i) => {
          await page.keyboard.press('Enter');
          await page.keyboard.type(texts[i]!, { delay: DELAY });
        }),
      );
    }
    texts.forEach((text, i) => lines[i]!.unshift(text));
    await converged(pages, server, rt, expected());
  }
});

test('writers typing in the same paragraph at different places keep every word where they put it', async ({
  browser,
  server,
}) => {
  const rt = await createRoundtable(server, {
    agenda: [{ title: { en: SECTIONS[0]! }, kind: 'discussion', plannedMinutes: 30 }],
  });
  const link = await rapporteurLink(server, rt);
  const pages = await Promise.all(WRITERS.map((name) => rapporteur(browser, server, link, name)));
  let text = 'Alpha beta gamma delta epsilon';
  await editorOf(pages[0]!).getByRole('paragraph').first().click();
  await pages[0]!.keyboard.type(text);
  const expected = () => [`## ${SECTIONS[0]}`, text, ...CLOSING.flatMap((title) => [`## ${title}`, ''])];
  await converged(pages, server, rt, expected());

  // The first writes after "Alpha", the second after "gamma", the third at the end. The third is typing already while
  // the second double-clicks "gamma" and presses → to its end; the first starts once "gamma" can no longer move.
  for (let round = 1; round <= ROUNDS; round++) {
    const words = WRITERS.map((name) => ` ${name.toLowerCase()}${round}`);
    const anchors = ['Alpha', 'gamma', text.split(' ').at(-1)!];
    const offsets = anchors.map((word) => text.indexOf(word) + word.length);
    let placed = () => {};
    const secondPlaced = new Promise<void>((resolve) => (placed = resolve));
    const write = async (i: number) => {
      const page = pages[i]!;
      // Others' typing reflows the paragraph: a word can move between finding it and the double-click, so try again.
      await expect(async () => {
        const { x, y } = await wordAt(page, anchors[i]!);
        await page.mouse.dblclick(x, y);
        await page.keyboard.press('ArrowRight');
        await expect.poll(() => beforeCaret(page), { ...POLL, timeout: 2_000 }).toMatch(new RegExp(`${anchors[i]}$`));
      }).toPass({ timeout: 15_000 });
      if (i === 1) placed();
      await page.keyboard.type(words[i]!, { delay: i === 2 ? 2 * DELAY : DELAY });
    };
    await Promise.all([
      secondPlaced.then(() => write(0)),
      write(1),
      write(2),
      round === 1 && shoot(pages, words, 'paragraph'),
    ]);
    for (let i = WRITERS.length - 1; i >= 0; i--) text = text.slice(0, offsets[i]) + words[i] + text.slice(offsets[i]);
    await converged(pages, server, rt, expected());
  }
});

test('keys that queue up while the page is busy act where the caret went, not where it was', async ({
  browser,
  server,
}) => {
  const rt = await createRoundtable(server, {
    agenda: [{ title: { en: SECTIONS[0]! }, kind: 'discussion', plannedMinutes: 30 }],
  });
  const link = await rapporteurLink(server, rt);
  const [page, other] = await Promise.all(WRITERS.slice(0, 2).map((name) => rapporteur(browser, server, link, name)));
  const heading = editorOf(page!).getByRole('heading', { name: SECTIONS[0], exact: true });
  const lines: string[] = [];
  const expected = () => [`## ${SECTIONS[0]}`, ...lines, '', ...CLOSING.flatMap((title) => [`## ${title}`, ''])];
  for (let round = 1; round <= 5; round++) {
    await heading.click({ position: { x: 60, y: 10 } });
    // In the heading's first word: short of its end, so an Enter acting on a caret ProseMirror has not updated splits it.
    await expect
      .poll(async () => {
        const before = await beforeCaret(page!);
        return before.length > 0 && before.length < SECTIONS[0]!.length && SECTIONS[0]!.startsWith(before);
      })
      .toBe(true);
    // Rebuilding the document after someone else's keystroke keeps a slow device busy; keys pressed meanwhile reach
    // the page back to back, ahead of the "selectionchange" that tells ProseMirror where End put the caret.
    await page!.evaluate(() =>
      setTimeout(() => {
        for (const until = performance.now() + 300; performance.now() < until;);
      }),
    );
    const text = `Line ${round} under the heading.`;
    await Promise.all([page!.keyboard.press('End'), page!.keyboard.press('Enter'), page!.keyboard.type(text)]);
    lines.unshift(text);
    await converged([page!, other!], server, rt, expected());
  }
});
