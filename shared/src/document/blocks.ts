import * as Y from 'yjs';
import { YJS_FRAGMENT } from '../yjsProtocol.js';

/** A run of text with the marks the editor offers. */
export interface Inline {
  text: string;
  bold: boolean;
  italic: boolean;
  href: string | null;
}

/**
 * The outcome document as everything that shows it sees it (the exports on the server, the phones and the
 * projector): one walk over the ProseMirror fragment, so what one of them refuses none of them shows.
 */
export type Block =
  | { kind: 'heading'; level: number; inlines: Inline[] }
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Block[][] }
  | { kind: 'quote'; blocks: Block[] };

interface Delta {
  insert?: unknown;
  attributes?: { bold?: unknown; italic?: unknown; link?: { href?: unknown } };
}

/**
 * Only web and mail links survive: a `javascript:` or `data:` href must not reach a Word file, a page or a
 * phone. Anything else stays as its text, without the link.
 */
export const safeHref = (href: unknown): string | null =>
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

/** One top-level element of the fragment (y-prosemirror's node names, both spellings) as a block. */
export function blockOf(el: Y.XmlElement): Block {
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

/** The fragment's blocks, one per top-level element, in order. */
export const fragmentBlocks = (fragment: Y.XmlFragment): Block[] => elements(fragment).map(blockOf);

export const documentBlocks = (doc: Y.Doc): Block[] => fragmentBlocks(doc.getXmlFragment(YJS_FRAGMENT));

export const plainText = (inlines: Inline[]): string => inlines.map((i) => i.text).join('');
