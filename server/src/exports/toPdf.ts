import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Block, Inline } from '@roundtable/shared/document';
import type { ExportDoc, Part } from './exportDoc.js';
import { minutesLabels } from './labels.js';

/**
 * DejaVu Sans, from its npm package, embedded (subset) in every file: it has every Kazakh and Russian
 * letter (Ә Ғ Қ Ң Ө Ұ Ү Һ І), which PDF's built-in fonts have not, and no reader needs it installed.
 */
const fontFile = (name: string): Buffer =>
  readFileSync(createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`));
const FONTS = {
  regular: fontFile('DejaVuSans'),
  bold: fontFile('DejaVuSans-Bold'),
  italic: fontFile('DejaVuSans-Oblique'),
  boldItalic: fontFile('DejaVuSans-BoldOblique'),
};
type Face = keyof typeof FONTS;

const MARGIN = 56; // points: about 2 cm
const INK = '#1B2333';
const MUTED = '#4A5572';
const LINK = '#1F4FBF';
const SIZES = { 1: 20, 2: 14, 3: 11.5 } as const;
const BODY = 10.5;
const INDENT = 18;

const face = (bold: boolean, italic: boolean): Face =>
  bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';

class PdfWriter {
  readonly pdf: PDFKit.PDFDocument;

  constructor(doc: ExportDoc) {
    this.pdf = new PDFDocument({
      size: 'A4',
      margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
      bufferPages: true,
      lang: doc.lang,
      displayTitle: true,
      info: { Title: doc.title, Creator: 'Roundtable' },
    });
    for (const [name, data] of Object.entries(FONTS)) this.pdf.registerFont(name, data);
    this.pdf.font('regular').fontSize(BODY).fillColor(INK);
  }

  get width(): number {
    return this.pdf.page.width - 2 * MARGIN;
  }

  /** A heading never ends a page: it moves to the next one with the text it heads. */
  private keepWithNext(points: number): void {
    if (this.pdf.y + points > this.pdf.page.height - MARGIN) this.pdf.addPage();
  }

  part(part: Part): void {
    const { pdf } = this;
    pdf.x = MARGIN;
    switch (part.kind) {
      case 'heading':
        this.keepWithNext(SIZES[part.level] * 4);
        pdf.moveDown(part.level === 1 ? 0 : 0.6);
        pdf.font('bold').fontSize(SIZES[part.level]).fillColor(INK).text(part.text, { width: this.width });
        pdf.moveDown(0.3);
        break;
      case 'facts':
        pdf.font('regular').fontSize(BODY).fillColor(MUTED);
        for (const line of part.lines) pdf.text(line, { width: this.width });
        pdf.moveDown(0.4);
        break;
      case 'note':
        pdf.font('italic').fontSize(BODY).fillColor(MUTED).text(part.text, { width: this.width });
        pdf.moveDown(0.4);
        break;
      case 'list':
        for (const item of part.items) this.line([{ text: item, bold: false, italic: false, href: null }], INDENT, '•');
        pdf.moveDown(0.4);
        break;
      case 'table':
        this.table(part);
        break;
      case 'content':
        this.blocks(part.blocks, 0, false);
        break;
    }
  }

  private table(part: Extract<Part, { kind: 'table' }>): void {
    const sum = part.widths.reduce((a, b) => a + b, 0) || 1;
    this.pdf.font('regular').fontSize(8.5).fillColor(INK);
    this.pdf.table({
      columnStyles: part.widths.map((w) => (w / sum) * this.width),
      defaultStyle: { padding: [3, 4, 3, 4], borderColor: '#B8BFCC', border: 0.5 },
      data: [
        part.columns.map((text) => ({ text, font: { src: 'bold' }, backgroundColor: '#EEF1F6', type: 'TH' as const })),
        ...part.rows,
      ],
    });
    this.pdf.font('regular').fontSize(BODY);
    this.pdf.moveDown(0.6);
  }

  /** One paragraph of runs, bold, italic and links kept; `marker` hangs in the indent (a bullet, "2."). */
  private line(inlines: Inline[], indent: number, marker?: string, quoted = false, size = BODY): void {
    const { pdf } = this;
    const runs = inlines.filter((r) => r.text !== '');
    if (runs.length === 0) return;
    const x = MARGIN + indent;
    // The marker is drawn where the text starts: were there no room for a line, the text alone would move on.
    this.keepWithNext(size * 1.5);
    const top = pdf.y;
    if (marker)
      pdf
        .font('regular')
        .fontSize(BODY)
        .fillColor(INK)
        .text(marker, x - 14, top, { lineBreak: false });
    pdf.x = x;
    pdf.y = top;
    runs.forEach((run, i) => {
      pdf
        .font(face(run.bold, run.italic))
        .fontSize(size)
        .fillColor(run.href ? LINK : quoted ? MUTED : INK)
        .text(run.text, i === 0 ? x : undefined, i === 0 ? top : undefined, {
          width: this.width - indent,
          continued: i < runs.length - 1,
          link: run.href ?? undefined,
          underline: !!run.href,
        });
    });
    pdf.moveDown(0.3);
  }

  private blocks(blocks: Block[], depth: number, quoted: boolean): void {
    for (const b of blocks) this.block(b, depth, quoted);
  }

  private block(b: Block, depth: number, quoted: boolean): void {
    const indent = depth * INDENT + (quoted ? INDENT : 0);
    switch (b.kind) {
      case 'heading':
        this.keepWithNext(BODY * 4);
        this.pdf.moveDown(0.3);
        // The document's own headings sit below the export's: its sections (level 2) read as the items do.
        this.line(
          b.inlines.map((i) => ({ ...i, bold: true })),
          indent,
          undefined,
          quoted,
          b.level <= 2 ? 13 : 11.5,
        );
        return;
      case 'paragraph':
        this.line(b.inlines, indent, undefined, quoted);
        return;
      case 'quote':
        this.blocks(b.blocks, depth, true);
        return;
      case 'list':
        b.items.forEach((item, n) =>
          item.forEach((child, i) => {
            if (i === 0 && child.kind === 'paragraph')
              this.line(child.inlines, indent + INDENT, b.ordered ? `${n + 1}.` : '•', quoted);
            else this.block(child, depth + 1, quoted);
          }),
        );
    }
  }

  /** "Page 2 / 5" at the foot of every page, once the number of pages is known. */
  numberPages(label: string): void {
    const { pdf } = this;
    const range = pdf.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      pdf.switchToPage(range.start + i);
      const bottom = pdf.page.margins.bottom;
      pdf.page.margins.bottom = 0;
      pdf
        .font('regular')
        .fontSize(8)
        .fillColor(MUTED)
        .text(`${label} ${i + 1} / ${range.count}`, MARGIN, pdf.page.height - MARGIN / 2 - 8, {
          width: this.width,
          align: 'center',
          lineBreak: false,
        });
      pdf.page.margins.bottom = bottom;
    }
  }
}

/** An export as a real PDF file: A4, the font embedded, its text selectable and searchable. */
export function exportPdf(doc: ExportDoc): Promise<Buffer> {
  const writer = new PdfWriter(doc);
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    writer.pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    writer.pdf.on('end', () => resolve(Buffer.concat(chunks)));
    writer.pdf.on('error', reject);
    for (const part of doc.parts) writer.part(part);
    writer.numberPages(minutesLabels(doc.lang).page);
    writer.pdf.end();
  });
}
