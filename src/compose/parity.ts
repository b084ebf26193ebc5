/**
 * Parity: the locales of one policy must have the same clauses, in the same order, with
 * the same numbers, the same cross-references and the same headings. Structure comes from
 * one outline, so a failure here means a locale's wording broke it (a stray heading in a
 * translation, a reference to a different clause, a clause left empty in one language).
 */
import type { Diagnostic } from '../diagnostics.js';
import { say } from '../messages.js';
import type { LocaleDocument, PlannedClause } from './types.js';

interface Section {
  level: number;
  heading: string;
  body: string;
}

export function checkParity(outline: readonly PlannedClause[], documents: readonly LocaleDocument[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const planned = flattenPlan(outline);
  const err = (path: string, text: ReturnType<typeof say>) => out.push({ id: 'clause-parity', severity: 'error', path, ...text });

  const sectionsByLocale = new Map(documents.map((doc) => [doc.locale, splitSections(doc.markdown)]));
  for (const doc of documents) {
    const sections = sectionsByLocale.get(doc.locale)!;
    if (sections.length !== planned.length) {
      // Find the first clause whose heading is not where the outline puts it.
      const index = planned.findIndex((c, i) => sections[i]?.level !== c.position.length + 1 || !sections[i]?.heading.includes(doc.headings[i]?.title ?? '\0'));
      const clause = planned[Math.max(0, index)]?.id ?? planned[planned.length - 1]?.id ?? '?';
      err(`clauses.${clause}`, say('parity.headings', { locale: doc.locale, headings: sections.length, clauses: planned.length, clause }, 'parity.headingsFix'));
      continue;
    }
    planned.forEach((clause, i) => {
      if (sections[i]!.level !== clause.position.length + 1) {
        err(`clauses.${clause.id}`, say('parity.level', { locale: doc.locale, clause: clause.id, level: sections[i]!.level, expected: clause.position.length + 1 }, 'parity.levelFix'));
      }
    });
  }

  const [first, ...rest] = documents;
  if (!first) return out;
  for (const doc of rest) {
    planned.forEach((clause, i) => {
      const a = sectionsByLocale.get(first.locale)![i];
      const b = sectionsByLocale.get(doc.locale)![i];
      if (a && b && Boolean(a.body) !== Boolean(b.body)) {
        const empty = a.body ? doc.locale : first.locale;
        err(`clauses.${clause.id}`, say('parity.empty', { clause: clause.id, locale: empty }, 'parity.emptyFix'));
      }
      const refsA = (first.refs[clause.id] ?? []).join(',');
      const refsB = (doc.refs[clause.id] ?? []).join(',');
      if (refsA !== refsB) {
        err(`clauses.${clause.id}`, say('parity.refs', { clause: clause.id, refs: refsA, locale: first.locale, otherRefs: refsB, otherLocale: doc.locale }, 'parity.refsFix', { helper: '{{ref "…"}}' }));
      }
    });
  }
  return out;
}

function flattenPlan(list: readonly PlannedClause[]): PlannedClause[] {
  return list.flatMap((c) => [c, ...flattenPlan(c.children)]);
}

/** The document's clause sections (headings of level ≥ 2) with the text under each. */
export function splitSections(markdown: string): Section[] {
  const sections: Section[] = [];
  for (const line of markdown.split('\n')) {
    const match = /^(#{2,6})\s+(.*)$/.exec(line);
    if (match) sections.push({ level: match[1]!.length, heading: match[2]!, body: '' });
    else if (sections.length && line.trim()) sections[sections.length - 1]!.body += `${line}\n`;
  }
  return sections;
}
