/**
 * A button pressed on the page becomes the `card.action.trigger` callback Lark would send, is
 * handed to the card handler (here a stand-in answering as Lark's docs describe, until the real
 * one is wired), and the handler's answer is shown as Lark shows it: its toast, and the card
 * replaced for everyone who sees the message — also after a reload.
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.ts';
import { silentLogger } from '../../src/logger.ts';
import { PlaygroundChat } from '../../src/playground/chat.ts';
import { PlaygroundDelivery } from '../../src/playground/delivery.ts';
import { PlaygroundFiles } from '../../src/playground/files.ts';
import { PlaygroundLog } from '../../src/playground/log.ts';
import { PlaygroundMembers } from '../../src/playground/members.ts';
import { playgroundRoutes } from '../../src/playground/routes.tsx';
import { PLAYGROUND_GROUP_CHAT } from '../../src/playground/world.ts';
import { createKeys } from '../../src/storage/keys.ts';
import type { LarkEnvelope } from '../../src/transport/envelope.ts';
import { deleteByPrefix, testRedisUrl, uniquePrefix } from '../support/redisPrefix.ts';

const prefix = uniquePrefix('pg-cards');
const keys = createKeys(prefix);
const redis = new Redis(testRedisUrl());
afterAll(async () => {
  await deleteByPrefix(redis, prefix);
  await redis.quit();
});

const card = (title: string, template: string) => ({
  schema: '2.0',
  header: { title: { tag: 'plain_text', content: title }, template },
  body: {
    elements: [
      {
        tag: 'button',
        text: { tag: 'plain_text', content: '完成' },
        behaviors: [{ type: 'callback', value: { action: 'done', no: 5, v: 2 } }],
      },
    ],
  },
});

const received: LarkEnvelope[] = [];
const log = new PlaygroundLog(redis, keys);
const members = new PlaygroundMembers(redis, keys);
const chat = new PlaygroundChat({
  log,
  members,
  files: new PlaygroundFiles(redis, keys),
  gate: { accept: async () => {} },
  clock: systemClock,
  botOpenId: 'ou_bot',
  logger: silentLogger,
  onCardAction: async (envelope) => {
    received.push(envelope);
    const operator = envelope.event?.operator?.open_id;
    if (operator !== 'ou_pg_zhangsan') return { toast: { type: 'error', content: '只有负责人可以办结' } };
    return {
      toast: { type: 'success', content: '#5 已办结' },
      card: { type: 'raw', data: card('#5 已办结', 'green') },
    };
  },
});
const { app } = playgroundRoutes({
  redis,
  log,
  members,
  chat,
  now: () => Date.now(),
  timezone: 'Asia/Shanghai',
  botOpenId: 'ou_bot',
  logger: silentLogger,
});

const press = (as: string, messageId: string, formValue?: Record<string, string>) =>
  app.request('/api/press', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as, messageId, value: { action: 'done', no: 5, v: 2 }, formValue }),
  });

describe('card buttons in the playground', () => {
  it('sends the callback Lark would, shows the toast, and replaces the card for everyone', async () => {
    const { messageId } = await new PlaygroundDelivery(redis, keys, () => Date.now()).deliver({
      tenant: 'playground',
      to: { chatId: PLAYGROUND_GROUP_CHAT },
      message: { type: 'card', card: card('#5 报送台账', 'yellow') },
      key: 'card-test',
      uuid: 'card-test-uuid',
    });

    const stranger = await press('ou_pg_lisi', messageId);
    expect(await stranger.json()).toMatchObject({ toast: { type: 'error', content: '只有负责人可以办结' } });
    expect(await (await app.request('/')).text()).toContain('#5 报送台账');

    const owner = await press('ou_pg_zhangsan', messageId, { result: '已报送' });
    expect(await owner.json()).toMatchObject({ toast: { type: 'success', content: '#5 已办结' } });
    expect(received.at(-1)?.event).toMatchObject({
      operator: { open_id: 'ou_pg_zhangsan' },
      action: { value: { action: 'done', no: 5, v: 2 }, form_value: { result: '已报送' } },
      context: { open_message_id: messageId, open_chat_id: PLAYGROUND_GROUP_CHAT },
    });

    const page = await (await app.request('/')).text();
    expect(page).toContain('#5 已办结');
    expect(page).toContain('t-green');
    expect(page).not.toContain('#5 报送台账');
  });
});
