import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentBlocks, plainText, safeHref } from '../src/document/blocks.js';
import { YJS_FRAGMENT } from '../src/yjsProtocol.js';

/** A text node with its runs, as y-prosemirror stores marks: one attribute per mark. */
function text(...runs: [string, Record<string, unknown>?][]): Y.XmlText {
  const node = new Y.XmlText();
  let at = 0;
  for (const [s, marks] of runs) {
    node.insert(at, s, marks ?? {});
    at += s.length;
  }
  return node;
}

function element(name: string, children: (Y.XmlElement | Y.XmlText)[], attrs: Record<string, string> = {}) {
  const el = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.insert(0, children);
  return el;
}

function docOf(...nodes: Y.XmlElement[]): Y.Doc {
  const doc = new Y.Doc();
  doc.getXmlFragment(YJS_FRAGMENT).insert(0, nodes);
  return doc;
}

const link = (href: string) => ({ link: { href } });

describe('safeHref', () => {
  it('keeps web and mail links, trimmed', () => {
    expect(safeHref('https://unodc.org/report')).toBe('https://unodc.org/report');
    expect(safeHref(' HTTP://example.kz ')).toBe('HTTP://example.kz');
    expect(safeHref('mailto:rapporteur@example.org')).toBe('mailto:rapporteur@example.org');
  });

  it('refuses script, data and every other scheme, and what is no string', () => {
    for (const href of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'httpx://looks-like-web',
      'http-equiv:refresh',
      'file:///etc/passwd',
      '//example.org',
      '',
    ])
      expect(safeHref(href), href).toBeNull();
    expect(safeHref(undefined)).toBeNull();
    expect(safeHref({ href: 'https://example.org' })).toBeNull();
  });
});

describe('documentBlocks', () => {
  it('walks headings, paragraphs with their marks, lists, quotes and line breaks', () => {
    const doc = docOf(
      element('heading', [text(['Migrant smuggling'])], { level: '2' }),
      element('paragraph', [text(['Routes ', {}], ['shift', { bold: true }], [' east', { italic: true }])]),
      element('paragraph', [text(['one']), element('hardBreak', []), text(['two'])]),
      element('bulletList', [element('listItem', [element('paragraph', [text(['first'])])])]),
      element('orderedList', [element('listItem', [element('paragraph', [text(['second'])])])]),
      element('blockquote', [element('paragraph', [text(['quoted'])])]),
    );
    const blocks = documentBlocks(doc);
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'paragraph', 'list', 'list', 'quote']);
    expect(blocks[0]).toMatchObject({ kind: 'heading', level: 2 });
    expect(blocks[1]).toEqual({
      kind: 'paragraph',
      inlines: [
        { text: 'Routes ', bold: false, italic: false, href: null },
        { text: 'shift', bold: true, italic: false, href: null },
        { text: ' east', bold: false, italic: true, href: null },
      ],
    });
    expect(blocks[2]?.kind === 'paragraph' && plainText(blocks[2].inlines)).toBe('one\ntwo');
    expect(blocks[3]).toMatchObject({ kind: 'list', ordered: false, items: [[{ kind: 'paragraph' }]] });
    expect(blocks[4]).toMatchObject({ kind: 'list', ordered: true });
    expect(blocks[5]).toMatchObject({ kind: 'quote', blocks: [{ kind: 'paragraph' }] });
  });

  it('clamps heading levels to at most 6, and reads a level that is not 1–6 or more (0, x) as 2', () => {
    const doc = docOf(
      element('heading', [text(['a'])], { level: '9' }),
      element('heading', [text(['b'])], { level: '0' }),
      element('heading', [text(['c'])], { level: 'x' }),
    );
    expect(documentBlocks(doc).map((b) => b.kind === 'heading' && b.level)).toEqual([6, 2, 2]);
  });

  it('keeps the text of an unsafe link and drops the link', () => {
    const doc = docOf(
      element('paragraph', [
        text(
          ['safe', link('https://unodc.org')],
          [' script', link('javascript:alert(document.cookie)')],
          [' data', link('data:text/html;base64,PHNjcmlwdD4=')],
        ),
      ]),
    );
    const [paragraph] = documentBlocks(doc);
    expect(paragraph?.kind === 'paragraph' && paragraph.inlines.map((i) => [i.text, i.href])).toEqual([
      ['safe', 'https://unodc.org'],
      [' script', null],
      [' data', null],
    ]);
  });
});
