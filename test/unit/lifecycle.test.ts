/**
 * The pure lifecycle transitions: who may do what, what moves the reminder plan (deadline and
 * status changes bump `planVersion`; acknowledgement and progress do not), and that nothing
 * is changed when nothing should be.
 */
import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/domain/item.ts';
import {
  type Actor,
  acknowledge,
  approveExtension,
  cancelItem,
  finishItem,
  recordProgress,
  rejectExtension,
  requestExtension,
  returnRectification,
  signOffRectification,
  type Transition,
} from '../../src/domain/lifecycle.ts';

const T0 = Date.parse('2026-11-26T10:00:00+08:00');
const DUE = Date.parse('2026-12-01T18:00:00+08:00');
const LATER = Date.parse('2026-12-04T18:00:00+08:00');

const person = (openId: string, name = '') => ({ openId, name });
const actor = (p: { openId: string; name: string }, orgAdmin = false): Actor => ({
  person: p,
  groupRoles: new Set(),
  orgAdmin,
  inItemChat: true,
});
const owner = actor(person('ou_zhang', '张三'));
const lead = actor(person('ou_wang', '王主任'));
const admin = actor(person('ou_admin'), true);
const stranger = actor(person('ou_stranger'));
const creator = actor(person('ou_creator'));

const item: Item = {
  tenant: 't',
  no: 7,
  kind: 'task',
  chatId: 'oc_1',
  title: '编制预算',
  owners: [owner.person],
  creator: creator.person,
  lead: lead.person,
  due: DUE,
  allDay: true,
  status: 'open',
  createdAt: T0,
  updatedAt: T0,
  planVersion: 1,
  rev: 1,
};

function ok(t: Transition): Item {
  if (!t.ok) throw new Error(`refused: ${t.reason}`);
  return t.item;
}
const reason = (t: Transition) => (t.ok ? undefined : t.reason);

describe('acknowledge', () => {
  it('records the first acknowledgement of an owner, without a new plan', () => {
    const acked = ok(acknowledge(item, owner, T0 + 1));
    expect(acked).toMatchObject({ acknowledgedAt: T0 + 1, acknowledgedBy: 'ou_zhang', planVersion: 1 });
    expect(ok(acknowledge(acked, owner, T0 + 2))).toBe(acked);
  });

  it('is the owners’ alone', () => {
    for (const actor of [creator, lead, admin, stranger])
      expect(reason(acknowledge(item, actor, T0))).toContain('负责人');
  });
});

describe('recordProgress', () => {
  it('keeps the latest report and a count, and counts as the owner’s acknowledgement', () => {
    const first = ok(recordProgress(item, '提纲', owner, T0 + 1));
    const second = ok(recordProgress(first, '初稿', lead, T0 + 2));
    expect(second).toMatchObject({
      progress: { text: '初稿', at: T0 + 2, by: 'ou_wang' },
      progressCount: 2,
      acknowledgedAt: T0 + 1,
      planVersion: 1,
    });
    expect(ok(recordProgress(item, '初稿', lead, T0)).acknowledgedAt).toBeUndefined();
  });

  it('refuses a stranger', () => {
    expect(reason(recordProgress(item, 'x', stranger, T0))).toContain('只有 #7');
  });
});

