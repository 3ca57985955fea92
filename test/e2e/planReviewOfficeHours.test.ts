/**
 * The 书面说明 the plan review records in a plan's group falls due at that group's office end
 * (`/设置 提醒 下班 17:00`), as every deadline recorded in a chat does — not the deployment's 18:00.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewPlans } from '../../src/bot/actions/planReview.ts';
import { ManualClock } from '../support/clock.ts';
import { type Rig, startRig, textOf } from '../support/harness.ts';
import { ADMIN, CREATOR } from '../support/people.ts';

let rig: Rig;
// Friday 20 November 2026, 10:00 in Beijing.
const clock = new ManualClock('2026-11-20T10:00:00+08:00');
const CHAT = 'oc_test_chat_plan_review_office_01';

beforeAll(async () => {
  rig = await startRig({ clock, env: { LUOSHI_ADMINS: ADMIN } });
});
afterAll(async () => {
  await rig?.close();
});

const ask = async (who: string, text: string) =>
  (await rig.ask(who, text, [], { chatId: CHAT })).replaceAll('**', '');

describe('the plan review in a group of 09:30–17:00', () => {
  it('records a 书面说明 due at the group’s office end', async () => {
    expect(await ask(ADMIN, '/设置 提醒 上班 09:30 下班 17:00')).toContain('09:30-17:00');
    const card = await rig.answer(CREATOR, '/计划 导入 2026 单位 县审计局\n审计整改 | 11月30日', [], {
      chatId: CHAT,
    });
    expect((await rig.press(card, '确认导入', CREATOR, CHAT)).toast.content).toContain('已导入 1 项计划');

    // The review as the 1 December run makes it (its own scheduling is plans.test.ts's).
    clock.set('2026-12-01T09:30:00+08:00');
    await reviewPlans(rig.luoshi.deps, rig.fake.tenantKey, 2026);
    await rig.fake.waitFor(() =>
      rig.fake.messagesTo(CHAT).find((m) => textOf(m.content).includes('已登记书面说明')),
    );
    const list = await ask(CREATOR, '/列表');
    const no = /#(\d+) 县审计局 2026年工作计划/.exec(list)?.[1];
    expect(no).toBeDefined();
    const status = await ask(CREATOR, `/查询 #${no}`);
    expect(status).toContain('17:00');
    expect(status).not.toContain('18:00');
  });
});
