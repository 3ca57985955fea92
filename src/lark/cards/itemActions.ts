/**
 * The buttons and forms under an open item: 签收 (owners), then one form for 完成 / 反馈进展
 * (both need a note, which the notice asks for), and one for 申请延期 (a deadline phrase and a
 * reason). Forms are root-level containers in JSON 2.0, so these are returned as a list of
 * elements for the card body. Anyone sees them; the server decides who may act.
 */
import type { Item } from '../../domain/item.ts';
import { FIELDS } from '../../domain/limits.ts';
import { type CardAction, type CardActionValue, type CardView, FORM_FIELDS } from './actionValue.ts';
import {
  type ButtonElement,
  button,
  buttonRow,
  type CardElement,
  form,
  input,
  markdown,
} from './elements.ts';

export function actionValue(item: Item, action: CardAction, view: CardView): CardActionValue {
  return { action, no: item.no, v: item.planVersion, view };
}

export function ackButton(item: Item, view: CardView): ButtonElement {
  return button('签收', actionValue(item, 'ack', view), { type: 'primary' });
}

/** Everything an open item offers; nothing for a closed one or one waiting for 销号. */
export function itemActions(item: Item, view: CardView): CardElement[] {
  if (item.status !== 'open') return [];
  const out: CardElement[] = [];
  if (item.acknowledgedAt === undefined) out.push(buttonRow([ackButton(item, view)]));
  out.push(
    form('work', [
      input(FORM_FIELDS.note, '办理结果或进展', '办结时写明办理结果；未办结可反馈进展', {
        maxLength: FIELDS.result.max,
        required: true,
        multiline: true,
      }),
      buttonRow([
        button('完成', actionValue(item, 'done', view), { type: 'primary', submit: true }),
        button('反馈进展', actionValue(item, 'progress', view), { submit: true }),
      ]),
    ]),
    form('extend', [
      input(FORM_FIELDS.due, '新的截止时间', '如：下周五、12月20日、3个工作日内', {
        maxLength: FIELDS.duePhrase.max,
        required: true,
      }),
      input(FORM_FIELDS.reason, '延期理由', '说明需要延期的原因', {
        maxLength: FIELDS.reason.max,
        required: true,
      }),
      button('申请延期', actionValue(item, 'extend', view), { submit: true }),
    ]),
  );
  return out;
}

/** The chat commands that do the same, for people who prefer typing. */
export function commandHint(item: Item): CardElement | undefined {
  if (item.status !== 'open') return undefined;
  return markdown(
    `也可以发送：/完成 #${item.no} 办理结果　/进展 #${item.no} 内容　/延期 #${item.no} 新截止 理由`,
    'notation',
  );
}
