import net from 'node:net';

/** A TCP link between a client and a server that a test can cut and mend: a network partition on loopback. */
export interface TcpLink {
  /** The target's URL with the link's port in its place. */
  url: string;
  /** Closes every connection through it and refuses new ones until mended. */
  cut(): void;
  mend(): void;
  close(): Promise<void>;
}

export async function tcpLink(target: string): Promise<TcpLink> {
  const { hostname, port } = new URL(target);
  const open = new Set<net.Socket>();
  let cut = false;
  const server = net.createServer((client) => {
    if (cut) return void client.destroy();
    const upstream = net.connect(Number(port), hostname);
    const end = () => {
      for (const s of [client, upstream]) {
        s.destroy();
        open.delete(s);
      }
    };
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('error', end).on('close', end);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  url.port = String((server.address() as net.AddressInfo).port);
  const dropAll = () => [...open].forEach((s) => s.destroy());
  return {
    url: url.toString(),
    cut() {
      cut = true;
      dropAll();
    },
    mend() {
      cut = false;
    },
    close() {
      dropAll();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
