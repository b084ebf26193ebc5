/**
 * Words for a redline. Chinese has no spaces, and `diffWords` treats every Chinese
 * character as a word; `Intl.Segmenter` finds real words. Legal terms from the locale's
 * glossary (`versions.glossary`: 个人信息处理者, 敏感个人信息, 单独同意 …) stay whole
 * whatever ICU would do with them (ICU splits 个人信息处理者 into 个人|信息|处理|者, and
 * its splits may differ between Node versions).
 *
 * Dates, numbers and durations are single tokens too (`UNITS`, one pattern per locale):
 * a changed date reads "~~2026年1月10日~~2026年3月1日", never "2026年~~1~~3月~~10~~1日",
 * which a reader (or a screen reader) would take for "13月101日".
 */
import { diffArrays } from 'diff';

export interface Part {
  type: 'same' | 'ins' | 'del';
  text: string;
}

const segmenters = new Map<string, Intl.Segmenter>();
const patterns = new Map<string, RegExp | null>();

function segmenter(locale: string): Intl.Segmenter {
  let s = segmenters.get(locale);
  if (!s) segmenters.set(locale, (s = new Intl.Segmenter(locale, { granularity: 'word' })));
  return s;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One alternation of the glossary, longest term first; Latin terms match whole words. */
function glossaryPattern(glossary: readonly string[]): RegExp | null {
  const key = glossary.join('\u0000');
  if (patterns.has(key)) return patterns.get(key)!;
  const terms = [...new Set(glossary.filter(Boolean))].sort((a, b) => b.length - a.length);
  const pattern = terms.length
    ? new RegExp(
        terms
          .map((term) => {
            const start = /^\w/.test(term) ? '\\b' : '';
            const end = /\w$/.test(term) ? '\\b' : '';
            return `${start}${escapeRegExp(term)}${end}`;
          })
          .join('|'),
        'gu',
      )
    : null;
  patterns.set(key, pattern);
  return pattern;
}

const DIGITS = String.raw`\d+(?:,\d{3})*(?:\.\d+)?`;
const ISO_DATE = String.raw`\d{4}-\d{2}-\d{2}`;
const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';

/**
 * Dates, durations and numbers that are diffed as whole tokens, per language (the part of
 * the locale before `-`), longest form first; any other language gets ISO dates and numbers.
 */
const UNITS: Readonly<Record<string, RegExp>> = {
  zh: new RegExp(
    [
      String.raw`\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日`,
      String.raw`\d{4}\s*年\s*\d{1,2}\s*月`,
      String.raw`\d{1,2}\s*月\s*\d{1,2}\s*日`,
      ISO_DATE,
      String.raw`${DIGITS}\s*(?:个)?(?:工作日|自然日|个月|小时|分钟|周岁|周|天|日|月|年|岁|%|％)`,
      DIGITS,
    ].join('|'),
    'gu',
  ),
  en: new RegExp(
    [
      String.raw`\b(?:${MONTHS})\s+\d{1,2},\s*\d{4}\b`,
      String.raw`\b\d{1,2}\s+(?:${MONTHS})\s+\d{4}\b`,
      String.raw`\b(?:${MONTHS})\s+\d{4}\b`,
      ISO_DATE,
      String.raw`\b${DIGITS}(?:[\s-]+(?:business|working|calendar))?[\s-]+(?:days?|weeks?|months?|years?|hours?|minutes?)\b`,
      String.raw`\b${DIGITS}\s*%`,
      String.raw`\b${DIGITS}\b`,
    ].join('|'),
    'gu',
  ),
  other: new RegExp([ISO_DATE, String.raw`${DIGITS}\s*%?`].join('|'), 'gu'),
};

function unitPattern(locale: string): RegExp {
  return UNITS[locale.split('-')[0]!.toLowerCase()] ?? UNITS.other!;
}

// Segmenting is the costly part of a redline; a block is often compared with several
// candidates, so its tokens are kept (a bounded cache, cleared when full).
const tokenCache = new Map<string, string[]>();
const TOKEN_CACHE_SIZE = 5_000;

/** The text as words, spaces and punctuation; glossary terms are single tokens. */
export function tokenize(text: string, locale: string, glossary: readonly string[] = []): string[] {
  const key = `${locale}\u0000${glossary.join('\u0001')}\u0000${text}`;
  const cached = tokenCache.get(key);
  if (cached) return cached;
  if (tokenCache.size >= TOKEN_CACHE_SIZE) tokenCache.clear();
  const tokens = segmentText(text, locale, glossary);
  tokenCache.set(key, tokens);
  return tokens;
}

/** Dates, durations and numbers whole; the rest by glossary and words. */
function segmentText(text: string, locale: string, glossary: readonly string[]): string[] {
  const tokens: string[] = [];
  let at = 0;
  for (const match of text.matchAll(unitPattern(locale))) {
    if (match.index > at) tokens.push(...segmentWords(text.slice(at, match.index), locale, glossary));
    tokens.push(match[0]);
    at = match.index + match[0].length;
  }
  if (at < text.length) tokens.push(...segmentWords(text.slice(at), locale, glossary));
  return tokens;
}

function segmentWords(text: string, locale: string, glossary: readonly string[]): string[] {
  const tokens: string[] = [];
  const words = (piece: string) => {
    for (const { segment } of segmenter(locale).segment(piece)) tokens.push(segment);
  };
  const pattern = glossaryPattern(glossary);
  if (!pattern) {
    words(text);
    return tokens;
  }
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > at) words(text.slice(at, match.index));
    tokens.push(match[0]);
    at = match.index + match[0].length;
  }
  if (at < text.length) words(text.slice(at));
  return tokens;
}

