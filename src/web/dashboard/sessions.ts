/**
 * Who is looking at the 看板 (and the queue board). The way in from chat: a person asks the bot
 * (`/看板`), which sends them — privately — a link holding a one-time login token; opening it
 * trades the token for a session cookie. Feishu web login and the playground's member picker
 * start a session directly (`start`). The page then shows exactly what that person may see.
 *
 * Guarantees:
 * - a login token works once (GETDEL) and for `LOGIN_TTL_S` only; a forwarded link that was
 *   already opened is worth nothing;
 * - Redis keeps digests of tokens and session ids, never the values themselves, so reading
 *   Redis does not let anyone in;
 * - a session lasts `SESSION_TTL_S` from its start and is not extended.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Keys } from '../../storage/keys.ts';
import type { RedisClient } from '../../storage/redis.ts';

export const LOGIN_TTL_S = 10 * 60;
/** The session cookie: the 看板 (`/dashboard`) and the queue board (`/admin/queues`) read it. */
export const DASHBOARD_COOKIE = 'luoshi_dashboard';
export const SESSION_TTL_S = 8 * 3600;

export interface Viewer {
  tenant: string;
  openId: string;
}

const digest = (secret: string) => createHash('sha256').update(secret).digest('base64url');
const secret = () => randomBytes(32).toString('base64url');
/** Tokens and session ids are 43 base64url characters; anything else is not looked up. */
const WELL_FORMED = /^[A-Za-z0-9_-]{43}$/;

function viewerOf(json: string | null): Viewer | undefined {
  if (!json) return undefined;
  const v = JSON.parse(json) as Partial<Viewer>;
  return typeof v.tenant === 'string' && typeof v.openId === 'string'
    ? { tenant: v.tenant, openId: v.openId }
    : undefined;
}

export class DashboardSessions {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  /** A one-time login token for this person. */
  async issueLogin(viewer: Viewer): Promise<string> {
    const token = secret();
    await this.redis.set(this.keys.dashboardLogin(digest(token)), JSON.stringify(viewer), 'EX', LOGIN_TTL_S);
    return token;
  }

  /** Trades a login token for a new session id; undefined when the token is unknown, used or expired. */
  async redeem(token: string): Promise<{ sessionId: string; viewer: Viewer } | undefined> {
    if (!WELL_FORMED.test(token)) return undefined;
    const viewer = viewerOf(await this.redis.getdel(this.keys.dashboardLogin(digest(token))));
    if (!viewer) return undefined;
    return { sessionId: await this.start(viewer), viewer };
  }

  /** Starts a session directly (the playground's member picker, Feishu web login). */
  async start(viewer: Viewer): Promise<string> {
    const sessionId = secret();
    await this.redis.set(
      this.keys.dashboardSession(digest(sessionId)),
      JSON.stringify(viewer),
      'EX',
      SESSION_TTL_S,
    );
    return sessionId;
  }

  async viewer(sessionId: string | undefined): Promise<Viewer | undefined> {
    if (!sessionId || !WELL_FORMED.test(sessionId)) return undefined;
    return viewerOf(await this.redis.get(this.keys.dashboardSession(digest(sessionId))));
  }

  async end(sessionId: string): Promise<void> {
    if (WELL_FORMED.test(sessionId)) await this.redis.del(this.keys.dashboardSession(digest(sessionId)));
  }
}
