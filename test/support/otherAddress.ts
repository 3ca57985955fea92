/**
 * An address of this machine that is not 127.0.0.1, to show that a listener bound to loopback
 * is not reachable from elsewhere: the first external IPv4 address of an interface, or on Linux
 * 127.0.0.2 (the whole 127/8 is this machine there, and a listener on 127.0.0.1 does not answer
 * it). Checked against a wildcard listener first, so that a refused connection later means the
 * bind, not the address.
 */
import { connect, createServer } from 'node:net';
import { networkInterfaces } from 'node:os';

/** Resolves true when a TCP connection to host:port is accepted, false when it is refused. */
export function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function otherAddressOfThisMachine(): Promise<string> {
  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && !i.internal && i.family === 'IPv4')?.address;
  const candidates = [...(external ? [external] : []), '127.0.0.2'];
  const wildcard = createServer((s) => s.destroy());
  await new Promise<void>((ok) => wildcard.listen(0, '0.0.0.0', ok));
  const port = (wildcard.address() as { port: number }).port;
  try {
    for (const address of candidates) if (await accepts(address, port)) return address;
  } finally {
    wildcard.close();
  }
  throw new Error(
    `no address of this machine other than 127.0.0.1 answers a listener on 0.0.0.0 (tried ${candidates.join(', ')})`,
  );
}
