import type { ProfileFields } from '@roundtable/shared';
import { recall, remember } from './remembered';

/** The profile this device joined with, so a participant's page can show it (public views carry no roster). */
const key = (roundtableId: string) => `roundtable.profile.${roundtableId}`;

export function saveProfile(roundtableId: string, profile: ProfileFields & { delegationName: string }): void {
  remember(key(roundtableId), profile);
}

export function loadProfile(roundtableId: string): (ProfileFields & { delegationName: string }) | null {
  return recall<(ProfileFields & { delegationName: string }) | null>(key(roundtableId), null);
}

/** The profile deleted from the roundtable (participant.forget) leaves the phone too. */
export function forgetProfile(roundtableId: string): void {
  localStorage.removeItem(key(roundtableId));
}
