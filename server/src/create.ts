import {
  CreateRoundtableInput,
  createRoundtable,
  describeIssues,
  joinPath,
  linkPath,
  type CreateRoundtableResponse,
  type Failure,
  type Series,
  refusal,
} from '@roundtable/shared';
import type { Roundtables } from './roundtables.js';
import { hashSecret, newId, newJoinCode, newSecret } from './secrets.js';
import { StoreConflictError, type Store } from './store/store.js';

async function uniqueJoinCode(store: Store): Promise<string> {
  // 31^6 ≈ 887 million codes: a clash is rare, and a few tries make it vanishingly so.
  for (let i = 0; i < 20; i++) {
    const code = newJoinCode();
    if (!(await store.joinCodeTaken(code))) return code;
  }
  throw new Error('Could not find a free join code.');
}

/**
 * Creates a roundtable and its first moderator link, whose secret is returned once and kept only hashed;
 * `series` places it in a series (a next edition, editions.ts), else it starts one of its own.
 */
export async function createRoundtableFromInput(
  roundtables: Roundtables,
  store: Store,
  publicUrl: string,
  raw: unknown,
  series?: Series,
): Promise<CreateRoundtableResponse | Failure> {
  const parsed = CreateRoundtableInput.safeParse(raw);
  if (!parsed.success) return refusal('invalid_roundtable', { details: describeIssues(parsed.error) });
  const id = newId();
  const moderatorLinkId = newId();
  const joinCode = await uniqueJoinCode(store);
  const context = { id, now: Date.now(), joinCode, newId, moderatorLinkId, ...(series ? { series } : {}) };
  const { state, events } = createRoundtable(parsed.data, context);
  const secret = newSecret();
  try {
    await roundtables.remember(state, events, [
      { hash: hashSecret(secret), credential: { kind: 'link', linkId: moderatorLinkId } },
    ]);
  } catch (error) {
    // Another node made this edition's next one at the same moment (the store's key: next_editions).
    if (series && error instanceof StoreConflictError) return refusal('next_edition_exists');
    throw error;
  }
  return {
    roundtableId: id,
    joinCode,
    joinUrl: publicUrl + joinPath(joinCode),
    moderatorLinkId,
    moderatorSecret: secret,
    moderatorUrl: publicUrl + linkPath(id, 'moderator', secret),
  };
}
