/**
 * An item recorded in someone's private chat with the bot (`chat_type` p2p) is seen by nobody
 * else there, so its owners are told by direct message: each owner but the one who recorded it
 * gets the item's card in their own chat with the bot, with its buttons, remembered as a copy
 * so later changes redraw it. Its reminders follow the same way (`reminderCards.ts`). A retried
 * command sends each owner's card once (its key names the item and the owner).
 */
import { type Item, isPrivateChatItem, type Person } from '../../domain/item.ts';
import type { BotDeps } from '../deps.ts';
import { currentItemCard } from './itemCards.ts';

/** What the card says on top, for an owner who was not in the chat it was recorded in. */
export const PRIVATE_ASSIGNMENT_BANNER =
  '📌 这项工作是在与落实的私聊中交办给你的，截止前后的提醒也会私聊发给你。';

export async function tellOwnersOfPrivateItem(
  deps: Pick<BotDeps, 'items' | 'calendars' | 'clock' | 'time' | 'messenger' | 'settings'>,
  item: Item,
  recordedBy: Person,
): Promise<number> {
  if (!isPrivateChatItem(item)) return 0;
  const owners = item.owners.filter((o) => o.openId !== recordedBy.openId);
  for (const owner of owners) {
    const to = { openId: owner.openId };
    const card = await currentItemCard(deps, item, { banner: PRIVATE_ASSIGNMENT_BANNER });
    await deps.messenger.send({
      tenant: item.tenant,
      to,
      message: { type: 'card', card: { ...card } },
      key: `assigned:${item.tenant}:${item.no}:${owner.openId}`,
      showsItem: { no: item.no, view: 'item', to },
    });
  }
  return owners.length;
}
