/**
 * The playground page: a work group with its people, each person's private chat with the bot,
 * a composer that speaks as whoever is chosen, and the time-travel bar with the bot's virtual
 * time. Server-rendered; the small script in `assets/client.js` posts actions and appends what
 * arrives over SSE. Styles and script are inlined under a CSP nonce, so nothing else can run.
 */
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { MAX_LINE_CHARS } from '../chat.ts';
import { type PlaygroundMember, ROLE_CN } from '../world.ts';
import { avatarClass } from './message.tsx';

export interface Pane {
  chatId: string;
  /** Tab label: the group's name, or the person whose private chat it is. */
  title: string;
  /** For private chats: only this person can speak there. */
  owner?: string;
  messages: Child[];
}

export interface PageProps {
  members: PlaygroundMember[];
  panes: Pane[];
  groupName: string;
  now: string;
  /** The same instant as `YYYY-MM-DDTHH:mm`, for the date picker. */
  nowLocal: string;
  /** The newest log entry already on the page: live updates start after it. */
  lastId: string;
  canTravel: boolean;
  /** The 看板 is served beside the playground: offer its member picker. */
  dashboard: boolean;
  nonce: string;
  css: string;
  js: string;
}

function MemberItem({ m }: { m: PlaygroundMember }) {
  return (
    <li class="member" data-open-id={m.openId} data-name={m.name}>
      <span class={avatarClass(m.openId)}>{[...m.name][0]}</span>
      <span class="m-text">
        <span class="m-name">{m.name}</span>
        <span class={`role role-${m.role}`}>{ROLE_CN[m.role]}</span>
      </span>
      <span class="m-actions">
        <button type="button" class="speak" title={`以${m.name}的身份发言`}>
          发言
        </button>
        <button type="button" class="mention" title={`在输入框中 @${m.name}`}>
          @
        </button>
        <button type="button" class="dm" title={`查看${m.name}与机器人的私聊`}>
          私聊
        </button>
        <button type="button" class="rename" title="改名">
          改名
        </button>
      </span>
    </li>
  );
}

export function PlaygroundPage(p: PageProps) {
  const [group] = p.panes;
  const travelTitle = p.canTravel ? undefined : '连接飞书时不能拨动时间';
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>落实 · 演示场</title>
        <style nonce={p.nonce}>{raw(p.css)}</style>
      </head>
      <body data-last-id={p.lastId} data-group={group?.chatId}>
        <header class="top">
          <div class="brand">
            <b>落实</b> <span>演示场</span>
          </div>
          <div class="clock" title="机器人看到的时间（北京时间）">
            <span class="clock-label">虚拟时间</span>
            <strong id="now">{p.now}</strong>
          </div>
          <div class="travel">
            <button type="button" data-travel="office" disabled={!p.canTravel} title={travelTitle}>
              下个上班时间
            </button>
            <button type="button" data-travel="hour" disabled={!p.canTravel} title={travelTitle}>
              +1小时
            </button>
            <button type="button" data-travel="day" disabled={!p.canTravel} title={travelTitle}>
              +1天
            </button>
            <span class="travel-to">
              <input
                type="datetime-local"
                id="travel-at"
                aria-label="跳到的时间"
                value={p.nowLocal}
                disabled={!p.canTravel}
              />
              <button type="button" data-travel="to" disabled={!p.canTravel} title={travelTitle}>
                跳到
              </button>
            </span>
          </div>
          <button type="button" id="seed" class="seed">
            填充演示数据
          </button>
        </header>
        <div class="layout">
          <details class="members" open>
            <summary>
              成员 <span class="count">{p.members.length}</span>
              <span class="speaking">
                · 当前发言：<b id="speaker-name">{p.members[0]?.name}</b>
              </span>
            </summary>
            <ul>
              {p.members.map((m) => (
                <MemberItem m={m} />
              ))}
            </ul>
            <p class="hint">
              点“@”把人插入输入框；点“发言”切换身份。机器人只听 @ 它的群消息，本页会自动加上。
            </p>
            {p.dashboard ? (
              <form
                class="dashboard-picker"
                method="get"
                action="/playground/dashboard"
                target="_blank"
                rel="noopener"
              >
                <label>
                  看谁的督办看板
                  <select name="as">
                    {p.members.map((m) => (
                      <option value={m.openId}>{m.name}</option>
                    ))}
                  </select>
                </label>
                <button type="submit">打开看板</button>
              </form>
            ) : null}
          </details>
          <main class="chat">
            <div class="tabs" role="tablist">
              {p.panes.map((pane, i) => (
                <button
                  type="button"
                  role="tab"
                  class={i === 0 ? 'tab active' : 'tab'}
                  data-chat={pane.chatId}
                  data-owner={pane.owner}
                  aria-selected={i === 0 ? 'true' : 'false'}
                >
                  <span class="tab-title">{pane.owner ? `私聊·${pane.title}` : `群聊·${pane.title}`}</span>
                  <span class="badge" hidden />
                </button>
              ))}
            </div>
            <div class="panes">
              {p.panes.map((pane, i) => (
                <section class="pane" data-chat={pane.chatId} hidden={i !== 0} role="tabpanel">
                  <ol class="messages">
                    {pane.messages.length === 0 ? (
                      <li class="empty">
                        {pane.owner
                          ? '机器人还没有私信过这个人。'
                          : '还没有消息。试试下面的命令，或点“填充演示数据”。'}
                      </li>
                    ) : (
                      pane.messages
                    )}
                  </ol>
                </section>
              ))}
            </div>
            <form class="composer" id="composer" autocomplete="off">
              <div class="composer-row">
                <label class="speaker">
                  <span>发言人</span>
                  <select id="speaker" aria-label="以谁的身份发言">
                    {p.members.map((m) => (
                      <option value={m.openId}>{m.name}</option>
                    ))}
                  </select>
                </label>
                <span class="quick">
                  <button type="button" class="chip" data-insert="/任务 起草年度工作总结 @张三 3个工作日内">
                    /任务
                  </button>
                  <button type="button" class="chip" data-insert="/列表">
                    /列表
                  </button>
                  <button type="button" class="chip" data-insert="/帮助">
                    /帮助
                  </button>
                </span>
              </div>
              <div class="composer-row">
                <button type="button" id="at-btn" class="at-btn" aria-label="@ 某人" aria-expanded="false">
                  @
                </button>
                <label class="at-btn file-btn" title="发送文件（如 /计划 导入 之后的 .xlsx）">
                  文件
                  <input type="file" id="file-input" accept=".xlsx" hidden />
                </label>
                <textarea
                  id="text"
                  rows={1}
                  maxlength={MAX_LINE_CHARS}
                  placeholder="输入命令，如 /帮助、/列表"
                />
                <button type="submit" class="send">
                  发送
                </button>
              </div>
              <div id="at-menu" class="at-menu" hidden>
                {p.members.map((m) => (
                  <button type="button" class="chip" data-open-id={m.openId}>
                    @{m.name}
                  </button>
                ))}
              </div>
            </form>
          </main>
        </div>
        <div id="toast" class="toast" role="status" aria-live="polite" hidden />
        <script nonce={p.nonce}>{raw(p.js)}</script>
      </body>
    </html>
  );
}
