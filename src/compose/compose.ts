/**
 * compose(facts, library, options) → one Markdown document per locale, plus the clause
 * outline they share. The structure (which clauses, in which order, with which numbers)
 * is decided once for all locales; only wording and number formatting differ.
 */
import Handlebars from 'handlebars';
import type { HelperOptions } from 'handlebars';
import { PolicygenError, type Diagnostic } from '../diagnostics.js';
import { formatDate, say } from '../messages.js';
import { nonEmpty, valuesAt } from '../facts/paths.js';
import { basisUnder, establishedIn, within } from '../facts/regions.js';
import { RETENTION_PERIOD, type Facts, type Jurisdiction } from '../facts/schema.js';
import { escapeMarkdown, unescapeMarkdown } from './escape.js';
import { flatten, type Condition, type Library, type LocaleBundle, type OutlineClause } from '../library/library.js';
import { headingLabel, numerals, type NumberingStyle } from '../library/numbering.js';
import { checkParity } from './parity.js';
import { scopeFacts } from './scope.js';
import { keyFactsSummary } from './summary.js';
import { documentPlans, type DocumentPlan } from '../facts/documents.js';
import { customBody, withCustomSections } from './custom.js';
import type { ComposeOptions, Composed, Heading, LocaleDocument, PlannedClause } from './types.js';
import { buildView } from './view.js';

export type { ComposeOptions, Composed, Heading, LocaleDocument, PlannedClause } from './types.js';

/** Which clauses this company's policy contains, numbered. Locale-independent. */
export function planOutline(facts: Facts, outline: readonly OutlineClause[]): PlannedClause[] {
  const plan = (list: readonly OutlineClause[], prefix: number[]): PlannedClause[] => {
    const included = list.filter((c) => holds(c.when, facts));
    return included.map((c, i) => {
      const position = [...prefix, i + 1];
      return { id: c.id, position, children: plan(c.children, position), ...(c.custom === undefined ? {} : { custom: c.custom }) };
    });
  };
  return plan(outline, []);
}

function holds(condition: Condition | undefined, facts: Facts): boolean {
  if (!condition) return true;
  if (condition.jurisdiction && !condition.jurisdiction.some((j) => (facts.jurisdictions as string[]).includes(j))) return false;
  if (condition.fact && !valuesAt(facts, condition.fact).some(nonEmpty)) return false;
  if (condition.present && !valuesAt(facts, condition.present).some((v) => v !== undefined && v !== null)) return false;
  return true;
}

/**
 * One document of a company's policy: its laws only (the facts scoped to them), its own
 * outline, numbering and cross-references, in each of its languages. Without
 * `options.document`, one document for every enabled law in every language of the data
 * file (the single layout).
 */
export function compose(facts: Facts, library: Library, options: ComposeOptions): Composed {
  const plan: DocumentPlan = options.document ?? wholePolicy(facts);
  // The company's other documents, which this one may link to.
  const siblings = options.document ? documentPlans(facts).filter((p) => p.id !== plan.id) : [];
  const scoped = scopeFacts(facts, plan, library.modules);
  const base = library.outlines.get(plan.kind) ?? library.outline;
  const custom = plan.kind === 'policy' ? withCustomSections(base, scoped) : { outline: base.map((c) => c), diagnostics: [] };
  if (custom.diagnostics.length) throw new PolicygenError(custom.diagnostics);
  const outline = planOutline(scoped, custom.outline);
  const localeCodes = options.locales ?? plan.locales;
  const diagnostics: Diagnostic[] = [];
  const documents: LocaleDocument[] = [];
  for (const locale of localeCodes) {
    const bundle = library.locales.get(locale);
    if (!bundle) {
      diagnostics.push({
        id: 'unknown-locale',
        severity: 'error',
        path: 'policy.locales',
        ...say('noLocale.message', { locale, available: [...library.locales.keys()].join(', ') }, 'noLocale.fix'),
      });
      continue;
    }
    const result = composeLocale(scoped, library, bundle, outline, { ...options, document: plan }, siblings);
    diagnostics.push(...result.diagnostics);
    if (result.document) documents.push(result.document);
  }
  if (!diagnostics.length) diagnostics.push(...checkParity(outline, documents));
  if (diagnostics.length) throw new PolicygenError(dedupe(diagnostics));
  return { plan, facts: scoped, outline, documents };
}

