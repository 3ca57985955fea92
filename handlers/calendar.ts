/**
 * `/日历` — the coming holidays and adjusted workdays, and whether next year's arrangements
 * are known. Organisation admins (`LUOSHI_ADMINS`: the calendar is the whole organisation's,
 * not one group's) correct it: `/日历 放假 2027-01-01`, `/日历 上班 2027-02-07`,
 * `/日历 恢复 2027-01-01` (back to the official data), `/日历 确认 2027` (that year is fully
 * entered, stop warning), or paste the State Council's notice after `/日历 导入`: it is read,
 * shown as a card, and applied when the admin presses 确认导入 (`handlers/cardActions.ts`).
 * Any change replans what is planned ahead on working days (`jobs/replanAhead.ts`): the open
 * items' reminders, the schedules' next occurrences, the meetings' topic calls; deadlines stay
 * as recorded.
 */
import { replanAhead } from '../jobs/replanAhead.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandContext, CommandSpec } from '../src/bot/dispatch/router.ts';
import type { CalendarDay, WorkingDayCalendar } from '../src/domain/calendar.ts';
import { arrangementOf, noticeProblems, readHolidayNotice } from '../src/domain/notice/readNotice.ts';
import { addDays, formatDayWithWeekday, isValidDate, localDate, yearOf } from '../src/domain/time.ts';
import { UserError } from '../src/errors.ts';
import { noticeImportCard } from '../src/lark/cards/noticeImportCard.ts';

export const CALENDAR_USAGE =
  '/日历，或（系统管理员）/日历 放假|上班|恢复 2027-01-01 [2027-01-02 …]，/日历 确认 2027，/日历 导入 <国务院放假通知全文>';
const IMPORT_USAGE = '/日历 导入，换行后粘贴国务院办公厅关于某年部分节假日安排的通知全文';
const SHOW_DAYS = 120;

/** `2027-1-1`, `2027/01/01`, `2027年1月1日` → `2027-01-01`; undefined when not a real date. */
export function readDate(word: string): string | undefined {
  const m = /^(\d{4})(?:[-/]|年)(\d{1,2})(?:[-/]|月)(\d{1,2})日?$/u.exec(word);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isValidDate(y, mo, d)) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Runs of consecutive days off become one line; adjusted workdays each get their own. */
export function describeDays(days: CalendarDay[], currentYear: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < days.length; ) {
    const d = days[i]!;
    const tag = d.source === 'override' ? '（管理员设置）' : '';
    if (d.kind === 'work') {
      lines.push(
        `• ${formatDayWithWeekday(d.date, currentYear)} 调休上班${d.name ? `（${d.name}）` : ''}${tag}`,
      );
      i++;
      continue;
    }
    let j = i;
    while (
      days[j + 1]?.kind === 'off' &&
      days[j + 1]?.date === addDays(days[j]!.date, 1) &&
      days[j + 1]?.name === d.name
    )
      j++;
    const range =
      j > i
        ? `${formatDayWithWeekday(d.date, currentYear)}—${formatDayWithWeekday(days[j]!.date, currentYear)}`
        : formatDayWithWeekday(d.date, currentYear);
    lines.push(`• ${range} ${d.name ?? ''}放假${tag}`);
    i = j + 1;
  }
  return lines;
}

function overview(calendar: WorkingDayCalendar, now: number): string {
  const today = localDate(now, calendar.timezone);
  const year = yearOf(today);
  const days = calendar.holidaysBetween(today, addDays(today, SHOW_DAYS));
  const lines = [`📅 未来 ${SHOW_DAYS} 天的放假与调休安排：`];
  // An unpublished year in the window may well hold holidays: say none are *known*, not none.
  const unknown = calendar.uncoveredYears(today, addDays(today, SHOW_DAYS)).length > 0;
  const none = unknown
    ? '• 没有已收录的节假日或调休（见下方提示）。'
    : '• 没有节假日或调休，工作日按周一至周五。';
  lines.push(...(days.length > 0 ? describeDays(days, year) : [none]));
  for (const y of [year, year + 1]) {
    lines.push(
      calendar.isCovered(y)
        ? `${y}年：已收录放假安排。`
        : `⚠️ ${y}年：尚未收录国务院放假安排，工作日暂按周一至周五计算。公布后请管理员发送 /日历 导入 并粘贴通知全文（或用 /日历 放假 / 上班 逐日补充，完成后 /日历 确认 ${y}）。`,
    );
  }
  return lines.join('\n');
}

