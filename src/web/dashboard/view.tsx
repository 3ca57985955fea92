/**
 * The 看板's pages, server-rendered with hono/jsx and no script at all: the filters are a GET
 * form, sorting and paging are links, the charts are bars drawn in CSS (two simple charts do not
 * earn a chart library's 1 MB). One stylesheet, inlined under the response's CSP nonce.
 */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { onTimeRate, type Tally } from '../../domain/figures.ts';
import type { Item } from '../../domain/item.ts';
import { type Light, shownAt } from '../../domain/light.ts';
import { KIND_CN } from '../../domain/statistics.ts';
import { formatDue } from '../../domain/time.ts';
import { type Overview, queryString, type SORTS, STATES } from './data.ts';
import { DASHBOARD_CSS } from './style.ts';

const rate = (t: Tally) => {
  const r = onTimeRate(t);
  return r === undefined ? '—' : `${Math.round(r * 100)}%`;
};
/**
 * A bar's length as a class in steps of 5%: the page's CSP allows only its own stylesheet, so a
 * `style` attribute would be blocked (and the bar drawn full or not at all).
 */
const step = (pct: number) => Math.min(100, Math.max(0, Math.round(pct / 5) * 5));

const LIGHT_CN: Record<Light | 'grey', string> = {
  red: '红灯',
  yellow: '黄灯',
  green: '绿灯',
  grey: '已取消',
};

const names = (people: readonly { name: string }[]) => people.map((p) => p.name || '未具名成员').join('、');

export function Layout(props: { title: string; who: string; nonce: string; children: Child }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title} · 落实看板</title>
        <style nonce={props.nonce}>{raw(DASHBOARD_CSS)}</style>
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/dashboard">
            落实 · 督办看板
          </a>
          <a class="link" href="/dashboard/plans">
            导入计划
          </a>
          <span class="who">{props.who}</span>
          <form method="post" action="/dashboard/logout">
            <button type="submit" class="link">
              退出
            </button>
          </form>
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  );
}

function Figures({ t }: { t: Tally }) {
  const cells: Array<[string, string | number, string?]> = [
    ['登记', t.registered],
    ['在办', t.inProgress],
    ['已办结', t.done, `按期 ${t.doneOnTime} · 逾期 ${t.doneLate}`],
    ['逾期未办结', t.overdueOpen],
    ['已取消', t.cancelled],
    ['延期批准', t.extensions],
    ['按期办结率', rate(t)],
  ];
  return (
    <dl class="figures">
      {cells.map(([label, value, note]) => (
        <div class={`figure${label === '逾期未办结' && t.overdueOpen > 0 ? ' bad' : ''}`}>
          <dt>{label}</dt>
          <dd>{value}</dd>
          {note ? <small>{note}</small> : null}
        </div>
      ))}
    </dl>
  );
}

function UnitChart({ o }: { o: Overview }) {
  const lines = o.stats.byUnit.filter((l) => onTimeRate(l.tally) !== undefined).slice(0, 12);
  if (lines.length === 0) return <p class="empty">这段时间还没有到期的事项。</p>;
  return (
    <ul class="hbars" aria-label="各单位按期办结率">
      {lines.map((l) => {
        const pct = Math.round((onTimeRate(l.tally) ?? 0) * 100);
        return (
          <li>
            <span class="bar-label">{l.key}</span>
            <span class="bar-track">
              <span class={`bar w${step(pct)}${pct < 60 ? ' bad' : ''}`} />
            </span>
            <span class="bar-value">{pct}%</span>
          </li>
        );
      })}
    </ul>
  );
}

function TrendChart({ o }: { o: Overview }) {
  const max = Math.max(1, ...o.trend.map((w) => w.overdue));
  return (
    <ol class="vbars" aria-label="每周末逾期未办结">
      {o.trend.map((w) => (
        <li>
          <span class="vbar-value">{w.overdue}</span>
          <span class={`vbar h${step((w.overdue / max) * 100)}`} />
          <span class="vbar-label">{w.label}</span>
        </li>
      ))}
    </ol>
  );
}

