/**
 * `/计划 导入 <年度> 单位 <名称> [牵头 @领导]`, two ways in, one preview:
 * - lines after the command (`事项 | 截止 | @负责人`), read at once;
 * - no lines: the sender's next `.xlsx` (columns 事项 | 截止 | 负责人, owners by name) is read as
 *   the plan — sent in that chat, or in a private chat with the bot (a file cannot @ the bot in
 *   a group, so a group may never pass it on).
 * Either way the plan is checked line by line (title, deadline, owner), held under the message
 * that brought it, and shown as a preview card whose 确认导入 records it (`planPress.ts`).
 */
import {
  checkPlanFileName,
  holdPlanPreview,
  PLAN_USAGE,
  type PlanLineRead,
  readPlanFile,
} from '../src/bot/actions/planImport.ts';
import { readTaskClauses } from '../src/bot/args/taskArgs.ts';
import { FileTooLargeError, type IncomingFile } from '../src/bot/delivery/files.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { MessageContext } from '../src/bot/dispatch/context.ts';
import { chatTypeOf } from '../src/domain/item.ts';
import { MAX_PLAN_LINES, readPlanLines } from '../src/domain/plans.ts';
import { localDate } from '../src/domain/time.ts';
import { UserError } from '../src/errors.ts';
import { MAX_PLAN_FILE_BYTES } from '../src/import/planWorkbook.ts';
import { FILE_WAIT_MINUTES, type WantedPlanFile } from '../src/storage/pendingPlans.ts';

export { PLAN_USAGE };

export async function importPlan(deps: BotDeps, ctx: MessageContext): Promise<void> {
  const [head = '', ...body] = ctx.multiline.replace(/^[/／]\s*\S+\s*/u, '').split('\n');
  const m = /^导入\s*(\d{4})年?(?:\s+(.*))?$/u.exec(head.trim());
  if (!m) throw new UserError('请写明年度和单位：/计划 导入 2027 单位 县住建委，然后每行一项。', PLAN_USAGE);
  if (!m[2]?.trim()) throw new UserError(`请写明单位：/计划 导入 ${m[1]} 单位 <名称>。`, PLAN_USAGE);
  const year = Number(m[1]);
  const clauses = readTaskClauses(m[2], ctx.mentions, PLAN_USAGE, { ownersRequired: false });
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
        '也可以用 /看板 打开看板，在“导入计划”页上传；或不发文件，在命令后每行写一项：事项 | 截止 | @负责人。',
      ].join('\n'),
    );
    return;
  }
  const read = readPlanLines(body.join('\n'), 2);
  if (read.truncated)
    throw new UserError(`一次只能导入 ${MAX_PLAN_LINES} 项以内：请按单位或分批导入。`, PLAN_USAGE);
  const lines: PlanLineRead[] = read.lines.map((l) => {
    const owner = l.ownerKey ? ctx.mentions.get(l.ownerKey) : undefined;
    return { row: l.row, title: l.title, ...(l.due ? { due: l.due } : {}), ...(owner ? { owner } : {}) };
  });
  await replyPreview(deps, ctx, target, lines, read.problems);
}

/** The `.xlsx` after `/计划 导入`; another file sent privately gets a word on what files are for. */
export async function importPlanFile(deps: BotDeps, ctx: MessageContext, file: IncomingFile): Promise<void> {
  const target = await deps.pendingPlans.wantedFile(ctx.tenant, ctx.sender.openId);
  if (!target) {
    // A group passes files on only with the scope for every message: people share files there
    // all day, and answering each would be noise. In a private chat the file was meant for us.
    if (ctx.chatType !== 'p2p') return;
    await ctx.reply(
      '收到文件，但没有等待导入的计划。要导入年度计划，请先发送 /计划 导入 <年度> 单位 <名称>，再发送 .xlsx。',
    );
    return;
  }
  checkPlanFileName(file.name);
  let bytes: Buffer;
  try {
    bytes = await deps.files.download(ctx.tenant, file, MAX_PLAN_FILE_BYTES);
  } catch (e) {
    if (e instanceof FileTooLargeError)
      throw new UserError('计划表超过 2 MB，太大了。请只保留计划事项一张表后再发。');
    throw e;
  }
  const { lines, problems } = await readPlanFile(deps, ctx.tenant, target, { name: file.name, bytes });
  const held = await replyPreview(deps, ctx, target, lines, problems);
  // Nothing to import: the wait goes on, so the corrected file is read.
  if (held === 0)
    await ctx.reply(`这份计划表没有可导入的事项。请改正后在 ${FILE_WAIT_MINUTES} 分钟内重新发送。`);
  else await deps.pendingPlans.fileArrived(ctx.tenant, ctx.sender.openId);
}

/** Holds the plan under this message and answers with its preview card; returns how many items it holds. */
async function replyPreview(
  deps: BotDeps,
  ctx: MessageContext,
  target: WantedPlanFile,
  lines: readonly PlanLineRead[],
  problems: string[],
): Promise<number> {
  const who = { tenant: ctx.tenant, sender: ctx.sender, heldId: ctx.messageId };
  const { card, held } = await holdPlanPreview(deps, who, target, lines, problems);
  await ctx.reply({ type: 'card', card: { ...card } });
  return held;
}
