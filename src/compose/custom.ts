/**
 * The data file's own sections (`custom_sections`): where they go in the outline and how
 * their text becomes Markdown.
 *
 * Placement: `under: <clause>` makes a section the last sub-section of that clause,
 * `after: <clause>` puts it right after that clause at the same level (a built-in clause,
 * a sub-clause, or another custom section, also one written later in the file); at most
 * MAX_DEPTH levels deep. Numbering is the outline's, like any clause.
 *
 * Text: the body is parsed with the same remark stack that renders the policy
 * (remark-parse + remark-gfm) and written back node by node. Paragraphs, **bold**,
 * *emphasis*, bullet and numbered lists (one level of nesting), http(s) and mailto links,
 * and links to clauses (`[text](#security)`; `[](#security)` prints the clause's number,
 * "第九部分" / "Section 9") are kept. Every other construct — raw HTML, images, headings,
 * tables, code, quotes, links of any other scheme — is written back as the characters the
 * author typed, escaped with escapeMarkdown, so readers see it as typed and nothing
 * interprets it.
 */
import type { Link, List, ListItem, Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { formatPath, type Diagnostic } from '../diagnostics.js';
import { say } from '../messages.js';
import type { Facts } from '../facts/schema.js';
import { closest } from '../facts/suggest.js';
import { flatten, type OutlineClause } from '../library/library.js';
import { escapeMarkdown } from './escape.js';

/**
 * Deepest level a section can be at: headings are numbered 一、/（二）/3. (chinese) or
 * 1./1.2/1.2.3 (decimal), and cross-references are worded for levels 1–3 only
 * (`ref.<style>.level1…3` in locales/<lang>/policy.json); a fourth level would print a
 * label indistinguishable from the third in Chinese and have no cross-reference text.
 */
export const MAX_DEPTH = 3;

/** Lists inside lists: one level of nesting; a deeper list is kept as typed text. */
const MAX_LIST_DEPTH = 2;

type Section = Facts['custom_sections'][number];

/**
 * The outline with the data file's own sections inserted where they ask to go, and every
 * problem with their placement or their text (links to clauses that do not exist, a
 * language whose lists or links differ from the others).
 */
export function withCustomSections(outline: readonly OutlineClause[], facts: Facts): { outline: OutlineClause[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const tree: OutlineClause[] = outline.map(function copy(c): OutlineClause {
    return { ...c, children: c.children.map(copy) };
  });
  const builtIn = flatten(tree).map((c) => c.id);
  const ids = new Set(builtIn);
  const sections = facts.custom_sections as readonly Section[];
  const fileIds = new Set(sections.map((s) => s.id));

  // What each section asks for; a section that asks for nothing (or two things) is reported and left out.
  const pending: { index: number; section: Section; target: string; mode: 'under' | 'after' }[] = [];
  const failed = new Set<string>();
  sections.forEach((section, i) => {
    const at = (field: string) => `custom_sections[${i}].${field}`;
    if (ids.has(section.id)) {
      diagnostics.push({ id: 'duplicate-id', severity: 'error', path: at('id'), ...say('sectionIdTaken.message', { id: section.id }, 'sectionIdTaken.fix') });
      return;
    }
    ids.add(section.id);
    if (section.under !== undefined && section.after !== undefined) {
      failed.add(section.id);
      diagnostics.push({ id: 'section-placement', severity: 'error', path: at('under'), ...say('sectionPlace.both', { id: section.id, under: section.under, after: section.after }, 'sectionPlace.bothFix', { under: section.under, after: section.after }) });
      return;
    }
    if (section.under === undefined && section.after === undefined) {
      failed.add(section.id);
      diagnostics.push({ id: 'section-placement', severity: 'error', path: at('under'), ...say('sectionPlace.neither', { id: section.id }, 'sectionPlace.neitherFix') });
      return;
    }
    pending.push(section.under !== undefined ? { index: i, section, target: section.under, mode: 'under' } : { index: i, section, target: section.after!, mode: 'after' });
  });

  // Place in file order, again and again while that places something: a section may name
  // one written later in the file.
  const afterOf = new Map<string, string>();
  const underOf = new Map<string, string>();
  let progress = true;
  while (progress && pending.length) {
    progress = false;
    for (const entry of [...pending]) {
      const found = locate(tree, entry.target);
      if (!found) continue;
      pending.splice(pending.indexOf(entry), 1);
      progress = true;
      const depth = entry.mode === 'under' ? found.depth + 1 : found.depth;
      if (depth > MAX_DEPTH) {
        failed.add(entry.section.id);
        diagnostics.push({
          id: 'section-placement',
          severity: 'error',
          path: `custom_sections[${entry.index}].${entry.mode}`,
          ...say('sectionPlace.tooDeep', { id: entry.section.id, target: entry.target, depth, max: MAX_DEPTH }, 'sectionPlace.tooDeepFix', { target: entry.target }),
        });
        continue;
      }
      const node: OutlineClause = { id: entry.section.id, custom: entry.index, children: [] };
      if (entry.mode === 'under') {
        // Last, but before sections of this clause written later in the file (placed first
        // because they did not have to wait for a section written below them).
        const children = found.node.children;
        let at = children.length;
        while (at > 0 && underOf.get(children[at - 1]!.id) === entry.target && children[at - 1]!.custom! > entry.index) at--;
        children.splice(at, 0, node);
        underOf.set(entry.section.id, entry.target);
      } else {
        // After the clause and after the sections already placed after it, so that several
        // sections after one clause keep the order of the file.
        let at = found.index + 1;
        while (at < found.list.length && chainLeadsTo(found.list[at]!, entry.target, afterOf)) at++;
        found.list.splice(at, 0, node);
        afterOf.set(entry.section.id, entry.target);
      }
    }
  }
  // What is left names no clause, or sections that place each other (a cycle), or a
  // section that could not be placed itself (its own problem is reported).
  const pendingTarget = new Map(pending.map((e) => [e.section.id, e.target]));
  const inCycle = (id: string): boolean => {
    const seen = new Set<string>();
    for (let at = pendingTarget.get(id); at !== undefined && !seen.has(at); at = pendingTarget.get(at)) {
      if (at === id) return true;
      seen.add(at);
    }
    return false;
  };
  for (const entry of pending) {
    const path = `custom_sections[${entry.index}].${entry.mode}`;
    if (failed.has(entry.target)) continue;
    if (pendingTarget.has(entry.target)) {
      if (inCycle(entry.section.id)) diagnostics.push({ id: 'section-placement', severity: 'error', path, ...say('sectionPlace.cycle', { id: entry.section.id, target: entry.target }, 'sectionPlace.cycleFix') });
      continue;
    }
    const known = [...builtIn, ...sections.map((s) => s.id).filter((id) => id !== entry.section.id)];
    const guess = closest(entry.target, known);
    const group = entry.mode === 'under' ? 'placeUnder' : 'placeAfter';
    diagnostics.push({
      id: 'unknown-clause',
      severity: 'error',
      path,
      ...say(`${group}.message`, { [entry.mode]: entry.target, id: entry.section.id }, guess ? `${group}.didYouMean` : `${group}.fix`, { guess: guess ?? '', ids: known.join(', ') }),
    });
  }

  diagnostics.push(...checkBodies(sections, new Set([...builtIn, ...fileIds])));
  return { outline: tree, diagnostics };
}

interface Located {
  node: OutlineClause;
  list: OutlineClause[];
  index: number;
  /** 1 for a top-level clause. */
  depth: number;
}

function locate(list: OutlineClause[], id: string, depth = 1): Located | undefined {
  for (const [index, node] of list.entries()) {
    if (node.id === id) return { node, list, index, depth };
    const inner = locate(node.children, id, depth + 1);
    if (inner) return inner;
  }
  return undefined;
}

/** Whether `node` is a custom section placed after `target`, directly or after one that is. */
function chainLeadsTo(node: OutlineClause, target: string, afterOf: ReadonlyMap<string, string>): boolean {
  let id: string | undefined = node.custom === undefined ? undefined : node.id;
  const seen = new Set<string>();
  while (id !== undefined && !seen.has(id)) {
    seen.add(id);
    const next = afterOf.get(id);
    if (next === target) return true;
    id = next;
  }
  return false;
}

/**
 * Before anything renders: every clause a body links to exists, and every language of a
 * section has the same lists (kind and number of items) and links to the same clauses.
 */
function checkBodies(sections: readonly Section[], clauseIds: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const known = [...clauseIds];
  sections.forEach((section, i) => {
    const shapes: { locale: string; lists: string; links: string }[] = [];
    for (const [locale, text] of Object.entries(section.body as Record<string, string>)) {
      const walk = newWalk((id) => (clauseIds.has(id) ? id : undefined));
      render(String(text), walk);
      const path = `custom_sections[${i}].body.${locale}`;
      for (const id of new Set(walk.unresolved)) {
        const guess = closest(id, known);
        out.push({
          id: 'unknown-clause',
          severity: 'error',
          path,
          ...say('sectionLink.unknown', { section: section.id, id, locale }, guess ? 'sectionLink.didYouMean' : 'sectionLink.unknownFix', { guess: guess ?? '', ids: known.join(', ') }),
        });
      }
      shapes.push({ locale, lists: walk.lists.join(' ') || '—', links: [...new Set(walk.links)].sort().join(', ') || '—' });
    }
    const [first, ...rest] = shapes;
    for (const other of rest) {
      const path = `custom_sections[${i}].body.${other.locale}`;
      if (other.lists !== first!.lists) {
        out.push({
          id: 'clause-parity',
          severity: 'error',
          path,
          ...say('sectionParity.lists', { section: section.id, locale: first!.locale, lists: first!.lists, otherLocale: other.locale, otherLists: other.lists }, 'sectionParity.listsFix'),
        });
      }
      if (other.links !== first!.links) {
        out.push({
          id: 'clause-parity',
          severity: 'error',
          path,
          ...say('sectionParity.links', { section: section.id, locale: first!.locale, links: first!.links, otherLocale: other.locale, otherLinks: other.links }, 'sectionParity.linksFix'),
        });
      }
    }
  });
  return out;
}

export interface CustomBodyOptions {
  /** The cross-reference text of a clause of this policy ("第九部分", "Section 9"), or undefined when the policy has no such clause. */
  ref?: (id: string) => string | undefined;
  /** Told about each link to a clause the policy does not include (the link is then printed as typed). */
  onProblem?: (diagnostic: Diagnostic) => void;
  /** The section, for messages: its id and the body's path in the data file. */
  section?: { id: string; path: string; locale: string };
}

/**
 * A custom section's body as Markdown: the safe subset kept, everything else inert text.
 * Without `ref`, links to clauses cannot be resolved and are printed as typed.
 */
export function customBody(text: string, options: CustomBodyOptions = {}): string {
  const walk = newWalk(options.ref ?? (() => undefined));
  const markdown = render(text, walk);
  if (options.onProblem) {
    for (const id of new Set(walk.unresolved)) {
      const section = options.section;
      options.onProblem({
        id: 'unknown-clause',
        severity: 'error',
        ...(section ? { path: section.path } : {}),
        ...say('sectionLink.excluded', { section: section?.id ?? '?', id, locale: section?.locale ?? '?' }, 'sectionLink.excludedFix', { id }),
      });
    }
  }
  return markdown;
}

// ---------------------------------------------------------------------------------------
// Markdown in, Markdown out: the allowed nodes re-written, the rest as escaped source.
// ---------------------------------------------------------------------------------------

const parser = unified().use(remarkParse).use(remarkGfm).freeze();

interface Walk {
  ref: (id: string) => string | undefined;
  /** The source being written (offsets of nodes point into it). */
  source: string;
  /** Each list, top level first, as "1.×3" / "-×2", nested lists in brackets: the shape languages must share. */
  lists: string[];
  /** Clause ids linked to, in order. */
  links: string[];
  /** Clause ids linked to that `ref` did not know. */
  unresolved: string[];
}

function newWalk(ref: Walk['ref']): Walk {
  return { ref, source: '', lists: [], links: [], unresolved: [] };
}

function render(text: string, walk: Walk): string {
  // "• " bullets, as pasted from word processors, are list items too.
  walk.source = text.replace(/\r\n?/g, '\n').replace(/^([ \t]*)•[ \t]+/gm, '$1- ');
  const tree = parser.parse(walk.source) as Root;
  return blocks(tree.children, walk, 0).trim();
}

/**
 * Block nodes, separated by blank lines (by line breaks inside a tight list item). Two
 * lists in a row alternate their markers (- and *, 1. and 1)) so that they stay two lists.
 */
function blocks(nodes: readonly RootContent[], walk: Walk, listDepth: number, tight = false): string {
  const out: string[] = [];
  let previous: { ordered: boolean; alternate: boolean } | undefined;
  for (const node of nodes) {
    if (node.type === 'list' && listDepth < MAX_LIST_DEPTH) {
      const ordered = node.ordered === true;
      const alternate = previous !== undefined && previous.ordered === ordered && !previous.alternate;
      out.push(list(node, walk, listDepth + 1, alternate));
      previous = { ordered, alternate };
      continue;
    }
    const text = node.type === 'paragraph' ? phrasing(node.children, walk) : inert(node, walk);
    if (!text.trim()) continue;
    out.push(text);
    previous = undefined;
  }
  return out.join(tight ? '\n' : '\n\n');
}

function list(node: List, walk: Walk, depth: number, alternate: boolean): string {
  const start = node.ordered ? (node.start ?? 1) : 0;
  const nested: string[] = [];
  const outer = walk.lists;
  const items = node.children.map((item: ListItem, i) => {
    const marker = node.ordered ? `${start + i}${alternate ? ')' : '.'} ` : alternate ? '* ' : '- ';
    // Lists inside this item belong to this list's shape.
    walk.lists = [];
    let body = blocks(item.children, walk, depth, !item.spread);
    nested.push(walk.lists.join(' '));
    if (item.checked !== null && item.checked !== undefined) body = `${item.checked ? '\\[x\\]' : '\\[ \\]'} ${body}`;
    const indent = ' '.repeat(marker.length);
    return `${marker}${body.replace(/\n(?=.)/g, `\n${indent}`)}`.trimEnd();
  });
  walk.lists = outer;
  walk.lists.push(`${node.ordered ? '1.' : '-'}×${node.children.length}${nested.some(Boolean) ? `[${nested.join(',')}]` : ''}`);
  return items.join(node.spread ? '\n\n' : '\n');
}

function phrasing(nodes: readonly PhrasingContent[], walk: Walk): string {
  return nodes.map((node) => inline(node, walk)).join('');
}

function inline(node: PhrasingContent, walk: Walk): string {
  switch (node.type) {
    case 'text':
      return node.value.split('\n').map(escapeMarkdown).join('\n');
    case 'strong':
      return `**${phrasing(node.children, walk)}**`;
    case 'emphasis':
      return `*${phrasing(node.children, walk)}*`;
    case 'break':
      return '\\\n';
    case 'link':
      return link(node, walk);
    default:
      return inert(node, walk);
  }
}

const CLAUSE_ID = /^[a-z][a-z0-9_]*$/;

function link(node: Link, walk: Walk): string {
  const url = node.url.trim();
  const text = phrasing(node.children, walk).trim();
  if (url.startsWith('#')) {
    const id = url.slice(1);
    const refText = CLAUSE_ID.test(id) ? walk.ref(id) : undefined;
    if (refText === undefined) {
      walk.unresolved.push(id);
      return inert(node, walk);
    }
    walk.links.push(id);
    return `[${text || refText}](#${id})`;
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https' && scheme !== 'mailto') return inert(node, walk);
  let decoded = url;
  try {
    decoded = decodeURI(url);
  } catch {
    // A malformed %-escape: encode the URL as written.
  }
  const safe = encodeURI(decoded);
  const label = node.children.length === 1 && node.children[0]!.type === 'text' ? node.children[0].value : undefined;
  if (label !== undefined && (label === url || `mailto:${label}` === url)) {
    // An address written as such: <https://…> stays an autolink; a bare one (https://…,
    // name@example.com) stays bare, and the renderer links it again.
    const typed = sourceOf(node, walk);
    if (!typed.startsWith('<')) return escapeMarkdown(label);
    if (scheme !== 'mailto' || /^[^\s<>@]+@[^\s<>@]+$/.test(label)) return `<${scheme === 'mailto' ? label : safe}>`;
  }
  return `[${text || escapeMarkdown(decoded)}](<${safe}>)`;
}

/** A node outside the subset: the characters the author typed, escaped line by line. */
function inert(node: Nodes, walk: Walk): string {
  return sourceOf(node, walk)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map(escapeMarkdown)
    .join('\n');
}

/** The characters the author typed for a node. */
function sourceOf(node: Nodes, walk: Walk): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start !== undefined && end !== undefined) return walk.source.slice(start, end);
  return 'value' in node ? String(node.value) : '';
}

// ---------------------------------------------------------------------------------------
// Section numbers typed by hand.
// ---------------------------------------------------------------------------------------

/** "第3条", "第 三 部分", "第2.1节": a number of a part of some text, in Chinese. */
const ZH_NUMBER = /第\s*([0-9０-９]+(?:\.[0-9]+)*|[一二三四五六七八九十百零〇两]+)\s*(?:条|部分|节|章|款)/g;
/** "Section 3", "clause 2.1", "§ 4": in English. */
const EN_NUMBER = /(?<![\w.])(?:[Ss]ection|[Cc]lause|Part|§)\s*(\d+(?:\.\d+)*)(?!\w|\.\d)/g;
/** What precedes a statute's article: 《…》, a law's name, an acronym (GDPR, CCPA), Art. */
const ZH_STATUTE_BEFORE = /(?:》|法|条例|规定|办法|细则|标准|[A-Z]{2,}[A-Za-z ]*)\s*$/;
const EN_STATUTE_BEFORE = /(?:\b[A-Z]{2,}[A-Za-z-]*|\b(?:Act|Law|Code|Regulations?|Directive|Art\.?|Article))\s*$/;
/** "Section 5 of the Data Protection Act", "section 1798.100(a)". */
const EN_STATUTE_AFTER = /^\s*(?:\([^)]*\)\s*)*(?:of\s+(?:the\s+)?[A-Z]|\()/;

/**
 * Warnings for section numbers written by hand in custom sections ("见第3条", "see Section 3"):
 * the policy's own numbers change when sections are added or moved, and the reader would
 * be sent to the wrong place. Citations of statutes (《个人信息保护法》第十三条, Art. 6 GDPR,
 * CCPA § 1798.100, Section 5 of the … Act) are not numbers of this policy and are left alone.
 */
export function handTypedNumbers(facts: Facts): (Diagnostic & { pathParts: (string | number)[] })[] {
  const out: (Diagnostic & { pathParts: (string | number)[] })[] = [];
  (facts.custom_sections as readonly Section[]).forEach((section, i) => {
    for (const [locale, raw] of Object.entries(section.body as Record<string, string>)) {
      // Link targets and addresses are not prose.
      const text = String(raw).replace(/\]\([^)\s]*\)/g, ']').replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, ' ');
      const found = [...text.matchAll(ZH_NUMBER)].find((m) => !ZH_STATUTE_BEFORE.test(text.slice(Math.max(0, m.index - 20), m.index))) ??
        [...text.matchAll(EN_NUMBER)].find((m) => {
          const before = text.slice(Math.max(0, m.index - 40), m.index);
          const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
          return Number(m[1]!.split('.')[0]) < 100 && !EN_STATUTE_BEFORE.test(before) && !EN_STATUTE_AFTER.test(after);
        });
      if (!found) continue;
      const pathParts = ['custom_sections', i, 'body', locale];
      out.push({
        id: 'section-number-in-text',
        severity: 'warning',
        pathParts,
        path: formatPath(pathParts),
        ...say('sectionNumberInText.message', { section: section.id, text: found[0], locale }, 'sectionNumberInText.fix'),
      });
    }
  });
  return out;
}
