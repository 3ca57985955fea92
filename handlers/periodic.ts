/**
 * `/周期 <标题> @负责人 <规则> [牵头 @领导] [单位 <名称>]` — a recurring schedule: each
 * occurrence becomes an ordinary item a few working days before it falls due
 * (`jobs/occurrence.ts`). `/周期 列表` lists the chat's schedules; `/周期 暂停|恢复|停止 S<n>`
 * changes one. Set and changed by the group's admins, its principal leader, an organisation
 * admin, or the leader who leads it (`牵头 @自己`); a schedule's creator may also pause or stop it.
 */
import { checkTitle, readTaskClauses } from '../src/bot/args/taskArgs.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandContext, CommandSpec } from '../src/bot/dispatch/router.ts';
import { uncoveredYearsNotice } from '../src/domain/deadline/index.ts';
import { chatTypeOf } from '../src/domain/item.ts';
import { parseRecurrence, RULE_FORMS } from '../src/domain/recurrence/parse.ts';
import { formatDue, localDate } from '../src/domain/time.ts';
import { UserError } from '../src/errors.ts';
import type { PlannedOccurrence } from '../src/scheduling/occurrencePlanner.ts';
import type { Schedule } from '../src/storage/schedules.ts';

export const PERIODIC_USAGE =
  '/周期 <标题> @负责人 <规则> [牵头 @领导] [单位 <名称>]，例如：/周期 报送月度统计数据 @张三 每月5日前；/周期 列表；/周期 暂停|恢复|停止 S1';

const VERBS = { 暂停: 'paused', 恢复: 'active', 停止: 'stopped' } as const;
const STATE_TEXT = { active: '进行中', paused: '已暂停', stopped: '已停止' } as const;

/** Group admins, the principal leader, organisation admins — and the leader a schedule names. */
async function mayManage(deps: BotDeps, ctx: CommandContext, leadOpenId?: string, creator?: string) {
  const me = ctx.sender.openId;
  if (me === leadOpenId || me === creator) return true;
  if (await deps.authority.mayConfigureGroup(ctx.tenant, ctx.chatId, me)) return true;
  return (await deps.authority.groupRoles(ctx.tenant, ctx.chatId, me)).has('principal');
}

/** `标题 规则`: the rule is the text from the first 每 at which the rest reads as a rule. */
function splitRule(rest: string, now: number, calendar: Parameters<typeof parseRecurrence>[2]) {
  let lastReason: string | undefined;
  for (let at = rest.indexOf('每'); at >= 0; at = rest.indexOf('每', at + 1)) {
    const parsed = parseRecurrence(rest.slice(at), now, calendar);
    if (parsed.ok) return { title: rest.slice(0, at), rule: parsed.rule };
    lastReason = parsed.reason;
  }
  throw new UserError(lastReason ? `${lastReason}。` : `请写明周期规则：${RULE_FORMS}。`, PERIODIC_USAGE);
}

function scheduleLine(s: Schedule): string {
  const lead = s.lead ? ` · 牵头 ${s.lead.name}` : '';
  return `S${s.no} ${s.title} · ${s.rule.text} · 负责人 ${s.owners.map((o) => o.name).join('、')}${lead} · ${STATE_TEXT[s.state]}`;
}

