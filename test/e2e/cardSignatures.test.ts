/**
 * A card press is a change to an item, so it passes the same door as every event: a callback
 * without Lark's signature, with a forged one, signed with another key, or replayed after the
 * signature window is refused before the card handler sees it — nothing changes and nothing is
 * sent. The same press, signed as Lark signs it, then does what it says (so the refused ones
 * would have changed the item had they got through).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardButtons } from '../support/cardText.ts';
import { ManualClock } from '../support/clock.ts';
import { CHAT, type Rig, startRig, textOf } from '../support/harness.ts';
import {
  cardActionEvent,
  FAKE_ENCRYPT_KEY,
  FAKE_TENANT_KEY,
  type LarkRequestOptions,
  larkRequest,
} from '../support/larkEvents.ts';
import { CREATOR, ZHANG } from '../support/people.ts';

let rig: Rig;
// Thursday 26 November 2026, 10:00 in Beijing.
const clock = new ManualClock('2026-11-26T10:00:00+08:00');

beforeAll(async () => {
  rig = await startRig({ clock });
});
afterAll(async () => {
  await rig?.close();
});

describe('card callbacks Lark did not sign', () => {
  it('are refused before they reach the card handler; the signed press goes through', async () => {
    const card = await rig.answer(CREATOR, '/任务 核对财政报表 @张三 3个工作日内', [ZHANG]);
    const no = Number(/#(\d+)/.exec(textOf(card.content))![1]);
    const done = cardButtons(card.content).get('完成');
    expect(done).toBeDefined();
    const press = cardActionEvent({
      operatorOpenId: ZHANG.openId,
      value: done!,
      messageId: card.messageId,
      chatId: CHAT,
      appId: rig.fake.appId,
      formValue: { note: '已核对' },
    });
    const post = (options: LarkRequestOptions, forge?: Record<string, string>) => {
      const { body, headers } = larkRequest(press, options);
      return fetch(rig.webhookUrl, { method: 'POST', body, headers: { ...headers, ...forge } });
    };
    const sentBefore = rig.fake.messages.length;
    const patchesBefore = rig.fake.patches.length;

    const refused: Array<[string, Promise<Response>]> = [
      ['plain, unsigned', post({ encrypt: false, sign: false })],
      ['encrypted, unsigned', post({ encryptKey: FAKE_ENCRYPT_KEY, sign: false })],
      ['forged signature', post({ encryptKey: FAKE_ENCRYPT_KEY }, { 'x-lark-signature': 'ab'.repeat(32) })],
      [
        // A captured request sent again after the signature window (Lark's is 5 minutes).
        'replayed after 6 minutes',
        post({ encryptKey: FAKE_ENCRYPT_KEY, timestamp: String(Math.floor(Date.now() / 1000) - 6 * 60) }),
      ],
      ['signed with another key', post({ encryptKey: 'some-other-key' })],
    ];
    for (const [what, response] of refused) {
      const res = await response;
      expect(res.status, what).toBe(401);
      expect(await res.text(), what).not.toContain('toast');
    }
    await rig.settle();
    expect((await rig.luoshi.deps.items.get(FAKE_TENANT_KEY, no))?.status).toBe('open');
    expect(rig.fake.messages.length).toBe(sentBefore);
    expect(rig.fake.patches.length).toBe(patchesBefore);

    const signed = await post({ encryptKey: FAKE_ENCRYPT_KEY });
    expect(signed.status).toBe(200);
    expect(((await signed.json()) as { toast: unknown }).toast).toEqual({
      type: 'success',
      content: `#${no} 已办结（按期办结）。`,
    });
    expect((await rig.luoshi.deps.items.get(FAKE_TENANT_KEY, no))?.status).toBe('done');
  });
});
