/**
 * Phrases that contain a deadline-looking part but are something else, read whole so that the
 * part is never taken alone (issue 10 §1): a schedule (`每周五16:00`, `每月5日前` — `/周期`
 * takes those) and a working day counted from nothing said (`第一个工作日`, `最后一个工作日`).
 * They are tier-1 rules: starting before the part they contain, they take it out of play.
 */
import { NUMBER } from './numerals.ts';
import type { PhraseRule } from './types.ts';

const UNIT = '(?:天|日|工作日|周|星期|礼拜|月|季度|季|年|旬)';
/** What may follow the unit of a schedule: the day, weekday or end of the period. */
const WHEN = [
  `第\\s*${NUMBER}\\s*个?\\s*工作日`,
  '最后\\s*一\\s*个?\\s*工作日',
  `${NUMBER}\\s*月\\s*${NUMBER}\\s*[日号]`,
  `${NUMBER}\\s*[日号]`,
  '(?:周|星期|礼拜)?[一二三四五六日天1-7]',
  '[末底初]',
  '[上中下]旬',
].join('|');

const recurrence: PhraseRule = {
  name: 'recurrence',
  pattern: `每\\s*(?:隔\\s*)?(?:${NUMBER}\\s*)?个?\\s*${UNIT}(?:\\s*的?\\s*(?:${WHEN}))?`,
  read: (m) => ({
    kind: 'refusal',
    refusal: 'recurrence',
    reason: `“${m[0]}”是周期性的安排，不是一次的截止时间；周期事项请用 /周期 设置，如“/周期 报送周报 @张三 每周五16:00”`,
  }),
};

const ordinalWorkingDay: PhraseRule = {
  name: 'working day without a start',
  pattern: `(?:第\\s*${NUMBER}|最后\\s*一)\\s*个?\\s*工作日`,
  read: (m) => ({
    kind: 'refusal',
    refusal: 'vague',
    reason: `“${m[0]}”没有说从哪天算起，请写“3个工作日内”“国庆节后第1个工作日”或具体日期`,
  }),
};

export const notDeadlineRules: readonly PhraseRule[] = [recurrence, ordinalWorkingDay];
