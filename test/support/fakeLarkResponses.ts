/**
 * The request and response shapes the fake's API handlers share, and Lark's error envelope.
 */
import { randomBytes } from 'node:crypto';
import { LarkCode } from './fakeLarkTypes.ts';

export interface RouteRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

export interface RouteResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Lark's three send windows (LARK.md, Sending): per chat or user, and app-wide per second and per minute. */
export interface FakeRateLimits {
  perTargetPerSecond: number;
  appPerSecond: number;
  appPerMinute: number;
  /** The "minute" window's length; tests shorten it so they need not run for minutes. */
  minuteMs: number;
}

export interface FakeLarkConfig {
  appId: string;
  appSecret: string;
  botOpenId: string;
  botName: string;
  tenantKey: string;
  tokenTtlSeconds: number;
  rateLimits: FakeRateLimits | undefined;
  now: () => number;
}

export type Handler = (request: RouteRequest, params: string[]) => RouteResponse;

/** Lark error bodies carry a `log_id` for support tickets; clients log it, so the fake sends one. */
export function larkError(status: number, code: number, msg: string): RouteResponse {
  return { status, body: { code, msg, error: { log_id: randomBytes(12).toString('hex').toUpperCase() } } };
}

export const invalidParam = (ext: string) =>
  larkError(
    400,
    LarkCode.invalidImParameter,
    `Your request contains an invalid request parameter, ext=${ext}.`,
  );
export const fieldInvalid = (detail: string) =>
  larkError(400, LarkCode.fieldValidationFailed, `field validation failed: ${detail}`);
export const ok = (body: Record<string, unknown>): RouteResponse => ({
  status: 200,
  body: { code: 0, ...body },
});

export function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
