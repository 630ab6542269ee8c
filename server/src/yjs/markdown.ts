import * as Y from 'yjs';
import { FRAGMENT } from './outline.js';

interface Delta {
  insert?: unknown;
  attributes?: { bold?: unknown; italic?: unknown; link?: { href?: string } };
}

function inline(text: Y.XmlText): string {
  return (text.toDelta() as Delta[])
    .map((d) => {
      if (typeof d.insert !== 'string') return '';
      let s = d.insert.replace(/([\\*_[\]`])/g, '\\$1');
      if (d.attributes?.bold) s = `**${s}**`;
      if (d.attributes?.italic) s = `*${s}*`;
      if (d.attributes?.link?.href) s = `[${s}](${d.attributes.link.href})`;
      return s;
    })
    .join('');
}

const textOf = (el: Y.XmlElement): string =>
  el
    .toArray()
    .map((c) => (c instanceof Y.XmlText ? inline(c) : c instanceof Y.XmlElement ? textOf(c) : ''))
    .join('');

function block(el: Y.XmlElement, indent: string): string[] {
  const children = el.toArray().filter((c): c is Y.XmlElement => c instanceof Y.XmlElement);
  switch (el.nodeName) {
    case 'heading':
      return [`${'#'.repeat(Math.min(6, Number(el.getAttribute('level') ?? 2)))} ${textOf(el)}`, ''];
    case 'blockquote':
      return [...children.flatMap((c) => block(c, indent)).map((l) => (l ? `> ${l}` : '>')), ''];
    case 'bulletList':
    case 'bullet_list':
    case 'orderedList':
    case 'ordered_list': {
      const ordered = el.nodeName.startsWith('ordered');
      const items = children.flatMap((item, n) => {
        const [first = '', ...rest] = item
          .toArray()
          .filter((c): c is Y.XmlElement => c instanceof Y.XmlElement)
          .flatMap((c) => block(c, `${indent}   `))
          .filter((l) => l !== '');
        return [`${indent}${ordered ? `${n + 1}.` : '-'} ${first.trimStart()}`, ...rest];
      });
      return [...items, ''];
    }
    default:
      return [`${indent}${textOf(el)}`, ''];
  }
}

/** The outcome document as Markdown: headings, paragraphs, lists, quotes, bold, italic, links. */
export function toMarkdown(doc: Y.Doc): string {
  const blocks = doc
    .getXmlFragment(FRAGMENT)
    .toArray()
    .flatMap((n) => (n instanceof Y.XmlElement ? block(n, '') : []));
  return `${blocks
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
