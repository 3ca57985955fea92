/**
 * `/议题 会议#<n> <议题> @汇报单位负责人` — a topic for a meeting. For a 常务会 or 专题会 topics are
 * due 3 working days before (notice 十五), by office end of that day. After it:
 * - the host's own `/议题` is added at once, marked late;
 * - anyone else's is held and put to the host on a card (`lateTopicCard.ts`) until the meeting's
 *   day ends: 同意上会 adds it, marked late and accepted by the host; 不同意 drops it. Only the
 *   host decides; a meeting without a host takes no late topic. The meeting keeps such a topic
 *   on its waiting list (`lateTopics`) while the host decides and once refused, so
 *   `/会议 会议#n` can say 待定 or 不同意.
 * `/议题 会议#n` alone is someone after the topics: told the usage and `/会议 会议#n`.
 * One way a topic is added (`addTopic`), whoever adds it.
 */
import { topicCallOf } from '../jobs/topicCall.ts';
import { officeHoursIn } from '../src/bot/args/deadlineOptions.ts';
import { requireTitle } from '../src/bot/args/registerArgs.ts';
import type { BotDeps } from '../src/bot/deps.ts';
import { type CardAnswer, type CardPress, toast } from '../src/bot/dispatch/cardPress.ts';
import type { CommandSpec } from '../src/bot/dispatch/router.ts';
import type { MeetingEntry } from '../src/domain/registers.ts';
import { atLocal } from '../src/domain/time.ts';
import { UserError } from '../src/errors.ts';
import type { LateTopicValue } from '../src/lark/cards/actionValue.ts';
import { lateTopicCard } from '../src/lark/cards/lateTopicCard.ts';
import type { PendingTopic } from '../src/storage/pendingTopics.ts';
import { meetingRef } from './meeting.ts';

export const TOPIC_USAGE =
  '/议题 会议#<编号> <议题> @汇报单位负责人，例如：/议题 会议#3 老旧小区改造方案 @张三';

type Topic = NonNullable<MeetingEntry['topics']>[number];

type LateTopic = NonNullable<MeetingEntry['lateTopics']>[number];

/**
 * Appends a topic to the meeting as it is now, audited; returns its number in the meeting. A
 * late topic the host accepted (`heldId`) leaves the meeting's waiting list as it joins.
 */
async function addTopic(
  deps: BotDeps,
  tenant: string,
  meetingNo: number,
  topic: Topic,
  heldId?: string,
): Promise<number> {
  const meeting = await deps.registers.get(tenant, 'meeting', meetingNo);
  if (!meeting) throw new UserError(`会议#${meetingNo} 已不存在。`);
  const topics = [...(meeting.topics ?? []), topic];
  const lateTopics = (meeting.lateTopics ?? []).filter((t) => t.id !== heldId);
  await deps.registers.put(
    tenant,
    { ...meeting, topics, ...(meeting.lateTopics ? { lateTopics } : {}) },
    {
      actor: topic.acceptedBy ?? topic.by,
      at: deps.clock.now(),
      action: topic.acceptedBy ? 'register.meeting.topic-accepted' : 'register.meeting.topic',
      detail: `会议#${meeting.no} ${topic.title} @${topic.reporter}${topic.late ? '（逾期）' : ''}`,
    },
  );
  return topics.length;
}

/**
 * Notes a late topic on the meeting while the host decides (`/会议 会议#n` shows it 待定), or
 * its refusal (不同意). Audited like a topic.
 */
async function noteLateTopic(
  deps: BotDeps,
  tenant: string,
  meetingNo: number,
  late: LateTopic,
  actor: string,
): Promise<void> {
  const meeting = await deps.registers.get(tenant, 'meeting', meetingNo);
  if (!meeting) return;
  const others = (meeting.lateTopics ?? []).filter((t) => t.id !== late.id);
  await deps.registers.put(
    tenant,
    { ...meeting, lateTopics: [...others, late] },
    {
      actor,
      at: deps.clock.now(),
      action: late.declinedBy ? 'register.meeting.topic-declined' : 'register.meeting.topic-held',
      detail: `会议#${meeting.no} ${late.title} @${late.reporter}（逾期）`,
    },
  );
}

/** The meeting's topic call (`topicCallOf`), when it has one (常务会, 专题会): its due day and close. */
async function topicCall(deps: BotDeps, tenant: string, meeting: MeetingEntry) {
  const { calendar, office } = await officeHoursIn(deps, tenant, meeting.chatId);
  return topicCallOf(meeting, calendar, office);
}

