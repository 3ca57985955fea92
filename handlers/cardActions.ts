/**
 * Card buttons: 签收, 完成, 反馈进展, 申请延期, 批准, 驳回, and 办理 on a reminder list. Each press
 * is answered inline (Lark shows the toast and the card from the HTTP answer and never retries),
 * through the same domain transitions and the same atomic `changeItem` as the chat commands;
 * the replan, the other card copies and any message to people follow from the inbound queue.
 *
 * Before anything changes: the item must exist; a card of a closed item, of an older plan
 * version, or of an extension request that is no longer pending is stale — it is answered with
 * a warning and redrawn as things are now. The domain refuses operators who may not act
 * (DESIGN §7); their refusal is an error toast and nothing changes.
 */

import type { CardFollowUp } from '../src/bot/actions/cardFollowUp.ts';
import { type Changer, changeItem } from '../src/bot/actions/itemChange.ts';
import { readExtensionArgs } from '../src/bot/args/extensionArgs.ts';
import type { CardCopy } from '../src/bot/delivery/messageOps.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import { type CardAnswer, type CardPress, toast } from '../src/bot/dispatch/cardPress.ts';
import { alreadyClosedText } from '../src/bot/texts/lifecycleReplies.ts';
import { cardFor } from '../src/bot/views/itemCards.ts';
import { type Item, isClosed, type Person, STATUS_CN } from '../src/domain/item.ts';
import {
  acknowledge,
  approveExtension,
  finishItem,
  recordProgress,
  rejectExtension,
  requestExtension,
} from '../src/domain/lifecycle.ts';
import { formatDue } from '../src/domain/time.ts';
import { UserError } from '../src/errors.ts';
import { FORM_FIELDS } from '../src/lark/cards/actionValue.ts';
import { type ExtensionView, extensionCard } from '../src/lark/cards/extensionCard.ts';
import { NOTE_MAX, PROGRESS_MAX, REASON_MAX } from '../src/lark/cards/itemActions.ts';
import type { CardCopies } from '../src/storage/cardCopies.ts';

export interface CardActionDeps extends BotDeps {
  copies: CardCopies;
  /** Queues the follow-up of a press (replan, copies, notices) on the inbound queue. */
  followUp(f: CardFollowUp): Promise<void>;
}

/** The operator as the item knows them (a name for texts), else by open_id alone. */
function personOf(item: Item, openId: string): Person {
  const known = [...item.owners, item.lead, item.creator].find((p) => p?.openId === openId && p.name);
  return known ?? { openId, name: '' };
}

function text(press: CardPress, field: string, what: string, max: number): string {
  const t = (press.form[field] ?? '').trim();
  if (!t) throw new UserError(`请先填写${what}。`);
  if ([...t].length > max) throw new UserError(`${what}太长了（最多 ${max} 字）。`);
  return t;
}

