/**
 * Time travel: move the bot's clock forward and let everything due by then happen, in order,
 * through the real queues. Reminders are BullMQ delayed jobs whose delays were computed from
 * the bot's clock; jumping the clock does not make BullMQ notice, so the reminder scheduler
 * promotes the jobs due under the new time (`promoteDue`).
 *
 * To keep "in order" true across a long jump (Monday's digest before Tuesday's chase), the
 * clock does not leap straight to the target: it stops at every instant something is due —
 * asking the scheduler when it can tell, otherwise at every office start on the way, which is
 * when the reminder policy fires (DESIGN §6) — and waits for the queues to drain at each stop.
 * What the stop's work schedules for that same instant (the collector that sends the 18:00
 * reminders as one card) runs at that stop too, so a card carries the time it was planned for.
 */
import type { Queue } from 'bullmq';
import type { Clock } from '../clock.ts';
import type { WorkingDayCalendar } from '../domain/calendar.ts';
import type { Logger } from '../logger.ts';
import type { PlaygroundLog } from './log.ts';
import { PlaygroundRefusal } from './refusal.ts';

/** A clock time travel can move (`ShiftedClock`). */
export interface MovableClock extends Clock {
  setTo(instant: number): void;
}

export function isMovable(clock: Clock): clock is MovableClock {
  return typeof (clock as Partial<MovableClock>).setTo === 'function';
}

/** What the reminder engine (`ReminderScheduler`, src/scheduling/scheduler.ts) offers. */
export interface DueJobs {
  /** Make the delayed jobs due at or before `now` (the bot's clock) run now; returns how many. */
  promoteDue(now: number): Promise<number>;
  /** The bot-clock instant of the earliest pending job, when the scheduler can tell. */
  nextDueAt?(): Promise<number | undefined>;
}

export interface TimeTravelDeps {
  clock: MovableClock;
  calendarFor: () => Promise<WorkingDayCalendar>;
  log: PlaygroundLog;
  /** Unset until the reminder engine lands: the clock moves, nothing is promoted. */
  dueJobs?: DueJobs;
  /** Queues whose work must finish at each stop before the clock moves on. */
  drain: readonly Queue[];
  /**
   * Queues whose delayed jobs are part of that work: the outbound queue holds a message back
   * for a moment when its group is at Lark's 5/s (real-time pacing), and it must still show up
   * before the clock moves past it. (The reminders queue's delayed jobs are the future.)
   */
  drainDelayed?: readonly Queue[];
  logger: Logger;
}

/** A year of stops is far more than any demo asks for; beyond it the clock jumps the rest at once. */
const MAX_STOPS = 400;
/** Rounds of promotion at one stop: reminders, then their collectors, then a straggler or two. */
const MAX_ROUNDS_PER_STOP = 5;
const DRAIN_TIMEOUT_MS = 15_000;
const DRAIN_POLL_MS = 25;

export type TravelTarget =
  | { kind: 'nextOfficeStart' }
  | { kind: 'by'; ms: number }
  | { kind: 'to'; instant: number };

export class TimeTravel {
  constructor(private readonly deps: TimeTravelDeps) {}

  /** Where a target lands from now (refused when it lies in the past). */
  async resolve(target: TravelTarget): Promise<number> {
    const now = this.deps.clock.now();
    if (target.kind === 'nextOfficeStart') return (await this.deps.calendarFor()).nextOfficeStart(now + 1);
    const to = target.kind === 'by' ? now + target.ms : target.instant;
    if (!Number.isFinite(to)) throw new PlaygroundRefusal('请选择一个有效的时间。');
    if (to <= now) throw new PlaygroundRefusal('时间只能往后拨：请选择比当前虚拟时间更晚的时刻。');
    return to;
  }

  /** Moves the clock to `target`; returns how many stops it made on the way. */
  async travel(target: TravelTarget): Promise<{ from: number; to: number; stops: number }> {
    const { clock, log, dueJobs } = this.deps;
    const to = await this.resolve(target);
    const from = clock.now();
    // The divider goes in first, so whatever fires shows up under it.
    await log.append({ kind: 'clock', from, to, at: from });
    let stops = 0;
    if (dueJobs) {
      const calendar = await this.deps.calendarFor();
      const nextStop = async (after: number) => {
        const next = dueJobs.nextDueAt ? await dueJobs.nextDueAt() : calendar.nextOfficeStart(after + 1);
        // A job reported due at or before the last stop is stuck, not due again: do not loop on it.
        return next !== undefined && next > after && next < to ? next : undefined;
      };
      for (
        let stop = await nextStop(from);
        stop !== undefined && stops < MAX_STOPS;
        stop = await nextStop(stop)
      ) {
        clock.setTo(stop);
        await this.runDue(dueJobs, stop);
        stops++;
      }
    }
    clock.setTo(to);
    if (dueJobs) await this.runDue(dueJobs, to);
    else await this.drained();
    return { from, to, stops };
  }

  /** Runs what is due at `at`, and then what that work made due at `at`, until nothing is. */
  private async runDue(dueJobs: DueJobs, at: number): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS_PER_STOP; round++) {
      const promoted = await dueJobs.promoteDue(at);
      await this.drained();
      if (!promoted) return;
    }
  }

  /** Waits until the given queues have nothing waiting or running (or gives up, loudly). */
  private async drained(): Promise<void> {
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    for (;;) {
      const delayedToo = new Set(this.deps.drainDelayed ?? []);
      const counts = await Promise.all(
        this.deps.drain.map((q) =>
          delayedToo.has(q)
            ? q.getJobCounts('waiting', 'active', 'prioritized', 'delayed')
            : q.getJobCounts('waiting', 'active', 'prioritized'),
        ),
      );
      const busy = counts.reduce((n, c) => n + Object.values(c).reduce((a, b) => a + b, 0), 0);
      if (busy === 0) return;
      if (Date.now() > deadline) {
        this.deps.logger.warn('time travel: queues still busy; moving on', { busy });
        return;
      }
      await new Promise((ok) => setTimeout(ok, DRAIN_POLL_MS));
    }
  }
}
