/**
 * Recurring schedules (`/周期`), per tenant: one HASH, schedule number → JSON, numbered from a
 * counter (`S1`, `S2`, …). A schedule holds what each occurrence's item is made of (title,
 * owners, lead, unit, the chat) and its rule; the occurrences themselves are ordinary items
 * (`schedule: { no, key }` on the item) made by `jobs/occurrence.ts`. State changes (暂停, 恢复,
 * 停止) are audited like any change. A record that no longer reads is skipped, never thrown on.
 */
import { z } from 'zod';
import type { ChatType, Person } from '../domain/item.ts';
import { type RecurrenceRule, recurrenceRuleSchema } from '../domain/recurrence/rule.ts';
import { AUDIT_MAXLEN, auditFields } from './audit.ts';
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis.ts';

export type ScheduleState = 'active' | 'paused' | 'stopped';

export interface Schedule {
  no: number;
  tenant: string;
  chatId: string;
  chatType?: ChatType;
  title: string;
  owners: Person[];
  lead?: Person;
  unit?: string;
  creator: Person;
  rule: RecurrenceRule;
  state: ScheduleState;
  createdAt: number;
  /** Bumped on 恢复: the occurrence jobs planned after it have new ids (`occurrenceJobId`). */
  generation: number;
  /** The key of the last occurrence made into an item; planning starts after it. */
  lastKey?: string;
}

export type NewSchedule = Omit<Schedule, 'no' | 'state' | 'generation' | 'lastKey'>;

const person = z.object({ openId: z.string(), name: z.string() });
const scheduleSchema = z.object({
  no: z.number().int().positive(),
  tenant: z.string(),
  chatId: z.string(),
  chatType: z.enum(['group', 'p2p']).optional(),
  title: z.string(),
  owners: z.array(person),
  lead: person.optional(),
  unit: z.string().optional(),
  creator: person,
  rule: recurrenceRuleSchema,
  state: z.enum(['active', 'paused', 'stopped']),
  createdAt: z.number(),
  generation: z.number().int().min(0),
  lastKey: z.string().optional(),
});

function read(json: string | null | undefined): Schedule | undefined {
  if (!json) return undefined;
  try {
    const parsed = scheduleSchema.safeParse(JSON.parse(json));
    return parsed.success ? (parsed.data as Schedule) : undefined;
  } catch {
    return undefined;
  }
}

export class ScheduleStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async create(input: NewSchedule): Promise<Schedule> {
    const no = await this.redis.incr(this.keys.scheduleSeq(input.tenant));
    const schedule: Schedule = { ...input, no, state: 'active', generation: 0 };
    await this.redis
      .multi()
      .hset(this.keys.schedules(input.tenant), String(no), JSON.stringify(schedule))
      .xadd(
        this.keys.audit(input.tenant),
        'MAXLEN',
        '~',
        AUDIT_MAXLEN,
        '*',
        ...auditFields({
          action: 'schedule.create',
          actor: input.creator.openId,
          at: input.createdAt,
          detail: `S${no} ${input.rule.text}`,
        }),
      )
      .exec();
    return schedule;
  }

  async get(tenant: string, no: number): Promise<Schedule | undefined> {
    return read(await this.redis.hget(this.keys.schedules(tenant), String(no)));
  }

  /** A chat's schedules that are not stopped, by number. */
  async ofChat(tenant: string, chatId: string): Promise<Schedule[]> {
    return (await this.active(tenant)).filter((s) => s.chatId === chatId);
  }

  /** Every schedule of the tenant that is not stopped, by number (a calendar change replans them). */
  async active(tenant: string): Promise<Schedule[]> {
    const all = Object.values(await this.redis.hgetall(this.keys.schedules(tenant)));
    return all
      .map(read)
      .filter((s): s is Schedule => s !== undefined && s.state !== 'stopped')
      .sort((a, b) => a.no - b.no);
  }

  /** Records that occurrence `key` is an item now (idempotent: a retry writes the same). */
  async markCreated(tenant: string, no: number, key: string): Promise<void> {
    const current = await this.get(tenant, no);
    if (!current || (current.lastKey !== undefined && current.lastKey >= key)) return;
    await this.redis.hset(
      this.keys.schedules(tenant),
      String(no),
      JSON.stringify({ ...current, lastKey: key }),
    );
  }

  async setState(tenant: string, no: number, state: ScheduleState, change: { actor: string; at: number }) {
    const current = await this.get(tenant, no);
    if (!current) return undefined;
    const resumed = state === 'active' && current.state !== 'active';
    const next: Schedule = { ...current, state, generation: current.generation + (resumed ? 1 : 0) };
    await this.redis
      .multi()
      .hset(this.keys.schedules(tenant), String(no), JSON.stringify(next))
      .xadd(
        this.keys.audit(tenant),
        'MAXLEN',
        '~',
        AUDIT_MAXLEN,
        '*',
        ...auditFields({ action: `schedule.${state}`, actor: change.actor, at: change.at, detail: `S${no}` }),
      )
      .exec();
    return next;
  }
}
