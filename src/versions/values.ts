/**
 * Facts as a reader names them: field labels, item names and values in one locale.
 * Labels come from `versions.fields` in the locale files; a field that has none (one added
 * to the schema later) falls back to the schema's own description, then to its key, so a
 * new field is always described, never a crash.
 */
import { z } from 'zod';
import { descriptionIn, fieldMeta, schemaAtPattern, unwrap } from '../facts/introspect.js';
import { localized, RETENTION_PERIOD } from '../facts/schema/index.js';
import type { FactOp } from './facts-diff.js';
import { isLocalized, isPlainObject } from './facts-diff.js';
import type { LocaleText } from './text.js';

export interface ValueContext {
  lt: LocaleText;
  /** The facts of both sides (newer first), for naming referenced ids. */
  sides: readonly Record<string, unknown>[];
  /** The document's laws, when it has only some of the policy's (a purpose's bases are named for these). */
  laws?: readonly string[];
}

/** Longest value quoted in a change; longer text is "reworded" or shortened. */
export const MAX_VALUE_LENGTH = 120;

/** Schema codes translated by the policy's own `enums.<kind>` keys. */
const ENUM_KINDS: Record<string, string> = {
  'data_categories[].source': 'source',
  'data_categories[].retention.after_expiry': 'after_expiry',
  'recipients[].role': 'recipient_role',
  'transfers[].mechanisms[]': 'transfer_mechanism',
  'cookies[].type': 'cookie_type',
  'rights.channels[].type': 'channel',
};

/** Lists of ids and what they refer to; other id lists are looked up in both. */
const REFERENCES: Record<string, 'data_categories' | 'purposes'> = {
  'data_categories[].purposes[]': 'purposes',
  'recipients[].data[]': 'data_categories',
  'ccpa.sold_or_shared_12m[]': 'data_categories',
  'ccpa.disclosed_for_business_purpose_12m[]': 'data_categories',
};

// ---------------------------------------------------------------------------------------
// The schema's description of a field at a pattern such as `data_categories[].retention.period`.

/** The schema's own "English / 中文" description of a field, when it has one of its own. */
function schemaDescription(pattern: string, locale: string): string | undefined {
  const description = fieldMeta(schemaAtPattern(pattern), { except: localized })?.description;
  if (!description) return undefined;
  return descriptionIn(description, locale).replace(/\s*\([^)]*\)\s*$/, '').trim() || undefined;
}

// ---------------------------------------------------------------------------------------
// Labels.

/** `data_categories[].retention.period` → the label key `data_categories/retention/period`. */
export function labelKey(pattern: string): string {
  return pattern.replace(/\[\]/g, '').split('.').join('/');
}

export function fieldLabel(pattern: string, lt: LocaleText): string {
  const key = `versions.fields.${labelKey(pattern)}`;
  if (lt.has(key)) return lt.t(key);
  const described = schemaDescription(pattern, lt.locale);
  if (described) return described;
  const last = pattern.replace(/\[\]/g, '').split('.').pop() ?? pattern;
  const human = last.replace(/_/g, ' ');
  return lt.t('versions.label.unknown_field', { field: lt.locale.startsWith('zh') ? last : human.charAt(0).toUpperCase() + human.slice(1) });
}

/** What a list item is called: a category's name, a recipient's name, a country… */
export function itemLabel(item: unknown, pattern: string, ctx: ValueContext): string {
  if (isLocalized(item)) return localizedText(item, ctx.lt.locale);
  if (!isPlainObject(item)) return formatValue(item, pattern, ctx);
  for (const field of ['name', 'title', 'description', 'id', 'country', 'value'] as const) {
    const v = item[field];
    if (isLocalized(v)) return localizedText(v, ctx.lt.locale);
    if (typeof v === 'string') return field === 'country' ? ctx.lt.country(v) : v;
  }
  // No naming field: list its fields ("type: email; address: privacy@…").
  const sep = ctx.lt.t('versions.value.separator');
  return Object.entries(item)
    .map(([key, v]) => `${fieldLabel(`${pattern}.${key}`, ctx.lt)}${ctx.lt.t('versions.value.colon')}${formatValue(v, `${pattern}.${key}`, ctx)}`)
    .join(sep);
}

/** The label of the field an operation is about, with the item it belongs to. */
export function opLabel(op: FactOp, ctx: ValueContext): string {
  const owner = op.owners[op.owners.length - 1];
  const listPattern = op.pattern.endsWith('[]') ? op.pattern.slice(0, -2) : op.pattern;
  const field = fieldLabel(listPattern, ctx.lt);
  if (!owner) return field;
  return ctx.lt.t('versions.label.item_field', { item: itemLabel(owner.new ?? owner.old, owner.pattern, ctx), field });
}

