/**
 * How the deadline rules are matched against a phrase, for `readDeadline` (parse.ts): every
 * match of a set of rules leftmost and longest first, the longest match at one position, a time
 * read with the part of day written before it, and the full-width to ASCII normalisation that
 * keeps positions. Each rule's pattern is compiled once, in both the searching and the sticky
 * form.
 */
import { timeRules } from './timeRules.ts';
import type { PhraseRule } from './types.ts';

/** One rule's match, and where in the phrase it lies. */
export interface Found {
  rule: PhraseRule;
  match: RegExpExecArray;
  start: number;
  end: number;
}

const compiled = new Map<PhraseRule, { search: RegExp; sticky: RegExp }>();
function regexes(rule: PhraseRule): { search: RegExp; sticky: RegExp } {
  let r = compiled.get(rule);
  if (!r) {
    r = { search: new RegExp(rule.pattern, 'g'), sticky: new RegExp(rule.pattern, 'y') };
    compiled.set(rule, r);
  }
  return r;
}

/** Every match of every rule, leftmost first, longest first on a tie. */
export function findAll(rules: readonly PhraseRule[], text: string): Found[] {
  const found: Found[] = [];
  for (const rule of rules) {
    const re = regexes(rule).search;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      found.push({ rule, match: m, start: m.index, end: m.index + m[0].length });
    }
  }
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** The longest match of `rules` starting exactly at `pos`. */
export function matchAt(rules: readonly PhraseRule[], text: string, pos: number): Found | undefined {
  let best: Found | undefined;
  for (const rule of rules) {
    const re = regexes(rule).sticky;
    re.lastIndex = pos;
    const m = re.exec(text);
    if (m && m[0].length > 0 && (!best || pos + m[0].length > best.end)) {
      best = { rule, match: m, start: pos, end: pos + m[0].length };
    }
  }
  return best;
}

/** A time at `pos` read as if `partOfDay` were written before it (`今晚` + `8点`). */
export function hintedTimeAt(text: string, pos: number, partOfDay: string): Found | undefined {
  const hinted = matchAt(timeRules, partOfDay + text.slice(pos), 0);
  if (!hinted || hinted.end <= partOfDay.length) return undefined;
  return { ...hinted, start: pos, end: pos + hinted.end - partOfDay.length };
}

/**
 * Full-width digits and punctuation to ASCII, one character for one so that positions in the
 * normalised text are positions in the phrase.
 */
export function normalise(phrase: string): string {
  return phrase.replace(/[０-９：／－．]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/** Past what `re` (sticky) matches at `pos`, or `pos` when nothing does. */
export function skip(re: RegExp, text: string, pos: number): number {
  re.lastIndex = pos;
  return re.exec(text) ? re.lastIndex : pos;
}
