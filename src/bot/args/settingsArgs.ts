/**
 * The `/设置` grammar:
 *
 *   /设置                               show this group's settings
 *   /设置 领导 @王主任                   principal leader (主要负责人); `/设置 领导 清除` removes
 *   /设置 管理员 @x [@y…]                appoint group admins; `/设置 管理员 移除 @x` removes
 *   /设置 提醒 <项> [<项>…]              reminder policy, any of:
 *        提前 2 个工作日 | 上班 08:30 | 下班 17:30 | 办公时间 08:30-17:30 | 升级 3 [个工作日]
 *        | 签收 1 [个工作日] | 日报 开/关 | 周报 开/关 | 加急 开/关 | 默认
 *
 * Several policy items may go in one command; if any of them cannot be read, none is applied.
 */

import { NUMBER, numeralValue } from '../../domain/deadline/numerals.ts';
import type { Person } from '../../domain/item.ts';
import type { PolicyChange } from '../../domain/policyChange.ts';
import { UserError } from '../../errors.ts';
import type { MentionedPerson } from '../dispatch/context.ts';

export const SETTINGS_USAGE =
  '/设置 [领导 @某人 | 管理员 [移除] @某人 | 提醒 提前 2 个工作日 / 上班 08:30 下班 17:30 / 升级 3 / 日报 关 / 加急 开]';

export const POLICY_USAGE =
  '/设置 提醒 提前 2 个工作日 | 上班 08:30 下班 17:30 | 办公时间 08:30-17:30 | 升级 3 | 签收 1 | 日报 开/关 | 周报 开/关 | 加急 开/关 | 默认';

export type SettingsCommand =
  | { kind: 'show' }
  /** `person` undefined: remove the principal leader. */
  | { kind: 'principal'; person?: Person }
  | { kind: 'admins'; op: 'add' | 'remove'; people: Person[] }
  /** `reset`: back to the defaults first, then `change`. */
  | { kind: 'policy'; change: PolicyChange; reset: boolean };

const SUBJECTS: ReadonlyArray<[SettingsCommand['kind'], RegExp]> = [
  ['principal', /^(?:主要负责人|领导|leader)(?=\s|@|$)/iu],
  ['admins', /^(?:管理员|admins?)(?=\s|@|$)/iu],
  ['policy', /^(?:提醒|remind(?:er)?s?)/iu],
];

const MENTION = /@_user_\d+/g;

function people(text: string, mentions: ReadonlyMap<string, MentionedPerson>, usage: string): Person[] {
  if (/@_all/.test(text)) throw new UserError('不能设置“所有人”，请 @ 具体的人。', usage);
  const keys = [...new Set(text.match(MENTION) ?? [])];
  return keys.map((key) => {
    const p = mentions.get(key);
    if (!p) throw new UserError('无法识别被 @ 的人，请从成员列表中选择后重试。', usage);
    return { openId: p.openId, name: p.name };
  });
}

/** Full-width digits and colons, as Chinese input methods type them, to ASCII. */
function normalise(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/：/g, ':')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Between two policy items: spaces, commas, or the `|` the hints themselves use. */
const CLAUSE_GAP = /^[\s,，;；、|｜]+/u;

/** Between a keyword and its value: spaces or a colon (`上班时间：08:30`). */
const SEP = '\\s*:?\\s*';
const DAYS = `${SEP}(${NUMBER})\\s*(?:个)?\\s*(?:工作日|天)?`;
const TIME = '(\\d{1,2}:\\d{2})';
const SWITCH = `${SEP}(开启|打开|开|关闭|关|on|off)`;

/** `8:30` → `08:30`; validity (hour ≤ 23) is the policy's to judge. */
const hhmm = (t: string) => t.padStart(5, '0');

type ClauseReader = [RegExp, (m: RegExpExecArray, change: PolicyChange) => void];

function count(m: RegExpExecArray, what: string): number {
  const n = numeralValue(m[1]!);
  if (n === undefined) throw new UserError(`“${m[0].trim()}”里的${what}不是一个确定的数。`, POLICY_USAGE);
  return n;
}

const isOn = (word: string) => /^(开启|打开|开|on)$/i.test(word);

const CLAUSES: readonly ClauseReader[] = [
  [new RegExp(`^提前${DAYS}`, 'u'), (m, c) => (c.approachWorkingDays = count(m, '天数'))],
  [
    new RegExp(`^(?:办公|工作)时间${SEP}${TIME}\\s*[-~～—至到]\\s*${TIME}`, 'u'),
    (m, c) => {
      c.workdayStart = hhmm(m[1]!);
      c.workdayEnd = hhmm(m[2]!);
    },
  ],
  [new RegExp(`^上班(?:时间)?${SEP}${TIME}`, 'u'), (m, c) => (c.workdayStart = hhmm(m[1]!))],
  [new RegExp(`^下班(?:时间)?${SEP}${TIME}`, 'u'), (m, c) => (c.workdayEnd = hhmm(m[1]!))],
  [new RegExp(`^(?:逾期)?升级${DAYS}`, 'u'), (m, c) => (c.escalateAfterWorkingDays = count(m, '天数'))],
  [new RegExp(`^签收${DAYS}`, 'u'), (m, c) => (c.ackWithinWorkingDays = count(m, '天数'))],
  [new RegExp(`^日报${SWITCH}`, 'iu'), (m, c) => (c.digest = isOn(m[1]!))],
  [new RegExp(`^周报${SWITCH}`, 'iu'), (m, c) => (c.weeklyReport = isOn(m[1]!))],
  [new RegExp(`^加急${SWITCH}`, 'iu'), (m, c) => (c.urgentEscalation = isOn(m[1]!))],
];

