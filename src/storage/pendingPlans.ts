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
import { HeldJson } from './heldJson.ts';
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
  private readonly plans: HeldJson<PendingPlan>;
  private readonly wanted: HeldJson<WantedPlanFile>;

  constructor(
    redis: RedisClient,
    private readonly keys: Keys,
  ) {
    this.plans = new HeldJson(redis);
    this.wanted = new HeldJson(redis);
  }

  hold(tenant: string, messageId: string, plan: PendingPlan): Promise<void> {
    return this.plans.hold(this.keys.pendingPlan(tenant, messageId), plan, PENDING_SECONDS);
  }

  peek(tenant: string, messageId: string): Promise<PendingPlan | undefined> {
    return this.plans.peek(this.keys.pendingPlan(tenant, messageId));
  }

  take(tenant: string, messageId: string): Promise<PendingPlan | undefined> {
    return this.plans.take(this.keys.pendingPlan(tenant, messageId));
  }

  wantFile(tenant: string, openId: string, wanted: WantedPlanFile): Promise<void> {
    return this.wanted.hold(this.keys.planFileWanted(tenant, openId), wanted, FILE_WAIT_MINUTES * 60);
  }

  wantedFile(tenant: string, openId: string): Promise<WantedPlanFile | undefined> {
    return this.wanted.peek(this.keys.planFileWanted(tenant, openId));
  }

  fileArrived(tenant: string, openId: string): Promise<void> {
    return this.wanted.drop(this.keys.planFileWanted(tenant, openId));
  }
}
