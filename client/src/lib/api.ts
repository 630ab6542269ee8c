import type { CreateRoundtableResponse, Failure, JoinPreview, JoinRequest, JoinResponse } from '@roundtable/shared';
import { localFailure } from './localFailure';

/** Every HTTP call answers a value or the server's failure (`{ ok: false, code, reason, params, message }`), never throws. */
async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T | Failure> {
  try {
    const res = await fetch(`/api${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const data = (await res.json()) as T | Failure;
    return data;
  } catch {
    return localFailure('unreachable');
  }
}

export const isFailure = (x: unknown): x is Failure =>
  typeof x === 'object' && x !== null && 'ok' in x && (x as { ok: unknown }).ok === false;

export const api = {
  createRoundtable: (input: unknown) => call<CreateRoundtableResponse>('POST', '/roundtables', input),
  createDemo: () => call<CreateRoundtableResponse>('POST', '/demo'),
  previewJoin: (code: string) => call<JoinPreview>('GET', `/join/${encodeURIComponent(code)}`),
  join: (request: JoinRequest) => call<JoinResponse>('POST', '/join', request),
};
