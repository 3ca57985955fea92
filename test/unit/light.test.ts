/**
 * The traffic light (红黄绿灯) of an item, and that a list and a digest drawn at the same minute
 * show an item in the same colour (a trial found /列表 yellow where the digest said red).
 */
import { describe, expect, it } from 'vitest';
import { dailyBuckets } from '../../src/bot/texts/digestTexts.ts';
import { WorkingDayCalendar } from '../../src/domain/calendar.ts';
import { lightOf } from '../../src/domain/light.ts';
import { OfficeHours } from '../../src/domain/officeHours.ts';
import { sampleItem } from '../support/sampleItem.ts';

const TZ = 'Asia/Shanghai';
const calendar = new WorkingDayCalendar({ timezone: TZ, workdayStart: '09:00', workdayEnd: '18:00' });
const at = (iso: string) => Date.parse(iso);
const NOW = at('2026-12-04T10:00:00+08:00'); // a Friday
const due = (iso: string) => sampleItem({ due: at(iso) });

describe('lightOf', () => {
  it.each([
    ['overdue', '2026-12-03T18:00:00+08:00', 'red'],
    ['due later today', '2026-12-04T18:00:00+08:00', 'red'],
    ['due on the next working day (Monday)', '2026-12-07T18:00:00+08:00', 'yellow'],
    ['due after it', '2026-12-08T18:00:00+08:00', 'green'],
  ])('%s: %s is %s', (_, when, light) => {
    expect(lightOf(due(when), NOW, calendar)).toBe(light);
  });

  it('is green once the item is closed, whatever its deadline', () => {
    expect(lightOf(sampleItem({ due: NOW - 1, status: 'done' }), NOW, calendar)).toBe('green');
  });

  it('agrees with the digest’s red group (overdue or due today)', () => {
    const items = [due('2026-12-03T18:00:00+08:00'), { ...due('2026-12-04T17:00:00+08:00'), no: 13 }];
    const b = dailyBuckets(items, [], new OfficeHours(calendar, '09:00', '18:00'), 1, NOW);
    for (const item of [...b.overdue, ...b.dueToday]) expect(lightOf(item, NOW, calendar)).toBe('red');
  });
});
