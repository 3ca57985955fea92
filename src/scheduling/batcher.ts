/**
 * Gathers reminder notes into one card per recipient and minute (see
 * `src/storage/reminderBatches.ts` for the storage side). The first note of a (recipient,
 * minute, part) schedules a collector job with a deterministic id; later notes of that part
 * find it already scheduled. The collector waits a short settling time in real time — it is a
 * processing margin for reminders that fire together, not a point on the bot's calendar — and
 * then sends whatever the part holds as one card with a stable key.
 *
 * The minute is the one the reminder was planned for, and it is the card's time: on the bot's
 * clock the collector is due in that same minute (`dueJobs.ts`), so time travel sends the
 * 18:00 chase at 18:00, not at 18:01 past office end. A note added for a later minute (a
 * reminder that fired after office hours, held to the next office start) has its collector
 * wait until then.
 *
 * The card is drawn from the items as they are when it is sent, not as they were when each
 * reminder fired: a line whose item was closed or replanned meanwhile (a 完成 in the settling
 * second, a deadline moved) is dropped — its new plan speaks for it — and so is a 签收 chase
 * of an item acknowledged meanwhile. A retried collector re-reads and may drop more, never add.
 *
 * An owner is never reminded of work they were never given: a reminder to an owner of a
 * private-chat item whose card is still held for an office start brings that card first, and
 * follows it into their chat (`cardsFirst`, `src/bot/views/privateAssignment.ts`).
 */
import type { Queue } from 'bullmq';
import type { Messenger, SendRequest, Target } from '../bot/delivery/messenger.ts';
import type { PeopleDirectory } from '../bot/people/directory.ts';
import { namedItems } from '../bot/people/naming.ts';
import { extensionDecider } from '../bot/views/itemCards.ts';
import { NO_PRINCIPAL_FOOTNOTE, type ReminderCardNote, targetKey } from '../bot/views/reminderCards.ts';
import type { Clock } from '../clock.ts';
import { deciderPeople } from '../domain/access.ts';
import { type Item, isClosed, isPrivateChatItem } from '../domain/item.ts';
import type { ReminderKind } from '../domain/reminderPlan.ts';
import { oneLinePerItem, type ReminderLine, reminderCard } from '../lark/cards/reminderCard.ts';
import type { ItemRepository } from '../storage/itemRepository.ts';
import type { BatchLine, ReminderBatches } from '../storage/reminderBatches.ts';
import type { SettingsSource } from '../storage/settingsStore.ts';
import { collectorJobId, parseReminderJobId } from './jobIds.ts';

/** Reminders that chase (at or after the deadline): sent before routine messages. */
const CHASES: ReadonlySet<ReminderKind> = new Set(['due', 'overdue', 'escalate']);

/** How long a collector waits for the other reminders of its minute to land. */
export const SETTLE_MS = 1000;
/** A burst can take longer than one settling wait: a collector waits again while reminders of its minute are queued, this many times at most. */
export const MAX_EXTRA_WAITS = 5;
/** How much of the queue's head a collector looks at for reminders of its minute. */
const PEEK = 2000;

export interface CollectorJobData {
  tenant: string;
  to: Target;
  minute: number;
  part: number;
  /** Extra settling waits taken so far (a burst was still being worked through). */
  waits?: number;
}

export interface BatcherDeps {
  queue: Queue;
  batches: ReminderBatches;
  items: Pick<ItemRepository, 'getMany'>;
  messenger: Messenger;
  /** A leader's card names the owners (the group's @-s them). */
  people: PeopleDirectory;
  /** The deployment's time zone, for the deadlines on the cards. */
  timezone: string;
  /** Whose decision an item's extension request waits for depends on its group's principal. */
  settings: SettingsSource;
  /** The bot's clock: a batch for a later minute waits for it. */
  clock: Clock;
  /**
   * Before a reminder of these items goes to this person: the keys of the messages it must
   * follow — the card of a private-chat item they own, sent now if it was still held
   * (`cardsBeforeReminder`).
   */
  cardsFirst(items: readonly Item[], openId: string): Promise<string[]>;
  settleMs?: number;
}

export class ReminderBatcher {
  constructor(private readonly deps: BatcherDeps) {}

  /** Adds a note to the batch of its recipient and the minute it is to go out in. Safe to repeat. */
  async add(tenant: string, note: ReminderCardNote, fireAt: number): Promise<void> {
    const minute = Math.floor(fireAt / 60_000);
    const target = targetKey(note.to);
    const { line } = note;
    const { part, state } = await this.deps.batches.add(tenant, target, minute, {
      kind: line.kind,
      no: line.item.no,
      planVersion: line.item.planVersion,
      dueWords: line.dueWords,
      late: line.late,
      audience: line.audience,
      urgent: note.urgent,
    });
    // The part's first line schedules its collector; so does a retry, in case the attempt that
    // wrote the line died before it could. Other lines find the collector already scheduled.
    if (state !== 'first' && state !== 'present') return;
    const data: CollectorJobData = { tenant, to: note.to, minute, part };
    const untilMinute = Math.max(0, minute * 60_000 - this.deps.clock.now());
    await this.deps.queue.add('collect', data, {
      jobId: collectorJobId({ tenant, target, minute, part }),
      delay: untilMinute + (this.deps.settleMs ?? SETTLE_MS),
    });
  }

