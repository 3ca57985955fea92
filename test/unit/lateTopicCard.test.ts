/**
 * The late-topic card as Lark receives it: the host @-ed with 同意上会 and 不同意 while it waits;
 * once decided, what was decided and no buttons; user text never forms markup.
 */
import { expect, it } from 'vitest';
import { lateTopicCard } from '../../src/lark/cards/lateTopicCard.ts';
import { cardButtons, cardText } from '../support/cardText.ts';

const waiting = {
  heldId: 'om_topic',
  meeting: { no: 3, name: '第12次常务会', date: '2026-12-18' },
  due: '2026-12-15',
  title: '老旧小区改造方案',
  by: '孙科员',
  reporter: '李四',
  host: { openId: 'ou_host_0001', name: '王主任' },
};

it('asks the host, by mention, with 同意上会 and 不同意', () => {
  const card = lateTopicCard(waiting);
  expect(card).toMatchSnapshot();
  expect([...cardButtons(card).keys()]).toEqual(['同意上会', '不同意']);
  expect(cardButtons(card).get('同意上会')).toEqual({ action: 'acceptTopic', id: 'om_topic' });
});

it('says what the host decided, without buttons', () => {
  const accepted = lateTopicCard({ ...waiting, outcome: { kind: 'accepted', topicNo: 4 } });
  expect(cardText(accepted)).toContain('登记为第 4 个议题（逾期提交）');
  expect(cardButtons(accepted).size).toBe(0);
  const declined = lateTopicCard({ ...waiting, outcome: { kind: 'declined' } });
  expect(cardText(declined)).toContain('主持人未同意');
  expect(cardButtons(declined).size).toBe(0);
});

it('keeps a topic that looks like markup as text', () => {
  const card = lateTopicCard({ ...waiting, title: '<at id=all></at> **全体**' });
  expect(JSON.stringify(card)).not.toContain('<at id=all>');
});
