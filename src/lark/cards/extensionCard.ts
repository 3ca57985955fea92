/**
 * The extension request card (延期申请): the item, the old and the new deadline, the reason and
 * who asked; while it waits, whom it waits for (the lead leader, or when the lead leader asked,
 * the principal leader or an admin), a form to approve or reject with a reason, and — when the
 * new deadline falls on a rest day — the note that says so (`restDayDeadline`), and when it lies
 * in a year the calendar still lacks, the note that says that (`stillUncovered`). Once decided —
 * here, or by /批准 /驳回, or overtaken by a newer request — the same card shows the outcome and
 * no buttons.
 *
 * The outcome is read from the item alone, so every redraw (the press's answer, a stale press,
 * the PATCH after a later 完成) draws the same: a decision from the item's `extensionDecisions`
 * (who, when, the reason), which outlives the item's closing; "moot" only for a request nobody
 * decided.
 */
import {
  type Decider,
  deciderFor,
  deciderWords,
  excludedDeciders,
  othersWhoMayDecide,
} from '../../domain/access.ts';
import type { WorkingDayCalendar } from '../../domain/calendar.ts';
import { stillUncovered, uncoveredYearsNotice } from '../../domain/deadline/index.ts';
import {
  type ExtensionDecision,
  type ExtensionRequest,
  type Item,
  isPrivateChatItem,
} from '../../domain/item.ts';
import { FIELDS } from '../../domain/limits.ts';
import { restDayDeadline } from '../../domain/restDay.ts';
import { formatDue } from '../../domain/time.ts';
import { type CardActionValue, FORM_FIELDS } from './actionValue.ts';
import { button, buttonRow, type Card, type CardElement, card, form, input, markdown } from './elements.ts';
import { itemHead } from './itemFacts.ts';
import { md, mention } from './markdown.ts';
import { validateCard } from './schema.ts';

/** A request as a card shows it: the request and the deadline it would replace. */
export interface ExtensionView {
  request: ExtensionRequest;
  /** The deadline when the request was made. */
  from: number;
}

/** `decision` is missing only for a request decided before decisions were kept on the item. */
export type ExtensionOutcome =
  | { kind: 'pending' }
  | { kind: 'approved'; decision?: ExtensionDecision }
  | { kind: 'rejected'; decision?: ExtensionDecision }
  | { kind: 'superseded' }
  | { kind: 'closed' };

const isClosed = (item: Item) => item.status === 'done' || item.status === 'cancelled';

/** What became of a request, read from the item as it is now. */
export function extensionOutcome(item: Item, view: ExtensionView): ExtensionOutcome {
  const decision = item.extensionDecisions?.findLast((d) => d.requestAt === view.request.at);
  if (decision) return { kind: decision.approved ? 'approved' : 'rejected', decision };
  if (isClosed(item)) return { kind: 'closed' };
  if (item.extension?.at === view.request.at) return { kind: 'pending' };
  if (item.extension) return { kind: 'superseded' };
  // Decided before decisions were kept: the outcome shows in the deadline, who decided does not.
  if (item.due === view.request.due && (item.extensionCount ?? 0) > 0) return { kind: 'approved' };
  return { kind: 'rejected' };
}

function decisionValue(item: Item, view: ExtensionView, action: 'approve' | 'reject'): CardActionValue {
  return { action, no: item.no, v: item.planVersion, view: 'ext', req: view.request.at };
}

function who(decision: ExtensionDecision | undefined, tz: string): string {
  return decision ? `（${mention(decision.by)}，${formatDue(decision.at, tz)}）` : '';
}

/** Whom the pending request waits for; nobody decides their own (`src/domain/access.ts`). */
function askLine(item: Item, request: ExtensionView['request'], decider: Decider): string {
  const self = item.lead?.openId === request.by.openId ? '申请人是牵头领导本人，' : '';
  const who = deciderWords(decider, mention);
  switch (decider.kind) {
    case 'lead':
      return `请${who} 审批（${othersWhoMayDecide(item)}也可审批）。`;
    case 'assigner':
      return `${self}请${who} 审批（${othersWhoMayDecide(item)}也可审批）。`;
    case 'principal':
      return `${self}请${who} 或管理员审批。`;
    case 'admins': {
      // Only a group has a principal leader to set.
      const hint =
        self && !isPrivateChatItem(item) ? '（本群尚未设置主要负责人，可发送 /设置 领导 @某人）' : '';
      return `${self}请管理员审批${hint}。`;
    }
  }
}

