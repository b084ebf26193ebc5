/**
 * Reading a composed policy back the way a reader would: headings and their numbers
 * parsed from the Markdown (not taken from the composer's own outline), the text under a
 * heading, cross-references, and paragraphs/list items/table cells as units of text for
 * language checks.
 */
import type { Heading, LocaleDocument } from '../../src/compose/compose.js';
import type { Library } from '../../src/library/library.js';

const CN_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_NUMERAL = /[零一二三四五六七八九十百]+/;

/** 十六 → 16, 二十一 → 21, 一百零五 → 105. */
export function parseChineseNumeral(text: string): number {
  let total = 0;
  let digit = 0;
  for (const ch of text) {
    if (ch === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (ch === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else if (ch in CN_DIGITS) digit = CN_DIGITS[ch]!;
    else throw new Error(`not a Chinese numeral: ${text}`);
  }
  return total + digit;
}

/** Every number written in a piece of text, Arabic or Chinese, in order: "第十条第（二）项" → [10, 2]. */
export function numbersIn(text: string): number[] {
  return [...text.matchAll(/\d+|[零一二三四五六七八九十百]+/g)].map((m) => (/^\d+$/.test(m[0]) ? Number(m[0]) : parseChineseNumeral(m[0])));
}

export interface ParsedHeading {
  /** Markdown level: 2 for a top clause (`##`), 3 for a sub-clause. */
  depth: number;
  /** The raw heading text after the hashes. */
  text: string;
  /** The number as printed: [9] or [9, 2]; for Chinese level-2 labels (（二）) the parent is taken from the enclosing heading. */
  number: number[];
  /** Index of the line in the Markdown. */
  line: number;
}

/**
 * The clause headings of a document (not the title), with the number each one prints.
 * Understands 一、 / （二） / 3. (chinese) and 1. / 1.2 (decimal).
 */
export function parseHeadings(markdown: string): ParsedHeading[] {
  const out: ParsedHeading[] = [];
  const stack: number[] = [];
  markdown.split('\n').forEach((line, index) => {
    const m = /^(#{2,6}) (.*)$/.exec(line);
    if (!m) return;
    const depth = m[1]!.length;
    const text = m[2]!;
    const level = depth - 1;
    let own: number[];
    let decimal: RegExpExecArray | null;
    let cn: RegExpExecArray | null;
    if ((decimal = /^(\d+(?:\.\d+)*)\.?(?: |$)/.exec(text))) own = decimal[1]!.split('.').map(Number);
    else if ((cn = new RegExp(`^(${CN_NUMERAL.source})、`).exec(text)) && level === 1) own = [parseChineseNumeral(cn[1]!)];
    else if ((cn = new RegExp(`^（(${CN_NUMERAL.source})）`).exec(text)) && level === 2) own = [...stack.slice(0, 1), parseChineseNumeral(cn[1]!)];
    else throw new Error(`heading without a number on line ${index + 1}: ${line}`);
    // A decimal label carries its full path; a Chinese one only its last component.
    const number = own.length === level ? own : [...stack.slice(0, level - 1), own[own.length - 1]!];
    stack.length = level - 1;
    stack.push(number[number.length - 1]!);
    out.push({ depth, text, number, line: index });
  });
  return out;
}

/** The numbers a correct document would carry: 1, 1.1, 1.2, 2, … in order, none repeated. */
export function expectedNumbering(headings: readonly ParsedHeading[]): number[][] {
  const counters: number[] = [];
  return headings.map((h) => {
    const level = h.depth - 1;
    counters.length = level;
    counters[level - 1] = (counters[level - 1] ?? 0) + 1;
    for (let i = 0; i < level; i++) counters[i] ??= 1;
    return counters.slice(0, level);
  });
}

export interface ClauseView {
  heading: Heading;
  parsed: ParsedHeading;
  /** The clause's Markdown, heading included, up to the next heading at the same or a higher level. */
  markdown: string;
}

/** Each clause of a composed document, located in its Markdown by its heading line. */
export function clauses(doc: LocaleDocument): Map<string, ClauseView> {
  const parsed = parseHeadings(doc.markdown);
  if (parsed.length !== doc.headings.length) throw new Error(`${doc.locale}: ${parsed.length} headings in the Markdown, ${doc.headings.length} in the outline`);
  const lines = doc.markdown.split('\n');
  const map = new Map<string, ClauseView>();
  doc.headings.forEach((heading, i) => {
    const p = parsed[i]!;
    const end = parsed.slice(i + 1).find((q) => q.depth <= p.depth)?.line ?? lines.length;
    map.set(heading.id, { heading, parsed: p, markdown: lines.slice(p.line, end).join('\n') });
  });
  return map;
}

/** Markdown → the characters a reader sees: escapes, emphasis, code and autolink marks removed. */
export function plain(markdown: string): string {
  return markdown
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/\*\*|`/g, '')
    .replace(/<((?:https?:\/\/|mailto:)?[^\s<>]+)>/g, '$1')
    .replace(/\[([^\]]+)\]\(#[a-z0-9_]+\)/g, '$1');
}

/** Every in-page link `[text](#id)`. */
export function crossReferences(markdown: string): { text: string; id: string }[] {
  return [...markdown.matchAll(/\[([^\]]+)\]\(#([a-z0-9_]+)\)/g)].map((m) => ({ text: m[1]!, id: m[2]! }));
}

/**
 * Units of text a reader takes in one go: each paragraph line, list item and table cell
 * (table separator rows and headings excluded), in plain text.
 */
export function textUnits(markdown: string): string[] {
  const units: string[] = [];
  for (const line of markdown.split('\n')) {
    if (!line.trim() || /^#{1,6} /.test(line) || /^\|(?:\s*:?-+:?\s*\|)+$/.test(line)) continue;
    if (line.startsWith('|')) units.push(...line.slice(1, -1).split(/(?<!\\)\|/).map((c) => plain(c).trim()).filter(Boolean));
    else units.push(plain(line.replace(/^\s*(?:[-*] |\d+\. )/, '')).trim());
  }
  return units;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;
/** Email addresses and URLs: allowed inside sentences of either language. */
const ADDRESSES = /(?:https?:\/\/|mailto:)\S+|[^\s<>@]+@[^\s<>@]+\.[a-z]{2,}/gi;

export function latinWords(text: string): string[] {
  return text.replace(ADDRESSES, ' ').match(/[A-Za-z][A-Za-z'’-]*/g) ?? [];
}

/** A unit with at least `min` Latin words and not one CJK character: English left in the Chinese text. */
export function isEnglishOnly(unit: string, min = 4): boolean {
  return !CJK.test(unit) && latinWords(unit).length >= min;
}

/** A unit that still holds CJK characters once the given proper names are removed. */
export function hasChinese(unit: string, allowed: readonly string[] = []): boolean {
  let rest = unit;
  for (const name of allowed) rest = rest.split(name).join(' ');
  return CJK.test(rest);
}

/** Drafting placeholders and missing-translation markers. */
export const PLACEHOLDERS: readonly RegExp[] = [
  /\[[^\]\n]{0,40}(?:公司|地址|名称|法律|法院|管辖|日期|company|address|name|jurisdiction|court|date)[^\]\n]{0,40}\](?!\()/i,
  /【[^】]*】/,
  /\b(?:TODO|TBD|FIXME|XXX+)\b/,
  /待定|待补充|待填写/,
  /⟦[^⟧]*⟧/,
  /\{\{|\}\}/,
];

export const ENGLISH_MONTHS = /\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b/;

/**
 * The fixed wording of a locale key, as the pieces a reader sees between its
 * interpolations: "Our services are not designed for children under {{age}}." →
 * ["Our services are not designed for children under"]. Throws for a key the locale lacks.
 */
export function wording(library: Library, locale: string, key: string): string[] {
  const bundle = library.locales.get(locale);
  const raw: unknown = bundle?.i18n.getResource(locale, 'policy', key);
  if (typeof raw !== 'string') throw new Error(`locale ${locale} has no text for ${key}`);
  return raw
    .split(/\{\{[^}]*\}\}|\$t\([^)]*\)/)
    .map((piece) => plain(piece).trim().replace(/^[.,;:，。；：、\s]+|[.,;:，。；：、\s]+$/g, ''))
    .filter((piece) => piece.length >= 2);
}
