/**
 * Reminders, chases and escalations as cards (DESIGN §6). One card per recipient and moment,
 * as the reminder engine batches them: a section per kind, items by number. The header is
 * yellow for the gentle kinds (临近提醒, 签收催办), red for chases (到期, 逾期) and carmine for an
 * escalation (逾期上报, marked 【加急】 when the group's policy makes it urgent).
 *
 * A card about one item carries that item's actions (签收, 完成, 反馈进展, 申请延期); a card
 * about several gives each a 办理 button, which posts that item's own card. Each item has one
 * line (`oneLinePerItem`).
 */
import type { Item } from '../../domain/item.ts';
import { formatDue } from '../../domain/time.ts';
import { button, type Card, type CardElement, card, type HeaderTemplate, hr, markdown } from './elements.ts';
import { fitEntries, moreLine } from './fit.ts';
import { actionValue, itemActions } from './itemActions.ts';
import { itemHead } from './itemFacts.ts';
import { md, mentions, names } from './markdown.ts';
import { validateCard } from './schema.ts';

/** The reminder engine's kinds, in plan order. */
export const REMINDER_CARD_KINDS = ['unacknowledged', 'approach', 'due', 'overdue', 'escalate'] as const;
export type ReminderCardKind = (typeof REMINDER_CARD_KINDS)[number];

export const REMINDER_TITLE: Record<ReminderCardKind, string> = {
  unacknowledged: '📨 签收催办',
  approach: '🟡 临近提醒',
  due: '🔴 到期催办',
  overdue: '🔴 逾期催办',
  escalate: '⚠️ 逾期上报',
};

const TEMPLATE: Record<ReminderCardKind, HeaderTemplate> = {
  unacknowledged: 'yellow',
  approach: 'yellow',
  due: 'red',
  overdue: 'red',
  escalate: 'carmine',
};

export interface ReminderLine {
  kind: ReminderCardKind;
  item: Item;
  /** How the deadline reads to this recipient now: `今天 18:00`, or the full date. */
  dueWords: string;
  /** Working days past the deadline (overdue, escalate). */
  late: number;
  /** Owners are @-ed in the group; a leader's direct message names them. */
  audience: 'group' | 'leader';
  /** A 签收 chase of the same item folded into this more urgent line (`oneLinePerItem`). */
  unacknowledged?: true;
  /** An escalation to the leader the item's extension request waits for: it asks them to decide. */
  awaitsDecision?: boolean;
}

/**
 * One line per item: reminders of several kinds about one item in the same moment (the 签收
 * chase and the due day's 临近提醒 both at 09:00) make the most urgent kind's line, which says
 * it is not yet signed for too — one line, one 办理 button, not the item twice (trial).
 */
export function oneLinePerItem(lines: readonly ReminderLine[]): ReminderLine[] {
  const byNo = new Map<number, ReminderLine>();
  for (const l of lines) {
    const kept = byNo.get(l.item.no);
    if (!kept) {
      byNo.set(l.item.no, l);
      continue;
    }
    const [worse, other] = severity(l.kind) > severity(kept.kind) ? [l, kept] : [kept, l];
    const unacked = worse.unacknowledged || other.unacknowledged || other.kind === 'unacknowledged';
    byNo.set(
      l.item.no,
      unacked && worse.kind !== 'unacknowledged' ? { ...worse, unacknowledged: true } : worse,
    );
  }
  return [...byNo.values()];
}

