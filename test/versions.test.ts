/**
 * Versions: the release ledger, verify, stamps from the ledger, fact changes, redlines,
 * change notices, the archive and its Atom feed.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { build } from '../src/pipeline/build.js';
import { compose, composeAll, formatDate, localeDocuments } from '../src/compose/compose.js';
import { loadLibrary, type Library } from '../src/library/library.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { CATALOGUE } from '../src/diagnostics.js';
import { launchArgs } from '../src/render/browser.js';
import { chromium, describeWith } from './helpers/browser.js';
import * as versions from '../src/versions/index.js';
import { splitClauses } from '../src/versions/attribute.js';
import { compareSides } from '../src/versions/compare.js';
import { describeOps } from '../src/versions/describe.js';
import { diffFacts } from '../src/versions/facts-diff.js';
import { diff } from '../src/pipeline/diff.js';
import { entryHash, ledgerPath, readLedger, sha256, type LedgerEntry } from '../src/versions/ledger.js';
import { redline } from '../src/versions/redline.js';
import { redlineHtml } from '../src/versions/redline-html.js';
import { release } from '../src/pipeline/release.js';
import { diffWordsLocale, tokenize } from '../src/versions/segment.js';
import type { Side } from '../src/versions/sides.js';
import { localeText } from '../src/versions/text.js';
import { verifyLedger } from '../src/versions/verify.js';
import { runCli } from './helpers/cli.js';
import { copyLibraryRoot, factsFrom, library } from './helpers/library.js';
import { pdfFonts, pdfText } from './helpers/pdf-readback.js';
import { edit, exampleWorkspaces } from './helpers/workspace.js';

const EXAMPLE = join(PACKAGE_ROOT, 'data', 'example.yaml');
const FIXTURES = join(PACKAGE_ROOT, 'test', 'fixtures', 'versions');

const { workspace } = exampleWorkspaces('policygen-versions-');

/** A longer retention period than the one the data has: a real (and key) change of facts. */
const otherPeriod = (period: string) => {
  const longer = period.startsWith('account lifetime') ? 'account lifetime + 10 years' : '10 years';
  return period === longer ? longer.replace('10', '11') : longer;
};

/** Release notes, as a company would write them (release requires one in each language). */
const FIRST = { 'zh-CN': '首次发布。', en: 'First release.' };
const LONGER = { 'zh-CN': '延长了部分个人信息的保存期限。', en: 'We now keep some personal information longer.' };

/** Two released versions: v1 as the example is, v2 with the first category kept longer. */
async function twoVersions(lib: Library): Promise<string> {
  const file = workspace();
  expect((await release(file, { date: '2026-03-07', library: lib, note: FIRST })).status).toBe('released');
  edit(file, (d) => {
    d.data_categories[0].retention.period = otherPeriod(d.data_categories[0].retention.period);
  });
  expect((await release(file, { date: '2026-04-01', library: lib, note: { 'zh-CN': '请查看保存期限的变化。', en: 'Please see the change of retention.' } })).status).toBe('released');
  return file;
}

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);
/** The example publishes a China document and a global document (policy.documents: by_audience); test/documents.test.ts covers the layout itself. */
const DOCUMENTS = ['china', 'global'] as const;
/** Each document in each language, as `<document>/<locale>` below a policy's output folder. */
const PAGES = DOCUMENTS.flatMap((doc) => (['zh-CN', 'en'] as const).map((locale) => ({ doc, locale, at: join(doc, locale) })));
const noSpace = (text: string) => text.replace(/\s+/g, '');