/** Every document the data file asks for (`policy.documents`), composed. */
export function composeAll(facts: Facts, library: Library, options: Omit<ComposeOptions, 'document' | 'locales'>): Composed[] {
  return documentPlans(facts).map((document) => compose(facts, library, { ...options, document }));
}

/** Every locale document of every document, in order (for comparing whole releases). */
export function localeDocuments(composed: readonly Composed[]): LocaleDocument[] {
  return composed.flatMap((c) => c.documents);
}

/** The single layout: one document for every enabled law, in every language of the data file. */
export function wholePolicy(facts: Facts): DocumentPlan {
  const locales = facts.policy.locales;
  return { id: 'policy', kind: 'policy', laws: facts.jurisdictions as Jurisdiction[], locales, ...(facts.policy.prevailing_language ? { prevails: facts.policy.prevailing_language } : {}), dir: '' };
}

function composeLocale(
  facts: Facts,
  library: Library,
  bundle: LocaleBundle,
  outline: PlannedClause[],
  options: ComposeOptions & { document: DocumentPlan },
  siblings: readonly DocumentPlan[],
): { document?: LocaleDocument; diagnostics: Diagnostic[] } {
  const { locale } = bundle;
  const diagnostics: Diagnostic[] = [];
  const style: NumberingStyle = (facts.policy.numbering[locale] as NumberingStyle | undefined) ?? bundle.numbering;
  const lookup = (key: string, vars: Record<string, unknown> = {}): string => {
    if (!bundle.i18n.exists(key, vars)) {
      diagnostics.push({ id: 'missing-key', severity: 'error', file: bundle.file, path: key, ...say('localeNoText.message', { locale, key }, 'localeNoText.fix', { key, file: bundle.file }) });
      return `⟦${key}⟧`;
    }
    const text = bundle.i18n.t(key, vars) as unknown;
    if (typeof text !== 'string' || text === key) {
      // i18next answers with the key itself when a plural form or an object is missing.
      diagnostics.push({ id: 'missing-key', severity: 'error', file: bundle.file, path: key, ...say('localeNoText.message', { locale, key }, 'localeNoText.fix', { key, file: bundle.file }) });
      return `⟦${key}⟧`;
    }
    return text;
  };
  // Statute citations name their law. The GDPR part serves the EU GDPR and the UK GDPR,
  // which number their articles alike: its shared sentences cite {{gdpr_law}}, "GDPR"
  // unless only the UK GDPR applies ("英国 GDPR" / "UK GDPR").
  const jurisdictions = facts.jurisdictions as string[];
  const lawVars: Record<string, string> = {};
  if (jurisdictions.includes('gdpr') || jurisdictions.includes('uk')) {
    lawVars.gdpr_law = lookup(jurisdictions.includes('gdpr') ? 'law.gdpr' : 'law.uk_gdpr');
  }
  const t = (key: string, vars: Record<string, unknown> = {}): string => lookup(key, { ...lawVars, ...vars });

  // Headings first: cross-references need every number before any body renders.
  const planned = flattenPlan(outline);
  const headings = new Map<string, Heading>();
  for (const clause of planned) {
    const n = numerals(clause.position, style);
    const vars = Object.fromEntries(n.map((v, i) => [`n${i + 1}`, v]));
    headings.set(clause.id, {
      id: clause.id,
      level: clause.position.length,
      label: headingLabel(clause.position, style),
      title: clause.custom === undefined ? t(`clauses.${clause.id}.title`) : escapeMarkdown(String(facts.custom_sections[clause.custom]!.title[locale])),
      refText: t(`ref.${style}.level${clause.position.length}`, vars),
    });
  }

  const plan = options.document;
  const titleOf = (doc: DocumentPlan, key = (k: string, v?: Record<string, unknown>) => t(k, v)): string => documentTitle(doc, facts, locale, key);
  const languages = new Intl.DisplayNames([locale], { type: 'language' });
  const languageName = (code: string) => escapeMarkdown(languages.of(code.split('-')[0]!) ?? code);
  const link = (other: DocumentPlan) => `[${titleOf(other)}](${documentHref(plan, other, locale)})`;
  // Readers of one policy document are told which one is theirs when there are several.
  const otherPolicies = siblings.filter((other) => other.kind === 'policy' && plan.kind === 'policy');
  const audienceKey = ['china', 'global'].includes(plan.id) ? `documents.${plan.id}.audience` : 'documents.list.audience';
  const view = {
    ...buildView(facts, locale),
    document: {
      id: plan.id,
      kind: plan.kind,
      languages: new Intl.ListFormat(locale, { type: 'conjunction' }).format(plan.locales.map(languageName)),
      ...(plan.prevails ? { prevails: languageName(plan.prevails) } : {}),
      ...(otherPolicies.length ? { audience: t(audienceKey, { others: new Intl.ListFormat(locale, { type: 'conjunction' }).format(otherPolicies.map(link)) }) } : {}),
      others: siblings.map((other) => ({ id: other.id, kind: other.kind, laws: other.laws, link: link(other) })),
      /** The children's rules, linked, when the company publishes them. */
      ...(siblings.some((o) => o.kind === 'children') ? { children_rules: link(siblings.find((o) => o.kind === 'children')!) } : {}),
      /** The policy document that holds PIPL (the one the children's rules belong to), linked. */
      ...(siblings.some((o) => o.kind === 'policy' && o.laws.includes('pipl')) ? { pipl_policy: link(siblings.find((o) => o.kind === 'policy' && o.laws.includes('pipl'))!) } : {}),
    },
  };
  const refs: Record<string, string[]> = {};
  let currentClause = '';
  const allClauseIds = new Set(flatten(library.outline).map((c) => c.id));
  const helpers = makeHelpers({
    t,
    locale,
    facts,
    library,
    has: (id: string) => headings.has(id),
    ref(id: string) {
      (refs[currentClause] ??= []).push(id);
      const target = headings.get(id);
      if (!target) {
        diagnostics.push({
          id: 'unknown-clause',
          severity: 'error',
          path: `clauses.${currentClause}`,
          message: allClauseIds.has(id)
            ? `clause "${currentClause}" refers to "${id}", which this policy does not include`
            : `clause "${currentClause}" refers to "${id}", which does not exist`,
          fix: allClauseIds.has(id) ? `guard the reference with the same condition as "${id}" in templates/outline.yaml` : `use one of: ${[...allClauseIds].join(', ')}`,
        });
        return `⟦${id}⟧`;
      }
      return `[${target.refText}](#${id})`;
    },
  });

  const title = titleOf(plan);
  const dateText = formatDate(options.date, locale);
  const stamp = t('document.last_updated', { date: dateText });
  const parts: string[] = [`# ${title}`, '', stamp, ''];
  // The key facts first (a policy document, not the children's rules): before the contents, on page 1.
  if (plan.kind === 'policy') {
    const summary = keyFactsSummary({
      facts,
      locale,
      t,
      ref: (id) => {
        const target = headings.get(id);
        return target ? `[${target.refText}](#${id})` : undefined;
      },
      retention: (period) => formatRetention(period, t),
    });
    parts.push(tidyPunctuation(summary), '');
  }
  for (const clause of planned) {
    const heading = headings.get(clause.id)!;
    currentClause = clause.id;
    const template = library.templates.get(clause.id)?.get(locale);
    let body = '';
    try {
      if (clause.custom !== undefined) {
        const section = { id: clause.id, path: `custom_sections[${clause.custom}].body.${locale}`, locale };
        body = customBody(String(facts.custom_sections[clause.custom]!.body[locale]), { ref: (id) => headings.get(id)?.refText, onProblem: (d) => diagnostics.push(d), section });
      } else body = template ? template({ ...view, clause: { id: clause.id } }, { helpers }).trim() : '';
    } catch (error) {
      diagnostics.push({ id: 'template-error', severity: 'error', path: `clauses.${clause.id}`, ...say('clauseRender.message', { clause: clause.id, locale, detail: (error as Error).message.split('\n')[0] ?? '' }, 'clauseRender.fix') });
    }
    body = tidyPunctuation(body);
    const sep = /[、）]$/.test(heading.label) ? '' : ' ';
    parts.push(`${'#'.repeat(heading.level + 1)} ${heading.label}${sep}${heading.title}`, '');
    if (body) parts.push(body, '');
  }
  const document: LocaleDocument = {
    document: options.document?.id ?? 'policy',
    locale,
    title,
    stamp,
    dateText,
    markdown: `${parts.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`,
    headings: planned.map((c) => headings.get(c.id)!),
    refs,
  };
  return diagnostics.length ? { diagnostics } : { document, diagnostics };
}

