import type { BlockContent, PhrasingContent } from 'mdast';
import { markdownBlocks, serializeMarkdown } from '../yjs/markdown.js';
import type { ExportDoc, Part } from './exportDoc.js';

const text = (value: string): PhrasingContent => ({ type: 'text', value });

const paragraph = (children: PhrasingContent[]): BlockContent => ({ type: 'paragraph', children });

/** A table's row as one line: plain Markdown has no tables, and GitHub's would break on a long topic. */
function rowLine(row: string[]): PhrasingContent[] {
  const [first = '', ...rest] = row;
  const tail = rest.filter((cell) => cell.trim() !== '').join(' · ');
  return [{ type: 'strong', children: [text(first)] }, ...(tail ? [text(` · ${tail}`)] : [])];
}

function flow(part: Part): BlockContent[] {
  switch (part.kind) {
    case 'heading':
      return [{ type: 'heading', depth: part.level, children: [text(part.text)] }];
    case 'facts':
      return [
        paragraph(part.lines.flatMap((line, i) => (i > 0 ? [{ type: 'break' } as const, text(line)] : [text(line)]))),
      ];
    case 'note':
      return [paragraph([{ type: 'emphasis', children: [text(part.text)] }])];
    case 'list':
      return [
        {
          type: 'list',
          ordered: false,
          spread: false,
          children: part.items.map((item) => ({
            type: 'listItem',
            spread: false,
            children: [paragraph([text(item)])],
          })),
        },
      ];
    case 'table':
      return [
        {
          type: 'list',
          ordered: true,
          start: 1,
          spread: false,
          children: part.rows.map((row) => ({ type: 'listItem', spread: false, children: [paragraph(rowLine(row))] })),
        },
      ];
    case 'content':
      return markdownBlocks(part.blocks);
  }
}

/** An export as Markdown; every typed text goes through the serializer, which escapes it. */
export function exportMarkdown(doc: ExportDoc): string {
  return serializeMarkdown({ type: 'root', children: doc.parts.flatMap(flow) });
}
