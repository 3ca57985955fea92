/**
 * The per-tenant audit stream (`keys.audit`): one entry per change to an item or to a group's
 * settings, so "who changed what, when" (DESIGN §7, notice 十四) can always be answered.
 * Item writes append inside their own Lua scripts (atomic with the write); this module holds
 * what every writer shares: the retention, the field layout, and a plain append for writers
 * that have no script of their own.
 */
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis.ts';

/** The actor of what the bot does by itself (an escalation), in the audit stream. */
export const BOT_ACTOR = 'luoshi';

/** Retention of the per-tenant audit stream (approximate, trimmed by Redis). */
export const AUDIT_MAXLEN = 1_000_000;

export interface AuditRecord {
  action: string;
  actor: string;
  at: number;
  detail?: string;
  /** The item the change is about. */
  no?: number;
  /** The group the change is about (settings). */
  chatId?: string;
}

/** `XADD` field/value pairs of a record; items keep their historical `no` field first. */
export function auditFields(record: AuditRecord): string[] {
  const fields: string[] = [];
  if (record.no !== undefined) fields.push('no', String(record.no));
  if (record.chatId !== undefined) fields.push('chat', record.chatId);
  fields.push('action', record.action, 'actor', record.actor, 'at', String(record.at));
  fields.push('detail', record.detail ?? '');
  return fields;
}

export async function appendAudit(
  redis: RedisClient,
  keys: Keys,
  tenant: string,
  record: AuditRecord,
): Promise<string> {
  const id = await redis.xadd(keys.audit(tenant), 'MAXLEN', '~', AUDIT_MAXLEN, '*', ...auditFields(record));
  return id ?? '';
}
