/**
 * The daily digest (每日督办简报) as sent: its buckets (`digestTexts.ts`) drawn as a digest
 * card, grouped by light — overdue and due today are red, approaching yellow, the rest green —
 * then what was done. Every open item is listed (a long list ends with "还有 N 项"), but the later
 * check-ins of a /分解, which are counted in a sentence instead. A leader's digest also shows
 * each open item's latest progress report (/进展).
 */
import type { OfficeHours } from '../../domain/officeHours.ts';
import { WEEKDAY_CN, weekdayOf } from '../../domain/time.ts';
import { digestCard } from '../../lark/cards/digestCard.ts';
import type { Card } from '../../lark/cards/elements.ts';
import type { DailyBuckets } from '../texts/digestTexts.ts';

const AUDIENCE_TITLE = { group: '', leader: '（领导）', person: '（个人）' } as const;

/** `undefined` when there is nothing worth a message. */
export function dailyDigestCard(
  date: string,
  b: DailyBuckets,
  office: OfficeHours,
  now: number,
  /** A group's digest; a leader's own; or the personal one of someone who assigned work privately. */
  audience: 'group' | 'leader' | 'person',
): Card | undefined {
  const open = b.overdue.length + b.dueToday.length + b.approaching.length + b.onTrack.length;
  if (open + b.done.length === 0) return undefined;
  // The later check-ins of a /分解 are left out (`dailyBuckets`); the count says they exist.
  const aside =
    (b.laterCheckIns ?? 0) > 0 ? `另有 ${b.laterCheckIns} 期分解进展报告未到期，暂不列出。` : undefined;
  return digestCard({
    title: `📊 每日督办简报${AUDIENCE_TITLE[audience]} · ${date} ${WEEKDAY_CN[weekdayOf(date)]}`,
    groups: [
      { key: 'red', items: [...b.overdue, ...b.dueToday] },
      { key: 'yellow', items: b.approaching },
      { key: 'green', items: b.onTrack },
      { key: 'done', items: b.done },
    ],
    now,
    timezone: office.timezone,
    progress: audience !== 'group',
    ...(aside ? { aside } : {}),
  });
}
