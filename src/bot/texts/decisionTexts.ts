/**
 * What /纪要 says of its 议定 items, in its one reply: each new item with its owners @-ed in a
 * group (as /任务's confirmation does — the owners hear of it now, not in next Monday's 签收催办)
 * and its deadline with the weekday; the items a corrected 纪要 repeats, kept as they were; and
 * the earlier ones it no longer names, still open. One message, however long the minutes: not
 * a card per item flooding the group.
 */
import { type Item, STATUS_CN } from '../../domain/item.ts';
import { atAll, dueText, escapeText, namesOf } from './format.ts';

export interface DecisionReport {
  made: Item[];
  /** Lines matching an item the earlier minutes made; `movedTo` when the line's deadline differs. */
  kept: Array<{ item: Item; movedTo?: number }>;
  /** The meeting's earlier items this 纪要 does not repeat (open ones). */
  untouched: Item[];
  /** The item's title as the minutes said it (without the meeting's name before it). */
  short: (item: Item) => string;
  /** @ the owners (a group) or name them (a private chat, where an @ tells nobody). */
  notify: boolean;
  timezone: string;
}

export function decisionLines(r: DecisionReport): string[] {
  const head = (i: Item) => `#${i.no} ${escapeText(r.short(i))}`;
  const owners = (i: Item) => (r.notify ? atAll(i.owners) : escapeText(namesOf(i.owners)));
  const lines: string[] = [];
  if (r.made.length > 0)
    lines.push(
      `议定事项已登记 ${r.made.length} 项：`,
      ...r.made.map((i) => `${head(i)}｜负责人 ${owners(i)}｜截止 ${dueText(i, r.timezone)}`),
    );
  if (r.kept.length > 0)
    lines.push(
      `与原纪要相同、未重复登记 ${r.kept.length} 项（照原登记）：`,
      ...r.kept.map(({ item, movedTo }) => {
        const moved =
          movedTo === undefined
            ? ''
            : `；本次纪要写的截止时间（${dueText({ due: movedTo }, r.timezone)}）未采用，调整截止时间请用 /延期 #${item.no}`;
        return `${head(item)}｜${STATUS_CN[item.status]}｜截止 ${dueText(item, r.timezone)}${moved}`;
      }),
    );
  if (r.untouched.length > 0)
    lines.push(
      `原纪要的其他议定事项照旧在办：${r.untouched.map(head).join('；')}。如不再办理，请用 /取消 #编号 <理由>。`,
    );
  return lines;
}
