import * as Y from 'yjs';
import { blockOf, plainText, type Block } from '@roundtable/shared/document';
import { closingSectionOf } from '../../lib/document/closingSections';

/** One section of the outcome document as a phone reads it under review. */
export interface DocSection {
  /** The review's section id (an agenda item's id, `lessons`, `next`), or null for text outside any. */
  id: string | null;
  title: string;
  blocks: Block[];
}

function sectionIdOf(heading: Y.XmlElement, title: string): string | null {
  const item = heading.getAttribute('data-item');
  if (typeof item === 'string' && item) return item;
  return closingSectionOf(title);
}

/** Splits the document at its top-level headings: a section per agenda item and per closing heading. */
export function splitSections(fragment: Y.XmlFragment): DocSection[] {
  const sections: DocSection[] = [];
  let current: DocSection = { id: null, title: '', blocks: [] };
  for (const node of fragment.toArray()) {
    if (!(node instanceof Y.XmlElement)) continue;
    const block = blockOf(node);
    if (block.kind === 'heading' && block.level <= 2) {
      if (current.id !== null || current.blocks.length > 0) sections.push(current);
      const title = plainText(block.inlines);
      current = { id: sectionIdOf(node, title), title, blocks: [] };
    } else current.blocks.push(block);
  }
  if (current.id !== null || current.blocks.length > 0) sections.push(current);
  return sections;
}