function lineText(l: ReminderLine, timezone: string): string {
  const { item } = l;
  const head = `**#${item.no}** ${md(item.title)}${l.unacknowledged ? '（尚未签收）' : ''}`;
  const dueAt = formatDue(item.due, timezone);
  const owners = l.audience === 'group' ? mentions(item.owners) : names(item.owners);
  // Less than a whole working day late (a morning chase of yesterday's 11:00 deadline): no count.
  const late = l.late > 0 ? ` ${l.late} 个工作日` : '';
  switch (l.kind) {
    case 'unacknowledged':
      return `${head}（截止 ${dueAt}）尚未签收，请 ${owners} 签收确认。`;
    case 'approach':
      return `${head} 将于 ${md(l.dueWords)} 到期，请 ${owners} 抓紧办理。`;
    case 'due':
      return l.audience === 'group'
        ? `${head} 已到截止时间（${dueAt}），请 ${owners} 尽快办结。`
        : `${head} 已到截止时间（${dueAt}），尚未办结。负责人：${owners}。`;
    case 'overdue':
      return `${head} 已逾期${late}（截止 ${dueAt}），请 ${owners} 尽快办结，或反馈进展说明情况。`;
    case 'escalate': {
      const lead = item.lead ? `；牵头领导：${names([item.lead])}` : '';
      const ext = item.extension;
      // Not only late: the owner asked for more time and the answer is this leader's to give.
      const ask =
        l.awaitsDecision && ext
          ? `\n${names([ext.by])} 已申请延期至 ${formatDue(ext.due, timezone)}，待你审批：/批准 #${item.no} 或 /驳回 #${item.no} 理由。`
          : '';
      return `${head} 已逾期${late}（截止 ${dueAt}），尚未办结。负责人：${names(item.owners)}${lead}。${ask}`;
    }
  }
}

/** Each line is a row with its own button: a few components each, and Lark caps components per card. */
const MAX_BUTTON_LINES = 30;

const severity = (k: ReminderCardKind) => REMINDER_CARD_KINDS.indexOf(k);

export interface ReminderCardOptions {
  timezone: string;
  /** The group's policy makes escalations urgent (加急). */
  urgent?: boolean;
  /** Added under the lines, e.g. how to set a principal leader. */
  footnote?: string;
}

export function reminderCard(given: readonly ReminderLine[], options: ReminderCardOptions): Card {
  if (given.length === 0) throw new RangeError('a reminder card needs at least one line');
  const lines = oneLinePerItem(given);
  const tz = options.timezone;
  const kinds = REMINDER_CARD_KINDS.filter((k) => lines.some((l) => l.kind === k));
  const worst = kinds.reduce((a, b) => (severity(b) > severity(a) ? b : a));
  const urgent = options.urgent && kinds.includes('escalate') ? '【加急】' : '';
  const single = lines.length === 1 ? lines[0] : undefined;
  const title = single
    ? `${urgent}${REMINDER_TITLE[single.kind]} ${itemHead(single.item)}`
    : `${urgent}${kinds.length === 1 ? REMINDER_TITLE[worst] : '⏰ 督办提醒'}（${lines.length} 项）`;

  const elements: CardElement[] = [];
  if (single) {
    elements.push(markdown(lineText(single, tz)));
    // A leader's copy is for information; the owners act on the group's.
    const actions = single.audience === 'group' ? itemActions(single.item, 'remind') : [];
    if (actions.length > 0) elements.push(hr(), ...actions);
  } else {
    const spent = { bytes: 0 };
    let more = 0;
    for (const kind of kinds) {
      const section = lines.filter((l) => l.kind === kind).sort((a, b) => a.item.no - b.item.no);
      const fitted = fitEntries(
        section,
        (l) => [
          {
            tag: 'column_set',
            horizontal_spacing: '8px',
            columns: [
              { tag: 'column', width: 'weighted', weight: 4, elements: [markdown(lineText(l, tz))] },
              {
                tag: 'column',
                width: 'auto',
                elements: [button('办理', actionValue(l.item, 'open', 'remind'))],
              },
            ],
          },
        ],
        spent,
        { maxEntries: MAX_BUTTON_LINES },
      );
      // With one kind the header already names it; sections only tell several kinds apart.
      if (fitted.shown.length > 0 && kinds.length > 1)
        elements.push(markdown(`**${REMINDER_TITLE[kind]}**（${section.length} 项）`));
      elements.push(...fitted.elements);
      more += fitted.more;
    }
    if (more > 0) elements.push(moreLine(more));
  }
  if (options.footnote) elements.push(markdown(md(options.footnote), 'notation'));
  return validateCard(card({ title, template: TEMPLATE[worst] }, elements));
}
