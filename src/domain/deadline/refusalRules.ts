/**
 * Words that sound like a deadline but name no time, or name a time already gone. They only
 * decide the answer when nothing else in the phrase reads as a deadline (`尽快，最迟12月10日`
 * is 12月10日), and then the user gets a reason and an example instead of a guess.
 */
import type { PhraseRule } from './types.ts';

export const EXAMPLES = '如“12月10日前”“3个工作日内”“下周五下班前”';

const vagueWords: PhraseRule = {
  name: 'vague words',
  pattern: '尽快|尽早|抓紧|马上|立即|立刻|及时|随时|近期|近日|早日|择期|另行通知|asap|ASAP',
  read: (m) => ({
    kind: 'refusal',
    refusal: 'vague',
    reason: `“${m[0]}”没有给出具体时间，请写明截止日期，${EXAMPLES}`,
  }),
};

/** A week, month or year without the day: `下周`, `本月`, `明年`. */
const periodWithoutDay: PhraseRule = {
  name: 'period without a day',
  pattern: '(?:下下|下|本|这)个?(?:周|星期|礼拜|月)|今年|明年',
  read: (m) => ({
    kind: 'refusal',
    refusal: 'vague',
    reason: `“${m[0]}”没有写明哪一天，请写明，如“下周五”“本月底”“12月10日”`,
  }),
};

const pastWords: PhraseRule = {
  name: 'past words',
  pattern: '大前天|前天|昨天|昨日|上个?月|去年',
  read: (m) => ({
    kind: 'refusal',
    refusal: 'past',
    reason: `“${m[0]}”已经过去，截止时间必须晚于现在，${EXAMPLES}`,
  }),
};

export const refusalRules: readonly PhraseRule[] = [pastWords, vagueWords, periodWithoutDay];
