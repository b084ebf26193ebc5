/**
 * Materiality of a change, per law: what each enabled law requires the company to do before
 * the changed processing applies to people who are already its users, and the article that
 * decides it.
 *
 * Pure: two facts snapshots and the laws in, a table out. Every fact change (from
 * `diffFacts`) is read under each law:
 *
 * | law | change | action | article |
 * | --- | --- | --- | --- |
 * | PIPL | new sensitive information | separate consent | Art. 29 |
 * | PIPL | new recipient that is another processor, or any recipient abroad | separate consent | Arts. 23, 39 |
 * | PIPL | new purpose, method or category for processing based on consent | consent again | Art. 14 para. 2 |
 * | PIPL | any other change to what the policy tells | inform of the change | Art. 17 para. 2 |
 * | GDPR, UK GDPR | a new purpose based on consent | new consent | Arts. 6(1)(a), 7 |
 * | GDPR, UK GDPR | data used for a new purpose | inform before that processing | Art. 13(3) |
 * | CCPA | new categories or purposes | new notice at collection | 1798.100(a)(1), (a)(2) for sensitive |
 * | CCPA | a retention period changed | new notice at collection | 1798.100(a)(3) |
 * | LGPD | purpose, duration, controller or sharing changed | inform in advance | Art. 8 §6; Art. 9 §2 |
 *
 * A change is read only under the laws whose readers it concerns: a purpose `not_applicable`
 * under a law, a category collected only for such purposes, a transfer not leaving a law's
 * territory are no change for that law. Presentation (`policy.*`, `policy_changes`) and the
 * templates' wording are no change at all: the law asks nothing of the company for them beyond
 * publishing the policy. Where the law makes the consent step depend on the basis (PIPL Art. 14
 * is about processing based on consent), a purpose on another basis is "inform", not "consent":
 * the table promises nothing the law does not require.
 */
import type { Diagnostic } from '../diagnostics.js';
import { documentPlans } from '../facts/documents.js';
import { say } from '../messages.js';
import type { Library } from '../library/library.js';
import type { Comparison } from './compare.js';
import { describeOps } from './describe.js';
import { diffFacts, isPlainObject, type FactOp } from './facts-diff.js';
import { SINGLE, snapshotFacts } from './sides.js';

/** The actions, weakest first: each law uses the ones its text knows. */
export const ACTIONS = ['none', 'inform', 'notice-at-collection', 'consent', 'separate-consent'] as const;
export type Action = (typeof ACTIONS)[number];

/** The laws this module reads (the `jurisdictions` codes). */
export const MATERIALITY_LAWS = ['pipl', 'gdpr', 'uk', 'ccpa', 'lgpd'] as const;
export type MaterialityLaw = (typeof MATERIALITY_LAWS)[number];

/**
 * The articles that decide an action, by stable id (the locale files name each one in their
 * language under `materiality.article.<id>`); the value is the citation kept in JSON records.
 */
export const ARTICLES = {
  pipl_14: 'PIPL Art. 14 para. 2',
  pipl_17: 'PIPL Art. 17 para. 2',
  pipl_23: 'PIPL Art. 23',
  pipl_39: 'PIPL Art. 39',
  pipl_23_39: 'PIPL Arts. 23, 39',
  pipl_29: 'PIPL Art. 29',
  gdpr_13_3: 'GDPR Art. 13(3)',
  gdpr_consent: 'GDPR Arts. 6(1)(a), 7',
  uk_13_3: 'UK GDPR Art. 13(3)',
  uk_consent: 'UK GDPR Arts. 6(1)(a), 7',
  ccpa_a1: 'Cal. Civ. Code § 1798.100(a)(1)',
  ccpa_a2: 'Cal. Civ. Code § 1798.100(a)(2)',
  ccpa_a3: 'Cal. Civ. Code § 1798.100(a)(3)',
  lgpd_8_6: 'LGPD Art. 8 §6',
  lgpd_8_6_9_2: 'LGPD Art. 8 §6; Art. 9 §2',
} as const;
export type ArticleId = keyof typeof ARTICLES;

