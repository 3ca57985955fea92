/**
 * The card builders: each card's JSON is a committed snapshot (review them for how they look),
 * every card passes the zod schema and the 30 KB limit, and user text can never become markup.
 */
import { describe, expect, it } from 'vitest';
import { digestCard, groupByLight } from '../../src/lark/cards/digestCard.ts';
import { duplicateTaskCard } from '../../src/lark/cards/duplicateTaskCard.ts';
import { itemCard } from '../../src/lark/cards/itemCard.ts';
import { listCard } from '../../src/lark/cards/listCard.ts';
import { clip, md, mention } from '../../src/lark/cards/markdown.ts';
import { reminderCard } from '../../src/lark/cards/reminderCard.ts';
import { cardBytes, MAX_CARD_BYTES } from '../../src/lark/cards/schema.ts';
import { statusCard } from '../../src/lark/cards/statusCard.ts';
import { renderInline } from '../../src/playground/view/markdown.tsx';
import { cardButtonList, cardButtons, cardText } from '../support/cardText.ts';
import { SAMPLE_NOW, SAMPLE_TZ, sampleItem, WANG, ZHANG } from '../support/sampleItem.ts';

const TZ = SAMPLE_TZ;
const at = (iso: string) => Date.parse(iso);
const LI = { openId: 'ou_lisi', name: '李四' };
const NOW = SAMPLE_NOW;
const item = sampleItem;

describe('item card', () => {
  it('confirms /任务 with number, owner, lead leader, deadline with weekday and light', () => {
    const c = itemCard(item(), { light: 'green', timezone: TZ, confirmation: { explanation: '12月10日前' } });
    expect(c).toMatchSnapshot();
    const text = cardText(c);
    expect(text).toContain('✅ 已登记 #12 起草年度工作总结');
    expect(text).toContain(`负责人：<at id=${ZHANG.openId}></at>（未签收）`);
    expect(text).toContain(`牵头领导：<at id=${WANG.openId}></at>`);
    expect(text).toContain('截止：2026-12-10 18:00 周四（12月10日前）');
    expect(text).toContain('状态：🟢 办理中');
    expect(c.header.template).toBe('green');
    expect([...cardButtons(c).keys()]).toEqual(['签收', '完成', '反馈进展', '申请延期']);
    expect(cardButtons(c).get('完成')).toEqual({ action: 'done', no: 12, v: 1, view: 'item' });
  });

  it('shows a done item with its result and no buttons', () => {
    const done = item({
      status: 'done',
      doneAt: at('2026-12-11T09:00:00+08:00'),
      result: '已报送',
      planVersion: 2,
    });
    const c = itemCard(done, { light: 'green', timezone: TZ });
    expect(c).toMatchSnapshot();
    expect(cardText(c)).toContain('办理结果：已报送（2026-12-11 09:00 周五，逾期办结）');
    expect(cardButtons(c).size).toBe(0);
  });

  it('is red when overdue and says when the owner acknowledged', () => {
    const c = itemCard(item({ acknowledgedAt: NOW, acknowledgedBy: ZHANG.openId }), {
      light: 'red',
      timezone: TZ,
    });
    expect(c.header.template).toBe('red');
    expect(cardText(c)).toContain('（已签收 2026-11-26 10:00 周四）');
    expect(cardButtons(c).has('签收')).toBe(false);
  });
});

