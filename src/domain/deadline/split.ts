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

/**
 * No deadline phrase, lead-in and closing included, is longer than this (the longest in the
 * grammar, `自2026年12月1日起二十三个工作日内下午3点30分前完成`, has 33). The split only tries
 * suffixes this long, so its work does not grow with the title: a 40k-character title once
 * took 53 s, every suffix of it read in turn (issue 9 §5).
 */
const MAX_PHRASE_CHARS = 60;

/**
 * Where a deadline is not at the end, the whole text is scanned once more to say so; longer
 * texts (refused as titles anyway) are scanned only this far from their end.
 */
const MAX_SCAN_CHARS = 1000;

/** Characters a trailing phrase must not start right after: it would cut a number or a word in two. */
const NUMERAL = /[0-9零〇一二两三四五六七八九十百几]/;

/**
 * Characters that, written right before a time phrase, make it a different phrase: `每周五` is
 * a schedule, `第一个工作日` an ordinal, `国庆节后3个工作日内` counts from a holiday, `明年3月1日`
 * names another year, `12月1日至12月10日` a range. When the grammar does not read the longer
 * phrase whole, the trailing part alone is not the deadline the user wrote: refuse, never cut
 * (issue 10 §1). A space between the title and the deadline says the character is the title's.
 */
const EXTENDERS = /[每第隔逢个前后上下本这今明去次年月周至到起始或、~～-]/;

/** How many characters before the cut a refusal quotes, to show what would have been cut off. */
const QUOTED_BEFORE = 6;

function isWholeDeadline(text: string, start: number | undefined, end: number | undefined): boolean {
  return (
    start !== undefined &&
    end !== undefined &&
    LEAD_IN.test(text.slice(0, start)) &&
    CLOSING.test(text.slice(end))
  );
}

/**
 * The deadline `text` names when it is nothing but one deadline phrase (give or take a lead-in
 * and a closing word), or the reason that phrase is refused; undefined when `text` is not one
 * whole phrase.
 */
function readDeadlinePhrase(text: string, now: number, options: DeadlineOptions): DeadlineResult | undefined {
  const outcome = readDeadline(text, now, options);
  if (!isWholeDeadline(text, outcome.start, outcome.end)) return undefined;
  if (outcome.ok) {
    const { start: _start, end: _end, ...deadline } = outcome;
    return deadline;
  }
  return { ok: false, reason: outcome.reason };
}

/** What a date or a number is written with: a quote never starts inside one. */
const DATE_CHAR = /[0-9０-９零〇一二两三四五六七八九十百年月日号.\-/．－／]/;

/**
 * The text just before `cut`, back to a space and at most a few characters, for a refusal —
 * but never from the middle of a date or a number: `2026年12月31日后` is quoted whole, not as
 * `2月31日后`, a day that does not exist, in words the user never wrote.
 */
function quotedBefore(text: string, cut: number): string {
  let from = Math.max(0, cut - QUOTED_BEFORE);
  while (from > 0 && DATE_CHAR.test(text[from - 1]!) && DATE_CHAR.test(text[from]!)) from--;
  const run = text.slice(from, cut);
  return run.slice(run.search(/\S*$/));
}

export function splitTrailingDeadline(
  text: string,
  now: number,
  options: DeadlineOptions,
): { title: string; deadline: DeadlineResult } {
  // Longest suffix first: the first one that is a whole phrase is the answer.
  const end = text.trimEnd().length;
  for (let cut = Math.max(0, end - MAX_PHRASE_CHARS); cut < end; cut++) {
    const before = text[cut - 1];
    const first = text[cut]!;
    if (/\s/.test(first)) continue;
    if (before !== undefined && NUMERAL.test(before) && NUMERAL.test(first)) continue;
    const deadline = readDeadlinePhrase(text.slice(cut, end), now, options);
    if (!deadline) continue;
    const title = text.slice(0, cut).trim();
    // `起草报告 2月30日`, `… 本周三` (gone): a refusal of the trailing phrase says what the user
    // got wrong, rather than a shorter piece of it (`周三`) being read as the deadline.
    if (!deadline.ok || before === undefined || !EXTENDERS.test(before)) return { title, deadline };
    const cutOff = quotedBefore(text, cut);
    return {
      title,
      deadline: {
        ok: false,
        reason: `“${cutOff}${deadline.matched}”读不全：只认得出“${deadline.matched}”，前面的“${cutOff}”会改变它的意思。请写明完整的截止时间，${EXAMPLES}；如果“${cutOff}”属于标题，请在它和截止时间之间加一个空格`,
      },
    };
  }

  const whole = readDeadline(text.length > MAX_SCAN_CHARS ? text.slice(-MAX_SCAN_CHARS) : text, now, options);
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

/**
 * A deadline phrase on its own (the CLI, the leading words of `/延期`): the whole text must be
 * the phrase. Text that only ends in one (`隔周五`: `周五`) is refused, never read in part.
 */
export function readWholeDeadline(phrase: string, now: number, options: DeadlineOptions): DeadlineResult {
  const text = phrase.trim();
  const whole = text.length <= MAX_PHRASE_CHARS ? readDeadlinePhrase(text, now, options) : undefined;
  if (whole) return whole;
  const { title, deadline } = splitTrailingDeadline(text, now, options);
  if (!deadline.ok || title === '') return deadline;
  return {
    ok: false,
    reason: `“${title}”不是截止时间的一部分：只认得出末尾的“${deadline.matched}”。请只写截止时间，${EXAMPLES}`,
  };
}
