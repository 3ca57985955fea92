/**
 * What the registers say back: the year's count against last year's and the −30% target, and
 * the share of random or unannounced surveys against the ≥ 50% rule. Pure.
 */
import {
  type Pace,
  RANDOM_SURVEY_SHARE,
  type RandomShare,
  REDUCTION_TARGET,
  REGISTER_CN,
} from '../../domain/registers.ts';

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** `今年已登记会议 12 次；上年 100 次，今年目标不超过 70 次，按目前进度全年约 95 次。⚠️ 照此进度达不到…` */
export function paceText(kind: 'meeting' | 'document', count: number, pace: Pace | undefined): string {
  // 登记: the count includes meetings registered for later in the year.
  const verb = kind === 'meeting' ? '登记会议' : '发文';
  const unit = kind === 'meeting' ? '次' : '件';
  const head = `今年已${verb} ${count} ${unit}`;
  if (!pace)
    return `${head}。（未设上年基数：管理员可发送 /设置 ${REGISTER_CN[kind]}基数 <上年总数>，以跟踪比上年减少 ${pct(REDUCTION_TARGET)} 的要求。）`;
  const line = `${head}；上年 ${pace.baseline} ${unit}，今年目标不超过 ${pace.target} ${unit}，按目前进度全年约 ${pace.projected} ${unit}`;
  if (count > pace.target)
    return `${line}。⚠️ 已超过今年目标（比上年减少 ${pct(REDUCTION_TARGET)}）${count - pace.target} ${unit}。`;
  return pace.offPace
    ? `${line}。⚠️ 照此进度达不到比上年减少 ${pct(REDUCTION_TARGET)} 的要求。`
    : `${line}，可比上年减少约 ${pct(Math.max(0, pace.reduction))}。`;
}

export function randomShareText(label: string, s: RandomShare): string {
  if (s.share === undefined) return `${label}还没有登记调研。`;
  const line = `${label}调研 ${s.total} 次，其中随机抽查、暗访 ${s.random} 次，占 ${pct(s.share)}`;
  return s.belowRule
    ? `${line}。⚠️ 低于 ${pct(RANDOM_SURVEY_SHARE)} 的要求（通知第四条）。`
    : `${line}，符合不低于 ${pct(RANDOM_SURVEY_SHARE)} 的要求。`;
}
