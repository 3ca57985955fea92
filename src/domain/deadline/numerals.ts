/**
 * Numbers as people write them in deadlines: `3`, `三`, `两`, `十`, `十五`, `二十三`, `一百`.
 *
 * `几` (`十几个工作日`) is accepted by the pattern so that it can be refused with a reason
 * instead of being silently skipped: it is an estimate, not a number.
 */

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

const CHINESE_CHARS = '零〇一二两三四五六七八九十百几';

/**
 * A regex source for one number, Arabic or Chinese, that never starts inside a longer number
 * of the same script (so `13月` is not read as `3月`, `十三个` not as `三个`).
 */
export const NUMBER = `(?:(?<![0-9])[0-9]+|(?<![${CHINESE_CHARS}])[${CHINESE_CHARS}]+)`;

export type NumeralReading = { kind: 'number'; value: number } | { kind: 'estimate' } | { kind: 'invalid' };

/** Reads one number written as matched by `NUMBER`. */
export function readNumeral(text: string): NumeralReading {
  if (/^[0-9]+$/.test(text)) return { kind: 'number', value: Number(text) };
  if (text.includes('几')) return { kind: 'estimate' };
  const value = readChinese(text);
  return value === undefined ? { kind: 'invalid' } : { kind: 'number', value };
}

/** The value of a number in a plain `NUMBER` match, or undefined for `几` or nonsense. */
export function numeralValue(text: string): number | undefined {
  const reading = readNumeral(text);
  return reading.kind === 'number' ? reading.value : undefined;
}

/**
 * Chinese numerals below 1000 in their usual forms: `十五`, `二十`, `二十三`, `一百零五`,
 * `一百二十`, and digit-by-digit spellings like `二〇`. Anything else is undefined.
 */
function readChinese(text: string): number | undefined {
  if (text.length === 0) return undefined;
  if (!/[十百]/.test(text)) {
    // Digit by digit (`二〇`, `五`); `两` only ever stands alone.
    if (text.length > 1 && text.includes('两')) return undefined;
    let value = 0;
    for (const ch of text) {
      const digit = DIGITS[ch];
      if (digit === undefined) return undefined;
      value = value * 10 + digit;
    }
    return value;
  }
  const m =
    /^(?:([一二两三四五六七八九])百)?(零)?(?:([一二三四五六七八九])?(十))?([一二三四五六七八九])?$/.exec(
      text,
    );
  if (!m) return undefined;
  const [, hundredsDigit, zero, tensDigit, ten, units] = m;
  const hundreds = hundredsDigit ? DIGITS[hundredsDigit]! : 0;
  // `十五` means 15, but after a hundred the tens digit must be written: `一百一十`.
  if (hundreds > 0 && ten && !tensDigit) return undefined;
  const tens = ten ? (tensDigit ? DIGITS[tensDigit]! : 1) : 0;
  if (zero && (hundreds === 0 || tens > 0)) return undefined;
  // `一百五` is colloquial for 150; read units after a bare hundred that way only without 零.
  const unitsValue = units ? DIGITS[units]! : 0;
  if (hundreds > 0 && !ten && !zero && units) return hundreds * 100 + unitsValue * 10;
  return hundreds * 100 + tens * 10 + unitsValue;
}
