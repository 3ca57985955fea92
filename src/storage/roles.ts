/**
 * Where roles come from (the rules are `src/domain/access.ts`'s): organisation admins from
 * `LUOSHI_ADMINS`, and a group's principal leader and admins from that group's settings
 * (`/设置 领导 @x`, `/设置 管理员 @x`). Item roles (creator, owners, lead) are on the item.
 */
import type { Actor, GroupRole } from '../domain/access.ts';
import type { Item, Person } from '../domain/item.ts';
import type { SettingsSource } from './settingsStore.ts';

export class Authority {
  private readonly orgAdmins: ReadonlySet<string>;
  constructor(
    orgAdmins: readonly string[],
    /** Without it, nobody holds a group role. */
    private readonly settings?: SettingsSource,
  ) {
    this.orgAdmins = new Set(orgAdmins);
  }

  /** An admin of the whole organisation (`LUOSHI_ADMINS`): not removable from chat. */
  isOrgAdmin(openId: string): boolean {
    return openId !== '' && this.orgAdmins.has(openId);
  }

  /** Every organisation admin's open_id (to tell them of a request only they can decide). */
  orgAdminIds(): string[] {
    return [...this.orgAdmins];
  }

  /** The roles `openId` holds in group `chatId`; they count for that group's items only. */
  async groupRoles(tenant: string, chatId: string, openId: string): Promise<Set<GroupRole>> {
    const roles = new Set<GroupRole>();
    if (!this.settings || !openId) return roles;
    const group = await this.settings.get(tenant, chatId);
    if (group.principal?.openId === openId) roles.add('principal');
    if (group.admins.some((a) => a.openId === openId)) roles.add('groupAdmin');
    return roles;
  }

  /** May change group `chatId`'s settings: its own admins and organisation admins. */
  async mayConfigureGroup(tenant: string, chatId: string, openId: string): Promise<boolean> {
    return this.isOrgAdmin(openId) || (await this.groupRoles(tenant, chatId, openId)).has('groupAdmin');
  }

  /** `person`, acting from `fromChat`, as item `item` sees them. */
  async actorOn(item: Pick<Item, 'tenant' | 'chatId'>, person: Person, fromChat: string): Promise<Actor> {
    return {
      person,
      groupRoles: await this.groupRoles(item.tenant, item.chatId, person.openId),
      orgAdmin: this.isOrgAdmin(person.openId),
      inItemChat: fromChat !== '' && fromChat === item.chatId,
    };
  }
}