describe('extensions', () => {
  const ask = { due: LATER, allDay: true, reason: '材料未齐' };
  const pending = ok(requestExtension(item, ask, owner, T0));

  it('records a request without touching the deadline or the plan', () => {
    expect(pending).toMatchObject({
      due: DUE,
      planVersion: 1,
      extension: { due: LATER, reason: '材料未齐' },
    });
    expect(reason(requestExtension(item, { ...ask, due: DUE }, owner, T0))).toContain('须晚于原截止时间');
    expect(reason(requestExtension(item, ask, stranger, T0))).toContain('只有');
  });

  it('is approved by the lead leader or an admin: the deadline moves and the plan with it', () => {
    for (const actor of [lead, admin]) {
      const approved = ok(approveExtension(pending, actor, T0));
      expect(approved).toMatchObject({ due: LATER, extensionCount: 1, planVersion: 2 });
      expect(approved.extension).toBeUndefined();
    }
    for (const actor of [owner, creator, stranger])
      expect(reason(approveExtension(pending, actor, T0))).toContain('审批');
  });

  it('is rejected without a new plan, and cannot be decided twice', () => {
    const rejected = ok(rejectExtension(pending, '节点不能推迟', lead, T0));
    expect(rejected).toMatchObject({ due: DUE, planVersion: 1 });
    expect(rejected.extension).toBeUndefined();
    expect(reason(approveExtension(rejected, lead, T0))).toContain('没有待审批的延期申请');
  });

  it('keeps each decision on the item — who, when, why, both deadlines — past the item closing', () => {
    const T1 = T0 + 3600_000;
    const rejected = ok(rejectExtension(pending, '节点不能推迟', lead, T1));
    const again = ok(requestExtension(rejected, { ...ask, reason: '补充材料' }, owner, T1));
    const approved = ok(approveExtension(again, admin, T1 + 60_000));
    const done = ok(finishItem(approved, '已报送', owner, T1 + 120_000));
    expect(done.extensionDecisions).toEqual([
      {
        requestAt: T0,
        approved: false,
        by: lead.person,
        at: T1,
        reason: '节点不能推迟',
        from: DUE,
        to: LATER,
      },
      { requestAt: T1, approved: true, by: admin.person, at: T1 + 60_000, from: DUE, to: LATER },
    ]);
  });

  it('goes to the principal leader or the admins when the item has no lead leader', () => {
    const { lead: _none, ...unled } = pending;
    expect(reason(approveExtension(unled, creator, T0))).toBe('#7 的延期申请由主要负责人或管理员审批。');
    const principal: Actor = { ...stranger, groupRoles: new Set(['principal']) };
    expect(ok(approveExtension(unled, principal, T0))).toMatchObject({ due: LATER });
  });

  it('is never decided by whoever asked, whatever their role', () => {
    const byLead = ok(requestExtension(item, ask, lead, T0));
    expect(reason(approveExtension(byLead, lead, T0))).toBe(
      '不能审批自己提出的延期申请：#7 的这份申请由主要负责人或管理员审批。',
    );
    expect(reason(rejectExtension(byLead, '不行', lead, T0))).toContain('不能审批自己提出的延期申请');
    const byAdmin = ok(requestExtension(item, ask, admin, T0));
    expect(reason(approveExtension(byAdmin, admin, T0))).toContain('不能审批自己提出的延期申请');
    // The lead leader decides a request the principal leader made; the principal, one the lead made.
    const principal: Actor = { ...stranger, groupRoles: new Set(['principal']) };
    expect(ok(approveExtension(byLead, principal, T0))).toMatchObject({ due: LATER });
    expect(ok(approveExtension(ok(requestExtension(item, ask, principal, T0)), lead, T0))).toMatchObject({
      due: LATER,
    });
  });
});

describe('cancelItem', () => {
  it('closes the item, drops a pending request and moves the plan; a second time changes nothing', () => {
    const pending = ok(requestExtension(item, { due: LATER, allDay: true, reason: 'x' }, owner, T0));
    const cancelled = ok(cancelItem(pending, '不再推进', creator, T0 + 5));
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      cancelledAt: T0 + 5,
      cancelReason: '不再推进',
      planVersion: 2,
    });
    expect(cancelled.extension).toBeUndefined();
    expect(ok(cancelItem(cancelled, '再取消', creator, T0 + 6))).toBe(cancelled);
    expect(reason(acknowledge(cancelled, owner, T0))).toBe('#7 已取消，不能再签收。');
  });

  it('is not for an owner alone: work handed to someone is not theirs to call off', () => {
    expect(reason(cancelItem(item, '不想做', owner, T0))).toBe(
      '只有 #7 的创建人、牵头领导、主要负责人或管理员可以取消。',
    );
    const groupAdmin: Actor = { ...stranger, groupRoles: new Set(['groupAdmin']) };
    expect(ok(cancelItem(item, '重复登记', groupAdmin, T0)).status).toBe('cancelled');
  });
});

describe('整改 (rectification) closing', () => {
  const rect: Item = { ...item, kind: 'rectification' };

  it('waits for 销号 when an owner finishes it, even when that owner is its lead leader', () => {
    const reported = ok(finishItem(rect, '已清理通道', owner, T0));
    expect(reported).toMatchObject({ status: 'review', result: '已清理通道', reviewRequestedBy: 'ou_zhang' });
    const ownLead: Item = { ...rect, owners: [lead.person] };
    expect(ok(finishItem(ownLead, '已清理', lead, T0)).status).toBe('review');
  });

  it('is signed off by someone who did not do the work, keeping the 整改情况 beside the opinion', () => {
    const reported = ok(finishItem(rect, '已清理通道', owner, T0));
    const closed = ok(signOffRectification(reported, '整改到位', lead, T0 + 1));
    expect(closed).toMatchObject({
      status: 'done',
      result: '已清理通道',
      signoffOpinion: '整改到位',
      signedOffBy: lead.person,
    });
    expect(reason(signOffRectification(reported, '', owner, T0))).toContain('只有 #7 的牵头领导');
    const ownLead = ok(finishItem({ ...rect, owners: [lead.person] }, '已清理', lead, T0));
    expect(reason(signOffRectification(ownLead, '', lead, T0))).toBe(
      '#7 由您本人整改，请由主要负责人或管理员销号。',
    );
    expect(reason(returnRectification(ownLead, '不行', lead))).toContain('由您本人整改');
    const principal: Actor = { ...stranger, groupRoles: new Set(['principal']) };
    expect(ok(signOffRectification(ownLead, '', principal, T0)).status).toBe('done');
  });
});
