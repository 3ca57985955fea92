/**
 * The bridges from the reminder engine's notes and the digest's buckets to cards: who gets
 * which reminder, the urgent flag only for an escalation to a person in a group whose policy
 * says 加急, and the digest's buckets under their lights.
 */
import { describe, expect, it } from 'vitest';
import { dailyBuckets } from '../../src/bot/texts/digestTexts.ts';
import { dailyDigestCard } from '../../src/bot/views/digestCards.ts';
import { reminderCardNotes } from '../../src/bot/views/reminderCards.ts';
import { WorkingDayCalendar } from '../../src/domain/calendar.ts';
import type { Item } from '../../src/domain/item.ts';
import { OfficeHours } from '../../src/domain/officeHours.ts';
import { defaultGroupSettings } from '../../src/domain/policy.ts';
import { reminderCard } from '../../src/lark/cards/reminderCard.ts';
import { cardText } from '../support/cardText.ts';

const TZ = 'Asia/Shanghai';
const calendar = new WorkingDayCalendar({ timezone: TZ, workdayStart: '09:00', workdayEnd: '18:00' });
const office = new OfficeHours(calendar, '09:00', '18:00');
const at = (iso: string) => Date.parse(iso);
const WANG = { openId: 'ou_wang', name: '王主任' };
const LI = { openId: 'ou_li', name: '李局长' };

const item: Item = {
  tenant: 't',
  no: 9,
  kind: 'task',
  chatId: 'oc_g',
  title: '报送台账',
  owners: [{ openId: 'ou_zhang', name: '张三' }],
  creator: { openId: 'ou_c', name: '' },
  lead: WANG,
  due: at('2026-11-24T18:00:00+08:00'),
  allDay: true,
  status: 'open',
  createdAt: 0,
  updatedAt: 0,
  planVersion: 1,
  rev: 1,
};

describe('reminderCardNotes', () => {
  it('sends the deadline chase to the group only: the lead leader reads of it in his digest', () => {
    const notes = reminderCardNotes(['due'], item, {
      settings: defaultGroupSettings({ workdayStart: '09:00', workdayEnd: '18:00' }),
      office,
      fireAt: at('2026-11-24T18:00:00+08:00'),
    });
    expect(notes.map((n) => [n.to, n.line.audience, n.urgent])).toEqual([
      [{ chatId: 'oc_g' }, 'group', false],
    ]);
    expect(cardText(reminderCard([notes[0]!.line], { timezone: TZ }))).toContain(
      '已到截止时间（2026-11-24 18:00 周二）',
    );
  });

  it('escalates to the principal leader, urgent when the policy says 加急', () => {
    const settings = defaultGroupSettings({ workdayStart: '09:00', workdayEnd: '18:00' });
    settings.principal = LI;
    settings.policy.urgentEscalation = true;
    // Due Tuesday 18:00, 2 working days: the line is crossed on Thursday at 18:00.
    const [note] = reminderCardNotes(['escalate'], item, {
      settings,
      office,
      fireAt: at('2026-11-26T18:00:00+08:00'),
    });
    expect(note).toMatchObject({
      to: { openId: 'ou_li' },
      urgent: true,
      line: { late: 2, audience: 'leader' },
    });
    const card = reminderCard([note!.line], { timezone: TZ, urgent: note!.urgent });
    expect(cardText(card)).toContain('【加急】⚠️ 逾期上报 #9 报送台账');
    expect(cardText(card)).toContain('已逾期 2 个工作日');
  });

  it('reminds each owner of an item recorded in a private chat by direct message, not that chat', () => {
    const privately = { ...item, chatType: 'p2p' as const, owners: [...item.owners, LI] };
    const notes = reminderCardNotes(['approach', 'due'], privately, {
      settings: defaultGroupSettings({ workdayStart: '09:00', workdayEnd: '18:00' }),
      office,
      fireAt: at('2026-11-24T09:00:00+08:00'),
    });
    expect(notes.map((n) => [n.to, n.line.kind])).toEqual([
      [{ openId: 'ou_zhang' }, 'approach'],
      [{ openId: 'ou_li' }, 'approach'],
      [{ openId: 'ou_zhang' }, 'due'],
      [{ openId: 'ou_li' }, 'due'],
    ]);
  });
});

describe('the escalation of work assigned privately', () => {
  const settings = defaultGroupSettings({ workdayStart: '09:00', workdayEnd: '18:00' });
  const privately: Item = { ...item, chatType: 'p2p', chatId: 'oc_p2p', creator: LI };
  const fireAt = at('2026-11-26T18:00:00+08:00');

  it('goes to whoever decides on it, by direct message, as to a leader: never to its chat', () => {
    const notes = reminderCardNotes(['escalate'], privately, { settings, office, fireAt });
    expect(notes.map((n) => [n.to, n.line.audience])).toEqual([
      [{ openId: 'ou_wang' }, 'leader'],
      [{ openId: 'ou_li' }, 'leader'],
    ]);
    const { lead: _lead, ...unled } = privately;
    const alone = reminderCardNotes(['escalate'], unled, { settings, office, fireAt });
    expect(alone.map((n) => [n.to, n.line.audience])).toEqual([[{ openId: 'ou_li' }, 'leader']]);
  });

  it('asks the leader for the decision an extension request waits for, with no owner buttons', () => {
    const asked = {
      ...privately,
      extension: {
        due: at('2026-12-01T18:00:00+08:00'),
        allDay: true,
        reason: '数据未齐',
        by: item.owners[0]!,
        at: 0,
      },
    };
    const card = reminderCard(
      [{ kind: 'escalate', item: asked, dueWords: '', late: 2, audience: 'leader', awaitsDecision: true }],
      { timezone: TZ },
    );
    expect(card).toMatchSnapshot();
    const text = cardText(card);
    expect(text).toContain('张三 已申请延期至 2026-12-01 18:00 周二，待你审批：/批准 #9 或 /驳回 #9 理由。');
    expect(text).not.toMatch(/\[(签收|完成|申请延期|反馈进展)\]/);
  });
});

