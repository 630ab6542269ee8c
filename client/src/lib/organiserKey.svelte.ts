import { ORGANISER_KEY_HEADER, type Failure } from '@roundtable/shared';
import { api, isFailure } from './api';
import { recall, remember } from './remembered';
import { headerSafe } from './headerSafe';

const STORAGE_KEY = 'roundtable.organiserKey';

/**
 * The organiser key, for a server that lets only its organisers create roundtables (ORGANISER_KEY): whether
 * the server asks for it, and the key typed into the page, remembered in this browser once the server took it.
 * Creating a roundtable, the demo and a next edition send it; a server that asks for none is sent none.
 */
class OrganiserKey {
  #required = $state<boolean | null>(null);
  #key = $state(recall<string>(STORAGE_KEY, ''));
  #asked: Promise<void> | undefined;

  /** Whether the server asks for the key; null until it has said. */
  get required(): boolean | null {
    return this.#required;
  }
  get key(): string {
    return this.#key;
  }
  set key(value: string) {
    this.#key = value;
  }

  /** Asks the server once per page load; unreachable, it is asked again next time. */
  load(): Promise<void> {
    return (this.#asked ??= api.instance().then((info) => {
      if (isFailure(info)) this.#asked = undefined;
      else this.#required = info.organiserKeyRequired;
    }));
  }

  /** The header a request that creates a roundtable carries. */
  headers(): Record<string, string> {
    const key = this.#key.trim();
    return key === '' ? {} : { [ORGANISER_KEY_HEADER]: headerSafe(key) };
  }

  /** What the server answered a request that carried headers(): an accepted key is remembered. */
  answered(result: object): void {
    if (!isFailure(result)) {
      if (this.#key.trim() !== '') remember(STORAGE_KEY, this.#key.trim());
      return;
    }
    // The server asks for a key after all (its configuration changed since the page asked).
    if (isKeyRefusal(result)) this.#required = true;
  }
}

/** A refusal that the organiser key, missing or wrong, is the reason for: the field is where to fix it. */
export const isKeyRefusal = (failure: Failure | null): boolean =>
  failure?.reason === 'organiser_key_needed' || failure?.reason === 'organiser_key_wrong';

export const organiserKey = new OrganiserKey();
