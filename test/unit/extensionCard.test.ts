/**
 * The extension request card (延期申请) in each of its states: waiting (whom it asks), approved
 * or rejected (who decided, when, the reason — kept after the item closes), superseded, and moot
 * (closed while nobody had decided). Each state is read from the item alone, so every redraw
 * agrees; the JSON of the main states is a committed snapshot.
 */
import { describe, expect, it } from 'vitest';
import { extensionCard } from '../../src/lark/cards/extensionCard.ts';
import { cardButtons, cardText } from '../support/cardText.ts';
import { SAMPLE_NOW, SAMPLE_TZ, sampleItem, WANG, ZHANG } from '../support/sampleItem.ts';

const TZ = SAMPLE_TZ;
const at = (iso: string) => Date.parse(iso);
const NOW = SAMPLE_NOW;
const item = sampleItem;

describe('extension card', () => {
  const request = {
    due: at('2026-12-18T18:00:00+08:00'),
    allDay: true,
    reason: '材料未齐',
    by: ZHANG,
    at: NOW,
  };
  const pending = item({ extension: request });
  const view = { request, from: pending.due };

  it('asks the lead leader to approve or reject, with old and new deadline and the reason', () => {
    const c = extensionCard(pending, view, { timezone: TZ });
    expect(c).toMatchSnapshot();
    const text = cardText(c);
    expect(text).toContain('⏳ #12 起草年度工作总结 申请延期');
    expect(text).toContain('新截止：2026-12-18 18:00 周五（原截止 2026-12-10 18:00 周四）');
    expect(text).toContain('理由：材料未齐');
    expect(text).toContain(`请牵头领导 <at id=${WANG.openId}></at> 审批（主要负责人或管理员也可审批）。`);
    expect(cardButtons(c).get('批准')).toEqual({ action: 'approve', no: 12, v: 1, view: 'ext', req: NOW });
  });

  it('says so when the lead leader asked, and asks the principal leader or an admin instead', () => {
    const byLead = item({ extension: { ...request, by: WANG } });
    const principal = { openId: 'ou_zhao', name: '赵书记' };
    const toPrincipal = cardText(
      extensionCard(
        byLead,
        { request: byLead.extension!, from: byLead.due },
        {
          timezone: TZ,
          decider: { kind: 'principal', person: principal },
        },
      ),
    );
    expect(toPrincipal).toContain('申请人是牵头领导本人，请主要负责人 <at id=ou_zhao></at> 或管理员审批。');
    expect(toPrincipal).not.toContain(`请牵头领导 <at id=${WANG.openId}>`);
    const toAdmins = cardText(
      extensionCard(byLead, { request: byLead.extension!, from: byLead.due }, { timezone: TZ }),
    );
    expect(toAdmins).toContain('申请人是牵头领导本人，请管理员审批（本群尚未设置主要负责人');
  });

  it('asks the lead leader and the assigner of work assigned privately: there is no principal', () => {
    const assigner = { openId: 'ou_liu', name: '刘局长' };
    const privately = item({ extension: request, chatType: 'p2p', chatId: 'oc_p2p', creator: assigner });
    const c = extensionCard(privately, { request, from: privately.due }, { timezone: TZ });
    expect(c).toMatchSnapshot();
    const text = cardText(c);
    expect(text).toContain(
      `请牵头领导 <at id=${WANG.openId}></at> 或交办人 <at id=ou_liu></at> 审批（管理员也可审批）。`,
    );
    expect(text).not.toContain('主要负责人');
    // The lead leader asked: the assigner decides, and no group is there to set a principal in.
    const byLead = { ...request, by: WANG };
    const toAssigner = cardText(
      extensionCard(
        { ...privately, extension: byLead },
        { request: byLead, from: privately.due },
        { timezone: TZ },
      ),
    );
    expect(toAssigner).toContain(
      '申请人是牵头领导本人，请交办人 <at id=ou_liu></at> 审批（管理员也可审批）。',
    );
  });

  const { extension: _e, ...undecided } = pending;
  const DECIDED = at('2026-11-27T09:30:00+08:00');
  const rejection = {
    requestAt: NOW,
    approved: false,
    by: WANG,
    at: DECIDED,
    reason: '节点不能推迟',
    from: pending.due,
    to: request.due,
  };
  const rejected = item({ extensionDecisions: [rejection] });
  const approved = item({
    due: request.due,
    extensionCount: 1,
    planVersion: 2,
    extensionDecisions: [{ ...rejection, approved: true, reason: undefined }],
  });

  it('shows an approval with who approved it, when, and both deadlines', () => {
    const a = extensionCard(approved, view, { timezone: TZ });
    expect(a).toMatchSnapshot();
    expect(cardText(a)).toContain(
      `已批准（<at id=${WANG.openId}></at>，2026-11-27 09:30 周五）：截止时间由 2026-12-10 18:00 周四 改为 2026-12-18 18:00 周五。`,
    );
    expect(cardButtons(a).size).toBe(0);
  });

  it('shows a rejection with who rejected it and the reason', () => {
    const r = extensionCard(rejected, view, { timezone: TZ });
    expect(r).toMatchSnapshot();
    expect(cardText(r)).toContain(
      `未获批准（<at id=${WANG.openId}></at>，2026-11-27 09:30 周五）：截止时间仍为 2026-12-10 18:00 周四。`,
    );
    expect(cardText(r)).toContain('驳回理由：节点不能推迟');
    expect(cardButtons(r).size).toBe(0);
  });

  it('keeps a decision after the item closes or its deadline moves again, noting the closing', () => {
    const done = { ...rejected, status: 'done' as const, doneAt: NOW + 86_400_000 };
    const text = cardText(extensionCard(done, view, { timezone: TZ }));
    expect(text).toContain('❌ #12 起草年度工作总结 延期申请未获批准');
    expect(text).toContain(`未获批准（<at id=${WANG.openId}></at>`);
    expect(text).toContain('驳回理由：节点不能推迟');
    expect(text).toContain('#12 已完成。');
    expect(text).not.toContain('不再需要审批');
    const later = { ...approved, due: at('2026-12-25T18:00:00+08:00'), status: 'cancelled' as const };
    const again = cardText(extensionCard(later, view, { timezone: TZ }));
    expect(again).toContain('截止时间由 2026-12-10 18:00 周四 改为 2026-12-18 18:00 周五');
    expect(again).toContain('#12 已取消。');
  });

  it('calls an undecided request moot once the item closes, and a replaced one superseded', () => {
    const moot = cardText(extensionCard({ ...undecided, status: 'done' }, view, { timezone: TZ }));
    expect(moot).toContain('#12 起草年度工作总结 已完成');
    expect(moot).toContain('事项已办结或取消，延期申请不再需要审批。');
    const newer = item({ extension: { ...request, at: NOW + 60_000 } });
    expect(cardText(extensionCard(newer, view, { timezone: TZ }))).toContain('已被新的延期申请替代');
  });

  it('reads the outcome from the deadline for a request decided before decisions were kept', () => {
    const { extensionDecisions: _a, ...legacyApproved } = approved;
    expect(cardText(extensionCard(legacyApproved, view, { timezone: TZ }))).toContain(
      '已批准：截止时间由 2026-12-10 18:00 周四 改为 2026-12-18 18:00 周五。',
    );
    expect(cardText(extensionCard(undecided, view, { timezone: TZ }))).toContain(
      '未获批准：截止时间仍为 2026-12-10 18:00 周四。',
    );
  });
});
