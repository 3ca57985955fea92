/**
 * The one Redis connection factory. Two roles, because BullMQ needs them to behave differently:
 * - `command`: producers and repositories. They fail fast when Redis is down (no offline queue,
 *   one retry), so a webhook answers 503 at once instead of hanging past Lark's 3 s.
 * - `worker`: BullMQ workers and queue event listeners. They must wait through outages
 *   (`maxRetriesPerRequest: null` is required by BullMQ for blocking commands).
 *
 * `REDIS_URL` names one server, a Redis Cluster or a Sentinel-watched primary (`redisUrl.ts`);
 * code holds a `RedisClient`, which is either kind of ioredis client.
 */
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';
import { type Auth, parseRedisUrl } from './redisUrl.ts';

export type RedisRole = 'command' | 'worker';

/** What the code passes around: one server (or a Sentinel-found primary) or a cluster. */
export type RedisClient = Redis | Cluster;

function roleOptions(role: RedisRole): RedisOptions {
  return role === 'worker'
    ? { maxRetriesPerRequest: null, enableReadyCheck: true }
    : {
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        connectTimeout: 2000,
        enableAutoPipelining: true,
      };
}

export function createRedis(url: string, role: RedisRole, extra: RedisOptions = {}): RedisClient {
  const target = parseRedisUrl(url);
  if ('error' in target) throw new Error(`REDIS_URL ${target.error}`);
  const options: RedisOptions = { ...roleOptions(role), lazyConnect: false, ...extra };
  let redis: RedisClient;
  if (target.kind === 'single') redis = new Redis(url, options);
  else if (target.kind === 'sentinel')
    redis = new Redis({
      ...options,
      ...target.auth,
      sentinels: target.sentinels,
      name: target.name,
      db: target.db,
      ...(target.tls ? { tls: {}, enableTLSForSentinelMode: true } : {}),
    });
  else redis = new Cluster(target.nodes, clusterOptions(options, target.auth, target.tls));
  // Without a listener ioredis prints unhandled error events; health is reported by /readyz.
  redis.on('error', () => {});
  return redis;
}

/**
 * A cluster takes the client-wide options at the top and the per-node ones in `redisOptions`.
 * The offline queue is client-wide: the command role's fail-fast applies to the whole cluster.
 */
function clusterOptions(o: RedisOptions, auth: Auth, tls: boolean): ClusterOptions {
  const { enableOfflineQueue, enableAutoPipelining, enableReadyCheck, lazyConnect, ...node } = o;
  return {
    ...(enableOfflineQueue !== undefined ? { enableOfflineQueue } : {}),
    ...(enableAutoPipelining !== undefined ? { enableAutoPipelining } : {}),
    ...(enableReadyCheck !== undefined ? { enableReadyCheck } : {}),
    ...(lazyConnect !== undefined ? { lazyConnect } : {}),
    redisOptions: { ...node, ...auth, ...(tls ? { tls: {} } : {}) },
  };
}

export function isCluster(redis: RedisClient): redis is Cluster {
  return redis instanceof Cluster;
}

/** A second connection like `redis` (same servers), for blocking reads. */
export function duplicateRedis(redis: RedisClient, override: RedisOptions = {}): RedisClient {
  if (!isCluster(redis)) return redis.duplicate(override);
  const { enableOfflineQueue, ...node } = override;
  return redis.duplicate(undefined, {
    ...redis.options,
    ...(enableOfflineQueue !== undefined ? { enableOfflineQueue } : {}),
    redisOptions: { ...redis.options.redisOptions, ...node },
  });
}

/**
 * Every key matching `pattern`, page by page. SCAN walks one server, so on a cluster it runs on
 * each primary in turn.
 */
export async function* scanKeys(redis: RedisClient, pattern: string, count = 1000): AsyncGenerator<string[]> {
  const servers = isCluster(redis) ? redis.nodes('master') : [redis];
  for (const server of servers) {
    let cursor = '0';
    do {
      const [next, keys] = await server.scan(cursor, 'MATCH', pattern, 'COUNT', count);
      cursor = next;
      if (keys.length > 0) yield keys;
    } while (cursor !== '0');
  }
}

/**
 * Resolves once the connection is ready (the command role has no offline queue). Otherwise the
 * error says where luoshi looked and the last thing Redis (or the network) said, with what to
 * check: every failure used to read the same "not ready after 5000 ms (status reconnecting)".
 */
export async function waitReady(redis: RedisClient, timeoutMs = 5000): Promise<void> {
  if (redis.status === 'ready') return;
  let last: Error | undefined;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(notReadyMessage(redis, timeoutMs, last)));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const onError = (e: Error) => {
      last = e;
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('error', onError);
    };
    redis.on('ready', onReady);
    redis.on('error', onError);
  });
}

/** What to check, by the error's code: the operator's next step, not the client's internals. */
const HINTS: Record<string, string> = {
  ECONNREFUSED:
    'nothing accepts connections there: check that Redis runs and that REDIS_URL names its host and port',
  ENOTFOUND: 'that host name does not resolve: check the host in REDIS_URL',
  EAI_AGAIN:
    'that host name could not be resolved (DNS did not answer): check the host in REDIS_URL and the DNS',
  ETIMEDOUT:
    'nothing answered in time: check the host and port in REDIS_URL, and that no firewall is in between',
  EHOSTUNREACH: 'that host cannot be reached: check the host in REDIS_URL and the network',
  NOAUTH:
    'Redis asks for a password: put it in REDIS_URL (redis://:<password>@host:port, or redis://<user>:<password>@…)',
  WRONGPASS: 'Redis refused the user or password: check them in REDIS_URL',
};

function notReadyMessage(redis: RedisClient, timeoutMs: number, last: Error | undefined): string {
  const where = `Redis at ${address(redis)} is not ready after ${timeoutMs} ms`;
  // A cluster's own error only says the slots could not be read; the node's says why.
  const cause = (last as { lastNodeError?: Error } | undefined)?.lastNodeError ?? last;
  if (!cause) return `${where} (status ${redis.status}, no error seen): check REDIS_URL and that Redis runs`;
  const code = errorCode(cause);
  const hint = code !== undefined ? HINTS[code] : undefined;
  // A known code says it all (ioredis's NOAUTH text talks of HELLO); anything else is quoted.
  const said = hint && code ? code : cause.message.slice(0, 160);
  return `${where} (last error: ${said}): ${hint ?? 'check REDIS_URL, the password in it, and that Redis runs'}`;
}

/** ECONNREFUSED and the like from the socket; NOAUTH, WRONGPASS … from Redis's reply. */
function errorCode(e: Error): string | undefined {
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return /^([A-Z][A-Z_]+)\b/.exec(e.message)?.[1];
}

/** Host and port (never the password) of what the client connects to. */
function address(redis: RedisClient): string {
  if (isCluster(redis)) {
    const nodes = (redis as unknown as { startupNodes: { host?: string; port?: number }[] }).startupNodes;
    return `cluster ${nodes.map((n) => hostPort(n.host, n.port)).join(',')}`;
  }
  const o = redis.options;
  if (o.sentinels?.length)
    return `${o.name ?? '?'} through Sentinels ${o.sentinels.map((n) => hostPort(n.host ?? undefined, n.port ?? undefined)).join(',')}`;
  if (o.path) return o.path;
  return hostPort(o.host, o.port);
}

function hostPort(host: string | undefined, port: number | undefined): string {
  return host?.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
