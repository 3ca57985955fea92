/**
 * Card buttons: 签收, 完成, 反馈进展, 申请延期, 批准, 驳回, 办理 on a reminder list, a list's
 * 上一页 / 下一页, 确认导入 / 取消 on a holiday notice (`noticePress.ts`) or a plan (`planPress.ts`), and
 * 同意上会 / 不同意 on a late topic (`topic.ts`). An item button's press
 * is read into the same request a chat command makes and goes through the same item-action
 * service (`src/bot/actions/itemActions.ts`), so the same rules decide it. Lark shows the toast
 * and card from the HTTP answer and never retries, so the press is answered at once; its
 * follow-up (new plan, other copies of the card, what others must hear) is queued as a job.
 *
 * A callback is single-use (`PressLedger`): a replay changes nothing. A card that shows an older
 * state is answered with a warning and redrawn as things are now.
 */

import type { Queue } from 'bullmq';
import { followUpOf, queueFollowUp } from '../src/bot/actions/followUp.ts';
import { type ActionInput, applyItemAction, readItem } from '../src/bot/actions/itemActions.ts';
import { recordTask } from '../src/bot/actions/recordTask.ts';
import { deadlineOptionsOfItem } from '../src/bot/args/deadlineOptions.ts';
import { readExtensionArgs } from '../src/bot/args/extensionArgs.ts';
import { filterFromCode } from '../src/bot/args/listArgs.ts';
import { requireText } from '../src/bot/args/text.ts';
import type { ItemCopy } from '../src/bot/delivery/messageOps.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import { type CardAnswer, type CardPress, toast } from '../src/bot/dispatch/cardPress.ts';
import { cardFor, currentItemCard } from '../src/bot/views/itemCards.ts';
import { chatListCard } from '../src/bot/views/listViews.ts';
import type { Item } from '../src/domain/item.ts';
import { FIELDS } from '../src/domain/limits.ts';
import { UserError } from '../src/errors.ts';
import {
  type CardActionValue,
  type ConfirmTaskValue,
  FORM_FIELDS,
  type ListPageValue,
} from '../src/lark/cards/actionValue.ts';
import type { CardCopies } from '../src/storage/cardCopies.ts';
import type { PressLedger } from '../src/storage/pressLedger.ts';
import { answerNoticePress, type NoticePress } from './noticePress.ts';
import { answerPlanPress, type PlanPress } from './planPress.ts';
import { answerTopicPress, type TopicPress } from './topic.ts';

export interface CardActionDeps extends BotDeps {
  copies: CardCopies;
  presses: PressLedger;
  /** The `follow-ups` queue. */
  followUps: Queue;
}

const FORM_HINT = '在卡片上填写新的截止时间（如：下周五）和理由';

type ItemPress = CardPress & { value: CardActionValue };
type ListPress = CardPress & { value: ListPageValue };
type ConfirmPress = CardPress & { value: ConfirmTaskValue };

/** What the press asks for, read from its form like a command reads its text. */
async function inputOf(deps: CardActionDeps, press: ItemPress): Promise<ActionInput> {
  const field = (name: string) => press.form[name] ?? '';
  switch (press.value.action) {
    case 'ack':
      return { action: 'ack' };
    case 'approve':
      return { action: 'approve' };
    case 'done':
      return {
        action: 'done',
        note: requireText(field(FORM_FIELDS.note), FIELDS.result, '', '请先填写办理结果。'),
      };
    case 'progress':
      return {
        action: 'progress',
        text: requireText(field(FORM_FIELDS.note), FIELDS.progress, '', '请先填写进展情况。'),
      };
    case 'reject':
      return {
        action: 'reject',
        reason: requireText(field(FORM_FIELDS.reason), FIELDS.reason, '', '请先填写驳回理由。'),
      };
    case 'extend': {
      const due = requireText(field(FORM_FIELDS.due), FIELDS.duePhrase, '', '请先填写新的截止时间。');
      const why = requireText(field(FORM_FIELDS.reason), FIELDS.reason, '', '请先填写延期理由。');
      const args = readExtensionArgs(
        `${due} ${why}`,
        deps.clock.now(),
        await deadlineOptionsOfItem(deps, press.tenant, press.value.no, press.chatId),
        FORM_HINT,
      );
      return { action: 'extend', ...args };
    }
    case 'open':
      throw new Error('办理 changes nothing and is not an item action');
  }
}

