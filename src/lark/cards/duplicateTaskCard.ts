/**
 * Asked when the same /任务 (same title and owners, same chat) comes again within a minute:
 * which item it repeats, and a 再登记一件 button for when a second one is really meant. Ignoring
 * the card records nothing.
 */
import type { Item } from '../../domain/item.ts';
import { formatDue } from '../../domain/time.ts';
import type { ConfirmTaskValue } from './actionValue.ts';
import { button, buttonRow, type Card, card, markdown } from './elements.ts';
import { md, names } from './markdown.ts';
import { validateCard } from './schema.ts';

export function duplicateTaskCard(input: {
  /** The held command's message id: the button records exactly that command. */
  heldId: string;
  title: string;
  /** The item the earlier command recorded (gone only if deleted meanwhile). */
  previous: Item | undefined;
  timezone?: string;
}): Card {
  const earlier = input.previous
    ? `**#${input.previous.no}** ${md(input.previous.title)} · ${names(input.previous.owners)}${
        input.timezone ? ` · 截止 ${formatDue(input.previous.due, input.timezone)}` : ''
      }`
    : md(input.title);
  const value: ConfirmTaskValue = { action: 'confirmTask', id: input.heldId };
  return validateCard(
    card({ title: '⚠️ 可能重复登记', template: 'orange' }, [
      markdown(`一分钟内已登记过相同的事项：${earlier}。\n这条 /任务 暂未登记。确实要再登记一件吗？`),
      buttonRow([button('再登记一件', value, { type: 'primary' })]),
      markdown('不需要的话忽略这张卡片即可，十分钟后它自动作废。', 'notation'),
    ]),
  );
}
