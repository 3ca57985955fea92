/**
 * `/查询 #n` as a card: the item's light, status, people (named, not @-ed: reading a status
 * pings nobody) and who recorded it, deadline, latest progress, any pending extension, and its
 * recent history from the audit stream — who did what, by name — then the actions an open item
 * offers.
 */
import { ROLE_CN } from '../../domain/access.ts';
import { uncoveredYearsNotice } from '../../domain/deadline/index.ts';
import { type Item, STATUS_CN, UNNAMED } from '../../domain/item.ts';
import type { Light } from '../../domain/light.ts';
import { formatDue } from '../../domain/time.ts';
import { BOT_ACTOR } from '../../storage/audit.ts';
import type { AuditEntry } from '../../storage/itemRepository.ts';
import { type Card, type CardElement, card, hr, markdown } from './elements.ts';
import { itemActions } from './itemActions.ts';
import { dueLine, itemHead, itemTemplate, peopleLines, stateLines, statusIcon } from './itemFacts.ts';
import { clip, md, names } from './markdown.ts';
import { validateCard } from './schema.ts';

/** How many history lines the card shows; the dashboard has the whole trail. */
export const HISTORY_LINES = 8;
/** A long note in the history is cut; the item's own fields show the latest in full. */
const HISTORY_DETAIL_CHARS = 120;

export const ACTION_CN: Record<string, string> = {
  create: '登记',
  acknowledge: '签收',
  progress: '进展',
  'extension-request': '申请延期',
  'extension-approve': '批准延期',
  'extension-reject': '驳回延期',
  cancel: '取消',
  complete: '办结',
  signoff: '销号',
  'signoff-return': '退回整改',
  escalate: '逾期上报',
  // A private-chat item's card sent with a reminder, before the office start it was held for.
  'tell-owners': '私聊交办给负责人',
};

/**
 * What an audited action is called on this item: an owner's /完成 on a 整改 item does not close
 * it — it hands it over for 销号 — so it is not called 办结 there.
 */
export function actionName(item: Pick<Item, 'kind'>, action: string): string {
  if (action === 'complete' && item.kind === 'rectification') return '报请销号';
  return ACTION_CN[action] ?? action;
}

/**
 * Who acted, by name: the bot itself, or the directory's current name (`actorNames`, looked up
 * for the whole history at once), else the name the item has on record, else their role on the
 * item, else `UNNAMED` — never an open_id.
 */
function actorName(item: Item, openId: string, actorNames: ReadonlyMap<string, string>): string {
  if (openId === BOT_ACTOR) return '落实';
  const current = actorNames.get(openId);
  if (current) return md(current);
  const onRecord = [...item.owners, item.lead, item.creator, item.extension?.by, item.signedOffBy]
    .filter((p) => p !== undefined)
    .find((p) => p.openId === openId && p.name);
  if (onRecord) return md(onRecord.name);
  if (item.creator.openId === openId) return ROLE_CN.creator;
  return UNNAMED;
}

export function historyLines(
  item: Item,
  history: readonly AuditEntry[],
  timezone: string,
  actorNames: ReadonlyMap<string, string> = new Map(),
): string[] {
  if (history.length === 0) return [];
  const shown = history.slice(-HISTORY_LINES);
  const head =
    history.length > shown.length
      ? `**记录**（最近 ${shown.length} 条，共 ${history.length} 条）：`
      : '**记录**：';
  return [
    head,
    ...shown.map((e) => {
      const detail = e.detail ? `：${md(clip(e.detail, HISTORY_DETAIL_CHARS))}` : '';
      return `· ${formatDue(e.at, timezone)} ${actorName(item, e.actor, actorNames)} ${md(actionName(item, e.action))}${detail}`;
    }),
  ];
}

export interface StatusCardExtra {
  /** A line above the facts (what a press just did). */
  banner?: string;
  /** Current names of the people in the history, by open_id. */
  actorNames?: ReadonlyMap<string, string>;
}

export function statusCard(
  item: Item,
  light: Light,
  history: readonly AuditEntry[],
  timezone: string,
  extra: StatusCardExtra = {},
): Card {
  const { banner } = extra;
  const facts = [
    ...peopleLines(item, timezone, false),
    `登记人：${names([item.creator])}`,
    dueLine(item, timezone),
    ...stateLines(item, timezone),
  ];
  const elements: CardElement[] = [];
  if (banner) elements.push(markdown(banner));
  elements.push(markdown(facts.join('\n')));
  const note = uncoveredYearsNotice(item.uncoveredYears);
  if (note) elements.push(markdown(note, 'notation'));
  const past = historyLines(item, history, timezone, extra.actorNames);
  if (past.length > 0) elements.push(hr(), markdown(past.join('\n')));
  const actions = itemActions(item, 'status');
  if (actions.length > 0) elements.push(hr(), ...actions);
  return validateCard(
    card(
      {
        title: `${statusIcon(item, light)} ${itemHead(item)} · ${STATUS_CN[item.status]}`,
        template: itemTemplate(item, light),
      },
      elements,
    ),
  );
}
