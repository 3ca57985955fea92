/**
 * What an applied item action says, and to whom (`itemActions.ts` applies it, `followUp.ts`
 * delivers what others are told): a toast for whoever pressed a button, the message a command
 * is answered with, the people who must act on it or hear of it, and — for a group item
 * finished from elsewhere — the one line its group is told. The words themselves are in
 * `texts/actionTexts.ts`, the same whether the change came from a command or a button.
 */
import { type Decider, deciderFor, deciderPeople, excludedDeciders } from '../../domain/access.ts';
import { type Item, isPrivateChatItem, type Person } from '../../domain/item.ts';
import { formatDue } from '../../domain/time.ts';
import { extensionCard } from '../../lark/cards/extensionCard.ts';
import type { ItemView } from '../delivery/messageOps.ts';
import type { OutgoingMessage } from '../delivery/messenger.ts';
import type { BotDeps } from '../deps.ts';
import * as say from '../texts/actionTexts.ts';
import { extensionDecider } from '../views/itemCards.ts';
import type { ActionInput } from './itemActions.ts';

export interface Words {
  /** One line for whoever acted (a card's toast). */
  toast: { type: 'success' | 'info'; text: string };
  /** What the chat is told: a command's reply. */
  message: OutgoingMessage;
  /** Set when `message` is a card of the item (so later changes redraw it). */
  showsItem?: ItemView;
  /**
   * Who else must act on it or hear of it (empty: nobody). A group item's chat is told, with them
   * @-ed; a private-chat item's people are not in its chat, so they are told directly.
   */
  tells: Person[];
  /**
   * What a group item's chat is told when the change was made outside it (an owner finishing
   * from their private chat), where the group saw none of it: one line, who and what — not the
   * words the private chat was answered with. Unset: the group hears of it as `tells` says.
   */
  elsewhere?: OutgoingMessage;
}

type Deps = Pick<BotDeps, 'authority' | 'settings' | 'calendars' | 'time'>;

const text = (t: string): OutgoingMessage => ({ type: 'text', text: t });

/** The words for `input` applied to `before`, giving `after`; `by` is who acted, named. */
export async function wordsFor(
  deps: Deps,
  input: ActionInput,
  change: { before: Item; after: Item; changed: boolean; by: Person },
): Promise<Words> {
  const { before, after, changed, by } = change;
  const tz = deps.time.timezone;
  const no = after.no;
  const plain = (toast: string, message: string, tells: Person[] = []): Words => ({
    toast: { type: changed ? 'success' : 'info', text: toast },
    message: text(message),
    tells,
  });
  // A request only admins can decide is told to them directly when the item lives in a private
  // chat, where no admin would otherwise see it (in a group, its card is posted there).
  const people = (d: Decider): Person[] =>
    d.kind !== 'admins'
      ? deciderPeople(d)
      : isPrivateChatItem(after)
        ? deps.authority.orgAdminIds().map((openId) => ({ openId, name: '' }))
        : [];
  const requester = before.extension ? [before.extension.by] : [];
  const principal = async () => (await deps.settings.get(after.tenant, after.chatId)).principal;
  switch (input.action) {
    case 'ack':
      return changed
        ? plain(`已签收 #${no}。`, say.acknowledgedText(after, tz))
        : plain(say.alreadyAcknowledgedToast(after, tz), say.alreadyAcknowledgedText(after, tz));
    case 'progress':
      // A progress note from a private chat is not posted in the group: the group's cards of the
      // item show it, /查询 lists every one, and a line per note would be noise there.
      return plain(`已记录 #${no} 的第 ${after.progressCount ?? 1} 次进展。`, say.progressText(after));
    case 'done': {
      if (!changed)
        return plain(say.alreadyClosedToast(after, tz, '办结'), say.alreadyClosedText(after, tz, '办结'));
      if (after.status === 'review') {
        const decider = deciderFor(after, excludedDeciders(after, 'signoff'), await principal());
        return {
          ...plain(
            `#${no} 已提交销号申请，待${say.deciderName(decider)}确认。`,
            say.reviewRequestedText(after, decider),
            people(decider),
          ),
          elsewhere: text(say.reviewRequestedElsewhereText(after, by, decider)),
        };
      }
      // Work assigned privately has no group where its assigner and lead leader would see it
      // done: they are told directly (trial: the 交办人 learnt of it only from the next digest).
      return {
        ...plain(
          `#${no} 已办结${say.punctuality(before, after)}。`,
          say.doneText(before, after),
          isPrivateChatItem(after) ? [after.creator, ...(after.lead ? [after.lead] : [])] : [],
        ),
        elsewhere: text(say.doneElsewhereText(before, after, by)),
      };
    }
    case 'extend': {
      const decider = await extensionDecider(deps, after);
      const ext = { request: after.extension!, from: before.due };
      const card = extensionCard(after, ext, {
        timezone: tz,
        replaced: before.extension !== undefined,
        decider,
        calendar: await deps.calendars.calendarFor(after.tenant),
      });
      return {
        toast: {
          type: 'success',
          text: `已申请延期至 ${formatDue(ext.request.due, tz)}，等待${say.deciderName(decider)}审批。`,
        },
        message: { type: 'card', card: { ...card } },
        showsItem: { no, view: 'ext', ext },
        tells: people(decider),
      };
    }
    case 'approve':
      return plain(
        `已批准：#${no} 截止改为 ${formatDue(after.due, tz)}。`,
        say.extensionApprovedText(before, after, tz),
        requester,
      );
    case 'reject':
      return plain(
        `已驳回 #${no} 的延期申请。`,
        say.extensionRejectedText(before, input.reason, tz),
        requester,
      );
    case 'cancel':
      return changed
        ? plain(`已取消 #${no}。`, say.cancelledText(after, input.reason), after.owners)
        : plain(say.alreadyClosedToast(after, tz, '取消'), say.alreadyClosedText(after, tz, '取消'));
    case 'signoff':
      return changed
        ? plain(`#${no} 已销号。`, say.signedOffText(after), after.owners)
        : plain(say.alreadyClosedToast(after, tz, '销号'), say.alreadyClosedText(after, tz, '销号'));
    case 'return':
      return plain(`已退回 #${no}。`, say.returnedText(after, input.reason), after.owners);
  }
}
