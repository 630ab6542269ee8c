import { Editor, Extension } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import { closingSectionOf } from './closingSections';
import { KeepCaret } from './keepCaret';
import { FRAGMENT, type DocumentSession } from './session.svelte';

export type Author = { name: string; color: string };
export type Format = 'bold' | 'italic' | 'h2' | 'h3' | 'bulletList' | 'orderedList' | 'blockquote' | 'link';
/** A speaker line: who spoke, for whom, when, under which agenda item. */
export type SpeakerLine = { name: string; details: string };

/** The server marks each agenda item's section heading with its item; the editor must keep that mark. */
const SectionHeadings = Extension.create({
  name: 'sectionHeadings',
  addGlobalAttributes: () => [
    {
      types: ['heading'],
      attributes: {
        'data-item': {
          default: null,
          parseHTML: (el) => el.getAttribute('data-item'),
          renderHTML: (attrs) => (attrs['data-item'] ? { 'data-item': attrs['data-item'] as string } : {}),
        },
      },
    },
  ],
});

function caret(user: Record<string, unknown>): HTMLElement {
  const color = String(user.color);
  const el = document.createElement('span');
  el.className = 'collab-caret';
  el.style.borderColor = color;
  const label = document.createElement('span');
  label.className = 'collab-caret-label';
  label.style.backgroundColor = color;
  label.textContent = String(user.name);
  el.append(label);
  return el;
}

/**
 * The rich-text editor bound to the session's Y.Doc: ProseMirror through TipTap, each writer's own
 * undo history (Yjs's, so undo never takes back someone else's typing), and everyone's carets.
 */
export class DocumentEditor {
  readonly editor: Editor;
  #active = $state<Record<Format, boolean>>(noFormats());
  #canUndo = $state(false);
  #canRedo = $state(false);
  /** Whether the writer has put the caret somewhere (a click, a key); until then it sits at the start, unchosen. */
  #placed = false;

