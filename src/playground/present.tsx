/**
 * From log entries to what the page shows: the first render (recent history, grouped into the
 * group and each private chat, with cards already replaced by their latest version) and the
 * live updates sent over SSE (one small JSON object per entry, with its HTML rendered by the
 * same components).
 */
import type { Child } from 'hono/jsx';
import type { LogEntry } from './log.ts';
import { CardView } from './view/card.tsx';
import { MessageView, type ViewContext } from './view/message.tsx';
import type { Pane } from './view/page.tsx';
import { dmChatId, PLAYGROUND_GROUP_CHAT, PLAYGROUND_GROUP_NAME, type PlaygroundMember } from './world.ts';

export type LiveUpdate =
  /** `replyTo`: the message a bot reply answers (Lark's reply API). */
  | { kind: 'message'; chatId: string; messageId: string | undefined; replyTo?: string; html: string }
  | { kind: 'update'; messageId: string; html: string }
  | { kind: 'clock'; html: string }
  | { kind: 'member'; openId: string; name: string };

export function viewContext(
  members: readonly PlaygroundMember[],
  timezone: string,
  botOpenId: string,
): ViewContext {
  const names = new Map(members.map((m) => [m.openId, m.name]));
  return { timezone, botOpenId, nameOf: (openId) => names.get(openId) };
}

const html = async (node: Child): Promise<string> => String(await node);

export async function liveUpdate(entry: LogEntry, ctx: ViewContext): Promise<LiveUpdate | undefined> {
  const r = entry.record;
  switch (r.kind) {
    case 'user':
    case 'bot':
      return {
        kind: 'message',
        chatId: r.chatId,
        messageId: entry.messageId,
        ...(r.kind === 'bot' && r.replyTo ? { replyTo: r.replyTo } : {}),
        html: await html(<MessageView entry={entry} ctx={ctx} />),
      };
    case 'update':
      return {
        kind: 'update',
        messageId: r.messageId,
        html: await html(<CardView card={r.card} nameOf={ctx.nameOf} />),
      };
    case 'clock':
      return { kind: 'clock', html: await html(<MessageView entry={entry} ctx={ctx} />) };
    case 'member':
      return { kind: 'member', openId: r.openId, name: r.name };
  }
}

/** The group first, then each person's private chat; clock dividers appear in every pane. */
export function panesFrom(
  entries: readonly LogEntry[],
  members: readonly PlaygroundMember[],
  ctx: ViewContext,
): Pane[] {
  const latestCard = new Map<string, Record<string, unknown>>();
  for (const e of entries) if (e.record.kind === 'update') latestCard.set(e.record.messageId, e.record.card);
  const panes: Pane[] = [
    { chatId: PLAYGROUND_GROUP_CHAT, title: PLAYGROUND_GROUP_NAME, messages: [] },
    ...members.map((m) => ({ chatId: dmChatId(m.openId), title: m.name, owner: m.openId, messages: [] })),
  ];
  const byChat = new Map(panes.map((p) => [p.chatId, p]));
  for (const e of entries) {
    const r = e.record;
    if (r.kind === 'clock') {
      for (const pane of panes) pane.messages.push(<MessageView entry={e} ctx={ctx} />);
    } else if (r.kind === 'user' || r.kind === 'bot') {
      const card = e.messageId ? latestCard.get(e.messageId) : undefined;
      byChat.get(r.chatId)?.messages.push(<MessageView entry={e} ctx={ctx} {...(card ? { card } : {})} />);
    }
  }
  return panes;
}
