/**
 * Lark's long connection (长连接): for offices whose servers cannot receive public webhooks.
 * The SDK's `WSClient` asks `<domain>/callback/ws/endpoint` for a WebSocket URL, connects, and
 * hands each event frame to a dispatcher's `invoke`; what `invoke` returns goes back to Lark as
 * the frame's answer — for `card.action.trigger`, the toast and card the client shows.
 * https://open.feishu.cn/document/server-docs/event-subscription-guide/event-subscription-configure-/request-url-configuration-case
 *
 * Events enter exactly the webhook's path: checked against the envelope schema, deduplicated
 * and queued by the `InboundGate`; card callbacks go to the same inline handler. The SDK's own
 * `EventDispatcher` is not used: it flattens the envelope, and the gate wants it as Lark sent it.
 *
 * The SDK leaves the ping watchdog off by default; a dead link (NAT timeout, a proxy dropping
 * it silently) would then go unnoticed until the next reconnect interval. We set one.
 */
import * as lark from '@larksuiteoapi/node-sdk';
import { aesKeyFrom, decryptLarkPayload } from '../lark/crypto.ts';
import type { Logger } from '../logger.ts';
import { envelopeSchema, type LarkEnvelope } from './envelope.ts';

/** Seconds without any frame after a ping before the link is called dead and redialled. */
export const PING_TIMEOUT_SECONDS = 30;

export interface LongConnectionOptions {
  appId: string;
  appSecret: string;
  domain: string;
  /** Set when the app encrypts events; payloads then arrive as `{"encrypt": …}`. */
  encryptKey?: string | undefined;
  gate: { accept(envelope: LarkEnvelope): Promise<void> };
  onCardAction: (envelope: LarkEnvelope) => Promise<unknown>;
  logger: Logger;
  pingTimeoutSeconds?: number;
}

export type LongConnectionState = lark.WSConnectionState;

export interface LongConnection {
  /** `connected`, `connecting`, `reconnecting`, `idle` or `failed` (as the SDK reports it). */
  state(): LongConnectionState;
  /** Resolves when the first connection is up (or rejects when the SDK gives up). */
  ready: Promise<void>;
  close(): void;
}

type Json = Record<string, unknown>;

/** The SDK's logger interface, fed into ours (its messages are arrays of parts). */
function sdkLogger(logger: Logger) {
  const text = (parts: unknown[]) =>
    parts
      .map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p)))
      .join(' ');
  return {
    error: (...m: unknown[]) => logger.error('lark ws', { detail: text(m) }),
    warn: (...m: unknown[]) => logger.warn('lark ws', { detail: text(m) }),
    info: (...m: unknown[]) => logger.debug('lark ws', { detail: text(m) }),
    debug: () => {},
    trace: () => {},
  };
}

export function startLongConnection(options: LongConnectionOptions): LongConnection {
  const { gate, logger } = options;
  const aesKey = options.encryptKey ? aesKeyFrom(options.encryptKey) : undefined;

  /** One event frame's payload → the same door as the webhook's. */
  async function invoke(data: unknown): Promise<unknown> {
    let payload = data as Json;
    if (typeof payload?.encrypt === 'string') {
      if (!aesKey) throw new Error('encrypted event but no LARK_ENCRYPT_KEY');
      payload = JSON.parse(decryptLarkPayload(payload.encrypt, aesKey)) as Json;
    }
    const parsed = envelopeSchema.safeParse(payload);
    if (!parsed.success) {
      logger.warn('long connection: not a v2 event envelope; dropped');
      return undefined;
    }
    const envelope = parsed.data as LarkEnvelope;
    if (envelope.header.event_type === 'card.action.trigger') return options.onCardAction(envelope);
    // A failed enqueue throws: the SDK answers the frame with 500 and Lark delivers it again.
    await gate.accept(envelope);
    return undefined;
  }

  let settle: { ok: () => void; fail: (e: Error) => void } | undefined;
  const ready = new Promise<void>((ok, fail) => {
    settle = { ok, fail };
  });
  // Nobody may be waiting for `ready` (the server starts anyway); an unobserved failure is logged.
  ready.catch(() => {});

  const client = new lark.WSClient({
    appId: options.appId,
    appSecret: options.appSecret,
    domain: options.domain,
    loggerLevel: lark.LoggerLevel.info,
    logger: sdkLogger(logger),
    wsConfig: { pingTimeout: options.pingTimeoutSeconds ?? PING_TIMEOUT_SECONDS },
    onReady: () => {
      logger.info('long connection established');
      settle?.ok();
    },
    onReconnecting: () => logger.warn('long connection lost; reconnecting'),
    onReconnected: () => logger.info('long connection re-established'),
    onError: (err) => {
      logger.error('long connection gave up', { err });
      settle?.fail(err);
    },
  });
  // `start` wants an EventDispatcher; all it calls is `invoke(data, {needCheck})`.
  const dispatcher = { invoke } as unknown as lark.EventDispatcher;
  void client.start({ eventDispatcher: dispatcher });

  return {
    state: () => client.getConnectionStatus().state,
    ready,
    close: () => client.close({ force: true }),
  };
}
