import * as Y from 'yjs';

/** A read-only rendering tree of the outcome document: safe to show, no HTML strings. */
export type DocNode =
  | { kind: 'element'; tag: string; children: DocNode[] }
  | { kind: 'text'; text: string; bold: boolean; italic: boolean; href: string | null };

/** ProseMirror node names (as y-prosemirror stores them) → HTML tags we allow. */
const TAGS: Record<string, string> = {
  paragraph: 'p',
  blockquote: 'blockquote',
  bulletList: 'ul',
  bullet_list: 'ul',
  orderedList: 'ol',
  ordered_list: 'ol',
  listItem: 'li',
  list_item: 'li',
  hardBreak: 'br',
};

function tagOf(el: Y.XmlElement): string {
  if (el.nodeName === 'heading') {
    const level = Number(el.getAttribute('level') ?? 2);
    return `h${Math.min(6, Math.max(1, level + 1))}`;
  }
  return TAGS[el.nodeName] ?? 'div';
}

interface Delta {
  insert?: unknown;
  attributes?: { bold?: unknown; italic?: unknown; link?: { href?: string } };
}

function textRuns(text: Y.XmlText): DocNode[] {
  return (text.toDelta() as Delta[]).flatMap((d) =>
    typeof d.insert === 'string'
      ? [
          {
            kind: 'text' as const,
            text: d.insert,
            bold: !!d.attributes?.bold,
            italic: !!d.attributes?.italic,
            href: d.attributes?.link?.href?.startsWith('http') ? d.attributes.link.href : null,
          },
        ]
      : [],
  );
}

export function renderNodes(nodes: (Y.XmlElement | Y.XmlText | Y.XmlHook)[]): DocNode[] {
  return nodes.flatMap((n): DocNode[] => {
    if (n instanceof Y.XmlText) return textRuns(n);
    if (n instanceof Y.XmlElement) return [{ kind: 'element', tag: tagOf(n), children: renderNodes(n.toArray()) }];
    return [];
  });
}
