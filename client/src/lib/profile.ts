import type { ProfileFields } from '@roundtable/shared';

/** The profile this device joined with, so a participant's page can show it (public views carry no roster). */
const key = (roundtableId: string) => `roundtable.profile.${roundtableId}`;

export function saveProfile(roundtableId: string, profile: ProfileFields & { delegationName: string }): void {
  localStorage.setItem(key(roundtableId), JSON.stringify(profile));
}

export function loadProfile(roundtableId: string): (ProfileFields & { delegationName: string }) | null {
  try {
    return JSON.parse(localStorage.getItem(key(roundtableId)) ?? 'null') as
      (ProfileFields & { delegationName: string }) | null;
  } catch {
    return null;
  }
}
