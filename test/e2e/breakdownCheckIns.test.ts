/**
 * The check-ins of a `/分解` are part of the task (playground trial): split on a Monday into
 * weekly check-ins, the owner was chased on Tuesday for 签收 of the task and of every one of
 * its seven check-ins (📨 签收催办（8 项）), and every morning's digest listed all seven future
 * check-ins as green, burying the real work. 签收 is now asked of the main item alone — once,
 * and not at all when it was signed — and a digest shows of the check-ins only the current one
 * (or those due within its windows). Driven through the real stack, the clock moved by hand.
 */
import { describe, expect, it } from 'vitest';
import type { Person } from '../../src/domain/item.ts';
import { CREATOR, WANG, ZHANG } from '../support/people.ts';
import { scenario as sharedScenario } from '../support/scenario.ts';

/** The shared scenario (`test/support/scenario.ts`) with how this file records its items. */
function scenario(start: string) {
  const s = sharedScenario(start);
  return {
    ...s,
    /** `/分解` by the creator: the numbers of the main item and of its check-ins, in order. */
    async breakdown(text: string, mentions: Person[], chatId: string): Promise<number[]> {
      const reply = await s.command(CREATOR, text, chatId, mentions);
      const nos = reply
        .split('\n')
        .map((l) => /^#(\d+) /.exec(l)?.[1])
        .filter((n) => n !== undefined)
        .map(Number);
      if (nos.length < 2) throw new Error(`no check-ins in ${reply}`);
      return nos;
    },
  };
}

const TASK = '/分解 推进老旧小区改造 @张三 牵头 @王主任 2027年1月31日 按周';
/** The `#n …` lines of a message that name one of `nos`. */
const naming = (text: string, nos: readonly number[]) =>
  text.split('\n').filter((l) => nos.some((n) => l.startsWith(`#${n} `)));

describe('/分解: 签收 is asked of the main item alone', () => {
  // Monday 7 December 2026, 10:00: the 签收 chase is due Tuesday 10:00.
  const s = scenario('2026-12-07T10:00:00+08:00');
  const CHAT = 'oc_breakdown_checkins_0001';

  it('chases an owner who has not signed once, for the main item', async () => {
    const [main, ...checkIns] = await s.breakdown(TASK, [ZHANG, WANG], CHAT);
    expect(checkIns.length).toBeGreaterThanOrEqual(6);

    await s.moveTo('2026-12-08 10:00');
    const chase = await s.waitText(CHAT, '📨 签收催办', `#${main} 推进老旧小区改造`);
    expect(chase).not.toContain('进展报告');
    const chases = s.shown(CHAT).filter((t) => t.includes('签收催办'));
    expect(chases.flatMap((t) => naming(t, checkIns))).toEqual([]);
  }, 60_000);
});

describe('/分解: a signed main item covers its check-ins', () => {
  const s = scenario('2026-12-07T10:00:00+08:00');
  const CHAT = 'oc_breakdown_checkins_0002';

  it('chases nothing for 签收 once the owner signed the main item', async () => {
    const [main, ...checkIns] = await s.breakdown(TASK, [ZHANG, WANG], CHAT);
    expect(await s.command(ZHANG.openId, `/签收 #${main}`, CHAT)).toContain(`#${main}`);
    // A task recorded at the same time and not signed: its chase goes out at the same minute.
    const witness = await s.command(CREATOR, '/任务 汇总意见 @张三 12月18日', CHAT, [ZHANG]);
    const other = Number(/#(\d+)/.exec(witness)?.[1]);

    await s.moveTo('2026-12-08 10:00');
    await s.waitText(CHAT, '📨 签收催办', `#${other} 汇总意见`);
    const chases = s.shown(CHAT).filter((t) => t.includes('签收催办'));
    expect(chases.flatMap((t) => naming(t, [main!, ...checkIns]))).toEqual([]);
    expect(chases.join('\n')).not.toContain('推进老旧小区改造');
  }, 60_000);
});

describe('/分解: a signed check-in counts for the main item', () => {
  const s = scenario('2026-12-07T10:00:00+08:00');
  const CHAT = 'oc_breakdown_checkins_0004';

  it('does not chase the owner for the task after they signed one of its check-ins', async () => {
    const [main, first, ...rest] = await s.breakdown(TASK, [ZHANG, WANG], CHAT);
    expect(await s.command(ZHANG.openId, `/签收 #${first}`, CHAT)).toContain(`#${first}`);
    const witness = await s.command(CREATOR, '/任务 汇总意见 @张三 12月18日', CHAT, [ZHANG]);
    const other = Number(/#(\d+)/.exec(witness)?.[1]);

    await s.moveTo('2026-12-08 10:00');
    await s.waitText(CHAT, '📨 签收催办', `#${other} 汇总意见`);
    const chases = s.shown(CHAT).filter((t) => t.includes('签收催办'));
    expect(chases.flatMap((t) => naming(t, [main!, first!, ...rest]))).toEqual([]);
    expect(await s.command(ZHANG.openId, `/查询 #${main}`, CHAT)).toContain('已签收');
  }, 60_000);
});

describe('/分解 in the daily digest', () => {
  const s = scenario('2026-12-07T10:00:00+08:00');
  const CHAT = 'oc_breakdown_checkins_0003';

  it('shows the main item and the current check-in, not every future one', async () => {
    const [main, first, second, ...later] = await s.breakdown(TASK, [ZHANG, WANG], CHAT);
    const checkIns = [first!, second!, ...later];

    await s.moveTo('2026-12-08 10:00');
    for (const to of [CHAT, WANG.openId]) {
      const digest = await s.waitText(to, '📊 每日督办简报', '2026-12-08 周二');
      expect(naming(digest, [main!])).toHaveLength(1);
      expect(digest).toContain(`另有 ${checkIns.length - 1} 期分解进展报告未到期，暂不列出。`);
      // This week's check-in (Friday) is the current one; the six after it wait their turn.
      expect(naming(digest, checkIns)).toEqual([
        expect.stringContaining(`#${first} 进展报告（12月7日—12月13日这周）`),
      ]);
    }

    // Reported early, the first is done: the next morning's digest shows the second.
    expect(await s.command(ZHANG.openId, `/完成 #${first} 本周完成3个小区`, CHAT)).toContain(`#${first}`);
    await s.moveTo('2026-12-09 10:00');
    const digest = await s.waitText(CHAT, '📊 每日督办简报 · 2026-12-09 周三');
    expect(naming(digest, [second!, ...later])).toEqual([
      expect.stringContaining(`#${second} 进展报告（12月14日—12月20日这周）`),
    ]);
  }, 60_000);
});
