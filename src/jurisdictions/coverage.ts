/**
 * Coverage: for every enabled jurisdiction, each required disclosure → the clause that
 * makes it (numbered in every language), or "missing" with the exact facts to add.
 */
import type { Composed } from '../compose/compose.js';
import type { OutlineClause } from '../library/library.js';
import { formatPath, type Diagnostic } from '../diagnostics.js';
import { nonEmpty, valuesAt } from '../facts/paths.js';
import { say } from '../messages.js';
import type { Facts, Jurisdiction } from '../facts/schema.js';
import { establishedIn } from '../facts/regions.js';
import type { Disclosure, FactCondition, JurisdictionModule } from '../library/modules.js';

export interface CoverageEntry {
  jurisdiction: Jurisdiction;
  /** The document that makes this law's disclosures (`policy` in the single layout). */
  document?: string;
  disclosure: string;
  citation: string;
  status: Disclosure['status'];
  covered: boolean;
  /** The clause making the disclosure, when it has one. */
  clause?: string;
  /** The clause's number per locale: "第十四条第（二）项", "Section 14.2". */
  numbers: Record<string, string>;
  /** Concrete fact paths to add, e.g. `data_categories[2].ccpa_category`. */
  missing: string[];
  /** Why it is missing, in words, when not a missing fact. */
  reason?: string;
  /**
   * Absent or false when the disclosure does not apply to this company (its condition does not
   * hold) or no fact can express it yet: the table still lists it, with why, as a label key of
   * locales/<lang>/cli/messages.json and its parameters.
   */
  applies?: boolean;
  why?: { key: string; params: Record<string, string | number> };
}

/** Why a condition does not hold, as a label key and parameters (for the coverage table). */
function whyNot(condition: FactCondition, facts: Facts): CoverageEntry['why'] {
  if (condition.below) {
    const v = valuesAt(facts, condition.below[0])[0];
    return { key: 'naBelow', params: { path: condition.below[0], value: typeof v === 'number' ? v : '—', limit: condition.below[1] } };
  }
  if (condition.established_outside && establishedIn(facts, condition.established_outside)) return { key: 'naEstablished', params: { where: condition.established_outside } };
  if (condition.fact && !valuesAt(facts, condition.fact).some(nonEmpty)) return { key: 'naFact', params: { path: condition.fact } };
  if (condition.not) return { key: 'naNot', params: { path: condition.not } };
  return { key: 'naFact', params: { path: '' } };
}

type Path = (string | number)[];

