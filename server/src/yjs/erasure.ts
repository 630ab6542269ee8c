import * as Y from 'yjs';
import { refusal, scrubText, YJS_FRAGMENT, type Erasure } from '@roundtable/shared';
import type { Store } from '../store/store.js';
import type { Documents } from './documents.js';

type Node = Y.XmlElement | Y.XmlText;
type Scrub = (text: string) => string;

const scrubAttrs = (attrs: Record<string, unknown>, scrub: Scrub): Record<string, unknown> =>
  Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, typeof v === 'string' ? scrub(v) : v]));

/** A copy of a node that shares no history with it, its texts scrubbed (a name split by formatting is not). */
function copy(node: Y.XmlElement | Y.XmlText | Y.XmlHook, scrub: Scrub): Node | null {
  if (node instanceof Y.XmlText) {
    const text = new Y.XmlText();
    const delta = node.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[];
    text.applyDelta(
      delta.map((op) => ({
        insert: typeof op.insert === 'string' ? scrub(op.insert) : op.insert,
        ...(op.attributes ? { attributes: scrubAttrs(op.attributes, scrub) } : {}),
      })),
    );
    return text;
  }
  if (!(node instanceof Y.XmlElement)) return null;
  const element = new Y.XmlElement(node.nodeName);
  for (const [k, v] of Object.entries(scrubAttrs(node.getAttributes(), scrub))) {
    element.setAttribute(k, v as string);
  }
  element.insert(0, children(node, scrub));
  return element;
}

const children = (parent: Y.XmlElement | Y.XmlFragment, scrub: Scrub): Node[] =>
  parent.toArray().flatMap((n) => copy(n, scrub) ?? []);

/**
 * The document's current content in a new Y.Doc: no deleted text, no earlier states, new client ids.
 * Yjs keeps a deleted item's place but not its text only when garbage collection ran; a copy keeps nothing.
 */
export function rebuilt(doc: Y.Doc, scrub: Scrub): Y.Doc {
  const fresh = new Y.Doc();
  fresh.getXmlFragment(YJS_FRAGMENT).insert(0, children(doc.getXmlFragment(YJS_FRAGMENT), scrub));
  return fresh;
}

function rewritten(data: Uint8Array, scrub: Scrub): Uint8Array {
  const old = new Y.Doc();
  Y.applyUpdate(old, data);
  const clean = rebuilt(old, scrub);
  const update = Y.encodeStateAsUpdate(clean);
  old.destroy();
  clean.destroy();
  return update;
}

/**
 * An erasure reaches the outcome document: its content is stored anew without history, and so is every
 * named version. Open editors are closed for good: their copy still holds the old text and would bring
 * it back on reconnecting; a reloaded page starts from the new one.
 */
export async function eraseInDocuments(
  documents: Documents,
  store: Store,
  roundtableId: string,
  erasure: Erasure,
): Promise<void> {
  // A person deleting their own profile changes no one's words (shared/src/roster/erasure.ts): nothing to do here.
  if (erasure.replacements.length === 0) return;
  const scrub = scrubText(erasure.replacements);
  const shared = await documents.current(roundtableId);
  const live = shared.doc;
  const content = Y.encodeStateAsUpdate(live);
  const clients = [...Y.decodeStateVector(Y.encodeStateVector(live)).keys()];
  // Closed in the same turn as the copy was taken: no edit lands after it and is lost with the old copy.
  documents.reset(roundtableId, refusal('personal_data_erased'));
  // An update still on its way to the store would land after the rewrite and bring the old text back.
  await shared.written();
  // Every device's copy still holds the old text under these clients: sent back, it is refused (sharedDoc.ts).
  await store.retireDocClients(roundtableId, clients);
  await store.replaceDocUpdates(roundtableId, rewritten(content, scrub), Date.now());
  for (const version of await store.listDocVersions(roundtableId)) {
    const data = await store.loadDocVersion(roundtableId, version.id);
    if (data) await store.replaceDocVersion(roundtableId, version.id, scrub(version.name), rewritten(data, scrub));
  }
}
