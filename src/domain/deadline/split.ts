/**
 * `/任务 <标题> @负责人 <截止>`: the deadline is the longest trailing phrase that parses, and
 * the title is what remains (DESIGN §3).
 *
 * "Parses" is strict here: the trailing phrase must be nothing but a deadline, give or take a
 * lead-in (`于`, `请在`, `截止`) and a closing verb (`完成`, `报送`). Otherwise a title that
 * merely mentions a day (`整理明天会议纪要 下周五`) would lose its words to the deadline.
 */
import { readDeadline } from './parse.ts';
import { EXAMPLES } from './refusalRules.ts';
import type { DeadlineOptions, DeadlineResult } from './types.ts';

const LEAD_IN =
  /^[\s,，;；:：]*(?:请于|请在|须于|需于|应于|务必于|务必在|要求|最迟|最晚|不晚于|截止到|截止|截至|期限|限|于|在|自)?[\s:：]*$/;
const CLOSING = /^\s*(?:完成|办结|报送|上报|反馈|提交|办理完毕)?[\s。.!！]*$/;

/** Characters a trailing phrase must not start right after: it would cut a number or a word in two. */
const NUMERAL = /[0-9零〇一二两三四五六七八九十百几]/;

function isWholeDeadline(text: string, start: number | undefined, end: number | undefined): boolean {
  return (
    start !== undefined &&
    end !== undefined &&
    LEAD_IN.test(text.slice(0, start)) &&
    CLOSING.test(text.slice(end))
  );
}

export function splitTrailingDeadline(
  text: string,
  now: number,
  options: DeadlineOptions,
): { title: string; deadline: DeadlineResult } {
  // Longest suffix first: the first one that parses is the answer.
  for (let cut = 0; cut < text.length; cut++) {
    const before = text[cut - 1];
    const first = text[cut]!;
    if (/\s/.test(first)) continue;
    if (before !== undefined && NUMERAL.test(before) && NUMERAL.test(first)) continue;
    const suffix = text.slice(cut);
    const outcome = readDeadline(suffix, now, options);
    if (!isWholeDeadline(suffix, outcome.start, outcome.end)) continue;
    const title = text.slice(0, cut).trim();
    if (outcome.ok) {
      const { start: _start, end: _end, ...deadline } = outcome;
      return { title, deadline };
    }
    // `起草报告 2月30日`, `… 本周三` (gone): the trailing phrase is a deadline the user got
    // wrong. Say so, rather than reading a shorter piece of it (`周三`) as the deadline.
    return { title, deadline: { ok: false, reason: outcome.reason } };
  }

  const whole = readDeadline(text, now, options);
  const title = text.trim();
  if (whole.ok) {
    return {
      title,
      deadline: {
        ok: false,
        reason: `截止时间要写在最后：找到了“${whole.matched}”，请把它移到末尾，如“起草年度工作总结 @张三 ${whole.matched}”`,
      },
    };
  }
  if (whole.refusal !== 'none') return { title, deadline: { ok: false, reason: whole.reason } };
  return { title, deadline: { ok: false, reason: `没有找到截止时间，请在末尾写明，${EXAMPLES}` } };
}
