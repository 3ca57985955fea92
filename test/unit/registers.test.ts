/**
 * The registers' rules at their lines (`src/domain/registers.ts`): 10 and 11 pages, 10 and 9
 * days ahead, exactly half random, a quarter's edge, the −30% pace, and the days people write.
 */
import { expect, it } from 'vitest';
import {
  documentRefusal,
  duplicateInspection,
  type InspectionEntry,
  inspectionRefusal,
  paceOf,
  randomShare,
  readDay,
  type SurveyEntry,
} from '../../src/domain/registers.ts';

it('draws each line where the notice does', () => {
  expect(documentRefusal({ pages: 10, policy: true })).toBeUndefined();
  expect(documentRefusal({ pages: 11, policy: true })).toContain('11 页');
  expect(documentRefusal({ pages: 11, policy: true, reason: '附表' })).toBeUndefined();
  expect(documentRefusal({ pages: 30, policy: false })).toBeUndefined();
  expect(inspectionRefusal({ date: '2026-12-13', planned: false }, '2026-12-03')).toBeUndefined();
  expect(inspectionRefusal({ date: '2026-12-12', planned: false }, '2026-12-03')).toContain('2026-12-13');
  expect(inspectionRefusal({ date: '2026-12-04', planned: true }, '2026-12-03')).toBeUndefined();
  const survey = (mode: SurveyEntry['mode']) => ({ mode }) as SurveyEntry;
  expect(randomShare([survey('暗访'), survey('安排')]).belowRule).toBe(false);
  expect(randomShare([survey('随机'), survey('安排'), survey('安排')]).belowRule).toBe(true);
  expect(randomShare([]).share).toBeUndefined();
});

it('counts a matter once per quarter, and the next quarter afresh', () => {
  const first = { no: 1, matter: '消防 安全检查', unit: '县商务委', date: '2026-12-31' } as InspectionEntry;
  expect(duplicateInspection([first], { matter: '消防安全检查', unit: '县商务委', date: '2026-10-01' })).toBe(
    first,
  );
  expect(
    duplicateInspection([first], { matter: '消防安全检查', unit: '县商务委', date: '2027-01-01' }),
  ).toBeUndefined();
  expect(
    duplicateInspection([first], { matter: '消防安全检查', unit: '县民政局', date: '2026-12-01' }),
  ).toBeUndefined();
});

it('projects the year at the current rate against last year less 30%', () => {
  // Half way through 2026 (2 July is day 183 of 365) with 35 of a 100 baseline: on course for 70.
  expect(paceOf(100, 35, '2026-07-02')).toMatchObject({ target: 70, projected: 70, offPace: false });
  expect(paceOf(100, 36, '2026-07-02')).toMatchObject({ projected: 72, offPace: true });
  expect(paceOf(100, 71, '2026-12-31').offPace).toBe(true);
});

it('reads the days people write, and nothing else', () => {
  expect(readDay('12月8日', '2026-12-03')).toBe('2026-12-08');
  expect(readDay('2027-1-5', '2026-12-03')).toBe('2027-01-05');
  expect(readDay('2026年2月28日', '2026-12-03')).toBe('2026-02-28');
  expect(readDay('明天', '2026-12-31')).toBe('2027-01-01');
  expect(readDay('下周五', '2026-12-03')).toBe('2026-12-11');
  expect(readDay('本周一', '2026-12-06')).toBe('2026-11-30');
  expect(readDay('2月30日', '2026-12-03')).toBeUndefined();
  expect(readDay('下周', '2026-12-03')).toBeUndefined();
});