export function createCardActionHandler(deps: CardActionDeps) {
  /** The copy the pressed card is, so the answer redraws the same kind of card. */
  async function pressedCopy(press: ItemPress, item: Item): Promise<ItemCopy> {
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

  /** 上一页 / 下一页: the same list, read again for the chat the card is in. */
  async function turnPage(p: ListPress): Promise<CardAnswer> {
    const filter = filterFromCode(p.value.f);
    if (!filter || !p.chatId) return toast('warning', '这个按钮已失效，请重新发送 /列表。');
    const card = await chatListCard(deps, p.tenant, p.chatId, { page: p.value.page, filter });
    return toast('info', `第 ${p.value.page} 页`, card);
  }

  /** 再登记一件: the sender of a /任务 held back as a likely duplicate records it after all. */
  async function confirmTask(p: ConfirmPress): Promise<CardAnswer> {
    const held = await deps.recentTasks.held(p.tenant, p.value.id);
    if (!held) return toast('warning', '这条登记已作废，如仍需要请重新发送 /任务。');
    if (held.item.creator.openId !== p.operator)
      return toast('error', '只有发出这条 /任务 的人可以确认再登记。');
    const item = await recordTask(deps, held.item, held.explanation, p.value.id);
    const to = { chatId: p.chatId || item.chatId };
    if (p.messageId) await deps.copies.remember(p.tenant, p.messageId, { no: item.no, view: 'item', to });
    const card = await currentItemCard(deps, item, { confirmation: { explanation: held.explanation } });
    return toast('success', `已登记 #${item.no}。`, card);
  }

  async function press(p: ItemPress): Promise<CardAnswer> {
    const who = { openId: p.operator, name: '' };
    const { no } = p.value;
    if (p.value.action === 'open') {
      // 办理 on a reminder list posts the item's own card where the list was.
      const { item } = await readItem(deps, p.tenant, no, who, p.chatId);
      const card = await currentItemCard(deps, item);
      const to = { chatId: p.chatId || item.chatId };
      const key = `card:${p.eventId}:open`;
      await queueFollowUp(
        deps.followUps,
        {
          tenant: p.tenant,
          no,
          replan: false,
          refresh: false,
          // Posted where it was pressed: the presser's answer, at once.
          from: to.chatId,
          announce: {
            message: { type: 'card', card: { ...card } },
            showsItem: { no, view: 'item' },
            key,
            to,
          },
        },
        key,
      );
      return toast('success', `已发送 #${no} 的办理卡片。`);
    }
    const input = await inputOf(deps, p);
    const result = await applyItemAction(deps, {
      tenant: p.tenant,
      no,
      who,
      from: p.chatId,
      input,
      shown: { planVersion: p.value.v, ...(p.value.req !== undefined ? { extensionAt: p.value.req } : {}) },
    });
    if (result.kind === 'stale') {
      const card = await cardFor(deps, result.item, await pressedCopy(p, result.item));
      return toast(result.toast.type, result.toast.text, card);
    }
    const key = `card:${p.eventId}:told`;
    await queueFollowUp(
      deps.followUps,
      followUpOf(result, { announce: true, key, except: p.messageId }),
      key,
    );
    // A decision is drawn on the request card it was made on, from the item (who made it, why);
    // a card we did not record shows the request the item held before.
    const deciding = input.action === 'approve' || input.action === 'reject';
    const copy = await pressedCopy(p, deciding ? result.before : result.after);
    const card = await cardFor(deps, result.after, copy);
    return toast(result.toast.type, result.toast.text, card);
  }

  /** Answers one press; never throws (Lark would show a generic failure). */
  return async function onCardPress(p: CardPress): Promise<CardAnswer> {
    try {
      if (!(await deps.presses.claim(p))) return toast('info', '这个操作已经处理过了。');
      if (p.value.action === 'list') return await turnPage(p as ListPress);
      if (p.value.action === 'confirmTask') return await confirmTask(p as ConfirmPress);
      if (p.value.action === 'importNotice' || p.value.action === 'dropNotice')
        return await answerNoticePress(deps, p as NoticePress);
      if (p.value.action === 'importPlan' || p.value.action === 'dropPlan')
        return await answerPlanPress(deps, p as PlanPress);
      if (p.value.action === 'acceptTopic' || p.value.action === 'declineTopic')
        return await answerTopicPress(deps, p as TopicPress);
      return await press(p as ItemPress);
    } catch (e) {
      if (e instanceof UserError) return toast('error', e.message);
      deps.logger.error('card action failed', { eventId: p.eventId, value: p.value, err: e });
      return toast('error', '操作没有成功，请稍后再试。');
    }
  };
}
