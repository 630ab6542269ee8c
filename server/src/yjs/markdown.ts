import type * as Y from 'yjs';
import { documentBlocks, type Block, type Inline } from './docModel.js';

const escape = (s: string) => s.replace(/([\\*_[\]`#])/g, '\\$1');

/** Markdown marks must hug their text: "**Important:** text", never "**Important: **text". */
function inline({ text, bold, italic, href }: Inline): string {
  const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text) ?? [];
  if (!core) return text;
  let s = escape(core).replace(/\n/g, '  \n');
  if (bold) s = `**${s}**`;
  if (italic) s = `*${s}*`;
  if (href) s = `[${s}](${href.replace(/[()\s]/g, encodeURIComponent)})`;
  return `${lead}${s}${trail}`;
}

const line = (inlines: Inline[]) => inlines.map(inline).join('');

function block(b: Block, indent: string): string[] {
  switch (b.kind) {
    case 'heading':
      return [`${'#'.repeat(b.level)} ${line(b.inlines)}`, ''];
    case 'quote':
      return [...b.blocks.flatMap((c) => block(c, indent)).map((l) => (l ? `> ${l}` : '>')), ''];
    case 'list': {
      const items = b.items.flatMap((item, n) => {
        const [first = '', ...rest] = item.flatMap((c) => block(c, `${indent}   `)).filter((l) => l !== '');
        return [`${indent}${b.ordered ? `${n + 1}.` : '-'} ${first.trimStart()}`, ...rest];
      });
      return [...items, ''];
    }
    case 'paragraph':
      return [`${indent}${line(b.inlines)}`, ''];
  }
}

/** The outcome document as Markdown: headings, paragraphs, lists, quotes, bold, italic, links. */
export function toMarkdown(doc: Y.Doc): string {
  const lines = documentBlocks(doc).flatMap((b) => block(b, ''));
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
