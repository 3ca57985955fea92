/**
 * The playground's card buttons reach the same card-callback handler as Lark's: a card the bot
 * posts for /任务 is pressed on the page's API as the owner and as a stranger, and the answer
 * and the redrawn card land in the playground's log as Lark would show them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/playground/log.ts';
import { PLAYGROUND_GROUP_CHAT } from '../../src/playground/world.ts';
import { cardButtons, cardText } from '../support/cardText.ts';
import { type PlaygroundRig, startPlaygroundRig } from '../support/playground.ts';

let rig: PlaygroundRig;

beforeAll(async () => {
  rig = await startPlaygroundRig('2026-11-26T10:00:00+08:00');
});
afterAll(async () => {
  await rig?.close();
});

async function entries(): Promise<LogEntry[]> {
  return rig.luoshi.playground!.log.recent(200);
}

async function until<T>(find: (e: LogEntry[]) => T | undefined): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const found = find(await entries());
    if (found) return found;
    await new Promise((ok) => setTimeout(ok, 25));
  }
  throw new Error('the playground log never showed it');
}

describe('card buttons in the playground', () => {
  it('go through the card-callback handler: a stranger is refused, the owner acknowledges', async () => {
    const said = await rig.act('say', {
      as: 'ou_pg_wang_lead',
      chatId: PLAYGROUND_GROUP_CHAT,
      text: '/任务 核对报表 @张三 明天',
    });
    expect(said.status).toBe(200);
    const card = await until((e) =>
      e.find((x) => x.record.kind === 'bot' && x.record.message.type === 'card'),
    );
    const content =
      card.record.kind === 'bot' && card.record.message.type === 'card' ? card.record.message.card : {};
    expect(cardText(content)).toContain('已登记 #1 核对报表');
    const value = cardButtons(content).get('签收');

    const stranger = await rig.act('press', { as: 'ou_pg_lisi', messageId: card.messageId, value });
    expect(stranger.body.toast).toEqual({ type: 'error', content: '只有 #1 的负责人可以签收。' });

    const owner = await rig.act('press', { as: 'ou_pg_zhangsan', messageId: card.messageId, value });
    expect(owner.body.toast).toEqual({ type: 'success', content: '已签收 #1。' });
    const update = await until((e) =>
      e.find((x) => x.record.kind === 'update' && x.record.messageId === card.messageId),
    );
    expect(update.record.kind === 'update' && cardText(update.record.card)).toContain(
      '已签收 2026-11-26 10:00 周四',
    );
  });
});
