/**
 * How many messages each person's private chat with the bot received, week by week: the
 * measure behind "leaders' private chats must not pile up" (issue 9 §3). Counted from the
 * playground's log — what the page shows in each person's pane — so it counts what a person
 * would find unread, however the bot came to send it (digest, reminder, escalation, reply).
 * Pure.
 */
import type { LogEntry } from './log.ts';
import { dmOwnerOf } from './world.ts';

const WEEK_MS = 7 * 24 * 3600_000;

export interface InboxTally {
  openId: string;
  /** Messages in each week from `from`, oldest week first. */
  perWeek: number[];
  total: number;
  /** The headers or first lines of what came, to see what it was. */
  kinds: Record<string, number>;
}

/** The first line of a bot message: a card's header title, or a text's first line. */
function headlineOf(e: LogEntry): string {
  if (e.record.kind !== 'bot') return '';
  const m = e.record.message;
  if (m.type === 'text') return m.text.split('\n')[0] ?? '';
  if (m.type === 'file') return `📎 ${m.name}`;
  const header = (m.card as { header?: { title?: { content?: unknown } } }).header;
  return String(header?.title?.content ?? '');
}

/** What a headline is about, without item numbers or dates: `⚠️ 逾期上报`, `📊 每日督办简报（领导）`. */
export function messageKind(headline: string): string {
  return headline
    .replace(/^【加急】/, '')
    .split(/[#·（(]/)[0]!
    .trim()
    .concat(headline.includes('（领导）') ? '（领导）' : '');
}

/** Bot messages to each person's private chat in `weeks` weeks from `from`, by person. */
export function tallyPrivateChats(entries: readonly LogEntry[], from: number, weeks: number): InboxTally[] {
  const byPerson = new Map<string, InboxTally>();
  for (const e of entries) {
    if (e.record.kind !== 'bot') continue;
    const openId = dmOwnerOf(e.record.chatId);
    const week = Math.floor((e.record.at - from) / WEEK_MS);
    if (!openId || week < 0 || week >= weeks) continue;
    const t: InboxTally = byPerson.get(openId) ?? {
      openId,
      perWeek: Array(weeks).fill(0),
      total: 0,
      kinds: {},
    };
    t.perWeek[week]!++;
    t.total++;
    const kind = messageKind(headlineOf(e));
    t.kinds[kind] = (t.kinds[kind] ?? 0) + 1;
    byPerson.set(openId, t);
  }
  return [...byPerson.values()];
}