/**
 * Word-level difference of two texts. Runs of change are grouped (all removed words, then
 * all added words) and a space between two changed words joins them, so a rewritten phrase
 * reads as one deletion and one insertion.
 */
export function diffWordsLocale(before: string, after: string, locale: string, glossary: readonly string[] = []): Part[] {
  const changes = diffArrays([...tokenize(before, locale, glossary)], [...tokenize(after, locale, glossary)]);
  // Flatten to [type, token] and fold whitespace between changes into the change.
  const flat: Part[] = [];
  for (const change of changes) {
    const type = change.added ? 'ins' : change.removed ? 'del' : 'same';
    for (const token of change.value) flat.push({ type, text: token });
  }
  const isChange = (p: Part | undefined) => p !== undefined && p.type !== 'same';
  for (let i = 0; i < flat.length; i++) {
    const part = flat[i]!;
    if (part.type !== 'same' || part.text.trim() !== '') continue;
    let j = i;
    while (j < flat.length && flat[j]!.type === 'same' && flat[j]!.text.trim() === '') j++;
    if (isChange(flat[i - 1]) && isChange(flat[j])) {
      const gap = flat.slice(i, j).map((p) => p.text).join('');
      flat.splice(i, j - i, { type: 'del', text: gap }, { type: 'ins', text: gap });
      i += 1;
    }
  }
  // Group each run of changes: deletions first, then insertions.
  const out: Part[] = [];
  let del = '';
  let ins = '';
  const flush = () => {
    if (del) out.push({ type: 'del', text: del });
    if (ins) out.push({ type: 'ins', text: ins });
    del = ins = '';
  };
  for (const part of flat) {
    if (part.type === 'del') del += part.text;
    else if (part.type === 'ins') ins += part.text;
    else {
      flush();
      const last = out[out.length - 1];
      if (last?.type === 'same') last.text += part.text;
      else out.push({ ...part });
    }
  }
  flush();
  return out;
}

/**
 * Share of the text (in characters) the two versions have in common, 0…1. With a locale, a
 * date, number or duration weighs as one character: a paragraph whose only change is its
 * date ("最后更新：2026年1月10日" → "…2026年3月1日") is that paragraph changed, not replaced.
 */
export function similarity(parts: readonly Part[], locale?: string): number {
  const weight = (text: string) => (locale ? text.replace(unitPattern(locale), '0') : text).trim().length;
  let same = 0;
  let total = 0;
  for (const p of parts) {
    const n = weight(p.text);
    if (p.type === 'same') {
      same += 2 * n;
      total += 2 * n;
    } else total += n;
  }
  return total === 0 ? 1 : same / total;
}
