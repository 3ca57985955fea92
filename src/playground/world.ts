/**
 * The playground's little world: one tenant, one work group, the bot, and five seeded people
 * covering every role the notice names (承办人, 牵头领导, 主要负责人, 管理员). Their open_ids
 * are fixed so that items, reminders and roles survive a restart and a rename.
 */

export const PLAYGROUND_TENANT = 'playground';
export const PLAYGROUND_GROUP_CHAT = 'oc_playground_group';
export const PLAYGROUND_GROUP_NAME = '县政府办工作群';
/** The name people @ in the group; Lark shows the app's name. */
export const PLAYGROUND_BOT_NAME = '落实';

export type PlaygroundRole = 'staff' | 'lead' | 'principal' | 'admin';

export const ROLE_CN: Record<PlaygroundRole, string> = {
  staff: '承办人',
  lead: '牵头领导',
  principal: '主要负责人',
  admin: '管理员',
};

export interface PlaygroundMember {
  openId: string;
  name: string;
  role: PlaygroundRole;
}

/** Made an admin in playground mode (added to the configured admins by the composition root). */
export const PLAYGROUND_ADMIN_OPEN_ID = 'ou_pg_zhao_admin';

export const SEED_MEMBERS: readonly PlaygroundMember[] = [
  { openId: 'ou_pg_zhangsan', name: '张三', role: 'staff' },
  { openId: 'ou_pg_lisi', name: '李四', role: 'staff' },
  { openId: 'ou_pg_wang_lead', name: '王主任', role: 'lead' },
  { openId: 'ou_pg_liu_principal', name: '刘局长', role: 'principal' },
  { openId: PLAYGROUND_ADMIN_OPEN_ID, name: '赵管理员', role: 'admin' },
];

const DM_PREFIX = 'oc_pg_dm_';

/** Each person's one-to-one chat with the bot (Lark gives every p2p chat its own chat_id). */
export function dmChatId(openId: string): string {
  return `${DM_PREFIX}${openId}`;
}

/** The person whose DM this chat is, or undefined for the group (or any other chat). */
export function dmOwnerOf(chatId: string): string | undefined {
  return chatId.startsWith(DM_PREFIX) ? chatId.slice(DM_PREFIX.length) : undefined;
}
