import type { Failure, OperatorList, OperatorRoundtable } from '@roundtable/shared';
import { api, isFailure } from '../../lib/api';
import { headerSafe } from '../../lib/headerSafe';
import { localFailure } from '../../lib/localFailure';

/** The operator key lives as long as the tab: typed once, gone when the tab closes. */
const SESSION_KEY = 'roundtable.operatorKey';

function recallKey(): string {
  try {
    return sessionStorage.getItem(SESSION_KEY) ?? '';
  } catch {
    return '';
  }
}

function keepKey(key: string | null): void {
  try {
    if (key === null) sessionStorage.removeItem(SESSION_KEY);
    else sessionStorage.setItem(SESSION_KEY, key);
  } catch {
    // Private storage: the key is asked again on the next load.
  }
}

/** Where the page stands: asking the server, off on this server, waiting for the key, or listing. */
export type OperatorStage = 'checking' | 'off' | 'signIn' | 'open';

/**
 * The operator page's state (`/operator`): the key, the list of every roundtable on the server, and what
 * the operator does to one (`/api/operator/…`, docs/API.md "The instance"). Each change answers the
 * row as it is now; a deletion drops its row.
 */
export class OperatorConsole {
  #key = recallKey();
  #stage = $state<OperatorStage>('checking');
  #rows = $state<OperatorRoundtable[]>([]);
  #error = $state<Failure | null>(null);
  #busy = $state(false);

  get stage(): OperatorStage {
    return this.#stage;
  }
  /** The most recently active first, as the server sorts them. */
  get rows(): OperatorRoundtable[] {
    return this.#rows;
  }
  get error(): Failure | null {
    return this.#error;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get totalBytes(): number {
    return this.#rows.reduce((sum, r) => sum + r.storage.total, 0);
  }

  async signIn(key: string): Promise<boolean> {
    this.#key = key.trim();
    const ok = await this.load();
    if (ok) keepKey(this.#key);
    return ok;
  }

  signOut(): void {
    this.#key = '';
    keepKey(null);
    this.#rows = [];
    this.#error = null;
    this.#stage = 'signIn';
  }

  /** With a key kept from earlier in this tab, straight to the list; without, the server says whether it is on. */
  async start(): Promise<void> {
    if (this.#key !== '') return void (await this.load());
    const info = await api.instance();
    if (isFailure(info)) {
      this.#error = info;
      this.#stage = 'signIn';
    } else this.#stage = info.operatorPage ? 'signIn' : 'off';
  }

  async load(): Promise<boolean> {
    const res = await this.#call<OperatorList>('GET', '/api/operator/roundtables');
    if (!isFailure(res)) {
      this.#rows = res.roundtables;
      this.#stage = 'open';
      this.#error = null;
      return true;
    }
    if (res.reason === 'operator_off') this.#stage = 'off';
    else if (res.code === 'unauthenticated') this.#signedOut(this.#key === '' ? null : res);
    else {
      this.#error = res;
      if (this.#stage === 'checking') this.#stage = 'signIn';
    }
    return false;
  }

  archive(row: OperatorRoundtable): Promise<boolean> {
    return this.#change(row, 'POST', `/api/operator/roundtables/${encodeURIComponent(row.id)}/archive`);
  }

  restore(row: OperatorRoundtable): Promise<boolean> {
    return this.#change(row, 'POST', `/api/operator/roundtables/${encodeURIComponent(row.id)}/restore`);
  }

  /** `confirm`: the title (or id) the operator typed; the server checks it again. */
  async remove(row: OperatorRoundtable, confirm: string): Promise<boolean> {
    const path = `/api/operator/roundtables/${encodeURIComponent(row.id)}`;
    const done = await this.#change(row, 'DELETE', path, { confirm });
    if (done) this.#rows = this.#rows.filter((r) => r.id !== row.id);
    return done;
  }

  async #change(row: OperatorRoundtable, method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<boolean> {
    this.#busy = true;
    const res = await this.#call<OperatorRoundtable | { deleted: string }>(method, path, body);
    this.#busy = false;
    if (isFailure(res)) {
      if (res.code === 'unauthenticated') this.#signedOut(res);
      else this.#error = res;
      return false;
    }
    this.#error = null;
    if ('id' in res) this.#rows = this.#rows.map((r) => (r.id === row.id ? res : r));
    return true;
  }

  /** A key the server does not take (any more): asked again, with the reason. */
  #signedOut(failure: Failure | null): void {
    this.#key = '';
    keepKey(null);
    this.#rows = [];
    this.#stage = 'signIn';
    this.#error = failure;
  }

  async #call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T | Failure> {
    try {
      const res = await fetch(path, {
        method,
        headers: {
          ...(this.#key === '' ? {} : { authorization: `Bearer ${headerSafe(this.#key)}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await res.json()) as T | Failure;
    } catch {
      return localFailure('unreachable');
    }
  }
}
