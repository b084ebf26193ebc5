/**
 * Materiality per law (src/versions/materiality.ts): the fixture history in
 * test/fixtures/materiality (v1 → v2: a new purpose, a new US recipient, a longer retention)
 * gives, for each of the five laws, the table written below by hand from the laws:
 *
 * - product_analytics is a new purpose on consent under PIPL → consent again (PIPL Art. 14
 *   para. 2); on legitimate interests under the GDPR and UK GDPR → tell before that
 *   processing (Art. 13(3)); CCPA → new notice at collection (1798.100(a)(1)); LGPD → tell in
 *   advance (Art. 8 §6; not on consent there, so not Art. 9 §2).
 * - Tally Analytics, a processor in the US → PIPL separate consent (Art. 39: abroad; a
 *   processor, so not Art. 23); the transfer to the US now names it (from CN) → Art. 39 too;
 *   LGPD: sharing changed → Art. 8 §6; GDPR, UK GDPR, CCPA: no step of their own.
 * - device_logs kept 12 months instead of 6 → PIPL tell the change (Art. 17 para. 2); LGPD
 *   duration → Art. 8 §6; the others nothing.
 * - a template-only wording fix → no change, `none` for every law.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { ACTIONS, ARTICLES, classify, materiality, materialityRecord, type Materiality } from '../src/versions/materiality.js';
import { diffFacts } from '../src/versions/facts-diff.js';
import { factsFrom, library } from './helpers/library.js';

const FIXTURES = join(PACKAGE_ROOT, 'test', 'fixtures', 'materiality');
const v1 = factsFrom(readFileSync(join(FIXTURES, 'v1.yaml'), 'utf8'), 'v1.yaml') as unknown as Record<string, unknown>;
const v2 = factsFrom(readFileSync(join(FIXTURES, 'v2.yaml'), 'utf8'), 'v2.yaml') as unknown as Record<string, unknown>;
const ALL = ['pipl', 'gdpr', 'uk', 'ccpa', 'lgpd'];

/** A row: path, then per law [action, citation] (or 'none'). */
type Row = [path: string, pipl: [string, string] | 'none', gdpr: [string, string] | 'none', uk: [string, string] | 'none', ccpa: [string, string] | 'none', lgpd: [string, string] | 'none'];

/** The table as rows, the order of the laws fixed, so a failing test shows the whole table. */
function rows(record: Materiality): Row[] {
  return record.changes.map((c) => [c.path, ...(['pipl', 'gdpr', 'uk', 'ccpa', 'lgpd'] as const).map((law) => {
    const a = c.laws[law];
    return !a || a.action === 'none' ? 'none' : [a.action, a.article ?? ''];
  })] as Row);
}

const EXPECTED: Row[] = [
  ['purposes[product_analytics]', ['consent', 'PIPL Art. 14 para. 2'], ['inform', 'GDPR Art. 13(3)'], ['inform', 'UK GDPR Art. 13(3)'], ['notice-at-collection', 'Cal. Civ. Code § 1798.100(a)(1)'], ['inform', 'LGPD Art. 8 §6']],
  ['data_categories[device_logs].purposes[product_analytics]', ['consent', 'PIPL Art. 14 para. 2'], ['inform', 'GDPR Art. 13(3)'], ['inform', 'UK GDPR Art. 13(3)'], ['notice-at-collection', 'Cal. Civ. Code § 1798.100(a)(1)'], ['inform', 'LGPD Art. 8 §6']],
  ['data_categories[device_logs].retention.period', ['inform', 'PIPL Art. 17 para. 2'], 'none', 'none', 'none', ['inform', 'LGPD Art. 8 §6']],
  ['recipients[Tally Analytics]', ['separate-consent', 'PIPL Art. 39'], 'none', 'none', 'none', ['inform', 'LGPD Art. 8 §6']],
  ['transfers[US].recipients[Tally Analytics]', ['separate-consent', 'PIPL Art. 39'], 'none', 'none', 'none', ['inform', 'LGPD Art. 8 §6']],
];

