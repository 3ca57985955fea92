/**
 * The texts of `/设置`: the current settings of a group, and what a change changed. Kept apart
 * from the handler (like `replies.ts`) so the cards work can show the same facts as a card.
 * Names are plain text here: reading settings should not ping anyone.
 */
import type { Person } from '../../domain/item.ts';
import type { GroupSettings, ReminderPolicy } from '../../domain/policy.ts';
import { escapeText, namesOf } from './format.ts';

const onOff = (b: boolean) => (b ? '开' : '关');

/** One line per policy field, in a fixed order, so a change can be shown as the lines it moved. */
export function policyLines(p: ReminderPolicy): string[] {
  return [
    `临近提醒：截止前 ${p.approachWorkingDays} 个工作日起，每个工作日上班时提醒`,
    `办公时间：${p.workdayStart}-${p.workdayEnd}（非工作时间、节假日不推送）`,
    `逾期升级：逾期 ${p.escalateAfterWorkingDays} 个工作日后告知主要负责人`,
    `签收时限：${p.ackWithinWorkingDays} 个工作日内未签收即催办`,
    `日报：${onOff(p.digest)}　周报：${onOff(p.weeklyReport)}　升级加急：${onOff(p.urgentEscalation)}`,
  ];
}

const who = (people: readonly Person[]) => escapeText(namesOf(people));

export function settingsText(s: GroupSettings): string {
  return [
    '⚙️ 本群设置',
    `主要负责人：${s.principal ? who([s.principal]) : '未设置（管理员可发送 /设置 领导 @某人）'}`,
    `群管理员：${s.admins.length > 0 ? who(s.admins) : '未设置'}`,
    '提醒规则：',
    ...policyLines(s.policy).map((l) => `· ${l}`),
    '修改（仅管理员）：/设置 提醒 提前 2 个工作日 | 上班 08:30 下班 17:30 | 升级 3 | 日报 关 | 加急 开',
  ].join('\n');
}

export function principalText(after: GroupSettings, changed: boolean): string {
  if (!after.principal) return changed ? '✅ 已清除本群的主要负责人。' : '本群尚未设置主要负责人。';
  return changed
    ? `✅ 本群主要负责人已设为 ${who([after.principal])}，逾期事项将按规则告知。`
    : `${who([after.principal])} 已是本群主要负责人。`;
}

export function adminsText(op: 'add' | 'remove', people: readonly Person[], after: GroupSettings): string {
  const verb = op === 'add' ? '设为群管理员' : '移出群管理员';
  return [
    `✅ 已将 ${who(people)} ${verb}。`,
    `现有群管理员：${after.admins.length > 0 ? who(after.admins) : '无'}`,
  ].join('\n');
}

/** The policy lines that differ, before → after; empty when nothing changed. */
export function policyChangedText(before: ReminderPolicy, after: ReminderPolicy): string {
  const was = policyLines(before);
  const now = policyLines(after);
  const moved = now.filter((line, i) => line !== was[i]);
  if (moved.length === 0) return '提醒规则没有变化。';
  return ['✅ 已更新本群提醒规则：', ...moved.map((l) => `· ${l}`)].join('\n');
}

/** For the audit stream: what changed, in words an auditor reads. */
export function policyAuditDetail(before: ReminderPolicy, after: ReminderPolicy): string {
  const was = policyLines(before);
  return policyLines(after)
    .filter((line, i) => line !== was[i])
    .join('；');
}
