/**
 * The 看板 (`/dashboard`): the supervision figures, charts and the filterable ledger of one
 * person's scope, each item with its whole history, and the same 台账 download as `/台账`.
 *
 *   GET  /dashboard/login?token=…   one-time link from `/看板` → session cookie → /dashboard
 *   GET  /dashboard/auth/feishu     with a Feishu app: Feishu web login (OAuth), back at …/callback
 *   GET  /dashboard                 figures, charts, the ledger (query: period, unit, owner,
 *                                   kind, state, q, sort, dir, page)
 *   GET  /dashboard/items/:no       one item and its history
 *   GET  /dashboard/ledger.xlsx     the ledger of the same query as Excel
 *   GET  /dashboard/plans           a plan spreadsheet awaited by `/计划 导入`, uploaded (`planUpload.tsx`)
 *   POST /dashboard/logout          ends the session
 *
 * No session, no page: 401 with how to get a link. The cookie is HttpOnly, SameSite=Lax (the
 * link is opened from the Feishu client, a top-level navigation) and lives 8 hours; every
 * answer is `no-store` and sends no Referer, so neither a page nor the login token leaks.
 */
import { randomBytes } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Child } from 'hono/jsx';
import { lookUp, namedItems } from '../../bot/people/naming.ts';
import { mayRead } from '../../domain/access.ts';
import { lightOf, shownAt } from '../../domain/light.ts';
import { statistics } from '../../domain/statistics.ts';
import { ledgerFile } from '../../export/ledgerFile.ts';
import { safeEqual } from '../../lark/crypto.ts';
import type { LarkWebLogin } from '../../lark/larkWebLogin.ts';
import type { Logger } from '../../logger.ts';
import { BOT_ACTOR } from '../../storage/audit.ts';
import { type DashboardDeps, filtersLabel, ledgerRows, overview, readQuery } from './data.ts';
import { ItemPage } from './itemPage.tsx';
import { type PlanUploadDeps, planUploadRoutes } from './planUpload.tsx';
import { DASHBOARD_COOKIE, type DashboardSessions, SESSION_TTL_S, type Viewer } from './sessions.ts';
import { Layout, OverviewPage } from './view.tsx';

const NO_LINK = '请在飞书里向“落实”发送 /看板，用它私信给你的链接打开看板（链接十分钟内有效，只能用一次）。';

export interface DashboardOptions {
  deps: DashboardDeps & PlanUploadDeps & { organisation: string };
  sessions: DashboardSessions;
  logger: Logger;
  /** With a Feishu app: web login, coming back at `redirectUri` (`…/dashboard/auth/feishu/callback`). */
  webLogin?: { login: LarkWebLogin; redirectUri: string };
}

const STATE_COOKIE = 'luoshi_login_state';

type Env = { Variables: { viewer: Viewer; nonce: string } };

