/**
 * Whose items a statistic or an export covers, by who asks and where (README, "Who may do
 * what"), on the read rule of `src/domain/access.ts`:
 * - in a group: that group's items — everyone in it may read them;
 * - in a private chat: every item the person holds a role on (creator, owner, lead leader) or in
 *   whose group they hold one (principal leader, group admin) — for a leader, what he leads
 *   and the groups he is principal of;
 * - an organisation admin in a private chat: everything.
 */
import type { FigureRow } from '../../domain/figures.ts';
import type { Authority } from '../../storage/roles.ts';

export interface Asker {
  tenant: string;
  openId: string;
  chatId: string;
  chatType: string;
}

export interface Scope {
  /** How the card names it: `本群`, `我的范围`, `全部`. */
  label: string;
  rows: FigureRow[];
}

export async function scopeRows(
  authority: Authority,
  asker: Asker,
  rows: readonly FigureRow[],
): Promise<Scope> {
  if (asker.chatType !== 'p2p') return { label: '本群', rows: rows.filter((r) => r.chatId === asker.chatId) };
  if (authority.isOrgAdmin(asker.openId)) return { label: '全部', rows: [...rows] };
  const me = asker.openId;
  // One settings read per group the tenant has items in, not one per item, all at once.
  const chats = [...new Set(rows.map((r) => r.chatId))];
  const roles = await Promise.all(chats.map((chatId) => authority.groupRoles(asker.tenant, chatId, me)));
  const groupRole = new Map(chats.map((chatId, i) => [chatId, roles[i]!.size > 0]));
  return {
    label: '我的范围',
    rows: rows.filter(
      (r) => r.creator === me || r.lead === me || r.owners.includes(me) || groupRole.get(r.chatId) === true,
    ),
  };
}

/** The rows of one unit and one kind, when the request names them. */
export function narrowRows(
  rows: readonly FigureRow[],
  filter: { unit?: string; kind?: string },
): FigureRow[] {
  return rows.filter(
    (r) => (!filter.unit || r.unit === filter.unit) && (!filter.kind || r.kind === filter.kind),
  );
}
