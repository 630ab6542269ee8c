import type {
  ClaimRequest,
  ClaimResponse,
  CreateRoundtableResponse,
  Failure,
  InstanceInfo,
  JoinPreview,
  JoinRequest,
  JoinResponse,
} from '@roundtable/shared';
import { localFailure } from './localFailure';

/** Every HTTP call answers a value or the server's failure (`{ ok: false, code, reason, params, message }`), never throws. */
async function call<T>(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T | Failure> {
  try {
    const res = await fetch(`/api${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
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
  /** `headers`: the organiser key, when the server asks for one (organiserKey.svelte.ts). */
  createRoundtable: (input: unknown, headers: Record<string, string>) =>
    call<CreateRoundtableResponse>('POST', '/roundtables', input, headers),
  createDemo: (headers: Record<string, string>) => call<CreateRoundtableResponse>('POST', '/demo', undefined, headers),
  instance: () => call<InstanceInfo>('GET', '/instance'),
  previewJoin: (code: string) => call<JoinPreview>('GET', `/join/${encodeURIComponent(code)}`),
  join: (request: JoinRequest) => call<JoinResponse>('POST', '/join', request),
  claimInvitation: (request: ClaimRequest) => call<ClaimResponse>('POST', '/invitations/claim', request),
};
