/**
 * Reminders for one chat or one person planned in the same minute go out as one message.
 * Each reminder job adds its line to the batch of (tenant, target, minute); a short collector
 * job then closes the batch and sends it. A batch is a HASH per part: part 0 is the message
 * everybody expects; a line that arrives after its part was closed (a straggler, seconds late)
 * opens the next part, which becomes a second message. Never lost, never shown twice:
 *
 * - a line is keyed by (item, kind); a retried reminder finds its line in whichever part took
 *   it and adds nothing, so it cannot appear in two messages;
 * - a closed part never changes again, so a retried collector sends exactly what the first
 *   attempt saw, under the same message key (Lark's `uuid` drops the repeat).
 */
import type { ReminderKind } from '../domain/reminderPlan.ts';
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis.ts';

/** Long enough to cover every retry of a reminder and its collector. */
const BATCH_TTL_S = 2 * 24 * 3600;
const CLOSED = '_closed';

/**
 * KEYS: 1 batch base key (the part number is appended)
 * ARGV: 1 field  2 value  3 ttl seconds
 * Returns { part, state }: state 3 = added as the part's first line, 1 = added, 0 = already in
 * that open part (a retry), 2 = already sent.
 */
const ADD_LINE = `
local open = -1
local p = 0
while true do
  local k = KEYS[1] .. ':' .. p
  if redis.call('EXISTS', k) == 0 then break end
  local closed = redis.call('HEXISTS', k, '${CLOSED}') == 1
  if redis.call('HEXISTS', k, ARGV[1]) == 1 then
    if closed then return { p, 2 } end
    return { p, 0 }
  end
  if open < 0 and not closed then open = p end
  p = p + 1
end
if open < 0 then open = p end
local k = KEYS[1] .. ':' .. open
redis.call('HSET', k, ARGV[1], ARGV[2])
redis.call('EXPIRE', k, ARGV[3])
if redis.call('HLEN', k) == 1 then return { open, 3 } end
return { open, 1 }
`;

/** KEYS: 1 part key. Marks it closed and returns its fields (flat), or {} when there is none. */
const CLOSE_PART = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
redis.call('HSET', KEYS[1], '${CLOSED}', '1')
return redis.call('HGETALL', KEYS[1])
`;

/**
 * One reminder of a batch: which item and kind, and the words fixed when it fired. The item
 * itself is read again when the batch is sent, so the card shows its current state.
 */
export interface BatchLine {
  kind: ReminderKind;
  no: number;
  /** The item's plan version when the reminder fired: a replanned or closed item's line is dropped. */
  planVersion: number;
  /** How the deadline read at the fire time (`今天 18:00`, or the full date). */
  dueWords: string;
  /** Working days past the deadline at the fire time. */
  late: number;
  /** Owners are @-ed in the group; a leader's direct message names them. */
  audience: 'group' | 'leader';
  /** Make the message urgent (加急) for its recipient. */
  urgent: boolean;
}

/** `first`: the part's first line (its collector is to be scheduled); `present`: a retry found it there. */
export type AddState = 'first' | 'added' | 'present' | 'sent';

export class ReminderBatches {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async add(
    tenant: string,
    target: string,
    minute: number,
    line: BatchLine,
  ): Promise<{ part: number; state: AddState }> {
    const [part, state] = (await this.redis.eval(
      ADD_LINE,
      1,
      this.keys.reminderBatch(tenant, target, minute),
      `${line.no}.${line.kind}`,
      JSON.stringify(line),
      BATCH_TTL_S,
    )) as [number, number];
    const states: Record<number, AddState> = { 0: 'present', 1: 'added', 2: 'sent', 3: 'first' };
    return { part, state: states[state] ?? 'added' };
  }

  /** Closes a part and returns its lines; a closed part reads the same every time. */
  async close(tenant: string, target: string, minute: number, part: number): Promise<BatchLine[]> {
    const flat = (await this.redis.eval(
      CLOSE_PART,
      1,
      `${this.keys.reminderBatch(tenant, target, minute)}:${part}`,
    )) as string[];
    const lines: BatchLine[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      if (flat[i] === CLOSED) continue;
      lines.push(JSON.parse(flat[i + 1]!) as BatchLine);
    }
    return lines;
  }
}
