import {
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { DOCX_NUMBERING, WORD_LANGUAGE, docxContentWriter } from '../yjs/docxExport.js';
import type { ExportDoc, Part } from './exportDoc.js';

const HEADING = { 1: HeadingLevel.TITLE, 2: HeadingLevel.HEADING_1, 3: HeadingLevel.HEADING_2 } as const;
const MUTED = '4A5572';
const RULE = { style: BorderStyle.SINGLE, size: 4, color: 'B8BFCC' };

function cell(value: string, widthPercent: number, header: boolean): TableCell {
  return new TableCell({
    width: { size: widthPercent, type: WidthType.PERCENTAGE },
    children: [new Paragraph({ children: [new TextRun({ text: value, bold: header, size: 18 })] })],
  });
}

function table(part: Extract<Part, { kind: 'table' }>): Table {
  const sum = part.widths.reduce((a, b) => a + b, 0) || 1;
  const widths = part.widths.map((w) => (w / sum) * 100);
  const row = (cells: string[], header: boolean) =>
    new TableRow({ tableHeader: header, children: cells.map((c, i) => cell(c, widths[i] ?? 10, header)) });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: RULE, bottom: RULE, left: RULE, right: RULE, insideHorizontal: RULE, insideVertical: RULE },
    rows: [row(part.columns, true), ...part.rows.map((r) => row(r, false))],
  });
}

/** An export as a Word file: the same parts as the Markdown and the PDF, the document's text in Word's own headings and lists. */
export async function exportDocx(doc: ExportDoc): Promise<Buffer> {
  const content = docxContentWriter();
  const children = doc.parts.flatMap((part): (Paragraph | Table)[] => {
    switch (part.kind) {
      case 'heading':
        return [new Paragraph({ heading: HEADING[part.level], children: [new TextRun(part.text)] })];
      case 'facts':
        return part.lines.map((line) => new Paragraph({ children: [new TextRun({ text: line, color: MUTED })] }));
      case 'note':
        return [new Paragraph({ children: [new TextRun({ text: part.text, italics: true, color: MUTED })] })];
      case 'list':
        return part.items.map((item) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(item)] }));
      case 'table':
        return [table(part), new Paragraph({ children: [] })];
      case 'content':
        return content(part.blocks);
    }
  });
  const file = new Document({
    creator: 'Roundtable',
    title: doc.title,
    numbering: DOCX_NUMBERING,
    // Word checks spelling in the text's language; unmarked Kazakh or Russian text would be all "misspelt".
    styles: { default: { document: { run: { language: { value: WORD_LANGUAGE[doc.lang] } } } } },
    sections: [{ properties: {}, children }],
  });
  return Packer.toBuffer(file);
}
