/**
 * The official SDK client, configured once. `domain` may be any base URL (tests point it at
 * the fake platform in `test/support/`).
 */
import * as lark from '@larksuiteoapi/node-sdk';
import { LarkApiError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { SdkCache } from './tokenCache.ts';

export interface LarkClientOptions {
  appId: string;
  appSecret: string;
  domain: string;
  logger: Logger;
  /** Where the SDK keeps the tenant token; pass a `LarkTokenCache` to be able to drop it. */
  cache?: SdkCache;
}

export function createLarkClient(options: LarkClientOptions): lark.Client {
  const log = options.logger.child({ component: 'lark-sdk' });
  return new lark.Client({
    appId: options.appId,
    appSecret: options.appSecret,
    domain: options.domain,
    appType: lark.AppType.SelfBuild,
    ...(options.cache ? { cache: options.cache } : {}),
    loggerLevel: lark.LoggerLevel.warn,
    // The SDK logs axios errors whole (request config included); keep only what helps.
    logger: {
      error: (...msg: unknown[]) => log.warn('sdk error', { detail: summarise(msg) }),
      warn: (...msg: unknown[]) => log.warn('sdk warning', { detail: summarise(msg) }),
      info: () => {},
      debug: () => {},
      trace: () => {},
    },
  });
}

function summarise(parts: unknown[]): string {
  return parts
    .map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : ''))
    .filter(Boolean)
    .join(' ')
    .slice(0, 300);
}

interface AxiosLikeError {
  response?: { status?: number; data?: { code?: number; msg?: string }; headers?: Record<string, string> };
  code?: string;
  message?: string;
}

/**
 * Lark refused the tenant token (99991663 invalid or expired, 99991661 missing): nothing is
 * wrong with the request, the token must be fetched again. Retryable, once the cache is dropped.
 */
export const TOKEN_REJECTED_CODES: ReadonlySet<number> = new Set([99991661, 99991663]);

export function isTokenRejected(e: LarkApiError): boolean {
  return e.code !== undefined && TOKEN_REJECTED_CODES.has(e.code);
}

/** Turns whatever the SDK threw (an axios error, or a non-zero Lark code) into a `LarkApiError`. */
export function toLarkApiError(method: string, e: unknown): LarkApiError {
  if (e instanceof LarkApiError) return e;
  const err = e as AxiosLikeError;
  const status = err.response?.status;
  const code = err.response?.data?.code;
  const reset = Number(err.response?.headers?.['x-ogw-ratelimit-reset']);
  // 99991400: app-wide frequency limit; 230020: per-chat limit. Lark sometimes says these with 400.
  const throttled = status === 429 || code === 99991400 || code === 230020;
  const tokenRejected = code !== undefined && TOKEN_REJECTED_CODES.has(code);
  const retryable = throttled || tokenRejected || status === undefined || status >= 500;
  return new LarkApiError(
    method,
    status,
    code,
    retryable,
    throttled && Number.isFinite(reset) && reset > 0 ? reset : throttled ? 1 : undefined,
    err.response?.data?.msg ?? err.message,
  );
}

export async function fetchBotOpenId(client: lark.Client): Promise<string> {
  try {
    const res = (await client.request({ method: 'GET', url: '/open-apis/bot/v3/info' })) as {
      code?: number;
      msg?: string;
      bot?: { open_id?: string };
    };
    if (res.code !== 0 || !res.bot?.open_id) {
      throw new LarkApiError('bot.v3.info', 200, res.code, false, undefined, res.msg);
    }
    return res.bot.open_id;
  } catch (e) {
    throw toLarkApiError('bot.v3.info', e);
  }
}
