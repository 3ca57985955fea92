/**
 * The authorization matrix of the README ("Who may do what"), table-driven through the real
 * path: every chat command and every card button, for every role, from the item's chat, from a
 * private chat with the bot, and (commands) from another group, signed and posted to the webhook
 * like Lark's. Each case gets its own item,
 * so cases do not depend on each other; the verdict is read from what the person is told and
 * from whether the stored item changed.
 *
 * The table below is written out by hand from the README, not derived from the code's own
 * permission table, so that a change to either shows up here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item, NewItem } from '../../src/domain/item.ts';
import { ManualClock } from '../support/clock.ts';
import { type Rig, startRig, textOf } from '../support/harness.ts';
import { cardActionEvent, FAKE_TENANT_KEY, type MentionInput } from '../support/larkEvents.ts';
import { ADMIN, CREATOR, LI, WANG, ZHANG, ZHAO } from '../support/people.ts';

/**
 * Each case has its own pair of groups: Lark lets 5 messages a second into one group, so a few
 * hundred answers in one group would queue behind each other for a minute.
 */
const itemChat = (k: number) => `oc_auth_item_${k}`;
const otherChat = (k: number) => `oc_auth_other_${k}`;
const privateChat = (k: number) => `oc_auth_p2p_${k}`;
/** The group of the trial's examples: configured like the cases' item chats. */
const exampleChat = () => itemChat(CASES.length);
const GROUP_ADMIN = 'ou_group_admin_00000000000000000001';
const MEMBER = 'ou_member_0000000000000000000000001';
const OTHER_GROUP_ADMIN = 'ou_other_group_admin_000000000000001';

const PEOPLE = {
  creator: CREATOR,
  owner: ZHANG.openId,
  lead: WANG.openId,
  principal: ZHAO.openId,
  groupAdmin: GROUP_ADMIN,
  orgAdmin: ADMIN,
  member: MEMBER,
  otherGroupAdmin: OTHER_GROUP_ADMIN,
} as const;
type Who = keyof typeof PEOPLE;
const WHO = Object.keys(PEOPLE) as Who[];

/**
 * ok: done as asked; no: refused with a reason; hidden: told the item does not exist;
 * elsewhere: told to act in the item's group or a private chat (another group may not see it).
 */
type Verdict = 'ok' | 'no' | 'hidden' | 'elsewhere';
type Place = 'item chat' | 'private chat' | 'other group';

/** In the item's chat. Columns: creator owner lead principal groupAdmin orgAdmin member otherGroupAdmin. */
const IN_ITEM_CHAT: Record<string, string> = {
  read: 'ok ok ok ok ok ok ok ok',
  ack: 'no ok no no no no no no',
  progress: 'ok ok ok ok ok ok no no',
  done: 'ok ok ok ok ok ok no no',
  extend: 'ok ok ok ok ok ok no no',
  // The owner asked for the extension, so the owner may not decide it.
  approve: 'no no ok ok ok ok no no',
  reject: 'no no ok ok ok ok no no',
  cancel: 'ok no ok ok ok ok no no',
  // The owner reported the 整改 done, so the owner may not sign it off.
  signoff: 'no no ok ok ok ok no no',
  return: 'no no ok ok ok ok no no',
};

/**
 * From a private chat, roles count as they do in the item's chat; nobody else may even read.
 * In another group, whoever may read the item is sent elsewhere: a reply there would show it to
 * that group's members.
 */
function expected(action: string, who: Who, place: Place): Verdict {
  const row = IN_ITEM_CHAT[action]!.split(' ') as Verdict[];
  const verdict = row[WHO.indexOf(who)]!;
  if (place !== 'item chat' && (who === 'member' || who === 'otherGroupAdmin')) return 'hidden';
  if (place === 'other group') return 'elsewhere';
  return verdict;
}

interface Case {
  /** How the action is taken: a chat command, or a card button. */
  via: 'command' | 'button';
  action: keyof typeof IN_ITEM_CHAT;
  /** What the item must look like before. */
  setup: 'open' | 'extension' | 'review';
  command?: (no: number) => string;
  button?: { action: string; form?: Record<string, string> };
}

