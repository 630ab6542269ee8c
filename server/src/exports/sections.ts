import * as Y from 'yjs';
import { YJS_FRAGMENT } from '@roundtable/shared';
import { documentBlocks, plainText, type Block } from '@roundtable/shared/document';

/** A part of the outcome document under one heading: an agenda item's section (the outline's), or another. */
export interface DocSection {
  /** The agenda item whose heading this is (outline.ts marks it), or null for "Key lessons learned" and others. */
  itemId: string | null;
  title: string;
  /** What the rapporteurs wrote under the heading, its own sub-headings included. */
  blocks: Block[];
}

/**
 * The document cut at its headings: a section runs from a heading to the next heading of the same or a
 * higher level, so a rapporteur's sub-heading stays inside its item. Text before the first heading is a
 * section without a title.
 */
export function documentSections(doc: Y.Doc): DocSection[] {
  const elements = doc
    .getXmlFragment(YJS_FRAGMENT)
    .toArray()
    .filter((c): c is Y.XmlElement => c instanceof Y.XmlElement);
  // documentBlocks() maps the same top-level elements one to one, in order.
  const blocks = documentBlocks(doc);
  const sections: DocSection[] = [];
  let current: (DocSection & { level: number }) | null = null;
  blocks.forEach((block, i) => {
    if (block.kind === 'heading' && (current === null || block.level <= current.level)) {
      const itemId = elements[i]?.getAttribute('data-item');
      current = {
        itemId: typeof itemId === 'string' ? itemId : null,
        title: plainText(block.inlines),
        blocks: [],
        level: block.level,
      };
      sections.push(current);
      return;
    }
    if (current === null) {
      // Untitled, it gives way to the first heading of any level.
      current = { itemId: null, title: '', blocks: [], level: Number.POSITIVE_INFINITY };
      sections.push(current);
    }
    current.blocks.push(block);
  });
  return sections.map(({ itemId, title, blocks: b }) => ({ itemId, title, blocks: b }));
}

/** Whether a section holds any text: the outline's waiting empty paragraph is none. */
export function hasText(blocks: readonly Block[]): boolean {
  return blocks.some((b) => {
    switch (b.kind) {
      case 'heading':
      case 'paragraph':
        return plainText(b.inlines).trim() !== '';
      case 'quote':
        return hasText(b.blocks);
      case 'list':
        return b.items.some(hasText);
    }
  });
}

/** The blocks that hold text: the outline's empty paragraphs, and any a rapporteur left, are no record. */
export const withText = (blocks: readonly Block[]): Block[] => blocks.filter((b) => hasText([b]));
