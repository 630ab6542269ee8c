import type { Failure } from '@roundtable/shared';
import { localFailure } from '../localFailure';

export type DocVersion = { id: string; name: string; createdAt: number; createdBy: string };
export type ExportFormat = 'md' | 'docx' | 'html' | 'pdf';

const unreachable = localFailure('unreachable');

/** The outcome document's HTTP routes (versions, exports), authorised with the page's link key. */
export class DocumentApi {
  readonly #base: string;
  readonly #key: string;

  constructor(roundtableId: string, key: string) {
    this.#base = `/api/roundtables/${encodeURIComponent(roundtableId)}/document`;
    this.#key = key;
  }

  versions(): Promise<{ versions: DocVersion[] } | Failure> {
    return this.#json('GET', '/versions');
  }
  view(versionId: string): Promise<{ markdown: string } | Failure> {
    return this.#json('GET', `/versions/${encodeURIComponent(versionId)}`);
  }
  save(name: string): Promise<DocVersion | Failure> {
    return this.#json('POST', '/versions', { name });
  }
  restore(versionId: string): Promise<{ ok: true } | Failure> {
    return this.#json('POST', `/versions/${encodeURIComponent(versionId)}/restore`);
  }

  /** The export as a file, with the name the server gives it. */
  async download(format: ExportFormat, lang: string): Promise<{ blob: Blob; filename: string } | Failure> {
    try {
      const res = await fetch(`${this.#base}.${format}?lang=${lang}`, { headers: this.#headers() });
      if (!res.ok) return (await res.json()) as Failure;
      return { blob: await res.blob(), filename: filenameOf(res.headers.get('content-disposition'), format) };
    } catch {
      return unreachable;
    }
  }

  async #json<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T | Failure> {
    try {
      const res = await fetch(`${this.#base}${path}`, {
        method,
        headers: { ...this.#headers(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await res.json()) as T | Failure;
    } catch {
      return unreachable;
    }
  }

  #headers(): Record<string, string> {
    return { authorization: `Bearer ${this.#key}` };
  }
}

/** `filename*=UTF-8''…` first (Kazakh and Russian titles), then `filename="…"`. */
export function filenameOf(disposition: string | null, format: string): string {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? `outcome-document.${format}`;
}
