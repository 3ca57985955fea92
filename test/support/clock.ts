/**
 * A clock the test moves by hand. Components read it through the `Clock` interface, exactly as
 * they read the system clock in production.
 */
import type { Clock } from '../../src/clock.ts';

export class ManualClock implements Clock {
  private current: number;
  constructor(start: string | number) {
    this.current = typeof start === 'number' ? start : Date.parse(start);
    if (Number.isNaN(this.current)) throw new Error(`bad clock start ${start}`);
  }
  now(): number {
    return this.current;
  }
  set(instant: string | number): void {
    this.current = typeof instant === 'number' ? instant : Date.parse(instant);
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
