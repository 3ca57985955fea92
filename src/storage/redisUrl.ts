/**
 * The forms `REDIS_URL` may take, read without ioredis (`loadConfig` checks them too):
 * - `redis://[user:pass@]host:port[/db]` (or `rediss://`): one server;
 * - `redis+cluster://[user:pass@]h1:p1,h2:p2,…` (or `rediss+cluster://`): a Redis Cluster, found
 *   from any of the listed nodes;
 * - `redis+sentinel://[user:pass@]h1:p1,h2:p2,…/<masterName>[/db]`: the primary that these
 *   Sentinels name (the credentials are the primary's; the Sentinels are asked without).
 */
export type RedisTarget =
  | { kind: 'single'; url: string }
  | { kind: 'cluster'; nodes: Array<{ host: string; port: number }>; auth: Auth; tls: boolean }
  | {
      kind: 'sentinel';
      sentinels: Array<{ host: string; port: number }>;
      name: string;
      db: number;
      auth: Auth;
      tls: boolean;
    };

export interface Auth {
  username?: string;
  password?: string;
}

const MULTI = /^(rediss?)\+(cluster|sentinel):\/\/(?:([^@/]*)@)?([^/?#]+)(?:\/([^?#]*))?$/;

/** Reads `REDIS_URL`; a message for `loadConfig` when it is none of the three forms. */
export function parseRedisUrl(url: string): RedisTarget | { error: string } {
  if (/^rediss?:\/\//.test(url)) return { kind: 'single', url };
  const m = MULTI.exec(url);
  if (!m) return { error: 'must start with redis://, rediss://, redis+cluster:// or redis+sentinel://' };
  const [, scheme, kind, userinfo, hostList, path = ''] = m;
  const nodes: Array<{ host: string; port: number }> = [];
  for (const hp of hostList!.split(',')) {
    const at = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(hp.trim());
    if (!at || Number(at[2]) > 65535) return { error: `"${hp}" is not host:port` };
    nodes.push({ host: at[1]!.replace(/^\[|\]$/g, ''), port: Number(at[2]) });
  }
  const auth: Auth = {};
  if (userinfo) {
    const [user = '', pass] = userinfo.split(':');
    if (user) auth.username = decodeURIComponent(user);
    if (pass !== undefined) auth.password = decodeURIComponent(pass);
  }
  const tls = scheme === 'rediss';
  if (kind === 'cluster') {
    if (path) return { error: 'a cluster has no database number or name after the hosts' };
    return { kind: 'cluster', nodes, auth, tls };
  }
  const [name, db = '0'] = path.split('/');
  if (!name)
    return { error: 'name the primary after the Sentinels: redis+sentinel://h1:26379,h2:26379/mymaster' };
  if (!/^\d+$/.test(db)) return { error: 'the database after the primary name must be a number' };
  return { kind: 'sentinel', sentinels: nodes, name: decodeURIComponent(name), db: Number(db), auth, tls };
}
