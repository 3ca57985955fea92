/**
 * Where the bot's messages go in playground mode: a Redis stream the playground page reads.
 * It keeps Lark's promise about `uuid` (the same uuid is shown once), so the outbound path
 * behaves the same as with Lark.
 */
import type { Redis } from 'ioredis';
import type { Delivery, DeliveryResult } from '../bot/delivery.ts';
import type { OutboundJob } from '../bot/messenger.ts';
import type { Keys } from '../storage/keys.ts';

/** KEYS: 1 uuid key, 2 stream. ARGV: 1 json, 2 uuid ttl. Returns the message id. */
const DELIVER_ONCE = `
local existing = redis.call('GET', KEYS[1])
if existing then return existing end
local id = redis.call('XADD', KEYS[2], 'MAXLEN', '~', 10000, '*', 'json', ARGV[1])
local messageId = 'om_pg_' .. string.gsub(id, '-', '_')
redis.call('SET', KEYS[1], messageId, 'EX', ARGV[2])
return messageId
`;

export interface PlaygroundMessage extends OutboundJob {
  at: number;
}

export class PlaygroundDelivery implements Delivery {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly now: () => number,
  ) {}

  async deliver(job: OutboundJob): Promise<DeliveryResult> {
    const record: PlaygroundMessage = { ...job, at: this.now() };
    const messageId = (await this.redis.eval(
      DELIVER_ONCE,
      2,
      this.keys.playgroundUuid(job.uuid),
      this.keys.playgroundMessages(),
      JSON.stringify(record),
      3600,
    )) as string;
    return { messageId };
  }

  async recent(count = 200): Promise<Array<PlaygroundMessage & { id: string }>> {
    const rows = (await this.redis.xrevrange(
      this.keys.playgroundMessages(),
      '+',
      '-',
      'COUNT',
      count,
    )) as Array<[string, string[]]>;
    return rows
      .reverse()
      .map(([id, fields]) => ({ id, ...(JSON.parse(fields[1] ?? '{}') as PlaygroundMessage) }));
  }
}
