/**
 * What the page's clock controls ask for (`POST /playground/api/clock`), read into a time-travel
 * target: `office` (the next office start), `hour`, `day`, or `at` a moment — a local
 * `2026-12-08T09:00` in the deployment's zone, or an instant with its offset taken as written.
 * Anything else is refused with a sentence the page shows.
 */
import { atLocal } from '../domain/time.ts';
import { PlaygroundRefusal } from './refusal.ts';
import type { TravelTarget } from './timeTravel.ts';

const HOUR_MS = 3_600_000;

export function travelTarget(body: Record<string, unknown>, timezone: string): TravelTarget {
  switch (body.to) {
    case 'office':
      return { kind: 'nextOfficeStart' };
    case 'hour':
      return { kind: 'by', ms: HOUR_MS };
    case 'day':
      return { kind: 'by', ms: 24 * HOUR_MS };
    case 'at': {
      const at = typeof body.at === 'string' ? body.at.trim() : '';
      // An instant with its offset (2026-12-08T09:00:00+08:00) is taken as written.
      const offset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})$/.exec(at);
      if (offset && Number.isFinite(Date.parse(at))) return { kind: 'to', instant: Date.parse(at) };
      const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::00)?$/.exec(at);
      if (!m)
        throw new PlaygroundRefusal(
          at
            ? `读不懂时间“${at.slice(0, 40)}”：请写成 2026-12-08T09:00（北京时间）。`
            : '请先选择要跳到的日期和时间。',
        );
      try {
        return { kind: 'to', instant: atLocal(m[1]!, m[2]!, timezone) };
      } catch {
        throw new PlaygroundRefusal('这个日期不存在，请重新选择。');
      }
    }
    default:
      throw new PlaygroundRefusal('不认识这个时间操作。');
  }
}
