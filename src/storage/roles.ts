/**
 * Who is an admin: the deployment's first admins (`LUOSHI_ADMINS`, admins of every group)
 * together with the admins a group appointed (`/设置 管理员 @x`, stored in its settings).
 */
import type { Roles } from '../bot/deps.ts';
import type { SettingsSource } from './settingsStore.ts';

export class ConfiguredRoles implements Roles {
  private readonly admins: ReadonlySet<string>;
  constructor(
    admins: readonly string[],
    /** Without it, only `LUOSHI_ADMINS` count. */
    private readonly settings?: SettingsSource,
  ) {
    this.admins = new Set(admins);
  }

  /** An admin through `LUOSHI_ADMINS`: of every group, and not removable from chat. */
  isDeploymentAdmin(openId: string): boolean {
    return this.admins.has(openId);
  }

  async isAdmin(tenant: string, chatId: string, openId: string): Promise<boolean> {
    if (this.admins.has(openId)) return true;
    if (!this.settings || !openId) return false;
    const group = await this.settings.get(tenant, chatId);
    return group.admins.some((a) => a.openId === openId);
  }
}
