/**
 * Reads the arguments of `/任务 <标题> @负责人 [@负责人…] <截止> [牵头 @领导] [单位 <名称>]`
 * (DESIGN §3). Mentions are Lark's `@_user_N` keys, resolved through the context. The deadline
 * is the longest trailing phrase that parses; the title is what remains.
 */
import type { Person } from '../../domain/item.ts';
import { exceeds, FIELDS, MAX_OWNERS, tooLongText } from '../../domain/limits.ts';
import { UserError } from '../../errors.ts';
import type { MentionedPerson } from '../dispatch/context.ts';

export interface TaskClauses {
  /** Text with the clauses and owner mentions taken out: title and deadline phrase. */
  rest: string;
  owners: Person[];
  lead?: Person;
  unit?: string;
}

const MENTION = /@_user_\d+/g;

function person(key: string, mentions: ReadonlyMap<string, MentionedPerson>): Person {
  const p = mentions.get(key);
  if (!p) throw new UserError('无法识别被 @ 的人，请从成员列表中选择后重试。');
  return { openId: p.openId, name: p.name };
}

/**
 * Takes `牵头 @x`, `单位 名称` and the owners' mentions out of `args`.
 * `usage` is attached to every refusal.
 */
export function readTaskClauses(
  args: string,
  mentions: ReadonlyMap<string, MentionedPerson>,
  usage: string,
  options: { ownersRequired?: boolean } = {},
): TaskClauses {
  let text = ` ${args} `;
  let lead: Person | undefined;
  let unit: string | undefined;

  const leadMatch = /牵头(?:领导)?\s*[:：]?\s*(@_user_\d+)/u.exec(text);
  if (leadMatch) {
    lead = person(leadMatch[1]!, mentions);
    text = text.replace(leadMatch[0], ' ');
  } else if (/\s牵头(?:领导)?\s*[:：]?\s*$/u.test(text)) {
    // A dangling `牵头` at the end; `牵头` inside a title (`县发改委牵头编制规划`) is left alone.
    throw new UserError('“牵头”后面请 @ 牵头领导。', usage);
  }

  const unitMatch = /(?:^|\s)(?:责任)?单位\s*[:：]?\s*([^\s@]+)/u.exec(text);
  if (unitMatch) {
    unit = unitMatch[1]!;
    // A unit that could never be drawn on a card must not be stored (it would fail every retry).
    if (exceeds(unit, FIELDS.unit.max)) throw new UserError(tooLongText(FIELDS.unit, unit), usage);
    text = text.replace(unitMatch[0], ' ');
  }

  const ownerKeys = [...new Set(text.match(MENTION) ?? [])];
  const owners = ownerKeys.map((k) => person(k, mentions));
  text = text.replace(MENTION, ' ');
  if (/@_all/.test(text)) throw new UserError('不能把事项交给“所有人”，请 @ 具体的负责人。', usage);
  if (options.ownersRequired !== false && owners.length === 0) {
    // `@王五` typed as text: Lark makes a mention only of someone picked from its @ list.
    const typed = /@([^\s@]{1,20})/u.exec(text)?.[1];
    throw new UserError(
      typed
        ? `“@${typed}”没有被识别为提及：请在输入 @ 后从弹出的名单中选择负责人（须是本群成员）。`
        : '请 @ 至少一位负责人。',
      usage,
    );
  }
  if (owners.length > MAX_OWNERS) throw new UserError(`负责人最多 ${MAX_OWNERS} 位。`, usage);
  return { rest: text.replace(/\s+/g, ' ').trim(), owners, lead, unit };
}

export function checkTitle(title: string, usage: string): string {
  const t = title.replace(/^[，,：:\s]+|[，,。；;\s]+$/gu, '');
  if (!t) throw new UserError('请写上事项标题。', usage);
  if (exceeds(t, FIELDS.title.max)) throw new UserError(tooLongText(FIELDS.title, t), usage);
  return t;
}
