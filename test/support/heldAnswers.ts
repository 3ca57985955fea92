/**
 * A fault for crash tests: once `after` messages have been delivered, the fake platform delivers
 * the next `count` sends at once but answers them only `delayMs` later — so a worker killed in
 * between dies with sends made and their jobs still active, and whoever takes the jobs over sends
 * them again (the same `uuid`, which Lark shows once).
 */
import type { FakeLark } from './fakeLark.ts';

export interface HeldAnswers {
  /** How many sends are held so far. */
  count(): number;
  /** The held sends' uuids. */
  readonly uuids: ReadonlySet<string>;
}

export function holdAnswers(
  fake: FakeLark,
  o: { after: number; count: number; delayMs: number },
): HeldAnswers {
  const uuids = new Set<string>();
  let held = 0;
  fake.setFault((request) => {
    if (!request.isSend || fake.messages.length < o.after || held >= o.count) return undefined;
    held++;
    uuids.add(String((request.body as { uuid?: string }).uuid));
    return {
      deliver: true,
      status: 200,
      body: { code: 0, msg: 'success', data: { message_id: 'om_answer_never_read' } },
      delayMs: o.delayMs,
    };
  });
  return { count: () => held, uuids };
}
