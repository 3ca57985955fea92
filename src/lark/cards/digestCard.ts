/**
 * The daily digest (每日督办简报) as a card: items grouped by their light — red (overdue or due
 * today), yellow (approaching), green (on track) — then those done since the last digest, each
 * line with its number, owners and deadline (and, for a leader, the latest progress report).
 * A long digest is cut to fit Lark's 30 KB with a "还有 N 项" line pointing to /列表.
 */
import type { Item } from '../../domain/item.ts';
import type { Light } from '../../domain/light.ts';
import { formatDue } from '../../domain/time.ts';
import { type Card, type CardElement, card, markdown } from './elements.ts';
import { fitEntries, moreLine } from './fit.ts';
import { LIGHT_ICON } from './itemFacts.ts';
import { clip, md, names } from './markdown.ts';
import { validateCard } from './schema.ts';

export type DigestGroupKey = Light | 'done';

export interface DigestGroup {
  key: DigestGroupKey;
  items: readonly Item[];
}

const GROUP_LABEL: Record<DigestGroupKey, string> = {
  red: `${LIGHT_ICON.red} 红灯：已逾期或今天到期`,
  yellow: `${LIGHT_ICON.yellow} 黄灯：临近截止`,
  green: `${LIGHT_ICON.green} 绿灯：正常推进`,
  done: '✅ 已办结',
};

const ORDER: readonly DigestGroupKey[] = ['red', 'yellow', 'green', 'done'];

export interface DigestCardInput {
  /** e.g. `每日督办简报 · 11月26日 周四`. */
  title: string;
  groups: readonly DigestGroup[];
  now: number;
  timezone: string;
  /** Show each open item's latest progress report (/进展): the lead leader's digest. */
  progress?: boolean;
  /** A sentence after the count: open items the digest leaves out on purpose, and why. */
  aside?: string;
}

/** Open items by their light (computed by the caller) plus the done ones, in digest order. */
export function groupByLight(
  open: readonly Item[],
  done: readonly Item[],
  light: (item: Item) => Light,
): DigestGroup[] {
  const groups: DigestGroup[] = (['red', 'yellow', 'green'] as const).map((key) => ({
    key,
    items: open.filter((i) => light(i) === key).sort((a, b) => a.due - b.due || a.no - b.no),
  }));
  groups.push({ key: 'done', items: [...done].sort((a, b) => a.no - b.no) });
  return groups;
}

function lineOf(item: Item, key: DigestGroupKey, input: DigestCardInput): string {
  const head = `**#${item.no}** ${md(item.title)} · ${names(item.owners)}`;
  if (key === 'done') return `${head}${item.result ? ` · ${md(item.result.slice(0, 60))}` : ''}`;
  const late = item.due <= input.now ? '（已逾期）' : '';
  // A 整改 its owners reported done waits for the leader's sign-off: say so, or it reads as 正常推进.
  const review =
    item.status === 'review' ? ` · 待销号${item.lead ? `（待 ${names([item.lead])} 确认）` : ''}` : '';
  // A request waiting for a decision is what a leader acts on (trial: the digest said nothing).
  const asking = item.extension
    ? ` · ${names([item.extension.by])} 申请延期至 ${formatDue(item.extension.due, input.timezone)}，待审批`
    : '';
  const progress = input.progress && item.progress ? ` · 最新进展：${md(clip(item.progress.text, 60))}` : '';
  return `${head} · 截止 ${formatDue(item.due, input.timezone)}${late}${review}${asking}${progress}`;
}

export function digestCard(input: DigestCardInput): Card {
  const groups = ORDER.map((key) => input.groups.find((g) => g.key === key)).filter(
    (g): g is DigestGroup => g !== undefined && g.items.length > 0,
  );
  const open = groups.filter((g) => g.key !== 'done').reduce((n, g) => n + g.items.length, 0);
  const red = groups.find((g) => g.key === 'red')?.items.length ?? 0;
  const elements: CardElement[] = [
    markdown(
      (open === 0
        ? '目前没有未办结的事项。'
        : `未办结 ${open} 项${red > 0 ? `，其中红灯 ${red} 项` : ''}。`) + (input.aside ?? ''),
    ),
  ];
  const spent = { bytes: 0 };
  let more = 0;
  for (const g of groups) {
    const fitted = fitEntries(g.items, (i) => [markdown(lineOf(i, g.key, input))], spent);
    if (fitted.shown.length > 0) {
      // One markdown block per group: Lark caps the number of components in a card.
      const lines = fitted.shown.map((i) => lineOf(i, g.key, input));
      elements.push(markdown([`**${GROUP_LABEL[g.key]}**（${g.items.length} 项）`, ...lines].join('\n')));
    }
    more += fitted.more;
  }
  if (more > 0) elements.push(moreLine(more));
  const template = red > 0 ? 'red' : groups.some((g) => g.key === 'yellow') ? 'yellow' : 'green';
  return validateCard(card({ title: input.title, template }, elements));
}
