import type { Lang } from '@roundtable/shared';

/**
 * What a device remembers, per roundtable: its participant token (made here, 128 bits) and any
 * link keys it was given. Kept in localStorage so a reload or a reconnect is the same person.
 */
const KEY = 'roundtable.identity.v1';

/** A roundtable's title as the device last saw it: its page's header is right from the first frame, not moved down when the state comes. */
export interface SeenTitle {
  title: Record<string, string>;
  languages: Lang[];
}

interface Stored {
  devices: Record<string, { token: string; participantId?: string; seen?: SeenTitle }>;
  links: Record<string, Partial<Record<LinkRole, string>>>;
}

function read(): Stored {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '') as Partial<Stored>;
    return { devices: parsed.devices ?? {}, links: parsed.links ?? {} };
  } catch {
    return { devices: {}, links: {} };
  }
}

function write(s: Stored): void {
  localStorage.setItem(KEY, JSON.stringify(s));
}

export function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** The device token for a join code's roundtable is made once and reused, so a retried join is the same person. */
export function deviceTokenFor(roundtableId: string): string {
  const s = read();
  const existing = s.devices[roundtableId];
  if (existing) return existing.token;
  const token = randomToken();
  s.devices[roundtableId] = { token };
  write(s);
  return token;
}

export function rememberParticipant(roundtableId: string, participantId: string, seen?: SeenTitle): void {
  const s = read();
  const device = s.devices[roundtableId];
  if (device) Object.assign(device, { participantId, seen });
  write(s);
}

export function rememberTitle(roundtableId: string, seen: SeenTitle): void {
  const s = read();
  const device = s.devices[roundtableId];
  if (device) device.seen = seen;
  write(s);
}

export function joinedAs(roundtableId: string): { token: string; participantId: string; seen?: SeenTitle } | undefined {
  const d = read().devices[roundtableId];
  if (!d?.participantId) return undefined;
  // Only what this app wrote: a hand-edited or half-written title would break the page's first frame.
  const title: unknown = d.seen?.title;
  const seen = title && typeof title === 'object' && Array.isArray(d.seen?.languages) ? d.seen : undefined;
  return { token: d.token, participantId: d.participantId, seen };
}

export function forgetParticipant(roundtableId: string): void {
  const s = read();
  const device = s.devices[roundtableId];
  if (device) delete device.participantId;
  write(s);
}

type LinkRole = 'moderator' | 'rapporteur' | 'projector' | 'desk' | 'booth';

/** Takes a link key from the URL fragment (#key=…), keeps it. */
export function linkKeyFor(roundtableId: string, role: LinkRole): string | undefined {
  const fromUrl = new URLSearchParams(location.hash.slice(1)).get('key');
  const s = read();
  if (fromUrl) {
    s.links[roundtableId] = { ...s.links[roundtableId], [role]: fromUrl };
    write(s);
  }
  return s.links[roundtableId]?.[role];
}

export function forgetLinkKey(roundtableId: string, role: LinkRole): void {
  const s = read();
  delete s.links[roundtableId]?.[role];
  write(s);
}
