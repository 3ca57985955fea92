/**
 * `/计划 导入 <年度> 单位 <名称> [牵头 @领导]`, two ways in, one preview:
 * - lines after the command (`事项 | 截止 | @负责人`), read at once;
 * - no lines: the sender's next `.xlsx` (columns 事项 | 截止 | 负责人, owners by name) is read as
 *   the plan — sent in that chat, or in a private chat with the bot (a file cannot @ the bot in
 *   a group, so a group may never pass it on).
 * Either way the plan is checked line by line (title, deadline, owner), held under the message
 * that brought it, and shown as a preview card whose 确认导入 records it (`planPress.ts`).
 */

import { checkTitle, readTaskClauses } from '../src/bot/args/taskArgs.ts';
import { FileTooLargeError, type IncomingFile } from '../src/bot/delivery/files.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { MessageContext } from '../src/bot/dispatch/context.ts';
import { matchMember } from '../src/bot/people/roster.ts';
import { parseDeadline } from '../src/domain/deadline/index.ts';
import { chatTypeOf, type Person } from '../src/domain/item.ts';
import { readPlanLines } from '../src/domain/plans.ts';
import { atLocal, formatDate, formatDue, localDate } from '../src/domain/time.ts';
import { UserError } from '../src/errors.ts';
import { MAX_PLAN_FILE_BYTES, readPlanWorkbook } from '../src/import/planWorkbook.ts';
import { planImportCard } from '../src/lark/cards/planImportCard.ts';
import { FILE_WAIT_MINUTES, type PendingPlan, type WantedPlanFile } from '../src/storage/pendingPlans.ts';

export const PLAN_USAGE =
  '/计划 导入 <年度> 单位 <名称> 后每行一项“事项 | 截止 | @负责人”（或不写事项，随后发送 .xlsx）；/计划 [年度] [单位 名称]；/计划 不再实施 #编号 <理由>；/计划 检查 [年度]';

/** One plan line as read, its owner already a person (or the sender when none is named). */
interface ReadLine {
  title: string;
  due?: string;
  owner?: Person;
}

export async function importPlan(deps: BotDeps, ctx: MessageContext): Promise<void> {
  const [head = '', ...body] = ctx.multiline.replace(/^[/／]\s*\S+\s*/u, '').split('\n');
  const m = /^导入\s*(\d{4})年?\s+(.*)$/u.exec(head.trim());
  if (!m) throw new UserError('请写明年度和单位：/计划 导入 2027 单位 县住建委，然后每行一项。', PLAN_USAGE);
  const year = Number(m[1]);
  const clauses = readTaskClauses(m[2]!, ctx.mentions, PLAN_USAGE, { ownersRequired: false });
  if (!clauses.unit) throw new UserError('请写明单位：“单位 <名称>”。', PLAN_USAGE);
  const thisYear = Number(localDate(deps.clock.now(), deps.time.timezone).slice(0, 4));
  if (year < thisYear - 1 || year > thisYear + 1)
    throw new UserError(`只能导入 ${thisYear - 1}—${thisYear + 1} 年的计划。`, PLAN_USAGE);
  const target: WantedPlanFile = {
    year,
    unit: clauses.unit,
    ...(clauses.lead ? { lead: clauses.lead } : {}),
    chatId: ctx.chatId,
    chatType: chatTypeOf(ctx.chatType),
  };
  if (body.every((l) => !l.trim())) {
    await deps.pendingPlans.wantFile(ctx.tenant, ctx.sender.openId, target);
    await ctx.reply(
      [
        `📎 请在 ${FILE_WAIT_MINUTES} 分钟内发送 ${year} 年 ${clauses.unit} 的计划表（.xlsx，第一行表头：事项 | 截止 | 负责人，后两栏可空；负责人写本群成员的姓名）。`,
        ctx.chatType === 'p2p'
          ? '直接发在这里即可。'
          : '群里发送的文件机器人可能收不到（无法 @），请在与我的私聊里发送。',
        '也可以不发文件，在命令后每行写一项：事项 | 截止 | @负责人。',
      ].join('\n'),
    );
    return;
  }
  const read = readPlanLines(body.join('\n'), 2);
  const lines = read.lines.map((l) => {
    const owner = l.ownerKey ? ctx.mentions.get(l.ownerKey) : undefined;
    return { title: l.title, ...(l.due ? { due: l.due } : {}), ...(owner ? { owner } : {}) };
  });
  await holdPreview(deps, ctx, target, lines, read.problems);
}

