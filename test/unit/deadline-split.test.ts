/**
 * `/任务 <标题> … <截止>`: the deadline is the longest trailing phrase that parses; the title
 * is what remains. `now` is Thursday 2026-11-26 10:00 in Shanghai.
 */
import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../src/domain/calendar.ts';
import { readWholeDeadline, splitTrailingDeadline } from '../../src/domain/deadline/index.ts';

const settings = { timezone: 'Asia/Shanghai', workdayStart: '09:00', workdayEnd: '18:00' };
const options = { ...settings, calendar: new WorkingDayCalendar(settings) };
const NOW = Date.parse('2026-11-26T10:00:00+08:00');
const split = (text: string) => splitTrailingDeadline(text, NOW, options);

describe('splitTrailingDeadline', () => {
  it.each([
    ['起草年度工作总结 3个工作日内', '起草年度工作总结', '2026-12-01T18:00:00+08:00', '3个工作日内'],
    ['起草年度工作总结3个工作日内', '起草年度工作总结', '2026-12-01T18:00:00+08:00', '3个工作日内'],
    ['整理明天会议纪要 下周五下班前', '整理明天会议纪要', '2026-12-04T18:00:00+08:00', '下周五下班前'],
    ['报送材料 12月10日17时前', '报送材料', '2026-12-10T17:00:00+08:00', '12月10日17时前'],
    ['报送材料 2026-12-10 17:00', '报送材料', '2026-12-10T17:00:00+08:00', '2026-12-10 17:00'],
    ['报告 请于12月10日前完成', '报告', '2026-12-10T18:00:00+08:00', '12月10日前'],
    ['第3季度报告 明天', '第3季度报告', '2026-11-27T18:00:00+08:00', '明天'],
    [
      '核对十三个工作日内的台账 二十三个工作日内',
      '核对十三个工作日内的台账',
      '2026-12-29T18:00:00+08:00',
      '二十三个工作日内',
    ],
  ])('%s → title %s, due %s', (text, title, due, matched) => {
    const { title: t, deadline } = split(text);
    expect(t).toBe(title);
    if (!deadline.ok) throw new Error(deadline.reason);
    expect(new Date(deadline.due).toISOString()).toBe(new Date(due).toISOString());
    expect(deadline.matched).toBe(matched);
  });

  it('keeps a whole multi-digit number: 13月5日 is not read as 3月5日', () => {
    const { title, deadline } = split('起草报告 13月5日');
    expect(title).toBe('起草报告');
    expect(!deadline.ok && deadline.reason).toContain('“13月5日”不是有效日期');
  });

  it.each([
    ['起草报告 2月30日', '“2月30日”不是有效日期'],
    ['起草报告 本周三', '“本周三”（11月25日）已经过去'],
    ['起草报告 尽快', '“尽快”没有给出具体时间'],
    ['起草报告 今天 08:00', '已经过去'],
  ])('%s: the trailing phrase says what is wrong', (text, reason) => {
    const { title, deadline } = split(text);
    expect(title).toBe('起草报告');
    expect(!deadline.ok && deadline.reason).toContain(reason);
  });

  it('says when the deadline is not at the end', () => {
    const { deadline } = split('明天交 起草报告');
    expect(!deadline.ok && deadline.reason).toContain('截止时间要写在最后：找到了“明天”');
  });

  it('says when there is no deadline at all', () => {
    const { title, deadline } = split('起草年度工作总结');
    expect(title).toBe('起草年度工作总结');
    expect(!deadline.ok && deadline.reason).toContain('没有找到截止时间');
  });

  it.each([
    ['起草报告 隔周五', '“隔周五”读不全：只认得出“周五”'],
    ['起草报告 至12月10日', '“至12月10日”读不全'],
    [
      '召开会议 会后3个工作日内',
      '“会后3个工作日内”读不全：只认得出“3个工作日内”，前面的“会后”会改变它的意思',
    ],
    ['起草报告下3个工作日内', '前面的“起草报告下”会改变它的意思'],
  ])('%s: a phrase glued to a word that changes it is refused, not cut', (text, reason) => {
    const { deadline } = split(text);
    expect(!deadline.ok && deadline.reason).toContain(reason);
  });

  it.each([
    [
      '年度考核材料 2026年12月31日前3个工作日内',
      '“2026年12月31日前3个工作日内”读不全：只认得出“3个工作日内”，前面的“2026年12月31日前”会改变它的意思',
    ],
    ['年度考核材料 12月31日后2小时内', '前面的“12月31日后”会改变它的意思'],
    ['年度考核材料2026-12-31后2小时内', '前面的“2026-12-31后”会改变它的意思'],
  ])('%s: the refusal quotes the date before the cut whole, as written', (text, reason) => {
    const { deadline } = split(text);
    expect(!deadline.ok && deadline.reason).toContain(reason);
  });

  it('a space says the word before belongs to the title', () => {
    const { title, deadline } = split('审核上 明天');
    expect(title).toBe('审核上');
    expect(deadline.ok && deadline.matched).toBe('明天');
  });

  it('a title glued to its deadline still splits when nothing is cut', () => {
    const { title, deadline } = split('起草年度工作总结明天');
    expect(title).toBe('起草年度工作总结');
    expect(deadline.ok && deadline.matched).toBe('明天');
  });
});

