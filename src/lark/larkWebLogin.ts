/**
 * Feishu web login (OAuth 2.0), so a bookmarked 看板 works without asking the bot for a link:
 * the browser goes to the authorize page, comes back with a one-time `code`, which is traded
 * for a user access token, which says who the user is.
 *
 * - authorize: `https://accounts.feishu.cn/open-apis/authen/v1/authorize?client_id&redirect_uri&state`
 *   https://open.feishu.cn/document/common-capabilities/sso/api/obtain-oauth-code
 * - token: `POST /open-apis/authen/v2/oauth/token` with grant_type authorization_code
 *   https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/authentication-management/access-token/get-user-access-token
 * - who: `GET /open-apis/authen/v1/user_info` with the user token
 *   https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/reference/authen-v1/user_info/get
 *
 * The official SDK speaks only the older v1 token API, so these two calls are plain fetches.
 * The redirect address must be listed in the app's 安全设置 → 重定向 URL.
 */
import { z } from 'zod';

export interface WebLoginSettings {
  appId: string;
  appSecret: string;
  /** `LARK_DOMAIN`: https://open.feishu.cn, https://open.larksuite.com, or a test server. */
  domain: string;
}

export interface WebLoginUser {
  openId: string;
  tenant: string;
  name: string;
}

const TOKEN = z.object({ code: z.number().optional(), access_token: z.string().min(1) });
const USER = z.object({
  code: z.literal(0),
  data: z.object({ open_id: z.string().min(1), tenant_key: z.string().min(1), name: z.string().default('') }),
});
const TIMEOUT_MS = 10_000;

/** The authorize page lives on `accounts.` beside `open.` (Feishu and Lark alike); a test server serves both. */
export function authorizeBase(domain: string): string {
  const url = new URL(domain);
  if (url.hostname.startsWith('open.')) url.hostname = `accounts.${url.hostname.slice('open.'.length)}`;
  return url.origin;
}

export class LarkWebLogin {
  constructor(private readonly s: WebLoginSettings) {}

  authorizeUrl(redirectUri: string, state: string): string {
    const q = new URLSearchParams({
      client_id: this.s.appId,
      response_type: 'code',
      redirect_uri: redirectUri,
      state,
    });
    return `${authorizeBase(this.s.domain)}/open-apis/authen/v1/authorize?${q}`;
  }

  /** Who logged in, from the code the authorize page returned; undefined when Lark refuses it. */
  async userOf(code: string, redirectUri: string): Promise<WebLoginUser | undefined> {
    const tokenRes = await fetch(`${this.s.domain}/open-apis/authen/v2/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({
        grant_type: 'authorization_code',
        client_id: this.s.appId,
        client_secret: this.s.appSecret,
        code,
        redirect_uri: redirectUri,
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const token = TOKEN.safeParse(await tokenRes.json().catch(() => undefined));
    if (!tokenRes.ok || !token.success || (token.data.code ?? 0) !== 0) return undefined;
    const userRes = await fetch(`${this.s.domain}/open-apis/authen/v1/user_info`, {
      headers: { authorization: `Bearer ${token.data.access_token}` },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const user = USER.safeParse(await userRes.json().catch(() => undefined));
    if (!userRes.ok || !user.success) return undefined;
    return { openId: user.data.data.open_id, tenant: user.data.data.tenant_key, name: user.data.data.name };
  }
}
