/**
 * Leaders' private chats must not pile up (issue 9 §3): the playground's demo week is typed in
 * as `npm run seed` does and then left alone for two weeks of time travel — nobody finishes
 * anything, so items go overdue and are escalated, the busy case. Every message in a leader's
 * private chat is then either that day's digest (one per working day at most) or an
 * escalation; everything else that can wait is folded into the digest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoWeek } from '../../src/playground/demoWeek.ts';
import { messageKind, tallyPrivateChats } from '../../src/playground/inboxTally.ts';
import type { LogEntry } from '../../src/playground/log.ts';
import { dmChatId } from '../../src/playground/world.ts';
import { type PlaygroundRig, startPlaygroundRig } from '../support/playground.ts';

const WANG = 'ou_pg_wang_lead';
const LIU = 'ou_pg_liu_principal';
// Monday 23 November 2026, 09:30: two ordinary weeks follow (ten working days).
const START = Date.parse('2026-11-23T09:30:00+08:00');
const WEEK = 7 * 24 * 3600_000;

let rig: PlaygroundRig;
let entries: LogEntry[];

beforeAll(async () => {
  rig = await startPlaygroundRig('2026-11-23T09:30:00+08:00');
  const pg = rig.luoshi.playground!;
  const names = new Map((await pg.members.all()).map((m) => [m.openId, m.name]));
  expect(await seedDemoWeek(pg.chat, pg.log, (id) => names.get(id))).toMatchObject({
    sent: 14,
    unanswered: 0,
  });
  await pg.timeTravel!.travel({ kind: 'to', instant: START + WEEK });
  await pg.timeTravel!.travel({ kind: 'to', instant: START + 2 * WEEK });
  entries = await pg.log.recent(5000);
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

const DIGEST = '📊 每日督办简报（领导）';
const ESCALATION = '⚠️ 逾期上报';

describe('a leader’s private chat over the demo weeks', () => {
  it.each([
    ['the lead leader 王主任', WANG],
    ['the principal leader 刘局长', LIU],
  ])('holds only %s’s daily digests and escalations', (_, openId) => {
    const [tally] = tallyPrivateChats(entries, START, 2).filter((t) => t.openId === openId);
    expect(tally).toBeDefined();
    expect(Object.keys(tally!.kinds).filter((k) => k !== DIGEST && k !== ESCALATION)).toEqual([]);
    // One digest per working day at most: ten in two weeks.
    expect(tally!.kinds[DIGEST]).toBe(10);
    for (const week of tally!.perWeek) expect(week).toBeLessThanOrEqual(5 + (tally!.kinds[ESCALATION] ?? 0));
  });

  it('tells the lead leader of a missed deadline in his digest, not in a message of its own', () => {
    const toWang = entries.filter((e) => e.record.kind === 'bot' && e.record.chatId === dmChatId(WANG));
    const kinds = toWang.map((e) =>
      e.record.kind === 'bot' && e.record.message.type === 'card'
        ? messageKind(
            String(
              (e.record.message.card as { header: { title: { content: string } } }).header.title.content,
            ),
          )
        : 'text',
    );
    expect(kinds).not.toContain('🔴 到期催办');
    // The 整改 he leads with 5 working days was due Monday 30 November at 18:00: Tuesday's
    // digest lists it as overdue.
    const tuesday = toWang.find((e) => e.record.at >= Date.parse('2026-12-01T09:00:00+08:00'));
    expect(JSON.stringify(tuesday?.record)).toMatch(
      /县城主干道消防通道占用[^"]*截止 2026-11-30 18:00 周一（已逾期）/,
    );
  });
});