/** The `.xlsx` after `/计划 导入`; any other file gets a word on what the bot does with files. */
export async function importPlanFile(deps: BotDeps, ctx: MessageContext, file: IncomingFile): Promise<void> {
  const target = await deps.pendingPlans.wantedFile(ctx.tenant, ctx.sender.openId);
  if (!target) {
    await ctx.reply(
      '收到文件，但没有等待导入的计划。要导入年度计划，请先发送 /计划 导入 <年度> 单位 <名称>，再发送 .xlsx。',
    );
    return;
  }
  if (!/\.xlsx$/iu.test(file.name))
    throw new UserError(
      `“${[...file.name].slice(0, 40).join('')}”不是 .xlsx 文件。请用 Excel 或 WPS 另存为 .xlsx 后再发（${FILE_WAIT_MINUTES} 分钟内有效）。`,
    );
  let bytes: Buffer;
  try {
    bytes = await deps.files.download(ctx.tenant, file, MAX_PLAN_FILE_BYTES);
  } catch (e) {
    if (e instanceof FileTooLargeError)
      throw new UserError('计划表超过 2 MB，太大了。请只保留计划事项一张表后再发。');
    throw e;
  }
  const sheet = await readPlanWorkbook(bytes);
  if (!sheet.ok) throw new UserError(`${sheet.reason}（${FILE_WAIT_MINUTES} 分钟内可重新发送。）`);
  const problems = [...sheet.problems];
  const members = sheet.lines.some((l) => l.owner)
    ? await deps.roster.membersOf(ctx.tenant, target.chatId).catch((err: unknown) => {
        deps.logger.warn('chat members not read for a plan import', { chatId: target.chatId, err });
        problems.push('读不到该群的成员名单，写了负责人的行没有导入；可改用文字导入并 @ 负责人。');
        return undefined;
      })
    : [];
  const lines: ReadLine[] = [];
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
    lines.push({ title: line.title, ...(line.due ? { due: line.due } : {}), ...(owner ? { owner } : {}) });
  }
  await holdPreview(deps, ctx, target, lines, problems);
  await deps.pendingPlans.fileArrived(ctx.tenant, ctx.sender.openId);
}

/** Checks each line, holds what reads well under this message, and answers with the preview card. */
async function holdPreview(
  deps: BotDeps,
  ctx: MessageContext,
  target: WantedPlanFile,
  lines: readonly ReadLine[],
  problems: string[],
): Promise<void> {
  const { year, unit } = target;
  const now = deps.clock.now();
  const calendar = await deps.calendars.calendarFor(ctx.tenant);
  const yearEnd = calendar.lastWorkingDayBefore(formatDate(year + 1, 1, 1));
  const items: PendingPlan['items'] = [];
  const shown: string[] = [];
  const ownerNames = await deps.people.namesOf(
    ctx.tenant,
    lines.flatMap((l) => (l.owner ? [l.owner.openId] : [])),
  );
  for (const line of lines) {
    let due = atLocal(yearEnd, deps.time.workdayEnd, deps.time.timezone);
    let explanation = `${year}年末`;
    if (line.due) {
      const d = parseDeadline(line.due, now, { calendar, ...deps.time });
      if (!d.ok) {
        problems.push(`“${line.title}”的截止“${line.due}”：${d.reason}`);
        continue;
      }
      [due, explanation] = [d.due, d.explanation];
    }
    let title: string;
    try {
      title = checkTitle(line.title, PLAN_USAGE);
    } catch (e) {
      problems.push(`“${[...line.title].slice(0, 20).join('')}…”：${(e as Error).message}`);
      continue;
    }
    const owner = line.owner ?? ctx.sender;
    items.push({
      kind: 'plan',
      chatId: target.chatId,
      chatType: target.chatType,
      title,
      owners: [owner],
      creator: ctx.sender,
      ...(target.lead ? { lead: target.lead } : {}),
      unit,
      due,
      allDay: true,
      plan: { year, unit },
      explanation,
    });
    const name = line.owner ? ownerNames.get(line.owner.openId) || line.owner.name : '（登记人）';
    shown.push(`${title} · 截止 ${formatDue(due, deps.time.timezone)} · ${name}`);
  }
  await deps.pendingPlans.hold(ctx.tenant, ctx.messageId, {
    year,
    unit,
    by: ctx.sender.openId,
    chatId: target.chatId,
    items,
  });
  const card = planImportCard({ heldId: ctx.messageId, year, unit, lines: shown, problems });
  await ctx.reply({ type: 'card', card: { ...card } });
}
