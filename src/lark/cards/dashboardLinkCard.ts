/** `/看板`'s answer: the one-time link into the 看板, and what it is good for. Pure. */
import { type Card, card, markdown } from './elements.ts';
import { validateCard } from './schema.ts';

export function dashboardLinkCard(link: string): Card {
  return validateCard(
    card({ title: '📈 督办看板', template: 'blue' }, [
      markdown(`[打开我的督办看板](${link})`),
      markdown(
        '看板里有统计图表、可筛选排序的台账、每项事项的全部记录，并可下载 Excel 台账；只显示你有权查看的事项。',
      ),
      markdown(
        '链接十分钟内有效、只能打开一次，打开后八小时内免登录。请勿转发；过期了再发送 /看板。',
        'notation',
      ),
    ]),
  );
}
