/**
 * A plan read by `/计划 导入`, waiting a day for 确认 under the pasting message's id. Taking it
 * removes it (GETDEL), so a second 确认 — or a 确认 after 取消 — finds nothing.
 */
import type { NewItem } from '../domain/item.ts';
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis.ts';

const PENDING_SECONDS = 24 * 3600;

export interface PendingPlan {
  year: number;
  unit: string;
  /** Who pasted it: they, or an organisation admin, may apply it. */
  by: string;
  chatId: string;
  items: Array<Omit<NewItem, 'tenant'> & { explanation: string }>;
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
}
