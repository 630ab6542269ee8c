/** 16 random bytes (128 bits) as base64url are 22 characters; shorter cannot be a secret of ours. */
export const LINK_SECRET_MIN = 22;

/** Where a link leads in the client; the secret rides in the fragment so it never reaches server logs. */
export function linkPath(roundtableId: string, role: 'moderator' | 'rapporteur' | 'projector', secret: string): string {
  const page = role === 'moderator' ? 'moderate' : role === 'rapporteur' ? 'report' : 'projector';
  return `/r/${roundtableId}/${page}#key=${secret}`;
}

export function joinPath(code: string): string {
  return `/j/${code}`;
}
