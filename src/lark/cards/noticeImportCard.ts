/**
 * The preview of `/日历 导入`: what luoshi read from a pasted State Council holiday notice —
 * each holiday's days off and adjusted workdays — and every line it could not read. A complete
 * reading carries 确认导入 / 取消 (organisation admins only, checked on press); an incomplete one
 * carries no 确认: the admin corrects the text and pastes it again, so a half-read arrangement is
 * never applied.
 */
import type { ArrangedHoliday } from '../../domain/holidays.ts';
import { addDays, formatDayWithWeekday } from '../../domain/time.ts';
import type { NoticeImportValue } from './actionValue.ts';
import { button, buttonRow, type Card, type CardElement, card, markdown } from './elements.ts';
import { md } from './markdown.ts';
import { validateCard } from './schema.ts';

export interface NoticePreview {
  /** The pasting message's id: the buttons apply exactly the notice held under it. */
  heldId: string;
  year: number;
  holidays: readonly ArrangedHoliday[];
  /** What keeps the reading from being applied (`noticeProblems`), one line each. */
  problems: readonly string[];
  /** Once pressed: the card redrawn without buttons, saying what happened and who did it. */
  outcome?: { kind: 'applied' | 'dropped'; by: string };
}

/** `2月15日（周日）—2月23日（周一）`, or the days one by one when they are not consecutive. */
function span(dates: readonly string[], year: number): string {
  const consecutive = dates.every((d, i) => i === 0 || d === addDays(dates[i - 1]!, 1));
  if (consecutive && dates.length > 1)
    return `${formatDayWithWeekday(dates[0]!, year)}—${formatDayWithWeekday(dates.at(-1)!, year)}`;
  return dates.map((d) => formatDayWithWeekday(d, year)).join('、');
}

function holidayLine(h: ArrangedHoliday, year: number): string {
  const off = `${span(h.off, year)} 放假，共 ${h.off.length} 天`;
  const work =
    h.workdays.length > 0
      ? `；${h.workdays.map((d) => formatDayWithWeekday(d, year)).join('、')} 上班`
      : '；不调休';
  return `**${md(h.name)}**：${off}${work}`;
}

/** The header says where the notice stands: read in part, waiting, imported or dropped. */
function headerOf(
  p: NoticePreview,
  complete: boolean,
): { title: string; template: 'orange' | 'blue' | 'green' | 'grey' } {
  if (!complete) return { title: `📅 ${p.year}年放假安排没有读全`, template: 'orange' };
  if (!p.outcome) return { title: `📅 ${p.year}年放假安排（待确认）`, template: 'blue' };
  return p.outcome.kind === 'applied'
    ? { title: `📅 ${p.year}年放假安排（已导入）`, template: 'green' }
    : { title: `📅 ${p.year}年放假安排（已取消）`, template: 'grey' };
}

export function noticeImportCard(p: NoticePreview): Card {
  const complete = p.problems.length === 0;
  const elements: CardElement[] = [
    markdown(
      p.holidays.length > 0
        ? p.holidays.map((h) => holidayLine(h, p.year)).join('\n')
        : '没有读到任何节日安排。',
    ),
  ];
  if (!complete) {
    elements.push(markdown(`**没有读懂的地方：**\n${p.problems.map((x) => `• ${md(x)}`).join('\n')}`));
    elements.push(markdown('请改正以上内容后重新发送 /日历 导入 和通知全文；读全之前不会应用。', 'notation'));
  } else if (p.outcome) {
    elements.push(
      markdown(
        p.outcome.kind === 'applied'
          ? `✅ ${md(p.outcome.by)} 已确认导入：${p.year} 年的工作日按此计算，提醒已按新日历重新安排。`
          : `已由 ${md(p.outcome.by)} 取消，没有导入。`,
        'notation',
      ),
    );
  } else {
    const value = (action: NoticeImportValue['action']): NoticeImportValue => ({ action, id: p.heldId });
    elements.push(
      buttonRow([
        button('确认导入', value('importNotice'), { type: 'primary' }),
        button('取消', value('dropNotice')),
      ]),
    );
    elements.push(
      markdown(
        `确认后 ${p.year} 年的工作日按此计算，不再提示“尚未收录”；已登记事项的截止时间不变，提醒按新日历重新安排。一天内有效。`,
        'notation',
      ),
    );
  }
  return validateCard(
    card(
      {
        ...headerOf(p, complete),
      },
      elements,
    ),
  );
}