const CASES: Case[] = [
  { via: 'command', action: 'read', setup: 'open', command: (n) => `/查询 #${n}` },
  { via: 'command', action: 'ack', setup: 'open', command: (n) => `/签收 #${n}` },
  { via: 'command', action: 'progress', setup: 'open', command: (n) => `/进展 #${n} 初稿已完成` },
  { via: 'command', action: 'done', setup: 'open', command: (n) => `/完成 #${n} 已报送` },
  { via: 'command', action: 'extend', setup: 'open', command: (n) => `/延期 #${n} 下周五 材料未齐` },
  { via: 'command', action: 'approve', setup: 'extension', command: (n) => `/批准 #${n}` },
  { via: 'command', action: 'reject', setup: 'extension', command: (n) => `/驳回 #${n} 不能推迟` },
  { via: 'command', action: 'cancel', setup: 'open', command: (n) => `/取消 #${n} 不再推进` },
  { via: 'command', action: 'signoff', setup: 'review', command: (n) => `/销号 #${n} 整改到位` },
  { via: 'command', action: 'return', setup: 'review', command: (n) => `/退回 #${n} 台账未建立` },
  { via: 'button', action: 'read', setup: 'open', button: { action: 'open' } },
  { via: 'button', action: 'ack', setup: 'open', button: { action: 'ack' } },
  {
    via: 'button',
    action: 'progress',
    setup: 'open',
    button: { action: 'progress', form: { note: '初稿' } },
  },
  { via: 'button', action: 'done', setup: 'open', button: { action: 'done', form: { note: '已报送' } } },
  {
    via: 'button',
    action: 'extend',
    setup: 'open',
    button: { action: 'extend', form: { due: '下周五', reason: '材料未齐' } },
  },
  { via: 'button', action: 'approve', setup: 'extension', button: { action: 'approve' } },
  {
    via: 'button',
    action: 'reject',
    setup: 'extension',
    button: { action: 'reject', form: { reason: '不行' } },
  },
];

let rig: Rig;
// Thursday 26 November 2026, 10:00 in Beijing.
const clock = new ManualClock('2026-11-26T10:00:00+08:00');
const DUE = Date.parse('2026-12-01T18:00:00+08:00');

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_ADMINS: ADMIN } });
  const { settings } = rig.luoshi.deps;
  const meta = { actor: ADMIN, action: 'setup', at: clock.now() };
  for (let k = 0; k <= CASES.length; k++) {
    await settings.update(
      FAKE_TENANT_KEY,
      itemChat(k),
      (s) => ({ ...s, principal: ZHAO, admins: [{ openId: GROUP_ADMIN, name: '群管理员' }] }),
      meta,
    );
    await settings.update(
      FAKE_TENANT_KEY,
      otherChat(k),
      (s) => ({ ...s, admins: [{ openId: OTHER_GROUP_ADMIN, name: '别群管理员' }] }),
      meta,
    );
  }
});
afterAll(async () => {
  await rig?.close();
});

/** An item of the item's chat in the state a case needs, written straight to the store. */
async function itemFor(setup: Case['setup'], title: string, chatId: string): Promise<Item> {
  const { items } = rig.luoshi.deps;
  const input: NewItem = {
    tenant: FAKE_TENANT_KEY,
    kind: setup === 'review' ? 'rectification' : 'task',
    chatId,
    title,
    owners: [ZHANG],
    creator: { openId: CREATOR, name: '' },
    lead: WANG,
    due: DUE,
    allDay: true,
  };
  const { item } = await items.create(input, { actor: CREATOR, action: 'create', at: clock.now() });
  if (setup === 'open') return item;
  const meta = { actor: ZHANG.openId, action: 'setup', at: clock.now() };
  const changed = await items.update(
    FAKE_TENANT_KEY,
    item.no,
    (i) =>
      setup === 'extension'
        ? {
            ...i,
            extension: {
              due: DUE + 3 * 86_400_000,
              allDay: true,
              reason: '材料未齐',
              by: ZHANG,
              at: clock.now(),
            },
          }
        : {
            ...i,
            status: 'review',
            result: '已清理',
            reviewRequestedAt: clock.now(),
            reviewRequestedBy: ZHANG.openId,
          },
    meta,
  );
  return changed!.after;
}

/** Takes the action; returns what the person was told. */
async function act(c: Case, item: Item, who: Who, chatId: string, place: Place): Promise<string> {
  const operator = PEOPLE[who];
  if (c.via === 'command') {
    const chatType = place === 'private chat' ? 'p2p' : 'group';
    const reply = await rig.answer(operator, c.command!(item.no), [], { chatId, chatType });
    return textOf(reply.content);
  }
  const value = {
    action: c.button!.action,
    no: item.no,
    v: item.planVersion,
    view: c.setup === 'extension' ? 'ext' : 'item',
    ...(item.extension ? { req: item.extension.at } : {}),
  };
  const response = await rig.post(
    cardActionEvent({
      operatorOpenId: operator,
      value,
      messageId: `om_card_${item.no}`,
      chatId,
      appId: rig.fake.appId,
      ...(c.button!.form ? { formValue: c.button!.form } : {}),
    }),
  );
  const answer = (await response.json()) as { toast: { type: string; content: string } };
  return `${answer.toast.type}: ${answer.toast.content}`;
}

