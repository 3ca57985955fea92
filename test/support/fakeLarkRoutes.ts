/**
 * The fake Lark Open Platform's routing: which API answers which path, the tenant token it
 * requires, and the non-message APIs (tokens, bot info, contact, chat members). Message APIs are
 * in `fakeLarkMessages.ts`.
 */
import { randomBytes } from 'node:crypto';
import { CREATE_PATH, createMessageApis, REPLY_PATH } from './fakeLarkMessages.ts';
import {
  type FakeLarkConfig,
  type Handler,
  invalidParam,
  larkError,
  ok,
  type RouteRequest,
  type RouteResponse,
  record,
} from './fakeLarkResponses.ts';
import type { FakeLarkStore } from './fakeLarkStore.ts';
import { type FakeUser, LarkCode } from './fakeLarkTypes.ts';

export function isAuthPath(path: string): boolean {
  return path.startsWith('/open-apis/auth/v3/');
}

export function createRoutes(store: FakeLarkStore, config: FakeLarkConfig) {
  const { now } = config;

  // https://open.feishu.cn/document/server-docs/authentication-management/access-token/tenant_access_token_internal
  // A call while the current token has more than 30 minutes left returns that same token.
  function issueToken(request: RouteRequest): RouteResponse | { token: string; expire: number } {
    const { app_id, app_secret } = record(request.body);
    if (app_id !== config.appId) return larkError(400, LarkCode.invalidAppId, 'invalid param: app_id');
    if (app_secret !== config.appSecret) {
      return larkError(400, LarkCode.invalidAppSecret, 'app secret invalid');
    }
    const latest = store.issuedTokens.at(-1);
    const latestExpiry = latest ? (store.tokenExpiry.get(latest) ?? 0) : 0;
    if (latest && latestExpiry - now() > 30 * 60 * 1000) {
      return { token: latest, expire: Math.floor((latestExpiry - now()) / 1000) };
    }
    const token = `t-${randomBytes(20).toString('hex')}`;
    store.issuedTokens.push(token);
    store.tokenExpiry.set(token, now() + config.tokenTtlSeconds * 1000);
    return { token, expire: config.tokenTtlSeconds };
  }

  const tenantToken: Handler = (request) => {
    const issued = issueToken(request);
    if ('status' in issued) return issued;
    return ok({ msg: 'ok', tenant_access_token: issued.token, expire: issued.expire });
  };

  // Self-built apps get both tokens from this endpoint; the SDK only uses it for store apps.
  const appToken: Handler = (request) => {
    const issued = issueToken(request);
    if ('status' in issued) return issued;
    return ok({
      msg: 'ok',
      app_access_token: issued.token,
      tenant_access_token: issued.token,
      expire: issued.expire,
    });
  };

  // https://open.feishu.cn/document/ukTMukTMukTM/uAjMxEjLwITMx4CMyETM — `bot` sits beside `code`, not in `data`.
  const botInfo: Handler = () =>
    ok({
      msg: 'ok',
      bot: {
        activate_status: 2,
        app_name: config.botName,
        avatar_url: 'https://example.invalid/fake-bot-avatar.png',
        ip_white_list: [],
        open_id: config.botOpenId,
      },
    });

  const { createMessage, replyMessage, patchMessage, urgentApp } = createMessageApis(store, config);

  function idOf(user: FakeUser, idType: string): string | undefined {
    if (idType === 'union_id') return user.unionId;
    if (idType === 'user_id') return user.userId;
    return user.openId;
  }

  // https://open.feishu.cn/document/server-docs/contact-v3/user/get
  const getUser: Handler = (request, [id = '']) => {
    const idType = request.query.user_id_type ?? 'open_id';
    const user = [...store.users.values()].find((u) => idOf(u, idType) === id);
    if (!user) return larkError(400, LarkCode.userNotVisible, 'no user authority error');
    const leader = user.leaderOpenId ? store.users.get(user.leaderOpenId) : undefined;
    return ok({
      msg: 'success',
      data: {
        user: {
          open_id: user.openId,
          union_id: user.unionId,
          user_id: user.userId,
          name: user.name,
          en_name: user.enName ?? '',
          department_ids: user.departmentIds ?? [],
          leader_user_id: leader ? idOf(leader, idType) : user.leaderOpenId,
          status: {
            is_activated: true,
            is_frozen: false,
            is_resigned: false,
            is_exited: false,
            is_unjoin: false,
          },
        },
      },
    });
  };

  // https://open.feishu.cn/document/server-docs/group/chat-member/get — bots are not listed.
  const chatMembers: Handler = (request, [chatId = '']) => {
    const members = store.chatMembers.get(chatId);
    if (!members) return larkError(400, LarkCode.botNotInChat, 'Operator can NOT be out of the chat.');
    const idType = request.query.member_id_type ?? 'open_id';
    const pageSize = Math.min(Math.max(Number(request.query.page_size) || 20, 1), 100);
    const offset = Number(request.query.page_token) || 0;
    const page = members.slice(offset, offset + pageSize);
    const hasMore = offset + pageSize < members.length;
    const items = page.map((openId) => {
      const user = store.users.get(openId);
      return {
        member_id_type: idType,
        member_id: user ? idOf(user, idType) : openId,
        name: user?.name ?? '',
        tenant_key: config.tenantKey,
      };
    });
    return ok({
      msg: 'success',
      data: {
        items,
        page_token: hasMore ? String(offset + pageSize) : '',
        has_more: hasMore,
        member_total: members.length,
      },
    });
  };

  // https://open.feishu.cn/document/server-docs/im-v1/file/create: multipart with file_type,
  // file_name and file; at most 30 MB and never empty; answers with the file's key.
  const FILE_TYPES = ['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream'];
  const uploadFile: Handler = (request) => {
    const form = record(request.body);
    const file = form.file as { name?: string; bytes?: Buffer } | undefined;
    if (typeof form.file_type !== 'string' || !FILE_TYPES.includes(form.file_type))
      return invalidParam(`invalid file_type ${JSON.stringify(form.file_type)}`);
    if (typeof form.file_name !== 'string' || form.file_name === '')
      return invalidParam('file_name is required');
    if (!file?.bytes || file.bytes.length === 0) return invalidParam('file is empty');
    if (file.bytes.length > 30 * 1024 * 1024) return invalidParam('file over 30 MB');
    const key = `file_v3_${randomBytes(12).toString('hex')}`;
    store.files.set(key, { name: form.file_name, type: form.file_type, bytes: file.bytes });
    return ok({ msg: 'success', data: { file_key: key } });
  };

  // https://open.feishu.cn/document/server-docs/im-v1/message/get-2: a file in a message people
  // sent, as bytes; `type` must say what kind of resource it is.
  const messageResource: Handler = (request, [messageId = '', fileKey = '']) => {
    if (request.query.type !== 'file' && request.query.type !== 'image')
      return invalidParam('type must be file or image');
    const bytes = store.sentFiles.get(`${messageId}/${fileKey}`);
    if (!bytes) return larkError(400, LarkCode.fileNotInMessage, 'File not in msg.');
    return { status: 200, body: bytes, headers: { 'content-type': 'application/octet-stream' } };
  };

  // Web login (OAuth): the authorize page sends the signed-in user back with a one-time code,
  // the code buys a user token (v2 token API), the token says who the user is.
  // https://open.feishu.cn/document/common-capabilities/sso/api/obtain-oauth-code
  const authorize: Handler = (request) => {
    const { client_id, redirect_uri, state } = request.query;
    if (client_id !== config.appId) return invalidParam('invalid client_id');
    if (!redirect_uri) return invalidParam('redirect_uri is required');
    if (!store.signedIn) return { status: 401, body: { msg: 'fake Lark: nobody is signed in' } };
    const code = randomBytes(12).toString('hex');
    store.loginCodes.set(code, { openId: store.signedIn, redirectUri: redirect_uri });
    const back = new URL(redirect_uri);
    back.searchParams.set('code', code);
    if (state) back.searchParams.set('state', state);
    return { status: 302, body: '', headers: { location: back.toString() } };
  };
  const oauthToken: Handler = (request) => {
    const b = record(request.body);
    const issued = typeof b.code === 'string' ? store.loginCodes.get(b.code) : undefined;
    if (b.client_id !== config.appId || b.client_secret !== config.appSecret)
      return { status: 401, body: { code: 20002, error: 'invalid_client' } };
    if (b.grant_type !== 'authorization_code' || !issued || issued.redirectUri !== b.redirect_uri)
      return { status: 400, body: { code: 20003, error: 'invalid_grant' } };
    store.loginCodes.delete(String(b.code));
    const token = `u-${randomBytes(16).toString('hex')}`;
    store.userTokens.set(token, issued.openId);
    return ok({ access_token: token, expires_in: 7200, token_type: 'Bearer' });
  };
  const userInfo: Handler = (request) => {
    const openId = store.userTokens.get((request.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!openId) return larkError(401, LarkCode.invalidAccessToken, 'Invalid access token');
    const user = store.users.get(openId);
    return ok({ data: { open_id: openId, name: user?.name ?? '', tenant_key: config.tenantKey } });
  };

  const routes: Array<{ method: string; pattern: RegExp; handler: Handler; auth: boolean }> = [
    { method: 'GET', pattern: /^\/open-apis\/authen\/v1\/authorize$/, handler: authorize, auth: false },
    { method: 'POST', pattern: /^\/open-apis\/authen\/v2\/oauth\/token$/, handler: oauthToken, auth: false },
    { method: 'GET', pattern: /^\/open-apis\/authen\/v1\/user_info$/, handler: userInfo, auth: false },
    { method: 'POST', pattern: /^\/open-apis\/im\/v1\/files$/, handler: uploadFile, auth: true },
    {
      method: 'GET',
      pattern: /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/,
      handler: messageResource,
      auth: true,
    },
    {
      method: 'POST',
      pattern: /^\/open-apis\/auth\/v3\/tenant_access_token\/internal$/,
      handler: tenantToken,
      auth: false,
    },
    {
      method: 'POST',
      pattern: /^\/open-apis\/auth\/v3\/app_access_token\/internal$/,
      handler: appToken,
      auth: false,
    },
    { method: 'GET', pattern: /^\/open-apis\/bot\/v3\/info$/, handler: botInfo, auth: true },
    { method: 'POST', pattern: CREATE_PATH, handler: createMessage, auth: true },
    { method: 'POST', pattern: REPLY_PATH, handler: replyMessage, auth: true },
    {
      method: 'PATCH',
      pattern: /^\/open-apis\/im\/v1\/messages\/([^/]+)$/,
      handler: patchMessage,
      auth: true,
    },
    {
      method: 'PATCH',
      pattern: /^\/open-apis\/im\/v1\/messages\/([^/]+)\/urgent_app$/,
      handler: urgentApp,
      auth: true,
    },
    { method: 'GET', pattern: /^\/open-apis\/contact\/v3\/users\/([^/]+)$/, handler: getUser, auth: true },
    {
      method: 'GET',
      pattern: /^\/open-apis\/im\/v1\/chats\/([^/]+)\/members$/,
      handler: chatMembers,
      auth: true,
    },
  ];

  /** Every API call needs a tenant token this platform issued and that has not expired. */
  function authorise(headers: Record<string, string>): RouteResponse | undefined {
    const header = headers.authorization;
    if (!header) {
      return larkError(
        401,
        LarkCode.missingAccessToken,
        'Missing access token for authorization. Please make a request with token attached.',
      );
    }
    const token = /^Bearer (\S+)$/.exec(header)?.[1];
    const expiry = token ? store.tokenExpiry.get(token) : undefined;
    if (expiry === undefined || expiry <= now()) {
      return larkError(
        401,
        LarkCode.invalidAccessToken,
        'Invalid access token for authorization. Please make a request with token attached.',
      );
    }
    return undefined;
  }

  return function route(request: RouteRequest): RouteResponse {
    for (const { method, pattern, handler, auth } of routes) {
      const match = pattern.exec(request.path);
      if (!match || method !== request.method) continue;
      const refused = auth ? authorise(request.headers) : undefined;
      return refused ?? handler(request, match.slice(1).map(decodeURIComponent));
    }
    return larkError(404, 404, `fake Lark does not serve ${request.method} ${request.path}`);
  };
}
