/**
 * The 签收 chase (README reminder policy "unanswered") asks only what is unanswered, once per
 * item (office-week trial): an owner who has acted on an item — asked for more time, reported a
 * 整改 done (then sent back) — has evidently received it and is not chased for 签收; and an
 * item chased for 签收 on the morning it is also approached stands once in the card, saying
 * both, with one 办理 button. Items recorded by chat, the bot's clock moved by hand and the
 * jobs that became due promoted, as in `reminders.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import type { Person } from '../../src/domain/item.ts';
import { CREATOR, LI, WANG, ZHANG } from '../support/people.ts';
import { scenario as sharedScenario } from '../support/scenario.ts';

/** The shared scenario (`test/support/scenario.ts`) with how this file records its items. */
function scenario(start: string) {
  const s = sharedScenario(start);
  return {
    ...s,
    async record(text: string, mentions: Person[], chatId: string): Promise<number> {
      const reply = await s.command(CREATOR, text, chatId, mentions);
      const no = /#(\d+)/.exec(reply);
      if (!no) throw new Error(`no item number in ${reply}`);
      return Number(no[1]);
    },
  };
}

describe('an owner who acted on an item is not chased for 签收', () => {
  // Tuesday 1 December 2026, 10:00: the 签收 chase is due Wednesday 10:00.
  const s = scenario('2026-12-01T10:00:00+08:00');
  const CHAT = 'oc_reminders_acted_0001';

  it('after asking for more time, or reporting a 整改 done that was sent back', async () => {
    const sentBack = await s.record(
      '/整改 台账不全 @张三 牵头 @王主任 单位 应急局 12月11日前 要求 补齐台账',
      [ZHANG, WANG],
      CHAT,
    );
    const extended = await s.record('/任务 编制预算草案 @李四 12月11日 牵头 @王主任', [LI, WANG], CHAT);
    const untouched = await s.record('/任务 汇总意见 @张三 12月11日', [ZHANG], CHAT);
    expect(await s.command(ZHANG.openId, `/完成 #${sentBack} 已补齐`, CHAT)).toContain('已提交销号申请');
    expect(await s.command(WANG.openId, `/退回 #${sentBack} 缺少照片`, CHAT)).toContain('已退回');
    expect(await s.command(LI.openId, `/延期 #${extended} 12月18日 等财政局数据`, CHAT)).toContain(
      `#${extended}`,
    );

    await s.moveTo('2026-12-02 10:00');
    // The item nobody acted on is still chased, alone: the other two were received.
    const chase = await s.waitText(CHAT, '📨 签收催办', `#${untouched} 汇总意见`);
    expect(chase).toContain(`📨 签收催办 #${untouched} 汇总意见`);
    const chased = s.shown(CHAT).filter((t) => t.includes('签收催办'));
    expect(chased.filter((t) => t.includes(`#${sentBack} `) || t.includes(`#${extended} `))).toEqual([]);
  }, 60_000);
});

describe('an item chased for 签收 on the morning it is approached', () => {
  // Tuesday 1 December 2026, 20:00: recorded after office hours, the 签收 chase is Thursday
  // 09:00 — the due day's 临近提醒 too.
  const s = scenario('2026-12-01T20:00:00+08:00');
  const CHAT = 'oc_reminders_folded_0001';

  it('stands once in the card, saying both, with one 办理 button', async () => {
    const budget = await s.record('/任务 报送改造资金预算 @张三 12月3日', [ZHANG], CHAT);
    const list = await s.record('/任务 完善重点项目清单 @李四 12月3日', [LI], CHAT);
    await s.moveTo('2026-12-02 09:00');
    await s.waitText(CHAT, '🟡 临近提醒（2 项）');
    await s.moveTo('2026-12-03 09:00');
    const card = await s.waitText(CHAT, '🟡 临近提醒（2 项）', '今天 18:00');
    expect(card).toContain(`#${budget} 报送改造资金预算（尚未签收） 将于 今天 18:00 到期`);
    expect(card).toContain(`#${list} 完善重点项目清单（尚未签收） 将于 今天 18:00 到期`);
    expect(card.match(/\[办理\]/gu)).toHaveLength(2);
    expect(s.shown(CHAT).filter((t) => t.includes('签收催办') || t.includes('督办提醒'))).toEqual([]);
  }, 60_000);
});
