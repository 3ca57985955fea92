/**
 * What is said about work assigned in a private chat: the owner's card says who assigned it and
 * when; the assigner's confirmation says when the owners receive work held to the next office
 * start, and warns when that is after the deadline. The confirmation card is a snapshot.
 */
import { describe, expect, it } from 'vitest';
import { heldAssignmentNote, privateAssignmentBanner } from '../../src/bot/texts/privateAssignmentTexts.ts';
import { itemCard } from '../../src/lark/cards/itemCard.ts';
import { cardText } from '../support/cardText.ts';
import { sampleItem, SAMPLE_TZ as TZ, ZHANG } from '../support/sampleItem.ts';

const at = (iso: string) => Date.parse(iso);
const FRIDAY_NIGHT = at('2026-12-04T21:00:00+08:00');
const MONDAY_START = at('2026-12-07T09:00:00+08:00');
const LIU = { openId: 'ou_liu', name: '刘局长' };
const LI = { openId: 'ou_li', name: '李四' };
const assigned = sampleItem({
  chatType: 'p2p',
  chatId: 'oc_p2p',
  creator: LIU,
  owners: [ZHANG, LI],
  createdAt: FRIDAY_NIGHT,
  ownersToldAt: MONDAY_START,
  due: at('2026-12-05T18:00:00+08:00'),
});

describe('work assigned privately out of office hours', () => {
  it('tells the assigner when the owners receive it, and that the deadline will have passed', () => {
    const note = heldAssignmentNote(assigned, TZ, FRIDAY_NIGHT);
    expect(note).toBe(
      '张三、李四 将于12月7日（周一）09:00 收到（非办公时间）。\n' +
        '⚠️ 那时已过截止时间 12月5日（周六）18:00：如需改期，可发送 /取消 #12 理由，再重新交办。',
    );
    const card = itemCard(assigned, { light: 'yellow', timezone: TZ, confirmation: { held: note! } });
    expect(card).toMatchSnapshot();
    expect(cardText(card)).toContain('张三、李四 将于12月7日（周一）09:00 收到（非办公时间）。');
  });

  it('says only when they receive it while the deadline is still ahead then', () => {
    const later = { ...assigned, due: at('2026-12-08T18:00:00+08:00') };
    expect(heldAssignmentNote(later, TZ, FRIDAY_NIGHT)).toBe(
      '张三、李四 将于12月7日（周一）09:00 收到（非办公时间）。',
    );
  });

  it('says nothing when the owners receive it at once, or it was recorded in a group', () => {
    const { ownersToldAt: _t, ...atOnce } = assigned;
    expect(heldAssignmentNote(atOnce, TZ, FRIDAY_NIGHT)).toBeUndefined();
    expect(heldAssignmentNote({ ...assigned, chatType: 'group', chatId: 'oc_group' }, TZ, FRIDAY_NIGHT)).toBe(
      undefined,
    );
  });

  it('tells the owner who assigned it and when', () => {
    expect(privateAssignmentBanner(assigned, TZ, MONDAY_START)).toBe(
      '📌 <at id=ou_liu></at> 于12月4日（周五）21:00 在与落实的私聊中交办给你，截止前后的提醒也会私聊发给你。',
    );
  });
});