describe('the versions stage', () => {
  it('exports its entry points (release and diff, which read and write files, are pipeline commands)', async () => {
    const pipeline = { ...(await import('../src/pipeline/release.js')), ...(await import('../src/pipeline/diff.js')) };
    for (const name of ['release', 'diff']) expect(typeof (pipeline as Record<string, unknown>)[name], name).toBe('function');
    for (const name of ['verifyLedger', 'compareSides', 'diffFacts', 'describeOps', 'redline', 'redlineHtml', 'noticeMarkdown', 'archiveFiles', 'readReleases', 'stampDocuments', 'tokenize', 'diffWordsLocale']) {
      expect(typeof (versions as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('registers its diagnostic ids in the catalogue', () => {
    for (const id of ['ledger-invalid', 'ledger-tampered', 'release-date', 'unknown-version']) expect(CATALOGUE).toHaveProperty(id);
  });
});

describe('release ledger', () => {
  it('releasing twice with different facts gives versions 1 and 2; releasing unchanged gives no version 3', async () => {
    const lib = await library();
    const file = workspace();
    const first = await release(file, { date: '2026-03-07', library: lib, note: FIRST });
    expect(first.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(first).toMatchObject({ status: 'released', entry: { version: 1, kind: 'initial', previous: null } });
    expect(first.ledgerFile).toBe(ledgerPath(file));

    edit(file, (d) => {
      d.data_categories[0].retention.period = otherPeriod(d.data_categories[0].retention.period);
    });
    const second = await release(file, { date: '2026-04-01', library: lib, note: LONGER });
    expect(second).toMatchObject({ status: 'released', entry: { version: 2, kind: 'facts', previous: first.entry!.hash } });

    const before = readFileSync(ledgerPath(file));
    const third = await release(file, { date: '2026-05-01', library: lib, note: LONGER });
    expect(third.status).toBe('unchanged');
    expect(third.previous?.version).toBe(2);
    expect(readFileSync(ledgerPath(file)).equals(before)).toBe(true);
    expect(lines(ledgerPath(file))).toHaveLength(2);
  });

  it('an entry holds the facts, the Markdown of each locale, their sha256, the previous hash, the date, the policygen version and the template fingerprint — and no clock time', async () => {
    const lib = await library();
    const file = workspace();
    await release(file, { date: '2026-03-07', library: lib, note: FIRST });
    const [line] = lines(ledgerPath(file));
    const entry = JSON.parse(line!) as LedgerEntry;
    const facts = parseYaml(readFileSync(file, 'utf8'));
    expect(entry.facts.controller).toEqual(facts.controller);
    expect(entry.documents.map((d) => `${d.document}/${d.locale}`)).toEqual(['china/zh-CN', 'china/en', 'global/zh-CN', 'global/en']);
    const composed = localeDocuments(composeAll(factsFrom(readFileSync(file, 'utf8')), lib, { date: '2026-03-07' }));
    expect(entry.documents.map((d) => d.markdown)).toEqual(composed.map((d) => d.markdown));
    for (const doc of entry.documents) expect(doc.markdown_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(entry.facts_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(entry).toMatchObject({ version: 1, effective_date: '2026-03-07', previous: null, template_fingerprint: lib.fingerprint });
    expect(entry.policygen_version).toBe(JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')).version);
    // Nothing that looks like a time of day outside the snapshot's own text.
    const { facts: _facts, documents: _documents, ...meta } = entry;
    expect(JSON.stringify(meta)).not.toMatch(/\d{2}:\d{2}/);
  });

  it('the same release gives the same bytes', async () => {
    const lib = await library();
    const a = workspace();
    const b = workspace();
    await release(a, { date: '2026-03-07', library: lib, note: FIRST });
    await release(b, { date: '2026-03-07', library: lib, note: FIRST });
    expect(readFileSync(ledgerPath(a)).equals(readFileSync(ledgerPath(b)))).toBe(true);
  });

  it('a change of template or locale wording alone (same facts) is released and labelled as such', async () => {
    const file = workspace();
    await release(file, { date: '2026-03-07', library: await library(), note: FIRST });
    const root = copyLibraryRoot();
    for (const locale of ['zh-CN', 'en']) {
      const path = join(root, 'locales', locale, 'policy.json');
      const data = JSON.parse(readFileSync(path, 'utf8'));
      data.clauses.contact.title += locale === 'en' ? ' (revised)' : '（修订）';
      writeFileSync(path, JSON.stringify(data));
    }
    const reworded = await loadLibrary({ root });
    const result = await release(file, { date: '2026-04-01', library: reworded, noNote: true });
    expect(result).toMatchObject({ status: 'released', entry: { version: 2, kind: 'wording' } });
    expect(result.entry!.template_fingerprint).not.toBe(result.previous!.template_fingerprint);
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses a date earlier than the newest release', async () => {
    const lib = await library();
    const file = workspace();
    await release(file, { date: '2026-03-07', library: lib, note: FIRST });
    edit(file, (d) => {
      d.data_categories[0].retention.period = otherPeriod(d.data_categories[0].retention.period);
    });
    const before = readFileSync(ledgerPath(file));
    const result = await release(file, { date: '2026-03-06', library: lib, note: LONGER });
    expect(result.status).toBe('failed');
    expect(result.diagnostics.map((d) => d.id)).toContain('release-date');
    expect(readFileSync(ledgerPath(file)).equals(before)).toBe(true);
  });
});

describe('verify', () => {
  async function threeVersions(): Promise<string> {
    const lib = await library();
    const file = await twoVersions(lib);
    edit(file, (d) => {
      d.data_categories[0].retention.period = otherPeriod(d.data_categories[0].retention.period);
    });
    expect((await release(file, { date: '2026-05-01', library: lib, note: LONGER })).entry?.version).toBe(3);
    return file;
  }

  it('a ledger as written verifies', async () => {
    const file = await threeVersions();
    const report = verifyLedger(await readLedger(file));
    expect(report).toMatchObject({ ok: true, versions: 3, problems: [] });
    expect(report.head).toBe(JSON.parse(lines(ledgerPath(file))[2]!).hash);
  });

  it('an edited facts snapshot is reported with its version number', async () => {
    const file = await threeVersions();
    const ledger = ledgerPath(file);
    const entries = lines(ledger).map((l) => JSON.parse(l));
    entries[0].facts.controller.email = 'someone-else@example.com';
    writeFileSync(ledger, entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
    const report = verifyLedger(await readLedger(file));
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => [p.version, p.diagnostic.id])).toEqual([[1, 'ledger-tampered']]);
    expect(report.problems[0]!.diagnostic.message).toMatch(/version 1: the facts snapshot was changed/);
  });

  it('an entry edited with its hashes recomputed breaks the chain at that version', async () => {
    const file = await threeVersions();
    const ledger = ledgerPath(file);
    const entries = lines(ledger).map((l) => JSON.parse(l) as LedgerEntry);
    // A careful forger: changes version 2's text and fixes every hash of that entry.
    const doc = entries[1]!.documents[1]!;
    doc.markdown = doc.markdown.replace(/\n\n/, '\n\nWe sell your data.\n\n');
    doc.markdown_sha256 = sha256(doc.markdown);
    entries[1]!.hash = entryHash(entries[1]!);
    writeFileSync(ledger, entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
    const report = verifyLedger(await readLedger(file));
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.version)).toEqual([2]);
    expect(report.problems[0]!.diagnostic.message).toMatch(/version 2 was replaced after version 3 was recorded/);
  });

  it('a deleted entry is reported with the missing version number', async () => {
    const file = await threeVersions();
    const ledger = ledgerPath(file);
    const kept = lines(ledger).filter((_, i) => i !== 1);
    writeFileSync(ledger, kept.join('\n') + '\n');
    const report = verifyLedger(await readLedger(file));
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => [p.version, p.diagnostic.id])).toEqual([[2, 'ledger-tampered']]);
    expect(report.problems[0]!.diagnostic.message).toBe('version 2 is missing: the entry for version 3 follows version 1');
    expect(report.problems[0]!.diagnostic.line).toBe(2);
  });

  it('a line that is not an entry is reported with its line number, and release refuses to extend the ledger', async () => {
    const file = await threeVersions();
    writeFileSync(ledgerPath(file), readFileSync(ledgerPath(file), 'utf8') + '{"oops": \n');
    const report = verifyLedger(await readLedger(file));
    expect(report.diagnostics.map((d) => [d.id, d.line])).toEqual([['ledger-invalid', 4]]);
    edit(file, (d) => {
      d.data_categories[0].retention.period = '9 years';
    });
    expect((await release(file, { date: '2026-06-01', library: await library(), note: LONGER })).status).toBe('failed');
  });
});

// ---------------------------------------------------------------------------------------
// Fact changes.

async function fixtureSides(lib: Library): Promise<{ before: Side; after: Side }> {
  const side = (name: string, version: number): Side => {
    const path = join(FIXTURES, 'changes', name);
    const facts = factsFrom(readFileSync(path, 'utf8'), path);
    return { document: 'policy', version, date: '2026-01-15', facts: facts as unknown as Record<string, unknown>, documents: compose(facts, lib, { date: '2026-01-15' }).documents };
  };
  return { before: side('before.yaml', 1), after: side('after.yaml', 2) };
}

describe('fact changes', () => {
  it('the fixture change set is described exactly, in both languages, with importance and jurisdictions', async () => {
    const lib = await library();
    const { before, after } = await fixtureSides(lib);
    const { changes } = compareSides(before, after, lib);
    const got = changes.map((c) => ({ zh: c.text['zh-CN'], en: c.text.en, importance: c.importance, jurisdictions: c.jurisdictions }));
    const all = ['pipl', 'gdpr', 'uk'];
    const expected = [
      { zh: '新增受托处理方：Upstash（Redis 缓存）', en: 'New sub-processor: Upstash (Redis cache)', importance: 1, jurisdictions: all },
      { zh: '新增跨境传输：美国（接收方：Upstash）', en: 'New international transfer: United States (recipients: Upstash)', importance: 1, jurisdictions: all },
      { zh: '对话数据保存期限：30 天 → 60 天', en: 'Conversation data retention: 30 days → 60 days', importance: 1, jurisdictions: all },
      { zh: '本政策新增适用：英国（UK GDPR）', en: 'The policy now also applies under UK (UK GDPR)', importance: 1, jurisdictions: ['uk'] },
      { zh: '安全措施新增：存储加密', en: 'Security measures added: encryption at rest', importance: 2, jurisdictions: all },
      { zh: '无需监护人同意即可使用服务的最低年龄：14 → 16', en: 'Minimum age to use the service without a guardian: 14 → 16', importance: 2, jurisdictions: all },
      { zh: '新设数据保护官：王芳（dpo@duihua.example）', en: 'New data protection officer: Wang Fang (dpo@duihua.example)', importance: 2, jurisdictions: ['gdpr', 'uk'] },
      { zh: '隐私事务联系邮箱：privacy@duihua.example → dataprotection@duihua.example', en: 'Privacy contact email: privacy@duihua.example → dataprotection@duihua.example', importance: 2, jurisdictions: all },
    ];
    const byText = (list: { zh: string }[]) => [...list].sort((a, b) => a.zh.localeCompare(b.zh));
    expect(byText(got)).toEqual(byText(expected));
  });

  it('each change names the clauses its text changes, with their numbers in each language', async () => {
    const lib = await library();
    const { before, after } = await fixtureSides(lib);
    const { changes } = compareSides(before, after, lib);
    const clausesOf = (en: string) => changes.find((c) => c.text.en.startsWith(en))!.clauses;
    expect(clausesOf('New sub-processor')).toContain('sharing');
    expect(clausesOf('New international transfer')).toContain('transfers');
    expect(clausesOf('Conversation data retention')).toContain('retention');
    expect(clausesOf('Security measures')).toEqual(['security']);
    expect(clausesOf('Minimum age')).toContain('children');
    expect(clausesOf('New data protection officer')).toContain('contact');
    expect(clausesOf('Privacy contact email')).toContain('contact');
    // Every clause named really differs between the versions, and its reference is the
    // newer version's number in that language.
    const texts = (side: Side, locale: string) => splitClauses(side.documents.find((d) => d.locale === locale)!);
    for (const change of changes) {
      for (const locale of ['zh-CN', 'en']) {
        const headings = after.documents.find((d) => d.locale === locale)!.headings;
        expect(change.clauseRefs[locale]).toEqual(change.clauses.map((id) => headings.find((h) => h.id === id)!.refText));
        for (const id of change.clauses) expect(texts(before, locale).get(id), `${change.text.en} → ${id}`).not.toBe(texts(after, locale).get(id));
      }
    }
    const zhRefs = changes.find((c) => c.text.en.startsWith('Conversation data retention'))!.clauseRefs['zh-CN']!;
    expect(zhRefs[0]).toMatch(/^第.+部分/);
  });

  it('lists the most important changes first, then in the order of the document', async () => {
    const lib = await library();
    const { before, after } = await fixtureSides(lib);
    const { changes } = compareSides(before, after, lib);
    const order = after.documents[0]!.headings.map((h) => h.id);
    const first = (ids: string[]) => Math.min(...ids.map((id) => order.indexOf(id)).filter((i) => i >= 0), Infinity);
    for (let i = 1; i < changes.length; i++) {
      const [a, b] = [changes[i - 1]!, changes[i]!];
      expect(a.importance <= b.importance).toBe(true);
      if (a.importance === b.importance) expect(first(a.clauses) <= first(b.clauses)).toBe(true);
    }
  });

  it('describes a field it has no wording for (one added to the schema later) instead of failing', async () => {
    const lib = await library();
    const before = { jurisdictions: ['gdpr'], gdpr: { child_consent_age: 16 } };
    const after = { jurisdictions: ['gdpr'], gdpr: { child_consent_age: 16, brand_new_flag: true, brand_new_block: { level: 3 } } };
    const ops = diffFacts(before, after);
    expect(ops.map((o) => [o.kind, o.path])).toEqual([
      ['added', 'gdpr.brand_new_flag'],
      ['added', 'gdpr.brand_new_block'],
    ]);
    const changes = describeOps(ops, ['zh-CN', 'en'], lib, [after, before]);
    expect(changes.map((c) => c.text.en)).toEqual(['Brand new flag added: yes', 'Brand new block added: Level: 3']);
    expect(changes.map((c) => c.text['zh-CN'])).toEqual(['字段“brand_new_flag”新增：是', '字段“brand_new_block”新增：字段“level”：3']);
  });

  it('matches list items by identity, not position, and ignores the data file\'s own effective date', () => {
    const a = { policy: { effective_date: '2026-01-01' }, recipients: [{ name: 'A', country: 'CN' }, { name: 'B', country: 'US' }] };
    const b = { policy: { effective_date: '2026-02-01' }, recipients: [{ name: 'B', country: 'DE' }, { name: 'A', country: 'CN' }] };
    expect(diffFacts(a, b).map((o) => [o.kind, o.path, o.before, o.after])).toEqual([['changed', 'recipients[B].country', 'US', 'DE']]);
  });
});

// ---------------------------------------------------------------------------------------
// Redline.

describe('redline', () => {
  const glossary = (lib: Library, locale: string) => localeText(lib, locale).resource('versions.glossary') as string[];

  it('marks a Chinese sentence change by words, not characters', async () => {
    const lib = await library();
    const before = '我们只在实现以下用途所必需的期限内保存您的个人信息。';
    const after = '我们只在实现下列目的所必需的最短期限内保存您的个人信息。';
    const parts = diffWordsLocale(before, after, 'zh-CN', glossary(lib, 'zh-CN'));
    const changed = parts.filter((p) => p.type !== 'same');
    // Each inserted or deleted run is made of whole words of its own sentence.
    const words = (text: string) => new Set(tokenize(text, 'zh-CN', glossary(lib, 'zh-CN')));
    const wholeWords = (run: string, sentence: string) => {
      const tokens = tokenize(sentence, 'zh-CN', glossary(lib, 'zh-CN'));
      for (let i = 0; i < tokens.length; i++) {
        let joined = '';
        for (let j = i; j < tokens.length && joined.length < run.length; j++) joined += tokens[j];
        if (joined === run) return true;
      }
      return false;
    };
    for (const part of changed) expect(wholeWords(part.text, part.type === 'del' ? before : after), part.text).toBe(true);
    expect(changed.find((p) => p.type === 'del' && p.text.includes('用途'))?.text).toContain('以下用途');
    expect(changed.find((p) => p.type === 'ins' && p.text.includes('目的'))?.text).toContain('下列目的');
    expect(changed.some((p) => p.type === 'ins' && p.text.includes('最短'))).toBe(true);
    // Character by character would have cut 以下 and 用途 apart (以|下 shared with 下列).
    expect(changed.every((p) => p.text.length > 1)).toBe(true);
    expect(words(before).has('用途')).toBe(true);
    // The joined parts rebuild both sentences.
    expect(parts.filter((p) => p.type !== 'ins').map((p) => p.text).join('')).toBe(before);
    expect(parts.filter((p) => p.type !== 'del').map((p) => p.text).join('')).toBe(after);
  });

  it('keeps glossary terms whole', async () => {
    const lib = await library();
    const tokens = tokenize('个人信息处理者应当取得个人的单独同意，并告知境外接收方和个人信息保护负责人的联系方式。', 'zh-CN', glossary(lib, 'zh-CN'));
    for (const term of ['个人信息处理者', '单独同意', '境外接收方', '个人信息保护负责人']) expect(tokens).toContain(term);
    const parts = diffWordsLocale('处理敏感个人信息应当取得个人的单独同意。', '处理敏感个人信息应当取得个人的书面同意。', 'zh-CN', glossary(lib, 'zh-CN'));
    expect(parts.filter((p) => p.type !== 'same')).toEqual([
      { type: 'del', text: '单独同意' },
      { type: 'ins', text: '书面同意' },
    ]);
    const en = tokenize('We ask for your separate consent before processing sensitive personal information.', 'en', glossary(lib, 'en'));
    expect(en).toContain('separate consent');
    expect(en).toContain('sensitive personal information');
  });

  it('shows a moved clause as moved, not as deleted and inserted', async () => {
    const lib = await library();
    const facts = factsFrom(readFileSync(EXAMPLE, 'utf8'));
    const section = facts.custom_sections[0];
    expect(section, 'the example has a custom section').toBeDefined();
    const moved = structuredClone(facts);
    moved.custom_sections[0]!.after = 'contact' === section!.after ? 'intro' : 'contact';
    const a = compose(facts, lib, { date: '2026-03-07' }).documents;
    const b = compose(moved, lib, { date: '2026-03-07' }).documents;
    for (const locale of ['zh-CN', 'en']) {
      const result = redline(a.find((d) => d.locale === locale)!, b.find((d) => d.locale === locale)!, glossary(lib, locale));
      const statuses = result.clauses.filter((c) => c.id === section!.id).map((c) => c.status);
      expect(statuses.sort()).toEqual(['moved', 'moved-away']);
      expect(result.clauses.filter((c) => c.status === 'added' || c.status === 'removed')).toEqual([]);
      const html = redlineHtml(result, localeText(lib, locale));
      expect(html).toContain(`class="clause moved" id="c-${section!.id}"`);
      expect(html).toMatch(/class="moved-away"/);
      expect(html).not.toMatch(new RegExp(`<del>${section!.title[locale]}`));
    }
    const { changes } = compareSides({ document: 'policy', version: 1, date: '2026-03-07', facts: facts as never, documents: a }, { document: 'policy', version: 2, date: '2026-03-07', facts: moved as never, documents: b }, lib);
    expect(changes.map((c) => [c.message, c.clauses])).toEqual([['section_moved.changed', [section!.id]]]);
  });

  it('writes <ins> and <del> around changed words and escapes the text', async () => {
    const lib = await library();
    const doc = (text: string) => ({ locale: 'en', title: 'T', stamp: 'S', markdown: `# T\n\nS\n\n## 1. Heading\n\n${text}\n`, headings: [{ id: 'h', level: 1, label: '1.', title: 'Heading', refText: 'Section 1' }] });
    const result = redline(doc('We keep <b>logs</b> for 30 days.'), doc('We keep <b>logs</b> for 60 days.'), []);
    const html = redlineHtml(result, localeText(lib, 'en'));
    // A duration is one token: "30 days" → "60 days", not "30" → "60" inside a kept "days".
    expect(html).toContain('<del>30 days</del>');
    expect(html).toContain('<ins>60 days</ins>');
    expect(html).toContain('&#60;b&#62;logs&#60;/b&#62;');
    expect(html).not.toContain('<b>');
  });
});

describe('notices', () => {
  it('a hostile fact is text in the notice and the redline, never markup', async () => {
    const lib = await library();
    const { before, after } = await fixtureSides(lib);
    // (Bracketed text such as [x] is refused by the loader as a placeholder.)
    const payload = '<script>alert(1)</script><img src=x onerror="alert(2)">';
    const hostile = structuredClone(after.facts) as Record<string, any>;
    hostile.recipients[1].name = payload;
    hostile.transfers[0].recipients = [payload];
    const facts = factsFrom(stringifyYaml(hostile));
    const side: Side = { document: 'policy', version: 2, date: '2026-02-01', facts: facts as never, documents: compose(facts, lib, { date: '2026-02-01' }).documents };
    const comparison = compareSides(before, side, lib);
    const { noticeDocument, redlineDocument } = await import('../src/versions/render.js');
    for (const locale of ['zh-CN', 'en']) {
      const notice = noticeDocument({ locale, comparison, version: 2, date: '2026-02-01', previous: { version: 1, date: '2026-01-15' }, links: { policy: 'index.html' }, facts: side.facts }, lib, '../assets/');
      expect(notice.html).not.toMatch(/<script|<img/i);
      expect(notice.html).toContain('&#x3C;script>alert(1)&#x3C;/script>');
      const redlineHtml = redlineDocument(comparison, locale, lib, '../assets/')!;
      expect(redlineHtml).not.toMatch(/<script|<img/i);
      expect(redlineHtml).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    }
  });
});

// ---------------------------------------------------------------------------------------
// Build: stamps from the ledger, draft banner, archive.

describe('build with a ledger', () => {
  it('stamps both locales with the newest release date; unreleased changes show a draft banner instead; --date stays for one-off builds', async () => {
    const lib = await library();
    const file = await twoVersions(lib);
    const out = join(dirname(file), 'out');
    const stamp = { 'zh-CN': '最后更新：2026年4月1日', en: 'Last updated: April 1, 2026' } as const;
    const draft = { 'zh-CN': '草稿——尚未发布', en: 'Draft — not released' } as const;

    let report = await build([file], { outDir: out, formats: ['md', 'html'] });
    expect(report.ok).toBe(true);
    // The retention of account data is in both documents: both changed in version 2.
    for (const { locale, at } of PAGES) {
      expect(lines(join(out, 'acme', at, 'policy.md'))[1]).toBe(stamp[locale]);
      const html = readFileSync(join(out, 'acme', at, 'index.html'), 'utf8');
      expect(html).toContain(`<p class="stamp">${stamp[locale]}</p>`);
      expect(html).not.toContain('class="draft"');
    }

    edit(file, (d) => {
      d.data_categories[0].retention.period = '9 years';
    });
    report = await build([file], { outDir: out, formats: ['md', 'html'] });
    expect(report.ok).toBe(true);
    for (const { locale, at } of PAGES) {
      const html = readFileSync(join(out, 'acme', at, 'index.html'), 'utf8');
      expect(html).toContain(`<p class="draft" role="status">${draft[locale]}</p>`);
      expect(html).not.toContain('class="stamp"');
      expect(lines(join(out, 'acme', at, 'policy.md'))[1]).toBe(`**${draft[locale]}**`);
    }

    report = await build([file], { outDir: out, formats: ['md', 'html'], date: '2026-05-01' });
    for (const doc of DOCUMENTS) {
      expect(lines(join(out, 'acme', doc, 'en', 'policy.md'))[1]).toBe('Last updated: May 1, 2026');
      expect(readFileSync(join(out, 'acme', doc, 'zh-CN', 'index.html'), 'utf8')).not.toContain('class="draft"');
    }
  });

  it('without a ledger, the stamp comes from the data file as before, and no archive is written', async () => {
    const file = workspace();
    const out = join(dirname(file), 'out');
    const report = await build([file], { outDir: out, formats: ['md'] });
    expect(report.ok).toBe(true);
    const date = parseYaml(readFileSync(file, 'utf8')).policy.effective_date as string;
    for (const doc of DOCUMENTS) {
      expect(lines(join(out, 'acme', doc, 'en', 'policy.md'))[1]).toBe(`Last updated: ${formatDate(date, 'en')}`);
      expect(existsSync(join(out, 'acme', doc, 'versions'))).toBe(false);
      expect(existsSync(join(out, 'acme', doc, 'feed.xml'))).toBe(false);
    }
    expect(existsSync(join(out, 'acme', 'versions'))).toBe(false);
  });

  it('archives each version byte for byte and lists the archive in the manifest', async () => {
    const lib = await library();
    const file = await twoVersions(lib);
    const out = join(dirname(file), 'out');
    const report = await build([file], { outDir: out, formats: ['md', 'html'] });
    expect(report.ok).toBe(true);
    const entries = lines(ledgerPath(file)).map((l) => JSON.parse(l) as LedgerEntry);
    for (const entry of entries) {
      // Both versions changed both documents (account data's retention is in each).
      expect(entry.documents.map((d) => d.document)).toEqual(['china', 'china', 'global', 'global']);
      for (const doc of entry.documents) {
        expect(readFileSync(join(out, 'acme', doc.document!, 'versions', String(entry.version), doc.locale, 'policy.md'), 'utf8')).toBe(doc.markdown);
      }
    }
    const archived = report.policies[0]!.artifacts.filter((a) => a.format === 'archive').map((a) => a.path);
    for (const doc of DOCUMENTS) {
      expect(archived).toContain(`acme/${doc}/feed.xml`);
      expect(archived).toContain(`acme/${doc}/versions/index.html`);
      expect(archived).toContain(`acme/${doc}/versions/2/zh-CN/redline.html`);
      expect(archived).toContain(`acme/${doc}/versions/2/en/notice.md`);
    }
    expect(archived).toContain('acme/versions/ledger.json');
    // A build is a function of data, templates, locales and ledger: the same bytes again.
    const again = await build([file], { outDir: join(dirname(file), 'out2'), formats: ['md', 'html'] });
    expect(again.policies[0]!.artifacts.map((a) => a.sha256)).toEqual(report.policies[0]!.artifacts.map((a) => a.sha256));
  });

  it('refuses to build on a tampered ledger', async () => {
    const lib = await library();
    const file = await twoVersions(lib);
    const ledger = ledgerPath(file);
    writeFileSync(ledger, lines(ledger).slice(1).join('\n') + '\n');
    const report = await build([file], { outDir: join(dirname(file), 'out'), formats: ['md'] });
    expect(report.ok).toBe(false);
    expect(report.policies[0]!.diagnostics.map((d) => d.id)).toContain('ledger-tampered');
  });
});

// ---------------------------------------------------------------------------------------
// In a browser: notices and redlines as PDF, archive pages and the feed.

describeWith({}, 'in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await puppeteer.launch({ executablePath: chromium!.path, headless: true, args: [...launchArgs] });
  });
  afterAll(async () => browser?.close());

  describeWith({ poppler: true }, 'PDFs read back', () => {
    it('change notices and redlines render in both languages', async () => {
      const lib = await library();
      const file = await twoVersions(lib);
      const out = join(dirname(file), 'diff');
      const report = await diff(file, { from: 1, to: 2, outDir: out, library: lib });
      expect(report.diagnostics).toEqual([]);
      expect(report.changes.length).toBeGreaterThan(0);
      // Each notice names its document: "云笺隐私政策（中国大陆）更新通知", "Nimbus Notes: changes to the Privacy Policy (Outside Mainland China)".
      const audience = { china: { 'zh-CN': '（中国大陆）', en: '(Mainland China)' }, global: { 'zh-CN': '（中国大陆以外地区）', en: '(Outside Mainland China)' } } as const;
      const headings = (doc: 'china' | 'global') => ({
        'zh-CN': [`云笺隐私政策${audience[doc]['zh-CN']}更新通知`, '主要变更', '查看政策', '第 2 版'],
        en: [`Nimbus Notes: changes to the Privacy Policy ${audience[doc].en}`, 'Key changes', 'Read the policy', 'version 2'],
      });
      // The change is in both documents: each has its notice and redline, in its folder.
      expect(report.documents!.map((d) => d.document)).toEqual(['china', 'global']);
      for (const { doc, locale, at } of PAGES) {
        const notice = noSpace(pdfText(join(out, at, 'notice.pdf')));
        for (const h of headings(doc as 'china' | 'global')[locale]) expect(notice).toContain(noSpace(h));
        for (const change of report.changes) expect(notice).toContain(noSpace(change.text[locale]!));
        expect(notice).toContain(noSpace(locale === 'en' ? 'Please see the change of retention.' : '请查看保存期限的变化。'));
        expect(pdfFonts(join(out, at, 'notice.pdf')).some((f) => /NotoSansSC/.test(f.name) && f.embedded)).toBe(true);
        const redlinePdf = noSpace(pdfText(join(out, at, 'redline.pdf')));
        // The redline's heading names the document and the versions, as its PDF title does.
        const redlineHeading = {
          'zh-CN': `云笺 · 隐私政策${audience[doc as 'china' | 'global']['zh-CN']}：第 1 版至第 2 版的修订对照`,
          en: `Nimbus Notes · Privacy Policy ${audience[doc as 'china' | 'global'].en}: changes from version 1 to version 2`,
        }[locale];
        expect(readFileSync(join(out, at, 'redline.html'), 'utf8')).toContain(`<h1>${redlineHeading}</h1>`);
        expect(redlinePdf).toContain(noSpace(redlineHeading));
        expect(readFileSync(join(out, at, 'notice.md'), 'utf8')).toContain(report.changes[0]!.text[locale]);
      }
      // The other language never leaks into a notice.
      for (const doc of DOCUMENTS) expect(pdfText(join(out, doc, 'en', 'notice.pdf'))).not.toMatch(/主要变更|查看政策/);
      const changes = JSON.parse(readFileSync(join(out, 'changes.json'), 'utf8')) as { documents: { document: string; changes: unknown[] }[] };
      expect(changes.documents.map((d) => [d.document, d.changes.length])).toEqual(report.documents!.map((d) => [d.document, d.changes]));
    });

    it('the draft banner is in the PDF of unreleased data', async () => {
      const lib = await library();
      const file = await twoVersions(lib);
      edit(file, (d) => {
        d.data_categories[0].retention.period = '9 years';
      });
      const out = join(dirname(file), 'out');
      const report = await build([file], { outDir: out, formats: ['html', 'pdf'] });
      expect(report.ok).toBe(true);
      for (const doc of DOCUMENTS) {
        expect(noSpace(pdfText(join(out, 'acme', doc, 'zh-CN', 'policy.pdf')))).toContain('草稿——尚未发布');
        expect(noSpace(pdfText(join(out, 'acme', doc, 'en', 'policy.pdf')))).toContain(noSpace('Draft — not released'));
        expect(pdfText(join(out, 'acme', doc, 'en', 'policy.pdf'))).not.toContain('Last updated');
      }
    });
  });

  it('archive pages open without errors, with their language set and every link resolving; the feed is valid Atom', async () => {
    const lib = await library();
    const file = await twoVersions(lib);
    const out = join(dirname(file), 'out');
    expect((await build([file], { outDir: out, formats: ['md', 'html'] })).ok).toBe(true);
    // Each document has its own archive and feed (both changed in both versions).
    const ids = new Set<string>();
    for (const doc of DOCUMENTS) {
      const site = join(out, 'acme', doc);
      const pages = ['versions/index.html', ...[1, 2].flatMap((n) => ['zh-CN', 'en'].flatMap((l) => [`versions/${n}/${l}/index.html`, `versions/${n}/${l}/notice.html`, ...(n === 2 ? [`versions/${n}/${l}/redline.html`] : [])]))];
      for (const rel of pages) {
        const page = await browser.newPage();
        const problems: string[] = [];
        page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
        page.on('pageerror', (e) => problems.push(String(e)));
        page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
        await page.goto(pathToFileURL(join(site, rel)).href, { waitUntil: 'load' });
        expect(problems, rel).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.lang), rel).toMatch(/^(zh-CN|en)$/);
        const links = await page.$$eval('a[href]', (as) => as.map((a) => ({ href: (a as HTMLAnchorElement).href, raw: a.getAttribute('href')! })));
        expect(links.length, rel).toBeGreaterThan(0);
        for (const link of links) {
          const url = new URL(link.href);
          if (url.protocol !== 'file:') continue;
          expect(existsSync(fileURLToPath(url)), `${rel} → ${link.raw}`).toBe(true);
          if (url.hash && url.pathname === new URL(page.url()).pathname) expect(await page.$(`[id="${decodeURIComponent(url.hash.slice(1))}"]`), `${rel} → ${link.raw}`).not.toBeNull();
        }
        await page.close();
      }
      // An archived page says which version it is; the superseded one says so.
      const v1 = readFileSync(join(site, 'versions/1/en/index.html'), 'utf8');
      expect(v1).toContain('You are reading version 1, in effect from March 7, 2026.');
      expect(v1).toContain('It has been replaced by a newer version.');
      expect(v1).toContain('Last updated: March 7, 2026');

      // The feed, parsed as XML by the browser.
      const xml = readFileSync(join(site, 'feed.xml'), 'utf8');
      const page = await browser.newPage();
      const feed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        const ns = 'http://www.w3.org/2005/Atom';
        const error = doc.getElementsByTagName('parsererror')[0]?.textContent ?? null;
        const root = doc.documentElement;
        const entries = Array.from(doc.getElementsByTagNameNS(ns, 'entry')).map((e) => {
          const html = new DOMParser().parseFromString(e.getElementsByTagNameNS(ns, 'content')[0]?.textContent ?? '', 'text/html');
          return {
            id: e.getElementsByTagNameNS(ns, 'id')[0]?.textContent,
            title: e.getElementsByTagNameNS(ns, 'title')[0]?.textContent,
            updated: e.getElementsByTagNameNS(ns, 'updated')[0]?.textContent,
            links: Array.from(e.getElementsByTagNameNS(ns, 'link')).map((l) => l.getAttribute('href')),
            contentType: e.getElementsByTagNameNS(ns, 'content')[0]?.getAttribute('type'),
            langs: Array.from(html.querySelectorAll('div[lang]')).map((d) => d.getAttribute('lang')),
            headings: Array.from(html.querySelectorAll('h1')).map((h) => h.textContent),
          };
        });
        return {
          error,
          root: root.localName,
          ns: root.namespaceURI,
          id: root.querySelector(':scope > id')?.textContent,
          updated: root.querySelector(':scope > updated')?.textContent,
          author: root.querySelector(':scope > author > name')?.textContent,
          entries,
        };
      }, xml);
      await page.close();
      expect(feed.error).toBeNull();
      expect(feed).toMatchObject({ root: 'feed', ns: 'http://www.w3.org/2005/Atom', updated: '2026-04-01T00:00:00Z' });
      expect(feed.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      expect(feed.author).toBeTruthy();
      expect(feed.entries.map((e) => e.updated)).toEqual(['2026-04-01T00:00:00Z', '2026-03-07T00:00:00Z']);
      expect(new Set(feed.entries.map((e) => e.id)).size).toBe(2);
      for (const id of [feed.id, ...feed.entries.map((e) => e.id)]) ids.add(id!);
      for (const entry of feed.entries) {
        expect(entry.id).toMatch(/^urn:uuid:/);
        expect(entry.title).toMatch(doc === 'china' ? /^隐私政策（中国大陆）第 \d 版.* \/ Privacy Policy \(Mainland China\), version \d/ : /^隐私政策（中国大陆以外地区）第 \d 版.* \/ Privacy Policy \(Outside Mainland China\), version \d/);
        expect(entry.contentType).toBe('html');
        expect(entry.langs).toEqual(['zh-CN', 'en']);
        expect(entry.headings).toEqual(
          doc === 'china'
            ? ['云笺隐私政策（中国大陆）更新通知', 'Nimbus Notes: changes to the Privacy Policy (Mainland China)']
            : ['云笺隐私政策（中国大陆以外地区）更新通知', 'Nimbus Notes: changes to the Privacy Policy (Outside Mainland China)'],
        );
        for (const href of entry.links) expect(existsSync(join(site, href!)), href!).toBe(true);
      }
    }
    // Each document's feed and entries have ids of their own.
    expect(ids.size).toBe(6);
  });
});