export function topicCommand(deps: BotDeps): CommandSpec {
  return {
    name: '议题',
    aliases: ['topic'],
    usage: TOPIC_USAGE,
    summary: '为常务会、专题会提交议题：须在会前 3 个工作日提交，逾期须主持人同意',
    async run(ctx) {
      const { meeting, rest } = await meetingRef(deps, ctx, ctx.args, TOPIC_USAGE);
      // Only the meeting: someone after its topics, not submitting one (trial: asked for an @).
      if (!rest)
        throw new UserError(
          `请在会议编号后写上议题和汇报单位负责人。查看 会议#${meeting.no} 已有的议题：/会议 会议#${meeting.no}`,
          TOPIC_USAGE,
        );
      const owner = /@_user_\d+/u.exec(rest);
      const person = owner ? ctx.mentions.get(owner[0]) : undefined;
      if (!person) throw new UserError('请 @ 汇报单位负责人。', TOPIC_USAGE);
      const title = requireTitle(rest.replace(owner![0], ' '), '议题', TOPIC_USAGE);
      const now = deps.clock.now();
      // Due by the meeting's group's own office end, as /会议 announced it.
      const { timezone } = deps.time;
      const call = await topicCall(deps, ctx.tenant, meeting);
      const due = call?.due;
      const late = call !== undefined && now > call.closesAt;
      const topic: Topic = { title, reporter: person.openId, by: ctx.sender.openId, at: now };
      // After the meeting's day nobody adds a topic to it, the host included.
      const meetingEnds = atLocal(meeting.date, '23:59', timezone);
      if (now >= meetingEnds)
        throw new UserError(
          `会议#${meeting.no} 已于 ${meeting.date} 召开，不能再提交议题；请提交下次会议。`,
          TOPIC_USAGE,
        );
      if (late && meeting.host !== ctx.sender.openId) {
        if (!meeting.host)
          throw new UserError(
            `会议#${meeting.no} 的议题须在 ${due} 下班前提交，已经过了；这次会议没有登记主持人，无法申请补交。`,
            TOPIC_USAGE,
          );
        const held: PendingTopic = { ...topic, meetingNo: meeting.no, chatId: ctx.chatId };
        await deps.pendingTopics.hold(ctx.tenant, ctx.messageId, held, (meetingEnds - now) / 1000);
        const { chatId: _chat, meetingNo: _no, ...late } = held;
        await noteLateTopic(deps, ctx.tenant, meeting.no, { id: ctx.messageId, ...late }, ctx.sender.openId);
        const names = await deps.people.namesOf(ctx.tenant, [ctx.sender.openId, person.openId, meeting.host]);
        const card = lateTopicCard({
          heldId: ctx.messageId,
          meeting: { no: meeting.no, name: meeting.name, date: meeting.date },
          due: due!,
          title,
          by: names.get(ctx.sender.openId) || ctx.sender.name || '提交人',
          reporter: names.get(person.openId) || person.name || '汇报人',
          host: { openId: meeting.host, name: names.get(meeting.host) ?? '' },
        });
        await ctx.reply({ type: 'card', card: { ...card } });
        return;
      }
      const no = await addTopic(deps, ctx.tenant, meeting.no, { ...topic, ...(late ? { late: true } : {}) });
      const lines = [
        `已为 会议#${meeting.no} ${meeting.name} 登记第 ${no} 个议题：${title} · 汇报：${person.name || '未具名成员'}。`,
        ...(late ? ['（逾期提交，主持人本人补交。）'] : []),
      ];
      await ctx.reply(lines.join('\n'));
    },
  };
}

export type TopicPress = CardPress & { value: LateTopicValue };

/** 同意上会 / 不同意 on a late topic's card: the meeting's host only, once. */
export async function answerTopicPress(deps: BotDeps, p: TopicPress): Promise<CardAnswer> {
  const held = await deps.pendingTopics.peek(p.tenant, p.value.id);
  if (!held) return toast('info', '这个议题已经处理过或已过期。');
  const meeting = await deps.registers.get(p.tenant, 'meeting', held.meetingNo);
  if (!meeting) return toast('info', `会议#${held.meetingNo} 已不存在。`);
  if (!meeting.host || meeting.host !== p.operator)
    return toast('error', '逾期议题是否上会，由会议主持人决定。');
  if (deps.clock.now() >= atLocal(meeting.date, '23:59', deps.time.timezone)) {
    await deps.pendingTopics.take(p.tenant, p.value.id);
    return toast('info', `会议#${meeting.no} 已于 ${meeting.date} 召开，不能再加议题；可提交下次会议。`);
  }
  // Taken before it is applied: of two presses (two copies of the card), one decides.
  if (!(await deps.pendingTopics.take(p.tenant, p.value.id))) return toast('info', '这个议题已经处理过了。');
  const names = await deps.people.namesOf(p.tenant, [held.by, held.reporter, meeting.host]);
  const drawn = {
    heldId: p.value.id,
    meeting: { no: meeting.no, name: meeting.name, date: meeting.date },
    due: (await topicCall(deps, p.tenant, meeting))?.due ?? meeting.date,
    title: held.title,
    by: names.get(held.by) || '提交人',
    reporter: names.get(held.reporter) || '汇报人',
    host: { openId: meeting.host, name: names.get(meeting.host) ?? '' },
  };
  const { meetingNo, chatId: _chat, ...topic } = held;
  if (p.value.action === 'declineTopic') {
    await noteLateTopic(
      deps,
      p.tenant,
      meetingNo,
      { id: p.value.id, ...topic, declinedBy: p.operator },
      p.operator,
    );
    return toast('info', '已不同意上会。', lateTopicCard({ ...drawn, outcome: { kind: 'declined' } }));
  }
  try {
    const topicNo = await addTopic(
      deps,
      p.tenant,
      meetingNo,
      { ...topic, late: true, acceptedBy: p.operator },
      p.value.id,
    );
    return toast(
      'success',
      `已同意上会：第 ${topicNo} 个议题。`,
      lateTopicCard({ ...drawn, outcome: { kind: 'accepted', topicNo } }),
    );
  } catch (e) {
    // Not added: put back, so the host can press again.
    await deps.pendingTopics.hold(p.tenant, p.value.id, held, 3600);
    throw e;
  }
}
