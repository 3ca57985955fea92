/**
 * The notice's templates and the calendar, through the whole path: each confirmation shows
 * every milestone with its resolved date and weekday, counted in official working days.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.ts';
import { type Rig, startRig } from '../support/harness.ts';

const ZHANG = { name: '张三', openId: 'ou_zhangsan_tpl_00000000000000001' };
const LI = { name: '李四', openId: 'ou_lisi_tpl_000000000000000000001' };
const WANG = { name: '王主任', openId: 'ou_wang_tpl_000000000000000000001' };
const ADMIN = 'ou_admin_tpl_00000000000000000001';
const STAFF = 'ou_staff_tpl_00000000000000000001';

let rig: Rig;
const clock = new ManualClock('2026-11-26T10:00:00+08:00');

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_ADMINS: ADMIN } });
});
afterAll(async () => {
  await rig?.close();
});
beforeEach(() => clock.set('2026-11-26T10:00:00+08:00'));

/** The `#n title · 截止 …` lines of a confirmation. */
function milestones(text: string): string[] {
  return text.split('\n').filter((l) => /^#\d+ /.test(l));
}

describe('/收文', () => {
  it('reports to the principal today and arranges within 3 working days', async () => {
    const text = await rig.ask(STAFF, '/收文 关于做好冬季安全生产工作的通知 @张三 牵头 @王主任', [
      ZHANG,
      WANG,
    ]);
    const [report, arrange] = milestones(text);
    // The lead leader is named, as on a /任务's card.
    expect(text).toContain(`牵头领导：<at user_id="${WANG.openId}">王主任</at>`);
    expect(report).toMatch(/报告主要负责人：关于做好冬季安全生产工作的通知 · 截止 2026-11-26 18:00 周四/);
    // Fri 27, Mon 30, Tue 1 December.
    expect(arrange).toMatch(/安排落实：关于做好冬季安全生产工作的通知 · 截止 2026-12-01 18:00 周二/);
    expect(text).toContain(`<at user_id="${ZHANG.openId}">张三</at>`);
  });

  it('moves the report to the next working day when the document arrives after office hours', async () => {
    clock.set('2026-11-27T19:30:00+08:00'); // Friday evening
    const [report] = milestones(await rig.ask(STAFF, '/收文 关于开展安全检查的通知'));
    expect(report).toContain('截止 2026-11-30 18:00 周一');
  });

  it('counts the 2026 Spring Festival: the adjusted Saturday works, the nine days off do not', async () => {
    clock.set('2026-02-14T10:00:00+08:00'); // Saturday, an adjusted workday before the holiday
    const [report, arrange] = milestones(await rig.ask(STAFF, '/收文 关于春节期间值班安排的通知'));
    expect(report).toContain('截止 2026-02-14 18:00 周六');
    // 15–23 February off; then Tue 24, Wed 25, Thu 26.
    expect(arrange).toContain('截止 2026-02-26 18:00 周四');
  });
});

describe('/反馈问题 and /解读', () => {
  it('give 5 working days and 1 working day', async () => {
    const [feedback] = milestones(await rig.ask(STAFF, '/反馈问题 项目用地指标不足 @张三', [ZHANG]));
    expect(feedback).toMatch(/反馈问题：项目用地指标不足 · 截止 2026-12-03 18:00 周四/);
    const [interpret] = milestones(await rig.ask(STAFF, '/解读 县城燃气价格调整 @李四', [LI]));
    expect(interpret).toMatch(/政策解读：县城燃气价格调整 · 截止 2026-11-27 18:00 周五/);
  });

  it('count National Day 2026: 10 October is an adjusted Saturday', async () => {
    clock.set('2026-09-30T10:00:00+08:00');
    const [feedback] = milestones(await rig.ask(STAFF, '/反馈问题 节前排查发现的隐患 @张三', [ZHANG]));
    // 1–7 October off; Thu 8, Fri 9, Sat 10 (adjusted), Mon 12, Tue 13.
    expect(feedback).toContain('截止 2026-10-13 18:00 周二');
  });

  it('need an owner', async () => {
    expect(await rig.ask(STAFF, '/反馈问题 没有人负责的问题')).toContain('负责人');
  });
});

describe('/整改', () => {
  it('names every missing field at once', async () => {
    const text = await rig.ask(STAFF, '/整改 消防通道堵塞');
    for (const field of ['牵头领导', '责任单位', '完成时限', '工作要求']) expect(text).toContain(field);
  });

  it('records lead leader, unit, deadline and requirement', async () => {
    const text = await rig.ask(
      STAFF,
      '/整改 消防通道堵塞 牵头 @王主任 单位 城管局 12月20日前 要求 全面清理并建立巡查台账',
      [WANG],
    );
    expect(milestones(text)[0]).toMatch(/消防通道堵塞 · 截止 2026-12-20 18:00 周日/);
    expect(text).toContain(`牵头领导：<at user_id="${WANG.openId}">王主任</at>`);
    expect(text).toContain('责任单位：城管局');
    expect(text).toContain('工作要求：全面清理并建立巡查台账');
  });

  it('says where the owner goes when an @ follows 要求, and records nothing', async () => {
    const text = await rig.ask(
      STAFF,
      '/整改 消防通道堵塞 牵头 @王主任 单位 县应急局 5个工作日内 要求 清理并建立巡查制度 @李四',
      [WANG, LI],
    );
    expect(text).toContain('负责人请写在“要求”之前');
    expect(text).not.toContain('已登记');
  });
});

describe('/分解', () => {
  it('adds a check-in at the last working day of each quarter before the deadline, and warns about 2027', async () => {
    const text = await rig.ask(STAFF, '/分解 完成年度招商引资任务 @张三 2027年6月30日 按季', [ZHANG]);
    const lines = milestones(text);
    expect(lines[0]).toMatch(/完成年度招商引资任务 · 截止 2027-06-30 18:00 周三/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/进展报告（2026年第4季度）：完成年度招商引资任务 · 截止 2026-12-31 18:00 周四/),
      expect.stringMatching(/进展报告（2027年第1季度）：完成年度招商引资任务 · 截止 2027-03-31 18:00 周三/),
    ]);
    expect(text).toContain('2027年的放假调休安排尚未收录');
  });

  it('refuses a missing period and too many check-ins', async () => {
    expect(await rig.ask(STAFF, '/分解 修路 @张三 月底', [ZHANG])).toContain('按季、按月或按周');
    expect(await rig.ask(STAFF, '/分解 修路 @张三 2027年12月31日 按周', [ZHANG])).toContain('更长的周期');
  });
});