/** The id of a citation written in a record (for naming it in a locale), if it is one of ours. */
export function articleId(citation: string): ArticleId | undefined {
  return (Object.keys(ARTICLES) as ArticleId[]).find((id) => ARTICLES[id] === citation);
}

export interface LawAction {
  action: Action;
  /** The citation that decides it (absent for `none`). */
  article?: string;
}

/** One fact change and what each law requires for it. */
export interface MaterialChange {
  /** Where in the data, e.g. `recipients[Tally Analytics]`. */
  path: string;
  kind: FactOp['kind'];
  /** Where in the schema, e.g. `recipients[]`. */
  pattern: string;
  /** The change in words, per locale (present in records made with a library). */
  summary?: Record<string, string>;
  laws: Partial<Record<MaterialityLaw, LawAction>>;
}

/**
 * The stable record another system keeps (policy-version.json): every change with its action
 * per law, and the strongest action each law requires.
 */
export interface Materiality {
  changes: MaterialChange[];
  actions: Partial<Record<MaterialityLaw, Action>>;
}

export const rank = (action: Action): number => ACTIONS.indexOf(action);
export const stronger = (a: Action, b: Action): Action => (rank(b) > rank(a) ? b : a);

/** The laws' own names (the same in every language). */
export const LAW_NAMES: Record<MaterialityLaw, string> = { pipl: 'PIPL', gdpr: 'GDPR', uk: 'UK GDPR', ccpa: 'CCPA', lgpd: 'LGPD' };

/** Where each law's territory is, for transfers (`transfers[].from`). */
const TERRITORY: Partial<Record<MaterialityLaw, string>> = { pipl: 'CN', gdpr: 'EEA', uk: 'GB', lgpd: 'BR' };

type Facts = Record<string, unknown>;
type Item = Record<string, unknown>;

const list = (facts: Facts, key: string): Item[] => (Array.isArray(facts[key]) ? (facts[key] as unknown[]).filter(isPlainObject) : []);
const byId = (facts: Facts, key: string, id: unknown): Item | undefined => list(facts, key).find((item) => item.id === id);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** A purpose's basis under a law (the UK's is the GDPR's unless it has its own). */
function basis(purpose: Item | undefined, law: MaterialityLaw): string | undefined {
  const bases = (isPlainObject(purpose?.bases) ? purpose!.bases : {}) as Record<string, string | undefined>;
  return law === 'uk' ? (bases.uk ?? bases.gdpr) : bases[law];
}

/** Whether a purpose is carried out for a law's readers (the CCPA has no bases: always). */
const carriedOut = (purpose: Item | undefined, law: MaterialityLaw) => law === 'ccpa' || basis(purpose, law) !== 'not_applicable';
const onConsent = (purpose: Item | undefined, law: MaterialityLaw) => basis(purpose, law) === 'consent';

/** The purposes of a data category, looked up in the facts it belongs to. */
const purposesOf = (category: Item | undefined, facts: Facts): (Item | undefined)[] => strings(category?.purposes).map((id) => byId(facts, 'purposes', id));
const categoryConcerns = (category: Item | undefined, facts: Facts, law: MaterialityLaw) => !category || purposesOf(category, facts).some((p) => carriedOut(p, law));
const categoryOnConsent = (category: Item | undefined, facts: Facts, law: MaterialityLaw) => purposesOf(category, facts).some((p) => carriedOut(p, law) && onConsent(p, law));
const receiverConcerns = (receiver: Item | undefined, facts: Facts, law: MaterialityLaw) =>
  !receiver || strings(receiver.data).some((id) => categoryConcerns(byId(facts, 'data_categories', id), facts, law));

const act = (action: Action, article?: ArticleId): LawAction => (article ? { action, article: ARTICLES[article] } : { action });
const NONE = act('none');

