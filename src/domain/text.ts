/**
 * Text as it enters luoshi, made safe to keep and to show: every string people type (messages,
 * card forms, names) passes through `normaliseText` before anything reads it.
 *
 * - Lone UTF-16 surrogates (`\ud800` with no partner) become U+FFFD. JavaScript keeps them, but
 *   JSON.stringify writes them as `\ud800` escapes that Redis's Lua `cjson` refuses to decode: an
 *   item holding one could never be changed or closed again.
 * - Control characters other than tab and newline are dropped (they draw as nothing, or break a
 *   line in a log or a card), and so are zero-width characters that make equal words differ.
 * - The result is in Unicode NFC, so a name typed two ways is stored one way.
 * - Full-width digits and ＃ (what a Chinese input method types in full-width mode) become ASCII:
 *   `会议＃１`, `１１页` and `１２０` mean what `会议#1`, `11页` and `120` do. Other full-width
 *   punctuation (，：（）) is left alone: it is ordinary Chinese writing, and the parsers read it.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200D\u2060\uFEFF]/g;

const FULL_WIDTH = /[\uFF10-\uFF19\uFF03]/g;

export function normaliseText(s: string): string {
  return s
    .toWellFormed()
    .replace(INVISIBLE, '')
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .normalize('NFC');
}
