import type { Request } from 'express';
import type { Credential } from '@roundtable/shared';
import { hashSecret } from '../secrets.js';
import type { Store } from '../store/store.js';

/** `Authorization: Bearer <secret>`: a link's secret or a participant device's token. */
export function bearer(req: Request, store: Store, roundtableId: string): Credential | undefined {
  const match = /^Bearer\s+([A-Za-z0-9_-]{16,200})$/.exec(req.get('authorization') ?? '');
  return match?.[1] ? store.findCredential(roundtableId, hashSecret(match[1])) : undefined;
}
