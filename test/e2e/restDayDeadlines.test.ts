/**
 * A deadline that falls on a rest day (issue 9 §2), through the whole path: it is kept as
 * written, and the /任务 confirmation card, a template's confirmation and the extension
 * request card say so and suggest the working day before. The days are typed from the
 * official 2026 arrangements, not computed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/clock.ts';
import { type Rig, startRig } from '../support/harness.ts';
import { CREATOR, LI, WANG, ZHANG } from '../support/people.ts';

const CHAT = 'oc_rest_day_0001';
let rig: Rig;
const clock = new ManualClock('2026-11-26T10:00:00+08:00');

beforeAll(async () => {
  rig = await startRig({ clock });
});
afterAll(async () => {
  await rig?.close();
});
beforeEach(() => clock.set('2026-11-26T10:00:00+08:00'));

const ask = (sender: string, text: string, mentions = [ZHANG]) =>
  rig.ask(sender, text, mentions, { chatId: CHAT }).then((t) => t.replaceAll('**', ''));

describe('a deadline on a rest day', () => {
  it('is kept, and the /任务 confirmation says it is a Sunday and suggests the Friday before', async () => {
    // Thursday 26 November: 12月20日 is a Sunday.
    const text = await ask(CREATOR, '/任务 报送年度考核材料 @张三 12月20日前');
    expect(text).toContain('截止：2026-12-20 18:00 周日');
    expect(text).toContain(
      '12月20日是周日（休息日），已按所写登记；如需在工作日办结，建议改为前一个工作日 12月18日（周五）',
    );
  });

  it('says so for 明天 said on a Friday', async () => {
    clock.set('2026-11-27T15:00:00+08:00');
    const text = await ask(CREATOR, '/任务 核对值班表 @张三 明天');
    expect(text).toContain('截止：2026-11-28 18:00 周六');
    expect(text).toContain('11月28日是周六（休息日）');
    expect(text).toContain('11月27日（周五）');
  });

  it('names a holiday, and says nothing of a working day', async () => {
    clock.set('2026-09-21T10:00:00+08:00');
    const holiday = await ask(CREATOR, '/任务 节前安全检查 @张三 10月2日');
    expect(holiday).toContain('10月2日是周五（国庆节，休息日）');
    expect(holiday).toContain('9月30日（周三）');
    // Saturday 10 October is worked (调休): nothing to say.
    const worked = await ask(CREATOR, '/任务 节后复工检查 @张三 10月10日');
    expect(worked).toContain('2026-10-10 18:00 周六');
    expect(worked).not.toContain('休息日');
  });

  it('says so in a template’s confirmation, under the milestone', async () => {
    const text = await ask(
      CREATOR,
      '/整改 消防通道占用 @李四 牵头 @王主任 单位 县应急管理局 12月20日 要求 全面清理',
      [LI, WANG],
    );
    expect(text).toMatch(/消防通道占用 · 截止 2026-12-20 18:00 周日[^\n]*\n⚠️ 12月20日是周日（休息日）/);
  });

  it('says so on the extension request card, for the lead leader to see before approving', async () => {
    const created = await ask(CREATOR, '/任务 编制预算草案 @李四 12月4日 牵头 @王主任', [LI, WANG]);
    const no = /#(\d+)/.exec(created)![1];
    const card = await ask(LI.openId, `/延期 #${no} 12月13日 等财政局数据`, []);
    expect(card).toContain('新截止：2026-12-13 18:00 周日');
    expect(card).toContain(
      '⚠️ 新截止 12月13日是周日（休息日）；如需在工作日办结，可改为前一个工作日 12月11日（周五）',
    );
  });
});