/** `/日历 导入 <notice>`: read it and show what was read; nothing changes until 确认导入. */
async function importNotice(ctx: CommandContext, deps: BotDeps, text: string): Promise<void> {
  if (text.trim() === '') throw new UserError('请在 /日历 导入 后换行粘贴通知全文。', IMPORT_USAGE);
  const result = readHolidayNotice(text);
  if (!result.ok) throw new UserError(result.reason, IMPORT_USAGE);
  const { reading } = result;
  const problems = noticeProblems(reading);
  if (problems.length === 0)
    await deps.calendars.holdNotice(ctx.tenant, ctx.messageId, arrangementOf(reading));
  const card = noticeImportCard({
    heldId: ctx.messageId,
    year: reading.year,
    holidays: reading.holidays,
    problems,
  });
  await ctx.reply({ type: 'card', card: { ...card } });
}

async function change(ctx: CommandContext, deps: BotDeps, verb: string, rest: string[]): Promise<string> {
  const who = { actor: ctx.sender.openId, at: deps.clock.now() };
  if (verb === '确认') {
    const year = Number(rest[0]);
    if (rest.length !== 1 || !Number.isInteger(year) || year < 2004 || year > 2100) {
      throw new UserError('请写明年份，例如：/日历 确认 2027。', CALENDAR_USAGE);
    }
    await deps.calendars.confirmYear(ctx.tenant, year, who);
    return `已确认 ${year} 年的放假安排录入完整，相关截止时间不再提示“尚未收录”。`;
  }
  if (rest.length === 0) throw new UserError('请写明日期，例如 2027-01-01。', CALENDAR_USAGE);
  if (rest.length > 31) throw new UserError('一次最多设置 31 天。', CALENDAR_USAGE);
  const dates = rest.map((w) => ({ w, date: readDate(w) }));
  const bad = dates.filter((d) => !d.date).map((d) => d.w);
  if (bad.length > 0)
    throw new UserError(`看不懂这些日期：${bad.join('、')}（请写成 2027-01-01）。`, CALENDAR_USAGE);
  for (const { date } of dates) {
    if (verb === '恢复') await deps.calendars.clearOverride(ctx.tenant, date!, who);
    else await deps.calendars.setOverride(ctx.tenant, date!, verb === '放假' ? 'off' : 'work', who);
  }
  // Reminders, occurrences and topic calls count working days: plan them again on the new
  // calendar (deadlines stay).
  await replanAhead(deps, ctx.tenant);
  const list = dates.map((d) => d.date).join('、');
  const what = verb === '恢复' ? '已恢复为官方安排' : verb === '放假' ? '已设为放假' : '已设为调休上班';
  return `✅ ${list} ${what}。已登记事项的截止时间不变，提醒已按新日历重新安排；此后新计算的工作日按新日历。`;
}

export function calendarCommand(deps: BotDeps): CommandSpec {
  return {
    name: '日历',
    aliases: ['calendar'],
    usage: CALENDAR_USAGE,
    summary: '查看放假调休安排；管理员可补充或更正',
    async run(ctx) {
      const [verb, ...rest] = ctx.args.split(/\s+/).filter(Boolean);
      if (!verb) {
        await ctx.reply(overview(await deps.calendars.calendarFor(ctx.tenant), deps.clock.now()));
        return;
      }
      // A pasted notice may follow 导入 without a space or line break.
      const importing = ctx.args.startsWith('导入');
      if (!importing && !['放假', '上班', '恢复', '确认'].includes(verb)) {
        throw new UserError(`不认识“${verb}”，可以用：放假、上班、恢复、确认、导入。`, CALENDAR_USAGE);
      }
      // The calendar is the whole organisation's: a group's own admins may not change it.
      if (!deps.authority.isOrgAdmin(ctx.sender.openId)) {
        throw new UserError('只有系统管理员可以修改全单位的工作日历。发送 /日历 可查看。');
      }
      // The notice is read with its line breaks (`args` has them folded into spaces): everything
      // after the word 导入, so that the title is its line 1 wherever the admin put it.
      if (importing) {
        const notice = ctx.multiline.replace(/^[/／]\s*\S+\s*导入/u, '').trim();
        return importNotice(ctx, deps, notice);
      }
      await ctx.reply(await change(ctx, deps, verb, rest));
    },
  };
}