describe('status card (/查询)', () => {
  it('names people without pinging them and lists the history', () => {
    const it12 = item({
      progress: { text: '初稿完成', at: NOW, by: ZHANG.openId },
      progressCount: 2,
      extension: {
        due: at('2026-12-18T18:00:00+08:00'),
        allDay: true,
        reason: '材料未齐',
        by: ZHANG,
        at: NOW,
      },
    });
    const history = [
      { id: '1-0', no: 12, action: 'create', actor: 'ou_creator', at: NOW - 3600_000, detail: '12月10日前' },
      { id: '2-0', no: 12, action: 'progress', actor: ZHANG.openId, at: NOW, detail: '初稿完成' },
    ];
    const c = statusCard(it12, 'green', history, TZ);
    expect(c).toMatchSnapshot();
    const text = cardText(c);
    expect(text).toContain('🟢 #12 起草年度工作总结 · 办理中');
    expect(text).toContain('负责人：张三（未签收）');
    expect(text).toContain('待审批延期：至 2026-12-18 18:00 周五，理由：材料未齐');
    expect(text).toContain('· 2026-11-26 09:00 周四 创建人 登记：12月10日前');
    expect(text).toContain('· 2026-11-26 10:00 周四 张三 进展：初稿完成');
    // Nobody could name the creator: a neutral word, never the open_id.
    expect(text).toContain('登记人：未具名成员');
    expect(text).not.toContain('ou_');
    expect(JSON.stringify(c.body)).not.toContain('<at');
  });

  it('says who acted by their current name, whoever they are', () => {
    const cancelled = item({
      creator: { openId: 'ou_creator', name: '孙科长' },
      status: 'cancelled',
      cancelReason: '不再需要',
      planVersion: 2,
    });
    const history = [
      { id: '1-0', no: 12, action: 'create', actor: 'ou_creator', at: NOW - 3600_000, detail: '12月10日前' },
      { id: '2-0', no: 12, action: 'progress', actor: ZHANG.openId, at: NOW - 60_000, detail: '初稿' },
      { id: '3-0', no: 12, action: 'cancel', actor: 'ou_someone', at: NOW, detail: '不再需要' },
      { id: '4-0', no: 12, action: 'cancel', actor: 'ou_nobody_knows', at: NOW, detail: '重复' },
    ];
    const actorNames = new Map([
      [ZHANG.openId, '张科员'],
      ['ou_someone', '王主任'],
    ]);
    const text = cardText(statusCard(cancelled, 'green', history, TZ, { actorNames }));
    expect(text).toContain('登记人：孙科长');
    expect(text).toContain('· 2026-11-26 09:00 周四 孙科长 登记：12月10日前');
    // The directory's current name wins over the one on record.
    expect(text).toContain('· 2026-11-26 09:59 周四 张科员 进展：初稿');
    expect(text).toContain('· 2026-11-26 10:00 周四 王主任 取消：不再需要');
    expect(text).toContain('· 2026-11-26 10:00 周四 未具名成员 取消：重复');
    expect(text).not.toContain('ou_');
  });
});

describe('reminder, chase and escalation cards', () => {
  it('a single approaching reminder is yellow and carries the item actions', () => {
    const c = reminderCard(
      [{ kind: 'approach', item: item(), dueWords: '明天 18:00', late: 0, audience: 'group' }],
      {
        timezone: TZ,
      },
    );
    expect(c).toMatchSnapshot();
    expect(c.header.template).toBe('yellow');
    expect(cardText(c)).toContain(`将于 明天 18:00 到期，请 <at id=${ZHANG.openId}></at> 抓紧办理`);
    expect(cardButtons(c).get('完成')).toMatchObject({ action: 'done', view: 'remind' });
  });

  it('a chase of several items is red, grouped by kind, each with a 办理 button', () => {
    const lines = [
      {
        kind: 'overdue' as const,
        item: item({ no: 3, due: NOW - 86_400_000 }),
        dueWords: '',
        late: 1,
        audience: 'group' as const,
      },
      {
        kind: 'approach' as const,
        item: item({ no: 5, owners: [LI] }),
        dueWords: '明天 18:00',
        late: 0,
        audience: 'group' as const,
      },
    ];
    const c = reminderCard(lines, { timezone: TZ });
    expect(c).toMatchSnapshot();
    expect(c.header.template).toBe('red');
    const text = cardText(c);
    expect(text.indexOf('🟡 临近提醒')).toBeLessThan(text.indexOf('🔴 逾期催办'));
    expect(text).toContain('已逾期 1 个工作日');
    expect(cardButtonList(c).map((b) => [b.label, b.value.no])).toEqual([
      ['办理', 5],
      ['办理', 3],
    ]);
  });

  it('several reminders of one kind are named once, in the header', () => {
    const lines = [3, 5].map((no) => ({
      kind: 'approach' as const,
      item: item({ no }),
      dueWords: '明天 18:00',
      late: 0,
      audience: 'group' as const,
    }));
    const text = cardText(reminderCard(lines, { timezone: TZ }));
    expect(text.match(/临近提醒/g)).toHaveLength(1);
    expect(text).toContain('#3');
    expect(text).toContain('#5');
  });

  it('an escalation names owners and lead, pings nobody, and says 加急 when urgent', () => {
    const c = reminderCard([{ kind: 'escalate', item: item(), dueWords: '', late: 3, audience: 'leader' }], {
      timezone: TZ,
      urgent: true,
    });
    expect(c).toMatchSnapshot();
    expect(c.header.template).toBe('carmine');
    expect(cardText(c)).toContain('【加急】⚠️ 逾期上报 #12');
    expect(cardText(c)).toContain('负责人：张三；牵头领导：王主任');
    expect(JSON.stringify(c.body)).not.toContain('<at');
  });
});

