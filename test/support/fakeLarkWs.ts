/**
 * Lark's long-connection gateway, faked: the endpoint the SDK's `WSClient` asks for a URL
 * (`POST <domain>/callback/ws/endpoint`, served through the fake platform) and a local WebSocket
 * server speaking the SDK's frame format — protobuf `pbbp2.Frame` with `pbbp2.Header`s, as
 * defined in `@larksuiteoapi/node-sdk` (lib/index.js, `pbbp2`):
 *
 *   Frame  { uint64 SeqID = 1; uint64 LogID = 2; int32 service = 3; int32 method = 4;
 *            repeated Header headers = 5; string payloadEncoding = 6; string payloadType = 7;
 *            bytes payload = 8; string LogIDNew = 9; }
 *   Header { string key = 1; string value = 2; }
 *
 * `method` 0 is a control frame (header `type`: ping / pong), 1 a data frame (`type`: event,
 * with `message_id`, `sum`, `seq`, `trace_id`); the client answers a data frame with the same
 * frame carrying `{"code":200,"data":"<base64 of the handler's JSON result>"}` as payload.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import protobuf from 'protobufjs';
import { type WebSocket, WebSocketServer } from 'ws';

const root = protobuf.Root.fromJSON({
  nested: {
    pbbp2: {
      nested: {
        Header: { fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
        Frame: {
          fields: {
            SeqID: { type: 'uint64', id: 1 },
            LogID: { type: 'uint64', id: 2 },
            service: { type: 'int32', id: 3 },
            method: { type: 'int32', id: 4 },
            headers: { rule: 'repeated', type: 'Header', id: 5 },
            payloadEncoding: { type: 'string', id: 6 },
            payloadType: { type: 'string', id: 7 },
            payload: { type: 'bytes', id: 8 },
            LogIDNew: { type: 'string', id: 9 },
          },
        },
      },
    },
  },
});
const Frame = root.lookupType('pbbp2.Frame');

interface FrameData {
  SeqID: number;
  LogID: number;
  service: number;
  method: number;
  headers: Array<{ key: string; value: string }>;
  payload?: Uint8Array;
}

const SERVICE_ID = 7;
const encode = (f: FrameData) => Frame.encode(Frame.create(f)).finish();
const decode = (buf: Buffer): FrameData =>
  Frame.toObject(Frame.decode(buf), { longs: Number, defaults: true }) as FrameData;
const header = (f: FrameData, key: string) => f.headers.find((h) => h.key === key)?.value;

/** The client's answer to one pushed event: Lark's `code`, and the handler's result. */
export interface PushAnswer {
  code: number;
  result: unknown;
}

export interface FakeLongConnection {
  /** What `/callback/ws/endpoint` answers for these credentials. */
  endpoint(body: unknown): Record<string, unknown>;
  /** Sockets currently open. */
  readonly sockets: number;
  /** How many times a client connected. */
  readonly connects: number;
  /** Pings received. */
  readonly pings: number;
  /** Sends `payload` (an event envelope) as a data frame; resolves with the client's answer. */
  push(payload: unknown): Promise<PushAnswer>;
  /** Resolves once `n` connections have been made in total. */
  waitForConnects(n: number, timeoutMs?: number): Promise<void>;
  /** Cuts every open socket, as a network failure would. */
  drop(): void;
  close(): Promise<void>;
}

export async function startFakeLongConnection(options: {
  appId: string;
  appSecret: string;
  /** Seconds; small in tests so a dropped link comes back at once. */
  reconnectIntervalSeconds?: number;
  pingIntervalSeconds?: number;
}): Promise<FakeLongConnection> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((ok) => server.once('listening', () => ok()));
  const { port } = server.address() as AddressInfo;
  const open = new Set<WebSocket>();
  const waiting = new Map<string, (a: PushAnswer) => void>();
  let connects = 0;
  let pings = 0;
  const onConnect: Array<() => void> = [];
  const clientConfig = {
    PingInterval: options.pingIntervalSeconds ?? 120,
    ReconnectCount: -1,
    ReconnectInterval: options.reconnectIntervalSeconds ?? 0.05,
    ReconnectNonce: 0,
  };

  server.on('connection', (socket) => {
    open.add(socket);
    connects += 1;
    for (const f of onConnect.splice(0)) f();
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => open.delete(socket));
    socket.on('message', (data: Buffer) => {
      const frame = decode(data);
      if (frame.method === 0 && header(frame, 'type') === 'ping') {
        pings += 1;
        const pong = { ...frame, headers: [{ key: 'type', value: 'pong' }] };
        socket.send(encode({ ...pong, payload: Buffer.from(JSON.stringify(clientConfig)) }));
        return;
      }
      const id = header(frame, 'message_id');
      const resolve = id ? waiting.get(id) : undefined;
      if (!id || !resolve) return;
      waiting.delete(id);
      const answer = JSON.parse(Buffer.from(frame.payload ?? []).toString('utf8')) as {
        code: number;
        data?: string;
      };
      const result = answer.data
        ? JSON.parse(Buffer.from(answer.data, 'base64').toString('utf8'))
        : undefined;
      resolve({ code: answer.code, result });
    });
  });

  return {
    endpoint(body) {
      const { AppID, AppSecret } = (body ?? {}) as { AppID?: string; AppSecret?: string };
      // Lark's gateway answers bad credentials with a non-zero code the SDK does not retry.
      if (AppID !== options.appId || AppSecret !== options.appSecret) return { code: 403, msg: 'forbidden' };
      return {
        code: 0,
        msg: 'ok',
        data: {
          URL: `ws://127.0.0.1:${port}/ws/v2?fpid=1&device_id=fake-device&service_id=${SERVICE_ID}&ticket=t`,
          ClientConfig: clientConfig,
        },
      };
    },
    get sockets() {
      return open.size;
    },
    get connects() {
      return connects;
    },
    get pings() {
      return pings;
    },
    push(payload) {
      const socket = [...open][0];
      if (!socket) return Promise.reject(new Error('fake long connection: no client connected'));
      const messageId = `msg_${randomBytes(8).toString('hex')}`;
      const frame: FrameData = {
        SeqID: 0,
        LogID: 0,
        service: SERVICE_ID,
        method: 1,
        headers: [
          { key: 'type', value: 'event' },
          { key: 'message_id', value: messageId },
          { key: 'sum', value: '1' },
          { key: 'seq', value: '0' },
          { key: 'trace_id', value: randomBytes(8).toString('hex') },
        ],
        payload: Buffer.from(JSON.stringify(payload)),
      };
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('fake long connection: no answer in 5 s')), 5000);
        waiting.set(messageId, (a) => {
          clearTimeout(timer);
          resolve(a);
        });
        socket.send(encode(frame));
      });
    },
    waitForConnects(n, timeoutMs = 5000) {
      if (connects >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`fake long connection: ${connects} of ${n} connects`)),
          timeoutMs,
        );
        const check = () => {
          if (connects >= n) {
            clearTimeout(timer);
            resolve();
          } else onConnect.push(check);
        };
        check();
      });
    },
    drop() {
      for (const s of open) s.terminate();
    },
    close: () =>
      new Promise<void>((ok) => {
        for (const s of open) s.terminate();
        server.close(() => ok());
      }),
  };
}
