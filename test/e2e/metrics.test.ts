/**
 * `GET /metrics` as Prometheus scrapes it: refused without the bearer token when
 * LUOSHI_METRICS_TOKEN is set, and with it the series an operator watches, moving when a
 * command comes in and its reply goes out.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.ts';
import { type Rig, startRig } from '../support/harness.ts';
import { CREATOR, ZHANG } from '../support/people.ts';

// In the base64 alphabet, as `openssl rand -base64` makes it: `+`, `/` and `=` too.
const TOKEN = 'made+up/metrics-token-0001==';
let rig: Rig;
const clock = new ManualClock('2026-11-26T10:00:00+08:00');

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_METRICS_TOKEN: TOKEN } });
});
afterAll(async () => {
  await rig?.close();
});

const scrape = (token?: string) =>
  fetch(`${rig.luoshi.url}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

/** The value of one series (0 when absent). */
function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

it('asks for the bearer token', async () => {
  expect((await scrape()).status).toBe(401);
  expect((await scrape('not-the-token-at-all')).status).toBe(401);
  const ok = await scrape(TOKEN);
  expect(ok.status).toBe(200);
  expect(ok.headers.get('content-type')).toContain('text/plain');
});

it('takes the scheme in any case, as HTTP defines it (bearer, BEARER)', async () => {
  for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
    const res = await fetch(`${rig.luoshi.url}/metrics`, {
      headers: { authorization: `${scheme} ${TOKEN}` },
    });
    expect(res.status, scheme).toBe(200);
  }
  const other = await fetch(`${rig.luoshi.url}/metrics`, { headers: { authorization: `Basic ${TOKEN}` } });
  expect(other.status).toBe(401);
});

it('counts the webhook request, the event, the send and the job, and reads queue depth on scrape', async () => {
  const before = await (await scrape(TOKEN)).text();
  await rig.ask(CREATOR, '/任务 统计指标测试 @张三 3个工作日内', [ZHANG]);
  await rig.settle();
  const after = await (await scrape(TOKEN)).text();
  const moved = (series: string) => value(after, series) - value(before, series);
  expect(moved('luoshi_webhook_requests_total{route="/webhook/lark/event",status="200"}')).toBe(1);
  expect(moved('luoshi_events_total{type="im.message.receive_v1"}')).toBe(1);
  expect(moved('luoshi_sends_total{outcome="ok"}')).toBeGreaterThanOrEqual(1);
  expect(moved('luoshi_job_duration_seconds_count{queue="inbound",outcome="ok"}')).toBe(1);
  expect(value(after, 'luoshi_open_items')).toBeGreaterThanOrEqual(1);
  expect(after).toContain('luoshi_queue_jobs{queue="outbound",state="failed"} 0');
  expect(value(after, 'luoshi_inbound_log_entries')).toBe(0);
  expect(after).not.toContain(TOKEN);
});

it("reports the process's own CPU and event-loop lag, which say whether slow replies waited on it", async () => {
  const text = await (await scrape(TOKEN)).text();
  expect(value(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  // Present from the first scrape; its value is the lag seen since the previous one.
  expect(text).toMatch(/^nodejs_eventloop_lag_max_seconds \d/m);
});
