/**
 * Signed, encrypted `im.message.receive_v1` requests, each with its own event and message id,
 * built before the clock starts so the load client does no crypto while measuring.
 * Made-up keys only.
 */
import { createCipheriv, createHash, randomBytes } from 'node:crypto';

export const WEBHOOK_PATH = '/webhook/lark/event';
export const BENCH_ENCRYPT_KEY = 'bench-encrypt-key-not-real';
export const BENCH_VERIFICATION_TOKEN = 'bench-verification-token-not-real';

export interface PreparedRequest {
  body: string;
  headers: Record<string, string>;
}

function encrypt(plaintext: string, key: Buffer): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

export function prepareRequests(count: number, runTag: string): PreparedRequest[] {
  const key = createHash('sha256').update(BENCH_ENCRYPT_KEY).digest();
  const timestamp = String(Math.floor(Date.now() / 1000));
  const out: PreparedRequest[] = [];
  for (let i = 0; i < count; i++) {
    const id = `${runTag}${i.toString(16).padStart(8, '0')}`;
    const envelope = {
      schema: '2.0',
      header: {
        event_id: `ev${id}`,
        event_type: 'im.message.receive_v1',
        create_time: `${Date.now()}`,
        token: BENCH_VERIFICATION_TOKEN,
        app_id: 'cli_0000000000000000',
        tenant_key: 'bench_tenant',
      },
      event: {
        sender: {
          sender_id: { open_id: 'ou_bench_sender' },
          sender_type: 'user',
          tenant_key: 'bench_tenant',
        },
        message: {
          message_id: `om${id}`,
          chat_id: 'oc_bench_chat',
          chat_type: 'group',
          message_type: 'text',
          content: JSON.stringify({ text: '@_user_1 /任务 起草年度工作总结 @_user_2 3个工作日内' }),
          mentions: [
            { key: '@_user_1', id: { open_id: 'ou_bot' }, name: 'luoshi' },
            { key: '@_user_2', id: { open_id: 'ou_zhang' }, name: '张三' },
          ],
        },
      },
    };
    const body = JSON.stringify({ encrypt: encrypt(JSON.stringify(envelope), key) });
    const nonce = randomBytes(8).toString('hex');
    const signature = createHash('sha256')
      .update(timestamp + nonce + BENCH_ENCRYPT_KEY)
      .update(body)
      .digest('hex');
    out.push({
      body,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-lark-request-timestamp': timestamp,
        'x-lark-request-nonce': nonce,
        'x-lark-signature': signature,
      },
    });
  }
  return out;
}
