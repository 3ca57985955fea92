/**
 * When Redis is unreachable the playground still answers in Chinese — a page that says what to
 * check, and actions that say they did not happen — and never shows a stack trace.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.ts';
import { silentLogger } from '../../src/logger.ts';
import { PlaygroundChat } from '../../src/playground/chat.ts';
import { PlaygroundFiles } from '../../src/playground/files.ts';
import { PlaygroundLog } from '../../src/playground/log.ts';
import { PlaygroundMembers } from '../../src/playground/members.ts';
import { playgroundRoutes } from '../../src/playground/routes.tsx';
import { createKeys } from '../../src/storage/keys.ts';
import { createRedis } from '../../src/storage/redis.ts';

// Port 1 is never a Redis: every command fails at once (no offline queue).
const redis = createRedis('redis://127.0.0.1:1', 'command');
afterAll(() => redis.disconnect());

const keys = createKeys('test:pg-down');
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
});
const { app } = playgroundRoutes({
  redis,
  log,
  members,
  chat,
  now: () => Date.parse('2026-11-26T10:00:00+08:00'),
  timezone: 'Asia/Shanghai',
  botOpenId: 'ou_bot',
  logger: silentLogger,
});

describe('the playground without Redis', () => {
  it('shows a page saying what to check, with no trace', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain('演示场暂时打不开');
    expect(html).toContain('Redis');
    expect(html).not.toMatch(/at .*\.ts:\d+|Error:/);
  });

  it('answers an action with a Chinese sentence', async () => {
    const res = await app.request('/api/say', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ as: 'ou_pg_zhangsan', chatId: 'oc_playground_group', text: '/帮助' }),
    });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: '出了点问题，没有完成这一步。请稍后再试。' });
  });
});
