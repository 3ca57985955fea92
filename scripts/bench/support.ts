/** What the benchmarks share: made-up people with Chinese names, and the median of runs. */
import type { Person } from '../../src/domain/item.ts';

/** Person `i`: a well-formed made-up open_id and a two-character name. */
export const benchPerson = (i: number): Person => ({
  openId: `ou_${i.toString(16).padStart(30, '0')}`,
  name: `${'张王李赵刘陈杨黄周吴'[i % 10]}${'一二三四五六七八九十'[(i >> 3) % 10]}`,
});

export const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
