/**
 * A topic sent after its meeting's topic deadline (notice 十五: 常务会 and 专题会 topics are due
 * 3 working days before), by someone other than the host: the host is @-ed and decides on the
 * card — 同意上会 adds it to the meeting as a late topic, 不同意 drops it. Only the host's press
 * counts (checked on press). Pure.
 */
import type { LateTopicValue } from './actionValue.ts';
import { button, buttonRow, type Card, type CardElement, card, markdown } from './elements.ts';
import { md, mention } from './markdown.ts';
import { validateCard } from './schema.ts';

export interface LateTopic {
  heldId: string;
  meeting: { no: number; name: string; date: string };
  /** The last day topics were due (by office end). */
  due: string;
  title: string;
  /** Who sent it and who is to report it, by name. */
  by: string;
  reporter: string;
  host: { openId: string; name: string };
  outcome?: { kind: 'accepted' | 'declined'; topicNo?: number };
}

export function lateTopicCard(t: LateTopic): Card {
  const elements: CardElement[] = [
    markdown(
      [
        `**会议#${t.meeting.no} ${md(t.meeting.name)}**（${t.meeting.date}）的议题已于 ${t.due} 下班前截止。`,
        `${md(t.by)} 申请补交：**${md(t.title)}** · 汇报：${md(t.reporter)}`,
      ].join('\n'),
    ),
  ];
  if (t.outcome) {
    elements.push(
      markdown(
        t.outcome.kind === 'accepted'
          ? `✅ 主持人已同意上会，登记为第 ${t.outcome.topicNo ?? '?'} 个议题（逾期提交）。`
          : '主持人未同意，本次不上会；可提交下次会议。',
        'notation',
      ),
    );
  } else {
    const value = (action: LateTopicValue['action']): LateTopicValue => ({ action, id: t.heldId });
    elements.push(markdown(`请主持人 ${mention(t.host)} 决定是否上会。`));
    elements.push(
      buttonRow([
        button('同意上会', value('acceptTopic'), { type: 'primary' }),
        button('不同意', value('declineTopic')),
      ]),
    );
    elements.push(markdown('只有主持人可以决定；会议当天结束前有效。', 'notation'));
  }
  const state = !t.outcome ? '待主持人决定' : t.outcome.kind === 'accepted' ? '已同意' : '未同意';
  return validateCard(card({ title: `📌 逾期议题（${state}）`, template: 'orange' }, elements));
}
