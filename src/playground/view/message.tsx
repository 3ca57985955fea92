/**
 * One line of the chat as the page shows it: a person's message (mentions shown by name, as
 * Lark shows the `@_user_N` keys it sent), a bot message (text or card), or a clock divider.
 * The same component renders the first page and every live update, so both look the same.
 */
import { formatDue } from '../../domain/time.ts';
import type { LogEntry, PlaygroundRecord } from '../log.ts';
import { PLAYGROUND_BOT_NAME } from '../world.ts';
import { CardView } from './card.tsx';
import { withGlyphs } from './glyphs.tsx';
import { type NameOf, renderTextMessage } from './markdown.tsx';

export interface ViewContext {
  timezone: string;
  nameOf: NameOf;
  botOpenId: string;
}

/** A steady colour per person, so who said what is visible at a glance. */
export function avatarClass(openId: string): string {
  let h = 0;
  for (const ch of openId) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return `av av-${h % 6}`;
}

/** `11-26 10:00 周四`: the year is in the header clock. */
function shortTime(at: number, timezone: string): string {
  return formatDue(at, timezone).slice(5);
}

function UserContent({
  record,
  ctx,
}: {
  record: Extract<PlaygroundRecord, { kind: 'user' }>;
  ctx: ViewContext;
}) {
  const byKey = new Map(record.mentions.map((m) => [m.key, m]));
  const parts = record.content.split(/(@_user_\d+|@_all)/);
  return (
    <>
      {parts.map((part) => {
        const m = byKey.get(part);
        if (!m) return part;
        const bot = m.openId === ctx.botOpenId;
        return (
          <span class={bot ? 'at at-bot' : 'at'} data-open-id={m.openId}>
            @{m.key === '@_all' ? '所有人' : ctx.nameOf(m.openId) || m.name}
          </span>
        );
      })}
    </>
  );
}

export function MessageView({
  entry,
  ctx,
  card,
}: {
  entry: LogEntry;
  ctx: ViewContext;
  card?: Record<string, unknown>;
}) {
  const r = entry.record;
  if (r.kind === 'clock') {
    return (
      <li class="divider" data-entry={entry.id}>
        <span>
          {withGlyphs('⏩')} 时间拨到 {formatDue(r.to, ctx.timezone)}
        </span>
      </li>
    );
  }
  if (r.kind === 'user') {
    const name = ctx.nameOf(r.sender.openId) || r.sender.name;
    return (
      <li class="msg" data-entry={entry.id} data-message-id={r.messageId} data-sender={r.sender.openId}>
        <span class={avatarClass(r.sender.openId)}>{[...name][0] ?? '?'}</span>
        <div class="msg-body">
          <div class="who">
            <span class="who-name">{name}</span> <time>{shortTime(r.at, ctx.timezone)}</time>
          </div>
          <div class="bubble">
            <UserContent record={r} ctx={ctx} />
          </div>
        </div>
      </li>
    );
  }
  if (r.kind === 'bot') {
    const shown = r.message.type === 'card' ? (card ?? r.message.card) : undefined;
    return (
      <li
        class="msg from-bot"
        data-entry={entry.id}
        data-message-id={entry.messageId}
        data-sender={ctx.botOpenId}
      >
        <span class="av av-bot">落</span>
        <div class="msg-body">
          <div class="who">
            <span class="who-name">{PLAYGROUND_BOT_NAME}</span> <span class="bot-tag">机器人</span>{' '}
            <time>{shortTime(r.at, ctx.timezone)}</time>
          </div>
          {shown ? (
            <div class="card-slot">
              <CardView card={shown} nameOf={ctx.nameOf} />
            </div>
          ) : (
            <div class="bubble">
              {r.message.type === 'text' ? renderTextMessage(r.message.text, ctx.nameOf) : null}
              {r.message.type === 'file' ? (
                <a
                  class="file-attachment"
                  href={`/playground/files/${r.message.fileKey}`}
                  download={r.message.name}
                >
                  📎 {r.message.name}
                </a>
              ) : null}
            </div>
          )}
        </div>
      </li>
    );
  }
  return null;
}
