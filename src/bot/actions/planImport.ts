/**
 * One way a plan is read and held, whichever way it came in (lines after `/计划 导入`, an `.xlsx`
 * sent in a chat, an `.xlsx` uploaded on the 看板): each line checked (title, deadline, owner),
 * what reads well held under an id for 确认导入 (`handlers/planPress.ts`), and the preview card
 * drawn with what did not. The file's owners are names, matched to the members of the group the
 * plan is for.
 */

import { parseDeadline } from '../../domain/deadline/index.ts';
import type { Person } from '../../domain/item.ts';
import { atLocal, formatDate, formatDue, localDate } from '../../domain/time.ts';
import { UserError } from '../../errors.ts';
import { readPlanWorkbook } from '../../import/planWorkbook.ts';
import type { Card } from '../../lark/cards/elements.ts';
import { planImportCard } from '../../lark/cards/planImportCard.ts';
import { FILE_WAIT_MINUTES, type PendingPlan, type WantedPlanFile } from '../../storage/pendingPlans.ts';
import { deadlineOptionsIn } from '../args/deadlineOptions.ts';
import { checkTitle } from '../args/taskArgs.ts';
import type { BotDeps } from '../deps.ts';
import { matchMember } from '../people/roster.ts';

export const PLAN_USAGE =
  '/计划 导入 <年度> 单位 <名称> 后每行一项“事项 | 截止 | @负责人”（或不写事项，随后发送 .xlsx）；/计划 [年度] [单位 名称]；/计划 不再实施 #编号 <理由>；/计划 检查 [年度]；/计划 检查日 [日期…|默认]';

type Deps = Pick<
  BotDeps,
  'clock' | 'time' | 'calendars' | 'settings' | 'people' | 'roster' | 'pendingPlans' | 'logger' | 'figures'
>;

/** One plan line as read, its owner already a person (none: the importer). */
export interface PlanLineRead {
  /** Where it was read (the message's line or the sheet's row), for what is said about it. */
  row?: number;
  title: string;
  due?: string;
  owner?: Person;
}

/** Who imports, and the id the plan is held under (the message or upload that brought it). */
export interface Importer {
  tenant: string;
  sender: Person;
  heldId: string;
}

const AGAIN = `（${FILE_WAIT_MINUTES} 分钟内可重新发送。）`;

/** A plan comes as `.xlsx`; anything else is refused before it is downloaded. */
export function checkPlanFileName(name: string): void {
  if (!/\.xlsx$/iu.test(name))
    throw new UserError(
      `“${[...name].slice(0, 40).join('')}”不是 .xlsx 文件。请用 Excel 或 WPS 另存为 .xlsx 后再发。${AGAIN}`,
    );
}

/** The lines of a plan spreadsheet, owners matched by name to the group's members. Throws `UserError` for a file that is no plan. */
export async function readPlanFile(
  deps: Deps,
  tenant: string,
  target: WantedPlanFile,
  file: { name: string; bytes: Buffer },
): Promise<{ lines: PlanLineRead[]; problems: string[] }> {
  checkPlanFileName(file.name);
  const sheet = await readPlanWorkbook(file.bytes);
  if (!sheet.ok) throw new UserError(`${sheet.reason}${AGAIN}`);
  const problems = [...sheet.problems];
  const members = sheet.lines.some((l) => l.owner)
    ? await deps.roster.membersOf(tenant, target.chatId).catch((err: unknown) => {
        deps.logger.warn('chat members not read for a plan import', { chatId: target.chatId, err });
        problems.push('读不到该群的成员名单，写了负责人的行没有导入；可改用文字导入并 @ 负责人。');
        return undefined;
      })
    : [];
  const lines: PlanLineRead[] = [];
  for (const line of sheet.lines) {
    let owner: Person | undefined;
    if (line.owner) {
      if (!members) continue;
      const match = matchMember(members, line.owner);
      if (!match.ok) {
        problems.push(
          match.reason === 'ambiguous'
            ? `第 ${line.row} 行：群里有不止一位“${line.owner}”，请改写为其 open_id。`
            : `第 ${line.row} 行：负责人“${[...line.owner].slice(0, 20).join('')}”不是该群成员。`,
        );
        continue;
      }
      owner = match.person;
    }
    lines.push({
      row: line.row,
      title: line.title,
      ...(line.due ? { due: line.due } : {}),
      ...(owner ? { owner } : {}),
    });
  }
  return { lines, problems };
}

