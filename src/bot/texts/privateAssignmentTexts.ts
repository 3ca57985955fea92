/**
 * What is said about work assigned in a private chat, on the cards that carry it: the owner's
 * card says who assigned it and when (they were not in that chat), and the assigner's
 * confirmation says when the owners will receive it when that waits for the next office start
 * (`ownersToldAt`, `src/bot/views/privateAssignment.ts`) — and, when that is after the deadline,
 * says so plainly, so the assigner can set another. Card markdown; pure.
 */
import { type Item, isPrivateChatItem } from '../../domain/item.ts';
import { formatDayWithWeekday, localDate, localTime, yearOf } from '../../domain/time.ts';
import { mention, names } from '../../lark/cards/markdown.ts';

/** `12月7日（周一）09:00`, with the year when it is not the year of `now`. */
export function momentWords(ms: number, timezone: string, now: number): string {
  const date = localDate(ms, timezone);
  return `${formatDayWithWeekday(date, yearOf(localDate(now, timezone)))}${localTime(ms, timezone)}`;
}

/** On top of the owner's card: `📌 <at 王主任> 于12月4日（周五）21:00 在与落实的私聊中交办给你，…`. */
export function privateAssignmentBanner(item: Item, timezone: string, now: number): string {
  const when = momentWords(item.createdAt, timezone, now);
  return `📌 ${mention(item.creator)} 于${when} 在与落实的私聊中交办给你，截止前后的提醒也会私聊发给你。`;
}

/**
 * On the assigner's confirmation, when the owners receive it only at the next office start:
 * `张三 将于12月7日（周一）09:00 收到（非办公时间）。`, and a warning when that is at or after the
 * deadline. Undefined when they are told at once (or there is nobody else to tell).
 */
export function heldAssignmentNote(item: Item, timezone: string, now: number): string | undefined {
  const at = item.ownersToldAt;
  const owners = item.owners.filter((o) => o.openId !== item.creator.openId);
  if (!isPrivateChatItem(item) || at === undefined || at <= now || owners.length === 0) return undefined;
  const reach = `${names(owners)} 将于${momentWords(at, timezone, now)} 收到（非办公时间）。`;
  if (at < item.due) return reach;
  return `${reach}\n⚠️ 那时已过截止时间 ${momentWords(item.due, timezone, now)}：如需改期，可发送 /取消 #${item.no} 理由，再重新交办。`;
}
