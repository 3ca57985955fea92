/**
 * The item card: the confirmation of /任务 and the current state of an item wherever it is
 * shown again (a button's answer, a PATCH of an older copy). Number and title in the header,
 * coloured by the traffic light; owners and lead leader @-ed, the deadline with its weekday,
 * what happened since, and the actions an open item offers.
 */
import { uncoveredYearsNotice } from '../../domain/deadline/index.ts';
import type { Item } from '../../domain/item.ts';
import type { Light } from '../../domain/light.ts';
import { type Card, type CardElement, card, hr, markdown } from './elements.ts';
import { commandHint, itemActions } from './itemActions.ts';
import { dueLine, itemHead, itemTemplate, peopleLines, stateLines, statusBadge } from './itemFacts.ts';
import { md } from './markdown.ts';
import { validateCard } from './schema.ts';

export interface ItemCardOptions {
  light: Light;
  timezone: string;
  /**
   * Set on the confirmation right after /任务: how the deadline was read, and — when it falls
   * on a rest day — the note that says so (`restDayDeadline`); for work assigned privately out
   * of office hours, when its owners will receive it (`heldAssignmentNote`, card markdown).
   */
  confirmation?: { explanation?: string; restDay?: string; held?: string };
  /** A line on top, e.g. what a button just did. */
  banner?: string;
}

export function itemCard(item: Item, options: ItemCardOptions): Card {
  const { light, timezone } = options;
  const facts = [
    `状态：${statusBadge(item, light)}`,
    ...peopleLines(item, timezone, true),
    dueLine(item, timezone, options.confirmation?.explanation),
    ...stateLines(item, timezone),
  ];
  const elements: CardElement[] = [];
  if (options.banner) elements.push(markdown(options.banner));
  elements.push(markdown(facts.join('\n')));
  if (options.confirmation?.restDay) elements.push(markdown(`⚠️ ${md(options.confirmation.restDay)}`));
  if (options.confirmation?.held) elements.push(markdown(options.confirmation.held));
  const note = uncoveredYearsNotice(item.uncoveredYears);
  if (note) elements.push(markdown(note, 'notation'));
  const actions = itemActions(item, 'item');
  if (actions.length > 0) elements.push(hr(), ...actions);
  const hint = commandHint(item);
  if (hint) elements.push(hint);
  return validateCard(
    card(
      {
        title: options.confirmation ? `✅ 已登记 ${itemHead(item)}` : itemHead(item),
        template: itemTemplate(item, light),
      },
      elements,
    ),
  );
}
