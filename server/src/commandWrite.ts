import {
  linkPath,
  scrubDeep,
  secrecyOf,
  type Actor,
  type DomainEvent,
  type Erasure,
  type RoundtableState,
} from '@roundtable/shared';
import { hashSecret, newSecret } from './secrets.js';
import { devicesSignedOut } from './session/signOut.js';
import type { Commit, NewCredential } from './store/store.js';

/** What a command adds to its own write: a joining device's token, or the one device of a person from now on. */
export type Binding = Pick<Commit, 'credentials' | 'device'>;

interface Minted {
  credentials: NewCredential[];
  result: { secret?: string; url?: string };
}

/** A new link's secret is made here, stored only as a hash, and shown once to whoever minted it. */
export function mintSecrets(roundtableId: string, events: DomainEvent[], linkBase: string | undefined): Minted {
  const created = events.find((e) => e.type === 'link.created');
  if (!created || created.type !== 'link.created') return { credentials: [], result: {} };
  const secret = newSecret();
  const credentials: NewCredential[] = [
    { hash: hashSecret(secret), credential: { kind: 'link', linkId: created.linkId } },
  ];
  const url = linkBase === undefined ? {} : { url: linkBase + linkPath(roundtableId, created.role, secret) };
  return { credentials, result: { secret, ...url } };
}

/** The one write of an accepted command: its state, events, credentials, and what it hides or erases. */
export function commitOf(c: {
  roundtableId: string;
  state: RoundtableState;
  outcome: { state: RoundtableState; events: DomainEvent[] };
  actor: Actor;
  at: number;
  minted: Minted;
  bound: Binding;
  erasure: Erasure | undefined;
}): Commit {
  const { outcome, erasure, bound } = c;
  const secrecy = secrecyOf(outcome.events, c.state);
  return {
    roundtableId: c.roundtableId,
    previous: c.state,
    state: outcome.state,
    events: outcome.events,
    actor: secrecy.hideActor ? { kind: 'secret' } : c.actor,
    at: c.at,
    credentials: [...c.minted.credentials, ...(bound.credentials ?? [])],
    ...(bound.device ? { device: bound.device } : {}),
    signOut: devicesSignedOut(outcome.events),
    compact: secrecy.compact,
    ...(erasure ? { erasure: { scrub: (e: unknown) => scrubDeep(e, erasure), signOut: erasure.signOut } } : {}),
  };
}
