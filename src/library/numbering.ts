/**
 * Clause numbering. Numbers are computed once, from the outline, as positions such as
 * [9, 2]; each locale only chooses how to write them. That is why both languages always
 * carry the same numbers and cross-references cannot point at the wrong clause.
 */

export type NumberingStyle = 'chinese' | 'decimal';
export const NUMBERING_STYLES: readonly NumberingStyle[] = ['chinese', 'decimal'];

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九, 105 → 一百零五. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new RangeError(`cannot write ${n} in Chinese numerals`);
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  let out = hundreds ? `${DIGITS[hundreds]}百` : '';
  if (tens) out += `${tens === 1 && !hundreds ? '' : DIGITS[tens]}十`;
  else if (hundreds && ones) out += '零';
  if (ones) out += DIGITS[ones];
  return out;
}

/** The numeral of each level of a position, as the locale's ref templates use them. */
export function numerals(position: readonly number[], style: NumberingStyle): string[] {
  return position.map((n, depth) => (style === 'chinese' && depth < 2 ? chineseNumeral(n) : String(n)));
}

/** Heading label: chinese 一、 / （二） / 3. ; decimal 1. / 1.2 / 1.2.3 */
export function headingLabel(position: readonly number[], style: NumberingStyle): string {
  if (style === 'decimal') return position.length === 1 ? `${position[0]}.` : position.join('.');
  const last = position[position.length - 1]!;
  if (position.length === 1) return `${chineseNumeral(last)}、`;
  if (position.length === 2) return `（${chineseNumeral(last)}）`;
  return `${last}.`;
}
