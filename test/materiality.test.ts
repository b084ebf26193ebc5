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
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { ACTIONS, ARTICLES, classify, materiality, materialityRecord, type Materiality } from '../src/versions/materiality.js';
import { diffFacts } from '../src/versions/facts-diff.js';
import { loadLibrary, type Library } from '../src/library/library.js';
import { diff } from '../src/pipeline/diff.js';
import { release } from '../src/pipeline/release.js';
import { copyLibraryRoot, factsFrom, library } from './helpers/library.js';
import { runCli } from './helpers/cli.js';
import { edit, exampleWorkspaces, replaced } from './helpers/workspace.js';

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
  ['data_categories[device_logs].retention.period', ['inform', 'PIPL Art. 17 para. 2'], 'none', 'none', ['notice-at-collection', 'Cal. Civ. Code § 1798.100(a)(3)'], ['inform', 'LGPD Art. 8 §6']],
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
    expect(classify(op!, base, after, 'ccpa')).toEqual({ action: 'notice-at-collection', article: 'Cal. Civ. Code § 1798.100(a)(3)' });
    expect(classify(op!, base, after, 'gdpr')).toEqual({ action: 'none' });
    expect(classify(op!, base, after, 'pipl')).toEqual({ action: 'inform', article: 'PIPL Art. 17 para. 2' });
  });
});

