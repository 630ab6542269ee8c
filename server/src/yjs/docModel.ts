import * as Y from 'yjs';
import { YJS_FRAGMENT } from '@roundtable/shared';

/** A run of text with the marks the editor offers. */
export interface Inline {
  text: string;
  bold: boolean;
  italic: boolean;
  href: string | null;
}

/** The outcome document as the exports see it: one walk over the ProseMirror fragment for all of them. */
export type Block =
  | { kind: 'heading'; level: number; inlines: Inline[] }
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Block[][] }
  | { kind: 'quote'; blocks: Block[] };

interface Delta {
  insert?: unknown;
  attributes?: { bold?: unknown; italic?: unknown; link?: { href?: unknown } };
}

/** Only web and mail links survive an export: a `javascript:` href must not reach a Word file or a page. */
const safeHref = (href: unknown): string | null =>
  typeof href === 'string' && /^(https?:|mailto:)/i.test(href.trim()) ? href.trim() : null;

function inlinesOf(el: Y.XmlElement): Inline[] {
  return el.toArray().flatMap((child): Inline[] => {
    if (child instanceof Y.XmlText)
      return (child.toDelta() as Delta[]).flatMap((d) =>
        typeof d.insert === 'string'
          ? [
              {
                text: d.insert,
                bold: !!d.attributes?.bold,
                italic: !!d.attributes?.italic,
                href: safeHref(d.attributes?.link?.href),
              },
            ]
          : [],
      );
    if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak')
      return [{ text: '\n', bold: false, italic: false, href: null }];
    return child instanceof Y.XmlElement ? inlinesOf(child) : [];
  });
}

const elements = (el: Y.XmlElement | Y.XmlFragment): Y.XmlElement[] =>
  el.toArray().filter((c): c is Y.XmlElement => c instanceof Y.XmlElement);

function blockOf(el: Y.XmlElement): Block {
  switch (el.nodeName) {
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(el.getAttribute('level') ?? 2) || 2));
      return { kind: 'heading', level, inlines: inlinesOf(el) };
    }
    case 'blockquote':
      return { kind: 'quote', blocks: elements(el).map(blockOf) };
    case 'bulletList':
    case 'bullet_list':
    case 'orderedList':
    case 'ordered_list':
      return {
        kind: 'list',
        ordered: el.nodeName.startsWith('ordered'),
        items: elements(el).map((item) => elements(item).map(blockOf)),
      };
    default:
      return { kind: 'paragraph', inlines: inlinesOf(el) };
  }
}

export function documentBlocks(doc: Y.Doc): Block[] {
  return elements(doc.getXmlFragment(YJS_FRAGMENT)).map(blockOf);
}

export const plainText = (inlines: Inline[]): string => inlines.map((i) => i.text).join('');