/** How each item is written, for the refusal when what follows its keyword cannot be read. */
const EXAMPLES: ReadonlyArray<[string, string]> = [
  ['办公时间', '办公时间 08:30-17:30'],
  ['工作时间', '办公时间 08:30-17:30'],
  ['提前', '提前 2 个工作日'],
  ['上班', '上班 08:30'],
  ['下班', '下班 17:30'],
  ['逾期升级', '升级 3'],
  ['升级', '升级 3'],
  ['签收', '签收 1'],
  ['日报', '日报 开（或 关）'],
  ['周报', '周报 开（或 关）'],
  ['加急', '加急 开（或 关）'],
];

function unreadable(rest: string): UserError {
  const example = EXAMPLES.find(([keyword]) => rest.startsWith(keyword));
  if (example) {
    const [keyword, sample] = example;
    const value = rest.slice(keyword.length).trim().split(' ')[0] || '（空）';
    return new UserError(
      `“${keyword}”后面的“${value}”看不懂，请写成“${sample}”这样。没有修改任何设置。`,
      POLICY_USAGE,
    );
  }
  return new UserError(`看不懂“${rest.split(' ')[0]}”，没有修改任何设置。`, POLICY_USAGE);
}

function readPolicy(text: string): { change: PolicyChange; reset: boolean } {
  let rest = normalise(text);
  if (!rest) throw new UserError('请写明要修改的提醒规则。', POLICY_USAGE);
  const change: PolicyChange = {};
  let reset = false;
  while (rest) {
    const resetMatch = /^(?:恢复)?默认/u.exec(rest);
    if (resetMatch) {
      reset = true;
      rest = rest.slice(resetMatch[0].length).replace(CLAUSE_GAP, '');
      continue;
    }
    const hit = CLAUSES.map(([re, apply]) => [re.exec(rest), apply] as const).find(([m]) => m);
    if (!hit) throw unreadable(rest);
    const [m, apply] = hit;
    apply(m!, change);
    rest = rest.slice(m![0].length).replace(CLAUSE_GAP, '');
  }
  return { change, reset };
}

export function readSettingsCommand(
  args: string,
  mentions: ReadonlyMap<string, MentionedPerson>,
): SettingsCommand {
  const text = args.trim();
  if (!text) return { kind: 'show' };
  const subject = SUBJECTS.find(([, re]) => re.test(text));
  if (!subject) {
    // `/设置 上班 08:30`: a reminder item without the word 提醒 is still a reminder item.
    if (EXAMPLES.some(([keyword]) => text.startsWith(keyword)) || /^(?:恢复)?默认/u.test(text))
      return { kind: 'policy', ...readPolicy(text) };
    throw new UserError(
      `没有“${text.split(/\s/)[0]}”这项设置。可以设置：领导、管理员、提醒（如 /设置 提醒 上班 08:30）。`,
      SETTINGS_USAGE,
    );
  }
  const [kind, re] = subject;
  const rest = text.replace(re, '').trim();
  if (kind === 'principal') {
    if (/^(?:清除|移除|删除|取消|无)$/u.test(rest)) return { kind: 'principal' };
    const found = people(rest, mentions, SETTINGS_USAGE);
    const leftover = rest.replace(MENTION, '').trim();
    if (found.length !== 1 || leftover) {
      throw new UserError('请 @ 一位主要负责人，例如：/设置 领导 @王主任', SETTINGS_USAGE);
    }
    return { kind: 'principal', person: found[0] };
  }
  if (kind === 'admins') {
    const removal = /^(?:移除|删除|去掉|取消|remove)\s*/iu.exec(rest);
    const body = removal ? rest.slice(removal[0].length) : rest.replace(/^(?:添加|增加|add)\s*/iu, '');
    const found = people(body, mentions, SETTINGS_USAGE);
    if (found.length === 0 || body.replace(MENTION, '').trim()) {
      throw new UserError(
        '请 @ 要设为管理员的人，例如：/设置 管理员 @张三；移除：/设置 管理员 移除 @张三',
        SETTINGS_USAGE,
      );
    }
    return { kind: 'admins', op: removal ? 'remove' : 'add', people: found };
  }
  return { kind: 'policy', ...readPolicy(rest) };
}
