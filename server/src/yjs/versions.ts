import * as Y from 'yjs';
import { YJS_FRAGMENT } from '@roundtable/shared';
import type { DocVersionInfo } from '../store/docs.js';
import type { Store } from '../store/store.js';
import { newId } from '../secrets.js';
import type { Documents } from './documents.js';
import { documentBlocks, type Block } from '@roundtable/shared/document';
import { toMarkdown } from './markdown.js';

/** Named versions of an outcome document: a snapshot saved under a name, viewed, and restored as a new change. */
export class DocVersions {
  constructor(
    private readonly store: Store,
    private readonly documents: Documents,
  ) {}

  /** `id`: given when the domain named the version beforehand (a review's draft and final text). */
  async save(roundtableId: string, name: string, by: string, id: string = newId()): Promise<DocVersionInfo> {
    const { doc } = await this.documents.current(roundtableId);
    const info: DocVersionInfo = { id, name, createdAt: Date.now(), createdBy: by };
    try {
      await this.store.saveDocVersion(roundtableId, info, Y.encodeStateAsUpdate(doc));
    } finally {
      this.documents.release(roundtableId);
    }
    return info;
  }

  list(roundtableId: string): Promise<DocVersionInfo[]> {
    return this.store.listDocVersions(roundtableId);
  }

  /** The version's content as Markdown, or undefined when there is no such version. */
  async view(roundtableId: string, versionId: string): Promise<string | undefined> {
    const doc = await this.load(roundtableId, versionId);
    if (!doc) return undefined;
    const text = toMarkdown(doc);
    doc.destroy();
    return text;
  }

  /** Replaces the live content with the version's, as one new change that everyone receives; history stays. */
  async restore(roundtableId: string, versionId: string): Promise<boolean> {
    const version = await this.load(roundtableId, versionId);
    if (!version) return false;
    const shared = await this.documents.get(roundtableId);
    const live = shared.doc.getXmlFragment(YJS_FRAGMENT);
    const copies = version
      .getXmlFragment(YJS_FRAGMENT)
      .toArray()
      .map((n) => n.clone());
    Y.transact(
      shared.doc,
      () => {
        live.delete(0, live.length);
        live.insert(0, copies as (Y.XmlElement | Y.XmlText)[]);
      },
      'server',
    );
    version.destroy();
    this.documents.release(roundtableId);
    return true;
  }

  /** Reads the live document once, for an export that needs more than its blocks (the minutes' sections). */
  async read<T>(roundtableId: string, reader: (doc: Y.Doc) => T): Promise<T> {
    const { doc } = await this.documents.get(roundtableId);
    try {
      return reader(doc);
    } finally {
      this.documents.release(roundtableId);
    }
  }

  /** The live document's content, read once, for its exports (Markdown, Word, PDF, print). */
  async blocks(roundtableId: string): Promise<Block[]> {
    const blocks = documentBlocks((await this.documents.get(roundtableId)).doc);
    this.documents.release(roundtableId);
    return blocks;
  }

  private async load(roundtableId: string, versionId: string): Promise<Y.Doc | undefined> {
    const data = await this.store.loadDocVersion(roundtableId, versionId);
    if (!data) return undefined;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, data);
    return doc;
  }
}
