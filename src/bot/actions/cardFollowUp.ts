/**
 * What a card press causes beyond its own answer, done from the inbound queue (a callback must
 * answer at once, and Lark never retries it, so nothing slow or fallible runs inline): the new
 * reminder plan, the other copies of the item's card, and the messages people must see — the
 * extension card for the lead leader, the requester told of the decision, the lead leader asked
 * to 销号, an item's own card posted from a reminder list.
 *
 * The follow-up travels as an envelope of our own type through the `InboundGate` (deduplicated
 * by the press's event id), so the dispatcher runs it with the queue's retries.
 */
import type { Item } from '../../domain/item.ts';
import { formatDue } from '../../domain/time.ts';
import type { CardAction } from '../../lark/cards/actionValue.ts';
import { extensionCard } from '../../lark/cards/extensionCard.ts';
import type { LarkEnvelope } from '../../transport/envelope.ts';
import type { SendRequest } from '../delivery/messenger.ts';
import type { BotDeps } from '../deps.ts';
import type { CardPress } from '../dispatch/cardPress.ts';
import { at, escapeText } from '../texts/format.ts';
import { extensionApprovedText, extensionRejectedText } from '../texts/lifecycleReplies.ts';
import { currentItemCard } from '../views/itemCards.ts';
import { afterItemChange } from './itemChange.ts';

export const CARD_FOLLOW_UP = 'luoshi.card.follow_up';

export interface CardFollowUp {
  press: CardPress;
  action: CardAction;
  /** The item before and after the change; unset when the press changed nothing (`open`). */
  before?: Item;
  after?: Item;
  /** 驳回's reason. */
  reason?: string;
}

export function followUpEnvelope(f: CardFollowUp): LarkEnvelope {
  return {
    schema: '2.0',
    header: {
      event_id: `followup-${f.press.eventId}`,
      event_type: CARD_FOLLOW_UP,
      tenant_key: f.press.tenant,
    },
    event: { ...f },
  };
}

export async function runCardFollowUp(deps: BotDeps, f: CardFollowUp): Promise<void> {
  const { press } = f;
  const tz = deps.time.timezone;
  const current = await deps.items.get(press.tenant, press.value.no);
  if (!current) return;
  if (f.before && f.after) {
    // Replan from the item as it is now: it may have changed again since the press.
    await afterItemChange(deps, { before: f.before, after: current, changed: true }, press.messageId);
  }
  const chat = press.chatId || current.chatId;
  const send = (message: SendRequest['message'], part: string, extra: Partial<SendRequest> = {}) =>
    deps.messenger.send({
      tenant: press.tenant,
      to: { chatId: chat },
      message,
      key: `card:${press.eventId}:${part}`,
      ...extra,
    });

  switch (f.action) {
    case 'open':
      await send({ type: 'card', card: { ...(await currentItemCard(deps, current)) } }, 'open', {
        showsItem: { no: current.no, view: 'item', to: { chatId: chat } },
      });
      return;
    case 'extend': {
      const request = f.after?.extension;
      if (!f.before || !request) return;
      const ext = { request, from: f.before.due };
      const card = extensionCard(current, ext, {
        timezone: tz,
        calendar: await deps.calendars.calendarFor(current.tenant),
        replaced: f.before.extension !== undefined,
      });
      await send({ type: 'card', card: { ...card } }, 'ext', {
        showsItem: { no: current.no, view: 'ext', ext, to: { chatId: chat } },
      });
      return;
    }
    case 'approve':
      if (f.before && f.after)
        await send({ type: 'text', text: extensionApprovedText(f.before, f.after, tz) }, 'told');
      return;
    case 'reject':
      if (f.before)
        await send({ type: 'text', text: extensionRejectedText(f.before, f.reason ?? '', tz) }, 'told');
      return;
    case 'done':
      if (f.after?.status === 'review' && f.before?.status === 'open') {
        const lead = f.after.lead ? at(f.after.lead) : '';
        await send(
          {
            type: 'text',
            text: [
              `📝 #${f.after.no} ${escapeText(f.after.title)} 已提交销号申请，整改情况：${escapeText(f.after.result ?? '')}`,
              `请牵头领导 ${lead} 确认：/销号 #${f.after.no} [意见]，或 /退回 #${f.after.no} <理由>。`,
              `（${formatDue(f.after.reviewRequestedAt ?? deps.clock.now(), tz)} 通过卡片提交）`,
            ].join('\n'),
          },
          'review',
        );
      }
      return;
    default:
      return;
  }
}