/**
 * A document's title in a locale: the data file's `policy.title` (or "Privacy Policy") for
 * the single layout; with several documents, each names its audience ("云笺隐私政策（中国大陆）");
 * the children's rules have their own.
 */
export function documentTitle(plan: DocumentPlan, facts: Facts, locale: string, t: (key: string, vars?: Record<string, unknown>) => string): string {
  const base = facts.policy.title ? escapeMarkdown(String(facts.policy.title[locale])) : t('document.title');
  if (plan.kind === 'children') return t('documents.children.title', { company: escapeMarkdown(String((facts.controller.short_name ?? facts.controller.name)[locale])) });
  const own = (Array.isArray(facts.policy.documents) ? facts.policy.documents.find((d) => d.id === plan.id) : undefined)?.title;
  if (own) return escapeMarkdown(String(own[locale]));
  if (plan.id === 'china' || plan.id === 'global') return t(`documents.${plan.id}.title`, { name: base });
  return base;
}

/** The relative address of another document's page, from this document's page in `locale` (its own first language if it lacks that one). */
export function documentHref(from: DocumentPlan, to: DocumentPlan, locale: string): string {
  const up = '../'.repeat(1 + from.dir.split('/').filter(Boolean).length);
  const target = to.locales.includes(locale) ? locale : to.locales[0]!;
  return `${up}${to.dir}${target}/index.html`;
}

