import { createHash, randomBytes } from 'node:crypto';
import { joinCodeFromBytes } from '@roundtable/shared';

/** 128 bits of randomness, URL-safe. */
export const newSecret = (): string => randomBytes(16).toString('base64url');

/** Short random ids for roundtables, people, links: not secret, just unique. */
export const newId = (): string => randomBytes(9).toString('base64url');

export const newJoinCode = (): string => joinCodeFromBytes(randomBytes(8));

/** Secrets are 128-bit random, so a fast hash is enough: there is nothing to brute-force. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('base64url');