/** The list item a change lies in (the changed item itself for an added or removed one). */
function owner(op: FactOp): Item | undefined {
  const own = op.owners[op.owners.length - 1];
  const item = own ? (own.new ?? own.old) : op.kind === 'removed' ? op.before : op.after;
  return isPlainObject(item) ? item : undefined;
}

/** The outermost list item a change lies in (a purpose, a category, a recipient…). */
function top(op: FactOp): Item | undefined {
  const own = op.owners[0];
  const item = own ? (own.new ?? own.old) : op.kind === 'removed' ? op.before : op.after;
  return isPlainObject(item) ? item : undefined;
}

/** A recipient (or SDK) newly given data under PIPL: abroad Art. 39, another processor Art. 23, both Arts. 23 and 39. */
function piplRecipient(receiver: Item | undefined): LawAction {
  const abroad = typeof receiver?.country === 'string' && receiver.country !== 'CN';
  // An SDK's provider uses the data as a processor of its own: Art. 23.
  const otherProcessor = receiver?.role === undefined || receiver.role === 'controller' || receiver.role === 'affiliate';
  if (abroad && otherProcessor) return act('separate-consent', 'pipl_23_39');
  if (abroad) return act('separate-consent', 'pipl_39');
  if (otherProcessor) return act('separate-consent', 'pipl_23');
  // Entrusted processing (Art. 21) needs no consent of its own: the change is told.
  return act('inform', 'pipl_17');
}

/** A purpose newly pursued (a new purpose, or existing data used for one). */
function newPurpose(purpose: Item | undefined, law: MaterialityLaw): LawAction {
  if (!carriedOut(purpose, law)) return NONE;
  const consent = onConsent(purpose, law);
  switch (law) {
    case 'pipl':
      return consent ? act('consent', 'pipl_14') : act('inform', 'pipl_17');
    case 'gdpr':
      return consent ? act('consent', 'gdpr_consent') : act('inform', 'gdpr_13_3');
    case 'uk':
      return consent ? act('consent', 'uk_consent') : act('inform', 'uk_13_3');
    case 'ccpa':
      return act('notice-at-collection', 'ccpa_a1');
    case 'lgpd':
      return act('inform', consent ? 'lgpd_8_6_9_2' : 'lgpd_8_6');
  }
}

/** PIPL's rule for every change it has no stronger one for: tell the change (Art. 17 para. 2). */
const piplInform = (law: MaterialityLaw): LawAction => (law === 'pipl' ? act('inform', 'pipl_17') : NONE);

/** Fields that only one law reads (its own settings); the value is that law. */
const LAW_SETTINGS: Record<string, MaterialityLaw | 'gdpr+uk'> = { pipl: 'pipl', pipo: 'pipl', gdpr: 'gdpr+uk', uk: 'uk', ccpa: 'ccpa', lgpd: 'lgpd', dpo: 'gdpr+uk', representatives: 'gdpr+uk' };

