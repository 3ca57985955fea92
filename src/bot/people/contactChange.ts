/**
 * `contact.user.updated_v3`: Lark tells the app that someone in its contact range changed (a new
 * name, among other things). `event.object` is the person as they are now; `old_object` holds the
 * old values of what changed. Only the name matters here: it goes straight into the people
 * directory, so the next list or status card shows it without waiting for the cache to age.
 * https://open.feishu.cn/document/server-docs/contact-v3/user/events/updated
 */
import { z } from 'zod';
import type { Person } from '../../domain/item.ts';
import { exceeds, FIELDS } from '../../domain/limits.ts';
import { normaliseText } from '../../domain/text.ts';

export const CONTACT_USER_UPDATED = 'contact.user.updated_v3';

const changeSchema = z.looseObject({
  object: z.looseObject({ open_id: z.string().min(1).max(64), name: z.string().nullish() }),
});

/** The person and their current name, or undefined when the event names nobody we can use. */
export function readContactChange(event: unknown): Person | undefined {
  const parsed = changeSchema.safeParse(event);
  if (!parsed.success) return undefined;
  const name = normaliseText(parsed.data.object.name ?? '').trim();
  if (!name || exceeds(name, FIELDS.name.max)) return undefined;
  return { openId: parsed.data.object.open_id, name };
}