/**
 * A fact that ends its sentence ("…注销账号。", "…account.") inside a template sentence that
 * ends it again: one mark, the fact's own ("删除。。" → "删除。", "closed.." → "closed.").
 * An ellipsis ("...", "……") is left alone.
 */
export function tidyPunctuation(text: string): string {
  return text.replace(/(?<!。)([。！？；])。(?!。)/g, '$1').replace(/(?<![.\\])([.!?])\.(?![./])/g, '$1');
}

function flattenPlan(list: readonly PlannedClause[]): PlannedClause[] {
  return list.flatMap((c) => [c, ...flattenPlan(c.children)]);
}

/** The calendar date in a language (src/messages.ts), kept here for the stages that import it from compose. */
export { formatDate };

interface HelperContext {
  t: (key: string, vars?: Record<string, unknown>) => string;
  ref: (id: string) => string;
  /** Whether this policy contains the clause. */
  has: (id: string) => boolean;
  locale: string;
  facts: Facts;
  library: Library;
}

/**
 * Where each law's part says something that differs by law: the clause of the region
 * section that holds it. Shared clauses point readers there instead of stating it.
 */
const REGION_CLAUSES: Record<string, Partial<Record<Jurisdiction | 'gdpr_uk', string>>> = {
  bases: { pipl: 'pipl_bases', gdpr_uk: 'gdpr_legal_bases', lgpd: 'lgpd_basis' },
  rights: { pipl: 'pipl_rights', gdpr_uk: 'gdpr_rights', ccpa: 'ccpa_requests', lgpd: 'lgpd_rights' },
  transfers: { pipl: 'pipl_cross_border', gdpr_uk: 'gdpr_transfers', lgpd: 'lgpd_transfers' },
  children: { pipl: 'pipl_minors', gdpr_uk: 'gdpr_children', ccpa: 'ccpa_minors', lgpd: 'lgpd_children' },
};

/**
 * Helpers available to clause templates. Each returns Markdown built from locale text
 * (trusted) and view values (already escaped).
 */