describe('a count after a named day: X日后N个工作日内, like 国庆节后3个工作日内', () => {
  // 2027 as a notice might arrange it: 元旦 1月1日（周五）至3日（周日）, nothing to make up.
  const with2027 = {
    ...settings,
    calendar: new WorkingDayCalendar({
      ...settings,
      arrangements: [
        {
          year: 2027,
          holidays: [{ name: '元旦', off: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] }],
        },
      ],
    }),
  };

  it.each([
    // Thursday 31 December not counted; 元旦 skipped: Monday 4th, Tuesday 5th, Wednesday 6th.
    ['年度考核材料 2026年12月31日后3个工作日内', '2027-01-06', '2026年12月31日后3个工作日内'],
    ['年度考核材料 12月10日后3个工作日内', '2026-12-15', '12月10日后3个工作日内'],
    ['年度考核材料 12月10日以后5天内', '2026-12-15', '12月10日以后5天内'],
    ['年度考核材料 12月10日后两周内', '2026-12-24', '12月10日后两周内'],
  ])('%s → due %s', (text, due, matched) => {
    const { title, deadline } = splitTrailingDeadline(text, NOW, with2027);
    expect(title).toBe('年度考核材料');
    if (!deadline.ok) throw new Error(deadline.reason);
    expect(new Date(deadline.due).toISOString()).toBe(new Date(`${due}T18:00:00+08:00`).toISOString());
    expect(deadline.matched).toBe(matched);
  });

  it('a day already past counts from this year, and is refused as past', () => {
    const { deadline } = split('年度考核材料 11月1日后3个工作日内');
    expect(!deadline.ok && deadline.reason).toContain(
      '“11月1日后3个工作日内”（2026-11-04 18:00 周三）已经过去',
    );
  });
});

describe('readWholeDeadline (a phrase on its own, as the CLI reads it)', () => {
  const whole = (phrase: string) => readWholeDeadline(phrase, NOW, options);

  it('reads a phrase with a lead-in and a closing word', () => {
    const r = whole('请于三个工作日内反馈');
    expect(r.ok && new Date(r.due).toISOString()).toBe(new Date('2026-12-01T18:00:00+08:00').toISOString());
  });

  it('refuses text that only ends in a deadline', () => {
    const r = whole('材料齐了以后 明天');
    expect(!r.ok && r.reason).toContain('“材料齐了以后”不是截止时间的一部分：只认得出末尾的“明天”');
  });

  it('passes on the refusal of the phrase itself', () => {
    const r = whole('2月30日');
    expect(!r.ok && r.reason).toContain('“2月30日”不是有效日期');
  });
});
