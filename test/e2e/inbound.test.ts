/**
 * Input that must never break or be dropped (issue 9 §5), through the signed webhook: events as
 * real apps receive them (`null` where an id is optional, rich-text `post` messages), events we
 * cannot use (answered in their chat, not dropped), a message far over the limit (refused before
 * anything parses it), text with a lone surrogate (stored well-formed, so the item can still be
 * closed), replayed card callbacks (single-use), and typed markup that must not mention anyone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.ts';
import { CHAT, type Rig, startRig, textOf } from '../support/harness.ts';
import {
  cardActionEvent,
  FAKE_TENANT_KEY,
  FAKE_VERIFICATION_TOKEN,
  messageEvent,
} from '../support/larkEvents.ts';
import { ADMIN, CREATOR, WANG, ZHANG } from '../support/people.ts';

let rig: Rig;
// Thursday 26 November 2026, 10:00 in Beijing.
const clock = new ManualClock('2026-11-26T10:00:00+08:00');

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_ADMINS: ADMIN } });
});
afterAll(async () => {
  await rig?.close();
});

/** A text message event from `sender` @-ing the bot, to be changed before it is posted. */
function eventOf(sender: string, text: string, mentions = [ZHANG, WANG]) {
  return messageEvent({
    text: `@${rig.fake.botName} ${text}`,
    mentions: [{ name: rig.fake.botName, openId: rig.fake.botOpenId }, ...mentions],
    chatId: CHAT,
    senderOpenId: sender,
    token: FAKE_VERIFICATION_TOKEN,
    appId: rig.fake.appId,
  });
}

/** Posts an event and returns the text of the bot's reply to its message. */
async function replyTo(event: ReturnType<typeof eventOf>): Promise<string> {
  const messageId = event.event.message.message_id;
  rig.fake.seedMessage(messageId, CHAT);
  const response = await rig.post(event);
  expect(response.status).toBe(200);
  const reply = await rig.fake.waitFor(() => rig.fake.repliesTo(messageId)[0]);
  return textOf(reply!.content);
}

