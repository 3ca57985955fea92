/**
 * The environment a luoshi process needs to use the fake platform as its Lark app — for child
 * processes (the roles test, the benchmarks), which cannot be handed the object: the app's id and
 * secret, the webhook's keys and the fake's address as `LARK_DOMAIN`.
 *
 * `raisedQuota`: an app whose send quota Lark raised (1000 a second, 100,000 a minute), so that
 * what a run measures or proves is luoshi, not Lark's default 50 a second and 1000 a minute.
 */
import type { FakeLark } from './fakeLark.ts';
import { FAKE_ENCRYPT_KEY, FAKE_VERIFICATION_TOKEN } from './larkEvents.ts';

export function larkAppEnv(
  fake: Pick<FakeLark, 'appId' | 'appSecret' | 'url'>,
  options: { raisedQuota?: boolean } = {},
): Record<string, string> {
  return {
    LARK_APP_ID: fake.appId,
    LARK_APP_SECRET: fake.appSecret,
    LARK_ENCRYPT_KEY: FAKE_ENCRYPT_KEY,
    LARK_VERIFICATION_TOKEN: FAKE_VERIFICATION_TOKEN,
    LARK_DOMAIN: fake.url,
    ...(options.raisedQuota ? { LARK_SEND_PER_SECOND: '1000', LARK_SEND_PER_MINUTE: '100000' } : {}),
  };
}
