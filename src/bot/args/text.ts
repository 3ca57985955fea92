/**
 * A free-text argument (a result note, a reason, an opinion): trimmed, required unless said
 * otherwise, and within its limit from `src/domain/limits.ts`. Refusals carry the command's usage.
 */
import { exceeds, type TextField, tooLongText } from '../../domain/limits.ts';
import { UserError } from '../../errors.ts';

export function requireText(raw: string, field: TextField, usage: string, missing: string): string {
  const text = optionalText(raw, field, usage);
  if (!text) throw new UserError(missing, usage);
  return text;
}

export function optionalText(raw: string, field: TextField, usage: string): string {
  const text = raw.trim();
  if (exceeds(text, field.max)) throw new UserError(tooLongText(field, text), usage);
  return text;
}
