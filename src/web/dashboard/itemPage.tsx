/**
 * One item on the 看板, with its whole history (the chat's `/查询` card shows the last lines
 * only). Shown to whoever may read the item (`src/domain/access.ts`); to anyone else it does not
 * exist, as in chat.
 */
import type { Item } from '../../domain/item.ts';
import { KIND_CN } from '../../domain/statistics.ts';
import { formatDue } from '../../domain/time.ts';
import { actionName } from '../../lark/cards/statusCard.ts';
import type { AuditEntry } from '../../storage/itemRepository.ts';

const names = (people: readonly { name: string }[]) => people.map((p) => p.name || '未具名成员').join('、');

export function ItemPage(props: {
  item: Item;
  history: readonly AuditEntry[];
  actorName: (openId: string) => string;
  timezone: string;
  /** Its state in words as of now (`shownAt`): 逾期未办结 rather than 办理中 when it is late. */
  state: string;
}) {
  const { item, timezone: tz } = props;
  const facts: Array<[string, string | undefined]> = [
    ['类型', KIND_CN[item.kind]],
    ['状态', props.state],
    ['负责人', names(item.owners)],
    ['牵头领导', item.lead ? names([item.lead]) : undefined],
    ['责任单位', item.unit],
    ['登记', `${formatDue(item.createdAt, tz)} · ${names([item.creator])}`],
    [
      '截止',
      `${formatDue(item.due, tz)}${item.extensionCount ? `（已延期 ${item.extensionCount} 次）` : ''}`,
    ],
    ['工作要求', item.requirement],
    ['最新进展', item.progress?.text],
    ['办结', item.doneAt !== undefined && item.status === 'done' ? formatDue(item.doneAt, tz) : undefined],
    [item.kind === 'rectification' ? '整改情况' : '办理结果', item.result],
    ['牵头领导意见', item.signoffOpinion],
    ['取消理由', item.cancelReason],
  ];
  return (
    <>
      <p>
        <a href="/dashboard">← 返回看板</a>
      </p>
      <h1>
        #{item.no} {item.title}
      </h1>
      <dl class="facts">
        {facts
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </>
          ))}
      </dl>
      <h2>全部记录（{props.history.length} 条）</h2>
      <ol class="history">
        {props.history.map((e) => (
          <li>
            <time>{formatDue(e.at, tz)}</time>
            {props.actorName(e.actor)} {actionName(item, e.action)}
            {e.detail ? `：${e.detail}` : ''}
          </li>
        ))}
      </ol>
    </>
  );
}
