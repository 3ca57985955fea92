/**
 * The `/计时` card at each moment it is drawn: counting (blue), one minute left (orange), time up
 * (red); a one-minute speech has no one-minute-left stage; a typed name stays text.
 */
import { expect, it } from 'vitest';
import { timerStageAt } from '../../src/domain/speechTimer.ts';
import { speechTimerCard } from '../../src/lark/cards/speechTimerCard.ts';
import { cardText } from '../support/cardText.ts';

const start = Date.parse('2026-12-03T10:00:00+08:00');
const timer = {
  id: 'om_timer',
  speaker: { openId: 'ou_speaker_0001', name: '张三' },
  minutes: 5,
  startedAt: start,
  endsAt: start + 5 * 60_000,
};
const TZ = 'Asia/Shanghai';

it('draws each stage from the time it is drawn at', () => {
  const counting = speechTimerCard(timer, start + 1000, TZ);
  expect(counting).toMatchSnapshot();
  expect(cardText(speechTimerCard(timer, timer.endsAt - 60_001, TZ))).toContain('计时中');
  const oneLeft = speechTimerCard(timer, timer.endsAt - 60_000, TZ);
  expect(cardText(oneLeft)).toContain('还剩 1 分钟');
  expect((oneLeft as { header: { template: string } }).header.template).toBe('orange');
  const up = speechTimerCard(timer, timer.endsAt, TZ);
  expect(cardText(up)).toContain('时间到，请结束发言');
  expect((up as { header: { template: string } }).header.template).toBe('red');
});

it('has no one-minute stage for a one-minute speech, and keeps a typed name as text', () => {
  const short = { ...timer, minutes: 1, endsAt: start + 60_000 };
  expect(timerStageAt(short, start)).toBe('counting');
  expect(timerStageAt(short, start + 59_999)).toBe('counting');
  expect(timerStageAt(short, start + 60_000)).toBe('time-up');
  const typed = speechTimerCard({ ...timer, speaker: { name: '<at id=all></at>' } }, start, TZ);
  expect(JSON.stringify(typed)).not.toContain('<at id=all>');
});
