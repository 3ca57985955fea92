/**
 * A page of open items as a card (`/列表` and its filters, `/我的`): one line per item with its
 * light — in words as well as colour, so the state reads without an emoji font — number, title,
 * owners and deadline; a line for what the page does not show; and 上一页 / 下一页 buttons that
 * ask for the neighbouring page of the same list.
 */
import type { Item } from '../../domain/item.ts';
import type { Light } from '../../domain/light.ts';
import { formatDue } from '../../domain/time.ts';
import type { ListPageValue } from './actionValue.ts';
import { button, buttonRow, type Card, type CardElement, card, markdown } from './elements.ts';
import { LIGHT_CN, LIGHT_ICON } from './itemFacts.ts';
import { md, names } from './markdown.ts';
import { validateCard } from './schema.ts';

export interface ListSection {
  /** Shown above the section's lines when the card has several (`我负责的`, `我牵头的`). */
  heading?: string;
  items: readonly Item[];
  /** How many match in all (more than `items` when this is one page of many). */
  total: number;
}

export interface ListCardInput {
  title: string;
  sections: readonly ListSection[];
  light: (item: Item) => Light;
  timezone: string;
  /** Said when nothing matches. */
  empty: string;
  /** Paging: the page shown, how many there are, and the buttons' filter code. */
  paging?: { page: number; pages: number; filter: string };
  /** Under the list, e.g. how to see the rest. */
  footnote?: string;
}

function lineOf(item: Item, light: Light, timezone: string): string {
  const state = item.status === 'review' ? '待销号' : LIGHT_CN[light];
  return `${LIGHT_ICON[light]}${state} **#${item.no}** ${md(item.title)} · ${names(item.owners)} · 截止 ${formatDue(item.due, timezone)}`;
}

const pageValue = (page: number, filter: string): ListPageValue => ({ action: 'list', page, f: filter });

export function listCard(input: ListCardInput): Card {
  const elements: CardElement[] = [];
  const shown = input.sections.filter((s) => s.items.length > 0);
  if (shown.length === 0) elements.push(markdown(input.empty));
  let red = 0;
  for (const section of shown) {
    const lines = section.items.map((item) => {
      const light = input.light(item);
      if (light === 'red') red++;
      return lineOf(item, light, input.timezone);
    });
    const head = section.heading ? [`**${section.heading}**（${section.total} 项）`] : [];
    elements.push(markdown([...head, ...lines].join('\n')));
    if (section.total > section.items.length && !input.paging)
      elements.push(
        markdown(
          `……还有 ${section.total - section.items.length} 项未列出，发送 /看板 在看板中查看全部。`,
          'notation',
        ),
      );
  }
  const paging = input.paging;
  if (paging && paging.pages > 1) {
    elements.push(
      markdown(`第 ${paging.page} / ${paging.pages} 页；发送 /看板 可按单位、负责人、状态筛选。`, 'notation'),
    );
    const buttons = [];
    if (paging.page > 1) buttons.push(button('上一页', pageValue(paging.page - 1, paging.filter)));
    if (paging.page < paging.pages)
      buttons.push(button('下一页', pageValue(paging.page + 1, paging.filter), { type: 'primary' }));
    elements.push(buttonRow(buttons));
  }
  if (input.footnote) elements.push(markdown(input.footnote, 'notation'));
  const template = red > 0 ? 'red' : shown.length > 0 ? 'blue' : 'grey';
  return validateCard(card({ title: input.title, template }, elements));
}