describe('/日历', () => {
  it('says 2027 is not covered, lets only admins add a holiday, and counts with it afterwards', async () => {
    const overview = await rig.ask(STAFF, '/日历');
    expect(overview).toContain('2026年：已收录');
    expect(overview).toContain('2027年：尚未收录');

    expect(await rig.ask(STAFF, '/日历 放假 2027-01-01')).toContain('只有系统管理员');
    expect(await rig.ask(ADMIN, '/日历 放假 2027-13-01')).toContain('2027-13-01');
    expect(await rig.ask(ADMIN, '/日历 放假 2027-01-01')).toContain('2027-01-01 已设为放假');
    expect(await rig.ask(STAFF, '/日历')).toMatch(/1月1日（周五）.*放假（管理员设置）/);

    clock.set('2026-12-31T10:00:00+08:00');
    const [next] = milestones(await rig.ask(STAFF, '/解读 元旦值班安排 @李四', [LI]));
    expect(next).toContain('截止 2027-01-04 18:00 周一');
  });
});

describe('整改 closing (销号)', () => {
  it('an owner’s /完成 asks the lead leader; only the lead leader closes it or sends it back', async () => {
    const created = await rig.ask(
      STAFF,
      '/整改 台账不全 @张三 牵头 @王主任 单位 应急局 12月31日前 要求 补齐台账',
      [ZHANG, WANG],
    );
    const no = /#(\d+)/.exec(milestones(created)[0] ?? '')![1];

    const asked = await rig.ask(ZHANG.openId, `/完成 #${no} 已补齐`);
    expect(asked).toContain('已提交销号申请');
    expect(asked).toContain(`<at user_id="${WANG.openId}">王主任</at>`);
    expect(await rig.ask(STAFF, `/查询 #${no}`)).toContain('待销号');

    expect(await rig.ask(ZHANG.openId, `/销号 #${no}`)).toContain('只有');
    expect(await rig.ask(WANG.openId, `/退回 #${no} 缺少照片`)).toContain('已退回');
    expect(await rig.ask(STAFF, `/查询 #${no}`)).toContain('办理中');

    await rig.ask(ZHANG.openId, `/完成 #${no} 照片已补`);
    expect(await rig.ask(WANG.openId, `/销号 #${no} 整改到位`)).toContain(`#${no} 台账不全 已销号`);
    expect(await rig.ask(STAFF, `/查询 #${no}`)).toContain('已完成');
    expect(await rig.ask(STAFF, '/列表')).not.toContain('台账不全');
  });

  it('/销号 is only for rectification items', async () => {
    const created = await rig.ask(STAFF, '/任务 普通事项 @张三 明天', [ZHANG]);
    const no = /#(\d+)/.exec(created)![1];
    expect(await rig.ask(ADMIN, `/销号 #${no}`)).toContain('不是整改事项');
  });
});