describe('digest card', () => {
  it('groups items by light, each line with its number', () => {
    const open = [item({ no: 1, due: NOW - 1000 }), item({ no: 2 }), item({ no: 4, title: '报送台账' })];
    const done = [item({ no: 7, status: 'done', result: '已报送', doneAt: NOW })];
    const lights: Record<number, 'red' | 'yellow' | 'green'> = { 1: 'red', 2: 'yellow', 4: 'green' };
    const c = digestCard({
      title: '每日督办简报 · 11月26日 周四',
      groups: groupByLight(open, done, (i) => lights[i.no]!),
      now: NOW,
      timezone: TZ,
    });
    expect(c).toMatchSnapshot();
    const text = cardText(c);
    expect(text).toContain('未办结 3 项，其中红灯 1 项。');
    expect(text.indexOf('#1')).toBeLessThan(text.indexOf('#2'));
    expect(text).toContain('**#7** 起草年度工作总结 · 张三 · 已报送');
  });

  it('marks an extension request waiting for a decision', () => {
    const asking = item({
      no: 15,
      extension: { due: NOW + 7 * 86_400_000, allDay: true, reason: '材料未齐', by: ZHANG, at: NOW },
    });
    const text = cardText(
      digestCard({
        title: '每日督办简报',
        groups: groupByLight([asking, item({ no: 16 })], [], () => 'green'),
        now: NOW,
        timezone: TZ,
      }),
    );
    expect(text).toMatch(/\*\*#15\*\* [^\n]* · 张三 申请延期至 [^\n]*，待审批/);
    expect(text).not.toMatch(/#16[^\n]*申请延期/);
  });

  it('marks a 整改 waiting for its leader’s sign-off, which would otherwise read as on track', () => {
    const waiting = item({
      no: 13,
      title: '整改消防通道',
      status: 'review',
      lead: { openId: 'ou_wang', name: '王主任' },
    });
    const c = digestCard({
      title: '每日督办简报',
      groups: groupByLight([waiting, item({ no: 14 })], [], () => 'green'),
      now: NOW,
      timezone: TZ,
    });
    const text = cardText(c);
    expect(text).toMatch(/\*\*#13\*\* 整改消防通道 · 张三 · 截止 [^\n]* · 待销号（待 王主任 确认）/);
    expect(text).not.toMatch(/#14[^\n]*待销号/);
  });

  it('cuts 500 items to fit 30 KB and points to /列表', () => {
    const open = Array.from({ length: 500 }, (_, k) =>
      item({ no: k + 1, title: `第${k + 1}项 ${'很长的标题'.repeat(8)} <*_>`, owners: [ZHANG, LI] }),
    );
    const c = digestCard({
      title: '每日督办简报',
      groups: groupByLight(open, [], () => 'red'),
      now: NOW,
      timezone: TZ,
    });
    expect(cardBytes(c)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    const more = /还有 (\d+) 项未列出，发送 \/列表 查看全部，或发送 \/看板 在看板中筛选查看/.exec(
      cardText(c),
    );
    expect(Number(more?.[1])).toBeGreaterThan(0);
    const shown = (cardText(c).match(/\*\*#\d+\*\*/g) ?? []).length;
    expect(shown + Number(more?.[1])).toBe(500);

    const lines = open.map((i) => ({
      kind: 'overdue' as const,
      item: i,
      dueWords: '',
      late: 2,
      audience: 'group' as const,
    }));
    const r = reminderCard(lines, { timezone: TZ });
    expect(cardBytes(r)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(cardText(r)).toContain('还有 470 项未列出');
  });
});

describe('user text in card markdown', () => {
  const nasty = '<at id=all></at> **粗** _斜_ ~~删~~ `码` [链](https://x.cn) :OK: # 1. - > &amp; \\n | ! + =';

  it('shows exactly what was typed and forms no markup', () => {
    const rendered = renderInline(md(nasty), () => undefined);
    // Only strings come out: no mention, bold, link or code element.
    expect(rendered.every((child) => typeof child === 'string')).toBe(true);
    expect(rendered.join('')).toBe(nasty);
    expect(md(nasty)).not.toMatch(/[<>*_~`[\]]/);
  });

  it('folds newlines so user text never starts a markdown line', () => {
    expect(md('第一行\n# 标题\n- 列表')).toBe('第一行 &#35; 标题 &#45; 列表');
  });

  it('writes mentions as card <at> tags, and refuses ids that could break out of the tag', () => {
    expect(mention(ZHANG)).toBe('<at id=ou_zhangsan></at>');
    expect(mention({ openId: 'ou_x></at><at id=all>', name: '坏人' })).toBe('坏人');
  });

  it('clips long text with an ellipsis', () => {
    expect(clip('一二三四五', 3)).toBe('一二…');
    expect(clip('一二三', 3)).toBe('一二三');
  });

  it('keeps a card with the longest texts the commands accept under 30 KB', () => {
    const long = (n: number) => '<'.repeat(n);
    const c = itemCard(
      item({
        title: long(200),
        unit: long(100),
        result: long(1000),
        status: 'open',
        progress: { text: long(500), at: NOW, by: ZHANG.openId },
        extension: { due: NOW, allDay: true, reason: long(300), by: ZHANG, at: NOW },
        owners: Array.from({ length: 20 }, (_, k) => ({ openId: `ou_owner_${k}`, name: long(20) })),
      }),
      { light: 'green', timezone: TZ },
    );
    expect(cardBytes(c)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  });
});

describe('list card', () => {
  const items = [
    item({ no: 3, due: at('2026-11-25T18:00:00+08:00') }),
    item({ no: 4, title: '标题<at id=all></at>' }),
  ];

  it('draws a page with each light in words, and paging buttons for the same list', () => {
    const c = listCard({
      title: '📋 本群未办结事项（20 项）',
      sections: [{ items, total: 20 }],
      light: (i) => (i.due <= NOW ? 'red' : 'green'),
      timezone: TZ,
      empty: '没有',
      paging: { page: 2, pages: 3, filter: 'overdue' },
    });
    expect(c).toMatchSnapshot();
    const text = cardText(c);
    expect(text).toContain('🔴红灯 **#3**');
    expect(text).toContain('🟢绿灯 **#4**');
    expect(JSON.stringify(c)).not.toContain('<at id=all>');
    expect(text).toContain('第 2 / 3 页');
    expect(cardButtons(c).get('上一页')).toEqual({ action: 'list', page: 1, f: 'overdue' });
    expect(cardButtons(c).get('下一页')).toEqual({ action: 'list', page: 3, f: 'overdue' });
    expect(c.header.template).toBe('red');
  });

  it('says so when nothing matches, with no buttons', () => {
    const c = listCard({
      title: 't',
      sections: [{ items: [], total: 0 }],
      light: () => 'green',
      timezone: TZ,
      empty: '本群没有逾期未办结的事项。',
    });
    expect(cardText(c)).toContain('本群没有逾期未办结的事项。');
    expect(cardButtons(c).size).toBe(0);
  });
});

describe('duplicate /任务 card', () => {
  it('names the item it repeats and carries the held command for 再登记一件', () => {
    const c = duplicateTaskCard({
      heldId: 'om_held',
      title: '起草年度工作总结',
      previous: item(),
      timezone: TZ,
    });
    expect(c).toMatchSnapshot();
    expect(cardText(c)).toContain('一分钟内已登记过相同的事项：**#12** 起草年度工作总结');
    expect(cardButtons(c).get('再登记一件')).toEqual({ action: 'confirmTask', id: 'om_held' });
  });
});