export function dashboardRoutes(o: DashboardOptions): Hono<Env> {
  const { deps, sessions } = o;
  const app = new Hono<Env>();
  const tz = deps.time.timezone;

  app.use('*', async (c, next) => {
    const nonce = randomBytes(16).toString('base64');
    c.set('nonce', nonce);
    await next();
    c.header(
      'content-security-policy',
      `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
    );
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    c.header('x-content-type-options', 'nosniff');
  });

  const notice = (c: Context<Env>, status: 401 | 404, title: string, text: string, offerLogin = false) =>
    c.html(
      `<!DOCTYPE html>${(
        (
          <html lang="zh-CN">
            <head>
              <meta charset="utf-8" />
              <meta name="viewport" content="width=device-width, initial-scale=1" />
              <title>{title} · 落实看板</title>
            </head>
            <body style="font-family:sans-serif;max-width:32em;margin:3em auto;padding:0 1em;line-height:1.6">
              <h1 style="font-size:1.3em">{title}</h1>
              <p>{text}</p>
              {status === 404 ? (
                <p>
                  <a href="/dashboard">← 返回看板</a>
                </p>
              ) : null}
              {offerLogin && o.webLogin ? (
                <p>
                  已经登录过飞书？<a href="/dashboard/auth/feishu">用飞书账号登录</a>
                </p>
              ) : null}
            </body>
          </html>
        )
      ).toString()}`,
      status,
    );

  app.get('/login', async (c) => {
    const started = await sessions.redeem(c.req.query('token') ?? '');
    if (!started) return notice(c, 401, '链接已失效', `这个链接已经用过或已过期。${NO_LINK}`, true);
    return startSession(c, started.sessionId);
  });

  const startSession = (c: Context<Env>, sessionId: string) => {
    setCookie(c, DASHBOARD_COOKIE, sessionId, {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: SESSION_TTL_S,
    });
    return c.redirect('/dashboard', 303);
  };

  // Feishu web login: the state travels in a short cookie and must come back unchanged, so a
  // login started elsewhere cannot be finished here (CSRF on the callback).
  app.get('/auth/feishu', (c) => {
    if (!o.webLogin) return notice(c, 404, '没有飞书登录', NO_LINK);
    const state = randomBytes(24).toString('base64url');
    setCookie(c, STATE_COOKIE, state, {
      path: '/dashboard/auth',
      httpOnly: true,
      sameSite: 'Lax',
      maxAge: 600,
    });
    return c.redirect(o.webLogin.login.authorizeUrl(o.webLogin.redirectUri, state), 302);
  });

  app.get('/auth/feishu/callback', async (c) => {
    if (!o.webLogin) return notice(c, 404, '没有飞书登录', NO_LINK);
    const expected = getCookie(c, STATE_COOKIE);
    const state = c.req.query('state') ?? '';
    const code = c.req.query('code') ?? '';
    deleteCookie(c, STATE_COOKIE, { path: '/dashboard/auth' });
    if (!expected || !code || !safeEqual(state, expected))
      return notice(c, 401, '登录没有完成', `请从看板的登录页重新开始。${NO_LINK}`, true);
    const user = await o.webLogin.login.userOf(code, o.webLogin.redirectUri);
    if (!user) return notice(c, 401, '飞书没有确认你的身份', `请重新登录。${NO_LINK}`, true);
    await deps.people.saw(user.tenant, [{ openId: user.openId, name: user.name }]);
    return startSession(c, await sessions.start({ tenant: user.tenant, openId: user.openId }));
  });

  app.post('/logout', async (c) => {
    const id = getCookie(c, DASHBOARD_COOKIE);
    if (id) await sessions.end(id);
    deleteCookie(c, DASHBOARD_COOKIE, { path: '/' });
    return notice(c, 401, '已退出', NO_LINK, true);
  });

  app.use('*', async (c, next) => {
    const viewer = await sessions.viewer(getCookie(c, DASHBOARD_COOKIE));
    if (!viewer) return notice(c, 401, '请先登录', NO_LINK, true);
    c.set('viewer', viewer);
    await next();
  });

  const page = async (c: Context<Env>, title: string, body: Child, status: 200 | 400 | 413 = 200) => {
    const viewer = c.get('viewer');
    const who = (await lookUp(deps.people, viewer.tenant, [viewer.openId])).of(viewer.openId) ?? '';
    const html = (
      <Layout title={title} who={who} nonce={c.get('nonce')}>
        {body}
      </Layout>
    );
    return c.html(`<!DOCTYPE html>${await html.toString()}`, status);
  };

  planUploadRoutes(app, { deps, page });

  app.get('/', async (c) => {
    const viewer = c.get('viewer');
    const query = readQuery(c.req.query(), deps.clock.now(), tz);
    const data = await overview(deps, viewer, query);
    const calendar = await deps.calendars.calendarFor(viewer.tenant);
    const now = deps.clock.now();
    const rows = data.items.map((item) => ({ item, light: lightOf(item, now, calendar) }));
    return page(c, '督办看板', <OverviewPage o={data} rows={rows} timezone={tz} />);
  });

  app.get('/items/:no', async (c) => {
    const viewer = c.get('viewer');
    const no = Number(c.req.param('no'));
    const item = Number.isSafeInteger(no) && no > 0 ? await deps.items.get(viewer.tenant, no) : undefined;
    const person = { openId: viewer.openId, name: '' };
    if (!item || !mayRead(item, await deps.authority.actorOn(item, person, ''))) {
      return notice(
        c,
        404,
        `没有找到 #${c.req.param('no').slice(0, 12)}`,
        '这个编号不存在，或者不在你能查看的范围里。',
      );
    }
    const [named] = await namedItems(deps.people, viewer.tenant, [item]);
    const history = await deps.items.history(viewer.tenant, no);
    const actors = await lookUp(
      deps.people,
      viewer.tenant,
      history.map((e) => e.actor),
    );
    const onRecord = (id: string) =>
      [...named!.owners, named!.lead, named!.creator].find((p) => p?.openId === id && p.name)?.name;
    const actorName = (id: string) =>
      id === BOT_ACTOR ? '落实' : (actors.of(id) ?? onRecord(id) ?? '未具名成员');
    const now = deps.clock.now();
    const light = lightOf(named!, now, await deps.calendars.calendarFor(viewer.tenant));
    const state = shownAt(named!, light, now, true).text;
    return page(
      c,
      `#${no}`,
      <ItemPage item={named!} history={history} actorName={actorName} timezone={tz} state={state} />,
    );
  });

  app.get('/ledger.xlsx', async (c) => {
    const viewer = c.get('viewer');
    const now = deps.clock.now();
    const query = readQuery(c.req.query(), now, tz);
    const { scope, inPeriod, rows: unordered, order } = await ledgerRows(deps, viewer, query);
    // The same figures as the page above the table (the period, unit, kind and owner; the
    // state and search filters choose rows, not what is counted).
    const stats = statistics(
      inPeriod.filter((r) => !query.owner || r.owners.includes(query.owner)),
      query.period,
      now,
    );
    const ownerName = query.owner ? await lookUp(deps.people, viewer.tenant, [query.owner]) : undefined;
    const { name, bytes } = await ledgerFile(deps, {
      asker: { ...viewer, chatId: '', chatType: 'p2p' },
      heading: [scope.label, filtersLabel(query, ownerName?.known ?? new Map())].filter(Boolean).join(' · '),
      fileScope: scope.label,
      stats,
      nos: unordered.sort(order).map((r) => r.no),
      // The 登记簿 sheet narrowed as /台账's is: a unit's entries only, none under a 类型 or an
      // owner (registers have neither).
      narrowedTo: { unit: query.unit, kind: query.kind, owner: query.owner },
    });
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="luoshi.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  });

  app.onError((err, c) => {
    o.logger.error('dashboard request failed', { path: c.req.path, err });
    return c.text('出了点问题，请稍后再试。', 500);
  });
  return app;
}