describe('dailyDigestCard', () => {
  it('puts overdue and due today under red, approaching under yellow, and skips an empty day', () => {
    const now = at('2026-11-26T09:00:00+08:00');
    const today = { ...item, no: 10, due: at('2026-11-26T18:00:00+08:00') };
    const soon = { ...item, no: 11, due: at('2026-11-27T18:00:00+08:00') };
    const card = dailyDigestCard(
      '2026-11-26',
      { overdue: [item], dueToday: [today], approaching: [soon], onTrack: [], done: [] },
      office,
      now,
      'leader',
    );
    const text = cardText(card);
    expect(text).toContain('📊 每日督办简报（领导） · 2026-11-26 周四');
    expect(text).toMatch(/红灯[^\n]*（2 项）\n\*\*#9\*\*[^\n]*\n\*\*#10\*\*/);
    expect(text).toMatch(/黄灯[^\n]*（1 项）\n\*\*#11\*\*/);
  });

  it("shows a leader each open item's latest progress, and the group none", () => {
    const now = at('2026-11-26T09:00:00+08:00');
    const reported = { ...item, progress: { text: '初稿已完成', at: now - 3_600_000, by: 'ou_zhang' } };
    const buckets = { overdue: [reported], dueToday: [], approaching: [], onTrack: [], done: [] };
    expect(cardText(dailyDigestCard('2026-11-26', buckets, office, now, 'leader'))).toContain(
      '**#9** 报送台账 · 张三 · 截止 2026-11-24 18:00 周二（已逾期） · 最新进展：初稿已完成',
    );
    expect(cardText(dailyDigestCard('2026-11-26', buckets, office, now, 'group'))).not.toContain('最新进展');
    expect(
      dailyDigestCard(
        '2026-11-26',
        { overdue: [], dueToday: [], approaching: [], onTrack: [], done: [] },
        office,
        now,
        'group',
      ),
    ).toBeUndefined();
  });

  it('lists every open item: a lead leader with four items on track is told of all four', () => {
    // The trial: "目前没有未办结的事项" to a leader who led four items, none red or yellow.
    const now = at('2026-11-26T09:00:00+08:00');
    const later = ['2026-12-04', '2026-12-11', '2026-12-18', '2027-01-08'].map((d, k) => ({
      ...item,
      no: 20 + k,
      title: `事项${k + 1}`,
      due: at(`${d}T18:00:00+08:00`),
    }));
    const overdue = { ...item, no: 30 };
    const buckets = dailyBuckets([...later, overdue], [], office, 1, now);
    const text = cardText(dailyDigestCard('2026-11-26', buckets, office, now, 'leader'));
    expect(text).toContain('未办结 5 项，其中红灯 1 项。');
    expect(text).toMatch(
      /绿灯[^\n]*（4 项）\n\*\*#20\*\* 事项1[^\n]*\n\*\*#21\*\*[^\n]*\n\*\*#22\*\*[^\n]*\n\*\*#23\*\*/,
    );
    const onlyGreen = dailyBuckets(later, [], office, 1, now);
    const greenText = cardText(dailyDigestCard('2026-11-26', onlyGreen, office, now, 'leader'));
    expect(greenText).toContain('未办结 4 项。');
    expect(greenText).not.toContain('目前没有未办结的事项');
  });
});

describe('the overdue count on a chase', () => {
  const settings = defaultGroupSettings({ workdayStart: '09:00', workdayEnd: '18:00' });
  const dueMonday = { ...item, due: at('2026-11-23T11:03:00+08:00') };
  const late = (iso: string) =>
    reminderCardNotes(['overdue'], dueMonday, { settings, office, fireAt: at(iso) })[0]!.line.late;

  it('counts whole working days from the deadline, as the escalation rule does', () => {
    expect(late('2026-11-24T09:00:00+08:00')).toBe(0);
    expect(late('2026-11-25T09:00:00+08:00')).toBe(1);
    expect(late('2026-11-25T11:03:00+08:00')).toBe(2);
  });

  it('says no count while less than a working day late', () => {
    const [note] = reminderCardNotes(['overdue'], dueMonday, {
      settings,
      office,
      fireAt: at('2026-11-24T09:00:00+08:00'),
    });
    const text = cardText(reminderCard([note!.line], { timezone: TZ }));
    expect(text).toContain('已逾期（截止 2026-11-23 11:03 周一）');
    expect(text).not.toContain('个工作日');
  });
});