function makeHelpers(ctx: HelperContext): Record<string, Handlebars.HelperDelegate> {
  const { t, locale, facts } = ctx;
  const modules = ctx.library.modules;
  const enabled = facts.jurisdictions as Jurisdiction[];
  const escapedLaw = (o: { law: Record<string, string> }) => escapeMarkdown(String(o.law[locale]));
  /** The region clauses of this policy that hold a rule of this kind, with the region each serves. */
  const regionClauses = (kind: string): [string, string][] => {
    const out: [string, string][] = [];
    for (const [law, id] of Object.entries(REGION_CLAUSES[kind] ?? {})) {
      const on = law === 'gdpr_uk' ? enabled.includes('gdpr') || enabled.includes('uk') : enabled.includes(law as Jurisdiction);
      if (!on || !id || !ctx.has(id)) continue;
      out.push([id, law === 'gdpr_uk' ? (enabled.includes('gdpr') ? (enabled.includes('uk') ? 'gdpr_uk' : 'gdpr') : 'uk') : law]);
    }
    return out;
  };
  /** The obligations of a purpose that a law accepts (PIPL: Chinese law; GDPR: EU or EEA law…). */
  const obligationsFor = (purposeId: string, law: Jurisdiction) => {
    const accepted = modules.get(law)?.obligation_jurisdictions ?? [];
    const purpose = facts.purposes.find((p) => p.id === purposeId);
    return (purpose?.obligations ?? []).filter((o) => within(o.jurisdiction, accepted)).map(escapedLaw);
  };
  const list = new Intl.ListFormat(locale, { type: 'conjunction' });
  const countries = new Intl.DisplayNames([locale], { type: 'region' });
  const categoryNames = new Map(facts.data_categories.map((c) => [c.id, escapeMarkdown(String(c.name[locale]))]));
  const purposeText = new Map(facts.purposes.map((p) => [p.id, escapeMarkdown(String(p.description[locale]))]));
  const hash = (options: unknown) => ((options as HelperOptions | undefined)?.hash ?? {}) as Record<string, unknown>;

  return {
    /** {{t "key" name=value}}: locale text with interpolated (escaped) values. */
    t: (key: string, options: HelperOptions) => t(key, hash(options)),
    /** {{enum "legal_basis" code}}: the locale's name for a schema code. */
    enum: (kind: string, code: string) => t(`enums.${kind}.${code}`),
    /** {{enums "transfer_mechanism" codes}}: several codes, joined as a list. */
    enums: (kind: string, codes: unknown) => list.format((Array.isArray(codes) ? codes : []).map((code) => t(`enums.${kind}.${String(code)}`))),
    ref: (id: string) => ctx.ref(id),
    country: (code: string) => escapeMarkdown(countries.of(code) ?? code),
    /** {{list items}}: "a, b and c" / "a、b和c". */
    list: (items: unknown) => list.format((Array.isArray(items) ? items : []).map(String)),
    categories: (ids: string[]) => list.format(ids.map((id) => categoryNames.get(id) ?? id)),
    purposes: (ids: string[]) => ids.map((id) => purposeText.get(id) ?? id).join(t("punct.semicolon")),
    retention: (period: string) => formatRetention(unescapeMarkdown(period), t),
    /** Links only to values the schema validated as http(s) URLs or email addresses. */
    link: (value: string) => {
      const raw = unescapeMarkdown(String(value));
      if (/^https?:\/\//.test(raw)) return `<${encodeURI(decodeURI(raw))}>`;
      if (/^[^\s<>@]+@[^\s<>@]+$/.test(raw)) return `<${raw}>`;
      return escapeMarkdown(raw);
    },
    eq: (a: unknown, b: unknown) => a === b,
    /** {{#if (or a b)}}: either is truthy (Handlebars passes its options object last). */
    or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
    has: (items: unknown, value: unknown) => Array.isArray(items) && items.includes(value),
    jurisdiction: (...args: unknown[]) => args.slice(0, -1).some((j) => (facts.jurisdictions as string[]).includes(String(j))),
    /** {{basis "pipl" purpose}}: the purpose's legal basis under that law, in that law's words. */
    basis: (law: Jurisdiction, purpose: { id: string }) => {
      const original = facts.purposes.find((p) => p.id === purpose.id);
      const code = original ? basisUnder(original, law) : undefined;
      if (!code) return t(`bases.${law}.missing`);
      return t(`bases.${law}.${code}`, { laws: list.format(obligationsFor(purpose.id, law)) });
    },
    /** {{#if (basisIs "gdpr" purpose "consent")}} */
    basisIs: (law: Jurisdiction, purpose: { id: string }, code: string) => {
      const original = facts.purposes.find((p) => p.id === purpose.id);
      return !!original && basisUnder(original, law) === code;
    },
    /** {{#if (anyBasis "gdpr" "legitimate_interests")}}: whether any purpose relies on it under that law. */
    anyBasis: (law: Jurisdiction, code: string) => facts.purposes.some((p) => basisUnder(p, law) === code),
    /** Whether the UK basis of some purpose differs from its EEA one. */
    ukDiffers: () => facts.purposes.some((p) => basisUnder(p, 'uk') !== basisUnder(p, 'gdpr')),
    /** {{regions "rights"}}: references to the region clauses that hold this rule, each with its region. */
    /** {{regions "rights"}}: "Section 15.3 (mainland China) and Section 16.4 (the EEA)"; one region: its section alone. */
    regions: (kind: string) => {
      const found = regionClauses(kind);
      if (found.length === 1) return ctx.ref(found[0]![0]);
      return list.format(found.map(([id, region]) => t('regions.item', { ref: ctx.ref(id), region: t(`regions.${region}`) })));
    },
    /** {{t (regionKey "clauses.use.bases" "bases") …}}: the key's `_single` wording when a single region holds the rule (a document for one law). */
    regionKey: (key: string, kind: string) => (regionClauses(kind).length === 1 && ctx.library.locales.get(locale)?.i18n.exists(`${key}_single`) ? `${key}_single` : key),
    /** {{#if (hasRegions "rights")}}: whether any region clause holds it (records no cross-reference). */
    hasRegions: (kind: string) => regionClauses(kind).length > 0,
    /** {{#each (transfersFrom "gdpr" transfers)}}: the transfers leaving that law's territory. */
    transfersFrom: (law: Jurisdiction, transfers: unknown) => {
      const territory = modules.get(law)?.territory ?? [];
      return (Array.isArray(transfers) ? transfers : []).filter((tr) => ((tr as { from?: string[] }).from ?? []).some((f) => within(f, territory)));
    },
    /** {{#if (anyTransferFrom "pipl")}}: whether any transfer leaves that law's territory. */
    anyTransferFrom: (law: Jurisdiction) => facts.transfers.some((tr) => tr.from.some((f) => within(f, modules.get(law)?.territory ?? []))),
    /** {{origins from}}: "mainland China, the EEA and the United Kingdom". */
    origins: (from: unknown) => list.format((Array.isArray(from) ? from : []).map((code) => (code === 'EEA' ? t('regions.eea_place') : escapeMarkdown(countries.of(String(code)) ?? String(code))))),
    /** {{#if (established "EEA")}}: whether the company has an establishment there. */
    established: (territory: string) => establishedIn(facts, territory),
    /** {{#if (gt a b)}} */
    gt: (a: unknown, b: unknown) => Number(a) > Number(b),
  };
}

function formatRetention(period: string, t: HelperContext['t']): string {
  const match = RETENTION_PERIOD.exec(period);
  if (!match) return escapeMarkdown(period);
  if (period === 'not stored') return t('retention.not_stored');
  if (period === 'until processed') return t('retention.until_processed');
  const duration = (text: string) => {
    const [count, unit] = text.split(' ');
    return t(`duration.${unit!.replace(/(?<!s)$/, 's')}`, { count: Number(count) });
  };
  if (period.startsWith('account lifetime')) {
    const extra = period.split(' + ')[1];
    return extra ? t('retention.account_lifetime_plus', { duration: duration(extra) }) : t('retention.account_lifetime');
  }
  return duration(period);
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.id}|${d.file}|${d.path}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
