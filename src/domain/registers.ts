/**
 * The notice's registers (登记簿) and their rules, pure: what is recorded for a meeting (十五), an
 * outgoing document (十六), an inspection (十七) and a survey (四), and where each rule's line
 * lies. Every limit is a named constant and every check returns the sentence that refuses, so
 * the boundary is stated once and tested on both sides (README, "The notice's rules").
 */
import { addDays, daysBetween, daysInMonth, formatDate, isValidDate, weekdayOf } from './time.ts';

/** 十六: a policy document runs to 10 pages at most unless a reason is given. */
export const POLICY_DOCUMENT_MAX_PAGES = 10;
/** 十七: an inspection outside the plan is registered at least 10 days ahead. */
export const UNPLANNED_INSPECTION_NOTICE_DAYS = 10;
/** 十五: a meeting document's 起草说明 or a 纪要 runs to 2000 characters at most. */
export const MINUTES_MAX_CHARS = 2000;
/** 十五: topics for 常务会 and 专题会 are due 3 working days before. */
export const TOPIC_LEAD_WORKING_DAYS = 3;
/** 十五, 十六: meetings and documents this year at least 30% fewer than last year. */
export const REDUCTION_TARGET = 0.3;
/** 四: at least half of the surveys random or unannounced. */
export const RANDOM_SURVEY_SHARE = 0.5;

export type MeetingType = '常务会' | '专题会' | '工作会' | '座谈会';
export type SurveyMode = '随机' | '暗访' | '安排';

interface Common {
  no: number;
  chatId: string;
  by: string;
  createdAt: number;
}

export interface DocumentEntry extends Common {
  kind: 'document';
  title: string;
  pages: number;
  policy: boolean;
  unit?: string;
  /** Why a policy document runs past 10 pages. */
  reason?: string;
  /** The superior requirement a 配套 document answers. */
  superior?: string;
  /** The day it was registered (`YYYY-MM-DD`): it counts for that year. */
  date: string;
}

export interface InspectionEntry extends Common {
  kind: 'inspection';
  matter: string;
  unit: string;
  date: string;
  planned: boolean;
  /** An organisation admin let an unplanned one through inside 10 days, saying why. */
  override?: { by: string; reason: string };
}

export interface SurveyEntry extends Common {
  kind: 'survey';
  topic: string;
  date: string;
  mode: SurveyMode;
  unit?: string;
}

export interface MeetingEntry extends Common {
  kind: 'meeting';
  name: string;
  date: string;
  time?: string;
  type?: MeetingType;
  host?: string;
  attendees: string[];
  /**
   * Topics submitted (`/议题`), in order. `late`: added after their day — by the host, or by
   * someone else and accepted by the host on the card (`acceptedBy`).
   */
  topics?: Array<{
    title: string;
    reporter: string;
    by: string;
    at: number;
    late?: true;
    acceptedBy?: string;
  }>;
  /**
   * Late topics from others than the host, put to the host on a card (`/议题`): waiting while
   * `declinedBy` is unset, refused once it is set. One the host accepts leaves this list for
   * `topics` (with `acceptedBy`). `id` is the held topic's (its `/议题` message's).
   */
  lateTopics?: Array<{
    id: string;
    title: string;
    reporter: string;
    by: string;
    at: number;
    declinedBy?: string;
  }>;
  /** 纪要: its length in characters, once recorded; who recorded it last, and when. */
  minutesChars?: number;
  minutesBy?: string;
  minutesAt?: number;
  /** Items made from its 议定 lines. */
  decisions?: number[];
}

export type RegisterEntry = DocumentEntry | InspectionEntry | SurveyEntry | MeetingEntry;
export type RegisterKind = RegisterEntry['kind'];

export const REGISTER_CN: Record<RegisterKind, string> = {
  meeting: '会议',
  document: '发文',
  inspection: '督查',
  survey: '调研',
};

/** The entries a scope counts, and a sentence for each register it cannot count in that scope. */
export interface RegistersInScope {
  entries: RegisterEntry[];
  notCounted: string[];
}

/**
 * What `/统计` and the 台账 count of the registers when narrowed like the items (`单位`, `类型`),
 * from the entries already of the asker's scope and period. A unit counts only its own entries
 * (a document or survey of no unit is no unit's); meetings have no unit at all, so under a unit
 * they are left out and said to be. A 类型 names a kind of item (任务, 整改, …) and register
 * entries are not items, so under one none is counted — and since a reader of `/统计 类型 整改`
 * would otherwise take a missing line for "no meetings", the registers left out are named.
 * An owner (the 看板's 负责人 filter) is the same: an entry is registered by someone, but nobody
 * holds it as an owner holds an item.
 */
export function narrowRegisters(
  entries: readonly RegisterEntry[],
  filter: { unit?: string; kind?: string; owner?: string },
): RegistersInScope {
  const noneBecause = (why: string): RegistersInScope => {
    const kinds = (Object.keys(REGISTER_CN) as RegisterKind[]).filter((k) =>
      entries.some((e) => e.kind === k),
    );
    return {
      entries: [],
      notCounted: kinds.length > 0 ? [`${kinds.map((k) => REGISTER_CN[k]).join('、')}${why}`] : [],
    };
  };
  if (filter.kind) return noneBecause('不属于任何事项类型，按类型统计时未计入');
  if (filter.owner) return noneBecause('没有负责人，按负责人统计时未计入');
  if (!filter.unit) return { entries: [...entries], notCounted: [] };
  const ofUnit = entries.filter((e) => e.kind !== 'meeting' && e.unit === filter.unit);
  return {
    entries: ofUnit,
    notCounted: entries.some((e) => e.kind === 'meeting') ? [`${REGISTER_CN.meeting}不分单位，未计入`] : [],
  };
}

