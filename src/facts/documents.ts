/**
 * Which documents a company publishes (`policy.documents`), and which laws and languages
 * each one covers. Pure: the facts in, the plan out.
 *
 * - `single`: one document for every enabled law, published where it always was
 *   (`<id>/<locale>/`).
 * - `by_audience` (the default when PIPL is enabled with another law): a `china` document
 *   (PIPL; Chinese first, then the other languages as translations; the Chinese text
 *   prevails) and a `global` document (the other laws), in `<id>/china/…` and
 *   `<id>/global/…`.
 * - a list: the company's own documents, each with its laws, languages and prevailing
 *   language.
 *
 * The children's rules (PIPL Art. 31) are a further document when the service admits
 * children under 14 or is directed at children and PIPL applies.
 */
import type { Diagnostic } from '../diagnostics.js';
import { say } from '../messages.js';
import type { Facts, Jurisdiction } from './schema.js';

export type DocumentKind = 'policy' | 'children';

export interface DocumentPlan {
  /** `policy` for a single document; `china`, `global`, `children` or the company's own ids. */
  id: string;
  kind: DocumentKind;
  /** The enabled laws this document covers, in the data file's order. */
  laws: Jurisdiction[];
  /** Its languages; the first is the original. */
  locales: string[];
  /** The language that prevails, when the document has more than one. */
  prevails?: string;
  /** Folder under the policy's output folder, with a trailing slash; '' for a single policy document. */
  dir: string;
}

/** The ids a document may not take: they are folders of the policy's output already. */
const RESERVED = new Set(['versions', 'assets']);

/**
 * Whether the children's rules are needed (PIPL Art. 31): PIPL applies and the service admits
 * under-14s — below 14 on their own, or below `min_age` with a guardian's consent (no fact
 * sets a floor under it) — or is aimed at children.
 */
export function needsChildrenRules(facts: Facts): boolean {
  const { min_age, directed_to_children, guardian_consent_process } = facts.children;
  return (facts.jurisdictions as string[]).includes('pipl') && (min_age < 14 || directed_to_children || guardian_consent_process !== undefined);
}

function defaultPrevails(locales: readonly string[], chosen: string | undefined): string | undefined {
  if (locales.length < 2) return undefined;
  if (chosen && locales.includes(chosen)) return chosen;
  return locales.includes('en') ? 'en' : locales[0];
}

function unique<T>(list: readonly T[]): T[] {
  return [...new Set(list)];
}

export function documentPlans(facts: Facts): DocumentPlan[] {
  const enabled = facts.jurisdictions as Jurisdiction[];
  const locales = facts.policy.locales;
  const chineseFirst = unique(['zh-CN', ...locales]);
  const layout = facts.policy.documents ?? (enabled.includes('pipl') && enabled.length > 1 ? 'by_audience' : 'single');
  let plans: DocumentPlan[];
  if (Array.isArray(layout)) {
    const policies = layout.length;
    plans = layout.map((d) => {
      const docLocales = d.locales ?? locales;
      return {
        id: d.id,
        kind: 'policy',
        laws: enabled.filter((law) => d.laws.includes(law)),
        locales: docLocales,
        ...optional(docLocales.length > 1 ? (d.prevails ?? defaultPrevails(docLocales, facts.policy.prevailing_language)) : undefined),
        dir: policies === 1 ? '' : `${d.id}/`,
      };
    });
  } else if (layout === 'by_audience' && enabled.includes('pipl') && enabled.length > 1) {
    plans = [
      { id: 'china', kind: 'policy', laws: ['pipl'], locales: chineseFirst, ...optional(chineseFirst.length > 1 ? 'zh-CN' : undefined), dir: 'china/' },
      { id: 'global', kind: 'policy', laws: enabled.filter((l) => l !== 'pipl'), locales, ...optional(defaultPrevails(locales, facts.policy.prevailing_language)), dir: 'global/' },
    ];
  } else {
    const prevails = enabled.length === 1 && enabled[0] === 'pipl' && locales.includes('zh-CN') ? 'zh-CN' : facts.policy.prevailing_language;
    plans = [{ id: 'policy', kind: 'policy', laws: enabled, locales, ...optional(defaultPrevails(locales, prevails)), dir: '' }];
  }
  if (needsChildrenRules(facts)) {
    plans.push({ id: 'children', kind: 'children', laws: ['pipl'], locales: chineseFirst, ...optional(chineseFirst.length > 1 ? 'zh-CN' : undefined), dir: 'children/' });
  }
  return plans;
}

