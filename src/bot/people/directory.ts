/**
 * Who people are, by open_id: the names the bot shows wherever a person appears without a card
 * `<at>` (which shows the current name by itself) — list lines, the status card and its history,
 * digests, text replies. Lark's events carry a sender's open_id but not their name, and a card
 * press only the operator's, so a name has to be looked up; mentions carry names, and so does
 * `contact.user.updated_v3`, and the directory keeps what they say.
 *
 * Two rules for every implementation: a lookup never throws (a command that cannot name someone
 * still answers, falling back to the name on record, and in the last resort to `UNNAMED`), and it
 * is one batch (a list of fifteen lines is one lookup, not fifteen).
 */
import type { Person } from '../../domain/item.ts';

export interface PeopleDirectory {
  /** The current names of these people; those it cannot name are absent. Never throws. */
  namesOf(tenant: string, openIds: Iterable<string>): Promise<ReadonlyMap<string, string>>;
  /** Names just seen (mentions, a contact-change event): the freshest there are. Never throws. */
  saw(tenant: string, people: readonly Person[]): Promise<void>;
}

/**
 * One directory per kind of tenant: the playground's own tenant answers from its renameable
 * people, every other tenant from the contact directory (so a playground beside a real app never
 * asks Lark about made-up people).
 */
export function directoryByTenant(
  special: ReadonlyMap<string, PeopleDirectory>,
  otherwise: PeopleDirectory,
): PeopleDirectory {
  const pick = (tenant: string) => special.get(tenant) ?? otherwise;
  return {
    namesOf: (tenant, openIds) => pick(tenant).namesOf(tenant, openIds),
    saw: (tenant, people) => pick(tenant).saw(tenant, people),
  };
}

/** Open ids are Lark's (`ou_…`); anything else is not looked up or stored. */
const OPEN_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function isOpenId(id: string): boolean {
  return OPEN_ID.test(id);
}

/** The platform's own directory (Lark's contact API), asked about one person at a time. */
export interface ContactLookup {
  /**
   * The person's current name, or undefined when the platform has none to give (no such user,
   * outside the app's contact scope, the scope not granted). Throws when it could not be asked
   * (network, throttled, 5xx): worth asking again soon.
   */
  nameOf(openId: string): Promise<string | undefined>;
}
