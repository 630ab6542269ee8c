import type { Lang } from '@roundtable/shared';
import type { Block } from '@roundtable/shared/document';
import type { ExportHeader } from '../yjs/exportHeader.js';

/**
 * What an export is made of, before it is Markdown, Word or PDF: every format renders these few parts, so
 * the minutes and the outcome document read the same in each, and a later record (the review's sign-off)
 * is appended once for all three.
 */
export type Part =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'facts'; lines: string[] }
  | { kind: 'note'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; columns: string[]; rows: string[][]; widths: number[] }
  /** The outcome document's own text, as the rapporteurs wrote it. */
  | { kind: 'content'; blocks: Block[] };

export interface ExportDoc {
  lang: Lang;
  /** The file's title (its metadata), e.g. "Roundtable … — Minutes". */
  title: string;
  parts: Part[];
}

/** A section another feature adds at the end of an export, e.g. the review's record of who endorsed. */
export interface AppendedSection {
  title: string;
  parts: Part[];
}

export const appendixParts = (appendix: readonly AppendedSection[]): Part[] =>
  appendix.flatMap((s) => [{ kind: 'heading', level: 2, text: s.title } satisfies Part, ...s.parts]);

/** The title, organisers, venue and date every export opens with. */
export function headerParts(header: ExportHeader): Part[] {
  const facts = [
    header.organisers.length > 0 ? `${header.labels.organisers}: ${header.organisers.join(', ')}` : '',
    header.venue ? `${header.labels.venue}: ${header.venue}` : '',
    header.date ? `${header.labels.date}: ${header.date}` : '',
  ].filter(Boolean);
  return [
    { kind: 'heading', level: 1, text: header.title },
    ...(facts.length > 0 ? [{ kind: 'facts', lines: facts } as const] : []),
  ];
}

/**
 * The outcome document's text alone, as its Markdown export has always been (the text a version shows, with
 * no header), then any appended record.
 */
export const outcomeText = (
  header: ExportHeader,
  blocks: Block[],
  appendix: readonly AppendedSection[],
): ExportDoc => ({
  lang: header.lang,
  title: `${header.title} — ${header.labels.document}`,
  parts: [{ kind: 'content', blocks }, ...appendixParts(appendix)],
});

/** The outcome document as an export: the header, its own heading, its text, then any appended record. */
export function outcomeDocument(
  header: ExportHeader,
  blocks: Block[],
  appendix: readonly AppendedSection[] = [],
): ExportDoc {
  return {
    lang: header.lang,
    title: `${header.title} — ${header.labels.document}`,
    parts: [
      ...headerParts(header),
      { kind: 'heading', level: 2, text: header.labels.document },
      { kind: 'content', blocks },
      ...appendixParts(appendix),
    ],
  };
}
