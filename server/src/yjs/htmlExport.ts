import type { Block, Inline } from '@roundtable/shared/document';
import type { ExportHeader } from './exportHeader.js';

/** Everything typed by people is escaped: the page shows `<script>` as text, never runs it. */
const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function inline({ text, bold, italic, href }: Inline): string {
  let s = esc(text).replace(/\n/g, '<br>');
  if (bold) s = `<strong>${s}</strong>`;
  if (italic) s = `<em>${s}</em>`;
  return href ? `<a href="${esc(href)}">${s}</a>` : s;
}

const inlines = (list: Inline[]) => list.map(inline).join('');

function block(b: Block): string {
  switch (b.kind) {
    case 'heading': {
      // The document's title is the page's h1; the document's own headings start one level below.
      const level = Math.min(6, b.level + 1);
      return `<h${level}>${inlines(b.inlines)}</h${level}>`;
    }
    case 'paragraph':
      return `<p>${inlines(b.inlines)}</p>`;
    case 'quote':
      return `<blockquote>${b.blocks.map(block).join('\n')}</blockquote>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((item) => `<li>${item.map(block).join('')}</li>`).join('\n')}</${tag}>`;
    }
  }
}

const STYLE = `
  @page { size: A4; margin: 22mm 20mm 24mm; }
  body { font: 11.5pt/1.55 'Noto Serif', 'PT Serif', 'DejaVu Serif', Georgia, 'Times New Roman', serif; color: #111; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
  header { border-bottom: 2px solid #1d3557; margin-bottom: 1.5rem; padding-bottom: 0.75rem; }
  h1 { font-size: 20pt; margin: 0 0 0.5rem; }
  .facts { margin: 0; color: #333; font-size: 10.5pt; }
  .facts dt { font-weight: 600; display: inline; }
  .facts dd { display: inline; margin: 0 1rem 0 0.25rem; }
  .kind { font-variant: small-caps; letter-spacing: 0.04em; color: #1d3557; font-size: 12pt; margin: 1rem 0 0; }
  h1, h2, h3, h4, h5, h6 { line-height: 1.3; break-inside: avoid; break-after: avoid; page-break-after: avoid; }
  h2 { font-size: 15pt; margin: 1.6rem 0 0.5rem; }
  h3 { font-size: 13pt; margin: 1.2rem 0 0.4rem; }
  p, li { orphans: 3; widows: 3; }
  blockquote { margin: 0.75rem 0; padding-left: 1rem; border-left: 3px solid #8a94a6; color: #333; }
  a { color: #1d3557; }
  footer { margin-top: 2.5rem; font-size: 9pt; color: #555; }
  @media print { body { margin: 0; max-width: none; padding: 0; } }
`;

/** A standalone page made for printing and "Save as PDF": the roundtable's header, then the document. */
export function toPrintHtml(blocks: Block[], header: ExportHeader, printedAt: number): string {
  const { labels } = header;
  const facts = [
    [labels.organisers, header.organisers.join(', ')],
    [labels.venue, header.venue],
    [labels.date, header.date ?? ''],
  ].filter(([, value]) => value);
  const printed = new Intl.DateTimeFormat(header.lang, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: header.timeZone,
  }).format(printedAt);
  return `<!doctype html>
<html lang="${header.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(header.title)} — ${esc(labels.document)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${esc(header.title)}</h1>
<dl class="facts">${facts.map(([k, v]) => `<dt>${esc(k ?? '')}:</dt><dd>${esc(v ?? '')}</dd>`).join('')}</dl>
<p class="kind">${esc(labels.document)}</p>
</header>
<main>
${blocks.map(block).join('\n')}
</main>
<footer>${esc(labels.printed)}: ${esc(printed)}</footer>
</body>
</html>
`;
}