/** What one law requires for one change. `before` and `after` are the two snapshots. */
export function classify(op: FactOp, before: Facts, after: Facts, law: MaterialityLaw): LawAction {
  const root = op.pattern.split(/[.[]/)[0]!;
  const side = op.kind === 'removed' ? before : after;
  const added = op.kind === 'added';
  const removed = op.kind === 'removed';
  // Presentation, and how the company notifies: nothing changes in the processing.
  if (root === 'policy' || root === 'policy_changes' || root === 'jurisdictions') return NONE;
  const setting = LAW_SETTINGS[root];
  // Another law's settings are nothing to PIPL readers; PIPL's own (pipl, pipo) are told.
  if (setting) return setting === 'pipl' ? piplInform(law) : NONE;

  switch (op.pattern) {
    case 'purposes[]': {
      const purpose = owner(op);
      if (added) return newPurpose(purpose, law);
      if (!carriedOut(purpose, law)) return NONE;
      return law === 'pipl' ? act('inform', 'pipl_17') : law === 'lgpd' ? act('inform', 'lgpd_8_6') : NONE;
    }
    case 'data_categories[].purposes[]': {
      const purpose = byId(side, 'purposes', op.kind === 'removed' ? op.before : op.after);
      if (added) return newPurpose(purpose, law);
      if (!carriedOut(purpose, law)) return NONE;
      return law === 'pipl' ? act('inform', 'pipl_17') : law === 'lgpd' ? act('inform', 'lgpd_8_6') : NONE;
    }
    case 'data_categories[]': {
      const category = owner(op);
      if (!categoryConcerns(category, side, law)) return NONE;
      if (removed) return piplInform(law);
      if (law === 'pipl') return category?.sensitive === true ? act('separate-consent', 'pipl_29') : categoryOnConsent(category, side, 'pipl') ? act('consent', 'pipl_14') : act('inform', 'pipl_17');
      if (law === 'gdpr' || law === 'uk') return categoryOnConsent(category, side, law) ? act('consent', law === 'gdpr' ? 'gdpr_consent' : 'uk_consent') : NONE;
      if (law === 'ccpa') return act('notice-at-collection', category?.ccpa_sensitive ? 'ccpa_a2' : 'ccpa_a1');
      return NONE;
    }
    case 'data_categories[].sensitive':
      if (!categoryConcerns(top(op), side, law) || law !== 'pipl') return NONE;
      return op.after === true ? act('separate-consent', 'pipl_29') : act('inform', 'pipl_17');
    case 'data_categories[].ccpa_sensitive':
      return law === 'ccpa' && !removed ? act('notice-at-collection', 'ccpa_a2') : NONE;
    case 'data_categories[].ccpa_category':
      return law === 'ccpa' && !removed ? act('notice-at-collection', 'ccpa_a1') : NONE;
    case 'purposes[].method':
      if (!carriedOut(top(op), law)) return NONE;
      if (law === 'pipl') return onConsent(top(op), 'pipl') && !removed ? act('consent', 'pipl_14') : act('inform', 'pipl_17');
      // "forma e duração do tratamento" (Art. 9 II).
      return law === 'lgpd' ? act('inform', 'lgpd_8_6') : NONE;
    case 'purposes[].description':
      if (!carriedOut(top(op), law)) return NONE;
      return law === 'pipl' ? act('inform', 'pipl_17') : law === 'lgpd' ? act('inform', 'lgpd_8_6') : NONE;
    case 'recipients[]':
    case 'sdks[]': {
      const receiver = owner(op);
      if (!receiverConcerns(receiver, side, law)) return NONE;
      if (law === 'pipl') return added ? piplRecipient(receiver) : act('inform', 'pipl_17');
      // "uso compartilhado de dados pelo controlador" (Art. 9 V).
      return law === 'lgpd' ? act('inform', 'lgpd_8_6') : NONE;
    }
    case 'recipients[].data[]':
    case 'sdks[].data[]': {
      const category = byId(side, 'data_categories', op.kind === 'removed' ? op.before : op.after);
      if (!categoryConcerns(category, side, law)) return NONE;
      if (law === 'pipl') return added ? piplRecipient(top(op)) : act('inform', 'pipl_17');
      return law === 'lgpd' ? act('inform', 'lgpd_8_6') : NONE;
    }
    case 'recipients[].country':
    case 'recipients[].role': {
      const receiver = top(op);
      if (!receiverConcerns(receiver, after, law)) return NONE;
      if (law === 'pipl') {
        const now = piplRecipient(receiver);
        const then = piplRecipient(isPlainObject(op.owners[0]?.old) ? (op.owners[0]!.old as Item) : undefined);
        return rank(now.action) > rank(then.action) ? now : act('inform', 'pipl_17');
      }
      return law === 'lgpd' ? act('inform', 'lgpd_8_6') : NONE;
    }
    case 'transfers[]':
    case 'transfers[].recipients[]':
    case 'transfers[].from[]': {
      const transfer = top(op);
      const from = op.pattern === 'transfers[].from[]' ? [String(op.kind === 'removed' ? op.before : op.after)] : strings(transfer?.from);
      const territory = TERRITORY[law];
      if (!territory || !from.includes(territory)) return NONE;
      if (law === 'pipl') return added ? act('separate-consent', 'pipl_39') : act('inform', 'pipl_17');
      return law === 'lgpd' ? act('inform', 'lgpd_8_6') : NONE;
    }
  }
  if (op.pattern.startsWith('purposes[].bases.')) {
    const which = op.pattern.slice('purposes[].bases.'.length);
    // The UK reads the GDPR basis when it has none of its own.
    const ukOwn = isPlainObject(top(op)?.bases) && (top(op)!.bases as Item).uk !== undefined;
    const mine = which === law || (which === 'gdpr' && law === 'uk' && !ukOwn);
    if (!mine) return NONE;
    if (op.after === 'consent') return newPurpose(top(op), law);
    return law === 'pipl' ? act('inform', 'pipl_17') : law === 'lgpd' ? act('inform', 'lgpd_8_6') : NONE;
  }
  if (op.pattern.startsWith('purposes[]')) return carriedOut(top(op), law) ? piplInform(law) : NONE;
  if (op.pattern.startsWith('data_categories[].retention')) {
    if (!categoryConcerns(top(op), side, law)) return NONE;
    // The storage period is a matter told under PIPL Art. 17(1)(二); "duração do tratamento" under LGPD Art. 9 II;
    // under the CCPA the notice at collection states it (1798.100(a)(3)), so a new period is a new notice.
    if (law === 'ccpa') return op.pattern === 'data_categories[].retention.period' ? act('notice-at-collection', 'ccpa_a3') : NONE;
    return law === 'pipl' ? act('inform', 'pipl_17') : law === 'lgpd' ? act('inform', 'lgpd_8_6') : NONE;
  }
  if (op.pattern.startsWith('data_categories[]')) return categoryConcerns(top(op), side, law) ? piplInform(law) : NONE;
  if (op.pattern.startsWith('recipients[]') || op.pattern.startsWith('sdks[]')) {
    if (!receiverConcerns(top(op), side, law)) return NONE;
    return law === 'pipl' ? act('inform', 'pipl_17') : law === 'lgpd' ? act('inform', 'lgpd_8_6') : NONE;
  }
  if (op.pattern.startsWith('transfers[]')) {
    const territory = TERRITORY[law];
    if (!territory || !strings(top(op)?.from).includes(territory)) return NONE;
    return law === 'pipl' ? act('inform', 'pipl_17') : law === 'lgpd' ? act('inform', 'lgpd_8_6') : NONE;
  }
  // The controller's identity and contact: PIPL Art. 17(1)(一); "identificação do controlador", LGPD Art. 9 III.
  if (root === 'controller') return law === 'pipl' ? act('inform', 'pipl_17') : law === 'lgpd' ? act('inform', 'lgpd_8_6') : NONE;
  return piplInform(law);
}

/**
 * Every fact change from `before` to `after` under each of `laws`, and the strongest action
 * per law (`none` for a law no change concerns). No change (a template-only or wording
 * release) gives no rows and `none` everywhere.
 */
export function materiality(before: Facts, after: Facts, laws: readonly string[]): Materiality {
  return materialityOf(diffFacts(before, after), before, after, laws);
}

/** The same for fact changes already computed (`diffFacts(before, after)`). */
export function materialityOf(ops: readonly FactOp[], before: Facts, after: Facts, laws: readonly string[]): Materiality {
  const ours = MATERIALITY_LAWS.filter((law) => laws.includes(law));
  const changes = ops.map((op): MaterialChange => ({
    path: op.path,
    kind: op.kind,
    pattern: op.pattern,
    laws: Object.fromEntries(ours.map((law) => [law, classify(op, before, after, law)])),
  }));
  return { changes, actions: strongestActions(changes, ours) };
}

/** The strongest action each law requires over some changes. */
export function strongestActions(changes: readonly MaterialChange[], laws: readonly MaterialityLaw[]): Partial<Record<MaterialityLaw, Action>> {
  return Object.fromEntries(laws.map((law) => [law, changes.reduce<Action>((best, c) => stronger(best, c.laws[law]?.action ?? 'none'), 'none')]));
}

/** The articles behind a law's strongest action, each once, in the order of the changes. */
export function strongestArticles(record: Materiality, law: MaterialityLaw): string[] {
  const action = record.actions[law] ?? 'none';
  return [...new Set(record.changes.flatMap((c) => (c.laws[law]?.action === action && c.laws[law]?.article ? [c.laws[law]!.article!] : [])))];
}

/**
 * The record with each change in words in every locale (`describeOps`), as kept in version
 * records and printed by `diff --json`.
 */
export function materialityRecord(before: Facts, after: Facts, laws: readonly string[], library: Library, locales: readonly string[] = ['zh-CN', 'en']): Materiality {
  const ops = diffFacts(before, after);
  const record = materialityOf(ops, before, after, laws);
  const described = describeOps(ops, locales, library, [after, before], laws);
  record.changes.forEach((change, i) => (change.summary = described[i]!.text));
  return record;
}

/** Only the changes at some paths (a document's own changes), the strongest actions recomputed. */
export function restrictTo(record: Materiality, paths: ReadonlySet<string>, laws: readonly string[]): Materiality {
  const changes = record.changes.filter((c) => paths.has(c.path));
  return { changes, actions: strongestActions(changes, MATERIALITY_LAWS.filter((law) => laws.includes(law))) };
}

/**
 * What each law of one document requires for the changes of a comparison (a diff's or an
 * archived version's): the laws that document covers, and only the changes the document
 * shows (a change only in the China document matters to the PIPL only).
 */
export function comparisonMateriality(comparison: Comparison, library: Library): Materiality & { laws: MaterialityLaw[] } {
  const parsedBefore = snapshotFacts(comparison.from.facts);
  const parsedAfter = snapshotFacts(comparison.to.facts);
  const before = (parsedBefore as Facts | undefined) ?? comparison.from.facts;
  const after = (parsedAfter as Facts | undefined) ?? comparison.to.facts;
  const enabled = strings(after.jurisdictions);
  const plan = comparison.to.document === SINGLE || !parsedAfter ? undefined : documentPlans(parsedAfter).find((p) => p.id === comparison.to.document);
  const laws = MATERIALITY_LAWS.filter((law) => (plan ? (plan.laws as string[]) : enabled).includes(law));
  const locales = strings((after.policy as Facts | undefined)?.locales).length ? strings((after.policy as Facts).locales) : comparison.locales;
  const record = materialityRecord(before, after, laws, library, locales);
  // With several documents: the changes this document shows, and any other one its laws require a step for
  // (a category's new purpose or a transfer's new recipient may alter no clause of their own).
  const shown = comparison.to.document === SINGLE ? record : restrictTo(record, new Set([...comparison.changes.map((c) => c.path), ...record.changes.filter((c) => laws.some((law) => c.laws[law]?.action !== 'none')).map((c) => c.path)]), laws);
  return { ...shown, laws };
}

/** The laws among some records that require consent (again, or separate) for their changes. */
export function lawsAskingConsent(records: readonly Materiality[]): MaterialityLaw[] {
  return MATERIALITY_LAWS.filter((law) => records.some((r) => r.actions[law] === 'consent' || r.actions[law] === 'separate-consent'));
}

/**
 * A warning when some law requires consent for these changes and the data file does not say
 * how the company asks for it again (`policy_changes.consent`): the notice then cannot say how.
 */
export function reconsentMissing(laws: readonly MaterialityLaw[], facts: Record<string, unknown>, file: string): Diagnostic[] {
  if (!laws.length || (facts.policy_changes as { consent?: unknown } | undefined)?.consent) return [];
  return [{ id: 'reconsent-missing', severity: 'warning', file, path: 'policy_changes.consent', ...say('reconsentMissing.message', { laws: laws.map((law) => LAW_NAMES[law]).join(', ') }, 'reconsentMissing.fix') }];
}
