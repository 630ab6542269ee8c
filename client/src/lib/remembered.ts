/**
 * What a device keeps of its own in localStorage, as JSON: its profile, and what the public view never
 * tells a phone (its ballots, its contributions), remembered from the server's acks. Unreadable is absent.
 */
export function recall<T>(key: string, fallback: T): T {
  try {
    return (JSON.parse(localStorage.getItem(key) ?? 'null') as T | null) ?? fallback;
  } catch {
    return fallback;
  }
}

export function remember(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Full or private storage: the device forgets on reload; the server still has what was sent.
  }
}
