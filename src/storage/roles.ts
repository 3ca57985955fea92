/**
 * Who is an admin. The first admins come from `LUOSHI_ADMINS`; per-group roles stored in
 * Redis join them when settings arrive (`/设置 管理员 @x`).
 */
import type { Roles } from '../bot/deps.ts';

export class ConfiguredRoles implements Roles {
  private readonly admins: ReadonlySet<string>;
  constructor(admins: readonly string[]) {
    this.admins = new Set(admins);
  }
  async isAdmin(_tenant: string, _chatId: string, openId: string): Promise<boolean> {
    return this.admins.has(openId);
  }
}
