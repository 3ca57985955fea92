/**
 * The life of an item after /任务, through the whole path (signed webhook → queue → handler →
 * reply via the SDK to the fake platform): 签收, 进展, 延期 with 批准 / 驳回, 取消, 查询, and
 * the refusals strangers and non-approvers get.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.ts';
import { type Rig, startRig } from '../support/harness.ts';
import { FAKE_TENANT_KEY } from '../support/larkEvents.ts';
import { ADMIN, CREATOR, STRANGER, WANG, ZHANG } from '../support/people.ts';

let rig: Rig;
// Thursday 26 November 2026, 10:00 in Beijing.
const clock = new ManualClock('2026-11-26T10:00:00+08:00');

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_ADMINS: ADMIN } });
});
afterAll(async () => {
  await rig?.close();
});

/** Records an item owned by 张三, led by 王主任, due 2026-12-01 18:00 (Tuesday); returns its number. */
async function newItem(title: string): Promise<number> {
  const text = await rig.ask(CREATOR, `/任务 ${title} @张三 3个工作日内 牵头 @王主任`, [ZHANG, WANG]);
  return Number(/#(\d+)/.exec(text)![1]);
}

const stored = (no: number) => rig.luoshi.deps.items.get(FAKE_TENANT_KEY, no);

describe('/签收', () => {
  it('lets an owner acknowledge once, and refuses anyone else', async () => {
    const no = await newItem('报送统计月报');
    expect(await rig.ask(STRANGER, `/签收 #${no}`)).toContain(`只有 #${no} 的负责人可以签收`);
    expect(await rig.ask(CREATOR, `/签收 #${no}`)).toContain('只有');

    const ack = await rig.ask(ZHANG.openId, `/签收 #${no}`);
    expect(ack).toContain(`#${no} 报送统计月报 已签收`);
    expect(ack).toContain('2026-12-01 18:00 周二');
    expect(ack).not.toContain('已逾期');
    expect(await rig.ask(ZHANG.openId, `/ack #${no}`)).toContain(
      '已于 2026-11-26 10:00 周四 签收，无需重复签收',
    );

    expect(await rig.ask(STRANGER, `/查询 #${no}`)).toContain('已签收 2026-11-26 10:00 周四');
  });
});

describe('/进展', () => {
  it('keeps the latest report and the count on the item and every report in its history', async () => {
    const no = await newItem('起草调研报告');
    expect(await rig.ask(ZHANG.openId, `/进展 #${no} 已完成提纲`)).toContain('第 1 次进展：已完成提纲');
    clock.advance(60 * 60 * 1000);
    expect(await rig.ask(ZHANG.openId, `/progress #${no} 初稿完成，正在征求意见`)).toContain('第 2 次进展');

    const status = await rig.ask(STRANGER, `/status #${no}`);
    expect(status).toContain('最新进展（共 2 次）：初稿完成，正在征求意见');
    expect(status).toContain('张三 进展：已完成提纲');
    expect(status).toContain('张三 进展：初稿完成，正在征求意见');
    // Reporting progress is acknowledging it: the owner is no longer chased as silent.
    expect(status).toContain('已签收');
    const item = await stored(no);
    expect(JSON.stringify(item)).not.toContain('已完成提纲');
  });

  it('refuses a stranger and an empty report', async () => {
    const no = await newItem('整理会议纪要');
    expect(await rig.ask(STRANGER, `/进展 #${no} 我来写`)).toContain(
      `只有 #${no} 的负责人、创建人、牵头领导、主要负责人或管理员可以反馈进展。`,
    );
    const empty = await rig.ask(ZHANG.openId, `/进展 #${no}`);
    expect(empty).toContain('请写明进展情况');
    expect(empty).toContain('用法：/进展 #编号 <进展情况>');
  });
});

describe('/延期, /批准, /驳回', () => {
  it('lets the lead leader approve: the deadline moves, the plan is redone and the requester told', async () => {
    const no = await newItem('编制项目预算');
    const before = await stored(no);
    expect(await rig.ask(STRANGER, `/延期 #${no} 下周五 我觉得来不及`)).toContain('只有');

    const asked = await rig.ask(ZHANG.openId, `/延期 #${no} 下周五 材料未齐`);
    expect(asked).toContain(`#${no} 编制项目预算 申请延期`);
    expect(asked).toContain('新截止：2026-12-04 18:00 周五（原截止 2026-12-01 18:00 周二）');
    expect(asked).toContain('理由：材料未齐');
    // The request is a card: the lead leader is @-ed with the card's mention tag.
    expect(asked).toContain(`请牵头领导 <at id=${WANG.openId}></at> 审批（主要负责人或管理员也可审批）`);

    // The requester cannot approve their own request; a stranger cannot either.
    expect(await rig.ask(ZHANG.openId, `/批准 #${no}`)).toContain('不能审批自己提出的延期申请');
    expect(await rig.ask(STRANGER, `/approve #${no}`)).toContain(
      '由牵头领导 王主任 审批（主要负责人或管理员也可审批）',
    );
    expect((await stored(no))!.due).toBe(before!.due);

    const approved = await rig.ask(WANG.openId, `/批准 #${no}`);
    expect(approved).toContain('延期申请已批准');
    expect(approved).toContain(`<at user_id="${ZHANG.openId}">张三</at>`);
    expect(approved).toContain('由 2026-12-01 18:00 周二 改为 2026-12-04 18:00 周五');

    const after = await stored(no);
    expect(after!.due).toBe(Date.parse('2026-12-04T18:00:00+08:00'));
    expect(after!.planVersion).toBe(before!.planVersion + 1);
    const status = await rig.ask(STRANGER, `/查询 #${no}`);
    expect(status).toContain('截止：2026-12-04 18:00 周五（已延期 1 次）');
    expect(status).toContain('申请延期');
    expect(status).toContain('王主任 批准延期');
    expect(await rig.ask(WANG.openId, `/批准 #${no}`)).toContain('没有待审批的延期申请');
  });

  it('lets an admin reject with a reason: the deadline stands and the requester is told why', async () => {
    const no = await newItem('修订应急预案');
    await rig.ask(ZHANG.openId, `/extend #${no} 材料未齐 12月10日`);
    expect(await rig.ask(ADMIN, `/驳回 #${no}`)).toContain('请写明驳回理由');
    expect(await rig.ask(ZHANG.openId, `/reject #${no} 不行`)).toContain('不能审批自己提出的延期申请');

    const rejected = await rig.ask(ADMIN, `/驳回 #${no} 节点不能推迟`);
    expect(rejected).toContain('延期申请未获批准');
    expect(rejected).toContain('截止时间仍为 2026-12-01 18:00 周二');
    expect(rejected).toContain('理由：节点不能推迟');
    expect(rejected).toContain(`<at user_id="${ZHANG.openId}">张三</at>`);
    const item = await stored(no);
    expect(item!.extension).toBeUndefined();
    expect(item!.due).toBe(Date.parse('2026-12-01T18:00:00+08:00'));
  });

  it.each([
    ['材料未齐', '没有找到截止时间'],
    ['下周五', '请写明延期理由'],
    ['明天 来不及', '须晚于原截止时间'],
    ['2月30日 来不及', '2月30日'],
  ])('explains a request it cannot take: %s', async (args, expected) => {
    const no = await newItem(`延期申请示例${args.length}`);
    const text = await rig.ask(ZHANG.openId, `/延期 #${no} ${args}`);
    expect(text).toContain(expected);
    expect(text).toContain('用法：/延期 #编号 <新截止> <理由>');
    expect((await stored(no))!.extension).toBeUndefined();
  });
});

describe('/取消', () => {
  it('lets the creator cancel with a reason, stops listing the item, and refuses a stranger', async () => {
    const no = await newItem('筹备座谈会');
    expect(await rig.ask(STRANGER, `/取消 #${no} 不办了`)).toContain('只有');
    expect(await rig.ask(CREATOR, `/取消 #${no}`)).toContain('请写明取消理由');

    const cancelled = await rig.ask(CREATOR, `/cancel #${no} 会议决定不再召开`);
    expect(cancelled).toContain(`#${no} 筹备座谈会 已取消`);
    expect(cancelled).toContain(`<at user_id="${ZHANG.openId}">张三</at>`);
    expect(cancelled).toContain('理由：会议决定不再召开');
    expect((await stored(no))!.planVersion).toBe(2);

    expect(await rig.ask(CREATOR, '/列表')).not.toContain('筹备座谈会');
    expect(await rig.ask(ZHANG.openId, `/完成 #${no} 已开`)).toContain('已取消，无需重复办结');
    expect(await rig.ask(ZHANG.openId, `/进展 #${no} 还在准备`)).toContain('已取消，不能再反馈进展');
    const status = await rig.ask(STRANGER, `/查询 #${no}`);
    expect(status).toContain('· 已取消');
    expect(status).toContain('取消理由：会议决定不再召开');
  });
});

describe('/查询', () => {
  it('shows light, status, owners, lead and the history to anyone in the tenant', async () => {
    const no = await newItem('清理政务数据');
    const status = await rig.ask(STRANGER, `/查询 #${no}`);
    expect(status).toContain(`🟢 #${no} 清理政务数据 · 办理中`);
    expect(status).toContain('负责人：张三（未签收）');
    expect(status).toContain('牵头领导：王主任');
    expect(status).toContain('截止：2026-12-01 18:00 周二');
    expect(status).toContain('创建人 登记');
    // Reading a status pings nobody.
    expect(status).not.toContain('<at');
  });

  it('answers an unknown number and a missing one', async () => {
    expect(await rig.ask(STRANGER, '/查询 #99999')).toContain('没有找到 #99999');
    expect(await rig.ask(STRANGER, '/查询')).toContain('用法：/查询 #编号');
  });
});

describe('/签收 after the deadline', () => {
  it('says the item is already overdue', async () => {
    const no = await newItem('报送安全月报');
    clock.set('2026-12-02T09:30:00+08:00'); // the Tuesday deadline has passed
    const ack = await rig.ask(ZHANG.openId, `/签收 #${no}`);
    expect(ack).toContain(`#${no} 报送安全月报 已签收`);
    expect(ack).toContain('（已逾期，请尽快办结）');
  });
});