  constructor(element: HTMLElement, session: DocumentSession, author: Author, label: string) {
    this.editor = new Editor({
      element,
      editable: !session.readOnly,
      extensions: [
        StarterKit.configure({
          undoRedo: false, // Collaboration brings Yjs's per-user undo
          heading: { levels: [2, 3] },
          code: false,
          codeBlock: false,
          strike: false,
          underline: false,
          horizontalRule: false,
          // Every client appending its own trailing paragraph at once would pile them up.
          trailingNode: false,
          link: { openOnClick: false, autolink: true, defaultProtocol: 'https' },
        }),
        SectionHeadings,
        Collaboration.configure({ document: session.doc, field: FRAGMENT }),
        KeepCaret,
        CollaborationCaret.configure({ provider: session.provider, user: author, render: caret }),
      ],
      editorProps: {
        attributes: { 'aria-label': label, 'aria-multiline': 'true', role: 'textbox' },
        // Not `focus`: the editor takes that itself after an insert, at a place the writer did not choose.
        handleDOMEvents: {
          pointerdown: () => void (this.#placed = true),
          keydown: () => void (this.#placed = true),
        },
      },
      // Runs during construction too, before `this.editor` is set: use the editor it is given.
      onTransaction: ({ editor }) => this.#refresh(editor),
    });
  }

  get active(): Record<Format, boolean> {
    return this.#active;
  }
  get canUndo(): boolean {
    return this.#canUndo;
  }
  get canRedo(): boolean {
    return this.#canRedo;
  }

  toggle(format: Exclude<Format, 'link'>): void {
    const chain = this.editor.chain().focus();
    const commands = {
      bold: () => chain.toggleBold(),
      italic: () => chain.toggleItalic(),
      h2: () => chain.toggleHeading({ level: 2 }),
      h3: () => chain.toggleHeading({ level: 3 }),
      bulletList: () => chain.toggleBulletList(),
      orderedList: () => chain.toggleOrderedList(),
      blockquote: () => chain.toggleBlockquote(),
    };
    commands[format]().run();
  }

  /** The link under the cursor, to prefill the link form. */
  currentLink(): string {
    return String(this.editor.getAttributes('link').href ?? '');
  }

  setLink(href: string): boolean {
    const chain = this.editor.chain().focus().extendMarkRange('link');
    if (!href.trim()) return chain.unsetLink().run();
    const url = /^[a-z][a-z0-9+.-]*:/i.test(href.trim()) ? href.trim() : `https://${href.trim()}`;
    if (this.editor.state.selection.empty && !this.editor.isActive('link'))
      return chain.insertContent({ type: 'text', text: url, marks: [{ type: 'link', attrs: { href: url } }] }).run();
    return chain.setLink({ href: url }).run();
  }

  undo(): void {
    this.editor.chain().focus().undo().run();
  }
  redo(): void {
    this.editor.chain().focus().redo().run();
  }

  /** Puts a speaker line at the cursor, on a line of its own, ready for the rapporteur's summary. */
  insertSpeakerLine(line: SpeakerLine): void {
    const from = this.editor.state.selection.$from;
    let chain = this.editor.chain().focus();
    if (from.parent.content.size > 0) chain = chain.setTextSelection(from.end()).splitBlock();
    chain
      .insertContent([
        { type: 'text', text: line.name, marks: [{ type: 'bold' }] },
        { type: 'text', text: ` (${line.details}): ` },
      ])
      .run();
  }

  /**
   * Puts a paragraph "**name** (delegation): text" at the cursor: into its block when that is an empty paragraph,
   * else right after the top-level block (a whole list, a whole quote), so no sentence or list item is split or
   * grown. With no cursor placed yet, at the end of the section of its item (`itemId`; null: the lessons learned).
   * The cursor ends after it, to go on writing.
   */
  insertAttributed([name, rest]: [string, string], text: string, itemId: string | null): void {
    const content = [
      { type: 'text', text: name, marks: [{ type: 'bold' }] },
      // The writer's line breaks stay line breaks, not a run-on paragraph.
      ...`${rest}: ${text}`
        .split('\n')
        .flatMap((line, i) => [
          ...(i > 0 ? [{ type: 'hardBreak' }] : []),
          ...(line ? [{ type: 'text', text: line }] : []),
        ]),
    ];
    const paragraph = { type: 'paragraph', content };
    const chain = this.editor.chain().focus();
    const cursor = this.editor.state.selection.$from;
    if (!this.#placed) chain.insertContentAt(sectionEnd(this.editor.state.doc, itemId), paragraph);
    else if (cursor.depth === 0) chain.insertContentAt(cursor.pos, paragraph);
    else if (cursor.depth === 1 && cursor.parent.type.name === 'paragraph' && cursor.parent.content.size === 0)
      chain.insertContent(content);
    else chain.insertContentAt(cursor.after(1), paragraph);
    chain.run();
  }

  setEditable(editable: boolean): void {
    if (this.editor.isEditable !== editable) this.editor.setEditable(editable);
  }

  destroy(): void {
    this.editor.destroy();
  }

  #refresh(editor: Editor): void {
    const is = (name: string, attrs?: Record<string, unknown>) => editor.isActive(name, attrs);
    this.#active = {
      bold: is('bold'),
      italic: is('italic'),
      h2: is('heading', { level: 2 }),
      h3: is('heading', { level: 3 }),
      bulletList: is('bulletList'),
      orderedList: is('orderedList'),
      blockquote: is('blockquote'),
      link: is('link'),
    };
    this.#canUndo = editor.can().undo();
    this.#canRedo = editor.can().redo();
  }
}

/**
 * Where a contribution goes when the writer has not chosen: the end of its item's section (the heading the server
 * marks with the item, up to the next heading of its level or above), or of "Key lessons learned" for none; an
 * empty paragraph there (the outline's) is filled rather than left above it. The end of the document without one.
 */
function sectionEnd(doc: ProseMirrorNode, itemId: string | null): number | { from: number; to: number } {
  const blocks: { node: ProseMirrorNode; pos: number }[] = [];
  doc.forEach((node, pos) => blocks.push({ node, pos }));
  const isHeading = (node: ProseMirrorNode) => node.type.name === 'heading';
  const level = (node: ProseMirrorNode) => Number(node.attrs.level);
  const opens = (node: ProseMirrorNode) =>
    isHeading(node) &&
    (itemId !== null ? node.attrs['data-item'] === itemId : closingSectionOf(node.textContent) === 'lessons');
  const at = blocks.findIndex(({ node }) => opens(node));
  if (at < 0) return doc.content.size;
  const heading = blocks[at]!.node;
  const next = blocks.findIndex(({ node }, i) => i > at && isHeading(node) && level(node) <= level(heading));
  const end = next < 0 ? doc.content.size : blocks[next]!.pos;
  const last = blocks[(next < 0 ? blocks.length : next) - 1]!;
  const empty = last !== blocks[at] && last.node.type.name === 'paragraph' && last.node.content.size === 0;
  return empty ? { from: last.pos, to: end } : end;
}

function noFormats(): Record<Format, boolean> {
  return {
    bold: false,
    italic: false,
    h2: false,
    h3: false,
    bulletList: false,
    orderedList: false,
    blockquote: false,
    link: false,
  };
}
