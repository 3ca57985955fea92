/**
 * 确认导入 / 取消 on a `/日历 导入` preview. Only an organisation admin may press either: the
 * calendar is the whole organisation's. 确认导入 takes the notice held under the pasting message
 * (taking removes it, so a second press finds nothing) and makes it the year's arrangement; the
 * open items' reminders are then replanned on the follow-ups queue — a tenant may hold thousands,
 * more than a press may wait for. Deadlines already recorded stay as they are.
 */
import type { Queue } from 'bullmq';
import { REPLAN_TENANT, type ReplanTenant } from '../jobs/followUp.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import { type CardAnswer, type CardPress, toast } from '../src/bot/dispatch/cardPress.ts';
import type { NoticeImportValue } from '../src/lark/cards/actionValue.ts';
import { noticeImportCard } from '../src/lark/cards/noticeImportCard.ts';

export type NoticePress = CardPress & { value: NoticeImportValue };

export async function answerNoticePress(
  deps: BotDeps & { followUps: Queue },
  p: NoticePress,
): Promise<CardAnswer> {
  if (!deps.authority.isOrgAdmin(p.operator))
    return toast('error', '只有系统管理员可以导入全单位的放假安排。');
  const by = (await deps.people.namesOf(p.tenant, [p.operator])).get(p.operator) ?? '管理员';
  if (p.value.action === 'dropNotice') {
    const held = await deps.calendars.takeNotice(p.tenant, p.value.id);
    if (!held) return toast('info', '这份放假安排已经处理过或已过期。');
    const card = noticeImportCard({
      heldId: p.value.id,
      ...held,
      problems: [],
      outcome: { kind: 'dropped', by },
    });
    return toast('info', '已取消，没有导入。', card);
  }
  const held = await deps.calendars.takeNotice(p.tenant, p.value.id);
  if (!held) return toast('warning', '这份放假安排已经处理过或已过期，如需导入请重新发送 /日历 导入。');
  await deps.calendars.importArrangement(p.tenant, held, { actor: p.operator, at: deps.clock.now() });
  const job: ReplanTenant = { tenant: p.tenant };
  await deps.followUps.add(REPLAN_TENANT, job, { jobId: `replan-tenant-${p.eventId.replace(/:/g, '_')}` });
  const card = noticeImportCard({
    heldId: p.value.id,
    ...held,
    problems: [],
    outcome: { kind: 'applied', by },
  });
  return toast('success', `已导入 ${held.year} 年放假安排。`, card);
}
