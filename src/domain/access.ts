/**
 * Who may do what with an item (DESIGN §7): the one model behind chat commands, card buttons,
 * lists, the 看板 and exports. Pure: callers gather the facts (the item, the person's roles in
 * the item's group, whether they are an organisation admin, where they act from) and ask here.
 *
 * Roles:
 * - on the item: its creator, its owners (负责人), its lead leader (牵头领导);
 * - in the item's group: the principal leader (主要负责人) and the group's admins — a group role
 *   counts only for items of that group, wherever its holder acts from;
 * - in the organisation: the admins of `LUOSHI_ADMINS`, who count everywhere.
 *
 * Rules:
 * - Reading an item is for the people in its chat, anyone with a role on it or in its group, and
 *   organisation admins; to anyone else it does not exist (they are told "没有找到", so numbers
 *   cannot be enumerated).
 * - Changing an item needs a role on it or in its group; `PERMISSIONS` says which, per action.
 * - Nobody decides their own request: an extension is decided by someone other than who asked,
 *   and a 整改 item is signed off by someone other than who reported it done.
 * - An item's words are shown only where everyone may read them: its own chat, or a private chat
 *   with the bot. A command about it typed in another group is refused (`mayAnswerIn`).
 */
import type { Item, Person } from './item.ts';

export type ItemRole = 'creator' | 'owner' | 'lead';
export type GroupRole = 'principal' | 'groupAdmin';
export type Role = ItemRole | GroupRole | 'orgAdmin';

export const ROLE_CN: Record<Role, string> = {
  creator: '创建人',
  owner: '负责人',
  lead: '牵头领导',
  principal: '主要负责人',
  groupAdmin: '群管理员',
  orgAdmin: '系统管理员',
};

/** A person as one item sees them. */
export interface Actor {
  person: Person;
  /** Their roles in the item's group (never another group's). */
  groupRoles: ReadonlySet<GroupRole>;
  /** An organisation admin (`LUOSHI_ADMINS`). */
  orgAdmin: boolean;
  /** They act from the item's own chat, so they are a member of it. */
  inItemChat: boolean;
}

/** What can be done to an item; each chat command and card button maps to one. */
export type ItemPermission =
  | 'read'
  | 'ack'
  | 'progress'
  | 'done'
  | 'extend'
  | 'cancel'
  | 'decideExtension'
  | 'signoff';

const everyRole: readonly Role[] = ['creator', 'owner', 'lead', 'principal', 'groupAdmin', 'orgAdmin'];
const leaders: readonly Role[] = ['lead', 'principal', 'groupAdmin', 'orgAdmin'];

/**
 * The roles that may change an item, per action. `read` is also open to anyone in the item's
 * chat (see `mayRead`). 取消 is not for an owner alone: work handed to someone is not theirs to
 * call off. 签收 is the owners' own word that they have it.
 */
export const PERMISSIONS: Record<Exclude<ItemPermission, 'read'>, readonly Role[]> = {
  ack: ['owner'],
  progress: everyRole,
  done: everyRole,
  extend: everyRole,
  cancel: ['creator', 'lead', 'principal', 'groupAdmin', 'orgAdmin'],
  decideExtension: leaders,
  signoff: leaders,
};

/** Every role the person holds for this item. */
export function rolesOn(item: Pick<Item, 'creator' | 'owners' | 'lead'>, actor: Actor): Set<Role> {
  const id = actor.person.openId;
  const roles = new Set<Role>(actor.groupRoles);
  if (actor.orgAdmin) roles.add('orgAdmin');
  if (!id) return roles;
  if (item.creator.openId === id) roles.add('creator');
  if (item.owners.some((o) => o.openId === id)) roles.add('owner');
  if (item.lead?.openId === id) roles.add('lead');
  return roles;
}

export function mayRead(item: Pick<Item, 'creator' | 'owners' | 'lead'>, actor: Actor): boolean {
  return actor.inItemChat || rolesOn(item, actor).size > 0;
}

/**
 * Whether a command about the item may be answered in the chat it was typed in. A reply shows
 * the item's words (title, progress, history) to everyone there: fine in its own chat and in a
 * private chat (the asker and the bot alone), not in another group, where some members may not
 * read it — work assigned privately, or another group's.
 */
export function mayAnswerIn(
  item: Pick<Item, 'chatId'>,
  chat: { chatId: string; privateChat: boolean },
): boolean {
  return chat.privateChat || chat.chatId === item.chatId;
}

