/**
 * The registers' figures for a period and scope, beside `/统计`'s item figures and in the 台账:
 * how many meetings (by type), documents (policy ones), inspections (unplanned ones) and surveys
 * (the random or unannounced share) fell in the period. Scope as for `/统计`: a group's own
 * entries in the group; in a private chat, everything for an organisation admin, else what the
 * person registered. Narrowed to a unit or a 类型 as the items are, by `narrowRegisters`
 * (`src/domain/registers.ts`): `registersInScope` is the one place both `/统计` and the 台账's
 * 登记簿 sheet choose their entries, so the two cannot count different ones.
 */
import type { Period } from '../../domain/figures.ts';
import type { ItemKind } from '../../domain/item.ts';
import type {
  InspectionEntry,
  MeetingEntry,
  RegisterEntry,
  RegistersInScope,
  SurveyEntry,
} from '../../domain/registers.ts';
import { narrowRegisters, REGISTER_CN, randomShare } from '../../domain/registers.ts';
import { atLocal } from '../../domain/time.ts';
import type { BotDeps } from '../deps.ts';
import type { Asker } from './statsScope.ts';

/**
 * What a `/统计` or `/台账` request narrows to: its period, and the unit and 类型 when named
 * (and the owner, which only the 看板's download filters on).
 */
export interface RegisterRequest {
  period: Period;
  unit?: string;
  kind?: ItemKind;
  owner?: string;
}

type RegisterDeps = Pick<BotDeps, 'registers' | 'authority' | 'time'>;

/** The register entries the asker's request counts, and what it cannot count, said. */
export async function registersInScope(
  deps: RegisterDeps,
  asker: Asker,
  request: RegisterRequest,
): Promise<RegistersInScope> {
  const { period } = request;
  const tz = deps.time.timezone;
  const inPeriod = (date: string) => {
    const at = atLocal(date, '00:00', tz);
    return at >= period.from && at < period.to;
  };
  const admin = deps.authority.isOrgAdmin(asker.openId);
  const visible = (e: RegisterEntry) =>
    asker.chatType !== 'p2p' ? e.chatId === asker.chatId : admin || e.by === asker.openId;
  const entries: RegisterEntry[] = [];
  for (const kind of ['meeting', 'document', 'inspection', 'survey'] as const)
    entries.push(
      ...(await deps.registers.all(asker.tenant, kind)).filter((e) => visible(e) && inPeriod(e.date)),
    );
  return narrowRegisters(entries, request);
}

/** `/统计`'s 登记簿 lines: each register's count in the scope, then what the scope could not count. */
export async function registerFigures(
  deps: RegisterDeps,
  asker: Asker,
  request: RegisterRequest,
): Promise<string[]> {
  const { entries, notCounted } = await registersInScope(deps, asker, request);
  const of = <K extends RegisterEntry['kind']>(kind: K) =>
    entries.filter((e): e is Extract<RegisterEntry, { kind: K }> => e.kind === kind);
  const lines: string[] = [];
  const meetings = of('meeting') as MeetingEntry[];
  if (meetings.length > 0) {
    const byType = new Map<string, number>();
    for (const m of meetings) byType.set(m.type ?? '其他', (byType.get(m.type ?? '其他') ?? 0) + 1);
    lines.push(
      `${REGISTER_CN.meeting} ${meetings.length} 次（${[...byType].map(([t, n]) => `${t} ${n}`).join('、')}）`,
    );
  }
  const documents = of('document');
  if (documents.length > 0)
    lines.push(
      `${REGISTER_CN.document} ${documents.length} 件（政策性 ${documents.filter((d) => d.policy).length} 件）`,
    );
  const inspections = of('inspection') as InspectionEntry[];
  if (inspections.length > 0)
    lines.push(
      `${REGISTER_CN.inspection} ${inspections.length} 次（计划外 ${inspections.filter((i) => !i.planned).length} 次）`,
    );
  const surveys = of('survey') as SurveyEntry[];
  if (surveys.length > 0) {
    const s = randomShare(surveys);
    lines.push(
      `${REGISTER_CN.survey} ${surveys.length} 次（随机、暗访占 ${Math.round((s.share ?? 0) * 100)}%${s.belowRule ? '，⚠️ 低于 50%' : ''}）`,
    );
  }
  return [...lines, ...notCounted];
}
