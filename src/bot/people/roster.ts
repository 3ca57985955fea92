/**
 * Who is in a chat, by name: a spreadsheet cannot @ anyone, so the 负责人 of an imported plan is
 * a name, matched here against the people of the chat the plan is for. A name two members share
 * is not guessed at; the caller says so and the sender writes the open_id instead.
 */
import type { Person } from '../../domain/item.ts';

export interface ChatRoster {
  /** The chat's members (people, not bots). Throws when the platform cannot say. */
  membersOf(tenant: string, chatId: string): Promise<Person[]>;
}

export type NameMatch = { ok: true; person: Person } | { ok: false; reason: 'unknown' | 'ambiguous' };

/** `written` is a name as typed (spaces and a leading @ ignored), or an open_id. */
export function matchMember(members: readonly Person[], written: string): NameMatch {
  const name = written.replace(/^[@＠]/u, '').replace(/\s/gu, '');
  const byId = members.find((m) => m.openId === name);
  if (byId) return { ok: true, person: byId };
  const found = members.filter((m) => m.name.replace(/\s/gu, '') === name);
  if (found.length === 1) return { ok: true, person: found[0]! };
  return { ok: false, reason: found.length === 0 ? 'unknown' : 'ambiguous' };
}