function Filters({ o }: { o: Overview }) {
  const q = o.query;
  return (
    <form class="filters" method="get" action="/dashboard">
      <label>
        时间段
        <input name="period" value={q.periodWord} list="periods" size={8} />
      </label>
      <datalist id="periods">
        {['本周', '上周', '本月', '上月', '本季度', '上季度', '本年', '去年'].map((p) => (
          <option value={p} />
        ))}
      </datalist>
      <label>
        单位
        <select name="unit">
          <option value="">全部</option>
          {o.units.map((u) => (
            <option value={u} selected={u === q.unit}>
              {u}
            </option>
          ))}
        </select>
      </label>
      <label>
        负责人
        <select name="owner">
          <option value="">全部</option>
          {o.owners.map((p) => (
            <option value={p.openId} selected={p.openId === q.owner}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        类型
        <select name="kind">
          <option value="">全部</option>
          {Object.entries(KIND_CN).map(([k, cn]) => (
            <option value={k} selected={k === q.kind}>
              {cn}
            </option>
          ))}
        </select>
      </label>
      <label>
        状态
        <select name="state">
          <option value="">全部</option>
          {Object.entries(STATES).map(([k, cn]) => (
            <option value={k} selected={k === q.state}>
              {cn}
            </option>
          ))}
        </select>
      </label>
      <label>
        搜索
        <input name="q" value={q.q ?? ''} placeholder="事项名称" size={10} />
      </label>
      <button type="submit">筛选</button>
    </form>
  );
}

export interface LedgerRowView {
  item: Item;
  light: Light;
}

function Table({ o, rows, timezone }: { o: Overview; rows: LedgerRowView[]; timezone: string }) {
  const q = o.query;
  const sortLink = (key: keyof typeof SORTS) =>
    queryString(q, { sort: key, dir: q.sort === key && !q.desc ? 'desc' : undefined, page: undefined });
  const arrow = (key: keyof typeof SORTS) => (q.sort === key ? (q.desc ? ' ↓' : ' ↑') : '');
  return (
    <div class="table-wrap">
      <table class="ledger">
        <thead>
          <tr>
            <th>
              <a href={`/dashboard${sortLink('no')}`}>编号{arrow('no')}</a>
            </th>
            <th>事项</th>
            <th>类型</th>
            <th>责任单位</th>
            <th>负责人</th>
            <th>
              <a href={`/dashboard${sortLink('created')}`}>登记{arrow('created')}</a>
            </th>
            <th>
              <a href={`/dashboard${sortLink('due')}`}>截止{arrow('due')}</a>
            </th>
            <th>状态</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ item, light }) => {
            const shown = shownAt(item, light, o.stats.at, o.stats.at < q.period.to);
            return (
              <tr>
                <td>
                  <a href={`/dashboard/items/${item.no}`}>#{item.no}</a>
                </td>
                <td class="title">
                  <a href={`/dashboard/items/${item.no}`}>{item.title}</a>
                </td>
                <td>{KIND_CN[item.kind]}</td>
                <td>{item.unit ?? ''}</td>
                <td>{names(item.owners)}</td>
                <td class="date">{formatDue(item.createdAt, timezone)}</td>
                <td class="date">{formatDue(item.due, timezone)}</td>
                <td>
                  <span class={`light ${shown.colour}`} role="img" aria-label={LIGHT_CN[shown.colour]} />
                  {shown.text}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function OverviewPage(props: { o: Overview; rows: LedgerRowView[]; timezone: string }) {
  const { o } = props;
  const q = o.query;
  const period = `${formatDue(q.period.from, props.timezone).slice(0, 10)} 至 ${formatDue(q.period.to - 1, props.timezone).slice(0, 10)}`;
  return (
    <>
      {q.notice ? <p class="notice-bar">{q.notice}</p> : null}
      <h1>
        {q.periodWord}（{period}）<small>范围：{o.scope}</small>
      </h1>
      <Figures t={o.stats.total} />
      <section class="charts">
        <div class="chart">
          <h2>各单位按期办结率</h2>
          <UnitChart o={o} />
        </div>
        <div class="chart">
          <h2>逾期未办结（每周末）</h2>
          <TrendChart o={o} />
        </div>
      </section>
      <h2>台账</h2>
      <Filters o={o} />
      <p class="count">
        共 {o.total} 项{o.total > 0 ? `，第 ${q.page}/${o.pages} 页` : ''}
        <a class="download" href={`/dashboard/ledger.xlsx${queryString(q, { page: undefined })}`}>
          下载台账（Excel）
        </a>
      </p>
      {o.total > 0 ? <p class="scroll-hint">表格可左右滑动，查看负责人、时间和状态。</p> : null}
      {o.total === 0 ? (
        <p class="empty">没有符合条件的事项。</p>
      ) : (
        <Table o={o} rows={props.rows} timezone={props.timezone} />
      )}
      {o.pages > 1 ? (
        <nav class="pager">
          {q.page > 1 ? (
            <a href={`/dashboard${queryString(q, { page: String(q.page - 1) })}`}>上一页</a>
          ) : null}
          {q.page < o.pages ? (
            <a href={`/dashboard${queryString(q, { page: String(q.page + 1) })}`}>下一页</a>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