function verdictOf(c: Case, told: string, before: Item, after: Item): Verdict {
  if (told.includes(`没有找到 #${before.no}`)) return 'hidden';
  if (told.includes(`#${before.no} 不是本群的事项`)) return after.rev === before.rev ? 'elsewhere' : 'ok';
  if (c.action === 'read') {
    const shown = c.via === 'command' ? told.includes(before.title) : told.includes(`已发送 #${before.no}`);
    return shown ? 'ok' : 'no';
  }
  return after.rev > before.rev ? 'ok' : 'no';
}

describe('who may do what, by command and by button, from the item’s chat and from elsewhere', () => {
  CASES.forEach((c, k) => {
    it(`${c.via} ${c.action}`, async () => {
      // A card is pressed where the bot posted it; only a command can be typed in another group.
      const places: [Place, string][] = [
        ['item chat', itemChat(k)],
        ['private chat', privateChat(k)],
        ...(c.via === 'command' ? [['other group', otherChat(k)] as [Place, string]] : []),
      ];
      const runs = places.flatMap(([place, chatId]) =>
        WHO.map(async (who) => {
          const before = await itemFor(c.setup, `${c.via}-${c.action}-${who}-${place}`, itemChat(k));
          const told = await act(c, before, who, chatId, place);
          const after = (await rig.luoshi.deps.items.get(FAKE_TENANT_KEY, before.no))!;
          return { place, who, got: verdictOf(c, told, before, after), told };
        }),
      );
      const results = await Promise.all(runs);
      const wrong = results
        .filter((r) => r.got !== expected(c.action, r.who, r.place))
        .map(
          (r) =>
            `${r.who} in ${r.place}: expected ${expected(c.action, r.who, r.place)}, got ${r.got} (${r.told})`,
        );
      expect(wrong).toEqual([]);
      // A refusal never leaks that the item exists, and says why otherwise.
      for (const r of results.filter((x) => x.got === 'no')) expect(r.told).toMatch(/只有|不能|由|没有待/);
    });
  });
});

describe('the trial’s examples, replayed', () => {
  const ask = (sender: string, text: string, mentions: MentionInput[] = []) =>
    rig.ask(sender, text, mentions, { chatId: exampleChat() });

  it('a lead leader who is also the owner cannot approve his own extension: it goes to the principal leader', async () => {
    const text = await ask(CREATOR, '/任务 自批延期示例 @李四 3个工作日内 牵头 @李四', [LI]);
    const no = Number(/#(\d+)/.exec(text)![1]);
    const request = await ask(LI.openId, `/延期 #${no} 下周五 材料未齐`);
    expect(request).toContain(`申请人是牵头领导本人，请主要负责人 <at id=${ZHAO.openId}></at> 或管理员审批`);
    expect(await ask(LI.openId, `/批准 #${no}`)).toContain('不能审批自己提出的延期申请');
    expect((await rig.luoshi.deps.items.get(FAKE_TENANT_KEY, no))!.due).toBe(DUE);
    expect(await ask(ZHAO.openId, `/批准 #${no}`)).toContain('延期申请已批准');
  });

  it('a group admin cannot change the organisation’s calendar; an organisation admin can', async () => {
    expect(await ask(GROUP_ADMIN, '/日历 放假 2027-01-01')).toContain('只有系统管理员');
    expect(await ask(ADMIN, '/日历 放假 2027-01-01')).toContain('已设为放假');
  });

  it('/销号 keeps the owners’ 整改情况 and adds the opinion beside it', async () => {
    const text = await ask(
      CREATOR,
      '/整改 消防通道堵塞 @张三 牵头 @王主任 单位 城管局 3个工作日内 要求 全面清理',
      [ZHANG, WANG],
    );
    const no = Number(/#(\d+)/.exec(text)![1]);
    expect(await ask(ZHANG.openId, `/完成 #${no} 已清理通道并建立巡查台账`)).toContain('已提交销号申请');
    const closed = await ask(WANG.openId, `/销号 #${no} 整改到位`);
    expect(closed).toContain('整改情况：已清理通道并建立巡查台账');
    expect(closed).toContain('销号意见（王主任）：整改到位');
    expect(await rig.luoshi.deps.items.get(FAKE_TENANT_KEY, no)).toMatchObject({
      status: 'done',
      result: '已清理通道并建立巡查台账',
      signoffOpinion: '整改到位',
    });
  });

  it('refuses a unit too long to ever be drawn, instead of recording it', async () => {
    const reply = await ask(CREATOR, `/任务 长单位示例 @张三 明天 单位 ${'县'.repeat(500)}`, [ZHANG]);
    expect(reply).toContain('单位名称太长了（最多 40 字');
    expect(reply).not.toContain('已登记');
  });
});
