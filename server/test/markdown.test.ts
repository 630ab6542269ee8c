import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentBlocks } from '@roundtable/shared/document';
import { toMarkdown } from '../src/yjs/markdown.js';
import { micromark } from 'micromark';

type Child = Y.XmlElement | Y.XmlText;

function text(content: string, marks: Record<string, unknown> = {}): Y.XmlText {
  const t = new Y.XmlText();
  t.insert(0, content, marks);
  return t;
}
function element(name: string, children: Child[] = [], attrs: Record<string, unknown> = {}): Y.XmlElement {
  const el = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v as string);
  el.insert(0, children);
  return el;
}
const p = (...children: Child[]) => element('paragraph', children);
const br = () => element('hardBreak');
const link = (content: string, href: string) => text(content, { link: { href } });
const item = (...blocks: Y.XmlElement[]) => element('listItem', blocks);

/** A document whose ProseMirror fragment holds `blocks`, written the way the editor writes it. */
function docOf(...blocks: Y.XmlElement[]): Y.Doc {
  const doc = new Y.Doc();
  doc.getXmlFragment('default').insert(0, blocks);
  return doc;
}
const md = (...blocks: Y.XmlElement[]) => toMarkdown(docOf(...blocks));

/**
 * Without a renderer among the dependencies, the rule a CommonMark parser follows: `<` starts raw HTML (a tag,
 * a comment, `<?…`, `<!…`) or an autolink only before a letter, `/`, `?` or `!`, and only when an even
 * number of backslashes (none, or escaped ones) stands before it.
 */
const renders = (markdown: string) => micromark(markdown, { allowDangerousHtml: true }).trim();
/** Every tag in rendered HTML, comments and processing instructions included. */
const tagsOf = (html: string) => html.match(/<[^>]*>?/g) ?? [];
/** What the export's own structure renders to: nothing typed may add a tag or an attribute. */
const SAFE_TAG = /^(<\/?(p|h2|ul|li|blockquote|strong|em)>|<br \/>|<a href="https:\/\/e\.org\/">|<\/a>)$/;
const LIVE_MARKUP = /(?<!\\)(?:\\\\)*<[A-Za-z!/?]/;

/** What a renderer shows of backslash escapes: the punctuation character alone. */
const unescape = (markdown: string) => markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');