export function periodicCommand(deps: BotDeps): CommandSpec {
  /**
   * The next occurrence's due day was found with that year's working days, as /任务's deadlines
   * are: said when that year's arrangement is not yet recorded — by the calendar as it is now, so
   * after /日历 导入 of the year nothing is said (set and 恢复 alike).
   */
  async function uncoveredNote(planned: PlannedOccurrence, tenant: string): Promise<string | undefined> {
    const calendar = await deps.calendars.calendarFor(tenant);
    const dueDay = localDate(planned.occurrence.due, deps.time.timezone);
    return uncoveredYearsNotice(calendar.uncoveredYears(dueDay));
  }

  async function create(ctx: CommandContext): Promise<void> {
    const clauses = readTaskClauses(ctx.args, ctx.mentions, PERIODIC_USAGE);
    if (!(await mayManage(deps, ctx, clauses.lead?.openId)))
      throw new UserError(
        '周期事项由本群管理员、主要负责领导或系统管理员设置；领导也可设置自己牵头的（牵头 @自己）。',
      );
    const calendar = await deps.calendars.calendarFor(ctx.tenant);
    const now = deps.clock.now();
    const { title, rule } = splitRule(clauses.rest, now, calendar);
    const schedule = await deps.schedules.create({
      tenant: ctx.tenant,
      chatId: ctx.chatId,
      chatType: chatTypeOf(ctx.chatType),
      title: checkTitle(title, PERIODIC_USAGE),
      owners: clauses.owners,
      ...(clauses.lead ? { lead: clauses.lead } : {}),
      ...(clauses.unit ? { unit: clauses.unit } : {}),
      creator: ctx.sender,
      rule,
      createdAt: now,
    });
    const planned = await deps.occurrences.planNext(schedule, now);
    const lines = [
      `✅ 已设周期 S${schedule.no}：${schedule.title} · ${rule.text} · 负责人 ${schedule.owners.map((o) => o.name).join('、')}`,
    ];
    if (!planned) lines.push('按这条规则，今后没有需要办理的日子。');
    else {
      const due = formatDue(planned.occurrence.due, deps.time.timezone);
      const when =
        planned.createAt <= now
          ? '现在登记'
          : `将于 ${formatDue(planned.createAt, deps.time.timezone)} 自动登记`;
      lines.push(`下一期（${planned.occurrence.key}）截止 ${due}，${when}，之后每期照此办理。`);
      lines.push(`发送 /周期 列表 查看；/周期 暂停 S${schedule.no} 可暂停。`);
      const note = await uncoveredNote(planned, ctx.tenant);
      if (note) lines.push(note);
    }
    // The first occurrence may already be within its lead time: its job, due now, makes it at once.
    await ctx.reply(lines.join('\n'));
  }

  async function change(ctx: CommandContext, verb: keyof typeof VERBS, ref: string | undefined) {
    const no = Number(/^[Ss]?(\d{1,6})$/.exec(ref ?? '')?.[1]);
    if (!no)
      throw new UserError(
        `请写明周期编号，例如：/周期 ${verb} S1（发送 /周期 列表 查看编号）。`,
        PERIODIC_USAGE,
      );
    const schedule = await deps.schedules.get(ctx.tenant, no);
    if (!schedule || schedule.chatId !== ctx.chatId)
      throw new UserError(`本群没有周期 S${no}。发送 /周期 列表 查看。`);
    if (!(await mayManage(deps, ctx, schedule.lead?.openId, schedule.creator.openId)))
      throw new UserError('只有设置人、牵头领导、本群管理员、主要负责领导或系统管理员可以更改这个周期。');
    const state = VERBS[verb];
    if (schedule.state === 'stopped')
      throw new UserError(`周期 S${no} 已停止，不能再${verb}；需要的话请重新设置。`);
    if (schedule.state === state) {
      await ctx.reply(`周期 S${no} 已经是${STATE_TEXT[state]}。`);
      return;
    }
    const now = deps.clock.now();
    const updated = await deps.schedules.setState(ctx.tenant, no, state, {
      actor: ctx.sender.openId,
      at: now,
    });
    if (state !== 'active' || !updated) {
      await ctx.reply(`周期 S${no} ${STATE_TEXT[state]}，不再登记新的一期；已登记的事项照常办理。`);
      return;
    }
    const planned = await deps.occurrences.planNext(updated, now);
    if (!planned) {
      await ctx.reply(`周期 S${no} 已恢复，但按规则今后没有需要办理的日子。`);
      return;
    }
    const note = await uncoveredNote(planned, ctx.tenant);
    await ctx.reply(
      [
        `周期 S${no} 已恢复，下一期（${planned.occurrence.key}）截止 ${formatDue(planned.occurrence.due, deps.time.timezone)}。`,
        ...(note ? [note] : []),
      ].join('\n'),
    );
  }

  return {
    name: '周期',
    aliases: ['periodic'],
    usage: PERIODIC_USAGE,
    summary: '设置定期事项（每周、每月等），每期自动登记为事项',
    async run(ctx) {
      if (!ctx.args) throw new UserError('请写明事项、负责人和周期规则。', PERIODIC_USAGE);
      const [first, second] = ctx.args.split(/\s+/);
      if (first === '列表') {
        const all = await deps.schedules.ofChat(ctx.tenant, ctx.chatId);
        await ctx.reply(
          all.length > 0 ? ['本群的周期事项：', ...all.map(scheduleLine)].join('\n') : '本群还没有周期事项。',
        );
        return;
      }
      if (first && first in VERBS) return change(ctx, first as keyof typeof VERBS, second);
      await create(ctx);
    },
  };
}
