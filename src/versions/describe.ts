/**
 * Fact changes in words a reader understands, in every locale: "对话数据保存期限：30 天 →
 * 60 天" / "Conversation data retention: 30 days → 60 days". The fields that matter most
 * (retention, recipients, transfers, categories, purposes, contacts, jurisdictions) have
 * their own sentences; every other field — including fields added to the schema later —
 * gets a generic one built from its label.
 */
import { BASIS_LAWS } from '../facts/schema/codes.js';
import type { Library } from '../library/library.js';
import { type FactOp, isPlainObject } from './facts-diff.js';
import { localeText } from './text.js';
import { fieldLabel, formatValue, longerRetention, MAX_VALUE_LENGTH, opLabel, ownerLabel, shorten, type ValueContext } from './values.js';

/** 1 = key change (told first), 2 = other change, 3 = minor. */
export type Importance = 1 | 2 | 3;

export interface FactChange {
  kind: FactOp['kind'];
  /** The wording used, under `versions.change.` (e.g. `retention_period.changed`). */
  message: string;
  /** Where in the data, e.g. `data_categories[notes].retention.period`. */
  path: string;
  /** Where in the schema, e.g. `data_categories[].retention.period`. */
  pattern: string;
  importance: Importance;
  /** The sentence per locale. */
  text: Record<string, string>;
  /** Ids of the clauses whose text this change alters. */
  clauses: string[];
  /** Clause references per locale, e.g. { zh-CN: ['第七条'], en: ['Section 7'] }. */
  clauseRefs: Record<string, string[]>;
  /** Jurisdiction codes the change concerns. */
  jurisdictions: string[];
}

type Vars = Record<string, string>;

interface Rule {
  pattern: string;
  /** The message under `versions.change.`, or undefined to use the generic one. */
  message: (op: FactOp) => string | undefined;
  importance: (op: FactOp) => Importance;
  vars?: (op: FactOp, ctx: ValueContext) => Vars;
}

const field = (item: unknown, key: string): unknown => (isPlainObject(item) ? item[key] : undefined);
const value = (op: FactOp): unknown => (op.kind === 'removed' ? op.before : op.after);
/** A purpose's legal basis under each law that names one: "PIPL: consent; GDPR: legitimate interests". */
function basesText(bases: unknown, ctx: ValueContext): string {
  const zh = ctx.lt.locale.startsWith('zh');
  const entries = BASIS_LAWS.filter((law) => !ctx.laws || ctx.laws.includes(law)).filter((law) => isPlainObject(bases) && typeof bases[law] === 'string').map((law) => `${ctx.lt.t(`versions.law.${law}`)}${zh ? '：' : ': '}${formatValue((bases as Record<string, unknown>)[law], `purposes[].bases.${law}`, ctx)}`);
  return entries.length ? entries.join(zh ? '；' : '; ') : ctx.lt.t('versions.value.none');
}
const byKind = (name: string) => (op: FactOp) => `${name}.${op.kind}`;

