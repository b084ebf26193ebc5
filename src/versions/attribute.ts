/**
 * Which clauses a fact change touches, and which jurisdictions it concerns.
 *
 * Clauses are found by rendering, not by a list kept by hand: the old facts are composed
 * once, then once more with each change applied alone; the clauses whose text differs are
 * the ones the change touches. New templates, clauses and fields need no update here.
 * Clause numbers and cross-reference numbers are ignored when comparing, so a clause that
 * is only renumbered does not count as touched.
 */
import { diffArrays } from 'diff';
import { compose, type Composed } from '../compose/compose.js';
import { documentPlans } from '../facts/documents.js';
import type { Facts } from '../facts/schema.js';
import { flatten, type Library } from '../library/library.js';
import { JURISDICTIONS } from '../facts/schema.js';
import { applyOp, type FactOp } from './facts-diff.js';
import { snapshotFacts, type SideDocument } from './sides.js';

/** Id used for the text before the first clause (title and stamp). */
export const PREAMBLE = '';

/** Clause id → its Markdown (heading line excluded), in document order. */
export function splitClauses(doc: Pick<SideDocument, 'markdown' | 'headings'>): Map<string, string> {
  const out = new Map<string, string>();
  let current = PREAMBLE;
  let lines: string[] = [];
  let next = 0;
  for (const line of doc.markdown.split('\n')) {
    const heading = doc.headings[next];
    if (heading && line.startsWith(`${'#'.repeat(heading.level + 1)} `) && line.endsWith(heading.title)) {
      out.set(current, lines.join('\n'));
      current = heading.id;
      lines = [];
      next++;
      continue;
    }
    lines.push(line);
  }
  out.set(current, lines.join('\n'));
  return out;
}

/** Clause texts of all locales, with cross-reference numbers replaced by their targets. */
function clauseFingerprints(documents: readonly Pick<SideDocument, 'markdown' | 'headings'>[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const doc of documents) {
    for (const [id, text] of splitClauses(doc)) {
      if (id === PREAMBLE) continue;
      const title = doc.headings.find((h) => h.id === id)?.title ?? '';
      out.set(id, `${out.get(id) ?? ''}\u0000${title}\n${text.replace(/\[[^\]]*\]\(#([\w-]+)\)/g, '⟨$1⟩')}`);
    }
  }
  return out;
}

/** Clauses whose text differs, that exist on one side only, or that moved among the others. */
function changedClauses(a: Map<string, string>, b: Map<string, string>): string[] {
  const ids = [...new Set([...b.keys(), ...a.keys()])];
  const common = (from: Map<string, string>, other: Map<string, string>) => [...from.keys()].filter((id) => other.has(id));
  const moved = new Set(diffArrays(common(a, b), common(b, a)).filter((part) => part.added).flatMap((part) => part.value));
  return ids.filter((id) => a.get(id) !== b.get(id) || moved.has(id));
}

/**
 * For each operation, the ids of the clauses it changes (in document order of the newer
 * side). When a change cannot be composed on its own (it depends on another change),
 * it is given every clause the whole set of changes touches.
 */
export function touchedClauses(before: Record<string, unknown>, after: Record<string, unknown>, ops: readonly FactOp[], library: Library, document = 'policy'): string[][] {
  const date = '2000-01-01'; // the stamp is not part of any clause
  const render = (facts: Record<string, unknown>) => {
    const valid = snapshotFacts(facts);
    if (!valid) return undefined;
    try {
      return clauseFingerprints(composeDocument(valid, library, date, document).documents);
    } catch {
      return undefined;
    }
  };
  const base = render(before);
  // The whole change set, rendered only if some change cannot be rendered alone.
  let whole: Map<string, string> | undefined | null = null;
  const all = () => {
    if (whole === null) whole = render(after);
    return base && whole ? changedClauses(base, whole) : [];
  };
  const order = new Map([...(base?.keys() ?? [])].map((id, i) => [id, i] as const));
  return ops.map((op) => {
    const alone = base ? render(applyOp(before, op)) : undefined;
    const ids = alone && base ? changedClauses(base, alone) : all();
    const at = (id: string) => order.get(id) ?? (alone ? [...alone.keys()].indexOf(id) : 0);
    return [...ids].sort((x, y) => at(x) - at(y));
  });
}

/**
 * One document of a policy composed from facts: the document with that id in the facts'
 * layout, or, for the single layout's \`policy\` (and a document the facts no longer
 * have), the whole policy in one.
 */
export function composeDocument(facts: Facts, library: Library, date: string, document: string): Composed {
  const plan = document === 'policy' ? undefined : documentPlans(facts).find((p) => p.id === document);
  return compose(facts, library, { date, ...(plan ? { document: plan } : {}) });
}

/** Facts whose people or modules belong to certain laws, whatever clause shows them. */
const FIELD_JURISDICTIONS: Record<string, readonly string[]> = {
  pipo: ['pipl'],
  dpo: ['gdpr', 'uk', 'lgpd'],
  'representatives.eu': ['gdpr'],
  'representatives.uk': ['uk'],
};

/**
 * The jurisdictions a change concerns: the jurisdiction added or removed; the law whose
 * own facts block changed (`pipl.*`, `ccpa.*`…); people named for certain laws; otherwise
 * the laws of the clauses it touches (a clause without a jurisdiction condition concerns
 * every enabled one).
 */
export function jurisdictionsFor(op: FactOp, clauses: readonly string[], library: Library, enabled: readonly string[]): string[] {
  const all = JURISDICTIONS.filter((j) => enabled.includes(j));
  const keep = (codes: Iterable<string>) => {
    const set = new Set(codes);
    return all.filter((j) => set.has(j));
  };
  if (op.pattern === 'jurisdictions[]') return [String(op.kind === 'removed' ? op.before : op.after)];
  const top = op.pattern.split(/[.[]/)[0]!;
  if ((JURISDICTIONS as readonly string[]).includes(top)) return keep([top]);
  const special = Object.entries(FIELD_JURISDICTIONS).find(([prefix]) => op.pattern === prefix || op.pattern.startsWith(`${prefix}.`));
  if (special) return keep(special[1]);
  if (op.pattern === 'representatives') return keep(['gdpr', 'uk']);
  if (!clauses.length) return all;
  const conditions = new Map(flatten(library.outline).map((c) => [c.id, c.when?.jurisdiction]));
  const codes = new Set<string>();
  for (const id of clauses) {
    const only = conditions.get(id);
    for (const code of only ?? all) codes.add(code);
  }
  return keep(codes);
}
