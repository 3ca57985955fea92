/**
 * What a card button carries back in `card.action.trigger`: which item, which action, and the
 * state the card showed (plan version; for an extension, which request). It is a hint, never a
 * credential: the tenant comes from the envelope, the operator from `event.operator.open_id`,
 * and the server re-reads the item and re-checks who may do what before changing anything.
 */
import { z } from 'zod';

export const CARD_ACTIONS = ['ack', 'done', 'progress', 'extend', 'approve', 'reject', 'open'] as const;
export type CardAction = (typeof CARD_ACTIONS)[number];

/** Which card the button sat on, so the answer replaces it with the same kind of card. */
export const CARD_VIEWS = ['item', 'status', 'ext', 'remind'] as const;
export type CardView = (typeof CARD_VIEWS)[number];

export interface CardActionValue {
  action: CardAction;
  no: number;
  /** The item's plan version when the card was drawn. */
  v: number;
  view: CardView;
  /** Extension cards: when the request they show was made (its identity). */
  req?: number;
}

export const cardActionValueSchema = z.object({
  action: z.enum(CARD_ACTIONS),
  no: z.number().int().positive().max(999_999_999),
  v: z.number().int().nonnegative(),
  view: z.enum(CARD_VIEWS).default('item'),
  req: z.number().int().nonnegative().optional(),
});

/**
 * A list card's paging button (`/列表`'s 上一页 / 下一页): the page to show and the list's filter,
 * written as `all`, `mine:<open_id>`, `overdue`, `owner:<open_id>` or `unit:<名称>`. Like an item
 * button's value it is a hint: the list is read again for the chat the card is in.
 */
export interface ListPageValue {
  action: 'list';
  page: number;
  f: string;
}

export const listPageValueSchema = z.object({
  action: z.literal('list'),
  page: z.number().int().min(1).max(100_000),
  f: z.string().max(200),
});

/** 再登记一件 on a duplicate warning: records the /任务 held back under this message id. */
export interface ConfirmTaskValue {
  action: 'confirmTask';
  id: string;
}

export const confirmTaskValueSchema = z.object({
  action: z.literal('confirmTask'),
  id: z.string().min(1).max(100),
});

/** 确认导入 / 取消 on a `/日历 导入` preview: applies or drops the notice held under this message id. */
export interface NoticeImportValue {
  action: 'importNotice' | 'dropNotice';
  id: string;
}

export const noticeImportValueSchema = z.object({
  action: z.enum(['importNotice', 'dropNotice']),
  id: z.string().min(1).max(100),
});

/** 确认 / 取消 on a `/计划 导入` preview: applies or drops the plan held under this message id. */
export interface PlanImportValue {
  action: 'importPlan' | 'dropPlan';
  id: string;
}

export const planImportValueSchema = z.object({
  action: z.enum(['importPlan', 'dropPlan']),
  id: z.string().min(1).max(100),
});

/** 同意上会 / 不同意 on a late topic (`/议题` after its deadline): the host's call on the topic held under this message id. */
export interface LateTopicValue {
  action: 'acceptTopic' | 'declineTopic';
  id: string;
}

export const lateTopicValueSchema = z.object({
  action: z.enum(['acceptTopic', 'declineTopic']),
  id: z.string().min(1).max(100),
});

/** What any of our buttons carries. */
export type ButtonValue =
  | CardActionValue
  | ListPageValue
  | ConfirmTaskValue
  | NoticeImportValue
  | PlanImportValue
  | LateTopicValue;

export const buttonValueSchema = z.union([
  cardActionValueSchema,
  listPageValueSchema,
  confirmTaskValueSchema,
  noticeImportValueSchema,
  planImportValueSchema,
  lateTopicValueSchema,
]);

/** Form input names, shared by the card builders and the callback handler. */
export const FORM_FIELDS = {
  /** 完成 / 反馈进展: the result note or the progress report. */
  note: 'note',
  /** 申请延期: the new deadline phrase. */
  due: 'due',
  /** 申请延期 and 驳回: the reason. */
  reason: 'reason',
} as const;
