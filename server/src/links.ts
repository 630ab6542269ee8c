import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** A Host header as browsers send it: a name or an IPv4 address, or a bracketed IPv6 address, and a port. */
const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*\.?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The one rule for the base of every link the server hands out (join, moderator, rapporteur,
 * projector), over HTTP and Socket.IO alike: PUBLIC_URL when it is set; otherwise the scheme and
 * host the request came in on. A moderator who opened http://192.168.1.20:3000 on the venue Wi-Fi
 * thus gets links the phones on that Wi-Fi can open, not links to `localhost`.
 */
export function linkBase(publicUrl: string | undefined, req: IncomingMessage, trustProxy: boolean): string {
  return publicUrl ?? requestOrigin(req, trustProxy);
}

/** Scheme and host of a request; `X-Forwarded-*` count only behind a trusted proxy, as for Express's own `req.protocol`. */
function requestOrigin(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = (name: string) => (trustProxy ? firstValue(req.headers[name]) : undefined);
  const proto = forwarded('x-forwarded-proto')?.toLowerCase();
  const scheme = proto === 'http' || proto === 'https' ? proto : (req.socket as TLSSocket).encrypted ? 'https' : 'http';
  const host = [forwarded('x-forwarded-host'), req.headers.host].find((h) => h !== undefined && HOST.test(h));
  return `${scheme}://${host ?? localHost(req)}`;
}

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(',')[0]?.trim();
}

/** Without a usable Host header (HTTP/1.0, a malformed one), the address and port the connection reached. */
function localHost(req: IncomingMessage): string {
  const { localAddress, localPort } = req.socket;
  if (!localAddress) return 'localhost';
  const address = localAddress.replace(/^::ffff:/, '');
  return `${address.includes(':') ? `[${address}]` : address}${localPort ? `:${localPort}` : ''}`;
}
