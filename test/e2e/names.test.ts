/**
 * People are named everywhere (issue 9 §3), end to end with the fake Lark platform: a creator
 * who was never mentioned — an event carries only their open_id — is named from the contact API
 * in /查询 and its history; someone who only pressed a button is named in the history; a name
 * changed in the directory shows once the cache has aged, and at once when Lark sends
 * `contact.user.updated_v3`. And nothing the bot shows — replies, cards, reminders, digests,
 * the weekly report — carries a raw `ou_…` (a card's `<at id=…>` and a text's `<at user_id=…>`
 * are mentions the client draws as the person's name, so they are read without their tag).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FRESH_MS } from '../../src/storage/peopleDirectory.ts';
import { cardButtons } from '../support/cardText.ts';
import { ManualClock } from '../support/clock.ts';
import type { FakeMessage } from '../support/fakeLark.ts';
import { type Rig, startRig, textOf } from '../support/harness.ts';
import {
  cardActionEvent,
  FAKE_VERIFICATION_TOKEN,
  type MentionInput,
  messageEvent,
} from '../support/larkEvents.ts';
import { WANG, ZHANG, ZHAO } from '../support/people.ts';

const CHAT = 'oc_test_chat_names_0001';
/** Known to the contact directory, never mentioned in a message. */
const SUN = { openId: 'ou_names_sun_00000000000000000001', name: '孙科长' };
const ZHOU = { openId: 'ou_names_zhou_0000000000000000001', name: '周管理员' };
/** Outside the app's contact range: nobody can name them. */
const GHOST = 'ou_names_ghost_000000000000000001';
const ZHENG = { openId: 'ou_names_zheng_000000000000000001', name: '郑某' };
/** In the contact directory; mentioned without a name. */
const WU = { openId: 'ou_names_wu_0000000000000000000001', name: '吴科员' };

let rig: Rig;
// Thursday 26 November 2026, 10:00 in Beijing.
const clock = new ManualClock('2026-11-26T10:00:00+08:00');

beforeAll(async () => {
  rig = await startRig({
    clock,
    env: { LUOSHI_ADMINS: ZHOU.openId },
    prepare: (fake) => {
      fake.addUser(SUN);
      fake.addUser(ZHOU);
    },
  });
});
afterAll(async () => {
  await rig?.close();
});

const ask = (sender: string, text: string, mentions: { name: string; openId: string }[] = []) =>
  rig.ask(sender, text, mentions, { chatId: CHAT });
const answer = (sender: string, text: string, mentions: { name: string; openId: string }[] = []) =>
  rig.answer(sender, text, mentions, { chatId: CHAT });