export function createCardActionHandler(deps: CardActionDeps) {
  const tz = deps.time.timezone;

  /** The copy the pressed card is, so the answer redraws the same kind of card. */
  async function pressedCopy(press: CardPress, item: Item): Promise<CardCopy> {
    const to = { chatId: press.chatId || item.chatId };
    if (press.value.view === 'status') return { no: item.no, view: 'status', to };
    if (press.value.view !== 'ext') return { no: item.no, view: 'item', to };
    const known = (await deps.copies.of(press.tenant, item.no)).find((c) => c.messageId === press.messageId);
    if (known?.copy.view === 'ext') return known.copy;
    // An extension card we did not record: drawn from the pending request, or as the item card.
    return item.extension
      ? { no: item.no, view: 'ext', ext: { request: item.extension, from: item.due }, to }
      : { no: item.no, view: 'item', to };
  }

  /** Stale cards: answered with the current state and a warning; undefined when the press may go on. */
  async function staleAnswer(press: CardPress, item: Item): Promise<CardAnswer | undefined> {
    const { action, v, req } = press.value;
    const redraw = async () => cardFor(deps, item, await pressedCopy(press, item));
    if (isClosed(item)) {
      if (action === 'done' && item.status === 'done')
        return toast('info', alreadyClosedText(item, tz, '办结'), await redraw());
      return toast(
        'warning',
        `#${item.no} ${STATUS_CN[item.status]}，卡片已更新为最新状态。`,
        await redraw(),
      );
    }
    if ((action === 'approve' || action === 'reject') && item.extension?.at !== req) {
      return toast(
        'warning',
        `#${item.no} 的这份延期申请已处理或已更新，卡片已更新为最新状态。`,
        await redraw(),
      );
    }
    if (v !== item.planVersion) {
      return toast(
        'warning',
        `这张卡片已过期（#${item.no} 的截止时间或状态有变），已更新为最新状态，请核对后再操作。`,
        await redraw(),
      );
    }
    return undefined;
  }

  async function act(press: CardPress, item: Item): Promise<CardAnswer> {
    const who: Changer = {
      tenant: press.tenant,
      chatId: item.chatId,
      sender: personOf(item, press.operator),
    };
    const no = item.no;
    const defer = { deferFollowUp: true };
    const follow = (f: Omit<CardFollowUp, 'press' | 'action'>) =>
      deps.followUp({ press, action: press.value.action, ...f });
    const answer = async (type: 'success' | 'info', content: string, after: Item, extra: object = {}) =>
      toast(type, content, await cardFor(deps, after, await pressedCopy(press, after), extra));

    switch (press.value.action) {
      case 'open':
        await follow({});
        return toast('success', `已发送 #${no} 的办理卡片。`);
      case 'ack': {
        const c = await changeItem(deps, who, no, acknowledge, { action: 'acknowledge' }, defer);
        if (!c.changed) {
          const when = c.after.acknowledgedAt ? `于 ${formatDue(c.after.acknowledgedAt, tz)} ` : '';
          return answer('info', `#${no} 已${when}签收，无需重复签收。`, c.after);
        }
        await follow({ before: c.before, after: c.after });
        return answer('success', `已签收 #${no}。`, c.after);
      }
      case 'done': {
        const note = text(press, FORM_FIELDS.note, '办理结果', NOTE_MAX);
        const c = await changeItem(
          deps,
          who,
          no,
          (i, actor, now) => finishItem(i, note, actor, now),
          { action: 'complete', detail: note },
          defer,
        );
        if (!c.changed) return answer('info', alreadyClosedText(c.after, tz, '办结'), c.after);
        await follow({ before: c.before, after: c.after });
        if (c.after.status === 'review')
          return answer('success', `#${no} 已提交销号申请，待牵头领导确认。`, c.after);
        const late = (c.after.doneAt ?? 0) > c.before.due;
        return answer('success', `#${no} 已办结${late ? '（逾期办结）' : '（按期办结）'}。`, c.after);
      }
      case 'progress': {
        const report = text(press, FORM_FIELDS.note, '进展情况', PROGRESS_MAX);
        const c = await changeItem(
          deps,
          who,
          no,
          (i, actor, now) => recordProgress(i, report, actor, now),
          { action: 'progress', detail: report },
          defer,
        );
        await follow({ before: c.before, after: c.after });
        return answer('success', `已记录 #${no} 的第 ${c.after.progressCount ?? 1} 次进展。`, c.after);
      }
      case 'extend': {
        const phrase = text(press, FORM_FIELDS.due, '新的截止时间', 50);
        const why = text(press, FORM_FIELDS.reason, '延期理由', REASON_MAX);
        const calendar = await deps.calendars.calendarFor(press.tenant);
        const { deadline, reason } = readExtensionArgs(
          `${phrase} ${why}`,
          deps.clock.now(),
          {
            calendar,
            ...deps.time,
          },
          '在卡片上填写新的截止时间（如：下周五）和理由',
        );
        const ask = {
          due: deadline.due,
          allDay: deadline.allDay,
          uncoveredYears: deadline.uncoveredYears,
          reason,
        };
        const c = await changeItem(
          deps,
          who,
          no,
          (i, actor, now) => requestExtension(i, ask, actor, now),
          { action: 'extension-request', detail: `至 ${formatDue(deadline.due, tz)}；${reason}` },
          defer,
        );
        await follow({ before: c.before, after: c.after });
        return answer(
          'success',
          `已申请延期至 ${formatDue(deadline.due, tz)}，等待牵头领导或管理员审批。`,
          c.after,
        );
      }
      case 'approve':
      case 'reject': {
        const approve = press.value.action === 'approve';
        const reason = approve ? '' : text(press, FORM_FIELDS.reason, '驳回理由', REASON_MAX);
        const view: ExtensionView = { request: item.extension!, from: item.due };
        const c = await changeItem(
          deps,
          who,
          no,
          approve ? approveExtension : rejectExtension,
          approve ? { action: 'extension-approve' } : { action: 'extension-reject', detail: reason },
          defer,
        );
        await follow({ before: c.before, after: c.after, ...(approve ? {} : { reason }) });
        const card = extensionCard(c.after, view, {
          timezone: tz,
          outcome: approve
            ? { kind: 'approved', by: who.sender }
            : { kind: 'rejected', by: who.sender, reason },
        });
        return toast(
          'success',
          approve ? `已批准：#${no} 截止改为 ${formatDue(c.after.due, tz)}。` : `已驳回 #${no} 的延期申请。`,
          card,
        );
      }
    }
  }

  /** Answers one press; never throws (Lark would show a generic failure). */
  return async function onCardPress(press: CardPress): Promise<CardAnswer> {
    try {
      const item = await deps.items.get(press.tenant, press.value.no);
      if (!item) return toast('error', `没有找到 #${press.value.no}，请用 /列表 查看编号。`);
      // 办理 only posts the item's card: it changes nothing, so no card of it is ever stale.
      if (press.value.action === 'open') return await act(press, item);
      return (await staleAnswer(press, item)) ?? (await act(press, item));
    } catch (e) {
      if (e instanceof UserError) return toast('error', e.message);
      deps.logger.error('card action failed', { eventId: press.eventId, no: press.value.no, err: e });
      return toast('error', '操作没有成功，请稍后再试。');
    }
  };
}
