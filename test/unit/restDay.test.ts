/**
 * The rest-day note of a confirmation, on the official 2025 and 2026 arrangements written out
 * in `holidays-cn.md` (the expected days are typed from there, not computed by the calendar).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../src/domain/calendar.ts';
import { restDayDeadline } from '../../src/domain/restDay.ts';

const calendar = new WorkingDayCalendar({
  timezone: 'Asia/Shanghai',
  workdayStart: '09:00',
  workdayEnd: '18:00',
});
const at = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+08:00`);
const NOW = at('2026-11-26 10:00');

describe('restDayDeadline', () => {
  it('says that 12月20日 is a Sunday and suggests Friday 18 December', () => {
    const r = restDayDeadline(at('2026-12-20 18:00'), true, calendar, NOW);
    expect(r).toMatchObject({ date: '2026-12-20', workingDayBefore: '2026-12-18' });
    expect(r?.note).toContain('12月20日是周日（休息日）');
    expect(r?.note).toContain('建议改为前一个工作日 12月18日（周五）。');
  });

  it('names the holiday, and walks back over the whole break', () => {
    // 国庆节 2026: 1–7 October off; the last working day before 3 October is 30 September.
    const r = restDayDeadline(at('2026-10-03 18:00'), true, calendar, at('2026-09-28 10:00'));
    expect(r?.note).toContain('10月3日是周六（国庆节，休息日）');
    expect(r?.workingDayBefore).toBe('2026-09-30');
    // 春节 2026: 15–23 February off, 14 February (Saturday) worked.
    expect(
      restDayDeadline(at('2026-02-17 18:00'), true, calendar, at('2026-02-02 10:00'))?.workingDayBefore,
    ).toBe('2026-02-14');
  });

  it('keeps the time of a deadline set at a time of day, and says the year when it is not this one', () => {
    const saturday = restDayDeadline(at('2026-12-05 10:00'), false, calendar, NOW);
    expect(saturday?.note).toContain('12月5日是周六（休息日）');
    expect(saturday?.note).toContain('12月4日（周五） 10:00。');
    // 元旦 2026: 1–3 January off. Said in December 2025: the year goes with the January date only.
    const newYear = restDayDeadline(at('2026-01-03 18:00'), true, calendar, at('2025-12-20 10:00'));
    expect(newYear?.note).toContain('2026年1月3日是周六（元旦，休息日）');
    expect(newYear?.note).toContain('建议改为前一个工作日 12月31日（周三）。');
  });

  it('suggests the working day after when the one before is already over (明天 said at 20:00 on a Friday)', () => {
    const r = restDayDeadline(at('2026-12-05 18:00'), true, calendar, at('2026-12-04 20:00'));
    expect(r?.note).toContain('12月5日是周六（休息日）');
    expect(r?.note).toContain('建议改为其后第一个工作日 12月7日（周一）。');
    expect(r?.suggested).toBe('2026-12-07');
    // Earlier that Friday the Friday itself is still ahead.
    const morning = restDayDeadline(at('2026-12-05 18:00'), true, calendar, at('2026-12-04 10:00'));
    expect(morning?.note).toContain('建议改为前一个工作日 12月4日（周五）。');
  });

  it('says nothing of a working day, a worked Saturday (调休) included', () => {
    expect(restDayDeadline(at('2026-12-18 18:00'), true, calendar, NOW)).toBeUndefined();
    expect(restDayDeadline(at('2026-10-10 18:00'), true, calendar, at('2026-09-28 10:00'))).toBeUndefined();
    expect(restDayDeadline(at('2025-09-28 18:00'), true, calendar, at('2025-09-01 10:00'))).toBeUndefined();
  });

  it('over 2025 and 2026, notes exactly the rest days and suggests a working day just before', () => {
    const from = at('2025-01-02 00:00');
    fc.assert(
      fc.property(fc.integer({ min: from, max: at('2026-12-31 23:59') }), fc.boolean(), (due, allDay) => {
        const r = restDayDeadline(due, allDay, calendar, from);
        const date = new Date(due + 8 * 3600_000).toISOString().slice(0, 10);
        expect(r === undefined).toBe(calendar.isWorkingDay(date));
        if (!r) return;
        expect(r.workingDayBefore < r.date).toBe(true);
        expect(calendar.isWorkingDay(r.workingDayBefore)).toBe(true);
        for (let d = Date.parse(`${r.workingDayBefore}T12:00:00Z`) + 86_400_000; ; d += 86_400_000) {
          const day = new Date(d).toISOString().slice(0, 10);
          if (day >= r.date) break;
          expect(calendar.isWorkingDay(day)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});
