/**
 * `/延期 #12 下周五 材料未齐` → the new deadline and the reason. People write the deadline
 * first (DESIGN §3), but `材料未齐 下周五` reads just as well, so both orders are accepted: the
 * longest leading run of words that is a whole deadline wins, else the trailing phrase does.
 */
import type { DeadlineOptions, DeadlineResult } from '../../domain/deadline/index.ts';
import { splitTrailingDeadline } from '../../domain/deadline/index.ts';
import { exceeds, FIELDS, tooLongText } from '../../domain/limits.ts';
import { UserError } from '../../errors.ts';

export interface ExtensionArgs {
  deadline: Extract<DeadlineResult, { ok: true }>;
  reason: string;
}

function checkReason(reason: string, usage: string): string {
  const r = reason.replace(/^(?:理由|原因)?\s*[:：，,]?\s*/u, '').trim();
  if (!r) throw new UserError('请写明延期理由。', usage);
  if (exceeds(r, FIELDS.reason.max)) throw new UserError(tooLongText(FIELDS.reason, r), usage);
  return r;
}

/** The deadline and the reason together can be no longer than this; checked before any parsing. */
const MAX_ARGS = FIELDS.duePhrase.max + 1 + FIELDS.reason.max;

export function readExtensionArgs(
  text: string,
  now: number,
  options: DeadlineOptions,
  usage: string,
): ExtensionArgs {
  if (exceeds(text.trim(), MAX_ARGS)) throw new UserError(tooLongText(FIELDS.reason, text.trim()), usage);
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) throw new UserError('请写明新的截止时间和延期理由。', usage);
  let leadingRefusal: string | undefined;
  for (let k = words.length - 1; k >= 1; k--) {
    const leading = words.slice(0, k).join(' ');
    // A deadline phrase is short: longer leading runs cannot be one.
    if (leading.length > FIELDS.duePhrase.max) continue;
    const { title, deadline } = splitTrailingDeadline(leading, now, options);
    if (title !== '') continue;
    if (deadline.ok) return { deadline, reason: checkReason(words.slice(k).join(' '), usage) };
    leadingRefusal ??= deadline.reason;
  }
  const { title, deadline } = splitTrailingDeadline(words.join(' '), now, options);
  if (deadline.ok) return { deadline, reason: checkReason(title, usage) };
  throw new UserError(leadingRefusal ?? deadline.reason, usage);
}