describe('diff, release and the change notice show it', () => {
  const { workspace } = exampleWorkspaces('policygen-materiality-');
  const notes = { 'zh-CN': '本次更新的说明。', en: 'Why we updated the policy.' };
  /** The library with a template-only wording fix: the contact clause's opening sentence, in both languages. */
  async function fixedLibrary(): Promise<Library> {
    const root = copyLibraryRoot();
    for (const [locale, from, to] of [
      ['en', 'For questions, requests or complaints about', 'If you have questions, requests or complaints about'],
      ['zh-CN', '如您对本政策或您的个人信息有任何疑问', '如您就本政策或您的个人信息有任何疑问'],
    ] as const) {
      const path = join(root, 'locales', locale, 'policy.json');
      writeFileSync(path, replaced(readFileSync(path, 'utf8'), `locales/${locale}/policy.json`, [[from, to]]));
    }
    return loadLibrary({ root });
  }
  /** A workspace with v1 released, then v2 (facts) released with the wording fix. */
  async function history(): Promise<{ file: string; fixed: Library; released: Awaited<ReturnType<typeof release>> }> {
    const file = workspace();
    copyFileSync(join(FIXTURES, 'v1.yaml'), file);
    expect((await release(file, { date: '2026-03-07', note: notes, library: await library() })).status).toBe('released');
    copyFileSync(join(FIXTURES, 'v2.yaml'), file);
    const fixed = await fixedLibrary();
    const released = await release(file, { date: '2026-04-01', note: notes, library: fixed });
    expect(released.status).toBe('released');
    expect(released.entry!.kind).toBe('facts_and_wording');
    return { file, fixed, released };
  }

  it('release reports the strongest action per law, the wording fix adding nothing', async () => {
    const { released } = await history();
    expect(released.materiality!.actions).toEqual({ pipl: 'separate-consent', gdpr: 'inform', uk: 'inform', ccpa: 'notice-at-collection', lgpd: 'inform' });
    expect(released.diagnostics.filter((d) => d.id === 'reconsent-missing')).toEqual([]);
  });

  it('diff gives each document the table of its own laws, and each notice says what each law requires, in both languages', async () => {
    const { file, fixed } = await history();
    const out = join(dirname(file), 'diff');
    const report = await diff(file, { from: 1, to: 2, outDir: out, formats: ['md'], library: fixed });
    expect(report.ok, JSON.stringify(report.diagnostics)).toBe(true);
    const byDoc = Object.fromEntries(report.materiality!.map((m) => [m.document, m]));
    expect(Object.keys(byDoc).sort()).toEqual(['china', 'global']);
    expect(byDoc.china!.laws).toEqual(['pipl']);
    expect(byDoc.china!.actions).toEqual({ pipl: 'separate-consent' });
    expect(byDoc.global!.laws).toEqual(['gdpr', 'uk', 'ccpa', 'lgpd']);
    expect(byDoc.global!.actions).toEqual({ gdpr: 'inform', uk: 'inform', ccpa: 'notice-at-collection', lgpd: 'inform' });
    // Each document's rows are the hand-written table's, read under that document's laws only.
    const project = (rows: Row[], laws: number[]) => rows.map((r) => [r[0], ...laws.map((i) => r[i])]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(project(rows(byDoc.china!), [1])).toEqual(project(EXPECTED, [1]));
    expect(project(rows(byDoc.global!), [2, 3, 4, 5])).toEqual(project(EXPECTED, [2, 3, 4, 5]));

    // changes.json in the --out folder carries the same per-document record.
    const changesJson = JSON.parse(readFileSync(join(out, 'changes.json'), 'utf8')) as { documents: { document: string; materiality: { laws: string[]; actions: Record<string, string> } }[] };
    expect(Object.fromEntries(changesJson.documents.map((d) => [d.document, d.materiality.actions]))).toEqual({ china: byDoc.china!.actions, global: byDoc.global!.actions });
    const notice = (doc: string, locale: string) => readFileSync(join(out, doc, locale, 'notice.md'), 'utf8');
    const chinaZh = notice('china', 'zh-CN');
    expect(chinaZh).toContain('## 法律要求我们采取的步骤');
    // A new purpose is described with its legal basis under each of the document's laws only.
    expect(chinaZh).toContain('（处理依据——《个人信息保护法》：个人同意）');
    expect(chinaZh).toContain('依据《个人信息保护法》第三十九条，我们向中华人民共和国境外提供您的个人信息，须取得您的单独同意。');
    expect(chinaZh).toContain('依据《个人信息保护法》第十四条第二款，处理目的、处理方式或所处理的个人信息种类有变更的，须重新取得您的同意。');
    expect(chinaZh).toContain('我们将在您下次登录时通过应用内弹窗重新征求您的同意，并征求您的单独同意。');
    expect(chinaZh).toContain('本通知通过电子邮件和应用内通知发送给您，发送时间不晚于变更生效前 30 日。');
    const chinaEn = notice('china', 'en');
    expect(chinaEn).toContain('## What the law requires us to do');
    expect(chinaEn).toContain("Under PIPL Art. 39, providing your personal information to a recipient outside the People's Republic of China needs your separate consent.");
    expect(chinaEn).toContain('We will ask for your consent again, and for your separate consent, when you next sign in, through a prompt in the app.');
    // The China document's notice speaks of the PIPL only.
    expect(chinaEn).not.toMatch(/GDPR|CCPA|LGPD/);

    const globalEn = notice('global', 'en');
    expect(globalEn).toContain('Under GDPR Art. 13(3), we must tell you about a new purpose before we use your personal data for it; this notice does so.');
    expect(globalEn).toContain('Under UK GDPR Art. 13(3)');
    expect(globalEn).toContain('Under Cal. Civ. Code § 1798.100(a)(1), before we collect additional categories of personal information or use it for additional purposes, we must give you notice at or before the point of collection.');
    expect(globalEn).toContain('Under LGPD Art. 8, §6, we must tell you what has changed');
    // No law of this document requires consent: nothing about asking for it.
    expect(globalEn).not.toMatch(/ask for your (?:separate )?consent/);
    expect(globalEn).not.toContain('PIPL');
    expect(globalEn).toContain('(legal ground — GDPR: legitimate interests; LGPD: legitimate interests)');
    const globalZh = notice('global', 'zh-CN');
    expect(globalZh).toContain('依据 GDPR 第 13 条第 3 款，我们为新的目的处理您的个人数据前，应当先告知您该目的，本通知即为该告知。');
    expect(globalZh).toContain('依据 CCPA 第 1798.100(a)(1) 条');
    expect(globalZh).toContain('依据 LGPD 第 8 条第 6 款，我们应当告知您变更内容');
    expect(globalZh).not.toMatch(/征求您的/);
  });

  it('a template-only release asks nothing of any law, and its notice has no such section', async () => {
    const file = workspace();
    copyFileSync(join(FIXTURES, 'v1.yaml'), file);
    await release(file, { date: '2026-03-07', note: notes, library: await library() });
    const fixed = await fixedLibrary();
    const released = await release(file, { date: '2026-04-01', note: notes, library: fixed });
    expect(released.status).toBe('released');
    expect(released.entry!.kind).toBe('wording');
    expect(released.materiality).toEqual({ changes: [], actions: { pipl: 'none', gdpr: 'none', uk: 'none', ccpa: 'none', lgpd: 'none' } });
    const out = join(dirname(file), 'diff');
    const report = await diff(file, { from: 1, to: 2, outDir: out, formats: ['md'], library: fixed });
    expect(report.materiality!.length).toBeGreaterThan(0);
    for (const m of report.materiality!) {
      expect(m.changes).toEqual([]);
      expect(Object.values(m.actions).every((a) => a === 'none')).toBe(true);
    }
    for (const m of report.materiality!) {
      for (const locale of ['zh-CN', 'en']) {
        const text = readFileSync(join(out, m.document, locale, 'notice.md'), 'utf8');
        expect(text).not.toMatch(/法律要求我们采取的步骤|What the law requires us to do/);
      }
    }
  });

  it('warns when a law requires consent and the data file does not say how it is asked again', async () => {
    const file = workspace();
    copyFileSync(join(FIXTURES, 'v1.yaml'), file);
    await release(file, { date: '2026-03-07', note: notes, library: await library() });
    copyFileSync(join(FIXTURES, 'v2.yaml'), file);
    edit(file, (data) => delete data.policy_changes.consent);
    const report = await diff(file, { library: await library() });
    const warning = report.diagnostics.find((d) => d.id === 'reconsent-missing');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toContain('PIPL');
    expect(warning?.fix).toContain('policy_changes.consent');
    // Without the fact, the notice says what the law requires and nothing about how.
    const out = join(dirname(file), 'diff');
    await diff(file, { outDir: out, formats: ['md'], date: '2026-04-01', library: await library() });
    const zh = readFileSync(join(out, 'china', 'zh-CN', 'notice.md'), 'utf8');
    expect(zh).toContain('须取得您的单独同意');
    expect(zh).not.toMatch(/我们将在/);
  });
});

describe('the CLI prints it', () => {
  const { workspace } = exampleWorkspaces('policygen-materiality-cli-');

  it('release prints the strongest action per law; diff prints each document’s table, in English and in Chinese', async () => {
    const file = workspace();
    const cwd = dirname(file);
    copyFileSync(join(FIXTURES, 'v1.yaml'), file);
    expect((await runCli(['release', 'acme.yaml', '--date', '2026-03-07', '--no-note'], { cwd })).code).toBe(0);
    copyFileSync(join(FIXTURES, 'v2.yaml'), file);
    const released = await runCli(['release', 'acme.yaml', '--date', '2026-04-01', '--no-note'], { cwd });
    expect(released.code).toBe(0);
    expect(released.stdout).toContain('strongest action per law: PIPL separate consent; GDPR inform; UK GDPR inform; CCPA notice at collection; LGPD inform');

    const en = await runCli(['diff', 'acme.yaml', '--from', '1', '--to', '2'], { cwd });
    expect(en.code).toBe(0);
    const china = en.stdout.slice(en.stdout.indexOf('what each law requires (china):'), en.stdout.indexOf('what each law requires (global):'));
    expect(china).toContain('New sub-processor: Tally Analytics (feature usage statistics)\n        PIPL: separate consent (PIPL Art. 39)');
    expect(china).toContain('Device and log data retention: 6 months → 12 months\n        PIPL: inform (PIPL Art. 17, para. 2)');
    expect(china).toContain('strongest action per law: PIPL separate consent');
    expect(china).not.toMatch(/GDPR|CCPA|LGPD/);
    expect(en.stdout).toContain('strongest action per law: GDPR inform; UK GDPR inform; CCPA notice at collection; LGPD inform');

    const zh = await runCli(['diff', 'acme.yaml', '--from', '1', '--to', '2', '--lang', 'zh-CN'], { cwd });
    expect(zh.stdout).toContain('新增受托处理方：Tally Analytics（功能使用情况统计）\n        PIPL：单独同意（《个人信息保护法》第三十九条）');
    expect(zh.stdout).toContain('GDPR：告知（GDPR 第 13 条第 3 款）');
    expect(zh.stdout).toContain('各法律的最高要求：PIPL 单独同意');

    const json = JSON.parse((await runCli(['diff', 'acme.yaml', '--from', '1', '--to', '2', '--json'], { cwd })).stdout) as { materiality: { document: string; actions: Record<string, string> }[] };
    expect(json.materiality.map((m) => [m.document, m.actions])).toEqual([
      ['china', { pipl: 'separate-consent' }],
      ['global', { gdpr: 'inform', uk: 'inform', ccpa: 'notice-at-collection', lgpd: 'inform' }],
    ]);
  });
});