/**
 * Whether `actor` holds a role that allows `permission` (self-decisions: `decidesOwnRequest`).
 * Work assigned in a private chat has no group and so no principal: whoever assigned it decides
 * its requests, as a lead leader would.
 */
export function may(
  permission: ItemPermission,
  item: Pick<Item, 'creator' | 'owners' | 'lead' | 'chatType'>,
  actor: Actor,
): boolean {
  if (permission === 'read') return mayRead(item, actor);
  const roles = rolesOn(item, actor);
  if (
    (permission === 'decideExtension' || permission === 'signoff') &&
    assignedPrivately(item) &&
    roles.has('creator')
  )
    return true;
  return PERMISSIONS[permission].some((r) => roles.has(r));
}

const assignedPrivately = (item: Pick<Item, 'chatType'>) => item.chatType === 'p2p';

/**
 * Who is asked to decide a request on this item: the lead leader, unless they are excluded (the
 * asker, or for 销号 an owner); then the group's principal leader, unless excluded too; else
 * the admins. Work assigned in a private chat has no principal: whoever assigned it decides
 * beside the lead leader (`may`), so both are asked — the request names them and both are told.
 */
export type Decider =
  | {
      kind: 'lead';
      person: Person;
      /** A private-chat item's 交办人, who may decide as well (not the lead leader, not excluded). */
      assigner?: Person;
    }
  /** Work assigned in a private chat: whoever assigned it. */
  | { kind: 'assigner'; person: Person }
  | { kind: 'principal'; person: Person }
  | { kind: 'admins' };

export function deciderFor(
  item: Pick<Item, 'lead' | 'creator' | 'chatType'>,
  excluded: readonly (string | undefined)[],
  principal?: Person,
): Decider {
  const assigner =
    assignedPrivately(item) && item.creator.openId && !excluded.includes(item.creator.openId)
      ? item.creator
      : undefined;
  if (item.lead && !excluded.includes(item.lead.openId))
    return assigner && assigner.openId !== item.lead.openId
      ? { kind: 'lead', person: item.lead, assigner }
      : { kind: 'lead', person: item.lead };
  if (assigner) return { kind: 'assigner', person: assigner };
  if (principal && !excluded.includes(principal.openId)) return { kind: 'principal', person: principal };
  return { kind: 'admins' };
}

/** The people a request is put to, each to be told of it (none named: the admins). */
export function deciderPeople(decider: Decider): Person[] {
  if (decider.kind === 'admins') return [];
  return decider.kind === 'lead' && decider.assigner ? [decider.person, decider.assigner] : [decider.person];
}

/**
 * Whom a request is put to, in words, each named by `name` (an @-mention, or a plain name, which
 * may be empty): `牵头领导 王主任`, `牵头领导 王主任 或交办人 刘局长`, `交办人 刘局长`, `管理员`.
 */
export function deciderWords(decider: Decider, name: (p: Person) => string): string {
  const one = (role: string, p: Person) => (name(p) ? `${role} ${name(p)}` : role);
  switch (decider.kind) {
    case 'lead':
      return decider.assigner
        ? `${one('牵头领导', decider.person)} 或${one('交办人', decider.assigner)}`
        : one('牵头领导', decider.person);
    case 'assigner':
      return one('交办人', decider.person);
    case 'principal':
      return one(ROLE_CN.principal, decider.person);
    case 'admins':
      return '管理员';
  }
}

/** Who else may decide, in words: a group's principal leader or the admins; for work assigned privately, the admins. */
export function othersWhoMayDecide(item: Pick<Item, 'chatType'>): string {
  return assignedPrivately(item) ? '管理员' : '主要负责人或管理员';
}

/** Who may not decide a request of this kind on this item: the asker, and for 销号 the owners. */
export function excludedDeciders(
  item: Pick<Item, 'owners' | 'extension' | 'reviewRequestedBy'>,
  permission: 'decideExtension' | 'signoff',
): string[] {
  return permission === 'decideExtension'
    ? [item.extension?.by.openId ?? '']
    : [item.reviewRequestedBy ?? '', ...item.owners.map((o) => o.openId)];
}

/** Nobody decides their own request: true when `actor` may not decide this one for that reason. */
export function decidesOwnRequest(
  item: Pick<Item, 'owners' | 'extension' | 'reviewRequestedBy'>,
  permission: 'decideExtension' | 'signoff',
  actor: Actor,
): boolean {
  return excludedDeciders(item, permission).includes(actor.person.openId);
}
