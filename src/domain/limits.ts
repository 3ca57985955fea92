/**
 * How much people may type, in one table: every field a command, a card form or the playground
 * takes from a person has its limit here, and it is checked on entry, before anything is parsed
 * (so a long message costs no more than a short one to refuse). Limits are in characters (code
 * points), as people count them, not UTF-16 units or bytes.
 */

export interface TextField {
  /** What the field is called in a refusal: `标题太长了（最多 200 字）`. */
  what: string;
  max: number;
}

export const FIELDS = {
  /** A whole chat message: the longest command (a 纪要 of 2000 characters) with room to spare. */
  message: { what: '消息', max: 3000 },
  title: { what: '标题', max: 200 },
  unit: { what: '单位名称', max: 40 },
  requirement: { what: '工作要求', max: 1000 },
  result: { what: '办理结果', max: 1000 },
  progress: { what: '进展', max: 500 },
  reason: { what: '理由', max: 300 },
  opinion: { what: '意见', max: 300 },
  duePhrase: { what: '截止时间', max: 50 },
  /** A person's display name (mentions, the playground's renames). */
  name: { what: '名字', max: 40 },
} as const satisfies Record<string, TextField>;

export const MAX_OWNERS = 20;

/** Length in code points, stopping early once past `max` (so it is cheap on huge input). */
export function exceeds(text: string, max: number): boolean {
  if (text.length <= max) return false;
  let n = 0;
  for (const _ of text) if (++n > max) return true;
  return false;
}

/** `标题太长了（最多 200 字，现有 230 字）。` */
export function tooLongText(field: TextField, text: string): string {
  const have = text.length > 100_000 ? '' : `，现有 ${[...text].length} 字`;
  return `${field.what}太长了（最多 ${field.max} 字${have}）。`;
}
