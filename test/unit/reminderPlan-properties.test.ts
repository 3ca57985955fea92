/**
 * Properties of the reminder plan over the 2025 and 2026 calendars, with random deadlines,
 * creation and planning times, and random group policies (office hours included): above all
 * the office-hours promise (issue 9 §2) — no reminder of any kind, escalations and deadline
 * chases included, is planned outside the group's office hours or on a rest day. The oracle is
 * the official calendar data and the policy's own `HH:mm` strings, not `OfficeHours`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../src/domain/calendar.ts';
import type { ItemStatus } from '../../src/domain/item.ts';
import { defaultPolicy, type ReminderPolicy } from '../../src/domain/policy.ts';
import {
  byFireTime,
  ceilMinute,
  OVERDUE_HORIZON,
  type PlanInput,
  planReminders,
} from '../../src/domain/reminderPlan.ts';
import { addDays } from '../../src/domain/time.ts';

const calendar = new WorkingDayCalendar({
  timezone: 'Asia/Shanghai',
  workdayStart: '09:00',
  workdayEnd: '18:00',
});
const policy = defaultPolicy({ workdayStart: '09:00', workdayEnd: '18:00' });
const at = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+08:00`);
const show = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('planReminders properties, over the 2025 and 2026 calendars', () => {
  /** Office hours a group may set: start 06:00–11:30 on the half hour, 3 to 11 hours long. */
  const hoursArb = fc
    .record({ start: fc.integer({ min: 12, max: 23 }), length: fc.integer({ min: 6, max: 22 }) })
    .map(({ start, length }) => {
      const hhmm = (halfHours: number) =>
        `${String(Math.floor(halfHours / 2)).padStart(2, '0')}:${halfHours % 2 ? '30' : '00'}`;
      return [hhmm(start), hhmm(Math.min(47, start + length))] as const;
    });
  const from = at('2025-01-01 00:00');
  const arb = fc.record({
    created: fc.integer({ min: from, max: at('2026-11-30 00:00') }),
    // Deadlines anywhere in the day and week (a minute, 60 days), some on the dot of office end.
    dueAfterMin: fc.oneof(fc.integer({ min: 1, max: 60 * 24 * 60 }), fc.constant(-1)),
    nowAfterMin: fc.integer({ min: 0, max: 60 * 24 * 90 }),
    ackAfterMin: fc.option(fc.integer({ min: 0, max: 60 * 24 * 5 })),
    hours: hoursArb,
    approach: fc.integer({ min: 0, max: 3 }),
    escalate: fc.integer({ min: 0, max: 5 }),
    ack: fc.integer({ min: 0, max: 3 }),
    urgent: fc.boolean(),
    endDays: fc.integer({ min: 0, max: 60 }),
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
    // -1: a deadline at this group's office end, `endDays` days after creation (`12月20日前`).
    const due =
      c.dueAfterMin >= 0
        ? c.created + c.dueAfterMin * 60_000
        : at(`${show(c.created + (c.endDays + 1) * 86_400_000).slice(0, 10)} ${c.hours[1]}`);
    const i: PlanInput = {
      status: 'open',
      createdAt: c.created,
      due,
      ...(c.ackAfterMin !== null ? { acknowledgedAt: c.created + c.ackAfterMin * 60_000 } : {}),
    };
    const now = c.created + c.nowAfterMin * 60_000;
    return { p, i, now, plan: planReminders(i, p, calendar, now) };
  };

  /** The oracle: a working day of the official calendar, office start through office end, in Beijing. */
  const mayPush = (ms: number, p: ReminderPolicy) => {
    const [date, time] = show(ms).split(' ') as [string, string];
    return calendar.isWorkingDay(date) && time >= p.workdayStart && time <= p.workdayEnd;
  };

  it('never plans in the past, keeps fire-time order, and lists one due at most', () => {
    fc.assert(
      fc.property(arb, (c) => {
        const { i, now, plan } = build(c);
        expect(plan.every((r) => r.fireAt >= now)).toBe(true);
        expect([...plan].sort(byFireTime)).toEqual(plan);
        const dues = plan.filter((r) => r.kind === 'due');
        expect(dues.length).toBeLessThanOrEqual(1);
        // Whole minutes, never before what they are about: same minute means same instant.
        expect(plan.every((r) => r.fireAt % 60_000 === 0)).toBe(true);
        if (dues[0]) expect(dues[0].fireAt).toBeGreaterThanOrEqual(ceilMinute(i.due));
        expect(plan.filter((r) => r.kind === 'overdue')).toHaveLength(OVERDUE_HORIZON);
      }),
      { numRuns: 400 },
    );
  });

  it('puts every reminder, escalations and deadline chases included, in office hours on a working day', () => {
    fc.assert(
      fc.property(arb, (c) => {
        const { p, plan } = build(c);
        for (const r of plan) expect(mayPush(r.fireAt, p), `${r.kind}@${show(r.fireAt)}`).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('chases a deadline at the deadline when office hours allow, otherwise at the next office start', () => {
    fc.assert(
      fc.property(arb, (c) => {
        const { p, i, now, plan } = build(c);
        const due = plan.find((r) => r.kind === 'due');
        const wanted = ceilMinute(i.due);
        if (mayPush(wanted, p)) {
          if (wanted >= now) expect(due?.fireAt).toBe(wanted);
        } else if (due) {
          // The first office start after the deadline: no office start of a working day lies between.
          expect(show(due.fireAt).slice(11)).toBe(p.workdayStart);
          expect(due.fireAt).toBeGreaterThan(wanted);
          for (let d = show(wanted).slice(0, 10); d < show(due.fireAt).slice(0, 10); d = addDays(d, 1))
            if (calendar.isWorkingDay(d)) expect(at(`${d} ${p.workdayStart}`)).toBeLessThan(wanted);
          // That morning's overdue chase is left out: the deadline chase says it.
          expect(plan.some((r) => r.kind === 'overdue' && r.fireAt === due.fireAt)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('lists an escalation made for the deadline only at its own instant, never again', () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 60 * 24 * 30 }), (c, agoMin) => {
        const { p, i, now } = build(c);
        const made = ceilMinute(now) - agoMin * 60_000;
        const input: PlanInput = { ...i, escalations: [{ level: 'principal', due: i.due, at: made }] };
        expect(planReminders(input, p, calendar, now).some((r) => r.kind === 'escalate')).toBe(false);
        // The job that made it, retried at its fire time, still finds it in the plan.
        const retried = planReminders(input, p, calendar, made).filter((r) => r.kind === 'escalate');
        if (mayPush(made, p)) expect(retried).toEqual([{ kind: 'escalate', fireAt: made }]);
      }),
      { numRuns: 200 },
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
