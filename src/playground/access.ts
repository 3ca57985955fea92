/**
 * The playground's token (`LUOSHI_PLAYGROUND_TOKEN`). Whoever reaches the page acts as any of
 * its people, so beside a real Lark app it is asked for on every request — the page, its live
 * feed and every action — even though the playground listens on loopback only: other users of
 * the machine, and web pages that point a name of theirs at 127.0.0.1, reach loopback too.
 *
 * A person opens `/playground?token=…` once; the answer sets a cookie (HttpOnly, SameSite=Strict,
 * for `/playground` only) and sends them on to the bare URL, so the token does not stay in the
 * address bar or the history. Scripts (`npm run seed`) send `Authorization: Bearer …` (see `web/bearer.ts`). The cookie
 * holds a digest of the token, not the token.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { safeEqual } from '../lark/crypto.ts';
import { bearerToken } from '../web/bearer.ts';

const COOKIE = 'luoshi_playground';

const NEEDS_TOKEN_PAGE = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>落实 · 演示场</title></head><body style="font-family:sans-serif;max-width:32em;margin:3em auto;padding:0 1em;line-height:1.6"><h1 style="font-size:1.3em">演示场需要令牌</h1><p>请在地址后加上 <code>?token=</code> 和运行 luoshi 时设置的 <code>LUOSHI_PLAYGROUND_TOKEN</code>，例如 <code>/playground?token=…</code>。</p></body></html>`;

function sessionOf(token: string): string {
  return createHash('sha256').update(`luoshi-playground-session:${token}`).digest('base64url');
}

/** Refuses every request under the playground that does not carry the token (or its cookie). */
export function requireToken(token: string): MiddlewareHandler {
  const session = sessionOf(token);
  return async (c, next) => {
    const cookie = getCookie(c, COOKIE);
    const bearer = bearerToken(c.req.header('authorization'));
    if (
      (cookie !== undefined && safeEqual(cookie, session)) ||
      (bearer !== undefined && safeEqual(bearer, token))
    )
      return next();
    // A query decodes `+` as a space; a token has no spaces, so a base64 one pasted as it is still works.
    const given = c.req.query('token')?.replaceAll(' ', '+');
    if (c.req.method === 'GET' && given !== undefined && safeEqual(given, token)) {
      setCookie(c, COOKIE, session, { path: '/playground', httpOnly: true, sameSite: 'Strict' });
      const url = new URL(c.req.url);
      url.searchParams.delete('token');
      return c.redirect(`${url.pathname}${url.search}`, 303);
    }
    if (c.req.method === 'GET' && !c.req.path.includes('/api/') && !c.req.path.endsWith('/events'))
      return c.html(NEEDS_TOKEN_PAGE, 401);
    return c.json({ error: '演示场需要令牌：请用 /playground?token=… 重新打开页面。' }, 401);
  };
}
