/**
 * compareSides(): everything that differs between two versions — the fact changes
 * (described in every locale, with the clauses they touch and the jurisdictions they
 * concern, most important first) and a redline per locale.
 */
import type { Library } from '../library/library.js';
import { composeDocument, touchedClauses, jurisdictionsFor } from './attribute.js';
import { describeOps, type FactChange } from './describe.js';
import { diffFacts } from './facts-diff.js';
import { documentPlans } from '../facts/documents.js';
import { sameFacts } from './ledger.js';
import { redline, type Redline } from './redline.js';
import { sameText, SINGLE, snapshotFacts, type Side, type SideDocument } from './sides.js';
import { localeText } from './text.js';

export interface Comparison {
  from: Side;
  to: Side;
  /** Locales of the newer side. */
  locales: string[];
  changes: FactChange[];
  /** The text changed in ways the facts do not explain (templates or locale files). */
  wording: boolean;
  /** Any difference in any locale's text. */
  textChanged: boolean;
  redlines: Redline[];
}

/** The facts as the current schema reads them (defaults of later fields filled in). */
function normalized(facts: Record<string, unknown>): Record<string, unknown> {
  return (snapshotFacts(facts) as Record<string, unknown> | undefined) ?? facts;
}

export function glossaryFor(library: Library, locale: string): string[] {
  const value = localeText(library, locale).resource('versions.glossary');
  return Array.isArray(value) ? value.map(String) : [];
}

/**
 * Whether the wording (not the facts) changed from `from` to `to`: the older facts,
 * composed with today's templates, no longer give the older text.
 */
export function wordingChanged(from: Side, library: Library): boolean {
  if (from.entry?.template_fingerprint === library.fingerprint) return false;
  const facts = snapshotFacts(from.facts);
  if (!facts) return true;
  try {
    return !sameText(composeDocument(facts, library, from.date ?? '2000-01-01', from.document).documents, from.documents);
  } catch {
    return true;
  }
}

export interface CompareOptions {
  /** Known already (from the ledger's `kind`); computed with today's library otherwise. */
  wording?: boolean;
}

export function compareSides(from: Side, to: Side, library: Library, options: CompareOptions = {}): Comparison {
  const before = normalized(from.facts);
  const after = normalized(to.facts);
  const locales = to.documents.map((d) => d.locale);
  const ops = diffFacts(before, after);

  // Clauses and jurisdictions of each change.
  const touched = touchedClauses(before, after, ops, library, to.document);
  // A change is read in the newer version: the laws enabled there (a removal: in either).
  // With several documents, only this document's laws.
  const parsed = to.document === SINGLE ? undefined : snapshotFacts(after);
  const docLaws = parsed ? documentPlans(parsed).find((p) => p.id === to.document)?.laws : undefined;
  const changes = describeOps(ops, locales, library, [after, before], docLaws);
  const ours = (laws: string[]) => (docLaws ? laws.filter((l) => (docLaws as string[]).includes(l)) : laws);
  const enabledAfter = ours((after.jurisdictions as string[] | undefined) ?? []);
  const enabledEither = ours([...new Set([...((before.jurisdictions as string[] | undefined) ?? []), ...((after.jurisdictions as string[] | undefined) ?? [])])]);
  const inNew = new Set(to.documents[0]?.headings.map((h) => h.id) ?? []);
  changes.forEach((change, i) => {
    // A change read in the newer version points at its clauses there; only a removal may
    // point at clauses that exist no more. A sub-clause is left out when its parent is named.
    const ids = touched[i] ?? [];
    const current = ids.filter((id) => inNew.has(id));
    change.clauses = withoutChildren(change.kind !== 'removed' && current.length ? current : ids, [to, from]);
    change.jurisdictions = jurisdictionsFor(ops[i]!, change.clauses, library, change.kind === 'removed' ? enabledEither : enabledAfter);
    for (const locale of locales) change.clauseRefs[locale] = clauseRefs(change.clauses, locale, from, to, library);
  });

  // Most important first; then in the order of the document.
  // Position in the newer version; a clause that exists only in the older one comes after.
  const newer = to.documents[0]?.headings ?? [];
  const position = new Map([...(from.documents[0]?.headings ?? []).map((h, i) => [h.id, newer.length + i] as const), ...newer.map((h, i) => [h.id, i] as const)]);
  const first = (c: FactChange) => Math.min(...c.clauses.map((id) => position.get(id) ?? Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER);
  // With several documents, a change that touches none of this document's clauses is not this document's change.
  const relevant = to.document === SINGLE ? changes : changes.filter((c) => c.clauses.length > 0);
  const ordered = relevant.map((c, i) => ({ c, i })).sort((x, y) => x.c.importance - y.c.importance || first(x.c) - first(y.c) || x.i - y.i).map(({ c }) => c);

  const redlines: Redline[] = [];
  for (const doc of to.documents) {
    const old = from.documents.find((d) => d.locale === doc.locale);
    if (old) redlines.push(redline(old, doc, glossaryFor(library, doc.locale)));
  }
  // Clause text only: the stamp line differs between any two dates.
  const textChanged = redlines.some((r) => r.clauses.some((c) => c.status !== 'same' || c.blocks.some((b) => b.status !== 'same')));
  const wording = textChanged && (sameFacts(before, after) || (options.wording ?? wordingChanged(from, library)));
  return { from, to, locales, changes: ordered, wording, textChanged, redlines };
}

/** Drops clause ids whose parent clause is in the list too. */
function withoutChildren(ids: readonly string[], sides: readonly Side[]): string[] {
  const parent = new Map<string, string>();
  for (const side of [...sides].reverse()) {
    const stack: { id: string; level: number }[] = [];
    for (const h of side.documents[0]?.headings ?? []) {
      while (stack.length && stack[stack.length - 1]!.level >= h.level) stack.pop();
      if (stack.length) parent.set(h.id, stack[stack.length - 1]!.id);
      stack.push({ id: h.id, level: h.level });
    }
  }
  const set = new Set(ids);
  const covered = (id: string): boolean => {
    const p = parent.get(id);
    return p !== undefined && (set.has(p) || covered(p));
  };
  return ids.filter((id) => !covered(id));
}

function clauseRefs(ids: readonly string[], locale: string, from: Side, to: Side, library: Library): string[] {
  const find = (side: Side, id: string) => side.documents.find((d) => d.locale === locale)?.headings.find((h) => h.id === id);
  return ids.map((id) => {
    const now = find(to, id);
    if (now) return now.refText;
    const then = find(from, id);
    return then ? localeText(library, locale).t('versions.clause.former', { ref: then.refText }) : id;
  });
}

export type { SideDocument };
