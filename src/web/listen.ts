/**
 * Binding an HTTP listener, with the reasons it can fail said in one line each: a port already
 * taken, a port that needs root, an address this machine does not have. Node reports these as
 * an `'error'` event on the server, which nothing awaits — left alone it crashes the process with
 * a stack trace; here it rejects with a `ListenError` that `src/main.ts` prints as it is.
 */
import { type ServerType, serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { invocation, type ListenAddress } from '../config.ts';

export interface ListenTarget extends ListenAddress {
  /** The variables that set this address, named in the message: `PORT`/`HOST`, or the playground's. */
  portVariable: string;
  hostVariable: string;
}

export class ListenError extends Error {
  override readonly name = 'ListenError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function explain(code: string, t: ListenTarget): string {
  const next = t.port >= 65535 ? 3000 : t.port + 1;
  // The command the operator used, so that the suggestion runs as typed (`node dist/main.js` in the image).
  const command = invocation();
  const startWith = (value: number) =>
    command ? `${t.portVariable}=${value} ${command}` : `${t.portVariable}=${value} and start luoshi again`;
  switch (code) {
    case 'EADDRINUSE':
      return `Port ${t.port} (${t.portVariable}) is already in use on ${t.host}, probably by another luoshi. Stop that program, or choose another port: ${startWith(next)}`;
    case 'EACCES':
      return `Port ${t.port} (${t.portVariable}) needs administrator rights. Choose a port above 1023: ${startWith(3000)}`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot listen on ${t.hostVariable}=${t.host}: this machine has no such address. Use ${t.hostVariable}=127.0.0.1 (this machine only) or ${t.hostVariable}=0.0.0.0 (every interface).`;
    default:
      return `Cannot listen on ${t.host}:${t.port} (${t.hostVariable}, ${t.portVariable}): ${code}`;
  }
}

/**
 * A bound port whose app comes later: `open` binds first, so that a port in use is said before
 * anything else has started (workers, reminder jobs); until `serve` hands it the app, every
 * request is answered 503 (Lark sends again later).
 */
export class Listener {
  private app: Hono | undefined;

  private constructor(
    private readonly server: ServerType,
    readonly port: number,
  ) {}

  static open(target: ListenTarget): Promise<Listener> {
    let listener: Listener | undefined;
    const fetch = (request: Request, env: unknown) =>
      listener?.app
        ? listener.app.fetch(request, env)
        : Response.json({ error: 'starting' }, { status: 503, headers: { 'retry-after': '1' } });
    return new Promise((resolve, reject) => {
      const server = serve({ fetch, port: target.port, hostname: target.host }, () => {
        server.off('error', failed);
        listener = new Listener(server, boundPort(server, target.port));
        resolve(listener);
      });
      function failed(e: NodeJS.ErrnoException) {
        const code = e.code ?? 'unknown error';
        reject(new ListenError(code, explain(code, target)));
      }
      server.once('error', failed);
    });
  }

  serve(app: Hono): void {
    this.app = app;
  }

  /**
   * Stops taking connections and lets requests in flight finish; idle keep-alive connections
   * are closed at once, and after `graceMs` every connection is — a client that sent half a
   * request and went quiet must not hold the shutdown (Node waits for it forever otherwise).
   */
  close(graceMs = 5000): Promise<void> {
    const server = this.server as ServerType & {
      closeIdleConnections?(): void;
      closeAllConnections?(): void;
    };
    return new Promise((ok) => {
      const force = setTimeout(() => server.closeAllConnections?.(), graceMs);
      force.unref();
      server.close(() => {
        clearTimeout(force);
        ok();
      });
      server.closeIdleConnections?.();
    });
  }
}

/** The port a listening server got (the one asked for, or the free one picked for 0). */
function boundPort(server: ServerType, asked: number): number {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : asked;
}

/** A URL to reach a listener from this machine: a wildcard address is reached on loopback. */
export function localUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}
