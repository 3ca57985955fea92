/**
 * How the end-to-end tests of work across chats look at the fake platform and move time: what a
 * chat or person was shown (as text, Lark's bold marks dropped), waiting for a message with
 * given fragments, and moving the injected clock to a local Beijing time with what fell due run.
 */
import type { ManualClock } from './clock.ts';
import { type Rig, textOf } from './harness.ts';

/** `rig` is read when called: tests start theirs in `beforeAll`. */
export function chatView(rig: () => Rig, clock: ManualClock) {
  const shown = (to: string) =>
    rig()
      .fake.messagesTo(to)
      .map((m) => ({ ...m, text: textOf(m.content).replaceAll('**', '') }));
  return {
    shown,
    /** `local`: `2026-12-07 09:00`, Beijing time. */
    moveTo: async (local: string) => {
      clock.set(`${local.replace(' ', 'T')}:00+08:00`);
      await rig().luoshi.deps.scheduler.promoteDue(clock.now());
    },
    waitFor: (to: string, ...fragments: string[]) =>
      rig().fake.waitFor(() => shown(to).find((m) => fragments.every((f) => m.text.includes(f)))),
  };
}
