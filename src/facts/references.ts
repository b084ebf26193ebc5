/**
 * Checks that need the whole (schema-valid) data file: ids are unique, references
 * point at defined ids, localized values cover exactly the output languages.
 */
import type { Diagnostic } from '../diagnostics.js';
import { say } from '../messages.js';
import type { Facts } from './schema.js';
import { closest } from './suggest.js';

export type ReferenceProblem = Omit<Diagnostic, 'file' | 'line' | 'column' | 'path'> & { pathParts: (string | number)[] };

export function checkReferences(facts: Facts): ReferenceProblem[] {
  const out: ReferenceProblem[] = [];
  const err = (id: Diagnostic['id'], pathParts: (string | number)[], text: ReturnType<typeof say>) => out.push({ id, severity: 'error', pathParts, ...text });

  const uniqueIds = (list: { id: string }[], field: string) => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      if (seen.has(item.id)) err('duplicate-id', [field, i, 'id'], say('duplicateId.message', { id: item.id, list: field }, 'duplicateId.fix'));
      seen.add(item.id);
    });
    return seen;
  };
  const purposeIds = uniqueIds(facts.purposes, 'purposes');
  const categoryIds = uniqueIds(facts.data_categories, 'data_categories');

  facts.purposes.forEach((p, i) => {
    const laws = Object.entries(p.bases).filter(([, basis]) => basis === 'legitimate_interests').map(([law]) => law);
    if (laws.length && !p.legitimate_interest) {
      err('missing-field', ['purposes', i, 'legitimate_interest'], say('interestMissing.message', { purpose: p.id, laws: laws.join(', ') }, 'interestMissing.fix'));
    }
    const obliged = Object.entries(p.bases).filter(([, basis]) => basis === 'legal_obligation').map(([law]) => law);
    if (obliged.length && !p.obligations?.length) {
      err('missing-field', ['purposes', i, 'obligations'], say('obligationMissing.message', { purpose: p.id, laws: obliged.join(', ') }, 'obligationMissing.fix'));
    }
  });
  facts.data_categories.forEach((c, i) => {
    const r = c.retention;
    if (r.period === undefined && r.criteria === undefined) err('missing-field', ['data_categories', i, 'retention', 'period'], say('retentionMissing.message', { category: c.id }, 'retentionMissing.fix'));
    const keeps = r.period !== 'not stored' && r.period !== 'until processed';
    if (keeps && !r.after_expiry) err('missing-field', ['data_categories', i, 'retention', 'after_expiry'], say('afterExpiryMissing.message', { category: c.id }, 'afterExpiryMissing.fix'));
  });
  facts.data_categories.forEach((c, i) =>
    c.purposes.forEach((p, j) => {
      if (!purposeIds.has(p)) err('unknown-reference', ['data_categories', i, 'purposes', j], suggest('unknownPurpose.message', p, purposeIds, 'purposes'));
    }),
  );
  // Transfers name recipients, and SDKs by any of their names.
  const recipientNames = new Set(allRecipients(facts).flatMap((r) => r.names));
  facts.recipients.forEach((r, i) =>
    r.data.forEach((d, j) => {
      if (!categoryIds.has(d)) err('unknown-reference', ['recipients', i, 'data', j], suggest('unknownCategory.message', d, categoryIds, 'data_categories'));
    }),
  );
  facts.sdks.forEach((sdk, i) => {
    sdk.data.forEach((d, j) => {
      if (!categoryIds.has(d)) err('unknown-reference', ['sdks', i, 'data', j], suggest('unknownCategory.message', d, categoryIds, 'data_categories'));
    });
    sdk.purposes?.forEach((p, j) => {
      if (!purposeIds.has(p)) err('unknown-reference', ['sdks', i, 'purposes', j], suggest('unknownPurpose.message', p, purposeIds, 'purposes'));
    });
    if (!sdk.purposes && !sdk.purpose) err('missing-field', ['sdks', i, 'purposes'], say('sdkPurposeMissing.message', { sdk: sdk.name.en ?? '' }, 'sdkPurposeMissing.fix'));
  });
  facts.permissions.forEach((permission, i) =>
    permission.purposes?.forEach((p, j) => {
      if (!purposeIds.has(p)) err('unknown-reference', ['permissions', i, 'purposes', j], suggest('unknownPurpose.message', p, purposeIds, 'purposes'));
    }),
  );
  facts.transfers.forEach((t, i) =>
    t.recipients.forEach((name, j) => {
      if (!recipientNames.has(name)) err('unknown-reference', ['transfers', i, 'recipients', j], suggest('unknownRecipient.message', name, recipientNames, facts.sdks.length ? 'recipients, sdks' : 'recipients'));
    }),
  );

  if (facts.ccpa) {
    for (const field of ['sold_or_shared_12m', 'disclosed_for_business_purpose_12m'] as const) {
      facts.ccpa[field].forEach((d, j) => {
        if (!categoryIds.has(d)) err('unknown-reference', ['ccpa', field, j], suggest('unknownCategory.message', d, categoryIds, 'data_categories'));
      });
    }
  }
  const sectionIds = new Set<string>();
  facts.custom_sections.forEach((section, i) => {
    if (sectionIds.has(section.id)) err('duplicate-id', ['custom_sections', i, 'id'], say('duplicateId.message', { id: section.id, list: 'custom_sections' }, 'duplicateId.fix'));
    sectionIds.add(section.id);
  });

  // Every string: no placeholders left from drafting, no invisible or direction-changing characters.
  const strings = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === 'string') {
      const placeholder = PLACEHOLDER.exec(value);
      if (placeholder) err('placeholder', path, say('placeholder.message', { text: placeholder[0] }, 'placeholder.fix'));
      // A zero-width joiner inside an emoji sequence (👨‍👩‍👧) is part of the emoji, not hidden text.
      const hidden = HIDDEN.exec(value.replace(EMOJI_JOINER, '$1'));
      if (hidden) {
        const code = `U+${hidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
        err('suspicious-text', path, say('hiddenCharacter.message', { code }, 'hiddenCharacter.fix'));
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => strings(v, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, [...path, k]);
  };
  strings(facts, []);

  // Localized values: every output language present, no stray language keys.
  const locales = facts.policy.locales;
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, [...path, i]));
    if (!value || typeof value !== 'object') return;
    const obj = value as Record<string, unknown>;
    if ('zh-CN' in obj && 'en' in obj) {
      for (const locale of locales) {
        if (!(locale in obj)) err('missing-translation', path, say('missingTranslation.message', { locale }, 'missingTranslation.fix'));
      }
      // A translation left in the other language: English text as zh-CN, Chinese as en.
      const zh = obj['zh-CN'];
      if (typeof zh === 'string' && !CJK.test(zh) && (zh.match(/[A-Za-z]{2,}/g) ?? []).length >= 4) {
        err('wrong-language', [...path, 'zh-CN'], say('wrongLanguage.message', { locale: 'zh-CN' }, 'wrongLanguage.fixZh'));
      }
      const en = obj.en;
      if (typeof en === 'string' && CJK.test(en) && !/[A-Za-z]{2,}/.test(en)) {
        err('wrong-language', [...path, 'en'], say('wrongLanguage.message', { locale: 'en' }, 'wrongLanguage.fixEn'));
      }
      for (const key of Object.keys(obj)) {
        if (!locales.includes(key)) {
          const near = closest(key, locales);
          err('unknown-locale', [...path, key], say('unknownLocale.message', { key, locales: locales.join(', ') }, near ? 'unknownLocale.fixSuggest' : 'unknownLocale.fix', { key, suggestion: near ?? '' }));
        }
      }
      return;
    }
    for (const [k, v] of Object.entries(obj)) walk(v, [...path, k]);
  };
  walk(facts, []);
  return out;
}

/** A company that receives personal information: an entry of recipients[] or an SDK of sdks[]. */
export interface AnyRecipient {
  kind: 'recipient' | 'sdk';
  /** Where it is in the data file, e.g. ['sdks', 1]. */
  at: [string, number];
  /** The names a transfer may list it by: a recipient's name; an SDK's name in each language. */
  names: string[];
  /** The name to show in a message: the recipient's name, the SDK's English name. */
  label: string;
  country: string;
  role: 'processor' | 'controller' | 'affiliate';
  data: string[];
}

/** Every recipient of personal information, SDKs included, for the checks that treat them alike (transfers). */
export function allRecipients(facts: Pick<Facts, 'recipients' | 'sdks'>): AnyRecipient[] {
  return [
    ...facts.recipients.map((r, i): AnyRecipient => ({ kind: 'recipient', at: ['recipients', i], names: [r.name], label: r.name, country: r.country, role: r.role, data: r.data })),
    ...(facts.sdks ?? []).map((sdk, i): AnyRecipient => {
      const names = [...new Set(Object.values(sdk.name).map(String))];
      return { kind: 'sdk', at: ['sdks', i], names, label: String(sdk.name.en ?? names[0]), country: sdk.country, role: sdk.role, data: sdk.data };
    }),
  ];
}

/** Han characters: a zh-CN text without any is not Chinese. */
const CJK = /\p{Script=Han}/u;

/**
 * Drafting placeholders seen in real policies: [公司地址], [Company Address], [Clipo], TODO,
 * XXX, 待定… Any short bracketed text counts (published policy text has no use for it),
 * except Markdown link syntax, which is rendered inert instead.
 */
export const PLACEHOLDER = /\[[^\]\n]{1,60}\](?!\()|【[^】]{0,40}】|\b(?:TODO|TBD|TBC|FIXME|XXX+|lorem ipsum)\b|待定|待补充|待填写|此处填写/i;

/** A zero-width joiner between two pictographs (with their optional presentation selector or skin-tone modifier). */
const EMOJI_JOINER = /(\p{Extended_Pictographic}[\uFE0F\u{1F3FB}-\u{1F3FF}]?)\u200D(?=\p{Extended_Pictographic})/gu;

/** Bidirectional overrides/isolates and zero-width characters. */
const HIDDEN = /[\u202A-\u202E\u2066-\u2069\u200B-\u200F\u2060\uFEFF\u00AD]/u;

function suggest(messageKey: string, value: string, known: Set<string>, field: string): ReturnType<typeof say> {
  const near = closest(value, [...known]);
  if (near) return say(messageKey, { id: value }, 'refSuggest.fix', { suggestion: near });
  // A long list (up to 2,000 entries) would bury the message: name the first few, and how many there are.
  const ids = [...known].slice(0, MAX_LISTED).map((id) => (id.length > 60 ? `${id.slice(0, 59)}…` : id));
  return known.size > MAX_LISTED
    ? say(messageKey, { id: value }, 'refOneOfMany.fix', { field, ids: ids.join(', '), count: known.size })
    : say(messageKey, { id: value }, 'refOneOf.fix', { field, ids: ids.join(', ') });
}

const MAX_LISTED = 10;
