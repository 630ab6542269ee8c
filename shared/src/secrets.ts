/** 16 random bytes (128 bits) as base64url are 22 characters; shorter cannot be a secret of ours. */
export const LINK_SECRET_MIN = 22;

/** Where a link leads in the client; the secret rides in the fragment so it never reaches server logs. */
const PAGES = {
  moderator: 'moderate',
  rapporteur: 'report',
  projector: 'projector',
  desk: 'desk',
  booth: 'booth',
} as const;

export function linkPath(roundtableId: string, role: keyof typeof PAGES, secret: string): string {
  return `/r/${roundtableId}/${PAGES[role]}#key=${secret}`;
}

/** A person's own invitation: whose it is rides in the path, its proof in the fragment like a link's secret. */
export function invitationPath(roundtableId: string, participantId: string, secret: string): string {
  return `/i/${roundtableId}/${participantId}#key=${secret}`;
}

export function joinPath(code: string): string {
  return `/j/${code}`;
}