describe('materiality of the fixture history v1 → v2', () => {
  const record = materiality(v1, v2, ALL);

  it('gives the table expected from the five laws, change by change', () => {
    expect(rows(record).sort((a, b) => a[0].localeCompare(b[0]))).toEqual([...EXPECTED].sort((a, b) => a[0].localeCompare(b[0])));
  });

  it('gives the strongest action per law', () => {
    expect(record.actions).toEqual({ pipl: 'separate-consent', gdpr: 'inform', uk: 'inform', ccpa: 'notice-at-collection', lgpd: 'inform' });
  });

  it('reads a change only under the laws asked for (a document scoped to PIPL, one to the others)', () => {
    expect(Object.keys(materiality(v1, v2, ['pipl']).actions)).toEqual(['pipl']);
    expect(materiality(v1, v2, ['gdpr', 'uk', 'ccpa', 'lgpd']).actions).toEqual({ gdpr: 'inform', uk: 'inform', ccpa: 'notice-at-collection', lgpd: 'inform' });
  });

  it('a template-only change (the same facts) asks nothing of any law', () => {
    const none = materiality(v1, structuredClone(v1), ALL);
    expect(none).toEqual({ changes: [], actions: { pipl: 'none', gdpr: 'none', uk: 'none', ccpa: 'none', lgpd: 'none' } });
  });

  it('a change of presentation or of how the company notifies asks nothing', () => {
    const after = structuredClone(v1) as Record<string, any>;
    after.policy.url = 'https://nimbusnotes.example/privacy-policy';
    after.policy_changes.inform.days_in_advance = 14;
    const r = materiality(v1, after, ALL);
    expect(r.changes.map((c) => c.path).sort()).toEqual(['policy.url', 'policy_changes.inform.days_in_advance']);
    expect(r.actions).toEqual({ pipl: 'none', gdpr: 'none', uk: 'none', ccpa: 'none', lgpd: 'none' });
  });

  it('keeps the stable record shape, every change in both languages', async () => {
    const full = materialityRecord(v1, v2, ALL, await library());
    expect(Object.keys(full).sort()).toEqual(['actions', 'changes']);
    for (const change of full.changes) {
      expect(Object.keys(change).sort()).toEqual(['kind', 'laws', 'path', 'pattern', 'summary']);
      expect(Object.keys(change.summary!).sort()).toEqual(['en', 'zh-CN']);
      for (const a of Object.values(change.laws)) {
        expect(ACTIONS).toContain(a.action);
        if (a.action !== 'none') expect(Object.values(ARTICLES)).toContain(a.article);
      }
    }
    const recipient = full.changes.find((c) => c.path === 'recipients[Tally Analytics]')!;
    expect(recipient.summary!.en).toMatch(/Tally Analytics/);
    expect(recipient.summary!['zh-CN']).toMatch(/Tally Analytics/);
    // JSON round trip: what a version record keeps is what was computed.
    expect(JSON.parse(JSON.stringify(full))).toEqual(full);
  });
});

