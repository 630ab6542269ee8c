import {
  AlignmentType,
  BorderStyle,
  ExternalHyperlink,
  HeadingLevel,
  LevelFormat,
  Paragraph,
  TextRun,
  type ParagraphChild,
} from 'docx';
import type { Block, Inline } from '@roundtable/shared/document';

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;
const NUMBERED = 'numbered';
const INDENT = 720; // twips: half an inch per level
export const WORD_LANGUAGE = { en: 'en-GB', ru: 'ru-RU', kk: 'kk-KZ' } as const;

function runs({ text, bold, italic, href }: Inline): ParagraphChild[] {
  // A line break inside a paragraph is a break before each following line.
  const pieces = text.split('\n').map(
    (part, i) =>
      new TextRun({
        text: part,
        bold,
        italics: italic,
        break: i > 0 ? 1 : undefined,
        style: href ? 'Hyperlink' : undefined,
      }),
  );
  return href ? [new ExternalHyperlink({ link: href, children: pieces })] : pieces;
}

const children = (inlines: Inline[]) => inlines.flatMap(runs);

/** Word needs a numbering instance per list, or every numbered list would continue the previous one. */
class Renderer {
  #lists = 0;

  blocks(blocks: Block[], depth: number, quoted: boolean): Paragraph[] {
    return blocks.flatMap((b) => this.block(b, depth, quoted));
  }

  block(b: Block, depth: number, quoted: boolean): Paragraph[] {
    const quote = quoted
      ? {
          indent: { left: INDENT },
          border: { left: { style: BorderStyle.SINGLE, size: 12, color: '8A94A6', space: 12 } },
        }
      : {};
    switch (b.kind) {
      case 'heading':
        return [new Paragraph({ heading: HEADINGS[b.level - 1], children: children(b.inlines) })];
      case 'paragraph':
        return [new Paragraph({ ...quote, children: children(b.inlines) })];
      case 'quote':
        return this.blocks(b.blocks, depth, true);
      case 'list':
        return this.list(b, depth, quoted);
    }
  }

  list(b: Extract<Block, { kind: 'list' }>, depth: number, quoted: boolean): Paragraph[] {
    const instance = ++this.#lists;
    const level = Math.min(depth, 8);
    return b.items.flatMap((item) =>
      item.flatMap((child, i) => {
        if (child.kind === 'list') return this.list(child, depth + 1, quoted);
        if (i > 0 || child.kind !== 'paragraph') return this.block(child, depth + 1, quoted);
        const marker = b.ordered ? { numbering: { reference: NUMBERED, level, instance } } : { bullet: { level } };
        return [new Paragraph({ ...marker, children: children(child.inlines) })];
      }),
    );
  }
}

const numberedLevels = Array.from({ length: 9 }, (_, level) => ({
  level,
  format: LevelFormat.DECIMAL,
  text: `%${level + 1}.`,
  alignment: AlignmentType.START,
  style: { paragraph: { indent: { left: INDENT * (level + 1), hanging: 360 } } },
}));

/** The numbering every Word export declares, so the document's numbered lists count as they do here. */
export const DOCX_NUMBERING = { config: [{ reference: NUMBERED, levels: numberedLevels }] };

/**
 * Blocks as Word paragraphs, for an export that sets the document's text among parts of its own (the
 * minutes; the document under its header, before the sign-off): one writer per file, so each numbered list
 * in it starts again at 1.
 */
export function docxContentWriter(): (blocks: Block[]) => Paragraph[] {
  const renderer = new Renderer();
  return (blocks) => renderer.blocks(blocks, 0, false);
}