describe('the Markdown export', () => {
  it('writes headings, marks, links, breaks, nested lists and quotes, ending with one newline', () => {
    const out = md(
      element('heading', [text('Border security')], { level: 2 }),
      p(),
      p(
        text('Important: ', { bold: true }),
        text('data is shared ', { italic: true }),
        link('Europol', 'https://e.org/'),
      ),
      p(text('first line'), br(), text('second line')),
      element('bulletList', [
        item(p(text('Border')), element('orderedList', [item(p(text('one'))), item(p(text('two')))])),
        item(p(text('Cyber'))),
      ]),
      element('orderedList', [item(p(text('First step'))), item(p(text('Second step')))]),
      element('blockquote', [p(text('Quoted')), p(text('words'))]),
      element('heading', [text('Next steps')], { level: 3 }),
    );
    expect(out).toBe(
      [
        '## Border security',
        '**Important:** *data is shared* [Europol](https://e.org/)',
        'first line\\\nsecond line',
        '- Border\n  1. one\n  2. two\n- Cyber',
        '1. First step\n2. Second step',
        '> Quoted\n>\n> words',
        '### Next steps\n',
      ].join('\n\n'),
    );
    expect(md()).toBe('\n');
  });

  it('keeps marks hugging their text and overlapping marks in one span', () => {
    expect(md(p(text('Important: ', { bold: true }), text('text')))).toBe('**Important:** text\n');
    expect(md(p(text('see '), link(' the site ', 'https://e.org/'), text('.')))).toBe(
      'see  [the site](https://e.org/) .\n',
    );
    expect(md(p(text('all of ', { bold: true }), text('this', { bold: true, italic: true })))).toBe(
      '**all of _this_**\n',
    );
  });

  it('escapes typed HTML so that a renderer shows it as text', () => {
    const typed = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<a href=javascript:alert(1)>click</a>',
      '<!-- hidden -->',
      '<?php echo 1; ?>',
      '<![CDATA[x]]>',
      '<https://e.org>',
      '\\<b>backslash first</b>',
    ];
    for (const html of typed) {
      const plain = [
        md(p(text(html))),
        md(element('heading', [text(html)], { level: 2 })),
        md(element('bulletList', [item(p(text(html)))])),
        md(element('blockquote', [p(text('a'), br(), text(html))])),
        md(p(link(html, 'https://e.org/'))),
      ];
      for (const out of [...plain, md(p(text(html.slice(0, 4)), text(html.slice(4), { bold: true })))]) {
        expect(out, out).not.toMatch(LIVE_MARKUP);
        // Rendered by a CommonMark renderer that lets raw HTML through, as permissive renderers do.
        for (const tag of tagsOf(renders(out))) expect(tag, out).toMatch(SAFE_TAG);
      }
      // Escaped, not removed: what was typed is what a reader sees.
      for (const out of plain) expect(unescape(out)).toContain(html);
    }
    expect(md(p(text(typed[0] ?? '')))).toBe('\\<script>alert(1)\\</script>\n');
    expect(md(p(text(typed[1] ?? '')))).toBe('\\<img src=x onerror=alert(1)>\n');
    // A character reference would turn back into `<` in a renderer that decodes and re-parses.
    expect(md(p(text('&#60;script&#62; &lt;b&gt;')))).toBe('\\&#60;script\\&#62; \\&lt;b\\&gt;\n');
  });

  it('keeps each link target inside its link, percent-encoding what no URL may hold', () => {
    const cases: [string, string][] = [
      ['https://e.org/"><script>alert(1)</script>', 'https://e.org/%22%3E%3Cscript%3Ealert\\(1\\)%3C/script%3E'],
      ['https://e.org/a b', 'https://e.org/a%20b'],
      ['https://e.org/x)"onmouseover="alert(1)', 'https://e.org/x\\)%22onmouseover=%22alert\\(1\\)'],
      ['https://e.org/wiki/Қазақстан_(ел)', 'https://e.org/wiki/Қазақстан_\\(ел\\)'],
      ['https://e.org/a\nb<c>`d`', 'https://e.org/a%0Ab%3Cc%3E%60d%60'],
      ['mailto:rapporteur@e.org', 'mailto:rapporteur@e.org'],
    ];
    for (const [href, target] of cases) {
      const out = md(p(text('see '), link('here', href), text(' now')));
      expect(out).toBe(`see [here](${target}) now\n`);
      // One link whose text is "here", and nothing after it inside a tag.
      expect(renders(out)).toMatch(/^<p>see <a href="[^"<>]*">here<\/a> now<\/p>$/);
    }
  });

  it('drops javascript:, data: and vbscript: links but keeps their text, as the Word and print exports do', () => {
    const hrefs = ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>', 'vbscript:msgbox', '/x'];
    for (const href of hrefs) {
      const doc = docOf(p(link('click me', href)));
      expect(toMarkdown(doc)).toBe('click me\n');
      // The Word and print exports read the same blocks.
      expect(documentBlocks(doc)).toEqual([
        { kind: 'paragraph', inlines: [{ text: 'click me', bold: false, italic: false, href: null }] },
      ]);
    }
  });

  it('keeps Markdown typed as text as text', () => {
    const cases: [string, string][] = [
      ['# not a heading', '\\# not a heading'],
      ['* not a list', '\\* not a list'],
      ['- not a list', '\\- not a list'],
      ['+ not a list', '\\+ not a list'],
      ['1. not a list', '1\\. not a list'],
      ['2) not a list', '2\\) not a list'],
      ['> not a quote', '\\> not a quote'],
      ['[x](y) and ![i](j)', '\\[x]\\(y) and !\\[i]\\(j)'],
      ['[x]: https://e.org', '\\[x]: https://e.org'],
      ['`code` and ```fence', '\\`code\\` and \\`\\`\\`fence'],
      ['| a | b |', '\\| a \\| b \\|'],
      ['~~struck~~', '\\~\\~struck\\~\\~'],
      ['___', '\\_\\_\\_'],
      ['***', '\\*\\*\\*'],
      // Inside a word `_` never makes emphasis, so it needs no escape.
      ['snake_case and 2*3*4', 'snake_case and 2\\*3\\*4'],
      ['    not code', 'not code'],
    ];
    for (const [typed, written] of cases) expect(md(p(text(typed)))).toBe(`${written}\n`);
    // A table or a setext heading could also form across the lines of one paragraph.
    expect(md(p(text('| a | b |'), br(), text('|---|---|')))).toBe('\\| a \\| b \\|\\\n\\|---\\|---\\|\n');
    expect(md(p(text('Title'), br(), text('---')))).toBe('Title\\\n\\---\n');
    expect(md(p(text('Title'), br(), text('===')))).toBe('Title\\\n\\===\n');
  });

  it('passes Kazakh and Russian text unchanged', () => {
    const kazakh = 'Әділет, Ғылым, Қауіпсіздік, Ңң, Өзара, Ұлттық, Үйлестіру, Һ, Іс-қимыл — әә ғғ ққ ңң өө ұұ үү һһ іі';
    const russian = 'Трансграничная преступность: обмен данными в реальном времени (ёЁ)';
    expect(md(element('heading', [text(kazakh)], { level: 2 }), p(text(russian)))).toBe(`## ${kazakh}\n\n${russian}\n`);
    expect(md(p(text('Маңызды: ', { bold: true }), text(russian, { italic: true })))).toBe(
      `**Маңызды:** *${russian}*\n`,
    );
  });

  it('leaves out empty paragraphs and stray breaks, and keeps two paragraphs of a list item apart', () => {
    expect(md(p(text('  ')), p(br()), p(text('a  '), br(), text('  b'), br()), p())).toBe('a\\\nb\n');
    expect(md(element('bulletList', [item(p(text('one')), p(text('more'))), item(p(text('two')))]))).toBe(
      '- one\n\n  more\n- two\n',
    );
  });
});