  /** True while reminder jobs planned for `minute` are still waiting or running (a burst). */
  async peersPending(minute: number): Promise<boolean> {
    const ids = await this.deps.queue.getRanges(['waiting', 'active', 'prioritized'], 0, PEEK - 1);
    return ids.some((id) => {
      const r = parseReminderJobId(id);
      return r !== undefined && Math.floor(r.fireAt / 60_000) === minute;
    });
  }

  /** The lines of a closed part that still apply, with their items as they are now. */
  private async current(tenant: string, stored: readonly BatchLine[]) {
    const found = await this.deps.items.getMany(tenant, [...new Set(stored.map((l) => l.no))]);
    const items = await namedItems(this.deps.people, tenant, found);
    const byNo = new Map(items.map((i) => [i.no, i]));
    // A deadline chase held to an office start meets that morning's overdue chase: it says it.
    const chasedDue = new Set(stored.filter((l) => l.kind === 'due').map((l) => l.no));
    return stored.flatMap(({ kind, no, planVersion, dueWords, late, audience, urgent }) => {
      const item = byNo.get(no);
      if (!item || isClosed(item) || item.planVersion !== planVersion) return [];
      if (kind === 'unacknowledged' && item.acknowledgedAt !== undefined) return [];
      if (kind === 'overdue' && chasedDue.has(no)) return [];
      const line: ReminderLine = { kind, item, dueWords, late, audience };
      return [{ line, urgent }];
    });
  }

  /**
   * An escalation to a leader whose decision an extension request of the item waits for says
   * so: they are asked (`extensionDecider`, as the request card asks), not only told it is late.
   */
  private async markDecisions(lines: ReminderLine[], openId: string): Promise<void> {
    for (const line of lines) {
      if (line.kind !== 'escalate' || !line.item.extension) continue;
      const decider = await extensionDecider(this.deps, line.item);
      if (deciderPeople(decider).some((p) => p.openId === openId)) line.awaitsDecision = true;
    }
  }

  /** The collector's work: close the part and send it. Returns how many lines went out. */
  async collect(data: CollectorJobData): Promise<number> {
    const target = targetKey(data.to);
    const stored = await this.deps.batches.close(data.tenant, target, data.minute, data.part);
    if (stored.length === 0) return 0;
    const still = await this.current(data.tenant, stored);
    if (still.length === 0) return 0;
    // One line per item (a 签收 chase and a 临近提醒 of one item fold into one), as the card shows them.
    const lines = oneLinePerItem(still.map((s) => s.line));
    const urgent = still.some((s) => s.urgent);
    const toGroup = 'chatId' in data.to;
    if (!toGroup) await this.markDecisions(lines, target);
    const card = reminderCard(lines, {
      timezone: this.deps.timezone,
      urgent,
      // An escalation lands in the group only when nobody leads it; work assigned privately has
      // no group to set a leader in (its escalation goes to a person, `reminderCards.ts`).
      ...(toGroup && lines.some((l) => l.kind === 'escalate' && !isPrivateChatItem(l.item))
        ? { footnote: NO_PRINCIPAL_FOOTNOTE }
        : {}),
    });
    const request: SendRequest = {
      tenant: data.tenant,
      to: data.to,
      message: { type: 'card', card: { ...card } },
      key: `remind:${data.tenant}:${target}:${data.minute}:${data.part}`,
      // A chase at or after the deadline goes before routine sends; a friendly early reminder does not.
      priority: urgent || lines.some((l) => CHASES.has(l.kind)) ? 'urgent' : 'normal',
    };
    const single = lines.length === 1 ? lines[0] : undefined;
    // A card about one item for its owners (in the group, or in an owner's own chat for an item
    // recorded privately) carries its buttons: later changes redraw it as the item's card.
    if (single?.audience === 'group') request.showsItem = { no: single.item.no, view: 'item', to: data.to };
    if (!toGroup && urgent) request.urgentFor = [target];
    if (!toGroup) {
      const items = [...new Map(lines.map((l) => [l.item.no, l.item])).values()];
      const after = await this.deps.cardsFirst(items, target);
      if (after.length > 0) request.after = after;
    }
    await this.deps.messenger.send(request);
    return lines.length;
  }
}
