/**
 * The people directory of the playground's tenant: its five renameable people, read from where
 * the page keeps them, so a rename (改名) shows at once in every list, status card, history and
 * digest drawn afterwards. Nobody else is known, and nothing is asked of Lark.
 */
import type { PeopleDirectory } from '../bot/people/directory.ts';
import type { Logger } from '../logger.ts';
import type { PlaygroundMembers } from './members.ts';

export class PlaygroundPeople implements PeopleDirectory {
  constructor(
    private readonly members: PlaygroundMembers,
    private readonly logger: Logger,
  ) {}

  async namesOf(_tenant: string, openIds: Iterable<string>): Promise<ReadonlyMap<string, string>> {
    const wanted = new Set(openIds);
    try {
      const everyone = await this.members.all();
      return new Map(everyone.filter((m) => wanted.has(m.openId)).map((m) => [m.openId, m.name]));
    } catch (err) {
      this.logger.warn('playground people unreadable; names on record are shown', { err });
      return new Map();
    }
  }

  /** The page's names are the truth: a mention of someone renamed since says nothing new. */
  async saw(): Promise<void> {}
}
