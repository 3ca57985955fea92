/**
 * Demo data: a realistic week in a county government office under notice 垫江府发〔2019〕13号 —
 * the admin names the principal leader, a superior document is received (收文), a
 * rectification list is drawn up (整改), an annual task is split into months (分解), and people
 * acknowledge, report progress and finish — typed into the group by its people, one command
 * at a time, through the same inbound path as everything else. Each command waits for the
 * bot's answer so item numbers come out in order and later lines can refer to them.
 * Deadlines are counted in working days (or 明天) so the demo works whatever the virtual date.
 */
import type { PlaygroundChat } from './chat.ts';
import type { LogEntry, PlaygroundLog } from './log.ts';
import { PLAYGROUND_ADMIN_OPEN_ID, PLAYGROUND_GROUP_CHAT, SEED_MEMBERS } from './world.ts';

const who = (name: string): string => {
  const m = SEED_MEMBERS.find((s) => s.name === name);
  if (!m) throw new Error(`demo week names an unknown seed member ${name}`);
  return m.openId;
};

export interface DemoLine {
  /** Names a line whose (first) item number later lines use as `{label}`. */
  label?: string;
  as: string;
  /** `@name` uses the seed names; the page's current names are substituted when sent. */
  text: string;
}

export const DEMO_WEEK: readonly DemoLine[] = [
  { as: PLAYGROUND_ADMIN_OPEN_ID, text: '/设置 领导 @刘局长' },
  {
    label: 'receipt',
    as: who('王主任'),
    text: '/收文 关于进一步提高政府系统执行力的通知 @张三 牵头 @王主任',
  },
  {
    label: 'fire',
    as: who('刘局长'),
    text: '/整改 县城主干道消防通道占用 @李四 牵头 @王主任 单位 县应急管理局 5个工作日内 要求 全面清理并建立巡查台账',
  },
  {
    as: who('刘局长'),
    text: '/整改 安全生产隐患排查台账不全 @张三 牵头 @王主任 单位 县应急管理局 10个工作日内 要求 逐项补齐并由分管领导签字',
  },
  {
    as: who('刘局长'),
    text: '/整改 政务服务大厅窗口超时办结 @李四 牵头 @王主任 单位 县政务服务中心 15个工作日内 要求 公开承诺时限并每周通报',
  },
  { as: who('王主任'), text: '/分解 老旧小区改造年度任务 @张三 60个工作日内 按月' },
  { as: PLAYGROUND_ADMIN_OPEN_ID, text: '/任务 报送本周政务信息 @李四 明天' },
  { as: who('张三'), text: '/签收 #{receipt}' },
  { as: who('李四'), text: '/进展 #{fire} 已清理主干道两处占道，巡查台账在建' },
  { as: who('张三'), text: '/完成 #{receipt} 已报刘局长阅示，批示“抓紧落实”' },
  // The notice's registers (十五 to 十七, 四): one of each.
  { as: who('王主任'), text: '/会议 老旧小区改造专题会 下周五 9:30 主持 @刘局长 专题会' },
  { as: who('张三'), text: '/发文 关于加强城镇燃气安全管理的通知 6页 政策性 单位 县应急管理局' },
  { as: who('赵管理员'), text: '/督查 消防安全专项督查 单位 县应急管理局 明天 计划内' },
  { as: who('李四'), text: '/调研 老旧小区加装电梯 今天 暗访 单位 县住建委' },
];

export interface SeedResult {
  sent: number;
  /** Lines not sent because an earlier one they depend on got no item number. */
  skipped: number;
  /** Lines the bot did not answer in time. */
  unanswered: number;
}

// Generous: on a busy machine (a test suite beside it) a reply can take many seconds, and a demo
// that waits is better than one that gives up halfway.
const REPLY_TIMEOUT_MS = 60_000;

/** Types the demo week into the group, as its people, using their current names. */
export async function seedDemoWeek(
  chat: PlaygroundChat,
  log: PlaygroundLog,
  currentName: (openId: string) => string | undefined,
): Promise<SeedResult> {
  const numbers = new Map<string, string>();
  const result: SeedResult = { sent: 0, skipped: 0, unanswered: 0 };
  for (const line of DEMO_WEEK) {
    let text = line.text.replace(/@([^\s@]+)/g, (whole, name: string) => {
      const seed = SEED_MEMBERS.find((s) => s.name === name);
      return seed ? `@${currentName(seed.openId) ?? name}` : whole;
    });
    let missing = false;
    text = text.replace(/\{(\w+)\}/g, (_, label: string) => {
      const no = numbers.get(label);
      if (!no) missing = true;
      return no ?? '';
    });
    if (missing) {
      result.skipped++;
      continue;
    }
    const { messageId, entryId } = await chat.say({ as: line.as, chatId: PLAYGROUND_GROUP_CHAT, text });
    result.sent++;
    const reply = await log.waitFor(entryId, (e) => isReplyTo(e, messageId), REPLY_TIMEOUT_MS);
    if (!reply) {
      result.unanswered++;
      continue;
    }
    const no = itemNumberIn(reply);
    if (line.label && no) numbers.set(line.label, no);
  }
  return result;
}

function isReplyTo(e: LogEntry, messageId: string): boolean {
  return e.record.kind === 'bot' && e.record.replyTo === messageId;
}

/** The `#n` a confirmation names, whether it came as text or as a card. */
function itemNumberIn(e: LogEntry): string | undefined {
  if (e.record.kind !== 'bot') return undefined;
  const m = e.record.message;
  const text = m.type === 'text' ? m.text : m.type === 'card' ? JSON.stringify(m.card) : m.name;
  return /#(\d+)/.exec(text)?.[1];
}
