/**
 * The two cases the edge cannot queue, forwarded to the core while Lark waits:
 * - card callbacks (`card.action.trigger`): Lark shows what the response says (a toast, the
 *   redrawn card) and never retries, so the answer must come from the core now. When the core
 *   does not answer in time, the person gets a polite toast instead of Lark's generic error;
 * - events too big for a queue message (Cloudflare Queues take 128 KB; Lark text messages go up
 *   to 150 KB): when the core cannot take one now, a 503 makes Lark deliver it again later
 *   (after about 15 s, 5 min, 1 h, 6 h).
 * https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-callback-communication
 */
import { postToCore } from './core.ts';
import { cardTimeoutMs, type EdgeEnv } from './env.ts';

export const CORE_UNREACHABLE_TOAST = {
  toast: { type: 'warning', content: '落实服务暂时连接不上，本次操作没有生效，请稍后再试。' },
} as const;

const isOk = (status: number | 'unreachable') => typeof status === 'number' && status >= 200 && status < 300;

export async function answerCardAction(
  env: EdgeEnv,
  envelopeJson: string,
  eventId: string,
): Promise<Response> {
  const outcome = await postToCore(env, envelopeJson, cardTimeoutMs(env));
  if (outcome.status !== 'unreachable' && isOk(outcome.status)) {
    return new Response(outcome.body, { headers: { 'content-type': 'application/json; charset=utf-8' } });
  }
  console.warn('card callback: core did not answer', {
    eventId,
    outcome: outcome.status === 'unreachable' ? outcome.reason : outcome.status,
  });
  return Response.json(CORE_UNREACHABLE_TOAST);
}

export async function forwardOversized(
  env: EdgeEnv,
  envelopeJson: string,
  eventId: string,
): Promise<Response> {
  const outcome = await postToCore(env, envelopeJson, cardTimeoutMs(env));
  if (outcome.status !== 'unreachable' && isOk(outcome.status)) return Response.json({});
  if (outcome.status === 400 || outcome.status === 413) {
    // Malformed for the core: Lark sending it again would not help.
    console.error('oversized event refused by the core', { eventId, status: outcome.status });
    return Response.json({});
  }
  console.warn('oversized event: core unavailable, Lark will deliver it again', { eventId });
  return Response.json({ error: 'temporarily unavailable' }, { status: 503 });
}