function optional(prevails: string | undefined): { prevails?: string } {
  return prevails ? { prevails } : {};
}

export type DocumentProblem = Omit<Diagnostic, 'file' | 'line' | 'column' | 'path'> & { pathParts: (string | number)[] };

/** A list of documents that leaves a law out, names it twice, or uses a language or id it cannot. */
export function documentProblems(facts: Facts): DocumentProblem[] {
  const out: DocumentProblem[] = [];
  if (facts.policy.prevailing_language && !facts.policy.locales.includes(facts.policy.prevailing_language)) {
    out.push({ id: 'invalid-value', severity: 'error', pathParts: ['policy', 'prevailing_language'], ...say('documentPrevails.message', { document: 'policy', locale: facts.policy.prevailing_language }, 'documentPrevails.fix', { locales: facts.policy.locales.join(', ') }) });
  }
  const layout = facts.policy.documents;
  if (!Array.isArray(layout)) return out;
  const enabled = facts.jurisdictions as string[];
  const owner = new Map<string, string>();
  const ids = new Set<string>();
  layout.forEach((doc, i) => {
    const at = ['policy', 'documents', i];
    if (ids.has(doc.id) || RESERVED.has(doc.id) || facts.policy.locales.includes(doc.id) || doc.id === 'children') {
      out.push({ id: 'duplicate-id', severity: 'error', pathParts: [...at, 'id'], ...say('documentId.message', { id: doc.id }, 'documentId.fix', { reserved: ['versions', 'assets', 'children', ...facts.policy.locales].join(', ') }) });
    }
    ids.add(doc.id);
    doc.laws.forEach((law, j) => {
      if (!enabled.includes(law)) out.push({ id: 'invalid-value', severity: 'error', pathParts: [...at, 'laws', j], ...say('documentLawOff.message', { document: doc.id, law }, 'documentLawOff.fix', { law }) });
      else if (owner.has(law)) out.push({ id: 'duplicate-id', severity: 'error', pathParts: [...at, 'laws', j], ...say('documentLawTwice.message', { law, document: doc.id, other: owner.get(law)! }, 'documentLawTwice.fix') });
      else owner.set(law, doc.id);
    });
    (doc.locales ?? []).forEach((locale, j) => {
      if (!facts.policy.locales.includes(locale)) out.push({ id: 'invalid-value', severity: 'error', pathParts: [...at, 'locales', j], ...say('documentLocale.message', { document: doc.id, locale }, 'documentLocale.fix', { locales: facts.policy.locales.join(', ') }) });
    });
    const docLocales = doc.locales ?? facts.policy.locales;
    if (doc.prevails && !docLocales.includes(doc.prevails)) {
      out.push({ id: 'invalid-value', severity: 'error', pathParts: [...at, 'prevails'], ...say('documentPrevails.message', { document: doc.id, locale: doc.prevails }, 'documentPrevails.fix', { locales: docLocales.join(', ') }) });
    }
  });
  const missing = enabled.filter((law) => !owner.has(law));
  if (missing.length) out.push({ id: 'missing-field', severity: 'error', pathParts: ['policy', 'documents'], ...say('documentLawMissing.message', { laws: missing.join(', ') }, 'documentLawMissing.fix') });
  return out;
}
