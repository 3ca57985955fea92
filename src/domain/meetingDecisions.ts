/**
 * A meeting's 议定 items when its 纪要 is sent again to correct it (notice 十五): a 议定 line
 * that says what an item of the same meeting already says — the same title and the same owners
 * — is that item, kept as it is, not a second one (trial: re-sent minutes made #55 beside the
 * identical #54). Pure.
 *
 * The deadline is not part of what makes it the same decision. A deadline is moved by /延期 and
 * its approval, never by re-sending the minutes; and a line whose date was corrected, made into
 * a new item, would leave two items for one decision — the very duplicate the trial found. The
 * reply says when the minutes' date differs, and points to /延期. The lead leader and unit are
 * not part of it either: they say who follows the decision up, not what was decided. A
 * cancelled item no longer stands for its decision, so a line matching only it is recorded anew.
 */
import type { Item, Person } from './item.ts';

/** Titles as people retype them: spaces (full-width too) do not tell two decisions apart. */
const normal = (title: string) => title.replace(/\s+/gu, '');

const ownerKey = (owners: readonly Pick<Person, 'openId'>[]) =>
  [...new Set(owners.map((o) => o.openId))].sort().join(' ');

/** The item among `earlier` (the meeting's decisions) that this 议定 line already made, if any. */
export function sameDecision(
  earlier: readonly Item[],
  line: { title: string; owners: readonly Pick<Person, 'openId'>[] },
): Item | undefined {
  const title = normal(line.title);
  const owners = ownerKey(line.owners);
  return earlier.find(
    (i) => i.status !== 'cancelled' && normal(i.title) === title && ownerKey(i.owners) === owners,
  );
}
