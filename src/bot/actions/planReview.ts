/**
 * The 10% rule's review (notice 五): on a review day (`reviewDays`: the first working day of
 * December and the year's last) — or when an admin asks (`/计划 检查`) — every unit whose year
 * plan is more than 10% unimplemented gets a 书面说明 item, owned by the leader who leads most
 * of its plan items (else who imported them), due in 5 working days, in the chat the plan was
 * imported in; that chat's principal leader is told privately, and the item shows in digests
 * like any other.
 *
 * Idempotent: each explanation is recorded under a key of year, unit and day, so a retried or
 * repeated review on the same day records it once.
 */
import {
  EXPLANATION_WORKING_DAYS,
  implementationByUnit,
  reviewDays,
  type UnitImplementation,
} from '../../domain/plans.ts';
import { atLocal, localDate } from '../../domain/time.ts';
import { BOT_ACTOR } from '../../storage/audit.ts';
import type { BotDeps } from '../deps.ts';
import { at } from '../texts/format.ts';
import { recordTask } from './recordTask.ts';

const mostCommon = (values: readonly string[]): string | undefined => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
};

export interface ReviewResult {
  units: UnitImplementation[];
  /** The explanations recorded (or found already recorded today), by unit. */
  explanations: Array<{ unit: string; no: number; stillOpen?: true }>;
}

export async function reviewPlans(deps: BotDeps, tenant: string, year: number): Promise<ReviewResult> {
  const now = deps.clock.now();
  const tz = deps.time.timezone;
  const today = localDate(now, tz);
  const rows = await deps.figures.all(tenant);
  // Items due by the end of the review day count: the review runs in the morning.
  const units = implementationByUnit(rows, year, atLocal(today, deps.time.workdayEnd, tz));
  const explanations: ReviewResult['explanations'] = [];
  const calendar = await deps.calendars.calendarFor(tenant);
  for (const u of units.filter((x) => x.over)) {
    // A 书面说明 still open from an earlier review is the one the unit owes: not asked twice.
    const open = rows.find(
      (r) =>
        r.kind === 'explanation' &&
        r.unit === u.unit &&
        r.status !== 'done' &&
        r.status !== 'cancelled' &&
        r.title.includes(`${year}年工作计划`),
    );
    if (open) {
      explanations.push({ unit: u.unit, no: open.no, stillOpen: true });
      continue;
    }
    const planRows = rows.filter(
      (r) => r.kind === 'plan' && r.planYear === year && (r.unit ?? '未指定单位') === u.unit,
    );
    const ownerId =
      mostCommon(planRows.flatMap((r) => (r.lead ? [r.lead] : []))) ??
      mostCommon(planRows.map((r) => r.creator));
    const chatId = mostCommon(planRows.map((r) => r.chatId));
    const sample = planRows.find((r) => r.lead === ownerId || r.creator === ownerId);
    if (!ownerId || !chatId || !sample) continue;
    const [item] = await deps.items.getMany(tenant, [sample.no]);
    const owner = [item?.lead, item?.creator].find((p) => p?.openId === ownerId) ?? {
      openId: ownerId,
      name: '',
    };
    const dueDay = calendar.addWorkingDays(today, EXPLANATION_WORKING_DAYS);
    // Recorded in the plan's chat, it is due at that group's office end.
    const { principal, policy } = await deps.settings.get(tenant, chatId);
    const pct = Math.round(u.share * 100);
    const explanation = await recordTask(
      deps,
      {
        tenant,
        kind: 'explanation',
        chatId,
        // A plan imported in a private chat: its explanation reaches its owner there too.
        ...(planRows.some((r) => r.p2p && r.chatId === chatId) ? { chatType: 'p2p' as const } : {}),
        title: `${u.unit} ${year}年工作计划 ${u.unimplemented}/${u.total} 项未实施（${pct}%，超过 10%），向县政府作书面说明`,
        owners: [owner],
        creator: { openId: BOT_ACTOR, name: '落实' },
        unit: u.unit,
        due: atLocal(dueDay, policy.workdayEnd, tz),
        allDay: true,
      },
      `计划检查：${EXPLANATION_WORKING_DAYS} 个工作日内`,
      `plan-review-${year}-${u.unit}-${today}`,
    );
    explanations.push({ unit: u.unit, no: explanation.no });
    // The plan's chat hears it, its owner @-ed — with or without a principal leader to tell.
    await deps.messenger.send({
      tenant,
      to: { chatId },
      message: {
        type: 'text',
        text: `📋 计划检查：${u.unit} ${year} 年工作计划 ${u.total} 项中 ${u.unimplemented} 项未实施（${pct}%），超过 10%。已登记书面说明 #${explanation.no}，请 ${at(owner)} 于 ${dueDay} 前向县政府作书面说明。`,
      },
      key: `plan-review-chat:${tenant}:${year}:${u.unit}:${today}`,
    });
    if (principal)
      await deps.messenger.send({
        tenant,
        to: { openId: principal.openId },
        message: {
          type: 'text',
          text: `⚠️ ${u.unit} ${year} 年工作计划 ${u.total} 项中 ${u.unimplemented} 项未实施（${pct}%），超过 10%。已登记书面说明 #${explanation.no}，${dueDay} 前完成。`,
        },
        key: `plan-review:${tenant}:${year}:${u.unit}:${today}`,
      });
  }
  return { units, explanations };
}

/** The days `year`'s plans are reviewed on: those an admin set (`/计划 检查日`), else the defaults. */
export async function reviewDaysOf(
  deps: BotDeps,
  tenant: string,
  year: number,
): Promise<{ days: string[]; set: boolean }> {
  const set = await deps.registers.reviewDays(tenant, year);
  return set
    ? { days: set, set: true }
    : { days: reviewDays(year, await deps.calendars.calendarFor(tenant)), set: false };
}

/** The review on its own days only (the daily digest run calls this every working day). */
export async function reviewOnItsDay(deps: BotDeps, tenant: string, date: string): Promise<void> {
  const year = Number(date.slice(0, 4));
  if (!(await reviewDaysOf(deps, tenant, year)).days.includes(date)) return;
  await reviewPlans(deps, tenant, year);
}
