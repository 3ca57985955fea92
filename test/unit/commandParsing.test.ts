import { describe, expect, it } from 'vitest';
import { parseItemRef } from '../../src/bot/args/itemRef.ts';
import { checkTitle, readTaskClauses } from '../../src/bot/args/taskArgs.ts';
import type { MentionedPerson } from '../../src/bot/dispatch/context.ts';
import { parseCommandLine } from '../../src/bot/dispatch/router.ts';
import { UserError } from '../../src/errors.ts';

const people = new Map<string, MentionedPerson>([
  ['@_user_2', { key: '@_user_2', openId: 'ou_zhang', name: '张三' }],
  ['@_user_3', { key: '@_user_3', openId: 'ou_li', name: '李四' }],
  ['@_user_4', { key: '@_user_4', openId: 'ou_wang', name: '王主任' }],
]);

describe('parseCommandLine', () => {
  it.each([
    ['/任务 起草 @_user_2 明天', '任务', '起草 @_user_2 明天'],
    ['／任务 起草', '任务', '起草'],
    ['/ 任务 起草', '任务', '起草'],
    ['/TASK x', 'task', 'x'],
    ['/列表', '列表', ''],
  ])('%s', (text, word, args) => {
    expect(parseCommandLine(text)).toEqual({ word, args });
  });
  it('is undefined for text that is not a command', () => {
    expect(parseCommandLine('你好 /任务')).toBeUndefined();
    expect(parseCommandLine('')).toBeUndefined();
  });
});

describe('readTaskClauses', () => {
  it('says an @name typed as text is no mention, so no owner was named', () => {
    expect(() => readTaskClauses('写报告 @王五 明天', people, 'u')).toThrow('“@王五”没有被识别为提及');
    expect(() => readTaskClauses('写报告 明天', people, 'u')).toThrow('请 @ 至少一位负责人');
  });

  it('takes owners, lead and unit out, leaving title and deadline', () => {
    const c = readTaskClauses(
      '编制整改方案 @_user_2 @_user_3 3个工作日内 牵头 @_user_4 单位 县发改委',
      people,
      'u',
    );
    expect(c.owners.map((o) => o.name)).toEqual(['张三', '李四']);
    expect(c.lead?.name).toBe('王主任');
    expect(c.unit).toBe('县发改委');
    expect(c.rest).toBe('编制整改方案 3个工作日内');
  });
  it('accepts 牵头领导： and 责任单位： forms and leaves 牵头 inside a title alone', () => {
    const c = readTaskClauses(
      '县发改委牵头编制规划 @_user_2 月底 牵头领导：@_user_4 责任单位：办公室',
      people,
      'u',
    );
    expect(c.lead?.openId).toBe('ou_wang');
    expect(c.unit).toBe('办公室');
    expect(c.rest).toBe('县发改委牵头编制规划 月底');
  });
  it('refuses no owner, @all, a dangling 牵头 and unknown mention keys', () => {
    expect(() => readTaskClauses('起草 明天', people, 'u')).toThrow(/负责人/);
    expect(() => readTaskClauses('起草 @_user_2 明天 @_all', people, 'u')).toThrow(/所有人/);
    expect(() => readTaskClauses('起草 @_user_2 明天 牵头', people, 'u')).toThrow(/牵头领导/);
    expect(() => readTaskClauses('起草 @_user_9 明天', people, 'u')).toThrow(UserError);
  });
  it('counts a person mentioned twice once', () => {
    expect(readTaskClauses('起草 @_user_2 @_user_2 明天', people, 'u').owners).toHaveLength(1);
  });
});

describe('checkTitle', () => {
  it('trims punctuation and refuses empty or overlong titles', () => {
    expect(checkTitle('，起草年度总结。', 'u')).toBe('起草年度总结');
    expect(() => checkTitle(' ，', 'u')).toThrow(/标题/);
    expect(() => checkTitle('字'.repeat(201), 'u')).toThrow(/太长/);
  });
});

describe('parseItemRef', () => {
  it.each([
    ['#12 已报送', 12, '已报送'],
    ['＃7', 7, ''],
    ['12 已完成', 12, '已完成'],
    ['# 3 好', 3, '好'],
  ])('%s', (args, no, rest) => {
    expect(parseItemRef(args, 'u')).toEqual({ no, rest });
  });
  it('refuses a missing number', () => {
    expect(() => parseItemRef('已报送', 'u')).toThrow(/编号/);
    expect(() => parseItemRef('#12a', 'u')).toThrow(/编号/);
  });
});
