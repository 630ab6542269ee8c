import type { ArchiveFile, CreateRoundtableResponse, Failure, SeriesEdition, SeriesResponse } from '@roundtable/shared';
import { isFailure } from '../../lib/api';
import { localFailure } from '../../lib/localFailure';
import { organiserKey } from '../../lib/organiserKey.svelte';

/**
 * The editions of a roundtable's series for its moderator (`GET /api/roundtables/:id/series`), the next
 * edition's creation, and the archive's files, fetched with the moderator key (a link cannot send it).
 */
export class SeriesList {
  #editions = $state<SeriesEdition[] | null>(null);
  #error = $state<Failure | null>(null);
  #busy = $state(false);

  constructor(
    private readonly roundtableId: string,
    private readonly key: string,
  ) {}

  get editions(): SeriesEdition[] | null {
    return this.#editions;
  }
  get error(): Failure | null {
    return this.#error;
  }
  get busy(): boolean {
    return this.#busy;
  }
  /** Whether this edition has had its next one made (there is one next edition per edition). */
  get hasNext(): boolean {
    const editions = this.#editions ?? [];
    const current = editions.find((e) => e.current);
    return !!current && editions.some((e) => e.edition === current.edition + 1);
  }

  async load(): Promise<void> {
    const res = await this.#call<SeriesResponse>('GET', `/api/roundtables/${this.roundtableId}/series`);
    if (isFailure(res)) this.#error = res;
    else this.#editions = res.editions;
  }

  /**
   * Creates the next edition; its links come back once, as creating a roundtable answers them. A new
   * roundtable: on a server that asks for the organiser key, it carries that key too.
   */
  async createNext(startsAt: string | null): Promise<CreateRoundtableResponse | null> {
    this.#busy = true;
    const res = await this.#call<CreateRoundtableResponse>(
      'POST',
      `/api/roundtables/${this.roundtableId}/editions`,
      { startsAt },
      organiserKey.headers(),
    );
    this.#busy = false;
    organiserKey.answered(res);
    if (isFailure(res)) {
      this.#error = res;
      return null;
    }
    this.#error = null;
    return res;
  }

  /** Downloads one file of an edition's archive, with the name the server gives it. */
  async download(edition: SeriesEdition, file: ArchiveFile, lang: string): Promise<void> {
    try {
      const res = await fetch(`${edition.archive}${file}?lang=${lang}`, { headers: this.#headers() });
      if (!res.ok) return void (this.#error = (await res.json()) as Failure);
      const name = /filename\*=UTF-8''([^;]+)/i.exec(res.headers.get('content-disposition') ?? '')?.[1];
      const a = document.createElement('a');
      a.href = URL.createObjectURL(await res.blob());
      a.download = name ? decodeURIComponent(name) : file;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
      this.#error = null;
    } catch {
      this.#error = localFailure('unreachable');
    }
  }

  async #call<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<T | Failure> {
    try {
      const res = await fetch(path, {
        method,
        headers: {
          ...extra,
          ...this.#headers(),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await res.json()) as T | Failure;
    } catch {
      return localFailure('unreachable');
    }
  }

  #headers(): Record<string, string> {
    return { authorization: `Bearer ${this.key}` };
  }
}
