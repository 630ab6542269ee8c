import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

const providers: WebsocketProvider[] = [];

/** The secret goes in a subprotocol, never in the URL (docs/PROTOCOL.md). */
export const documentProtocols = (key: string): string[] => ['roundtable', `key.${key}`];

/** A raw socket on a document, for messages a provider would never send. */
export function openRawDocument(url: string, roundtableId: string, key: string): WebSocket {
  return new WebSocket(`${url.replace('http', 'ws')}/yjs/${roundtableId}`, documentProtocols(key));
}

/** A real y-websocket provider on a roundtable's outcome document, as an editor in a browser would open it. */
export function openDocument(url: string, roundtableId: string, key: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${url.replace('http', 'ws')}/yjs`, roundtableId, doc, {
    WebSocketPolyfill: WebSocket as never,
    protocols: documentProtocols(key),
    // Providers in one process would otherwise talk over BroadcastChannel and bypass the server.
    disableBc: true,
  });
  // Our extra message types (stored state vector, errors) are read by the app's editor, not by these tests.
  provider.messageHandlers[4] = () => undefined;
  provider.messageHandlers[5] = () => undefined;
  providers.push(provider);
  return { doc, provider, synced: new Promise<void>((resolve) => provider.once('sync', () => resolve())) };
}

export function closeDocuments(): void {
  for (const p of providers.splice(0)) p.destroy();
}
