/**
 * The one source of time. Every component takes a `Clock`; domain functions take `now`.
 * Delays for BullMQ are computed from this clock, so moving it (playground time travel,
 * acceptance runs) moves every reminder with it.
 */
export interface Clock {
  /** Current instant in epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * A clock that starts at `start` and runs forward in real time from there
 * (`LUOSHI_CLOCK_START`). `advance()` jumps it forward (time travel).
 */
export class ShiftedClock implements Clock {
  private offsetMs: number;
  constructor(
    start: number,
    private readonly real: Clock = systemClock,
  ) {
    this.offsetMs = start - real.now();
  }
  now(): number {
    return this.real.now() + this.offsetMs;
  }
  /** Move the clock forward by `ms` (never backwards: reminders already sent stay sent). */
  advance(ms: number): void {
    if (ms < 0) throw new RangeError('the clock only moves forward');
    this.offsetMs += ms;
  }
  /** Jump to an instant in the future. */
  setTo(instant: number): void {
    this.advance(Math.max(0, instant - this.now()));
  }
}
