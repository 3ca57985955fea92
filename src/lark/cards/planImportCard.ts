/**
 * The preview of `/计划 导入`: the plan items read — each with its deadline and owner — and every
 * line that could not be read. 确认 records them as items of kind 计划 (the importer or an
 * organisation admin, checked on press); 取消 drops them. Pure.
 */
import type { PlanImportValue } from './actionValue.ts';
import { button, buttonRow, type Card, type CardElement, card, markdown } from './elements.ts';
import { md } from './markdown.ts';
import { validateCard } from './schema.ts';

export interface PlanPreview {
  heldId: string;
  year: number;
  unit: string;
  /** `报送年度总结 · 截止 2026-12-31 18:00 周四 · 张三`, one per item. */
  lines: readonly string[];
  problems: readonly string[];
  outcome?: { kind: 'applied' | 'dropped'; by: string; numbers?: string };
}

const SHOWN = 60;

export function planImportCard(p: PlanPreview): Card {
  const elements: CardElement[] = [
    markdown(
      [
        `**${md(p.unit)}** ${p.year} 年工作计划，读到 ${p.lines.length} 项：`,
        ...p.lines.slice(0, SHOWN).map((l, i) => `${i + 1}. ${md(l)}`),
        ...(p.lines.length > SHOWN ? [`……另 ${p.lines.length - SHOWN} 项`] : []),
      ].join('\n'),
    ),
  ];
  if (p.problems.length > 0)
    elements.push(
      markdown(`**没有读懂的行（不会导入）：**\n${p.problems.map((x) => `• ${md(x)}`).join('\n')}`),
    );
  if (p.outcome) {
    elements.push(
      markdown(
        p.outcome.kind === 'applied'
          ? `✅ ${md(p.outcome.by)} 已确认导入${p.outcome.numbers ? `：${md(p.outcome.numbers)}` : ''}。`
          : `已由 ${md(p.outcome.by)} 取消，没有导入。`,
        'notation',
      ),
    );
  } else if (p.lines.length > 0) {
    const value = (action: PlanImportValue['action']): PlanImportValue => ({ action, id: p.heldId });
    elements.push(
      buttonRow([
        button('确认导入', value('importPlan'), { type: 'primary' }),
        button('取消', value('dropPlan')),
      ]),
    );
    elements.push(
      markdown(
        '确认后每项登记为“计划”类事项，照常提醒；未实施超过 10% 的单位须作书面说明。一天内有效。',
        'notation',
      ),
    );
  }
  return validateCard(
    card(
      { title: `📋 ${p.year}年工作计划导入（${p.outcome ? '已处理' : '待确认'}）`, template: 'blue' },
      elements,
    ),
  );
}
