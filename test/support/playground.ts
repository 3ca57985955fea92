/**
 * The real luoshi in playground mode (no Lark app), on its own key prefix, with a movable clock
 * started at a chosen instant; plus a reader for the page's SSE feed, so tests wait for what the
 * page would show instead of sleeping.
 */
import { ShiftedClock } from '../../src/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/logger.ts';
import { type Luoshi, startLuoshi } from '../../src/server.ts';
import { connectTestRedis, deleteByPrefix, testRedisUrl, uniquePrefix } from './redisPrefix.ts';
import { settled } from './settle.ts';

export interface PlaygroundRig {
  luoshi: Luoshi;
  /** `http://127.0.0.1:<port>/playground` */
  page: string;
  clock: ShiftedClock;
  /** POST a playground action as the page does. */
  act(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Waits until everything typed so far is handled and what it sent is on the page's log. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function startPlaygroundRig(
  start: string,
  env: Record<string, string> = {},
): Promise<PlaygroundRig> {
  const prefix = uniquePrefix('pg');
  const redisUrl = testRedisUrl();
  const config = loadConfig({ REDIS_URL: redisUrl, LUOSHI_KEY_PREFIX: prefix, ...env });
  const clock = new ShiftedClock(Date.parse(start));
  const luoshi = await startLuoshi({
    config: { ...config, redisUrl },
    logger: silentLogger,
    clock,
    port: 0,
    hostname: '127.0.0.1',
  });
  const page = `${luoshi.url}/playground`;
  return {
    luoshi,
    page,
    clock,
    async act(path, body) {
      const res = await fetch(`${page}/api/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    settle() {
      const { inbound, outbound } = luoshi.queues;
      return settled([inbound, outbound], { delayedToo: [outbound] });
    },
    async close() {
      await luoshi.close();
      const redis = connectTestRedis();
      await deleteByPrefix(redis, prefix);
      await redis.quit();
    },
  };
}

export interface SseEvent {
  event: string;
  id?: string;
  data: string;
}

/** Reads `GET /playground/events` and hands out events as they come. */
export class FeedReader {
  private readonly events: SseEvent[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly abort = new AbortController();
  readonly done: Promise<void>;

  constructor(url: string, headers: Record<string, string> = {}) {
    this.done = this.read(url, headers).catch(() => {});
  }

  private async read(url: string, headers: Record<string, string>): Promise<void> {
    const res = await fetch(url, { headers, signal: this.abort.signal });
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const e: SseEvent = { event: 'message', data: '' };
        const data: string[] = [];
        for (const line of block.split('\n')) {
          const [field, ...rest] = line.split(': ');
          const value = rest.join(': ');
          if (field === 'event') e.event = value;
          else if (field === 'id') e.id = value;
          else if (field === 'data') data.push(value);
        }
        e.data = data.join('\n');
        this.events.push(e);
        for (const w of this.waiters) w();
      }
    }
  }

  /** The first event (seen so far or to come) that `match` accepts. */
  next(match: (e: SseEvent) => boolean, timeoutMs = 10_000): Promise<SseEvent> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.events.find(match);
        if (!found) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no matching SSE event within ${timeoutMs} ms; saw ${this.events.length}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  /** Entries (`event: entry`) parsed. */
  entries(): Array<Record<string, unknown> & { id?: string }> {
    return this.events
      .filter((e) => e.event === 'entry')
      .map((e) => ({ ...(JSON.parse(e.data) as Record<string, unknown>), id: e.id }));
  }

  close(): void {
    this.abort.abort();
  }
}

export const entryMatching =
  (test: (entry: Record<string, unknown>) => boolean) =>
  (e: SseEvent): boolean =>
    e.event === 'entry' && test(JSON.parse(e.data) as Record<string, unknown>);
