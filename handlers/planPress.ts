/**
 * 确认导入 / 取消 on a `/计划 导入` preview, for whoever pasted the plan or an organisation admin.
 * 确认导入 records each line of the plan held under the pasting message as an item of kind 计划
 * — idempotent per line, so a press retried after a crash records each once — and then takes
 * the plan (a later press finds nothing).
 */
import { recordTask } from '../src/bot/actions/recordTask.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import { type CardAnswer, type CardPress, toast } from '../src/bot/dispatch/cardPress.ts';
import { at } from '../src/bot/texts/format.ts';
import { formatDue } from '../src/domain/time.ts';
import type { PlanImportValue } from '../src/lark/cards/actionValue.ts';
import { planImportCard } from '../src/lark/cards/planImportCard.ts';

export type PlanPress = CardPress & { value: PlanImportValue };

export async function answerPlanPress(deps: BotDeps, p: PlanPress): Promise<CardAnswer> {
  const held = await deps.pendingPlans.peek(p.tenant, p.value.id);
  if (!held) return toast('info', '这份计划已经处理过或已过期，如需导入请重新发送 /计划 导入。');
  if (held.by !== p.operator && !deps.authority.isOrgAdmin(p.operator))
    return toast('error', '只有导入计划的人或系统管理员可以确认或取消。');
  const by = (await deps.people.namesOf(p.tenant, [p.operator])).get(p.operator) ?? '管理员';
  const lines = held.items.map((i) => `${i.title} · 截止 ${formatDue(i.due, deps.time.timezone)}`);
  const preview = { heldId: p.value.id, year: held.year, unit: held.unit, lines, problems: [] };
  if (p.value.action === 'dropPlan') {
    if (!(await deps.pendingPlans.take(p.tenant, p.value.id))) return toast('info', '这份计划已经处理过了。');
    return toast(
      'info',
      '已取消，没有导入。',
      planImportCard({ ...preview, outcome: { kind: 'dropped', by } }),
    );
  }
  // Recorded before the plan is taken: a press retried after a crash finishes the rest.
  const nos: number[] = [];
  for (const [i, { explanation, ...input }] of held.items.entries()) {
    const item = await recordTask(
      deps,
      { ...input, tenant: p.tenant },
      explanation,
      `${p.value.id}:plan:${i}`,
    );
    nos.push(item.no);
  }
  await deps.pendingPlans.take(p.tenant, p.value.id);
  const numbers = nos.length === 1 ? `#${nos[0]}` : nos.length > 1 ? `#${nos[0]}—#${nos.at(-1)}` : '';
  // The owners hear of it where the plan lives, as `/任务`'s owners do (a private chat's plan
  // already told each owner in person, item by item).
  const first = held.items[0];
  if (first && first.chatType !== 'p2p') {
    const byOwner = new Map<string, { person: (typeof first.owners)[number]; count: number }>();
    for (const item of held.items)
      for (const o of item.owners)
        byOwner.set(o.openId, { person: o, count: (byOwner.get(o.openId)?.count ?? 0) + 1 });
    const owners = [...byOwner.values()].map((o) => `${at(o.person)} ${o.count} 项`).join('，');
    await deps.messenger.send({
      tenant: p.tenant,
      to: { chatId: held.chatId },
      message: {
        type: 'text',
        text: `📋 已导入 ${held.unit} ${held.year} 年工作计划 ${nos.length} 项（${numbers}），负责人：${owners}。用 /列表 查看，完成后 /完成 #编号。`,
      },
      key: `plan-imported:${p.value.id}`,
    });
  }
  return toast(
    'success',
    `已导入 ${nos.length} 项计划。`,
    planImportCard({ ...preview, outcome: { kind: 'applied', by, numbers } }),
  );
}
