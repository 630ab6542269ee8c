import { vi } from 'vitest';
import WebSocket from 'ws';

/**
 * What a page gives the client's state classes, in Node: WebSocket (ws), the page's location on
 * the test server, window events and localStorage. `window` dispatches `offline` and the like.
 */
export function browserAt(url: string): { window: EventTarget; storage: Map<string, string> } {
  const window = new EventTarget();
  const storage = new Map<string, string>();
  vi.stubGlobal('WebSocket', WebSocket);
  vi.stubGlobal('location', new URL(url));
  vi.stubGlobal('addEventListener', window.addEventListener.bind(window));
  vi.stubGlobal('removeEventListener', window.removeEventListener.bind(window));
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => void storage.set(key, value),
    removeItem: (key: string) => void storage.delete(key),
  });
  return { window, storage };
}
