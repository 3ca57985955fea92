/**
 * A plan read by `/计划 导入`, waiting a day for 确认 under the pasting message's id. Taking it
 * removes it (GETDEL), so a second 确认 — or a 确认 after 取消 — finds nothing.
 *
 * A `/计划 导入` with no lines waits instead for its sender's spreadsheet: what the command said
 * (year, unit, lead, the chat the plan is for) is kept for half an hour under the sender, and
 * their next `.xlsx` — in that chat or in a private chat with the bot, since a file in a group
 * cannot @ the bot — is read as the plan. It is let go only once a preview is held, so a file
 * that could not be read can be fixed and sent again.
 */
import type { ChatType, NewItem, Person } from '../domain/item.ts';
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis.ts';

const PENDING_SECONDS = 24 * 3600;
export const FILE_WAIT_MINUTES = 30;

export interface PendingPlan {
  year: number;
  unit: string;
  /** Who pasted it: they, or an organisation admin, may apply it. */
  by: string;
  chatId: string;
  items: Array<Omit<NewItem, 'tenant'> & { explanation: string }>;
}

/** What `/计划 导入` said before the file came. */
export interface WantedPlanFile {
  year: number;
  unit: string;
  lead?: Person;
  chatId: string;
  chatType: ChatType;
}

export class PendingPlans {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async hold(tenant: string, messageId: string, plan: PendingPlan): Promise<void> {
    await this.redis.set(
      this.keys.pendingPlan(tenant, messageId),
      JSON.stringify(plan),
      'EX',
      PENDING_SECONDS,
    );
  }

  async peek(tenant: string, messageId: string): Promise<PendingPlan | undefined> {
    const json = await this.redis.get(this.keys.pendingPlan(tenant, messageId));
    return json ? (JSON.parse(json) as PendingPlan) : undefined;
  }

  async take(tenant: string, messageId: string): Promise<PendingPlan | undefined> {
    const json = await this.redis.getdel(this.keys.pendingPlan(tenant, messageId));
    return json ? (JSON.parse(json) as PendingPlan) : undefined;
  }

  async wantFile(tenant: string, openId: string, wanted: WantedPlanFile): Promise<void> {
    await this.redis.set(
      this.keys.planFileWanted(tenant, openId),
      JSON.stringify(wanted),
      'EX',
      FILE_WAIT_MINUTES * 60,
    );
  }

  async wantedFile(tenant: string, openId: string): Promise<WantedPlanFile | undefined> {
    const json = await this.redis.get(this.keys.planFileWanted(tenant, openId));
    return json ? (JSON.parse(json) as WantedPlanFile) : undefined;
  }

  async fileArrived(tenant: string, openId: string): Promise<void> {
    await this.redis.del(this.keys.planFileWanted(tenant, openId));
  }
}
