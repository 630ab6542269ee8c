import type { BlockContent, Heading, ListItem, PhrasingContent, Root } from 'mdast';
import { toMarkdown as serialize, type ConstructName, type Options } from 'mdast-util-to-markdown';
import type * as Y from 'yjs';
import { documentBlocks, type Block, type Inline } from '@roundtable/shared/document';

// The document is turned into a Markdown syntax tree and the serializer does all the escaping: typed `<script>`,
// `# heading` or `[x](y)` come out as text a renderer shows, never as markup it runs or builds.

/** Where an escape is noise: inside a link target, `\|` and `\~` would work but only make the URL harder to read. */
const NOT_IN: ConstructName[] = ['autolink', 'destinationLiteral', 'destinationRaw', 'reference', 'titleQuote'];

const OPTIONS: Options = {
  bullet: '-',
  emphasis: '*',
  strong: '*',
  listItemIndent: 'one',
  incrementListMarker: true,
  // A link is always written as [text](url), also when its text is its url, as the export always did.
  resourceLink: true,
  // CommonMark leaves these alone, but GitHub-flavoured renderers would make tables and strikethrough of them.
  unsafe: [
    { character: '|', inConstruct: 'phrasing', notInConstruct: NOT_IN },
    { character: '~', inConstruct: 'phrasing', notInConstruct: NOT_IN },
  ],
};

/**
 * The document walk (shared/src/document/blocks.ts) keeps only web and mail links; what such a URL may
 * still hold that no URL should (spaces, quotes, angle brackets, control characters) is percent-encoded,
 * so the target reads as one plain token.
 */
const linkTarget = (href: string): string =>
  href.replace(/[\0- "<>\\^`{|}\x7F]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/** The marks from the outside in: a link holds bold text, bold text holds italic text. */
const MARKS: {
  key: (run: Inline) => string | null;
  wrap: (key: string, children: PhrasingContent[]) => PhrasingContent;
}[] = [
  { key: (run) => run.href, wrap: (href, children) => ({ type: 'link', url: linkTarget(href), children }) },
  { key: (run) => (run.bold ? 'bold' : null), wrap: (_, children) => ({ type: 'strong', children }) },
  { key: (run) => (run.italic ? 'italic' : null), wrap: (_, children) => ({ type: 'emphasis', children }) },
];

const length = (runs: Inline[]) => runs.reduce((n, run) => n + run.text.length, 0);

/** The runs cut to the characters [from, to) of their joined text. */
function slice(runs: Inline[], from: number, to: number): Inline[] {
  let at = 0;
  return runs.flatMap((run) => {
    const start = Math.max(from - at, 0);
    const end = Math.min(to - at, run.text.length);
    at += run.text.length;
    return end > start ? [{ ...run, text: run.text.slice(start, end) }] : [];
  });
}

/** The runs without what `lead` and `trail` match at their ends, and what was cut off. */
function trim(runs: Inline[], lead: RegExp, trail: RegExp) {
  const text = runs.map((run) => run.text).join('');
  const before = lead.exec(text)?.[0] ?? '';
  const after = trail.exec(text.slice(before.length))?.[0] ?? '';
  return { before, core: slice(runs, before.length, text.length - after.length), after };
}

const text = (value: string): PhrasingContent[] => (value ? [{ type: 'text', value }] : []);

/** Consecutive runs that agree on a mark (the same link, or both bold), so "**a *b***" stays one bold span. */
function groups(runs: Inline[], key: (run: Inline) => string | null) {
  const out: { key: string | null; runs: Inline[] }[] = [];
  for (const run of runs) {
    const last = out.at(-1);
    if (last && last.key === key(run)) last.runs.push(run);
    else out.push({ key: key(run), runs: [run] });
  }
  return out;
}

/** One line's runs as phrasing, each mark hugging its text: "**Important:** text", never "**Important: **text". */
function phrasing(runs: Inline[], level = 0): PhrasingContent[] {
  const mark = MARKS[level];
  if (!mark) return text(runs.map((run) => run.text).join(''));
  return groups(runs, mark.key).flatMap(({ key, runs: group }) => {
    if (key === null) return phrasing(group, level + 1);
    const { before, core, after } = trim(group, /^\s*/, /\s*$/);
    const inner = length(core) > 0 ? [mark.wrap(key, phrasing(core, level + 1))] : [];
    return [...text(before), ...inner, ...text(after)];
  });
}

/** Adjacent text nodes as one, so the serializer sees each word with its real neighbours. */
const merge = (nodes: PhrasingContent[]): PhrasingContent[] =>
  nodes.reduce<PhrasingContent[]>((out, node) => {
    const last = out.at(-1);
    if (last?.type === 'text' && node.type === 'text') last.value += node.value;
    else out.push(node.type === 'text' ? { ...node } : node);
    return out;
  }, []);

/**
 * A block's runs split at line breaks. Spaces at a line's ends mean nothing in Markdown (four would make code),
 * and a break at a block's end would print as a stray backslash, so both go.
 */
function lines(inlines: Inline[]): PhrasingContent[] {
  const split: Inline[][] = [[]];
  for (const run of inlines)
    run.text.split(/\r\n?|\n/).forEach((piece, n) => {
      if (n > 0) split.push([]);
      if (piece) split[split.length - 1]?.push({ ...run, text: piece });
    });
  const kept = split.map((runs) => trim(runs, /^[ \t]*/, /[ \t]*$/).core);
  while (kept.length > 0 && length(kept[0] ?? []) === 0) kept.shift();
  while (kept.length > 0 && length(kept[kept.length - 1] ?? []) === 0) kept.pop();
  return kept.flatMap((runs, n) => [...(n > 0 ? [{ type: 'break' } as const] : []), ...merge(phrasing(runs))]);
}

/** Two paragraphs in a tight list item would run together into one; a blank line between keeps them two. */
const spread = (children: BlockContent[]) =>
  children.some((child, n) => child.type === 'paragraph' && children[n + 1]?.type === 'paragraph');

function listItem(blocks: Block[]): ListItem {
  const children = blocks.flatMap(flow);
  return { type: 'listItem', spread: spread(children), children };
}

function flow(b: Block): BlockContent[] {
  switch (b.kind) {
    case 'heading':
      // The walk clamps the level to 1–6 already.
      return [{ type: 'heading', depth: b.level as Heading['depth'], children: lines(b.inlines) }];
    case 'paragraph': {
      // The outline's empty paragraphs, waiting under each heading, are no content to export.
      const children = lines(b.inlines);
      return children.length > 0 ? [{ type: 'paragraph', children }] : [];
    }
    case 'quote':
      return [{ type: 'blockquote', children: b.blocks.flatMap(flow) }];
    case 'list':
      return [{ type: 'list', ordered: b.ordered, start: 1, spread: false, children: b.items.map(listItem) }];
  }
}

/** Blocks as Markdown syntax, for an export that sets the document's text among parts of its own (the minutes). */
export const markdownBlocks = (blocks: Block[]): BlockContent[] => blocks.flatMap(flow);

/** A Markdown tree as text, escaped and written the one way every export writes it. */
export const serializeMarkdown = (root: Root): string => serialize(root, OPTIONS).replace(/\n*$/, '\n');

/** The outcome document as Markdown: headings, paragraphs, lists, quotes, bold, italic, links, line breaks. */
export function toMarkdown(doc: Y.Doc): string {
  return serializeMarkdown({ type: 'root', children: markdownBlocks(documentBlocks(doc)) });
}
