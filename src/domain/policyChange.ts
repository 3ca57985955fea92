/**
 * Changing a group's reminder policy (`/设置 提醒 …`): a set of requested values checked as a
 * whole against the current policy, so a command either applies completely or not at all.
 * Pure; the refusal reasons are shown to the admin as they are.
 */
import type { ReminderPolicy } from './policy.ts';

export type PolicyChange = Partial<ReminderPolicy>;

export type PolicyOutcome = { ok: true; policy: ReminderPolicy } | { ok: false; reason: string };

/** Bounds that keep a typo (`提前 20`) from silencing or flooding a group. */
export const POLICY_LIMITS = {
  approachWorkingDays: { min: 0, max: 10, label: '提前提醒的工作日数' },
  escalateAfterWorkingDays: { min: 1, max: 30, label: '逾期升级的工作日数' },
  ackWithinWorkingDays: { min: 1, max: 10, label: '签收时限的工作日数' },
} as const;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function applyPolicyChange(current: ReminderPolicy, change: PolicyChange): PolicyOutcome {
  const next: ReminderPolicy = { ...current, ...change };
  for (const [field, { min, max, label }] of Object.entries(POLICY_LIMITS)) {
    const value = next[field as keyof typeof POLICY_LIMITS];
    if (!Number.isInteger(value) || value < min || value > max) {
      return { ok: false, reason: `${label}须为 ${min} 到 ${max} 之间的整数。` };
    }
  }
  for (const [value, name] of [
    [next.workdayStart, '上班时间'],
    [next.workdayEnd, '下班时间'],
  ] as const) {
    if (!HHMM.test(value))
      return { ok: false, reason: `${name}“${value}”不是有效的时刻，请写成 08:30 这样。` };
  }
  if (next.workdayStart >= next.workdayEnd) {
    return {
      ok: false,
      reason: `上班时间（${next.workdayStart}）须早于下班时间（${next.workdayEnd}）。`,
    };
  }
  return { ok: true, policy: next };
}