const noOf = (text: string) => Number(/#(\d+)/.exec(text)![1]);

describe('events as real apps receive them', () => {
  it('reads null optional ids (an app without the user-ID scope) like absent ones', async () => {
    const event = eventOf(CREATOR, '/任务 核对统计报表 @张三 明天 牵头 @王主任');
    const raw = event as unknown as {
      event: { sender: { sender_id: Record<string, unknown> }; message: Record<string, unknown> };
    };
    raw.event.sender.sender_id.user_id = null;
    raw.event.sender.sender_id.union_id = null;
    for (const m of raw.event.message.mentions as Array<{
      id: Record<string, unknown>;
      tenant_key: unknown;
    }>) {
      m.id.user_id = null;
      m.tenant_key = null;
    }
    raw.event.message.root_id = null;
    const reply = await replyTo(event);
    expect(reply).toContain('已登记');
    expect(reply).toContain('核对统计报表');
  });

  it('reads a rich-text (post) message as its plain text, mentions included', async () => {
    const event = eventOf(CREATOR, '/任务 placeholder @张三 @王主任');
    const [bot, zhang, wang] = event.event.message.mentions!;
    Object.assign(event.event.message, {
      message_type: 'post',
      content: JSON.stringify({
        title: '',
        content: [
          [
            { tag: 'at', user_id: bot!.key, user_name: rig.fake.botName },
            { tag: 'text', text: ' /任务 整理', style: ['bold'] },
            { tag: 'text', text: '节日值班表 ' },
            { tag: 'at', user_id: zhang!.key, user_name: '张三' },
            { tag: 'text', text: ' 明天' },
          ],
          [
            { tag: 'text', text: '牵头 ' },
            { tag: 'at', user_id: wang!.key, user_name: '王主任' },
          ],
        ],
      }),
    });
    const reply = await replyTo(event);
    expect(reply).toContain('整理节日值班表');
    const item = await rig.luoshi.deps.items.get(FAKE_TENANT_KEY, noOf(reply));
    expect(item).toMatchObject({ owners: [{ openId: ZHANG.openId }], lead: { openId: WANG.openId } });
  });

  it('answers, in its chat, a message it cannot use instead of dropping it', async () => {
    const noSender = eventOf(CREATOR, '/列表', []);
    (noSender.event.sender.sender_id as unknown as Record<string, unknown>).open_id = null;
    expect(await replyTo(noSender)).toContain('无法识别发送人');

    const garbled = eventOf(CREATOR, '/列表', []);
    Object.assign(garbled.event.message, { message_type: 'post', content: '{"not":"a post"' });
    expect(await replyTo(garbled)).toContain('这条消息的内容我读不懂');
    // …and counts each, for the operator (GET /metrics).
    const metrics = await (await fetch(`${rig.luoshi.url}/metrics`)).text();
    expect(metrics).toContain('luoshi_unusable_events_total{reason="no-sender"} 1');
    expect(metrics).toContain('luoshi_unusable_events_total{reason="unreadable-content"} 1');

    const image = eventOf(CREATOR, '/列表', []);
    Object.assign(image.event.message, { message_type: 'image', content: '{"image_key":"img_x"}' });
    expect(await replyTo(image)).toContain('我只看得懂文字命令');
  });
});

describe('limits before parsing', () => {
  it('refuses a 100k-character message about as fast as it answers a short command', async () => {
    const shortStarted = Date.now();
    await replyTo(eventOf(CREATOR, '/任务 报送月报 @张三 3个工作日内', [ZHANG]));
    const shortMs = Date.now() - shortStarted;

    const longStarted = Date.now();
    const refusal = await replyTo(
      eventOf(CREATOR, `/任务 ${'很长的标题'.repeat(20_000)} @张三 3个工作日内`, [ZHANG]),
    );
    const longMs = Date.now() - longStarted;
    expect(refusal).toContain('消息太长了（最多 3000 字）');
    // Before the limit, a 40k-character title kept the process busy for 53 s.
    expect(longMs).toBeLessThan(shortMs * 10 + 1000);
  });
});

describe('text normalised on entry', () => {
  it('stores a title with a lone surrogate well-formed, so the item can still be closed', async () => {
    const card = await replyTo(eventOf(CREATOR, '/任务 孤立代理\ud800项 @张三 3个工作日内', [ZHANG]));
    const no = noOf(card);
    const item = await rig.luoshi.deps.items.get(FAKE_TENANT_KEY, no);
    expect(item!.title).toBe('孤立代理\ufffd项');
    expect(await replyTo(eventOf(ZHANG.openId, `/完成 #${no} 已办结`, []))).toContain('已办结');
  });

  it('can still change and close an item stored before text was normalised', async () => {
    const card = await replyTo(eventOf(CREATOR, '/任务 旧数据事项 @张三 3个工作日内', [ZHANG]));
    const no = noOf(card);
    // Written the way wave 1 wrote it: JSON.stringify keeps the lone surrogate as an escape.
    const key = rig.luoshi.keys.item(FAKE_TENANT_KEY, no);
    const stored = JSON.parse((await rig.luoshi.redis.get(key))!);
    await rig.luoshi.redis.set(key, JSON.stringify({ ...stored, title: '旧数据\ud800事项' }));
    const report = await rig.luoshi.deps.scheduler.reconcile();
    expect(report.failed).toBe(0);
    expect(await replyTo(eventOf(ZHANG.openId, `/完成 #${no} 已办结`, []))).toContain('已办结');
  });
});

describe('card callbacks are single-use', () => {
  it('changes nothing when the same signed callback, or the same card token, comes again', async () => {
    const card = await replyTo(eventOf(CREATOR, '/任务 起草通知 @张三 3个工作日内', [ZHANG]));
    const no = noOf(card);
    const item = (await rig.luoshi.deps.items.get(FAKE_TENANT_KEY, no))!;
    const press = (eventId: string, cardToken: string, note: string) =>
      cardActionEvent({
        operatorOpenId: ZHANG.openId,
        value: { action: 'progress', no, v: item.planVersion, view: 'item' },
        messageId: 'om_card_replay',
        chatId: CHAT,
        appId: rig.fake.appId,
        eventId,
        cardToken,
        formValue: { note },
      });
    const first = press('ev_replay_1', 'c-token-replay-1', '第一次');
    expect((await (await rig.post(first)).json()).toast.type).toBe('success');
    const again = await (await rig.post(first)).json();
    expect(again.toast.content).toBe('这个操作已经处理过了。');
    const sameToken = await (await rig.post(press('ev_replay_2', 'c-token-replay-1', '第二次'))).json();
    expect(sameToken.toast.content).toBe('这个操作已经处理过了。');
    expect((await rig.luoshi.deps.items.get(FAKE_TENANT_KEY, no))!.progressCount).toBe(1);
  });
});

describe('typed markup never mentions anyone', () => {
  it('escapes it in a refusal that quotes what was typed', async () => {
    const reply = await replyTo(eventOf(ADMIN, '/日历 放假 <at user_id="all"></at>', []));
    expect(reply).toContain('看不懂这些日期');
    expect(reply).not.toContain('<at user_id="all">');
  });
});
