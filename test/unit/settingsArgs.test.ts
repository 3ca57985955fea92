/**
 * The `/设置` grammar: the ways people write each item, and the refusals that leave a group's
 * settings untouched.
 */
import { describe, expect, it } from 'vitest';
import { POLICY_USAGE, readSettingsCommand } from '../../src/bot/args/settingsArgs.ts';
import type { MentionedPerson } from '../../src/bot/dispatch/context.ts';
import { settingsText } from '../../src/bot/texts/settingsReplies.ts';
import { defaultPolicy } from '../../src/domain/policy.ts';
import { applyPolicyChange } from '../../src/domain/policyChange.ts';
import { UserError } from '../../src/errors.ts';

const WANG: MentionedPerson = { key: '@_user_2', openId: 'ou_wang', name: '王主任' };
const LI: MentionedPerson = { key: '@_user_3', openId: 'ou_li', name: '李四' };
const mentions = new Map([WANG, LI].map((p) => [p.key, p]));
const read = (args: string) => readSettingsCommand(args, mentions);

describe('readSettingsCommand', () => {
  it('shows the settings when given nothing', () => {
    expect(read('')).toEqual({ kind: 'show' });
  });

  it('reads the principal leader and its removal', () => {
    expect(read('领导 @_user_2')).toEqual({
      kind: 'principal',
      person: { openId: 'ou_wang', name: '王主任' },
    });
    expect(read('主要负责人 @_user_2')).toMatchObject({ kind: 'principal' });
    expect(read('领导 清除')).toEqual({ kind: 'principal' });
  });

  it('reads admins to add and to remove', () => {
    expect(read('管理员 @_user_2 @_user_3')).toMatchObject({ kind: 'admins', op: 'add' });
    expect(read('管理员 移除 @_user_3')).toEqual({
      kind: 'admins',
      op: 'remove',
      people: [{ openId: 'ou_li', name: '李四' }],
    });
    expect(read('admin remove @_user_3')).toMatchObject({ op: 'remove' });
  });

  it.each([
    ['提醒 提前 2 个工作日', { approachWorkingDays: 2 }],
    ['提醒 提前两个工作日', { approachWorkingDays: 2 }],
    ['提醒 提前３天', { approachWorkingDays: 3 }],
    ['提醒 上班 8:30 下班 17:30', { workdayStart: '08:30', workdayEnd: '17:30' }],
    ['提醒 办公时间 08:30-17:30', { workdayStart: '08:30', workdayEnd: '17:30' }],
    ['提醒 上班时间：08:30，下班时间：17:00', { workdayStart: '08:30', workdayEnd: '17:00' }],
    ['提醒 升级 3', { escalateAfterWorkingDays: 3 }],
    ['提醒 逾期升级 三个工作日', { escalateAfterWorkingDays: 3 }],
    ['提醒 签收 2', { ackWithinWorkingDays: 2 }],
    ['提醒 日报 关 周报 开启 加急 开', { digest: false, weeklyReport: true, urgentEscalation: true }],
    ['reminder 日报 off', { digest: false }],
  ])('%s', (args, change) => {
    expect(read(args)).toEqual({ kind: 'policy', change, reset: false });
  });

  it('reads 默认 as a reset before the other items', () => {
    expect(read('提醒 默认 日报 关')).toEqual({ kind: 'policy', change: { digest: false }, reset: true });
  });

  it.each([
    ['提醒 提前 几个工作日', '“提前 几个工作日”里的天数不是一个确定的数'],
    ['提醒 日报 可以', '“日报”后面的“可以”看不懂'],
    ['提醒 声音 大', '看不懂“声音”'],
    ['领导 @_user_2 @_user_3', '请 @ 一位主要负责人'],
    ['管理员', '请 @ 要设为管理员的人'],
    ['管理员 @_all', '不能设置“所有人”'],
    ['颜色 红', '没有“颜色”这项设置'],
  ])('refuses %s', (args, reason) => {
    expect(() => read(args)).toThrow(UserError);
    expect(() => read(args)).toThrow(reason);
  });
});

describe('applyPolicyChange', () => {
  const policy = defaultPolicy({ workdayStart: '09:00', workdayEnd: '18:00' });

  it('applies a consistent change whole', () => {
    expect(applyPolicyChange(policy, { workdayStart: '08:30', approachWorkingDays: 0 })).toEqual({
      ok: true,
      policy: { ...policy, workdayStart: '08:30', approachWorkingDays: 0 },
    });
  });

  it.each([
    [{ workdayEnd: '08:00' }, '上班时间（09:00）须早于下班时间（08:00）'],
    [{ workdayStart: '24:00' }, '上班时间“24:00”不是有效的时刻'],
    [{ approachWorkingDays: 11 }, '提前提醒的工作日数须为 0 到 10 之间的整数'],
    [{ escalateAfterWorkingDays: 0 }, '逾期升级的工作日数须为 1 到 30 之间的整数'],
    [{ ackWithinWorkingDays: 1.5 }, '签收时限的工作日数须为 1 到 10 之间的整数'],
  ])('refuses %o', (change, reason) => {
    expect(applyPolicyChange(policy, change)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });
});

describe('the forms the bot itself suggests', () => {
  const settingsHint = settingsText({
    admins: [],
    policy: defaultPolicy({ workdayStart: '09:00', workdayEnd: '18:00' }),
  })
    .split('\n')
    .find((l) => l.startsWith('修改'))!;

  /** `/设置 提醒 提前 2 个工作日 | 上班 08:30 …` → each `|`-separated form, with `开/关` as each choice. */
  const formsOf = (hint: string): string[] =>
    hint
      .replace(/^.*?\/设置\s*/u, '')
      .replace(/^\[|\]$/g, '')
      .split(/\s*\|\s*/u)
      .flatMap((f) => (f.includes('开/关') ? [f.replace('开/关', '开'), f.replace('开/关', '关')] : [f]))
      .map((f) => f.replace(/^提醒\s*/u, ''));

  it('accepts every form in the settings card’s hint, one at a time and all in one line as printed', () => {
    for (const form of formsOf(settingsHint)) expect(read(`提醒 ${form}`)).toMatchObject({ kind: 'policy' });
    expect(read(settingsHint.replace(/^.*?\/设置\s*/u, ''))).toMatchObject({
      kind: 'policy',
      change: { approachWorkingDays: 2, workdayStart: '08:30', workdayEnd: '17:30', digest: false },
    });
  });

  it('accepts every policy form of its usage line, with or without the word 提醒', () => {
    for (const form of formsOf(POLICY_USAGE)) {
      expect(read(`提醒 ${form}`)).toMatchObject({ kind: 'policy' });
      expect(read(form)).toMatchObject({ kind: 'policy' });
    }
  });

  it('answers an unknown setting with the ones there are', () => {
    expect(() => read('颜色 红')).toThrow('可以设置：领导、管理员、提醒');
  });
});
