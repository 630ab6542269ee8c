import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  TextRun,
  type ParagraphChild,
} from 'docx';
import type { Block, Inline } from '@roundtable/shared/document';
import type { ExportHeader } from './exportHeader.js';

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

function headerParagraphs(header: ExportHeader): Paragraph[] {
  const facts = [
    header.organisers.length > 0 ? `${header.labels.organisers}: ${header.organisers.join(', ')}` : '',
    header.venue ? `${header.labels.venue}: ${header.venue}` : '',
    header.date ? `${header.labels.date}: ${header.date}` : '',
  ].filter(Boolean);
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(header.title)] }),
    ...facts.map((fact) => new Paragraph({ children: [new TextRun({ text: fact, color: '4A5572' })] })),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(header.labels.document)] }),
  ];
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
 * Blocks as Word paragraphs, for an export that sets pieces of the document among parts of its own (the
 * minutes): one writer per file, so each numbered list in it starts again at 1.
 */
export function docxContentWriter(): (blocks: Block[]) => Paragraph[] {
  const renderer = new Renderer();
  return (blocks) => renderer.blocks(blocks, 0, false);
}

/** The outcome document as a Word file: title, organisers, venue and date, then the document itself. */
export async function toDocx(blocks: Block[], header: ExportHeader): Promise<Buffer> {
  const body = new Renderer().blocks(blocks, 0, false);
  const file = new Document({
    creator: 'Roundtable',
    title: `${header.title} — ${header.labels.document}`,
    description: header.labels.document,
    numbering: DOCX_NUMBERING,
    // Word checks spelling in the text's language; unmarked Kazakh or Russian text would be all "misspelt".
    styles: { default: { document: { run: { language: { value: WORD_LANGUAGE[header.lang] } } } } },
    sections: [{ properties: {}, children: [...headerParagraphs(header), ...body] }],
  });
  return Packer.toBuffer(file);
}
