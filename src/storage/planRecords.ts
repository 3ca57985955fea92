/**
 * Reminder plan bookkeeping: for each open item, which reminder job is scheduled next. Only
 * the next fire time is materialised as a BullMQ job (one job costs about 1 KB of Redis, and a
 * whole plan is a dozen reminders); each job, when it fires, schedules the one after it. So
 * the record is one short string per item in a per-tenant HASH:
 *
 *   <planVersion>|<fireAt ms>|<kind>[+<kind>…]     e.g. `2|1764637200000|approach`
 *   <planVersion>||                                 nothing left to remind (a 待销号 item)
 *
 * The record is what a replan removes (the job it names) and what the start-up reconciliation
 * checks against the queue. Every write goes through one Lua script that also reads the item,
 * so a plan computed from an item that has since changed is never recorded over a newer one.
 */
import { REMINDER_KINDS, type ReminderGroup, type ReminderKind } from '../domain/reminderPlan.ts';
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis.ts';

export interface PlanRecord {
  planVersion: number;
  next?: ReminderGroup;
}

export function encodePlanRecord(r: PlanRecord): string {
  return r.next ? `${r.planVersion}|${r.next.fireAt}|${r.next.kinds.join('+')}` : `${r.planVersion}||`;
}

export function decodePlanRecord(s: string | null | undefined): PlanRecord | undefined {
  const m = s ? /^(\d+)\|(\d*)\|([a-z+]*)$/.exec(s) : null;
  if (!m) return undefined;
  const planVersion = Number(m[1]);
  if (!m[2]) return { planVersion };
  const kinds = m[3]!.split('+').filter((k): k is ReminderKind => REMINDER_KINDS.includes(k as ReminderKind));
  return { planVersion, next: { fireAt: Number(m[2]), kinds } };
}

/**
 * KEYS: 1 plans hash, 2 item key
 * ARGV: 1 item no  2 new record  3 plan version it was computed for  4 mode (`replace` | `advance`)
 *       5 (advance) the fire time of the job that is advancing the plan
 * Returns { status, previous record or '' }:
 * - `gone` / `closed`: the item is missing or closed; its record is deleted.
 * - `stale`: the item's plan version moved on; nothing written (the newer replan will write).
 * - `behind` (advance only): the plan already moved past that job (a retried job); nothing written.
 * - `ok`: written.
 */
const COMMIT_PLAN = `
local previous = redis.call('HGET', KEYS[1], ARGV[1]) or ''
local json = redis.call('GET', KEYS[2])
if not json then
  redis.call('HDEL', KEYS[1], ARGV[1])
  return { 'gone', previous }
end
-- cjson refuses an item holding a lone surrogate escape (written before text was normalised):
-- read the two fields by pattern then (a quote in user text is always escaped).
local ok, item = pcall(cjson.decode, json)
if not ok then
  item = { status = string.match(json, '"status":"(%a+)"'), planVersion = string.match(json, '"planVersion":(%d+)') }
end
if item.status == 'done' or item.status == 'cancelled' then
  redis.call('HDEL', KEYS[1], ARGV[1])
  return { 'closed', previous }
end
if tostring(item.planVersion) ~= ARGV[3] then return { 'stale', previous } end
if ARGV[4] == 'advance' and previous ~= '' and previous ~= ARGV[2] then
  local v, f = string.match(previous, '^(%d+)|(%d*)|')
  if v == ARGV[3] and f ~= '' and tonumber(f) > tonumber(ARGV[5]) then return { 'behind', previous } end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return { 'ok', previous }
`;

export type CommitStatus = 'ok' | 'stale' | 'behind' | 'closed' | 'gone';

export interface CommitResult {
  status: CommitStatus;
  previous: PlanRecord | undefined;
}

export type CommitMode = { mode: 'replace' } | { mode: 'advance'; firedAt: number };

export class PlanRecords {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async commit(tenant: string, no: number, record: PlanRecord, how: CommitMode): Promise<CommitResult> {
    const [status, previous] = (await this.redis.eval(
      COMMIT_PLAN,
      2,
      this.keys.plans(tenant),
      this.keys.item(tenant, no),
      no,
      encodePlanRecord(record),
      record.planVersion,
      how.mode,
      how.mode === 'advance' ? how.firedAt : 0,
    )) as [CommitStatus, string];
    return { status, previous: decodePlanRecord(previous) };
  }

  async getMany(tenant: string, nos: readonly number[]): Promise<Array<PlanRecord | undefined>> {
    if (nos.length === 0) return [];
    const raw = await this.redis.hmget(this.keys.plans(tenant), ...nos.map(String));
    return raw.map(decodePlanRecord);
  }
}
