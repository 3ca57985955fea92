/**
 * `npm run seed`: fill the running playground with a demo week (a 收文, a 整改 list, a 分解 task
 * and the people working on them). It asks the running server to do it, so the commands go
 * through the same inbound path as anything typed on the page, and the page shows them live.
 *
 * Usage: `npm run seed` (the server on this machine, found from the same settings `npm start`
 * reads: HOST and PORT, or beside a Lark app LUOSHI_PLAYGROUND_HOST and LUOSHI_PLAYGROUND_PORT;
 * LUOSHI_PLAYGROUND_TOKEN when set) or `npm run seed -- <base URL>`.
 */
import { type Config, loadConfig } from '../src/config.ts';
import { ConfigError } from '../src/errors.ts';
import { localUrl } from '../src/web/listen.ts';

function baseUrl(config: Config): string {
  const given = process.argv[2];
  if (given) return given.replace(/\/+$/, '');
  const at = config.playgroundListen ?? { host: config.host, port: config.port };
  return localUrl(at.host, at.port);
}

async function main(): Promise<number> {
  let base: string;
  let token: string | undefined;
  try {
    const config = loadConfig(process.env);
    base = baseUrl(config);
    token = config.playgroundToken;
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      return 78;
    }
    throw e;
  }
  const url = `${base}/playground/api/seed`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: '{}',
    });
  } catch {
    process.stderr.write(
      `连不上 ${base}：请先在另一个终端运行 npm start（演示模式），再运行 npm run seed。\n`,
    );
    return 69;
  }
  if (res.status === 401) {
    process.stderr.write(
      `${base} 的演示场需要令牌：请用启动 npm start 时的 LUOSHI_PLAYGROUND_TOKEN 运行 npm run seed。\n`,
    );
    return 69;
  }
  if (res.status === 404) {
    process.stderr.write(
      `${base} 没有开启演示场（/playground）。不配置 LARK_APP_ID 时 npm start 会开启它。\n`,
    );
    return 69;
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    process.stderr.write(`${String(body.error ?? `服务器返回 ${res.status}`)}\n`);
    return 1;
  }
  const problems = Number(body.unanswered ?? 0) + Number(body.skipped ?? 0);
  process.stdout.write(
    `已以群成员身份发送 ${String(body.sent)} 条命令${problems ? `，其中 ${problems} 条未成功` : ''}；虚拟时间 ${String(body.now)}。\n打开 ${base.replace('127.0.0.1', 'localhost')}/playground 查看。\n`,
  );
  return problems ? 1 : 0;
}

process.exitCode = await main();