export function extensionCard(
  item: Item,
  view: ExtensionView,
  options: {
    timezone: string;
    replaced?: boolean;
    /** Who decides (it depends on the group's principal leader); by default the lead leader or the admins. */
    decider?: Decider;
    /**
     * The tenant's calendar: a pending request whose new deadline is a rest day says so, and it
     * warns only about the years this calendar does not cover yet.
     */
    calendar?: WorkingDayCalendar;
  },
): Card {
  const tz = options.timezone;
  const { request } = view;
  const outcome = extensionOutcome(item, view);
  const lines = [
    `新截止：${formatDue(request.due, tz)}（原截止 ${formatDue(view.from, tz)}）`,
    `理由：${md(request.reason)}`,
    `申请人：${mention(request.by)}　${formatDue(request.at, tz)}`,
  ];
  const elements: CardElement[] = [markdown(lines.join('\n'))];
  // Only the years the calendar still lacks, as on the item's cards: after /日历 导入 a redraw
  // of the waiting request stops saying the imported year is not yet recorded.
  const note = uncoveredYearsNotice(
    options.calendar ? stillUncovered(request.uncoveredYears, options.calendar) : request.uncoveredYears,
  );
  let title = `⏳ ${itemHead(item)} ${options.replaced ? '更新了延期申请' : '申请延期'}`;
  let template: 'orange' | 'green' | 'red' | 'grey' = 'orange';
  switch (outcome.kind) {
    case 'pending': {
      const restDay =
        options.calendar && restDayDeadline(request.due, request.allDay, options.calendar, request.at);
      if (restDay)
        elements.push(
          markdown(
            md(
              `⚠️ 新截止 ${restDay.restDay}；如需在工作日办结，可改为${restDay.suggestedWhich} ${restDay.suggestion}。`,
            ),
          ),
        );
      if (note) elements.push(markdown(note, 'notation'));
      const decider = options.decider ?? deciderFor(item, excludedDeciders(item, 'decideExtension'));
      elements.push(
        markdown(askLine(item, request, decider)),
        form('decide', [
          input(FORM_FIELDS.reason, '审批意见', '驳回时请写明理由', { maxLength: FIELDS.reason.max }),
          buttonRow([
            button('批准', decisionValue(item, view, 'approve'), { type: 'primary', submit: true }),
            button('驳回', decisionValue(item, view, 'reject'), { type: 'danger', submit: true }),
          ]),
        ]),
        markdown(`也可以发送：/批准 #${item.no}　/驳回 #${item.no} 理由`, 'notation'),
      );
      break;
    }
    case 'approved': {
      const d = outcome.decision;
      title = `✅ ${itemHead(item)} 延期已批准`;
      template = 'green';
      const from = formatDue(d?.from ?? view.from, tz);
      elements.push(
        markdown(`已批准${who(d, tz)}：截止时间由 ${from} 改为 ${formatDue(d?.to ?? request.due, tz)}。`),
      );
      break;
    }
    case 'rejected': {
      const d = outcome.decision;
      title = `❌ ${itemHead(item)} 延期申请未获批准`;
      template = 'red';
      elements.push(
        markdown(
          [
            `未获批准${who(d, tz)}：截止时间仍为 ${formatDue(d?.from ?? item.due, tz)}。`,
            ...(d?.reason ? [`驳回理由：${md(d.reason)}`] : []),
          ].join('\n'),
        ),
      );
      break;
    }
    case 'superseded':
      title = `${itemHead(item)} 的延期申请已更新`;
      template = 'grey';
      elements.push(markdown('这份申请已被新的延期申请替代，请在新的申请卡片上审批。'));
      break;
    case 'closed':
      title = `${itemHead(item)} 已${item.status === 'done' ? '完成' : '取消'}`;
      template = 'grey';
      elements.push(markdown('事项已办结或取消，延期申请不再需要审批。'));
      break;
  }
  // A decision stays on its card after the item closes; the closing is only noted beneath it.
  if ((outcome.kind === 'approved' || outcome.kind === 'rejected') && isClosed(item))
    elements.push(markdown(`#${item.no} 已${item.status === 'done' ? '完成' : '取消'}。`, 'notation'));
  return validateCard(card({ title, template }, elements));
}
