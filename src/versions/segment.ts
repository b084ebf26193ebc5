/**
 * Words for a redline. Chinese has no spaces, and `diffWords` treats every Chinese
 * character as a word; `Intl.Segmenter` finds real words. Legal terms from the locale's
 * glossary (`versions.glossary`: 个人信息处理者, 敏感个人信息, 单独同意 …) stay whole
 * whatever ICU would do with them (ICU splits 个人信息处理者 into 个人|信息|处理|者, and
 * its splits may differ between Node versions).
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

function segmentText(text: string, locale: string, glossary: readonly string[]): string[] {
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

/** Share of the text (in characters) the two versions have in common, 0…1. */
export function similarity(parts: readonly Part[]): number {
  let same = 0;
  let total = 0;
  for (const p of parts) {
    const n = p.text.trim().length;
    if (p.type === 'same') {
      same += 2 * n;
      total += 2 * n;
    } else total += n;
  }
  return total === 0 ? 1 : same / total;
}
