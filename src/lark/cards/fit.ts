/**
 * Keeping a card under Lark's 30 KB: lists (digests, batched reminders) take entries while a
 * byte budget lasts and end with a "还有 N 项" line pointing to /列表 and the 看板, instead of
 * failing to send.
 */
import type { CardElement } from './elements.ts';
import { markdown } from './elements.ts';
import { MAX_CARD_BYTES } from './schema.ts';

/** What a list may use: the rest of the card (header, other sections, JSON overhead) fits in the remainder. */
export const LIST_BUDGET_BYTES = MAX_CARD_BYTES - 6 * 1024;

const bytesOf = (elements: readonly CardElement[]) => Buffer.byteLength(JSON.stringify(elements));

export interface Fitted<T> {
  shown: T[];
  elements: CardElement[];
  /** Entries left out. */
  more: number;
}

/**
 * Renders entries in order while their elements fit the byte budget and the entry cap (shared
 * across calls through `spent`, so several sections share one budget).
 */
export function fitEntries<T>(
  entries: readonly T[],
  render: (entry: T) => CardElement[],
  spent: { bytes: number; entries?: number },
  limits: { budget?: number; maxEntries?: number } = {},
): Fitted<T> {
  const budget = limits.budget ?? LIST_BUDGET_BYTES;
  const shown: T[] = [];
  const elements: CardElement[] = [];
  for (const entry of entries) {
    // Lark also caps the number of components in a card (about 200).
    if (limits.maxEntries !== undefined && (spent.entries ?? 0) >= limits.maxEntries) break;
    const els = render(entry);
    const cost = bytesOf(els) + 1;
    if (spent.bytes + cost > budget) break;
    spent.bytes += cost;
    spent.entries = (spent.entries ?? 0) + 1;
    shown.push(entry);
    elements.push(...els);
  }
  return { shown, elements, more: entries.length - shown.length };
}

export function moreLine(more: number): CardElement {
  return markdown(
    `……还有 ${more} 项未列出，发送 /列表 查看全部，或发送 /看板 在看板中筛选查看。`,
    'notation',
  );
}