/** The item an operation lies inside (e.g. the category whose retention changed). */
export function ownerLabel(op: FactOp, ctx: ValueContext): string {
  const owner = op.owners[op.owners.length - 1];
  return owner ? itemLabel(owner.new ?? owner.old, owner.pattern, ctx) : '';
}

// ---------------------------------------------------------------------------------------
// Values.

export function localizedText(value: Record<string, string>, locale: string): string {
  return value[locale] ?? value.en ?? Object.values(value)[0] ?? '';
}

export function formatRetention(period: string, lt: LocaleText): string {
  if (!RETENTION_PERIOD.test(period)) return period;
  const duration = (text: string) => {
    const [count, unit] = text.split(' ');
    return lt.t(`duration.${unit}`, { count: Number(count) });
  };
  if (period.startsWith('account lifetime')) {
    const extra = period.split(' + ')[1];
    return extra ? lt.t('retention.account_lifetime_plus', { duration: duration(extra) }) : lt.t('retention.account_lifetime');
  }
  return duration(period);
}

/** Orders retention periods: [kept for the account's lifetime?, days]. */
export function retentionRank(period: string): [number, number] {
  const days = (text: string | undefined): number => {
    const m = /^(\d+) (days|months|years)$/.exec(text ?? '');
    if (!m) return 0;
    return Number(m[1]) * ({ days: 1, months: 30, years: 365 } as Record<string, number>)[m[2]!]!;
  };
  if (period.startsWith('account lifetime')) return [1, days(period.split(' + ')[1])];
  return [0, days(period)];
}

export function longerRetention(before: string, after: string): boolean {
  const [a0, a1] = retentionRank(before);
  const [b0, b1] = retentionRank(after);
  return b0 > a0 || (b0 === a0 && b1 > a1);
}

function referenceName(id: string, pattern: string, ctx: ValueContext): string | undefined {
  const kinds = REFERENCES[pattern] ? [REFERENCES[pattern]!] : pattern.endsWith('[]') ? (['data_categories', 'purposes'] as const) : [];
  for (const kind of kinds) {
    for (const side of ctx.sides) {
      const list = side[kind];
      if (!Array.isArray(list)) continue;
      const found = list.find((item) => isPlainObject(item) && item.id === id) as Record<string, unknown> | undefined;
      const text = found?.[kind === 'data_categories' ? 'name' : 'description'];
      if (isLocalized(text)) return localizedText(text, ctx.lt.locale);
    }
  }
  return undefined;
}

function enumName(code: string, pattern: string, ctx: ValueContext): string | undefined {
  const { lt } = ctx;
  if (pattern === 'jurisdictions[]' && lt.has(`versions.jurisdiction.${code}`)) return lt.t(`versions.jurisdiction.${code}`);
  const kind = ENUM_KINDS[pattern] ?? pattern.replace(/\[\]/g, '').split('.').pop();
  if (kind && lt.has(`enums.${kind}.${code}`)) return lt.t(`enums.${kind}.${code}`);
  return undefined;
}

/** One value in the reader's words and language. */
export function formatValue(value: unknown, pattern: string, ctx: ValueContext): string {
  const { lt } = ctx;
  if (value === undefined || value === null) return lt.t('versions.value.none');
  if (isLocalized(value)) return localizedText(value, lt.locale);
  if (typeof value === 'boolean') return lt.t(value ? 'versions.value.yes' : 'versions.value.no');
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (pattern.endsWith('retention.period')) return formatRetention(value, lt);
    if (/(^|[._])country(\[\])?$/.test(pattern) && /^[A-Z]{2}$/.test(value)) return lt.country(value);
    if (pattern === 'custom_sections[].after' && lt.has(`clauses.${value}.title`)) return lt.t(`clauses.${value}.title`);
    // A legal basis under one law (purposes[].bases.pipl …): the short name every law's codes share.
    if (/^purposes\[\]\.bases\.[a-z]+$/.test(pattern) && lt.has(`versions.basis.${value}`)) return lt.t(`versions.basis.${value}`);
    if (unwrap(schemaAtPattern(pattern)) instanceof z.ZodEnum || ENUM_KINDS[pattern] || pattern === 'jurisdictions[]') {
      return enumName(value, pattern, ctx) ?? value;
    }
    return referenceName(value, pattern, ctx) ?? value;
  }
  if (Array.isArray(value)) {
    if (!value.length) return lt.t('versions.value.none');
    return lt.list(value.map((item) => formatValue(item, `${pattern}[]`, ctx)));
  }
  if (isPlainObject(value)) return itemLabel(value, pattern, ctx);
  return String(value);
}

/** Shortens long text for a one-line change description. */
export function shorten(text: string, lt: LocaleText): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_VALUE_LENGTH ? flat : `${flat.slice(0, MAX_VALUE_LENGTH - 1).trimEnd()}${lt.t('versions.value.ellipsis')}`;
}