/** Checks each line, holds what reads well under `who.heldId`, and returns the preview card. */
export async function holdPlanPreview(
  deps: Deps,
  who: Importer,
  target: WantedPlanFile,
  lines: readonly PlanLineRead[],
  problems: string[],
): Promise<{ card: Card; held: number }> {
  const { year, unit } = target;
  const now = deps.clock.now();
  // The plan's items are the group's: a deadline without a time is the group's office end.
  const options = await deadlineOptionsIn(deps, who.tenant, target.chatId);
  const { calendar } = options;
  const yearEnd = calendar.lastWorkingDayBefore(formatDate(year + 1, 1, 1));
  const items: PendingPlan['items'] = [];
  const shown: string[] = [];
  // What this unit's plan for the year already has (not given up): the same title again is
  // listed, not recorded twice — a second import would otherwise change the 10% base.
  const already = new Map<string, number>();
  for (const r of await deps.figures.all(who.tenant))
    if (r.kind === 'plan' && r.planYear === year && r.unit === unit && r.status !== 'cancelled')
      already.set(r.title, r.no);
  const taken = new Set<string>();
  const ownerNames = await deps.people.namesOf(
    who.tenant,
    lines.flatMap((l) => (l.owner ? [l.owner.openId] : [])),
  );
  const found: Array<{ row: number; text: string }> = [];
  const problem = (line: PlanLineRead, text: string) =>
    found.push({ row: line.row ?? 0, text: line.row ? `第 ${line.row} 行：${text}` : text });
  for (const line of lines) {
    let due = atLocal(yearEnd, options.workdayEnd, options.timezone);
    let explanation = `${year}年末`;
    if (line.due) {
      const d = parseDeadline(line.due, now, options);
      if (!d.ok) {
        problem(line, `“${line.title}”的截止“${line.due}”：${d.reason}`);
        continue;
      }
      // A month and day are read as the next such day; a plan's deadlines lie in its own year.
      const dueYear = Number(localDate(d.due, deps.time.timezone).slice(0, 4));
      if (dueYear !== year) {
        problem(
          line,
          `“${line.title}”的截止 ${formatDue(d.due, deps.time.timezone)} 不在 ${year} 年内，请写明 ${year} 年的日期。`,
        );
        continue;
      }
      [due, explanation] = [d.due, d.explanation];
    }
    let title: string;
    try {
      title = checkTitle(line.title, PLAN_USAGE);
    } catch (e) {
      problem(line, `“${[...line.title].slice(0, 20).join('')}…”：${(e as Error).message}`);
      continue;
    }
    const before = already.get(title);
    if (before !== undefined || taken.has(title)) {
      problem(
        line,
        before !== undefined
          ? `“${title}”已在 ${year} 年 ${unit} 的计划中（#${before}），没有重复导入。`
          : `“${title}”在这份计划里出现了两次，只导入一次。`,
      );
      continue;
    }
    taken.add(title);
    items.push({
      kind: 'plan',
      chatId: target.chatId,
      chatType: target.chatType,
      title,
      owners: [line.owner ?? who.sender],
      creator: who.sender,
      ...(target.lead ? { lead: target.lead } : {}),
      unit,
      due,
      allDay: true,
      plan: { year, unit },
      explanation,
    });
    const name = line.owner
      ? ownerNames.get(line.owner.openId) || line.owner.name
      : `${who.sender.name}（登记人）`;
    shown.push(`${title} · 截止 ${formatDue(due, deps.time.timezone)} · ${name}`);
  }
  await deps.pendingPlans.hold(who.tenant, who.heldId, {
    year,
    unit,
    by: who.sender.openId,
    chatId: target.chatId,
    items,
  });
  // What the sheet said first, then what the checks found, each in row order.
  const said = [...problems, ...found.sort((a, b) => a.row - b.row).map((f) => f.text)];
  return {
    card: planImportCard({ heldId: who.heldId, year, unit, lines: shown, problems: said }),
    held: items.length,
  };
}