describe('each rule, one change at a time', () => {
  const base = v1 as Record<string, any>;
  const one = (change: (facts: Record<string, any>) => void, law: string) => {
    const after = structuredClone(base);
    change(after);
    const ops = diffFacts(base, after);
    expect(ops.length, 'the edit makes changes').toBeGreaterThan(0);
    return materiality(base, after, [law]).actions[law as 'pipl'];
  };

  it('PIPL: new sensitive information needs separate consent (Art. 29)', () => {
    const after = structuredClone(base);
    after.data_categories.find((c: any) => c.id === 'payment').sensitive = true;
    after.data_categories.find((c: any) => c.id === 'payment').necessity = { 'zh-CN': '必要', en: 'needed' };
    const r = materiality(base, after, ['pipl']);
    expect(r.changes.find((c) => c.path === 'data_categories[payment].sensitive')!.laws.pipl).toEqual({ action: 'separate-consent', article: 'PIPL Art. 29' });
  });

  it('PIPL: a domestic processor is told (Art. 17 para. 2); a domestic controller needs separate consent (Art. 23); abroad and a controller, Arts. 23 and 39', () => {
    const recipient = (role: string, country: string) => (f: Record<string, any>) => f.recipients.push({ name: 'Acme', role, service: { 'zh-CN': '服务', en: 'service' }, country, data: ['account'] });
    const article = (role: string, country: string) => {
      const after = structuredClone(base);
      recipient(role, country)(after);
      return materiality(base, after, ['pipl']).changes[0]!.laws.pipl;
    };
    expect(article('processor', 'CN')).toEqual({ action: 'inform', article: 'PIPL Art. 17 para. 2' });
    expect(article('controller', 'CN')).toEqual({ action: 'separate-consent', article: 'PIPL Art. 23' });
    expect(article('controller', 'US')).toEqual({ action: 'separate-consent', article: 'PIPL Arts. 23, 39' });
  });

  it('PIPL: a new purpose on a basis other than consent is told, not consented to again', () => {
    expect(
      one((f) => f.purposes.push({ id: 'fraud', description: { 'zh-CN': '防欺诈', en: 'preventing fraud' }, bases: { pipl: 'contract', gdpr: 'contract', lgpd: 'contract' } }), 'pipl'),
    ).toBe('inform');
  });

  it('GDPR and UK GDPR: a new purpose on consent needs new consent (Arts. 6(1)(a), 7); not carried out there, nothing', () => {
    const purpose = (gdpr: string) => (f: Record<string, any>) => f.purposes.push({ id: 'x', description: { 'zh-CN': '某目的', en: 'a purpose' }, bases: { pipl: 'consent', gdpr, lgpd: 'consent' } });
    expect(one(purpose('consent'), 'gdpr')).toBe('consent');
    expect(one(purpose('consent'), 'uk')).toBe('consent');
    expect(one(purpose('not_applicable'), 'gdpr')).toBe('none');
    expect(one(purpose('not_applicable'), 'uk')).toBe('none');
  });

  it('CCPA: a new sensitive category needs a notice at collection under 1798.100(a)(2)', () => {
    const after = structuredClone(base);
    after.data_categories.push({ ...structuredClone(base.data_categories[0]), id: 'passport', ccpa_sensitive: 'government_identifiers' });
    expect(materiality(base, after, ['ccpa']).changes[0]!.laws.ccpa).toEqual({ action: 'notice-at-collection', article: 'Cal. Civ. Code § 1798.100(a)(2)' });
  });

  it('LGPD: a new purpose on consent cites Art. 9 §2 as well; the controller changed is told (Art. 8 §6)', () => {
    const after = structuredClone(base);
    after.purposes.push({ id: 'x', description: { 'zh-CN': '某目的', en: 'a purpose' }, bases: { pipl: 'consent', gdpr: 'consent', lgpd: 'consent' } });
    expect(materiality(base, after, ['lgpd']).changes[0]!.laws.lgpd).toEqual({ action: 'inform', article: 'LGPD Art. 8 §6; Art. 9 §2' });
    expect(one((f) => (f.controller.email = 'privacy@other.example'), 'lgpd')).toBe('inform');
    expect(one((f) => (f.controller.email = 'privacy@other.example'), 'gdpr')).toBe('none');
  });

  it('classify reads one change under one law', () => {
    const after = structuredClone(base);
    after.data_categories[0].retention.period = '90 days';
    const [op] = diffFacts(base, after);
    expect(classify(op!, base, after, 'ccpa')).toEqual({ action: 'none' });
    expect(classify(op!, base, after, 'pipl')).toEqual({ action: 'inform', article: 'PIPL Art. 17 para. 2' });
  });
});
