/**
 * Checks that need the whole (schema-valid) data file: ids are unique, references
 * point at defined ids, localized values cover exactly the output languages.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Facts } from './schema.js';
import { closest } from './suggest.js';

export type ReferenceProblem = Omit<Diagnostic, 'file' | 'line' | 'column' | 'path'> & { pathParts: (string | number)[] };

export function checkReferences(facts: Facts): ReferenceProblem[] {
  const out: ReferenceProblem[] = [];
  const err = (id: Diagnostic['id'], pathParts: (string | number)[], message: string, fix: string) =>
    out.push({ id, severity: 'error', pathParts, message, fix });

  const uniqueIds = (list: { id: string }[], field: string) => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      if (seen.has(item.id)) err('duplicate-id', [field, i, 'id'], `the id "${item.id}" is used twice in ${field}`, 'give each entry its own id');
      seen.add(item.id);
    });
    return seen;
  };
  const purposeIds = uniqueIds(facts.purposes, 'purposes');
  const categoryIds = uniqueIds(facts.data_categories, 'data_categories');

  facts.purposes.forEach((p, i) => {
    if (p.legal_basis === 'legitimate_interests' && !p.legitimate_interest) {
      err('missing-field', ['purposes', i, 'legitimate_interest'], `purpose "${p.id}" relies on legitimate interests but does not say which interest`, 'add `legitimate_interest:` with zh-CN and en text describing the interest pursued');
    }
  });
  facts.data_categories.forEach((c, i) =>
    c.purposes.forEach((p, j) => {
      if (!purposeIds.has(p)) err('unknown-reference', ['data_categories', i, 'purposes', j], `no purpose has the id "${p}"`, suggest(p, purposeIds, 'purposes'));
    }),
  );
  const recipientNames = new Set(facts.recipients.map((r) => r.name));
  facts.recipients.forEach((r, i) =>
    r.data.forEach((d, j) => {
      if (!categoryIds.has(d)) err('unknown-reference', ['recipients', i, 'data', j], `no data category has the id "${d}"`, suggest(d, categoryIds, 'data_categories'));
    }),
  );
  facts.transfers.forEach((t, i) =>
    t.recipients.forEach((name, j) => {
      if (!recipientNames.has(name)) err('unknown-reference', ['transfers', i, 'recipients', j], `no recipient is named "${name}"`, suggest(name, recipientNames, 'recipients'));
    }),
  );

  if (facts.ccpa) {
    for (const field of ['sold_or_shared_12m', 'disclosed_for_business_purpose_12m'] as const) {
      facts.ccpa[field].forEach((d, j) => {
        if (!categoryIds.has(d)) err('unknown-reference', ['ccpa', field, j], `no data category has the id "${d}"`, suggest(d, categoryIds, 'data_categories'));
      });
    }
  }
  const sectionIds = new Set<string>();
  facts.custom_sections.forEach((section, i) => {
    if (sectionIds.has(section.id)) err('duplicate-id', ['custom_sections', i, 'id'], `the id "${section.id}" is used twice in custom_sections`, 'give each section its own id');
    sectionIds.add(section.id);
  });

  // Every string: no placeholders left from drafting, no invisible or direction-changing characters.
  const strings = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === 'string') {
      const placeholder = PLACEHOLDER.exec(value);
      if (placeholder) err('placeholder', path, `"${placeholder[0]}" is a placeholder, not the real value`, 'replace it with the actual text before publishing');
      const hidden = HIDDEN.exec(value);
      if (hidden) {
        const code = `U+${hidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
        err('suspicious-text', path, `the text contains the invisible character ${code}, which can make it display differently from what it says`, 'retype the value without it (copying from documents or chats often brings these in)');
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
        if (!(locale in obj)) err('missing-translation', path, `this text has no ${locale} version`, `add \`${locale}: …\` (policy.locales lists ${locale})`);
      }
      for (const key of Object.keys(obj)) {
        if (!locales.includes(key)) {
          const near = closest(key, locales);
          err('unknown-locale', [...path, key], `"${key}" is not one of the output languages (${locales.join(', ')})`, near ? `did you mean "${near}"?` : `remove it, or add ${key} to policy.locales`);
        }
      }
      return;
    }
    for (const [k, v] of Object.entries(obj)) walk(v, [...path, k]);
  };
  walk(facts, []);
  return out;
}

/** Drafting placeholders seen in real policies: [公司地址], [Company Address], TODO, XXX, 待定… */
const PLACEHOLDER = /\[[^\]\n]{0,40}(?:公司|地址|名称|日期|法院|管辖|填写|company|address|name|date|jurisdiction|court|insert|placeholder)[^\]\n]{0,40}\]|【[^】]{0,40}】|\b(?:TODO|TBD|TBC|FIXME|XXX+|lorem ipsum)\b|待定|待补充|待填写|此处填写/i;

/** Bidirectional overrides/isolates and zero-width characters. */
const HIDDEN = /[\u202A-\u202E\u2066-\u2069\u200B-\u200F\u2060\uFEFF\u00AD]/u;

function suggest(value: string, known: Set<string>, field: string): string {
  const near = closest(value, [...known]);
  return near ? `did you mean "${near}"?` : `use one of the ids defined in ${field}: ${[...known].join(', ')}`;
}