const RULES: readonly Rule[] = [
  { pattern: 'jurisdictions[]', message: byKind('jurisdiction'), importance: () => 1 },
  {
    pattern: 'data_categories[]',
    message: byKind('category'),
    importance: (op) => (op.kind === 'added' ? 1 : 2),
    vars: (op, ctx) => ({ name: formatValue(field(value(op), 'name'), 'data_categories[].name', ctx), examples: formatValue(field(value(op), 'examples'), 'data_categories[].examples', ctx) }),
  },
  {
    pattern: 'data_categories[].retention.period',
    message: (op) => (op.kind === 'changed' ? 'retention_period.changed' : undefined),
    importance: (op) => (op.kind === 'changed' && longerRetention(String(op.before), String(op.after)) ? 1 : 2),
  },
  { pattern: 'data_categories[].retention.after_expiry', message: (op) => (op.kind === 'changed' ? 'after_expiry.changed' : undefined), importance: () => 2 },
  { pattern: 'data_categories[].sensitive', message: (op) => (op.kind === 'changed' ? (op.after ? 'sensitive.on' : 'sensitive.off') : undefined), importance: (op) => (op.after ? 1 : 2) },
  { pattern: 'data_categories[].required', message: (op) => (op.kind === 'changed' ? (op.after ? 'required.on' : 'required.off') : undefined), importance: () => 2 },
  { pattern: 'data_categories[].purposes[]', message: byKind('category_purpose'), importance: (op) => (op.kind === 'added' ? 1 : 3) },
  {
    pattern: 'purposes[]',
    message: byKind('purpose'),
    importance: (op) => (op.kind === 'added' ? 1 : 2),
    vars: (op, ctx) => ({ value: formatValue(field(value(op), 'description'), 'purposes[].description', ctx), basis: basesText(field(value(op), 'bases'), ctx) }),
  },
  { pattern: 'purposes[].description', message: (op) => (op.kind === 'changed' ? 'purpose_description.changed' : undefined), importance: () => 2 },
  { pattern: 'custom_sections[].after', message: (op) => (op.kind === 'changed' ? 'section_moved.changed' : undefined), importance: () => 3 },
  { pattern: 'custom_sections[].title', message: (op) => (op.kind === 'changed' ? 'section_title.changed' : undefined), importance: () => 3 },
  ...BASIS_LAWS.map(
    (law): Rule => ({
      pattern: `purposes[].bases.${law}`,
      message: (op) => (op.kind === 'changed' ? 'legal_basis.changed' : undefined),
      importance: () => 1,
      vars: (_op, ctx) => ({ law: ctx.lt.t(`versions.law.${law}`) }),
    }),
  ),
  {
    pattern: 'recipients[]',
    message: (op) => (op.kind === 'added' ? `recipient.added_${String(field(op.after, 'role'))}` : 'recipient.removed'),
    importance: (op) => (op.kind === 'added' ? 1 : 2),
    vars: (op, ctx) => ({ name: String(field(value(op), 'name')), service: formatValue(field(value(op), 'service'), 'recipients[].service', ctx) }),
  },
  { pattern: 'recipients[].country', message: (op) => (op.kind === 'changed' ? 'recipient_country.changed' : undefined), importance: () => 1 },
  { pattern: 'recipients[].data[]', message: byKind('recipient_data'), importance: (op) => (op.kind === 'added' ? 1 : 3) },
  {
    pattern: 'transfers[]',
    message: byKind('transfer'),
    importance: (op) => (op.kind === 'added' ? 1 : 2),
    vars: (op, ctx) => ({ country: formatValue(field(value(op), 'country'), 'transfers[].country', ctx), recipients: formatValue(field(value(op), 'recipients'), 'transfers[].recipients', ctx) }),
  },
  { pattern: 'transfers[].recipients[]', message: byKind('transfer_recipient'), importance: (op) => (op.kind === 'added' ? 1 : 2) },
  { pattern: 'transfers[].mechanisms[]', message: byKind('transfer_mechanism'), importance: () => 2 },
  {
    pattern: 'cookies[]',
    message: byKind('cookie'),
    importance: (op) => (op.kind === 'removed' ? 3 : ['analytics', 'marketing'].includes(String(field(op.after, 'type'))) ? 1 : 2),
    vars: (op, ctx) => ({
      name: String(field(value(op), 'name')),
      type: formatValue(field(value(op), 'type'), 'cookies[].type', ctx),
      purpose: formatValue(field(value(op), 'purpose'), 'cookies[].purpose', ctx),
    }),
  },
  { pattern: 'products[]', message: byKind('product'), importance: () => 2, vars: (op, ctx) => ({ value: formatValue(field(value(op), 'name'), 'products[].name', ctx) }) },
  { pattern: 'custom_sections[]', message: byKind('section'), importance: () => 2, vars: (op, ctx) => ({ value: formatValue(field(value(op), 'title'), 'custom_sections[].title', ctx) }) },
  {
    pattern: 'automated_decisions[]',
    message: byKind('automated'),
    importance: (op) => (op.kind === 'added' ? 1 : 2),
    vars: (op, ctx) => ({ value: shorten(formatValue(field(value(op), 'description'), 'automated_decisions[].description', ctx), ctx.lt) }),
  },
  ...(['dpo', 'pipo'] as const).map(
    (pattern): Rule => ({
      pattern,
      message: (op) => (op.kind === 'changed' ? undefined : `contact_person.${op.kind}`),
      importance: () => 2,
      vars: (op, ctx) => ({ label: fieldLabel(pattern, ctx.lt), name: formatValue(field(value(op), 'name'), `${pattern}.name`, ctx), email: String(field(value(op), 'email') ?? '') }),
    }),
  ),
];

function genericMessage(op: FactOp, from: string, to: string): { message: string; importance: Importance } {
  const minor = op.pattern.startsWith('policy.');
  if (op.kind === 'changed' && (from.length > MAX_VALUE_LENGTH || to.length > MAX_VALUE_LENGTH)) return { message: 'generic.reworded', importance: 3 };
  return { message: `generic.${op.kind}`, importance: minor ? 3 : 2 };
}

/**
 * Describes every operation in every locale. `sides` are the facts of both versions
 * (newer first), used to name ids such as purposes and data categories; `laws`, a document's
 * laws, limits what is named per law (a purpose's legal bases) to that document's.
 */
export function describeOps(ops: readonly FactOp[], locales: readonly string[], library: Library, sides: readonly Record<string, unknown>[], laws?: readonly string[]): FactChange[] {
  return ops.map((op) => {
    const rule = RULES.find((r) => r.pattern === op.pattern);
    const ruleMessage = rule?.message(op);
    let message = '';
    let importance: Importance = 2;
    const text: Record<string, string> = {};
    for (const locale of locales) {
      const ctx: ValueContext = { lt: localeText(library, locale), sides, ...(laws ? { laws } : {}) };
      const shown = (v: unknown) => formatValue(v, op.pattern, ctx);
      const from = shown(op.before);
      const to = shown(op.after);
      const chosen = ruleMessage ? { message: ruleMessage, importance: rule!.importance(op) } : genericMessage(op, from, to);
      message = chosen.message;
      importance = chosen.importance;
      const vars: Vars = {
        label: opLabel(op, ctx),
        item: ownerLabel(op, ctx),
        value: shorten(shown(value(op)), ctx.lt),
        from: shorten(from, ctx.lt),
        to: shorten(to, ctx.lt),
        ...(ruleMessage ? rule?.vars?.(op, ctx) : {}),
      };
      text[locale] = ctx.lt.t(`versions.change.${message}`, vars);
    }
    return { kind: op.kind, message, path: op.path, pattern: op.pattern, importance, text, clauses: [], clauseRefs: {}, jurisdictions: [] };
  });
}
