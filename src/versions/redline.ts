/**
 * Redline of one locale's text between two versions.
 *
 * The Markdown of each side is read into blocks (headings, paragraphs, list items, table
 * rows) grouped by clause. Clauses are matched by id: a clause whose position among the
 * others changed is shown as moved (with a note where it was), not as deleted + inserted.
 * Inside a clause, blocks are compared whole first; only blocks that differ are compared
 * word by word (TOOLCHAIN.md: ~2.5 ms instead of ~700 ms for a whole document).
 */
import { diffArrays } from 'diff';
import type { Heading } from '../compose/compose.js';
import { PREAMBLE, splitClauses } from './attribute.js';
import { diffWordsLocale, similarity, type Part } from './segment.js';
import type { SideDocument } from './sides.js';

export interface Block {
  kind: 'title' | 'h' | 'p' | 'li' | 'row';
  /** Table header row. */
  header?: boolean;
  /** Nesting of a list item (0 = top). */
  depth?: number;
  cells: string[];
}

export interface RedlineBlock {
  kind: Block['kind'];
  header?: boolean;
  depth?: number;
  status: 'same' | 'ins' | 'del' | 'changed';
  /** Per cell (one for anything but a table row), the text as parts. */
  cells: Part[][];
}

export type ClauseStatus = 'same' | 'changed' | 'added' | 'removed' | 'moved' | 'moved-away';

export interface RedlineClause {
  id: string;
  status: ClauseStatus;
  /** Its heading in the older and the newer version. */
  before?: Heading;
  after?: Heading;
  blocks: RedlineBlock[];
}

export interface Redline {
  locale: string;
  /** Title and stamp. */
  preamble: RedlineBlock[];
  clauses: RedlineClause[];
  /** Any difference at all, numbering included. */
  changed: boolean;
}

// The policy's Markdown is generated (compose), so a line reader of its few block forms —
// headings, paragraphs, "- " lists, pipe tables — is enough, and ~100× faster than a full
// Markdown parser (which made a redline of the example cost ~0.5 s).
const ESCAPED = /\\([!-/:-@[-`{-~])/g;

/** Inline Markdown → the text a reader sees (links keep their text, escapes resolved). */
export function plainText(markdown: string): string {
  // Escaped characters and code spans are held aside so no rule below touches them.
  const held: string[] = [];
  const hold = (text: string) => `\uE000${held.push(text) - 1}\uE001`;
  return markdown
    .replace(ESCAPED, (_, ch: string) => hold(ch))
    .replace(/`([^`]*)`/g, (_, code: string) => hold(code))
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<((?:https?:|mailto:)[^>\s]+|[^>\s@]+@[^>\s]+)>/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/\*(?=\S)([\s\S]*?\S)\*/g, '$1')
    .replace(/(?<![\p{L}\p{N}])_(?=\S)([\s\S]*?\S)_(?![\p{L}\p{N}])/gu, '$1')
    .replace(/ {2,}$/gm, '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\uE000(\d+)\uE001/g, (_, i: string) => held[Number(i)]!)
    .trim();
}

function tableCells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => plainText(cell.trim()));
}

const LIST_ITEM = /^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$/;

/** Blocks of a Markdown text: headings, paragraphs, list items, table rows. */
export function markdownBlocks(markdown: string): Block[] {
  const out: Block[] = [];
  let paragraph: string[] = [];
  let item: { depth: number; lines: string[] } | undefined;
  const flush = () => {
    if (paragraph.length) out.push({ kind: 'p', cells: [plainText(paragraph.join('\n'))] });
    if (item) out.push({ kind: 'li', ...(item.depth ? { depth: item.depth } : {}), cells: [plainText(item.lines.join('\n'))] });
    paragraph = [];
    item = undefined;
  };
  let header = false;
  for (const line of markdown.split('\n')) {
    if (!line.trim()) {
      flush();
      header = false;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      out.push({ kind: heading[1]!.length === 1 ? 'title' : 'h', cells: [plainText(heading[2]!)] });
      continue;
    }
    if (/^\s*\|/.test(line)) {
      if (!out.length || out[out.length - 1]!.kind !== 'row' || paragraph.length || item) {
        flush();
        header = true;
      }
      if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line)) continue;
      out.push({ kind: 'row', ...(header ? { header: true } : {}), cells: tableCells(line) });
      header = false;
      continue;
    }
    const li = LIST_ITEM.exec(line);
    if (li) {
      flush();
      item = { depth: Math.floor(li[1]!.length / 2), lines: [li[2]!] };
      continue;
    }
    if (item) item.lines.push(line.trim());
    else paragraph.push(line);
  }
  flush();
  return out;
}

/** Clause id → its blocks (heading first); the preamble under "". */
export function clauseBlocks(doc: Pick<SideDocument, 'markdown' | 'headings'>): Map<string, Block[]> {
  const out = new Map<string, Block[]>();
  const sections = splitClauses(doc);
  const headingLine = new Map(doc.headings.map((h) => [h.id, h]));
  for (const [id, markdown] of sections) {
    const blocks: Block[] = [];
    const heading = headingLine.get(id);
    if (heading) blocks.push({ kind: 'h', cells: [`${heading.label}${/[、）]$/.test(heading.label) ? '' : ' '}${heading.title}`] });
    blocks.push(...markdownBlocks(markdown));
    out.set(id, blocks);
  }
  return out;
}

const key = (b: Block) => `${b.kind}\u0001${b.depth ?? 0}\u0001${b.cells.join('\u0002')}`;
const whole = (b: Block, status: 'same' | 'ins' | 'del'): RedlineBlock => ({
  kind: b.kind,
  ...(b.header ? { header: true } : {}),
  ...(b.depth ? { depth: b.depth } : {}),
  status,
  cells: b.cells.map((text) => [{ type: status, text }]),
});

