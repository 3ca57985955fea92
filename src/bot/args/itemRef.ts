/**
 * `#12 已报送` → item 12 and the rest. Commands that act on an item take its number first.
 */
import { UserError } from '../../errors.ts';

export interface ItemRef {
  no: number;
  rest: string;
}

export function parseItemRef(args: string, usage: string): ItemRef {
  const m = /^[#＃]?\s*(\d{1,9})(?=\s|$)\s*([\s\S]*)$/u.exec(args.trim());
  if (!m) throw new UserError('请写明事项编号，例如 #12。', usage);
  return { no: Number(m[1]), rest: m[2]!.trim() };
}
