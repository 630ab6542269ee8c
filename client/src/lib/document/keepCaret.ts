import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  yCursorPluginKey,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import * as Y from 'yjs';

type ProsemirrorMapping = Parameters<typeof absolutePositionToRelativePosition>[2];
/** What y-tiptap's sync plugin keeps in its state: the bound fragment, its document and the Y↔ProseMirror mapping. */
type SyncState = { type: Y.XmlFragment; doc: Y.Doc; binding: { mapping: ProsemirrorMapping } };
type Range = { anchor: number; head: number };
type Caret = { anchor: Y.RelativePosition; head: Y.RelativePosition };

const syncState = (state: EditorState) => ySyncPluginKey.getState(state) as SyncState | undefined;
const fromYjs = (tr: Transaction) => tr.docChanged && !!tr.getMeta(ySyncPluginKey)?.isChangeOrigin;
const fromAwareness = (tr: Transaction) => !!tr.getMeta(yCursorPluginKey)?.awarenessUpdated;

/**
 * Where the writer's caret is now. ProseMirror learns of a click, End or an arrow key only at the browser's next
 * "selectionchange", a task of its own: an update dispatched before it would put the caret back where ProseMirror
 * last saw it (ProseMirror guards only mouse drags). So while the editor has the focus, the browser's selection wins.
 */
function caretNow(view: EditorView): Range | null {
  const { selection } = view.state;
  if (!(selection instanceof TextSelection)) return null;
  const dom = getSelection();
  const inside = (node: Node | null | undefined): node is Node => !!node && view.dom.contains(node);
  if (!view.hasFocus() || view.composing || !inside(dom?.anchorNode) || !inside(dom.focusNode))
    return { anchor: selection.anchor, head: selection.head };
  return {
    anchor: view.posAtDOM(dom.anchorNode, dom.anchorOffset),
    head: view.posAtDOM(dom.focusNode, dom.focusOffset),
  };
}

function select(state: EditorState, { anchor, head }: Range): Transaction | null {
  if (state.selection.anchor === anchor && state.selection.head === head) return null;
  const $at = (pos: number) => state.doc.resolve(Math.min(Math.max(pos, 0), state.doc.content.size));
  return state.tr.setSelection(TextSelection.between($at(anchor), $at(head)));
}

/**
 * A remote update must never move this writer's caret. y-tiptap rebuilds the whole ProseMirror document on every
 * remote change and resolves the caret from Yjs relative positions, which follow the very characters it sat beside;
 * then it second-guesses that answer by content: when the caret's block changed text or the caret is at a block's
 * start, it picks "the same" block by type, attributes and text. Empty paragraphs all look alike, and so does a
 * paragraph someone else is typing in: the caret jumped to another section or back by the other's keystrokes, and the
 * next Enter split a heading. So the caret is taken as relative positions when a change from elsewhere (the server,
 * this device's stored copy) begins, and put back from them alone in the same dispatch; an awareness redraw keeps the
 * browser's caret too. Undo keeps y-tiptap's own choice (the caret from before the undone change).
 */
export const KeepCaret = Extension.create({
  name: 'keepCaret',
  addProseMirrorPlugins() {
    let view: EditorView | null = null;
    let caret: Caret | null = null;
    return [
      new Plugin({
        key: new PluginKey('keepCaret'),
        props: {
          handleDOMEvents: {
            /**
             * ProseMirror's keymaps act on the state's caret, which follows the browser's only at the next
             * "selectionchange"; it flushes pending DOM changes before a key but not the selection. Keys pressed while
             * the page is busy (rebuilding the document after a remote update) reach it back to back, ahead of that
             * event: End moved the browser's caret, and the Enter after it split the heading where the click had put
             * the caret. So before any key is handled, the state takes the browser's caret (229: an IME's key).
             */
            keydown: (editorView, event) => {
              const now = event.keyCode === 229 ? null : caretNow(editorView);
              const tr = now && select(editorView.state, now);
              if (tr) editorView.dispatch(tr);
              return false;
            },
          },
        },
        view(editorView) {
          view = editorView;
          const sync = syncState(editorView.state);
          if (!sync) return {};
          const before = (tr: Y.Transaction) => {
            const local = tr.origin === ySyncPluginKey || tr.origin instanceof Y.UndoManager;
            const now = local || caret ? null : caretNow(editorView);
            if (!now) return;
            const rel = (pos: number) =>
              absolutePositionToRelativePosition(pos, sync.type, sync.binding.mapping) as Y.RelativePosition;
            caret = { anchor: rel(now.anchor), head: rel(now.head) };
          };
          const after = () => (caret = null);
          sync.doc.on('beforeTransaction', before);
          sync.doc.on('afterAllTransactions', after);
          return {
            destroy: () => {
              sync.doc.off('beforeTransaction', before);
              sync.doc.off('afterAllTransactions', after);
              view = null;
            },
          };
        },
        appendTransaction(transactions, _old, state) {
          const sync = syncState(state);
          if (caret && sync && transactions.some(fromYjs)) {
            const abs = (rel: Y.RelativePosition) =>
              relativePositionToAbsolutePosition(sync.doc, sync.type, rel, sync.binding.mapping);
            const anchor = abs(caret.anchor);
            const head = abs(caret.head);
            // Unresolvable (its block was deleted): y-tiptap's fallback is all there is.
            if (anchor === null || head === null) return null;
            return select(state, { anchor, head })?.setMeta(ySyncPluginKey, { isChangeOrigin: true }) ?? null;
          }
          // Others' carets moved: only decorations change, the writer's caret stays where the browser has it.
          const redraw =
            transactions.every((tr) => !tr.docChanged && !tr.selectionSet) && transactions.some(fromAwareness);
          const now = redraw && view ? caretNow(view) : null;
          return now ? select(state, now) : null;
        },
      }),
    ];
  },
});
