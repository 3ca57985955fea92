/**
 * Cards of an item as they should look now: the light from the tenant's working-day calendar
 * and the clock, the history from the audit stream when the view shows it, people by their
 * current names (one directory lookup for the item and its history). Used by the chat
 * commands, the card callbacks and the PATCHes of older copies, so every path draws the same.
 * An item keeps the years it was recorded across without their arrangements; the card warns
 * only about those the calendar still lacks, so a later /日历 导入 silences every old card too.
 */
import { type Decider, deciderFor, excludedDeciders } from '../../domain/access.ts';
import type { WorkingDayCalendar } from '../../domain/calendar.ts';
import { stillUncovered } from '../../domain/deadline/index.ts';
import type { Item } from '../../domain/item.ts';
import { lightOf } from '../../domain/light.ts';
import { restDayDeadline } from '../../domain/restDay.ts';
import type { Card } from '../../lark/cards/elements.ts';
import { extensionCard } from '../../lark/cards/extensionCard.ts';
import { itemCard } from '../../lark/cards/itemCard.ts';
import { speechTimerCard } from '../../lark/cards/speechTimerCard.ts';
import { HISTORY_LINES, statusCard } from '../../lark/cards/statusCard.ts';
import { BOT_ACTOR } from '../../storage/audit.ts';
import type { SettingsSource } from '../../storage/settingsStore.ts';
import type { CardCopy, ItemCopy } from '../delivery/messageOps.ts';
import type { BotDeps } from '../deps.ts';
import { lookUp, peopleIn } from '../people/naming.ts';
import { heldAssignmentNote } from '../texts/privateAssignmentTexts.ts';

type Deps = Pick<BotDeps, 'items' | 'calendars' | 'clock' | 'time' | 'settings' | 'people'>;

/** The item as its card shows it: warned only about years the calendar still does not cover. */
function asShown(item: Item, calendar: WorkingDayCalendar): Item {
  if (!item.uncoveredYears?.length) return item;
  const { uncoveredYears, ...rest } = item;
  const still = stillUncovered(uncoveredYears, calendar);
  return still.length > 0 ? { ...rest, uncoveredYears: still } : rest;
}

/** The item card @-s its people (the client shows their current names): no lookup needed. */
export async function currentItemCard(
  deps: Omit<Deps, 'people'>,
  item: Item,
  extra: { banner?: string; confirmation?: { explanation?: string } } = {},
): Promise<Card> {
  const calendar = await deps.calendars.calendarFor(item.tenant);
  const now = deps.clock.now();
  // A confirmation says when the deadline falls on a rest day (kept as written).
  const restDay = extra.confirmation && restDayDeadline(item.due, item.allDay, calendar, now)?.note;
  // …and, for work assigned privately out of office hours, when its owners will receive it.
  const held = extra.confirmation && heldAssignmentNote(item, deps.time.timezone, now);
  return itemCard(asShown(item, calendar), {
    light: lightOf(item, now, calendar),
    timezone: deps.time.timezone,
    ...extra,
    ...(extra.confirmation
      ? {
          confirmation: {
            ...extra.confirmation,
            ...(restDay ? { restDay } : {}),
            ...(held ? { held } : {}),
          },
        }
      : {}),
  });
}

export async function currentStatusCard(deps: Deps, item: Item, banner?: string): Promise<Card> {
  const [calendar, history] = await Promise.all([
    deps.calendars.calendarFor(item.tenant),
    deps.items.history(item.tenant, item.no),
  ]);
  const names = await lookUp(deps.people, item.tenant, [
    ...peopleIn(item),
    // The bot's own entries (an escalation) are its own; nobody to look up.
    ...history
      .slice(-HISTORY_LINES)
      .map((e) => e.actor)
      .filter((a) => a !== BOT_ACTOR),
  ]);
  const named = names.item(asShown(item, calendar));
  return statusCard(named, lightOf(item, deps.clock.now(), calendar), history, deps.time.timezone, {
    ...(banner ? { banner } : {}),
    actorNames: names.known,
  });
}

/** Who decides the item's pending extension request, with the group's principal leader known. */
export async function extensionDecider(deps: { settings: SettingsSource }, item: Item): Promise<Decider> {
  const { principal } = await deps.settings.get(item.tenant, item.chatId);
  return deciderFor(item, excludedDeciders(item, 'decideExtension'), principal);
}

/** The card a copy shows, drawn from `item` as it is now. */
export async function cardFor(
  deps: Deps,
  item: Item,
  copy: ItemCopy,
  extra: { banner?: string } = {},
): Promise<Card> {
  switch (copy.view) {
    case 'item':
      return currentItemCard(deps, item, extra.banner ? { banner: extra.banner } : {});
    case 'status':
      return currentStatusCard(deps, item, extra.banner);
    case 'ext':
      return extensionCard(item, copy.ext, {
        timezone: deps.time.timezone,
        calendar: await deps.calendars.calendarFor(item.tenant),
        decider: await extensionDecider(deps, item),
      });
  }
}

/** Reads the item and draws the copy (a timer's from the time now); undefined when the item is gone. */
export async function renderCopy(deps: Deps, tenant: string, copy: CardCopy): Promise<Card | undefined> {
  if (copy.view === 'timer') return speechTimerCard(copy.timer, deps.clock.now(), deps.time.timezone);
  const item = await deps.items.get(tenant, copy.no);
  return item ? cardFor(deps, item, copy) : undefined;
}