const numberIn = (text: string) => Number(/#(\d+)/.exec(text)![1]);

/** Presses `label` on a card as someone Lark tells us only by open_id. */
async function press(
  message: FakeMessage,
  label: string,
  operator: string,
  formValue: Record<string, string>,
) {
  const value = cardButtons(message.content).get(label);
  if (!value) throw new Error(`no button ${label}`);
  const res = await rig.post(
    cardActionEvent({
      operatorOpenId: operator,
      value,
      messageId: message.messageId,
      chatId: CHAT,
      appId: rig.fake.appId,
      formValue,
    }),
  );
  return (await res.json()) as { toast: { type: string; content: string } };
}

/** What a person reads: mentions are drawn by the client as names, so their tags are not text. */
const readable = (text: string) => text.replace(/<at\b[^>]*>/g, '').replaceAll('</at>', '');

describe('who recorded an item and who acted on it', () => {
  let no: number;

  it('names a creator who was never mentioned, in /查询 and in its history', async () => {
    no = numberIn(await ask(SUN.openId, '/任务 核对花名册 @张三 3个工作日内 牵头 @王主任', [ZHANG, WANG]));
    const status = await ask(SUN.openId, `/查询 #${no}`);
    expect(status).toContain('登记人：孙科长');
    expect(status).toMatch(/· 2026-11-26 10:00 周四 孙科长 登记/);
    expect(status).not.toContain('未具名');
  });

  it('says who acted: the lead leader who cancels, the admin who only pressed a button', async () => {
    const card = await answer(SUN.openId, `/查询 #${no}`);
    expect((await press(card, '反馈进展', ZHOU.openId, { note: '已催各科室' })).toast.type).toBe('success');
    expect(await ask(WANG.openId, `/取消 #${no} 并入年度总结`)).toContain('已取消');
    const status = await ask(SUN.openId, `/查询 #${no}`);
    expect(status).toContain('周管理员 进展：已催各科室');
    expect(status).toContain('王主任 取消：并入年度总结');
    expect(status).not.toMatch(/ 成员 /);
  });

  it('shows a name changed in the contact directory once the cached one has aged', async () => {
    rig.fake.addUser({ ...SUN, name: '孙处长' });
    expect(await ask(ZHOU.openId, `/查询 #${no}`)).toContain('登记人：孙科长');
    clock.advance(FRESH_MS + 60_000);
    const status = await ask(ZHOU.openId, `/查询 #${no}`);
    expect(status).toContain('登记人：孙处长');
    expect(status).toContain('孙处长 登记');
  });

  it('shows it at once when Lark says the contact changed', async () => {
    const event = {
      schema: '2.0',
      header: {
        event_id: 'ev_names_contact_changed_0001',
        event_type: 'contact.user.updated_v3',
        create_time: String(clock.now()),
        token: FAKE_VERIFICATION_TOKEN,
        app_id: rig.fake.appId,
        tenant_key: rig.fake.tenantKey,
      },
      event: {
        object: { open_id: ZHOU.openId, name: '周主任', en_name: '' },
        old_object: { name: ZHOU.name },
      },
    };
    expect((await rig.post(event)).status).toBe(200);
    const key = rig.luoshi.keys.person(rig.fake.tenantKey, ZHOU.openId);
    // The event is queued like any other; wait until the worker has taken the new name in.
    await vi.waitFor(async () => expect(await rig.luoshi.redis.get(key)).toContain('周主任'), {
      timeout: 5000,
    });
    expect(await ask(SUN.openId, `/查询 #${no}`)).toContain('周主任 进展：已催各科室');
  });
});

describe('nothing shown carries an open_id', () => {
  // A rig of its own: its clock starts again on Thursday morning.
  const morning = new ManualClock('2026-11-26T10:00:00+08:00');
  let other: Rig;
  beforeAll(async () => {
    other = await startRig({
      clock: morning,
      env: { LUOSHI_ADMINS: ZHOU.openId },
      prepare: (f) => {
        f.addUser(ZHOU);
        f.addUser(WU);
      },
    });
  });
  afterAll(async () => {
    await other?.close();
  });
  const ask = (sender: string, text: string, mentions: { name: string; openId: string }[] = []) =>
    other.ask(sender, text, mentions, { chatId: CHAT });
  /** A message whose mentions of `nameless` carry no name. */
  async function askWithNamelessMentions(sender: string, text: string, mentions: MentionInput[]) {
    const event = messageEvent({
      text: `@${other.fake.botName} ${text}`,
      mentions: [{ name: other.fake.botName, openId: other.fake.botOpenId }, ...mentions],
      chatId: CHAT,
      senderOpenId: sender,
      token: FAKE_VERIFICATION_TOKEN,
      appId: other.fake.appId,
    });
    for (const m of event.event.message.mentions ?? []) {
      if (m.id.open_id === WU.openId || m.id.open_id === ZHENG.openId) m.name = '';
    }
    other.fake.seedMessage(event.event.message.message_id, CHAT);
    await other.post(event);
    const reply = await other.fake.waitFor(() => other.fake.repliesTo(event.event.message.message_id)[0]);
    return textOf(reply!.content);
  }

  it('holds for replies, cards, lists, settings, reminders, digests and the weekly report', async () => {
    // Someone Lark cannot name records an item; its owners came as mentions without a name
    // (Lark may send one so), one of them known to the contact directory, one not.
    const due = numberIn(
      await askWithNamelessMentions(GHOST, '/任务 报送周报 @吴科员 @郑某 今天 牵头 @王主任', [
        WU,
        ZHENG,
        WANG,
      ]),
    );
    const later = numberIn(await ask(GHOST, '/任务 整理档案 @张三 下周三', [ZHANG]));
    expect(await ask(GHOST, `/查询 #${due}`)).toContain('登记人：未具名成员');
    await ask(ZHANG.openId, `/延期 #${later} 下周五 材料未齐`);
    await ask(ZHAO.openId, '/设置 领导 @赵书记', [ZHAO]);
    await ask(ZHOU.openId, '/设置 领导 @赵书记', [ZHAO]);
    await ask(ZHOU.openId, '/设置 管理员 @张三', [ZHANG]);
    await ask(GHOST, '/设置');
    await ask(GHOST, '/列表');
    await ask(ZHANG.openId, '/我的');
    await ask(WANG.openId, `/批准 #${later}`);
    // The deadline's chase, Friday's digests (the group's and the lead leader's, into which his
    // deadline notices are folded), the overdue chase and the weekly report; each moment's
    // messages all sent before the clock moves on.
    const promote = async (iso: string) => {
      morning.set(iso);
      await other.luoshi.deps.scheduler.promoteDue(morning.now());
      await other.settle();
    };
    await promote('2026-11-26T18:00:00+08:00');
    await other.fake.waitFor(() =>
      other.fake.messagesTo(CHAT).some((m) => textOf(m.content).includes('到期催办')),
    );
    await promote('2026-11-27T09:00:00+08:00');
    await other.fake.waitFor(() =>
      other.fake.messagesTo(CHAT).some((m) => textOf(m.content).includes('每日督办简报')),
    );
    await other.fake.waitFor(() =>
      other.fake.messagesTo(WANG.openId).some((m) => textOf(m.content).includes('每日督办简报')),
    );
    await promote('2026-11-27T16:00:00+08:00');
    const weekly = await other.fake.waitFor(() =>
      other.fake.messagesTo(CHAT).find((m) => textOf(m.content).includes('本周工作周报')),
    );
    // Named from the directory, or the neutral word: the report used to print the open_ids.
    expect(textOf(weekly!.content)).toContain(`#${due} 报送周报 · 吴科员、未具名成员 · 截止`);

    const shown = [
      ...other.fake.messages.map((m) => textOf(m.content)),
      ...other.fake.patches.map((p) => textOf(p.content)),
    ].map(readable);
    expect(shown.length).toBeGreaterThan(15);
    expect(shown.filter((t) => t.includes('ou_'))).toEqual([]);
    // The names are there instead.
    const all = shown.join('\n');
    for (const name of ['张三', '王主任', '赵书记', '未具名成员']) expect(all).toContain(name);
  }, 60_000);
});
