/**
 * `/playground`: the page, its live feed and the few actions it posts.
 *
 *   GET  /playground              the page (recent history server-rendered)
 *   GET  /playground/events       SSE: each page's live feed (`liveEvents.ts`)
 *   POST /playground/api/say      {as, chatId, text}          → the inbound queue
 *   POST /playground/api/file     ?as&chatId&name, the bytes  → a `file` message, the same way
 *   POST /playground/api/press    {as, messageId, value, formValue?, name?} → card callback
 *   POST /playground/api/clock    {to: office|hour|day|at, at?: 'YYYY-MM-DDTHH:mm'} (`travelRequest.ts`)
 *   POST /playground/api/rename   {openId, name}
 *   POST /playground/api/seed     demo week
 *
 * Actions answer `{ok: true, …}` or `{error: '<Chinese sentence>'}`; a failure we did not
 * foresee is logged and answered with a friendly line, never a trace.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { setCookie } from 'hono/cookie';
import { formatDue, localDate, localTime } from '../domain/time.ts';
import type { Logger } from '../logger.ts';
import type { RedisClient } from '../storage/redis.ts';
import { DASHBOARD_COOKIE } from '../web/dashboard/sessions.ts';
import { MAX_PLAYGROUND_FILE_BYTES, type PlaygroundChat } from './chat.ts';
import { seedDemoWeek } from './demoWeek.ts';
import type { PlaygroundFiles } from './files.ts';
import { liveEvents } from './liveEvents.ts';
import type { PlaygroundLog } from './log.ts';
import type { PlaygroundMembers } from './members.ts';
import { panesFrom, viewContext } from './present.tsx';
import { PlaygroundRefusal } from './refusal.ts';
import type { TimeTravel } from './timeTravel.ts';
import { travelTarget } from './travelRequest.ts';
import { PlaygroundPage } from './view/page.tsx';
import { PLAYGROUND_GROUP_NAME } from './world.ts';

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
// `composer.css` goes last: it ends with the `[hidden]` rule that must win over every display.
const CSS = ['page.css', 'messages.css', 'card.css', 'composer.css'].map(asset).join('\n');
const JS = asset('client.js');

const UNAVAILABLE_PAGE = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>落实 · 演示场</title></head><body style="font-family:sans-serif;max-width:32em;margin:3em auto;padding:0 1em;line-height:1.6"><h1 style="font-size:1.3em">演示场暂时打不开</h1><p>服务出了点问题（常见原因：Redis 没有运行或连不上）。请查看运行 <code>npm start</code> 的终端里的提示，稍后刷新本页。</p></body></html>`;

const HISTORY = 300;

export interface RoutesDeps {
  redis: RedisClient;
  log: PlaygroundLog;
  members: PlaygroundMembers;
  chat: PlaygroundChat;
  now: () => number;
  timezone: string;
  botOpenId: string;
  /** The name of the one Redis connection that reads the log for every live page (`CLIENT LIST`). */
  feedConnectionName?: string;
  /** Starts a 看板 session as one of the playground's people (the page's member picker). */
  dashboardSession?: (openId: string) => Promise<string>;
  /** Files the bot sent, offered for download (none without it). */
  files?: PlaygroundFiles;
  /** Unset: the clock cannot be moved (a real Lark deployment with the playground enabled). */
  travel?: TimeTravel;
  /** Told when the clock cannot be moved; by default, that a Lark app is connected. */
  noTravelReason?: string;
  logger: Logger;
}

export interface PlaygroundRoutes {
  app: Hono;
  /** Ends every live feed, so the HTTP server can close. */
  close(): void;
}