/** Characters as people count them (code points), for the 2000-character rule. */
export const charCount = (text: string): number => [...text].length;

export function documentRefusal(d: { pages: number; policy: boolean; reason?: string }): string | undefined {
  if (d.policy && d.pages > POLICY_DOCUMENT_MAX_PAGES && !d.reason)
    return `政策性文件原则上不超过 ${POLICY_DOCUMENT_MAX_PAGES} 页，这份有 ${d.pages} 页：请压缩到 ${POLICY_DOCUMENT_MAX_PAGES} 页以内，或在命令后写“理由 …”说明为什么需要 ${d.pages} 页。`;
  return undefined;
}

/** The first day an unplanned inspection registered today may take place. */
export const earliestUnplanned = (today: string): string => addDays(today, UNPLANNED_INSPECTION_NOTICE_DAYS);

export function inspectionRefusal(i: { date: string; planned: boolean }, today: string): string | undefined {
  if (i.planned) return undefined;
  if (daysBetween(today, i.date) >= UNPLANNED_INSPECTION_NOTICE_DAYS) return undefined;
  return `计划外的督查须提前 ${UNPLANNED_INSPECTION_NOTICE_DAYS} 日报备：今天登记，最早可安排在 ${earliestUnplanned(today)}。如属督查计划内，请加“计划内”；确需提前的，由系统管理员加“特批 理由 …”登记。`;
}

/** The quarter (or other period) a day falls in, for "the same matter once per period". */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** An earlier inspection of the same matter and unit in the same quarter, if any. */
export function duplicateInspection(
  entries: readonly InspectionEntry[],
  i: { matter: string; unit: string; date: string },
): InspectionEntry | undefined {
  const norm = (s: string) => s.replace(/\s+/gu, '');
  return entries.find(
    (e) =>
      norm(e.matter) === norm(i.matter) &&
      norm(e.unit) === norm(i.unit) &&
      quarterOf(e.date) === quarterOf(i.date),
  );
}

export interface RandomShare {
  total: number;
  random: number;
  /** Undefined without surveys. */
  share: number | undefined;
  belowRule: boolean;
}

export function randomShare(surveys: readonly SurveyEntry[]): RandomShare {
  const random = surveys.filter((s) => s.mode !== '安排').length;
  const share = surveys.length === 0 ? undefined : random / surveys.length;
  return {
    total: surveys.length,
    random,
    share,
    belowRule: share !== undefined && share < RANDOM_SURVEY_SHARE,
  };
}

/** This year's most: last year's total less 30%, rounded down. */
export const reducedTarget = (baseline: number): number => Math.floor(baseline * (1 - REDUCTION_TARGET));

export interface Pace {
  baseline: number;
  /** At most this many this year: the baseline less 30%, rounded down. */
  target: number;
  count: number;
  /** The year's count if it goes on at this rate. */
  projected: number;
  /** The reduction so far, against the baseline, as a fraction (0.3 = 30% fewer). */
  reduction: number;
  offPace: boolean;
}

/** This year's count against last year's (`baseline`), on `today`. */
export function paceOf(baseline: number, count: number, today: string): Pace {
  const year = Number(today.slice(0, 4));
  const dayOfYear = daysBetween(formatDate(year, 1, 1), today) + 1;
  const daysInYear = daysBetween(formatDate(year, 1, 1), formatDate(year + 1, 1, 1));
  const target = reducedTarget(baseline);
  const projected = Math.round((count / dayOfYear) * daysInYear);
  return {
    baseline,
    target,
    count,
    projected,
    reduction: baseline > 0 ? 1 - projected / baseline : 0,
    offPace: count > target || projected > target,
  };
}

/**
 * A day as people write it: `2026-12-15`, `2026年12月15日`, `12月15日` (this year), `今天`,
 * `明天`, `后天`, `昨天`, `本周三`, `下周一`. Undefined when it is not one.
 */
export function readDay(text: string, today: string): string | undefined {
  const t = text.trim();
  const relative: Record<string, number> = { 今天: 0, 明天: 1, 后天: 2, 昨天: -1, 前天: -2 };
  if (t in relative) return addDays(today, relative[t]!);
  const week = /^(本周|这周|下周)([一二三四五六日天])$/u.exec(t);
  if (week) {
    const monday = addDays(today, -((weekdayOf(today) + 6) % 7));
    return addDays(
      monday,
      (week[1] === '下周' ? 7 : 0) + '一二三四五六日'.indexOf(week[2] === '天' ? '日' : week[2]!),
    );
  }
  const full = /^(\d{4})(?:-|年|\/)(\d{1,2})(?:-|月|\/)(\d{1,2})日?$/u.exec(t);
  const short = /^(\d{1,2})月(\d{1,2})日?$/u.exec(t);
  const [y, m, d] = full
    ? [Number(full[1]), Number(full[2]), Number(full[3])]
    : short
      ? [Number(today.slice(0, 4)), Number(short[1]), Number(short[2])]
      : [0, 0, 0];
  if (!y || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m) || !isValidDate(y, m, d)) return undefined;
  return formatDate(y, m, d);
}
