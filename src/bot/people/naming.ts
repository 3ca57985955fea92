/**
 * Items, settings and people as they are shown: every person renamed to their current name from
 * the people directory, looked up in one batch for everything a message shows. A person the
 * directory cannot name keeps the name on record (from a mention); a card or text builder shows
 * `UNNAMED` for one with neither (`src/lark/cards/markdown.ts`, `src/bot/texts/format.ts`).
 */
import type { Item, Person } from '../../domain/item.ts';
import type { GroupSettings } from '../../domain/policy.ts';
import type { PeopleDirectory } from './directory.ts';

/** The names found by one lookup, applied to what is about to be shown. */
export class Names {
  /** The directory's answer: current names by open_id (those it could not name are absent). */
  constructor(readonly known: ReadonlyMap<string, string>) {}

  /** The current name of this open_id, when the directory knows it. */
  of(openId: string): string | undefined {
    return this.known.get(openId) || undefined;
  }

  person<P extends Person>(p: P): P {
    const name = this.of(p.openId);
    return name && name !== p.name ? { ...p, name } : p;
  }

  people<P extends Person>(people: readonly P[]): P[] {
    return people.map((p) => this.person(p));
  }

  item(item: Item): Item {
    return {
      ...item,
      owners: this.people(item.owners),
      creator: this.person(item.creator),
      ...(item.lead ? { lead: this.person(item.lead) } : {}),
      ...(item.extension ? { extension: { ...item.extension, by: this.person(item.extension.by) } } : {}),
      ...(item.signedOffBy ? { signedOffBy: this.person(item.signedOffBy) } : {}),
    };
  }

  items(items: readonly Item[]): Item[] {
    return items.map((i) => this.item(i));
  }

  settings(s: GroupSettings): GroupSettings {
    return {
      ...s,
      admins: this.people(s.admins),
      ...(s.principal ? { principal: this.person(s.principal) } : {}),
    };
  }
}

/** Every person an item can show: owners, creator, lead leader, the requester of an extension, who signed it off. */
export function peopleIn(item: Item): string[] {
  return [
    ...item.owners.map((p) => p.openId),
    item.creator.openId,
    ...(item.lead ? [item.lead.openId] : []),
    ...(item.extension ? [item.extension.by.openId] : []),
    ...(item.signedOffBy ? [item.signedOffBy.openId] : []),
  ];
}

/** One lookup for all of these people. */
export async function lookUp(
  directory: PeopleDirectory,
  tenant: string,
  openIds: Iterable<string>,
): Promise<Names> {
  return new Names(await directory.namesOf(tenant, openIds));
}

/** Items with everyone in them named, in one lookup. */
export async function namedItems(
  directory: PeopleDirectory,
  tenant: string,
  items: readonly Item[],
): Promise<Item[]> {
  if (items.length === 0) return [];
  const names = await lookUp(directory, tenant, items.flatMap(peopleIn));
  return names.items(items);
}

/** A group's settings with its principal leader and admins named. */
export async function namedSettings(
  directory: PeopleDirectory,
  tenant: string,
  s: GroupSettings,
): Promise<GroupSettings> {
  const ids = [...s.admins, ...(s.principal ? [s.principal] : [])].map((p) => p.openId);
  if (ids.length === 0) return s;
  return (await lookUp(directory, tenant, ids)).settings(s);
}