/** One action at a time for the slow ones: two clock jumps at once would interleave their stops. */
function oneAtATime(busyMessage: string) {
  let busy = false;
  return async <T,>(work: () => Promise<T>): Promise<T> => {
    if (busy) throw new PlaygroundRefusal(busyMessage);
    busy = true;
    try {
      return await work();
    } finally {
      busy = false;
    }
  };
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const record = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

export function playgroundRoutes(deps: RoutesDeps): PlaygroundRoutes {
  const { log, members, chat, logger, timezone } = deps;
  const app = new Hono();
  const travelling = oneAtATime('正在拨动时间，请稍候。');
  const seeding = oneAtATime('正在填充演示数据，请稍候。');
  const nowText = () => formatDue(deps.now(), timezone);
  /** The `datetime-local` value of the virtual now: where the page's date picker starts. */
  const nowLocal = () => {
    const now = deps.now();
    return `${localDate(now, timezone)}T${localTime(now, timezone)}`;
  };
  const events = liveEvents({
    redis: deps.redis,
    log,
    members,
    timezone,
    botOpenId: deps.botOpenId,
    connectionName: deps.feedConnectionName ?? 'luoshi-playground-feed',
    now: () => ({ text: nowText(), local: nowLocal() }),
    logger,
  });

  /** Runs an action; refusals become 400 with their sentence, anything else a logged 500. */
  const action =
    (run: (body: Record<string, unknown>) => Promise<Record<string, unknown>>) => async (c: Context) => {
      // JSON only: a plain cross-site form cannot send it, so other pages cannot act as a person here.
      if (!(c.req.header('content-type') ?? '').startsWith('application/json'))
        return c.json({ error: '请求格式不对。' }, 415);
      try {
        const body = record(await c.req.json().catch(() => undefined));
        if (!body) throw new PlaygroundRefusal('请求格式不对。');
        const result = await run(body);
        // The clock is read after the action: time travel moves it.
        return c.json({ ok: true, now: nowText(), nowLocal: nowLocal(), ...result });
      } catch (e) {
        if (e instanceof PlaygroundRefusal) return c.json({ error: e.message }, 400);
        logger.error('playground action failed', { path: c.req.path, err: e });
        return c.json({ error: '出了点问题，没有完成这一步。请稍后再试。' }, 500);
      }
    };

  app.get('/', async (c) => {
    const [people, entries] = await Promise.all([members.all(), log.recent(HISTORY)]);
    const ctx = viewContext(people, timezone, deps.botOpenId);
    const nonce = randomBytes(16).toString('base64');
    c.header(
      'Content-Security-Policy',
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    const page = (
      <PlaygroundPage
        members={people}
        panes={panesFrom(entries, people, ctx)}
        groupName={PLAYGROUND_GROUP_NAME}
        now={nowText()}
        nowLocal={nowLocal()}
        lastId={entries.at(-1)?.id ?? '0-0'}
        canTravel={deps.travel !== undefined}
        dashboard={deps.dashboardSession !== undefined}
        nonce={nonce}
        css={CSS}
        js={JS}
      />
    );
    // Without a doctype the browser lays the page out in quirks mode.
    return c.html(`<!DOCTYPE html>${await page}`);
  });

  // A file the bot sent (the 台账), as the browser saves it; the key is unguessable and the
  // playground's token guards this route like every other.
  app.get('/files/:key', async (c) => {
    const file = await deps.files?.get(c.req.param('key'));
    if (!file) return c.text('文件不存在或已过期（保留一周）。', 404);
    return c.body(new Uint8Array(file.bytes), 200, {
      'content-type': file.name.endsWith('.xlsx')
        ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        : 'application/octet-stream',
      'content-disposition': `attachment; filename="luoshi.xlsx"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    });
  });

  // The member picker: the 看板 as this person sees it. In Lark the way in is the link /看板
  // sends; here whoever runs the playground already acts as anyone.
  app.get('/dashboard', async (c) => {
    const person = (await members.all()).find((m) => m.openId === c.req.query('as'));
    if (!deps.dashboardSession || !person) return c.text('没有这个成员。', 404);
    setCookie(c, DASHBOARD_COOKIE, await deps.dashboardSession(person.openId), {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
    });
    return c.redirect('/dashboard', 303);
  });

  app.get('/events', (c) => events.handle(c));

  app.post(
    '/api/say',
    action(async (body) => {
      const sent = await chat.say({ as: str(body.as), chatId: str(body.chatId), text: str(body.text) });
      return { messageId: sent.messageId };
    }),
  );

  // A file into the chat (a plan .xlsx), as raw bytes: `application/octet-stream` is not a type a
  // cross-site form can send, so, like the JSON actions, only this page can post one.
  app.post(
    '/api/file',
    bodyLimit({
      maxSize: MAX_PLAYGROUND_FILE_BYTES,
      onError: (c) =>
        c.json({ error: `文件太大了（最多 ${MAX_PLAYGROUND_FILE_BYTES / 1024 / 1024} MB）。` }, 413),
    }),
    async (c) => {
      if (c.req.header('content-type') !== 'application/octet-stream')
        return c.json({ error: '请求格式不对。' }, 415);
      try {
        const bytes = Buffer.from(await c.req.arrayBuffer());
        const sent = await chat.sendFile({
          as: c.req.query('as') ?? '',
          chatId: c.req.query('chatId') ?? '',
          name: c.req.query('name') ?? '',
          bytes,
        });
        return c.json({ ok: true, now: nowText(), nowLocal: nowLocal(), messageId: sent.messageId });
      } catch (e) {
        if (e instanceof PlaygroundRefusal) return c.json({ error: e.message }, 400);
        logger.error('playground file failed', { err: e });
        return c.json({ error: '出了点问题，文件没有发出。请稍后再试。' }, 500);
      }
    },
  );

  app.post(
    '/api/press',
    action(async (body) => {
      const formValue = record(body.formValue);
      return chat.press({
        as: str(body.as),
        messageId: str(body.messageId),
        value: record(body.value) ?? {},
        ...(formValue
          ? { formValue: Object.fromEntries(Object.entries(formValue).map(([k, v]) => [k, str(v)])) }
          : {}),
        ...(str(body.name) ? { name: str(body.name) } : {}),
      });
    }),
  );

  app.post(
    '/api/clock',
    action(async (body) => {
      const travel = deps.travel;
      if (!travel) throw new PlaygroundRefusal(deps.noTravelReason ?? '连接飞书时不能拨动时间。');
      const target = travelTarget(body, timezone);
      const { stops } = await travelling(() => travel.travel(target));
      return { stops };
    }),
  );

  app.post(
    '/api/rename',
    action(async (body) => {
      const openId = str(body.openId);
      const name = await members.rename(openId, str(body.name));
      await log.append({ kind: 'member', openId, name, at: deps.now() });
      return { name };
    }),
  );

  app.post(
    '/api/seed',
    action(async () => {
      const people = await members.all();
      const names = new Map(people.map((m) => [m.openId, m.name]));
      return { ...(await seeding(() => seedDemoWeek(chat, log, (id) => names.get(id)))) };
    }),
  );

  // The page itself failing (Redis down, say): a sentence people can act on, never a trace.
  app.onError((err, c) => {
    logger.error('playground request failed', { path: c.req.path, err });
    if (c.req.method !== 'GET') return c.json({ error: '出了点问题，没有完成这一步。请稍后再试。' }, 500);
    return c.html(UNAVAILABLE_PAGE, 503);
  });

  return {
    app,
    close: () => events.close(),
  };
}