function get(value: unknown, path: readonly (string | number)[]): unknown {
  let v = value;
  for (const p of path) {
    if (v === null || v === undefined || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/**
 * Missing concrete paths for a fact path such as `a.b`, `list[].field` or
 * `list[?flag].field` (only elements whose `flag` is truthy).
 */
export function missingFacts(facts: unknown, pattern: string): Path[] {
  const segments = pattern.split('.');
  const walk = (value: unknown, index: number, path: Path): Path[] => {
    if (index === segments.length) return present(value) ? [] : [path];
    const segment = segments[index]!;
    // `list[?flag]`: items whose flag is truthy; `list[?field=VALUE]`: items whose field is or contains VALUE.
    const list = /^(\w+)\[(\?(\w+)(?:=(\w+))?)?\]$/.exec(segment);
    if (!list) {
      const next = get(value, [segment]);
      // A missing group: name the field inside it that is needed, not just the group.
      if (!present(next) && index < segments.length - 1) return [[...path, segments.slice(index).join('.')]];
      return walk(next, index + 1, [...path, segment]);
    }
    const [, name, , flag, equals] = list;
    const items = get(value, [name!]);
    if (!Array.isArray(items)) return [[...path, name!]];
    const keep = (item: unknown) => {
      if (!flag) return true;
      const v = (item as Record<string, unknown>)[flag];
      if (equals === undefined) return !!v;
      return Array.isArray(v) ? v.includes(equals) : v === equals;
    };
    return items.flatMap((item, i) => (keep(item) ? walk(item, index + 1, [...path, name!, i]) : []));
  };
  return walk(facts, 0, []);
}

export function holdsCondition(condition: FactCondition | undefined, facts: Facts): boolean {
  if (!condition) return true;
  // `list[]` in a path means "any element": data_categories[].sensitive holds if one is sensitive.
  if (condition.fact && !valuesAt(facts, condition.fact).some(nonEmpty)) return false;
  if (condition.not && valuesAt(facts, condition.not).some(nonEmpty)) return false;
  if (condition.below) {
    const v = valuesAt(facts, condition.below[0])[0];
    if (typeof v !== 'number' || v >= condition.below[1]) return false;
  }
  if (condition.established_outside && establishedIn(facts, condition.established_outside)) return false;
  return true;
}

function findClause(outline: readonly OutlineClause[], id: string): OutlineClause | undefined {
  for (const c of outline) {
    if (c.id === id) return c;
    const inner = findClause(c.children, id);
    if (inner) return inner;
  }
  return undefined;
}

export function computeCoverage(
  facts: Facts,
  composed: Composed,
  modules: ReadonlyMap<Jurisdiction, JurisdictionModule>,
  outline: readonly OutlineClause[],
): CoverageEntry[] {
  const entries: CoverageEntry[] = [];
  // Each document makes the disclosures of its own laws.
  const laws = (facts.jurisdictions as Jurisdiction[]).filter((law) => composed.plan.laws.includes(law));
  const entry0 = composed.plan.id === 'policy' ? {} : { document: composed.plan.id };
  for (const jurisdiction of laws) {
    const module = modules.get(jurisdiction);
    if (!module) continue;
    for (const d of module.disclosures) {
      if (!holdsCondition(d.when, facts)) {
        entries.push({ jurisdiction, ...entry0, disclosure: d.id, citation: d.citation, status: d.status, covered: true, numbers: {}, missing: [], applies: false, why: whyNot(d.when!, facts) });
        continue;
      }
      const missing = d.facts.flatMap((pattern) => missingFacts(facts, pattern)).map(formatPath);
      const entry: CoverageEntry = { jurisdiction, ...entry0, disclosure: d.id, citation: d.citation, status: d.status, covered: false, numbers: {}, missing };
      if (d.clause) {
        entry.clause = d.clause;
        for (const doc of composed.documents) {
          const heading = doc.headings.find((h) => h.id === d.clause);
          if (heading) entry.numbers[doc.locale] = heading.refText;
        }
        if (!Object.keys(entry.numbers).length) {
          const defined = findClause(outline, d.clause);
          const needs = defined?.when?.fact;
          if (needs && !missing.includes(needs)) entry.missing.push(needs);
          entry.reason = defined ? `clause "${d.clause}" is not part of this policy` : `clause "${d.clause}" does not exist in templates/outline.yaml`;
        }
      }
      entry.covered = entry.missing.length === 0 && !entry.reason;
      entries.push(entry);
    }
    for (const gap of module.not_expressed) {
      entries.push({ jurisdiction, ...entry0, disclosure: gap.id, citation: gap.citation, status: 'U', covered: true, numbers: {}, missing: [], applies: false, why: { key: 'notExpressed', params: { reason: gap.reason.en, reasonZh: gap.reason['zh-CN'] } } });
    }
  }
  return entries;
}

/** Missing disclosures as diagnostics, one per missing fact, naming the disclosure. */
export function coverageDiagnostics(entries: readonly CoverageEntry[], describeField: (path: string) => string | undefined): (Diagnostic & { pathParts?: Path })[] {
  const byPath = new Map<string, CoverageEntry[]>();
  const out: (Diagnostic & { pathParts?: Path })[] = [];
  for (const e of entries.filter((x) => !x.covered)) {
    if (!e.missing.length) {
      out.push({ id: 'missing-disclosure', severity: 'error', ...say('notCovered.message', { disclosure: e.disclosure, citation: e.citation, reason: e.reason ?? '' }, 'notCovered.fix') });
    }
    for (const path of e.missing) byPath.set(path, [...(byPath.get(path) ?? []), e]);
  }
  for (const [path, list] of byPath) {
    const ids = [...new Set(list.map((e) => e.disclosure))];
    const field = path.replace(/\[\d+\]$/, '').split('.').pop()!.replace(/\[\d+\]/, '');
    const description = describeField(path);
    out.push({
      id: 'missing-disclosure',
      severity: 'error',
      path,
      pathParts: parsePath(path),
      ...say(
        ids.length > 1 ? 'missingDisclosure.messageMany' : 'missingDisclosure.message',
        { path, ids: ids.join(', '), citations: [...new Set(list.map((e) => e.citation))].join('; ') },
        description ? 'missingDisclosure.fixDescribed' : 'missingDisclosure.fix',
        { field, description: description ?? '' },
      ),
    });
  }
  return out;
}

export function parsePath(path: string): Path {
  return path.split(/\.|(?=\[)/).map((p) => (/^\[\d+\]$/.test(p) ? Number(p.slice(1, -1)) : p));
}

/**
 * Disclosures of the enabled jurisdictions that need the field at `path` (or something
 * inside it), so a schema error for a missing field can say which disclosures depend on it.
 */
export function disclosuresNeeding(path: string, jurisdictions: readonly string[], modules: ReadonlyMap<Jurisdiction, JurisdictionModule>): string[] {
  const ids: string[] = [];
  for (const j of jurisdictions) {
    for (const d of modules.get(j as Jurisdiction)?.disclosures ?? []) {
      const hit = d.facts.some((pattern) => {
        const concrete = pattern.replace(/\[(?:\?\w+(?:=\w+)?)?\]/g, '[]');
        const generic = path.replace(/\[\d+\]/g, '[]');
        return concrete === generic || concrete.startsWith(`${generic}.`) || concrete.startsWith(`${generic}[]`);
      });
      if (hit) ids.push(d.id);
    }
  }
  return ids;
}