/** How far ahead a removed block looks for the added block it became. */
const PAIR_WINDOW = 8;
const MIN_SIMILARITY = 0.35;

function pair(a: Block, b: Block, locale: string, glossary: readonly string[]): RedlineBlock | undefined {
  if (a.kind !== b.kind || a.cells.length !== b.cells.length || (a.depth ?? 0) !== (b.depth ?? 0)) return undefined;
  // Lengths far apart cannot be similar enough: skip the word comparison.
  const [la, lb] = [a.cells.join('').length, b.cells.join('').length];
  if (a.kind !== 'h' && a.kind !== 'title' && Math.min(la, lb) < MIN_SIMILARITY * Math.max(la, lb)) return undefined;
  const cells = a.cells.map((text, i) => diffWordsLocale(text, b.cells[i]!, locale, glossary));
  if (a.kind !== 'h' && a.kind !== 'title' && similarity(cells.flat(), locale) < MIN_SIMILARITY) return undefined;
  return { kind: b.kind, ...(b.header ? { header: true } : {}), ...(b.depth ? { depth: b.depth } : {}), status: 'changed', cells };
}

export function diffBlocks(a: readonly Block[], b: readonly Block[], locale: string, glossary: readonly string[]): RedlineBlock[] {
  const out: RedlineBlock[] = [];
  const parts = diffArrays(a.map(key), b.map(key));
  let i = 0;
  let j = 0;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    const n = part.value.length;
    if (!part.added && !part.removed) {
      for (let k = 0; k < n; k++) out.push(whole(b[j + k]!, 'same'));
      i += n;
      j += n;
      continue;
    }
    if (part.added) {
      for (let k = 0; k < n; k++) out.push(whole(b[j + k]!, 'ins'));
      j += n;
      continue;
    }
    // Removed blocks: each looks ahead among the added blocks that follow for the one it became.
    const next = parts[p + 1];
    const added = next?.added ? b.slice(j, j + next.value.length) : [];
    let used = 0;
    for (let k = 0; k < n; k++) {
      const removed = a[i + k]!;
      let match: { at: number; block: RedlineBlock } | undefined;
      for (let m = used; m < Math.min(added.length, used + PAIR_WINDOW); m++) {
        const block = pair(removed, added[m]!, locale, glossary);
        if (block) {
          match = { at: m, block };
          break;
        }
      }
      if (!match) {
        out.push(whole(removed, 'del'));
        continue;
      }
      for (let m = used; m < match.at; m++) out.push(whole(added[m]!, 'ins'));
      out.push(match.block);
      used = match.at + 1;
    }
    for (let m = used; m < added.length; m++) out.push(whole(added[m]!, 'ins'));
    i += n;
    if (next?.added) {
      j += next.value.length;
      p++;
    }
  }
  return out;
}

/** Clause text with numbers left out: what decides whether a clause really changed. */
function substance(blocks: readonly Block[] | undefined, doc: Pick<SideDocument, 'headings'>, id: string): string {
  const title = doc.headings.find((h) => h.id === id)?.title ?? '';
  return [title, ...(blocks ?? []).slice(1).map(key)].join('\n');
}

export function redline(before: SideDocument, after: SideDocument, glossary: readonly string[] = []): Redline {
  const locale = after.locale;
  const a = clauseBlocks(before);
  const b = clauseBlocks(after);
  const idsA = before.headings.map((h) => h.id);
  const idsB = after.headings.map((h) => h.id);
  const headingA = new Map(before.headings.map((h) => [h.id, h]));
  const headingB = new Map(after.headings.map((h) => [h.id, h]));
  const sequence = diffArrays(idsA, idsB);
  const removedIds = new Set(sequence.filter((s) => s.removed).flatMap((s) => s.value));
  const addedIds = new Set(sequence.filter((s) => s.added).flatMap((s) => s.value));
  const moved = new Set([...removedIds].filter((id) => addedIds.has(id)));

  const clauses: RedlineClause[] = [];
  const compare = (id: string, status: 'same' | 'moved'): RedlineClause => {
    const blocks = diffBlocks(a.get(id) ?? [], b.get(id) ?? [], locale, glossary);
    const changed = substance(a.get(id), before, id) !== substance(b.get(id), after, id);
    return { id, status: status === 'moved' ? 'moved' : changed ? 'changed' : 'same', before: headingA.get(id), after: headingB.get(id), blocks } as RedlineClause;
  };
  for (const part of sequence) {
    for (const id of part.value) {
      if (!part.added && !part.removed) clauses.push(compare(id, 'same'));
      else if (part.removed && moved.has(id)) clauses.push({ id, status: 'moved-away', before: headingA.get(id)!, after: headingB.get(id)!, blocks: [] });
      else if (part.removed) clauses.push({ id, status: 'removed', before: headingA.get(id)!, blocks: (a.get(id) ?? []).map((bl) => whole(bl, 'del')) });
      else if (moved.has(id)) clauses.push(compare(id, 'moved'));
      else clauses.push({ id, status: 'added', after: headingB.get(id)!, blocks: (b.get(id) ?? []).map((bl) => whole(bl, 'ins')) });
    }
  }
  const preamble = diffBlocks(a.get(PREAMBLE) ?? [], b.get(PREAMBLE) ?? [], locale, glossary);
  const changed = [...preamble, ...clauses.flatMap((c) => c.blocks)].some((bl) => bl.status !== 'same') || clauses.some((c) => c.status !== 'same');
  return { locale, preamble, clauses, changed };
}
