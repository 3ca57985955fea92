/**
 * The reminder plan on the real 2026 calendar. Expected instants are written by hand from the
 * State Council arrangements (国庆 2026: off 10-01…10-07, Saturday 10-10 worked), never
 * computed by the calendar itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../src/domain/calendar.ts';
import type { ItemStatus } from '../../src/domain/item.ts';
import { OfficeHours } from '../../src/domain/officeHours.ts';
import { defaultPolicy, type ReminderPolicy } from '../../src/domain/policy.ts';
import {
  byFireTime,
  ceilMinute,
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

  it('fires the due chase at the deadline even outside office hours', () => {
    const plan = planOf(item('2026-10-31 18:00', '2026-10-26 10:00'), at('2026-10-26 10:00'));
    expect(plan).toContain('due@2026-10-31 18:00');
    expect(plan.find((p) => p.startsWith('overdue'))).toBe('overdue@2026-11-02 09:00');
    // Two working days after Saturday's deadline: Monday and Tuesday, crossed Tuesday 18:00.
    expect(plan.find((p) => p.startsWith('escalate'))).toBe('escalate@2026-11-04 09:00');
  });

  it('escalates at the very instant the line is crossed when escalations are urgent', () => {
    const plan = planOf(item('2026-12-01 18:00', '2026-11-26 10:00'), at('2026-11-26 10:00'), {
      ...policy,
      urgentEscalation: true,
    });
    expect(plan).toContain('escalate@2026-12-03 18:00');
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

  it('drops what is past and keeps chasing an item long overdue', () => {
    const plan = planOf(item('2026-12-01 18:00', '2026-11-26 10:00'), at('2026-12-08 10:00'));
    expect(plan[0]).toBe('overdue@2026-12-09 09:00');
    expect(plan).toHaveLength(OVERDUE_HORIZON);
    expect(plan.some((p) => p.startsWith('escalate') || p.startsWith('due'))).toBe(false);
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

describe('planReminders properties', () => {
  const HOURS = [
    ['09:00', '18:00'],
    ['08:30', '17:30'],
    ['09:00', '12:00'],
  ] as const;
  const start = at('2026-01-01 00:00');
  const arb = fc.record({
    created: fc.integer({ min: start, max: at('2026-11-30 00:00') }),
    dueAfterMin: fc.integer({ min: 1, max: 60 * 24 * 60 }),
    nowAfterMin: fc.integer({ min: 0, max: 60 * 24 * 90 }),
    ackAfterMin: fc.option(fc.integer({ min: 0, max: 60 * 24 * 5 })),
    hours: fc.constantFrom(...HOURS),
    approach: fc.integer({ min: 0, max: 3 }),
    escalate: fc.integer({ min: 0, max: 5 }),
    ack: fc.integer({ min: 0, max: 3 }),
    urgent: fc.boolean(),
  });
  type Case = typeof arb extends fc.Arbitrary<infer T> ? T : never;
  const build = (c: Case) => {
    const p: ReminderPolicy = {
      ...policy,
      workdayStart: c.hours[0],
      workdayEnd: c.hours[1],
      approachWorkingDays: c.approach,
      escalateAfterWorkingDays: c.escalate,
      ackWithinWorkingDays: c.ack,
      urgentEscalation: c.urgent,
    };
    const i: PlanInput = {
      status: 'open',
      createdAt: c.created,
      due: c.created + c.dueAfterMin * 60_000,
      ...(c.ackAfterMin !== null ? { acknowledgedAt: c.created + c.ackAfterMin * 60_000 } : {}),
    };
    const now = c.created + c.nowAfterMin * 60_000;
    return { p, i, now, plan: planReminders(i, p, calendar, now) };
  };

  it('never plans in the past, keeps fire-time order, and lists one due at most', () => {
    fc.assert(
      fc.property(arb, (c) => {
        const { i, now, plan } = build(c);
        expect(plan.every((r) => r.fireAt >= now)).toBe(true);
        expect([...plan].sort(byFireTime)).toEqual(plan);
        const dues = plan.filter((r) => r.kind === 'due');
        expect(dues.length).toBeLessThanOrEqual(1);
        if (dues[0]) expect(dues[0].fireAt).toBe(ceilMinute(i.due));
        // Whole minutes, never before what they are about: same minute means same instant.
        expect(plan.every((r) => r.fireAt % 60_000 === 0)).toBe(true);
        if (dues[0]) expect(dues[0].fireAt - i.due).toBeLessThan(60_000);
        expect(plan.filter((r) => r.kind === 'overdue')).toHaveLength(OVERDUE_HORIZON);
      }),
      { numRuns: 300 },
    );
  });

  it('puts everything but the due chase and urgent escalations in office hours on working days', () => {
    fc.assert(
      fc.property(arb, (c) => {
        const { p, plan } = build(c);
        const office = new OfficeHours(calendar, p.workdayStart, p.workdayEnd);
        for (const r of plan) {
          if (r.kind === 'due' || (r.kind === 'escalate' && p.urgentEscalation)) continue;
          expect(office.isOpen(r.fireAt), `${r.kind}@${show(r.fireAt)}`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('replanned from just after its first fire time, a plan keeps every later reminder', () => {
    fc.assert(
      fc.property(arb, (c) => {
        const { p, i, plan } = build(c);
        const first = plan[0];
        if (!first) return;
        const later = planReminders(i, p, calendar, first.fireAt + 1);
        const key = (r: { kind: string; fireAt: number }) => `${r.kind}@${r.fireAt}`;
        const laterKeys = new Set(later.map(key));
        for (const r of plan.filter((x) => x.fireAt > first.fireAt)) expect(laterKeys.has(key(r))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('plans nothing once the item is closed', () => {
    fc.assert(
      fc.property(arb, fc.constantFrom<ItemStatus>('done', 'cancelled'), (c, status) => {
        const { p, i, now } = build(c);
        expect(planReminders({ ...i, status }, p, calendar, now)).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });
});
