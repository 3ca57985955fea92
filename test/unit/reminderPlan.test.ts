/**
 * The reminder plan on the real 2026 calendar. Expected instants are written by hand from the
 * State Council arrangements (国庆 2026: off 10-01…10-07, Saturday 10-10 worked), never
 * computed by the calendar itself.
 */
import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../src/domain/calendar.ts';
import type { ItemStatus } from '../../src/domain/item.ts';
import { defaultPolicy, type ReminderPolicy } from '../../src/domain/policy.ts';
import {
  groupByFireTime,
  OVERDUE_HORIZON,
  type PlanInput,
  planReminders,
} from '../../src/domain/reminderPlan.ts';

const TZ = 'Asia/Shanghai';
const calendar = new WorkingDayCalendar({ timezone: TZ, workdayStart: '09:00', workdayEnd: '18:00' });
const policy = defaultPolicy({ workdayStart: '09:00', workdayEnd: '18:00' });
const at = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+08:00`);
const show = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

function item(due: string, created: string, extra: Partial<PlanInput> = {}): PlanInput {
  return { status: 'open', due: at(due), createdAt: at(created), ...extra };
}

/** The plan as `kind@YYYY-MM-DD HH:mm` strings, easy to read in a failure. */
function planOf(i: PlanInput, now: number, p: ReminderPolicy = policy): string[] {
  return planReminders(i, p, calendar, now).map((r) => `${r.kind}@${show(r.fireAt)}`);
}

describe('planReminders on the 2026 calendar', () => {
  it('plans an ordinary item: chase, approach, due, escalation and daily overdue', () => {
    // Created Thursday 26 Nov 10:00, due Tuesday 1 Dec 18:00.
    const plan = planOf(item('2026-12-01 18:00', '2026-11-26 10:00'), at('2026-11-26 10:00'));
    expect(plan.slice(0, 9)).toEqual([
      'unacknowledged@2026-11-27 10:00',
      'approach@2026-11-30 09:00',
      'approach@2026-12-01 09:00',
      'due@2026-12-01 18:00',
      'overdue@2026-12-02 09:00',
      'overdue@2026-12-03 09:00',
      // Overdue Wednesday and Thursday: the line is crossed Thursday 18:00, told Friday morning.
      'overdue@2026-12-04 09:00',
      'escalate@2026-12-04 09:00',
      'overdue@2026-12-07 09:00',
    ]);
    expect(plan.filter((p) => p.startsWith('overdue'))).toHaveLength(OVERDUE_HORIZON);
  });

  it('skips the National Day break before a deadline on 2026-10-09, and chases on the worked Saturday', () => {
    const plan = planOf(item('2026-10-09 18:00', '2026-09-29 10:00'), at('2026-09-29 10:00'));
    expect(plan.slice(0, 8)).toEqual([
      'unacknowledged@2026-09-30 10:00',
      'approach@2026-10-08 09:00',
      'approach@2026-10-09 09:00',
      'due@2026-10-09 18:00',
      'overdue@2026-10-10 09:00',
      'overdue@2026-10-12 09:00',
      'overdue@2026-10-13 09:00',
      'escalate@2026-10-13 09:00',
    ]);
  });

  it.each([
    // [due, approachWorkingDays, expected approach instants]
    ['2026-10-08 18:00', 1, ['2026-09-30 09:00', '2026-10-08 09:00']],
    ['2026-10-09 18:00', 2, ['2026-09-30 09:00', '2026-10-08 09:00', '2026-10-09 09:00']],
    // 月底 on a Saturday: the working day before, nothing on the day itself.
    ['2026-10-31 18:00', 1, ['2026-10-30 09:00']],
    // A deadline at office start: the due chase alone speaks that morning.
    ['2026-12-02 09:00', 1, ['2026-12-01 09:00']],
    ['2026-12-02 18:00', 0, ['2026-12-02 09:00']],
  ])('approaches a deadline %s (%i working days ahead) on working days only', (due, days, expected) => {
    const plan = planOf(item(due, '2026-09-28 10:00'), at('2026-09-28 10:00'), {
      ...policy,
      approachWorkingDays: days,
    });
    expect(plan.filter((p) => p.startsWith('approach')).map((p) => p.slice('approach@'.length))).toEqual(
      expected,
    );
  });

  it('chases a deadline on a rest day at the next office start, leaving out that morning’s overdue chase', () => {
    // 月底 on Saturday 31 October, kept as written: chased Monday morning, not on Saturday evening.
    const plan = planOf(item('2026-10-31 18:00', '2026-10-26 10:00'), at('2026-10-26 10:00'));
    expect(plan.filter((p) => p.startsWith('due') || p.includes('2026-11-02'))).toEqual([
      'due@2026-11-02 09:00',
    ]);
    expect(plan.find((p) => p.startsWith('overdue'))).toBe('overdue@2026-11-03 09:00');
    expect(plan.filter((p) => p.startsWith('overdue'))).toHaveLength(OVERDUE_HORIZON);
    // Two working days after Saturday's deadline: Monday and Tuesday, crossed Tuesday 18:00.
    expect(plan.find((p) => p.startsWith('escalate'))).toBe('escalate@2026-11-04 09:00');
  });

  it.each([
    // [deadline, when it is chased]
    ['2026-12-01 18:00', '2026-12-01 18:00'], // at office end: at office end, not a minute later
    ['2026-12-01 20:00', '2026-12-02 09:00'], // in the evening: the next office start
    ['2026-12-01 07:30', '2026-12-01 09:00'], // before office: that morning
    ['2026-09-30 19:00', '2026-10-08 09:00'], // the eve of National Day: after the break
    ['2026-10-10 18:00', '2026-10-10 18:00'], // a worked Saturday (调休) is a working day
  ])('chases a deadline at %s at %s', (due, chased) => {
    const plan = planOf(item(due, '2026-09-28 10:00'), at('2026-09-28 10:00'));
    expect(plan.filter((p) => p.startsWith('due'))).toEqual([`due@${chased}`]);
  });

  it('follows the group’s own office hours (/设置 提醒 上班 08:30 下班 17:30)', () => {
    const own = { ...policy, workdayStart: '08:30', workdayEnd: '17:30' };
    const plan = planOf(item('2026-12-01 18:00', '2026-11-26 10:00'), at('2026-11-26 10:00'), own);
    expect(plan.slice(0, 5)).toEqual([
      'unacknowledged@2026-11-27 10:00',
      'approach@2026-11-30 08:30',
      'approach@2026-12-01 08:30',
      // 18:00 is after this group's office end: the deadline is chased the next morning.
      'due@2026-12-02 08:30',
      'overdue@2026-12-03 08:30',
    ]);
  });

  it('escalates at the very instant the line is crossed when escalations are urgent, inside office hours', () => {
    const urgent = { ...policy, urgentEscalation: true };
    const atEnd = planOf(item('2026-12-01 18:00', '2026-11-26 10:00'), at('2026-11-26 10:00'), urgent);
    expect(atEnd).toContain('escalate@2026-12-03 18:00');
    // 加急 is no licence to wake anyone: a line crossed at 20:00 is escalated at the next office start.
    const evening = planOf(item('2026-12-01 20:00', '2026-11-26 10:00'), at('2026-11-26 10:00'), urgent);
    expect(evening.find((p) => p.startsWith('escalate'))).toBe('escalate@2026-12-04 09:00');
  });

  it('starts the 签收 clock at the next office start for an item recorded on a weekend evening', () => {
    const plan = planOf(item('2026-12-04 18:00', '2026-11-28 21:30'), at('2026-11-28 21:30'));
    expect(plan[0]).toBe('unacknowledged@2026-12-01 09:00');
  });

  it('does not chase an acknowledged item, nor one whose deadline comes first', () => {
    const acknowledged = item('2026-12-01 18:00', '2026-11-26 10:00', {
      acknowledgedAt: at('2026-11-26 11:00'),
    });
    expect(planOf(acknowledged, at('2026-11-26 11:00')).some((p) => p.startsWith('unacknowledged'))).toBe(
      false,
    );
    const dueToday = item('2026-11-26 17:00', '2026-11-26 10:00');
    expect(planOf(dueToday, at('2026-11-26 10:00')).some((p) => p.startsWith('unacknowledged'))).toBe(false);
  });

  it('drops what is past and keeps chasing an item long overdue, escalated once', () => {
    const escalated = item('2026-12-01 18:00', '2026-11-26 10:00', {
      escalations: [{ level: 'principal', due: at('2026-12-01 18:00'), at: at('2026-12-04 09:00') }],
    });
    const plan = planOf(escalated, at('2026-12-08 10:00'));
    expect(plan[0]).toBe('overdue@2026-12-09 09:00');
    expect(plan).toHaveLength(OVERDUE_HORIZON);
    expect(plan.some((p) => p.startsWith('escalate') || p.startsWith('due'))).toBe(false);
  });

  it('never plans a second escalation for the deadline, whatever the policy says after it', () => {
    const escalated = item('2026-12-01 18:00', '2026-11-26 10:00', {
      escalations: [{ level: 'principal', due: at('2026-12-01 18:00'), at: at('2026-12-04 09:00') }],
    });
    // The trial: escalated after 2 working days, then an admin set 升级 3 — Friday 18:00 crossed again.
    for (const n of [1, 2, 3, 5])
      expect(
        planOf(escalated, at('2026-12-04 10:00'), { ...policy, escalateAfterWorkingDays: n }).filter((p) =>
          p.startsWith('escalate'),
        ),
      ).toEqual([]);
    // A new deadline (an approved extension) is a new line: it may be escalated in its turn.
    const extended = { ...escalated, due: at('2026-12-11 18:00') };
    expect(planOf(extended, at('2026-12-04 10:00'))).toContain('escalate@2026-12-16 09:00');
  });

  it('escalates at once an item past a line an admin just lowered, when it was not escalated yet', () => {
    // Due Tuesday 1 December; with 升级 3 the line was Friday 18:00. On Friday 10:17 the admin sets 升级 2:
    // Thursday 18:00 is already behind, so the principal leader is told now, not never.
    const plan = planOf(item('2026-12-01 18:00', '2026-11-26 10:00'), at('2026-12-04 10:17') + 5_000, policy);
    expect(plan.find((p) => p.startsWith('escalate'))).toBe('escalate@2026-12-04 10:18');
  });

  it.each(['done', 'cancelled', 'review'] as ItemStatus[])('plans nothing for a %s item', (status) => {
    expect(planOf(item('2026-12-01 18:00', '2026-11-26 10:00', { status }), at('2026-11-26 10:00'))).toEqual(
      [],
    );
  });

  it('rounds a deadline with seconds (2小时内) up to the whole minute, escalation included', () => {
    const due = at('2026-12-01 14:23') + 37_000;
    const plan = planOf(
      { status: 'open', due, createdAt: at('2026-12-01 12:23') + 37_000 },
      at('2026-12-01 12:24'),
      {
        ...policy,
        urgentEscalation: true,
      },
    );
    expect(plan).toContain('due@2026-12-01 14:24');
    expect(plan).toContain('escalate@2026-12-03 14:24');
  });

  it('groups reminders that fire at the same instant into one job', () => {
    const plan = planReminders(
      item('2026-12-01 18:00', '2026-11-26 10:00'),
      policy,
      calendar,
      at('2026-12-04 09:00'),
    );
    expect(groupByFireTime(plan)[0]).toEqual({
      fireAt: at('2026-12-04 09:00'),
      kinds: ['overdue', 'escalate'],
    });
  });
});
