/**
 * One luoshi on its own clock for a `describe` block (started before its tests, closed after):
 * send a command and read its reply, read what a chat or person was shown as text, wait for a
 * message with given fragments, and move the clock to a local Beijing time with what fell due
 * run. The reminder tests drive their scenarios through it.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Person } from '../../src/domain/item.ts';
import { ManualClock } from './clock.ts';
import { type Rig, startRig, textOf } from './harness.ts';

export function scenario(start: string) {
  const clock = new ManualClock(start);
  const ctx: { rig?: Rig } = {};
  beforeAll(async () => {
    ctx.rig = await startRig({ clock });
  });
  afterAll(async () => {
    await ctx.rig?.close();
  });
  const rig = () => ctx.rig!;
  const shown = (to: string) =>
    rig()
      .fake.messagesTo(to)
      .map((m) => textOf(m.content).replaceAll('**', ''));
  /** The text of the reply to `text` sent by `sender` in `chatId`. */
  const command = async (sender: string, text: string, chatId: string, mentions: Person[] = []) => {
    const sent = await rig().say(sender, text, mentions, { chatId });
    return textOf((await rig().fake.waitFor(() => rig().fake.repliesTo(sent.messageId)[0]))!.content);
  };
  return {
    shown,
    command,
    /** `local`: `2026-12-08 09:00`, Beijing time. */
    async moveTo(local: string) {
      clock.set(`${local.replace(' ', 'T')}:00+08:00`);
      return rig().luoshi.deps.scheduler.promoteDue(clock.now());
    },
    async waitText(to: string, ...fragments: string[]): Promise<string> {
      const text = await rig().fake.waitFor(() =>
        shown(to).find((t) => fragments.every((f) => t.includes(f))),
      );
      return text!;
    },
  };
}
