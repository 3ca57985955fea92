/**
 * `/设置` — this group's principal leader, admins and reminder policy (grammar in
 * `src/bot/args/settingsArgs.ts`). Anyone in the group may look; only its admins and organisation
 * admins (LUOSHI_ADMINS) may change, and a change applies completely or not at all, audited.
 */
import { replanAhead } from '../jobs/replanAhead.ts';
import { POLICY_USAGE, readSettingsCommand, SETTINGS_USAGE } from '../src/bot/args/settingsArgs.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import { namedSettings } from '../src/bot/people/naming.ts';
import { escapeText, namesOf } from '../src/bot/texts/format.ts';
import {
  adminsText,
  policyAuditDetail,
  policyChangedText,
  principalText,
  settingsText,
} from '../src/bot/texts/settingsReplies.ts';
import type { Person } from '../src/domain/item.ts';
import { defaultPolicy, type GroupSettings } from '../src/domain/policy.ts';
import { applyPolicyChange } from '../src/domain/policyChange.ts';
import { REDUCTION_TARGET, reducedTarget } from '../src/domain/registers.ts';
import { UserError } from '../src/errors.ts';

const label = (people: readonly Person[]) => people.map((p) => `${p.name}(${p.openId})`).join('、');
const without = (people: readonly Person[], gone: readonly Person[]) =>
  people.filter((p) => !gone.some((g) => g.openId === p.openId));

export function settingsCommand(deps: BotDeps): CommandSpec {
  return {
    name: '设置',
    aliases: ['settings'],
    usage: SETTINGS_USAGE,
    summary: '查看或修改本群的主要负责人、管理员和提醒规则（修改仅限管理员）',
    async run(ctx) {
      // Last year's totals, for the registers' −30% targets: the organisation's, not a group's.
      const baseline = /^(会议|发文)基数\s*[:：]?\s*(\S+)$/u.exec(ctx.args.trim());
      if (baseline) {
        if (!deps.authority.isOrgAdmin(ctx.sender.openId))
          throw new UserError(`${baseline[1]}基数是全单位的，只有系统管理员可以设置。`);
        const value = Number(baseline[2]);
        if (!Number.isSafeInteger(value) || value < 0 || value > 1_000_000)
          throw new UserError(`${baseline[1]}基数请写上年的总数，例如：/设置 ${baseline[1]}基数 120`);
        const kind = baseline[1] === '会议' ? 'meeting' : 'document';
        await deps.registers.setBaseline(ctx.tenant, kind, value, {
          actor: ctx.sender.openId,
          at: deps.clock.now(),
        });
        await ctx.reply(
          `已设上年${baseline[1]}总数 ${value}：今年目标不超过 ${reducedTarget(value)}（减少 ${REDUCTION_TARGET * 100}%）。发送 /${kind === 'meeting' ? '会议' : '发文'} 查看进度。`,
        );
        return;
      }
      const command = readSettingsCommand(ctx.args, ctx.mentions);
      const { tenant, chatId } = ctx;
      // Replies name people as they are called now.
      const named = (s: GroupSettings) => namedSettings(deps.people, tenant, s);
      if (command.kind === 'show') {
        await ctx.reply(settingsText(await named(await deps.settings.get(tenant, chatId))));
        return;
      }
      if (!(await deps.authority.mayConfigureGroup(tenant, chatId, ctx.sender.openId))) {
        throw new UserError('只有管理员可以修改本群设置。发送 /设置 可查看当前设置。');
      }
      const meta = { actor: ctx.sender.openId, at: deps.clock.now() };

      if (command.kind === 'principal') {
        const person = command.person;
        const { after, changed } = await deps.settings.update(
          tenant,
          chatId,
          (s) => {
            if (s.principal?.openId === person?.openId) return s;
            const { principal: _old, ...rest } = s;
            return person ? { ...rest, principal: person } : rest;
          },
          { ...meta, action: 'settings-principal', detail: person ? label([person]) : '清除' },
        );
        await ctx.reply(principalText(await named(after), changed));
        return;
      }

      if (command.kind === 'admins') {
        const { op, people } = command;
        if (op === 'remove') {
          const current = await deps.settings.get(tenant, chatId);
          const strangers = without(people, current.admins);
          if (strangers.length > 0) {
            throw new UserError(
              `${escapeText(namesOf(strangers))} 不是本群管理员（系统管理员由部署配置指定，不能在群里移除）。`,
              SETTINGS_USAGE,
            );
          }
        }
        const { after, changed } = await deps.settings.update(
          tenant,
          chatId,
          (s) => {
            const admins =
              op === 'add' ? [...s.admins, ...without(people, s.admins)] : without(s.admins, people);
            return admins.length === s.admins.length ? s : { ...s, admins };
          },
          { ...meta, action: `settings-admin-${op}`, detail: label(people) },
        );
        await ctx.reply(
          changed ? adminsText(op, people, await named(after)) : '这些人已经是本群管理员，无需重复设置。',
        );
        return;
      }

      const { change, reset } = command;
      const { before, after } = await deps.settings.update(
        tenant,
        chatId,
        (s) => {
          const base = reset ? defaultPolicy(deps.time) : s.policy;
          const outcome = applyPolicyChange(base, change);
          if (!outcome.ok) throw new UserError(`${outcome.reason}没有修改任何设置。`, POLICY_USAGE);
          return { ...s, policy: outcome.policy };
        },
        { ...meta, action: 'settings-policy', detail: (b, a) => policyAuditDetail(b.policy, a.policy) },
      );
      // Fire times depend on the policy: the group's open items, its schedules' next occurrences
      // and its meetings' topic calls are planned again. Also when nothing changed, because that
      // is what a retry of this command after a failed replan looks like.
      await replanAhead(deps, tenant, chatId);
      await ctx.reply(policyChangedText(before.policy, after.policy));
    },
  };
}
