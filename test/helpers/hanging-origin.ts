/** A remote that accepts connections and never answers (a VPN that is down, a firewall that drops
 * packets after the handshake): a TCP listener on 127.0.0.1 that reads and never writes. */
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface HangingOrigin {
  /** `http://127.0.0.1:<port>/x.git`. */
  url: string;
  /** Connections accepted so far. */
  readonly connections: number;
  close(): Promise<void>;
}

export async function startHangingOrigin(): Promise<HangingOrigin> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    socket.resume();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/x.git`,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}