// ---------------------------------------------------------------------------------------
// The command line.

describe('policygen release / verify / diff', () => {
  it('exit codes and messages', async () => {
    const file = workspace();
    const cwd = dirname(file);
    let r = await runCli(['release', 'acme.yaml', '--date', '2026-03-07', '--note-zh', '首次发布。', '--note-en', 'First release.'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('released acme version 1 (2026-03-07, initial)');

    r = await runCli(['release', 'acme.yaml', '--date', '2026-03-08'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('acme: no change since version 1 (2026-03-07); nothing released');

    r = await runCli(['release', 'acme.yaml'], { cwd });
    expect(r.code).toBe(2);
    r = await runCli(['release', 'acme.yaml', '--date', '2026-03-08', '--note', 'en'], { cwd });
    expect(r.code).toBe(2);

    edit(file, (d) => {
      d.data_categories[0].retention.period = otherPeriod(d.data_categories[0].retention.period);
    });
    r = await runCli(['release', 'acme.yaml', '--date', '2026-03-01', '--note-zh', '说明', '--note-en', 'Note'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[release-date]');
    r = await runCli(['release', 'acme.yaml', '--date', '2026-03-08', '--note-zh', '只有中文'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[release-note]');

    r = await runCli(['diff', 'acme.yaml', '--json'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ command: 'diff', ok: true, from: { version: 1 }, to: { working: true } });
    expect(json.changes[0].text['zh-CN']).toMatch(/保存期限：/);

    r = await runCli(['diff', 'acme.yaml', '--to', '7'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[unknown-version]');

    r = await runCli(['release', 'acme.yaml', '--date', '2026-04-01', '--note-zh', '说明', '--note-en', 'Note', '--json'], { cwd });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, status: 'released', version: 2, kind: 'facts' });

    r = await runCli(['verify', 'acme.yaml'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 versions, hash chain intact/);

    const ledger = ledgerPath(file);
    const entries = lines(ledger).map((l) => JSON.parse(l));
    entries[1].effective_date = '2026-04-02';
    writeFileSync(ledger, entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
    r = await runCli(['verify', 'acme.yaml', '--json'], { cwd });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).problems.map((p: { version: number }) => p.version)).toEqual([2]);

    r = await runCli(['verify', 'nothing-here.yaml'], { cwd });
    expect(r.code).toBe(1);
  });
});

// Issue 15: a ledger emptied or cut short no longer passes; it is compared with what was published.
describe('ledger anchoring', () => {
  it('an empty ledger is an error for verify and for build (no silent fall-back to effective_date)', async () => {
    const file = workspace();
    const cwd = dirname(file);
    writeFileSync(ledgerPath(file), '');
    const r = await runCli(['verify', 'acme.yaml'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[ledger-empty]');
    expect(r.stderr).not.toMatch(/0 versions, hash chain intact/);
    const report = await build([file], { outDir: join(cwd, 'out'), formats: ['md'] });
    expect(report.ok).toBe(false);
    expect(report.policies[0]!.diagnostics.map((d) => d.id)).toEqual(['ledger-empty']);
  });

  it('a ledger that lost its newest version: verify --out names the published archive, build refuses to publish over it', async () => {
    const lib = await library();
    const file = await twoVersions(lib);
    const cwd = dirname(file);
    const out = join(cwd, 'out');
    expect((await build([file], { outDir: out, formats: ['md', 'html'] })).ok).toBe(true);
    const anchor = JSON.parse(readFileSync(join(out, 'acme', 'versions', 'ledger.json'), 'utf8'));
    const head = lines(ledgerPath(file)).map((l) => JSON.parse(l) as LedgerEntry)[1]!.hash;
    expect(anchor).toMatchObject({ head, versions: [{ version: 1 }, { version: 2, hash: head }] });

    writeFileSync(ledgerPath(file), `${lines(ledgerPath(file))[0]}\n`); // a whole chain, one version shorter
    let r = await runCli(['verify', 'acme.yaml'], { cwd }); // no output folder given, none at ./output: the chain alone
    expect(r.code).toBe(0);
    r = await runCli(['verify', 'acme.yaml', '--out', 'out'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[ledger-truncated]');
    expect(r.stderr).toMatch(/the ledger holds 1 version\(s\), but .*versions[/\\]ledger\.json shows 2 published/);
    expect(r.stderr).toMatch(/✗ 1 problem\(s\) in acme\.ledger\.jsonl/);

    const before = readFileSync(join(out, 'manifest.json'), 'utf8');
    const report = await build([file], { outDir: out, formats: ['md', 'html'] });
    expect(report.ok).toBe(false);
    expect(report.policies[0]!.diagnostics.map((d) => d.id)).toEqual(['ledger-truncated']);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(before);
    for (const doc of DOCUMENTS) expect(existsSync(join(out, 'acme', doc, 'versions', '2'))).toBe(true);
  });

  it('verify --expect-head compares the head hash with one kept elsewhere', async () => {
    const lib = await library();
    const file = await twoVersions(lib);
    const cwd = dirname(file);
    const [first, second] = lines(ledgerPath(file)).map((l) => JSON.parse(l) as LedgerEntry);
    expect((await runCli(['verify', 'acme.yaml', '--expect-head', second!.hash], { cwd })).code).toBe(0);
    expect((await runCli(['verify', 'acme.yaml', '--expect-head', second!.hash.slice(0, 16)], { cwd })).code).toBe(0);
    let r = await runCli(['verify', 'acme.yaml', '--expect-head', 'ab'.repeat(32)], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[ledger-head]');
    expect(r.stderr).toContain(`the ledger's head is ${second!.hash.slice(0, 16)}…, not the expected abababababababab…`);
    r = await runCli(['verify', 'acme.yaml', '--expect-head', first!.hash.slice(0, 16)], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is version 1; the ledger has newer versions since/);
    writeFileSync(ledgerPath(file), `${lines(ledgerPath(file))[0]}\n`);
    r = await runCli(['verify', 'acme.yaml', '--expect-head', second!.hash.slice(0, 16), '--json'], { cwd });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).diagnostics.map((d: { id: string }) => d.id)).toEqual(['ledger-head']);
    r = await runCli(['verify', 'acme.yaml', '--expect-head', 'xyz'], { cwd });
    expect(r.code).toBe(2);
  });

  it('a ledger whose last line was cut short: the summary counts that problem (not "0 problems")', async () => {
    const lib = await library();
    const file = await twoVersions(lib);
    const text = readFileSync(ledgerPath(file), 'utf8');
    writeFileSync(ledgerPath(file), text.slice(0, text.length - 200));
    const r = await runCli(['verify', 'acme.yaml'], { cwd: dirname(file) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[ledger-invalid]');
    expect(r.stderr).toMatch(/✗ 1 problem\(s\) in acme\.ledger\.jsonl/);
    expect(r.stderr).not.toMatch(/✗ 0 problems/);
  });
});
